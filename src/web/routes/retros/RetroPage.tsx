import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Progress,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  CheckOutlined,
  DeleteOutlined,
  EditOutlined,
  LinkOutlined,
  PlusOutlined,
  QuestionCircleOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { nextWhy } from '../../../core/retros/index.ts';
import { errorMessage } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { FROM_TABLET } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMembers } from '../../features/members/hooks.ts';
import {
  useAddRetroActions,
  useDeleteRetro,
  useOpenProcessVersion,
  useRetro,
  useUpdateRetro,
  type Retro,
  type RetroChanges,
  type RetroFigure,
} from '../../features/retros/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { SuggestionList } from './RetrosPage.tsx';

/** One 复盘: the four steps (回顾目标, 评估结果, 分析原因, 总结经验) and its actions, which are tasks. */
export function RetroPage() {
  const { t } = useTranslation();
  const { retroId = '' } = useParams();
  const { workspace, can } = useWorkspaceScope();
  const retro = useRetro(workspace.id, retroId);
  if (retro.isError) {
    return (
      <Result
        status="warning"
        title={t('retros.notFound')}
        subTitle={errorMessage(retro.error)}
        extra={<Link to={`/w/${workspace.id}/retros`}>{t('retros.backToList')}</Link>}
      />
    );
  }
  if (!retro.data) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }
  return <RetroView retro={retro.data} mayWrite={can('retros.write')} mayAct={can('tasks.write')} />;
}

function useSave(retro: Retro) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const update = useUpdateRetro(workspace.id, retro.id);
  const save = (changes: RetroChanges, done?: () => void) =>
    update.mutate(changes, {
      onSuccess: () => {
        done?.();
        void message.success(t('retros.saved'));
      },
      onError: (error) => void message.error(errorMessage(error)),
    });
  return { save, isPending: update.isPending };
}

function RetroView({ retro, mayWrite, mayAct }: { retro: Retro; mayWrite: boolean; mayAct: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const navigate = useNavigate();
  const { workspace } = useWorkspaceScope();
  const base = `/w/${workspace.id}`;
  const update = useUpdateRetro(workspace.id, retro.id);
  const remove = useDeleteRetro(workspace.id);
  const onError = (error: unknown) => void message.error(errorMessage(error));
  const stepsDone = [
    retro.figures.length > 0 || retro.goalReview.trim() !== '',
    retro.wentWell.length + retro.wentBadly.length > 0,
    retro.causes.length > 0,
    retro.lessons.length > 0,
    retro.actions.length > 0,
  ];
  const current = stepsDone.findIndex((done) => !done);
  const what =
    retro.subjectTitle ??
    (retro.periodStart && retro.periodEnd
      ? `${format.day(retro.periodStart)} – ${format.day(retro.periodEnd)}`
      : null);

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'root', title: <Link to={`${base}/retros`}>{t('retros.title')}</Link> },
          { key: retro.id, title: retro.title },
        ]}
      />
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <Flex vertical gap={6} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Typography.Title
            level={3}
            style={{ margin: 0, overflowWrap: 'anywhere' }}
            data-testid="retro-title"
          >
            {retro.title}
          </Typography.Title>
          <Flex gap={8} align="center" wrap>
            <Tag color={retro.status === 'done' ? 'green' : 'blue'} data-testid="retro-status">
              {t(`retros.statuses.${retro.status}`)}
            </Tag>
            <Tag>{t(`retros.subjects.${retro.subjectType}`)}</Tag>
            {what ? (
              <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                {what}
                {retro.processVersion
                  ? ` · ${t('retros.version', { number: retro.processVersion.number })}`
                  : ''}
              </Typography.Text>
            ) : null}
          </Flex>
        </Flex>
        {mayWrite ? (
          <Space wrap>
            {retro.status === 'done' ? (
              <Button
                icon={<UndoOutlined />}
                loading={update.isPending}
                onClick={() => update.mutate({ status: 'draft' }, { onError })}
              >
                {t('retros.reopen')}
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={update.isPending}
                data-testid="retro-done"
                onClick={() =>
                  update.mutate(
                    { status: 'done' },
                    { onSuccess: () => void message.success(t('retros.markedDone')), onError },
                  )
                }
              >
                {t('retros.markDone')}
              </Button>
            )}
            <Popconfirm
              title={t('retros.removeConfirm')}
              onConfirm={() =>
                remove.mutate(retro.id, {
                  onSuccess: () => {
                    void message.success(t('retros.removed'));
                    void navigate(`${base}/retros`);
                  },
                  onError,
                })
              }
            >
              <Button danger icon={<DeleteOutlined />} aria-label={t('retros.remove')} />
            </Popconfirm>
          </Space>
        ) : null}
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }} className="retro-steps">
        <Steps
          size="small"
          current={current === -1 ? 5 : current}
          items={(['review', 'assess', 'analyse', 'lessons', 'actions'] as const).map((key, index) => ({
            title: t(`retros.steps.${key}`),
            status: stepsDone[index] ? 'finish' : index === current ? 'process' : 'wait',
          }))}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <ReviewCard retro={retro} mayWrite={mayWrite} />
            <AssessCard retro={retro} mayWrite={mayWrite} />
            <CausesCard retro={retro} mayWrite={mayWrite} />
            <LessonsCard retro={retro} mayWrite={mayWrite} />
            <ActionsCard retro={retro} mayWrite={mayWrite && mayAct} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title={t('retros.steps.actions')}>
              <Flex align="center" gap={16}>
                <Progress
                  type="circle"
                  size={72}
                  percent={retro.completion.percent ?? 0}
                  // The share stays a number at 100 % (antd would draw a bare tick there).
                  format={(percent) => `${percent ?? 0}%`}
                  data-testid="retro-completion"
                />
                <Typography.Text>
                  {retro.completion.total > 0
                    ? t('retros.completion', retro.completion)
                    : t('retros.noActions')}
                </Typography.Text>
              </Flex>
            </Card>
            {retro.subjectType === 'process' ? <ProcessCard retro={retro} mayWrite={mayWrite} /> : null}
            <Card title={t('retros.similar')}>
              <SuggestionList items={retro.suggestions} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}

