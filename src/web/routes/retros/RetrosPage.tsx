import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import {
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
  Progress,
  Row,
  Segmented,
  Select,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useDebouncedValue } from '../../components/useDebouncedValue.ts';
import { GoalSearchSelect } from '../../features/goals/GoalSearchSelect.tsx';
import { KpiSearchSelect } from '../../features/kpis/KpiSearchSelect.tsx';
import { useProcesses } from '../../features/processes/hooks.ts';
import {
  RETRO_SUBJECTS,
  useCreateRetro,
  useImprovementLog,
  useLessonSuggestions,
  useRetros,
  type LessonSuggestion,
  type RetroSubject,
  type RetroSummary,
} from '../../features/retros/hooks.ts';
import { useTaskList } from '../../features/tasks/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/** Every 复盘 with its actions' completion, and the improvement log across them. */
export function RetrosPage() {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tab = params.get('tab') === 'log' ? 'log' : 'list';

  return (
    <>
      <PageHeader
        title={t('retros.title')}
        description={t('retros.description')}
        extra={
          can('retros.write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="new-retro"
            >
              {t('retros.newRetro')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'log' ? { tab: 'log' } : {}, { replace: true })}
        items={[
          { key: 'list', label: t('retros.list'), children: <RetroList workspaceId={workspace.id} /> },
          { key: 'log', label: t('retros.log'), children: <ImprovementLogView workspaceId={workspace.id} /> },
        ]}
      />
      {creating ? <NewRetroModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function SubjectLine({ retro }: { retro: RetroSummary }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const what =
    retro.subjectTitle ??
    (retro.periodStart && retro.periodEnd
      ? `${format.day(retro.periodStart)} – ${format.day(retro.periodEnd)}`
      : null);
  return (
    <Flex gap={6} align="center" wrap>
      <Tag>{t(`retros.subjects.${retro.subjectType}`)}</Tag>
      {what ? (
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {what}
          {retro.processVersion ? ` · ${t('retros.version', { number: retro.processVersion.number })}` : ''}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

function RetroList({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const retros = useRetros(workspaceId);
  if (retros.isError) return <QueryError error={retros.error} onRetry={() => void retros.refetch()} />;
  return (
    <Card>
      <List
        loading={retros.isLoading}
        dataSource={retros.data ?? []}
        locale={{ emptyText: <Empty description={t('retros.empty')} /> }}
        renderItem={(retro) => (
          <List.Item data-testid="retro-row">
            <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
              <Flex gap={8} align="center" wrap>
                <Link to={`/w/${workspaceId}/retros/${retro.id}`} style={{ overflowWrap: 'anywhere' }}>
                  <Typography.Text strong>{retro.title}</Typography.Text>
                </Link>
                <Tag color={retro.status === 'done' ? 'green' : 'blue'}>
                  {t(`retros.statuses.${retro.status}`)}
                </Tag>
              </Flex>
              <SubjectLine retro={retro} />
              <Flex gap={12} align="center" wrap>
                {retro.completion.total > 0 ? (
                  <Flex gap={8} align="center" style={{ minWidth: 200 }}>
                    <Progress
                      percent={retro.completion.percent ?? 0}
                      size="small"
                      style={{ width: 120, margin: 0 }}
                      showInfo={false}
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('retros.completion', retro.completion)}
                    </Typography.Text>
                  </Flex>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('retros.noActions')}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('retros.lessons', { count: retro.lessonCount })}
                </Typography.Text>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function SuggestionList({ items }: { items: LessonSuggestion[] }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  if (items.length === 0) return <Typography.Text type="secondary">{t('retros.noSimilar')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(item) => (
        <List.Item data-testid="lesson-suggestion">
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Typography.Text style={{ overflowWrap: 'anywhere' }}>{item.text}</Typography.Text>
            <Flex gap={4} wrap align="center">
              <Tag color="purple">{t(`retros.reasons.${item.reason}`)}</Tag>
              {item.tags.map((tag) => (
                <Tag key={tag}>#{tag}</Tag>
              ))}
              <Link to={`/w/${workspace.id}/retros/${item.retroId}`} style={{ fontSize: 12 }}>
                {t('retros.fromRetro', { title: item.retroTitle })}
              </Link>
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}

type NewValues = {
  title: string;
  subjectType: RetroSubject;
  subjectId?: string;
  period?: [Dayjs, Dayjs];
  kpiIds?: string[];
};

function NewRetroModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewValues>();
  const create = useCreateRetro(workspace.id);
  const subjectType = Form.useWatch('subjectType', form);
  const subjectId = Form.useWatch('subjectId', form);
  const title = useDebouncedValue(Form.useWatch('title', form) ?? '', 400);
  const processes = useProcesses(workspace.id);
  const milestones = useTaskList(workspace.id, { milestone: true }, 200, subjectType === 'milestone');
  const suggestions = useLessonSuggestions(workspace.id, { subjectType, subjectId, title });
  const needsSubject = subjectType === 'goal' || subjectType === 'milestone' || subjectType === 'process';
  const subjectName = subjectType ? t(`retros.subjects.${subjectType}`) : '';

  const subjectOptions =
    subjectType === 'process'
      ? (processes.data ?? []).map((process) => ({ value: process.id, label: process.name }))
      : (milestones.data?.pages ?? []).flatMap((page) =>
          page.items.map((task) => ({ value: task.id, label: task.title })),
        );

  return (
    <Modal
      open
      title={t('retros.newRetro')}
      onCancel={onClose}
      okText={t('retros.create')}
      okButtonProps={{ loading: create.isPending, id: 'create-retro' }}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      <Form<NewValues>
        form={form}
        name="newRetro"
        layout="vertical"
        initialValues={{ subjectType: 'campaign' }}
        onFinish={(values) =>
          create.mutate(
            {
              title: values.title.trim(),
              subjectType: values.subjectType,
              ...(needsSubject ? { subjectId: values.subjectId ?? null } : {}),
              ...(values.period
                ? {
                    periodStart: values.period[0].format('YYYY-MM-DD'),
                    periodEnd: values.period[1].format('YYYY-MM-DD'),
                  }
                : {}),
              ...(values.kpiIds?.length ? { kpiIds: values.kpiIds } : {}),
            },
            {
              onSuccess: (data) => {
                onClose();
                void navigate(`/w/${workspace.id}/retros/${data.retro.id}`);
              },
              onError: (error) =>
                applyFieldErrors(form, error, (path) =>
                  path === 'periodStart' || path === 'periodEnd' ? 'period' : path,
                ),
            },
          )
        }
      >
        <FormErrorAlert error={create.error} />
        <Form.Item
          name="title"
          label={t('retros.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} placeholder={t('retros.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="subjectType" label={t('retros.fields.subjectType')}>
          <Segmented
            block
            options={RETRO_SUBJECTS.map((subject) => ({
              value: subject,
              label: t(`retros.subjects.${subject}`),
            }))}
            onChange={() => form.setFieldValue('subjectId', undefined)}
          />
        </Form.Item>
        {needsSubject ? (
          <Form.Item
            name="subjectId"
            label={t('retros.fields.subject', { subject: subjectName })}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            {subjectType === 'goal' ? (
              <GoalSearchSelect
                workspaceId={workspace.id}
                aria-label={t('retros.fields.subject', { subject: subjectName })}
                testId="retro-subject"
              />
            ) : (
              <Select
                showSearch
                optionFilterProp="label"
                options={subjectOptions}
                aria-label={t('retros.fields.subject', { subject: subjectName })}
                data-testid="retro-subject"
              />
            )}
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="period"
                label={t('retros.fields.period')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="kpiIds" label={t('retros.fields.kpis')}>
                <KpiSearchSelect
                  workspaceId={workspace.id}
                  mode="multiple"
                  valueField="id"
                  maxCount={12}
                  describe={(kpi) => kpi.name}
                  aria-label={t('retros.fields.kpis')}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        {t('retros.similar')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('retros.similarHint')}
      </Typography.Paragraph>
      <SuggestionList items={suggestions.data ?? []} />
    </Modal>
  );
}

function ImprovementLogView({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [tag, setTag] = useState<string | undefined>();
  const [status, setStatus] = useState<'open' | 'overdue' | 'done' | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const log = useImprovementLog(workspaceId, { tag, status, q });
  const statuses: Record<string, string> = t('taskStatus', { returnObjects: true });
  if (log.isError) return <QueryError error={log.error} onRetry={() => void log.refetch()} />;
  const data = log.data;

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          placeholder={t('retros.logPage.search')}
          aria-label={t('retros.logPage.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ maxWidth: 320 }}
        />
        <Select
          allowClear
          placeholder={t('retros.logPage.allTags')}
          aria-label={t('retros.logPage.allTags')}
          value={tag}
          onChange={setTag}
          style={{ minWidth: 160 }}
          data-testid="log-tag"
          options={(data?.tags ?? []).map((item) => ({
            value: item.tag,
            label: `#${item.tag} (${item.count})`,
          }))}
        />
        <Select
          allowClear
          placeholder={t('retros.logPage.allStatuses')}
          aria-label={t('retros.logPage.allStatuses')}
          value={status}
          onChange={setStatus}
          style={{ minWidth: 140 }}
          options={(['open', 'overdue', 'done'] as const).map((value) => ({
            value,
            label: t(`retros.logPage.statuses.${value}`),
          }))}
        />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('retros.logPage.lessons')}>
            <List
              loading={log.isLoading}
              dataSource={data?.lessons ?? []}
              locale={{ emptyText: t('retros.logPage.noLessons') }}
              renderItem={(lesson) => (
                <List.Item data-testid="log-lesson">
                  <Flex vertical gap={4} style={{ minWidth: 0 }}>
                    <Typography.Text style={{ overflowWrap: 'anywhere' }}>{lesson.text}</Typography.Text>
                    <Flex gap={4} wrap align="center">
                      {lesson.tags.map((item) => (
                        <Tag
                          key={item}
                          color={item === tag ? 'blue' : undefined}
                          style={{ cursor: 'pointer' }}
                          onClick={() => setTag(item)}
                        >
                          #{item}
                        </Tag>
                      ))}
                      <Link to={`/w/${workspaceId}/retros/${lesson.retroId}`} style={{ fontSize: 12 }}>
                        {t('retros.fromRetro', { title: lesson.retroTitle })}
                      </Link>
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={t('retros.logPage.actions')}
            extra={
              data && data.completion.total > 0 ? (
                <Typography.Text type="secondary">
                  {t('retros.logPage.completion')} {data.completion.percent}%
                </Typography.Text>
              ) : null
            }
          >
            <List
              loading={log.isLoading}
              dataSource={data?.actions ?? []}
              locale={{ emptyText: t('retros.logPage.noActions') }}
              renderItem={(action) => (
                <List.Item data-testid="log-action">
                  <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
                    {action.taskId ? (
                      <Link
                        to={`/w/${workspaceId}/tasks?task=${action.taskId}`}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {action.title}
                      </Link>
                    ) : (
                      <Typography.Text style={{ overflowWrap: 'anywhere' }}>{action.title}</Typography.Text>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                      {action.owner?.name ?? t('retros.actions.noOwner')} ·{' '}
                      {t('retros.actions.dueLine', { date: format.day(action.dueDate) })} ·{' '}
                      <Link to={`/w/${workspaceId}/retros/${action.retroId}`}>{action.retroTitle}</Link>
                    </Typography.Text>
                  </Flex>
                  <Tag color={action.isOpen ? 'orange' : 'green'}>
                    {action.taskStatus
                      ? (statuses[action.taskStatus] ?? action.taskStatus)
                      : t('retros.actions.taskGone')}
                  </Tag>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
