import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popover,
  Progress,
  Select,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useIsCompact } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMe } from '../../features/account/hooks.ts';
import {
  useCreateDevelopmentGoal,
  usePlanGapTraining,
  useRecordAttendance,
  useSetLevel,
  useSetTarget,
  useSkillsMatrix,
  useTraining,
  type AttendanceInput,
  type SkillGap,
  type SkillsMatrix,
  type TrainingSession,
} from '../../features/skills/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const TABS = ['matrix', 'gaps', 'training'] as const;
type Tab = (typeof TABS)[number];
const LEVELS = [1, 2, 3, 4, 5] as const;

/** Heatmap colours from no skill (pale grey) to level 5 (deep blue). */
const LEVEL_COLORS: Record<number, { background: string; color: string }> = {
  0: { background: '#fafafa', color: '#bfbfbf' },
  1: { background: '#e6f4ff', color: '#0958d9' },
  2: { background: '#bae0ff', color: '#0958d9' },
  3: { background: '#69b1ff', color: '#fff' },
  4: { background: '#1677ff', color: '#fff' },
  5: { background: '#003eb3', color: '#fff' },
};

const toDay = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : '');

export function SkillsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'matrix';
  const matrix = useSkillsMatrix(workspace.id);
  const setTab = (key: string) => setParams(key === 'matrix' ? {} : { tab: key }, { replace: true });

  let body: React.ReactNode;
  if (matrix.isError) body = <QueryError error={matrix.error} onRetry={() => void matrix.refetch()} />;
  else if (!matrix.data) body = <Skeleton active />;
  else
    body = (
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'matrix', label: t('skills.tabs.matrix'), children: <MatrixView matrix={matrix.data} /> },
          {
            key: 'gaps',
            label: (
              <span data-testid="tab-gaps">
                {t('skills.tabs.gaps')}
                {matrix.data.gaps.bySkill.length > 0 ? (
                  <Tag color="error" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                    {matrix.data.gaps.bySkill.length}
                  </Tag>
                ) : null}
              </span>
            ),
            children: <GapsView matrix={matrix.data} onPlanned={() => setTab('training')} />,
          },
          {
            key: 'training',
            label: <span data-testid="tab-training">{t('skills.tabs.training')}</span>,
            children: <TrainingView />,
          },
        ]}
      />
    );
  return (
    <>
      <PageHeader title={t('skills.title')} description={t('skills.description')} />
      {body}
    </>
  );
}

function LevelLegend() {
  const { t } = useTranslation();
  return (
    <Flex gap={6} wrap align="center" style={{ marginBottom: 12, fontSize: 12 }}>
      <Typography.Text type="secondary">{t('skills.legend')}</Typography.Text>
      {[0, ...LEVELS].map((level) => (
        <span
          key={level}
          style={{ ...LEVEL_COLORS[level], borderRadius: 4, padding: '1px 6px', border: '1px solid #f0f0f0' }}
        >
          {t(`skills.levelNames.${level}` as 'skills.levelNames.0')}
        </span>
      ))}
      <span style={{ borderRadius: 4, padding: '1px 6px', boxShadow: 'inset 0 0 0 2px #ff4d4f' }}>
        {t('skills.belowTarget')}
      </span>
    </Flex>
  );
}

type MatrixRow = SkillsMatrix['people'][number];