function figureValue(
  figure: RetroFigure,
  value: number | null,
  measure: (v: number | null, u: string | null) => string,
) {
  if (value === null) return '—';
  if (figure.unit === 'days' || figure.unit === 'h') return measure(value, null);
  return measure(value, figure.unit);
}

function ReviewCard({ retro, mayWrite }: { retro: Retro; mayWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { save, isPending } = useSave(retro);
  const label = (figure: RetroFigure) =>
    figure.kind === 'keyResult' || figure.kind === 'kpi'
      ? figure.label
      : figure.kind === 'goal' || figure.kind === 'milestone'
        ? `${t(`retros.figures.kinds.${figure.kind}`)} · ${figure.label}`
        : t(`retros.figures.kinds.${figure.kind}`);

  return (
    <Card title={`1 · ${t('retros.steps.review')}`} data-testid="retro-review">
      <Table<RetroFigure>
        size="small"
        pagination={false}
        rowKey={(_, index) => String(index)}
        dataSource={retro.figures}
        locale={{ emptyText: t('retros.figures.empty') }}
        columns={[
          {
            key: 'item',
            title: t('retros.figures.item'),
            render: (_, figure) =>
              figure.link ? (
                <Link to={figure.link} style={{ overflowWrap: 'anywhere' }}>
                  {label(figure)}
                </Link>
              ) : (
                label(figure)
              ),
          },
          {
            key: 'baseline',
            title: t('retros.figures.baseline'),
            align: 'right',
            responsive: FROM_TABLET,
            render: (_, figure) => figureValue(figure, figure.baseline, format.measure),
          },
          {
            key: 'target',
            title: t('retros.figures.target'),
            align: 'right',
            responsive: FROM_TABLET,
            render: (_, figure) => figureValue(figure, figure.target, format.measure),
          },
          {
            key: 'actual',
            title: t('retros.figures.actual'),
            align: 'right',
            render: (_, figure) => (
              <Typography.Text strong>{figureValue(figure, figure.actual, format.measure)}</Typography.Text>
            ),
          },
          {
            key: 'achievement',
            title: t('retros.figures.achievement'),
            responsive: FROM_TABLET,
            render: (_, figure) =>
              figure.achievement === null ? (
                '—'
              ) : (
                <Progress
                  percent={Math.round(Math.max(0, figure.achievement) * 100)}
                  size="small"
                  status={figure.met === false ? 'exception' : figure.met ? 'success' : 'normal'}
                  style={{ minWidth: 100, margin: 0 }}
                />
              ),
          },
          {
            key: 'met',
            title: t('retros.figures.met'),
            render: (_, figure) =>
              figure.met === null ? (
                t('retros.figures.na')
              ) : (
                <Tag color={figure.met ? 'green' : 'red'}>
                  {figure.met ? t('retros.figures.yes') : t('retros.figures.no')}
                </Tag>
              ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {retro.figuresFrozen ? t('retros.figures.frozen') : t('retros.figures.live')}
      </Typography.Paragraph>
      <Typography.Text strong>{t('retros.reviewNotes')}</Typography.Text>
      <EditableNote
        value={retro.goalReview}
        placeholder={t('retros.reviewPlaceholder')}
        label={t('retros.reviewNotes')}
        maxLength={5000}
        minRows={3}
        mayWrite={mayWrite}
        saving={isPending}
        onSave={(goalReview, done) => save({ goalReview }, done)}
      />
    </Card>
  );
}

/** A note shown as text, edited in place by those who may write: the review notes and a proposed change. */
function EditableNote({
  value,
  placeholder,
  label,
  maxLength,
  minRows,
  mayWrite,
  saving,
  onSave,
}: {
  value: string;
  placeholder: string;
  label: string;
  maxLength: number;
  minRows: number;
  mayWrite: boolean;
  saving: boolean;
  onSave: (value: string, done: () => void) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null) {
    return (
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        <Input.TextArea
          value={draft}
          autoSize={{ minRows, maxRows: minRows * 3 }}
          maxLength={maxLength}
          placeholder={placeholder}
          aria-label={label}
          onChange={(event) => setDraft(event.target.value)}
        />
        <Space>
          <Button type="primary" loading={saving} onClick={() => onSave(draft, () => setDraft(null))}>
            {t('actions.save')}
          </Button>
          <Button onClick={() => setDraft(null)}>{t('actions.cancel')}</Button>
        </Space>
      </Flex>
    );
  }
  return (
    <Flex gap={8} align="flex-start" style={{ marginTop: 4 }}>
      <Typography.Paragraph
        type={value ? undefined : 'secondary'}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', flex: 1, marginBottom: 0 }}
      >
        {value || placeholder}
      </Typography.Paragraph>
      {mayWrite ? (
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          aria-label={t('actions.edit')}
          onClick={() => setDraft(value)}
        />
      ) : null}
    </Flex>
  );
}

/** A list of short items added one at a time and removed with a click, saved as they change. */
function ItemList({
  title,
  items,
  mayWrite,
  color,
  testId,
  onChange,
}: {
  title: string;
  items: string[];
  mayWrite: boolean;
  color: string;
  testId: string;
  onChange: (items: string[], done: () => void) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const add = () => {
    if (text.trim()) onChange([...items, text.trim()], () => setText(''));
  };
  return (
    <Flex vertical gap={8} style={{ minWidth: 0 }} data-testid={testId}>
      <Typography.Text strong style={{ color }}>
        {title}
      </Typography.Text>
      {items.length === 0 ? <Typography.Text type="secondary">{t('retros.noItems')}</Typography.Text> : null}
      {items.map((item, index) => (
        <Flex key={`${index}-${item}`} gap={6} align="flex-start">
          <Typography.Text style={{ flex: 1, overflowWrap: 'anywhere' }}>• {item}</Typography.Text>
          {mayWrite ? (
            <Button
              type="text"
              size="small"
              icon={<DeleteOutlined />}
              aria-label={t('actions.remove')}
              onClick={() =>
                onChange(
                  items.filter((_, other) => other !== index),
                  () => undefined,
                )
              }
            />
          ) : null}
        </Flex>
      ))}
      {mayWrite ? (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={text}
            maxLength={1000}
            aria-label={title}
            placeholder={title}
            onChange={(event) => setText(event.target.value)}
            onPressEnter={add}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!text.trim()}
            onClick={add}
            aria-label={t('retros.addItem')}
          />
        </Space.Compact>
      ) : null}
    </Flex>
  );
}

function AssessCard({ retro, mayWrite }: { retro: Retro; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { save } = useSave(retro);
  return (
    <Card title={`2 · ${t('retros.steps.assess')}`}>
      <Row gutter={[24, 16]}>
        <Col xs={24} md={12}>
          <ItemList
            title={t('retros.wentWell')}
            items={retro.wentWell}
            mayWrite={mayWrite}
            color="#389e0d"
            testId="went-well"
            onChange={(wentWell, done) => save({ wentWell }, done)}
          />
        </Col>
        <Col xs={24} md={12}>
          <ItemList
            title={t('retros.wentBadly')}
            items={retro.wentBadly}
            mayWrite={mayWrite}
            color="#cf1322"
            testId="went-badly"
            onChange={(wentBadly, done) => save({ wentBadly }, done)}
          />
        </Col>
      </Row>
    </Card>
  );
}

type Cause = { problem: string; whys: string[] };

/** 分析原因 with the 5-whys helper: each answer is asked "why?" again, up to five times. */
function CausesCard({ retro, mayWrite }: { retro: Retro; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { save } = useSave(retro);
  const causes: Cause[] = retro.causes.map((cause) => ({ problem: cause.problem, whys: cause.whys }));
  const [problem, setProblem] = useState('');
  const saveCauses = (next: Cause[], done: () => void) => save({ causes: next }, done);

  return (
    <Card title={`3 · ${t('retros.steps.analyse')}`} data-testid="retro-causes">
      <Typography.Text strong>{t('retros.causes.title')}</Typography.Text>
      {causes.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('retros.causes.empty')}
        </Typography.Paragraph>
      ) : null}
      <Flex vertical gap={12} style={{ marginTop: 8 }}>
        {causes.map((cause, index) => (
          <CauseChain
            key={`${index}-${cause.problem}`}
            cause={cause}
            rootCause={retro.causes[index]?.rootCause ?? cause.problem}
            mayWrite={mayWrite}
            onChange={(next, done) =>
              saveCauses(
                causes.map((other, at) => (at === index ? next : other)),
                done,
              )
            }
            onRemove={() =>
              saveCauses(
                causes.filter((_, at) => at !== index),
                () => undefined,
              )
            }
          />
        ))}
      </Flex>
      {mayWrite ? (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input
            value={problem}
            maxLength={500}
            placeholder={t('retros.causes.problemPlaceholder')}
            aria-label={t('retros.causes.problem')}
            onChange={(event) => setProblem(event.target.value)}
            onPressEnter={() =>
              problem.trim() &&
              saveCauses([...causes, { problem: problem.trim(), whys: [] }], () => setProblem(''))
            }
            data-testid="cause-problem"
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!problem.trim()}
            onClick={() =>
              saveCauses([...causes, { problem: problem.trim(), whys: [] }], () => setProblem(''))
            }
          >
            {t('retros.causes.addCause')}
          </Button>
        </Space.Compact>
      ) : null}
    </Card>
  );
}

function CauseChain({
  cause,
  rootCause,
  mayWrite,
  onChange,
  onRemove,
}: {
  cause: Cause;
  rootCause: string;
  mayWrite: boolean;
  onChange: (cause: Cause, done: () => void) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const next = nextWhy(cause);
  const submit = () => {
    if (answer.trim()) onChange({ ...cause, whys: [...cause.whys, answer.trim()] }, () => setAnswer(''));
  };
  return (
    <Card size="small" type="inner" data-testid="cause-chain">
      <Flex justify="space-between" gap={8} align="flex-start">
        <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
          {cause.problem}
        </Typography.Text>
        {mayWrite ? (
          <Popconfirm title={t('retros.causes.remove')} onConfirm={onRemove}>
            <Button
              type="text"
              size="small"
              icon={<DeleteOutlined />}
              aria-label={t('retros.causes.remove')}
            />
          </Popconfirm>
        ) : null}
      </Flex>
      <ol style={{ margin: '8px 0', paddingInlineStart: 22 }}>
        {cause.whys.map((why, index) => (
          <li key={`${index}-${why}`} style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('retros.causes.why', { ask: index === 0 ? cause.problem : cause.whys[index - 1] })}
            </Typography.Text>
            <br />
            {why}
          </li>
        ))}
      </ol>
      {cause.whys.length > 0 ? (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          <Tag color="volcano">{t('retros.causes.root')}</Tag>
          <Typography.Text strong data-testid="root-cause">
            {rootCause}
          </Typography.Text>
        </Typography.Paragraph>
      ) : null}
      {mayWrite && next ? (
        <Flex vertical gap={4}>
          <Typography.Text>
            <QuestionCircleOutlined /> {t('retros.causes.whyLabel', { step: next.step })} ·{' '}
            {t('retros.causes.why', { ask: next.ask })}
          </Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={answer}
              maxLength={500}
              aria-label={t('retros.causes.why', { ask: next.ask })}
              onChange={(event) => setAnswer(event.target.value)}
              onPressEnter={submit}
              data-testid="why-answer"
            />
            <Button
              icon={<PlusOutlined />}
              disabled={!answer.trim()}
              onClick={submit}
              aria-label={t('retros.addItem')}
            />
          </Space.Compact>
        </Flex>
      ) : cause.whys.length > 0 && mayWrite ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('retros.causes.done')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function LessonsCard({ retro, mayWrite }: { retro: Retro; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { save, isPending } = useSave(retro);
  const { workspace } = useWorkspaceScope();
  const [text, setText] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const lessons = retro.lessons.map((lesson) => ({ text: lesson.text, tags: lesson.tags }));
  const add = () => {
    if (!text.trim()) return;
    save({ lessons: [...lessons, { text: text.trim(), tags }] }, () => {
      setText('');
      setTags([]);
    });
  };
  return (
    <Card title={`4 · ${t('retros.steps.lessons')}`} data-testid="retro-lessons">
      <List
        size="small"
        dataSource={retro.lessons}
        locale={{ emptyText: t('retros.lessonsCard.empty') }}
        renderItem={(lesson, index) => (
          <List.Item
            data-testid="retro-lesson"
            actions={
              mayWrite
                ? [
                    <Button
                      key="remove"
                      type="text"
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('actions.remove')}
                      onClick={() => save({ lessons: lessons.filter((_, at) => at !== index) })}
                    />,
                  ]
                : []
            }
          >
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Typography.Text style={{ overflowWrap: 'anywhere' }}>{lesson.text}</Typography.Text>
              <Flex gap={4} wrap>
                {lesson.tags.map((tag) => (
                  <Link key={tag} to={`/w/${workspace.id}/retros?tab=log`}>
                    <Tag>#{tag}</Tag>
                  </Link>
                ))}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      {mayWrite ? (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Input.TextArea
            value={text}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            placeholder={t('retros.lessonsCard.placeholder')}
            aria-label={t('retros.lessonsCard.text')}
            onChange={(event) => setText(event.target.value)}
            data-testid="lesson-text"
          />
          <Select
            mode="tags"
            value={tags}
            onChange={setTags}
            maxCount={8}
            tokenSeparators={[',', '，', ' ']}
            placeholder={t('retros.lessonsCard.tagsPlaceholder')}
            aria-label={t('retros.lessonsCard.tags')}
            open={false}
            suffixIcon={null}
            data-testid="lesson-tags"
          />
          <div>
            <Button
              icon={<PlusOutlined />}
              disabled={!text.trim()}
              loading={isPending}
              onClick={add}
              data-testid="add-lesson"
            >
              {t('retros.lessonsCard.add')}
            </Button>
          </div>
        </Flex>
      ) : null}
    </Card>
  );
}

type ActionValues = { title: string; ownerId?: string; dueDate: Dayjs };

function ActionsCard({ retro, mayWrite }: { retro: Retro; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace } = useWorkspaceScope();
  const members = useMembers(workspace.id);
  const add = useAddRetroActions(workspace.id, retro.id);
  const [form] = Form.useForm<ActionValues>();
  const statuses: Record<string, string> = t('taskStatus', { returnObjects: true });
  const base = `/w/${workspace.id}`;

  return (
    <Card title={t('retros.actions.title')} data-testid="retro-actions">
      <List
        dataSource={retro.actions}
        locale={{ emptyText: t('retros.actions.empty') }}
        renderItem={(action) => (
          <List.Item data-testid="retro-action">
            <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
              {action.taskId ? (
                <Link to={`${base}/tasks?task=${action.taskId}`} style={{ overflowWrap: 'anywhere' }}>
                  {action.title}
                </Link>
              ) : (
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{action.title}</Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {action.owner?.name ?? t('retros.actions.noOwner')} ·{' '}
                {t('retros.actions.dueLine', { date: format.day(action.dueDate) })}
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
      {mayWrite ? (
        <Form<ActionValues>
          form={form}
          name="retroAction"
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ dueDate: dayjs().add(14, 'day') }}
          onFinish={(values) =>
            add.mutate(
              [
                {
                  title: values.title.trim(),
                  ownerId: values.ownerId ?? null,
                  dueDate: values.dueDate.format('YYYY-MM-DD'),
                },
              ],
              {
                onSuccess: () => {
                  form.resetFields(['title', 'ownerId']);
                  void message.success(t('retros.actions.added'));
                },
                onError: (error) =>
                  applyFieldErrors(form, error, (path) => path.replace(/^actions\.\d+\./, '')),
              },
            )
          }
        >
          <FormErrorAlert error={add.error} />
          <Form.Item
            name="title"
            label={t('retros.actions.actionTitle')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={300} placeholder={t('retros.actions.placeholder')} data-testid="action-title" />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="ownerId"
              label={t('retros.actions.owner')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: 1, minWidth: 160 }}
            >
              <Select
                showSearch
                optionFilterProp="label"
                aria-label={t('retros.actions.owner')}
                data-testid="action-owner"
                options={(members.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
              />
            </Form.Item>
            <Form.Item
              name="dueDate"
              label={t('retros.actions.due')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ width: 160 }}
            >
              <DatePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('retros.actions.hint')}
          </Typography.Paragraph>
          <Button
            type="primary"
            htmlType="submit"
            icon={<PlusOutlined />}
            loading={add.isPending}
            data-testid="add-retro-action"
          >
            {t('retros.actions.add')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

/** A process 复盘: the proposed change, the version it opens, and the comparison that shows whether it worked. */
function ProcessCard({ retro, mayWrite }: { retro: Retro; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace, can } = useWorkspaceScope();
  const { save, isPending } = useSave(retro);
  const open = useOpenProcessVersion(workspace.id, retro.id);
  const base = `/w/${workspace.id}/processes/${retro.subjectId}`;
  const nextNumber = (retro.processVersion?.number ?? 0) + 1;

  return (
    <Card title={t('retros.process.title')} data-testid="retro-process">
      {retro.processVersion ? (
        <Typography.Paragraph type="secondary">
          {t('retros.process.reviewed', { number: retro.processVersion.number })}
        </Typography.Paragraph>
      ) : null}
      <Typography.Text strong>{t('retros.process.proposed')}</Typography.Text>
      <EditableNote
        value={retro.proposedChange ?? ''}
        placeholder={t('retros.process.proposedPlaceholder')}
        label={t('retros.process.proposed')}
        maxLength={2000}
        minRows={2}
        mayWrite={mayWrite}
        saving={isPending}
        onSave={(proposedChange, done) => save({ proposedChange }, done)}
      />
      {retro.newVersion ? (
        <Flex vertical gap={8}>
          <Tag color="green" style={{ alignSelf: 'flex-start' }}>
            {t('retros.process.opened', { number: retro.newVersion.number })}
          </Tag>
          {can('processes.write') ? (
            <Link to={`${base}/edit`}>
              <EditOutlined /> {t('retros.process.edit')}
            </Link>
          ) : null}
          {retro.processVersion ? (
            <Link
              to={`${base}/compare?from=${retro.processVersion.id}&to=${retro.newVersion.id}`}
              data-testid="retro-compare"
            >
              <LinkOutlined />{' '}
              {t('retros.process.compare', {
                from: retro.processVersion.number,
                to: retro.newVersion.number,
              })}
            </Link>
          ) : null}
        </Flex>
      ) : mayWrite && can('processes.write') ? (
        <Flex vertical gap={6}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('retros.process.openHint')}
          </Typography.Text>
          <Button
            loading={open.isPending}
            data-testid="open-version"
            onClick={() =>
              open.mutate(undefined, {
                onSuccess: (data) =>
                  void message.success(
                    t('retros.process.opened', { number: data.retro.newVersion?.number ?? nextNumber }),
                  ),
                onError: (error) => void message.error(errorMessage(error)),
              })
            }
          >
            {t('retros.process.open', { number: nextNumber })}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
