import { useMemo, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Row,
  Segmented,
  Select,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined, TagsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { defaultStages, periodFor } from '../../../core/reviews/cycles.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMe } from '../../features/account/hooks.ts';
import { useMembers } from '../../features/members/hooks.ts';
import {
  STAGE_KEYS,
  useCreateCycle,
  useReviewCycles,
  useReviewTemplates,
  type CycleInput,
  type ReviewCycleSummary,
  type StageKey,
} from '../../features/reviews/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { StageSteps } from './StageSteps.tsx';
import { TemplateEditorModal } from './TemplateEditor.tsx';

/** Review cycles the caller takes part in, latest first, each with its stages as steps. */
export function ReviewCyclesPage() {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const cycles = useReviewCycles(workspace.id);
  const [isCreating, setCreating] = useState(false);
  const [isEditingTemplate, setEditingTemplate] = useState(false);
  return (
    <>
      <PageHeader
        title={t('reviews.title')}
        description={t('reviews.description')}
        extra={
          can('reviews.manage') ? (
            <Flex gap={8} wrap>
              <Button
                icon={<TagsOutlined />}
                onClick={() => setEditingTemplate(true)}
                data-testid="new-template"
              >
                {t('reviews.templateEditor.title')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="new-cycle"
              >
                {t('reviews.newCycle')}
              </Button>
            </Flex>
          ) : null
        }
      />
      {cycles.isError ? (
        <QueryError error={cycles.error} onRetry={() => void cycles.refetch()} />
      ) : (
        <List
          loading={cycles.isLoading}
          dataSource={cycles.data ?? []}
          locale={{ emptyText: <Empty description={t('reviews.empty')} /> }}
          renderItem={(cycle) => <CycleCard cycle={cycle} workspaceId={workspace.id} />}
        />
      )}
      {isCreating ? <NewCycleModal onClose={() => setCreating(false)} /> : null}
      {isEditingTemplate ? <TemplateEditorModal onClose={() => setEditingTemplate(false)} /> : null}
    </>
  );
}

function CycleCard({ cycle, workspaceId }: { cycle: ReviewCycleSummary; workspaceId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card style={{ marginBottom: 12 }} data-testid="cycle-row">
      <Flex vertical gap={10}>
        <Flex gap={8} align="center" wrap>
          <Link to={`/w/${workspaceId}/reviews/${cycle.id}`} style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {cycle.name}
            </Typography.Text>
          </Link>
          <Tag>{t(`reviews.kinds.${cycle.kind}`)}</Tag>
          <Tag color={cycle.stage === 'closed' ? 'default' : 'blue'}>
            {t(`reviews.stages.${cycle.stage}`)}
          </Tag>
        </Flex>
        <Flex gap={16} wrap>
          <Typography.Text type="secondary">
            {t('reviews.period', {
              start: format.day(cycle.periodStart),
              end: format.day(cycle.periodEnd),
            })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('reviews.people', { count: cycle.participantCount })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('reviews.signedCount', { done: cycle.signedOffCount, total: cycle.participantCount })}
          </Typography.Text>
        </Flex>
        <StageSteps stage={cycle.stage} stages={cycle.stages} size="small" />
      </Flex>
    </Card>
  );
}

type ParticipantRow = { userId: string; managerId: string; peerIds: string[] };
type NewValues = {
  name: string;
  kind: CycleInput['kind'];
  periodStart?: Dayjs;
  period?: [Dayjs, Dayjs];
  template: string;
  userIds: string[];
  deadlines: Record<StageKey, Dayjs | null>;
};

const dayOf = (value: Dayjs) => value.format('YYYY-MM-DD');

function NewCycleModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const navigate = useNavigate();
  const format = useFormatters();
  const { data: me } = useMe();
  const members = useMembers(workspace.id);
  const templates = useReviewTemplates(workspace.id);
  const create = useCreateCycle(workspace.id);
  const [form] = Form.useForm<NewValues>();
  const [rows, setRows] = useState<Record<string, ParticipantRow>>({});
  const kind = Form.useWatch('kind', form) ?? 'quarterly';
  const periodStart = Form.useWatch('periodStart', form);
  const customPeriod = Form.useWatch('period', form);
  const userIds = Form.useWatch('userIds', form) ?? [];
  const myId = me?.user.id ?? '';

  const period = useMemo(() => {
    if (kind === 'custom')
      return customPeriod ? { start: dayOf(customPeriod[0]), end: dayOf(customPeriod[1]) } : null;
    return periodStart ? periodFor(kind, dayOf(periodStart)) : null;
  }, [kind, periodStart, customPeriod]);

  // A new period proposes the default deadlines (first week self and peer, then manager, calibration, sign-off).
  const proposeDeadlines = (next: { start: string; end: string } | null) => {
    if (!next) return;
    const stages = defaultStages(next.end);
    form.setFieldValue(
      'deadlines',
      Object.fromEntries(stages.map((s) => [s.stage, dayjs(s.dueDate)])) as Record<StageKey, Dayjs>,
    );
  };

  const memberOptions = (members.data ?? [])
    .filter((m) => m.role !== 'viewer')
    .map((m) => ({ value: m.userId, label: m.name }));
  const rowOf = (userId: string): ParticipantRow => rows[userId] ?? { userId, managerId: myId, peerIds: [] };
  const setRow = (userId: string, change: Partial<ParticipantRow>) =>
    setRows((current) => ({ ...current, [userId]: { ...rowOf(userId), ...change } }));

  const builtin = templates.data?.builtin ?? [];
  const own = templates.data?.items ?? [];
  const initialStart = dayjs().subtract(1, 'month');

  return (
    <Modal
      open
      title={t('reviews.newCycle')}
      onCancel={onClose}
      okText={t('reviews.create')}
      okButtonProps={{ loading: create.isPending, id: 'create-cycle' }}
      onOk={() => form.submit()}
      width={760}
      destroyOnHidden
    >
      <Form<NewValues>
        form={form}
        name="newCycle"
        layout="vertical"
        initialValues={{
          kind: 'quarterly',
          periodStart: initialStart,
          template: 'builtin:kpi_ops',
          userIds: [],
          deadlines: Object.fromEntries(
            defaultStages(periodFor('quarterly', dayOf(initialStart)).end).map((s) => [
              s.stage,
              dayjs(s.dueDate),
            ]),
          ),
        }}
        onValuesChange={(changed: Partial<NewValues>, all) => {
          if ('kind' in changed || 'periodStart' in changed || 'period' in changed) {
            const nextKind = all.kind ?? 'quarterly';
            proposeDeadlines(
              nextKind === 'custom'
                ? all.period
                  ? { start: dayOf(all.period[0]), end: dayOf(all.period[1]) }
                  : null
                : all.periodStart
                  ? periodFor(nextKind, dayOf(all.periodStart))
                  : null,
            );
          }
        }}
        onFinish={(values) => {
          if (!period) return;
          const [source, key] = values.template.split(':') as ['builtin' | 'own', string];
          const body: CycleInput = {
            name: values.name.trim(),
            kind: values.kind,
            periodStart: period.start,
            ...(values.kind === 'custom' ? { periodEnd: period.end } : {}),
            ...(source === 'own'
              ? { templateId: key }
              : { builtinTemplate: key as NonNullable<CycleInput['builtinTemplate']> }),
            stages: STAGE_KEYS.flatMap((stage) => {
              const due = values.deadlines[stage];
              return due ? [{ stage, dueDate: dayOf(due) }] : [];
            }),
            participants: values.userIds.map((userId) => {
              const row = rowOf(userId);
              return {
                userId,
                managerId: row.managerId || null,
                peerIds: row.peerIds,
              };
            }),
          };
          create.mutate(body, {
            onSuccess: (data) => {
              onClose();
              void navigate(`/w/${workspace.id}/reviews/${data.cycle.id}`);
            },
            onError: (error) =>
              applyFieldErrors(form, error, (path) => {
                if (path === 'periodStart' || path === 'periodEnd')
                  return kind === 'custom' ? 'period' : path;
                const stage = /^stages\.(\d+)\.dueDate$/.exec(path);
                if (stage) return `deadlines.${STAGE_KEYS[Number(stage[1])] ?? 'self'}`;
                if (path.startsWith('participants')) return 'userIds';
                return path;
              }),
          });
        }}
      >
        <FormErrorAlert error={create.error} />
        <Form.Item
          name="name"
          label={t('reviews.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} placeholder={t('reviews.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('reviews.fields.kind')}>
          <Segmented
            block
            options={(['monthly', 'quarterly', 'half_year', 'custom'] as const).map((value) => ({
              value,
              label: t(`reviews.kinds.${value}`),
            }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            {kind === 'custom' ? (
              <Form.Item
                name="period"
                label={t('reviews.fields.period')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            ) : (
              <Form.Item
                name="periodStart"
                label={t('reviews.fields.periodStart')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="template" label={t('reviews.fields.template')}>
              <Select
                aria-label={t('reviews.fields.template')}
                options={[
                  {
                    label: t('reviews.builtinTemplates'),
                    options: builtin.map((b) => ({ value: `builtin:${b.key}`, label: b.name })),
                  },
                  ...(own.length
                    ? [
                        {
                          label: t('reviews.ownTemplates'),
                          options: own.map((o) => ({ value: `own:${o.id}`, label: o.name })),
                        },
                      ]
                    : []),
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        {period ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('reviews.periodIs', {
              start: format.day(period.start),
              end: format.day(period.end),
            })}
          />
        ) : null}
        <Typography.Text strong>{t('reviews.fields.deadlines')}</Typography.Text>
        <Row gutter={8} style={{ marginTop: 8 }}>
          {STAGE_KEYS.map((stage) => (
            <Col xs={12} sm={8} md={8} key={stage}>
              <Form.Item
                name={['deadlines', stage]}
                label={t(`reviews.stages.${stage}`)}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker style={{ width: '100%' }} aria-label={t(`reviews.stages.${stage}`)} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item
          name="userIds"
          label={t('reviews.fields.participants')}
          extra={t('reviews.participantsHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={memberOptions}
            aria-label={t('reviews.fields.participants')}
            data-testid="cycle-participants"
          />
        </Form.Item>
        {userIds.length > 0 ? (
          <List
            size="small"
            bordered
            dataSource={userIds}
            renderItem={(userId) => {
              const row = rowOf(userId);
              const name = memberOptions.find((m) => m.value === userId)?.label ?? userId;
              return (
                <List.Item data-testid="cycle-participant-row">
                  <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }}>
                    <Typography.Text strong>{name}</Typography.Text>
                    <Row gutter={[8, 8]} style={{ width: '100%' }}>
                      <Col xs={24} sm={10}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('reviews.fields.manager')}
                        </Typography.Text>
                        <Select
                          size="small"
                          style={{ width: '100%' }}
                          value={row.managerId || undefined}
                          aria-label={`${t('reviews.fields.manager')} · ${name}`}
                          placeholder={t('reviews.fields.manager')}
                          options={memberOptions.filter((m) => m.value !== userId)}
                          onChange={(managerId: string) =>
                            setRow(userId, {
                              managerId,
                              peerIds: row.peerIds.filter((p) => p !== managerId),
                            })
                          }
                        />
                      </Col>
                      <Col xs={24} sm={14}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('reviews.fields.peers')}
                        </Typography.Text>
                        <Select
                          size="small"
                          mode="multiple"
                          style={{ width: '100%', marginTop: 0 }}
                          value={row.peerIds}
                          maxCount={10}
                          optionFilterProp="label"
                          aria-label={`${t('reviews.fields.peers')} · ${name}`}
                          placeholder={t('reviews.fields.peers')}
                          options={memberOptions.filter(
                            (m) => m.value !== userId && m.value !== row.managerId,
                          )}
                          onChange={(peerIds: string[]) => setRow(userId, { peerIds })}
                        />
                      </Col>
                    </Row>
                  </Flex>
                </List.Item>
              );
            }}
          />
        ) : null}
      </Form>
    </Modal>
  );
}