function MatrixView({ matrix }: { matrix: SkillsMatrix }) {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const myId = useMe().data?.user.id ?? null;
  const compact = useIsCompact();
  const setLevel = useSetLevel(workspace.id);
  const { message } = App.useApp();
  const [open, setOpen] = useState<string | null>(null);

  const targetOf = useMemo(() => {
    const map = new Map<string, number>();
    for (const target of matrix.targets) map.set(`${target.roleTitle}\u0000${target.skill}`, target.level);
    return map;
  }, [matrix.targets]);

  const save = (userId: string, skill: string, level: number | null) => {
    setOpen(null);
    setLevel.mutate(
      { userId, skill, level },
      {
        onSuccess: () => void message.success(t('skills.levelSaved')),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };

  if (matrix.skills.length === 0) return <Empty description={t('skills.noSkills')} />;
  const cellWidth = compact ? 64 : 84;
  const columns: TableColumnsType<MatrixRow> = [
    {
      title: t('skills.person'),
      key: 'person',
      fixed: 'left',
      width: compact ? 96 : 160,
      render: (_, person) => (
        <Flex vertical gap={0} style={{ minWidth: 0 }}>
          <Typography.Text ellipsis>{person.name}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
            {person.title ?? t('skills.noTitle')}
          </Typography.Text>
        </Flex>
      ),
    },
    ...matrix.skills.map((skill) => ({
      title: <span style={{ fontSize: 12, overflowWrap: 'anywhere' as const }}>{skill}</span>,
      key: skill,
      width: cellWidth,
      align: 'center' as const,
      onCell: () => ({ style: { padding: 3 } }),
      render: (_: unknown, person: MatrixRow) => {
        const level = person.levels.find((item) => item.skill === skill)?.level ?? 0;
        const target = person.title ? targetOf.get(`${person.title}\u0000${skill}`) : undefined;
        const below = target !== undefined && level < target;
        const editable = can('people.write') || person.userId === myId;
        const id = `${person.userId}:${skill}`;
        const cell = (
          <div
            data-testid={`level-${person.userId}-${skill}`}
            data-level={level}
            data-below={below ? 'true' : 'false'}
            style={{
              ...LEVEL_COLORS[level],
              borderRadius: 6,
              padding: '6px 2px',
              lineHeight: 1.2,
              cursor: editable ? 'pointer' : 'default',
              boxShadow: below ? 'inset 0 0 0 2px #ff4d4f' : undefined,
              fontVariantNumeric: 'tabular-nums',
            }}
          >
            <div style={{ fontWeight: 600 }}>{level === 0 ? '—' : level}</div>
            {target !== undefined ? (
              <div style={{ fontSize: 10, opacity: 0.9 }}>{t('skills.targetOf', { level: target })}</div>
            ) : null}
          </div>
        );
        if (!editable) return cell;
        return (
          <Popover
            trigger="click"
            open={open === id}
            onOpenChange={(next) => setOpen(next ? id : null)}
            title={t('skills.editLevel', { name: person.name, skill })}
            content={
              <Flex gap={6} wrap style={{ maxWidth: 260 }}>
                {LEVELS.map((value) => (
                  <Button
                    key={value}
                    size="small"
                    type={value === level ? 'primary' : 'default'}
                    onClick={() => save(person.userId, skill, value)}
                    data-testid={`set-level-${value}`}
                  >
                    {value}
                  </Button>
                ))}
                <Button
                  size="small"
                  danger
                  disabled={level === 0}
                  onClick={() => save(person.userId, skill, null)}
                >
                  {t('skills.clearLevel')}
                </Button>
              </Flex>
            }
          >
            {cell}
          </Popover>
        );
      },
    })),
  ];
  return (
    <Flex vertical gap={16}>
      <div>
        <LevelLegend />
        <Table<MatrixRow>
          rowKey="userId"
          size="small"
          bordered
          pagination={false}
          columns={columns}
          dataSource={matrix.people}
          scroll={{ x: (compact ? 96 : 160) + matrix.skills.length * cellWidth }}
          data-testid="skills-matrix"
        />
      </div>
      <TargetsCard matrix={matrix} />
    </Flex>
  );
}

function TargetsCard({ matrix }: { matrix: SkillsMatrix }) {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const setTarget = useSetTarget(workspace.id);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roleTitle: string; skill: string; level: number }>();
  const editable = can('training.write');
  const byRole = useMemo(() => {
    const map = new Map<string, SkillsMatrix['targets']>();
    for (const target of matrix.targets)
      map.set(target.roleTitle, [...(map.get(target.roleTitle) ?? []), target]);
    return [...map.entries()];
  }, [matrix.targets]);
  const submit = (values: { roleTitle: string; skill: string; level: number }) =>
    setTarget.mutate(values, {
      onSuccess: () => form.resetFields(['skill']),
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(errorMessage(error));
      },
    });
  return (
    <Card size="small" title={t('skills.targets')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('skills.targetsHint')}
      </Typography.Paragraph>
      {byRole.length === 0 ? (
        <Typography.Text type="secondary">{t('skills.noTargets')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {byRole.map(([role, targets]) => (
            <Flex key={role} gap={6} wrap align="center">
              <Typography.Text strong style={{ minWidth: 96 }}>
                {role}
              </Typography.Text>
              {targets.map((target) => (
                <Tag
                  key={target.skill}
                  closable={editable}
                  closeIcon={editable ? <DeleteOutlined aria-label={t('skills.removeTarget')} /> : undefined}
                  onClose={(event) => {
                    event.preventDefault();
                    setTarget.mutate({ roleTitle: role, skill: target.skill, level: null });
                  }}
                  style={{ marginInlineEnd: 0 }}
                >
                  {target.skill} ≥ {target.level}
                </Tag>
              ))}
            </Flex>
          ))}
        </Flex>
      )}
      {editable ? (
        <Form form={form} layout="inline" onFinish={submit} style={{ marginTop: 12, rowGap: 8 }}>
          <Form.Item name="roleTitle" rules={[{ required: true, message: '' }]}>
            <Select
              placeholder={t('skills.roleTitle')}
              style={{ width: 150 }}
              options={matrix.roleTitles.map((title) => ({ value: title, label: title }))}
            />
          </Form.Item>
          <Form.Item name="skill" rules={[{ required: true, message: '' }]}>
            <Select
              placeholder={t('skills.skill')}
              style={{ width: 150 }}
              showSearch
              options={matrix.skills.map((skill) => ({ value: skill, label: skill }))}
            />
          </Form.Item>
          <Form.Item name="level" rules={[{ required: true, message: '' }]}>
            <Select
              placeholder={t('skills.level')}
              style={{ width: 90 }}
              options={LEVELS.map((level) => ({ value: level, label: level }))}
            />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={setTarget.isPending}>
            {t('skills.addTarget')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

function GapsView({ matrix, onPlanned }: { matrix: SkillsMatrix; onPlanned: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { can } = useWorkspaceScope();
  const [planning, setPlanning] = useState<SkillGap | null>(null);
  const { bySkill } = matrix.gaps;
  const people = new Set(matrix.gaps.people.map((gap) => gap.personId)).size;
  const tasks = new Set(matrix.gaps.tasks.map((gap) => gap.taskId)).size;
  return (
    <Flex vertical gap={16}>
      {bySkill.length === 0 ? (
        <Empty description={t('skills.noGaps')} />
      ) : (
        <>
          <Typography.Text type="secondary">
            {t('skills.gapsSummary', { skills: bySkill.length, people, tasks })}
          </Typography.Text>
          <Flex gap={12} wrap>
            {bySkill.map((gap) => (
              <Card
                key={gap.skill}
                size="small"
                data-testid={`gap-${gap.skill}`}
                style={{ flex: '1 1 300px', minWidth: 0 }}
                title={
                  <Flex gap={8} align="center" wrap>
                    <span>{gap.skill}</span>
                    <Tag color="blue">{t('skills.gapTarget', { level: gap.targetLevel })}</Tag>
                  </Flex>
                }
              >
                {gap.people.length > 0 ? (
                  <>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('skills.gapPeople')}
                    </Typography.Text>
                    <Flex vertical gap={4} style={{ margin: '6px 0 10px' }}>
                      {gap.people.map((person) => (
                        <Flex
                          vertical
                          key={`${person.personId}-${person.review?.participantId ?? 'matrix'}`}
                          data-testid={person.review ? 'review-gap' : undefined}
                        >
                          <Flex align="center" gap={8}>
                            <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
                              {person.name}
                            </Typography.Text>
                            <Progress
                              percent={(person.level / person.target) * 100}
                              showInfo={false}
                              size="small"
                              strokeColor="#ff4d4f"
                              style={{ width: 72, margin: 0 }}
                            />
                            <Tag color="error" style={{ marginInlineEnd: 0 }}>
                              {t('skills.levelToTarget', { level: person.level, target: person.target })}
                            </Tag>
                            {person.scheduledOn ? (
                              <Tooltip
                                title={t('skills.scheduledTip', { day: format.day(person.scheduledOn) })}
                              >
                                <Tag
                                  color="processing"
                                  style={{ marginInlineEnd: 0 }}
                                  data-testid={`scheduled-${person.personId}`}
                                >
                                  {t('skills.scheduledOn', { day: format.shortDay(person.scheduledOn) })}
                                </Tag>
                              </Tooltip>
                            ) : null}
                          </Flex>
                          {person.review ? (
                            // Only those who may read the review get this row: the server leaves it out for others.
                            <Link
                              to={`../reviews/people/${person.review.participantId}`}
                              relative="path"
                              style={{ fontSize: 12, overflowWrap: 'anywhere' }}
                            >
                              {t('skills.fromReview', { cycle: person.review.cycleName })}
                            </Link>
                          ) : null}
                        </Flex>
                      ))}
                    </Flex>
                  </>
                ) : null}
                {gap.tasks.length > 0 ? (
                  <>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('skills.gapTasks')}
                    </Typography.Text>
                    <Flex vertical gap={4} style={{ margin: '6px 0 10px' }}>
                      {gap.tasks.map((task) => (
                        <Flex key={task.taskId} gap={8} wrap>
                          <Link to={`../tasks?task=${task.taskId}`} relative="path">
                            {task.title}
                          </Link>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('skills.taskNeeds', { min: task.minLevel, best: task.bestLevel })}
                          </Typography.Text>
                        </Flex>
                      ))}
                    </Flex>
                  </>
                ) : null}
                {can('training.write') ? (
                  <Button
                    type="primary"
                    block
                    disabled={gap.toInvite === 0}
                    onClick={() => setPlanning(gap)}
                    data-testid={`plan-training-${gap.skill}`}
                  >
                    {gap.toInvite === 0 ? t('skills.allScheduled') : t('skills.planTraining')}
                  </Button>
                ) : null}
              </Card>
            ))}
          </Flex>
        </>
      )}
      <DevelopmentCard matrix={matrix} />
      {planning ? (
        <PlanTrainingModal
          gap={planning}
          matrix={matrix}
          onClose={() => setPlanning(null)}
          onPlanned={() => {
            setPlanning(null);
            onPlanned();
          }}
        />
      ) : null}
    </Flex>
  );
}

type PlanValues = { date: Dayjs; trainerId?: string; trainerName?: string; materialsUrl?: string };

function PlanTrainingModal({
  gap,
  matrix,
  onClose,
  onPlanned,
}: {
  gap: SkillGap;
  matrix: SkillsMatrix;
  onClose: () => void;
  onPlanned: () => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const plan = usePlanGapTraining(workspace.id);
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanValues>();
  const submit = (values: PlanValues) =>
    plan.mutate(
      {
        skill: gap.skill,
        date: toDay(values.date),
        trainerId: values.trainerId ?? null,
        trainerName: values.trainerName?.trim() || null,
        materialsUrl: values.materialsUrl?.trim() || null,
      },
      {
        onSuccess: (data) => {
          void message.success(t('skills.planned', { course: data.session.courseTitle }));
          onPlanned();
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );
  return (
    <Modal
      open
      title={t('skills.planTitle', { skill: gap.skill })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{
        loading: plan.isPending,
        ...({ 'data-testid': 'plan-training-submit' } as Record<string, string>),
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {gap.people.length > 0
          ? t('skills.planHint', { count: gap.toInvite, level: gap.targetLevel })
          : t('skills.planHintTasks', { level: gap.targetLevel })}
      </Typography.Paragraph>
      <FormErrorAlert error={plan.error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ date: dayjs().add(7, 'day') }}>
        <Form.Item name="date" label={t('skills.date')} rules={[{ required: true, message: '' }]}>
          <DatePicker style={{ width: '100%' }} data-testid="plan-date" />
        </Form.Item>
        <Form.Item name="trainerId" label={t('skills.trainer')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid="plan-trainer"
            options={matrix.people.map((person) => ({ value: person.userId, label: person.name }))}
          />
        </Form.Item>
        <Form.Item name="trainerName" label={t('skills.trainerName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="materialsUrl" label={t('skills.materials')}>
          <Input
            placeholder={t('skills.materialsPlaceholder')}
            maxLength={2000}
            data-testid="plan-materials"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type DevelopmentValues = { userId: string; skill: string; targetLevel: number; dates: [Dayjs, Dayjs] };

function DevelopmentCard({ matrix }: { matrix: SkillsMatrix }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const myId = useMe().data?.user.id ?? null;
  const create = useCreateDevelopmentGoal(workspace.id);
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<DevelopmentValues>();
  const mayWrite = can('training.write') || can('goals.write');
  const people = can('training.write')
    ? matrix.people
    : matrix.people.filter((person) => person.userId === myId);
  const submit = (values: DevelopmentValues) =>
    create.mutate(
      {
        userId: values.userId,
        skill: values.skill,
        targetLevel: values.targetLevel,
        startDate: toDay(values.dates[0]),
        dueDate: toDay(values.dates[1]),
      },
      {
        onSuccess: () => {
          void message.success(t('skills.developmentSaved'));
          setAdding(false);
          form.resetFields();
        },
        onError: (error) => applyFieldErrors(form, error, (path) => (path.endsWith('Date') ? 'dates' : path)),
      },
    );
  return (
    <Card
      size="small"
      title={t('skills.development')}
      extra={
        mayWrite && people.length > 0 ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('skills.addDevelopment')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('skills.developmentHint')}
      </Typography.Paragraph>
      {matrix.developmentGoals.length === 0 ? (
        <Typography.Text type="secondary">{t('skills.noDevelopment')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {matrix.developmentGoals.map((goal) => (
            <Flex key={goal.goalId} gap={8} align="center" wrap>
              <Link to={`../goals/${goal.goalId}`} relative="path" style={{ overflowWrap: 'anywhere' }}>
                {goal.title}
              </Link>
              <Tag style={{ marginInlineEnd: 0 }}>
                {goal.skill} → {goal.targetLevel}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('skills.due', { day: format.day(goal.dueDate) })}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
      <Modal
        open={adding}
        title={t('skills.addDevelopment')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: create.isPending }}
        destroyOnHidden
      >
        <FormErrorAlert error={create.error} />
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            userId: people.length === 1 ? people[0]?.userId : undefined,
            targetLevel: 3,
            dates: [dayjs(), dayjs().add(90, 'day')],
          }}
        >
          <Form.Item
            name="userId"
            label={t('skills.developmentFor')}
            rules={[{ required: true, message: '' }]}
          >
            <Select options={people.map((person) => ({ value: person.userId, label: person.name }))} />
          </Form.Item>
          <Form.Item name="skill" label={t('skills.skill')} rules={[{ required: true, message: '' }]}>
            <Select showSearch options={matrix.skills.map((skill) => ({ value: skill, label: skill }))} />
          </Form.Item>
          <Form.Item
            name="targetLevel"
            label={t('skills.targetLevel')}
            rules={[{ required: true, message: '' }]}
          >
            <Select options={LEVELS.map((level) => ({ value: level, label: level }))} />
          </Form.Item>
          <Form.Item
            name="dates"
            label={`${t('skills.startDate')} – ${t('skills.dueDate')}`}
            rules={[{ required: true, message: '' }]}
          >
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function TrainingView() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const training = useTraining(workspace.id);
  if (training.isError) return <QueryError error={training.error} onRetry={() => void training.refetch()} />;
  if (!training.data) return <Skeleton active />;
  if (training.data.sessions.length === 0) return <Empty description={t('skills.noSessions')} />;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('skills.passRule')}</Typography.Text>
      {training.data.sessions.map((session) => (
        <SessionCard key={session.id} session={session} />
      ))}
    </Flex>
  );
}

/** Attendance as a stacked bar: attended (passed darker), absent, not yet recorded. */
function AttendanceBar({ summary }: { summary: TrainingSession['summary'] }) {
  const parts = [
    { value: summary.passed, color: '#389e0d' },
    { value: summary.attended - summary.passed, color: '#95de64' },
    { value: summary.absent, color: '#ff7875' },
    { value: summary.invited - summary.attended - summary.absent, color: '#f0f0f0' },
  ];
  return (
    <div style={{ display: 'flex', height: 8, borderRadius: 4, overflow: 'hidden', background: '#f0f0f0' }}>
      {parts.map((part, index) =>
        part.value > 0 ? <div key={index} style={{ flex: part.value, background: part.color }} /> : null,
      )}
    </div>
  );
}

function SessionCard({ session }: { session: TrainingSession }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const record = useRecordAttendance(workspace.id, session.id);
  const { message } = App.useApp();
  const editable = can('training.write');
  const [draft, setDraft] = useState<AttendanceInput[]>(() =>
    session.attendees.map((row) => ({
      userId: row.userId,
      status: row.status,
      completed: row.completed,
      score: row.score,
      note: row.note,
    })),
  );
  const change = (userId: string, patch: Partial<AttendanceInput>) =>
    setDraft((rows) =>
      rows.map((row) => {
        if (row.userId !== userId) return row;
        const next = { ...row, ...patch };
        // Only someone who attended completes or is scored.
        return next.status === 'attended' ? next : { ...next, completed: false, score: null };
      }),
    );
  const save = () =>
    record.mutate(draft, {
      onSuccess: () => void message.success(t('skills.attendanceSaved')),
      onError: (error) => void message.error(errorMessage(error)),
    });
  const trainer = session.trainer?.name ?? session.trainerName ?? t('skills.noTrainer');
  const { summary } = session;
  return (
    <Card
      size="small"
      data-testid="training-session"
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal' }}>
          <span style={{ overflowWrap: 'anywhere' }}>{session.courseTitle}</span>
          {session.skill ? (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {session.skill}
              {session.targetLevel ? ` → ${session.targetLevel}` : ''}
            </Tag>
          ) : null}
        </Flex>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Text>
          {t('skills.sessionOf', { date: format.day(session.date), trainer })}
        </Typography.Text>
        {session.materialsUrl ? (
          <a href={session.materialsUrl} target="_blank" rel="noreferrer noopener">
            <LinkOutlined /> {t('skills.openMaterials')}
          </a>
        ) : null}
      </Flex>
      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="session-summary">
          {t('skills.summary', summary)}
          {summary.averageScore !== null
            ? ` · ${t('skills.averageScore', { score: format.number(summary.averageScore, 1) })}`
            : ''}
        </Typography.Text>
        <AttendanceBar summary={summary} />
      </Flex>
      <Flex vertical gap={8}>
        {session.attendees.map((attendee) => {
          const row = draft.find((item) => item.userId === attendee.userId);
          if (!row) return null;
          return (
            <Flex
              key={attendee.userId}
              gap={8}
              align="center"
              wrap
              data-testid={`attendee-${attendee.userId}`}
              style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}
            >
              <Typography.Text strong style={{ flex: '1 1 90px', minWidth: 0 }} ellipsis>
                {attendee.name}
              </Typography.Text>
              <Select
                size="small"
                value={row.status}
                disabled={!editable}
                style={{ width: 96 }}
                aria-label={t('skills.status')}
                data-testid="attendance-status"
                onChange={(status) => change(attendee.userId, { status })}
                options={(['invited', 'attended', 'absent'] as const).map((status) => ({
                  value: status,
                  label: t(`skills.statuses.${status}`),
                }))}
              />
              <Checkbox
                checked={row.completed}
                disabled={!editable || row.status !== 'attended'}
                onChange={(event) => change(attendee.userId, { completed: event.target.checked })}
                data-testid="attendance-completed"
              >
                {t('skills.completed')}
              </Checkbox>
              <Select
                size="small"
                allowClear
                value={row.score ?? undefined}
                placeholder={t('skills.score')}
                disabled={!editable || row.status !== 'attended'}
                style={{ width: 84 }}
                aria-label={t('skills.score')}
                data-testid="attendance-score"
                onChange={(score?: number) => change(attendee.userId, { score: score ?? null })}
                options={LEVELS.map((level) => ({ value: level, label: level }))}
              />
              {attendee.score !== null ? (
                <Tag color={attendee.passed ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {attendee.passed ? t('skills.passed') : t('skills.failed')}
                </Tag>
              ) : null}
            </Flex>
          );
        })}
      </Flex>
      {editable && session.attendees.length > 0 ? (
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Button type="primary" onClick={save} loading={record.isPending} data-testid="save-attendance">
            {t('skills.saveAttendance')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
