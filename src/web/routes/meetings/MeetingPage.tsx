import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  MailOutlined,
  PlusOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CommentsPanel } from '../../features/comments/CommentsPanel.tsx';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  minutesUrl,
  useAddAction,
  useBuildAgenda,
  useMeeting,
  useMeetingSeries,
  useSendMeeting,
  useUpdateMeeting,
  type AgendaItem,
  type Meeting,
} from '../../features/meetings/hooks.ts';
import { useMembers } from '../../features/members/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { currentLocale } from '../../i18n/index.ts';

const SOURCE_COLORS: Record<AgendaItem['source'], string> = {
  live: 'red',
  carried: 'orange',
  manual: 'blue',
};

/** Sending the agenda or the minutes: the same button twice, with its own words. */
const SENDS = [
  {
    what: 'agenda',
    sent: 'meetings.agendaSent',
    send: 'meetings.sendAgenda',
    resend: 'meetings.resendAgenda',
  },
  {
    what: 'minutes',
    sent: 'meetings.minutesSent',
    send: 'meetings.sendMinutes',
    resend: 'meetings.resendMinutes',
  },
] as const;

/** The minutes' download formats; their names are file formats, the same in every language. */
const DOWNLOADS = [
  { format: 'md', label: 'Markdown' },
  { format: 'docx', label: 'DOCX' },
] as const;

function localId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** One meeting: agenda (built from live data or written), minutes, decisions and action items that are tasks. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const { workspace, can } = useWorkspaceScope();
  const meeting = useMeeting(workspace.id, meetingId);
  const base = `/w/${workspace.id}`;

  if (meeting.isError) {
    return (
      <Result
        status="warning"
        title={t('meetings.notFound')}
        subTitle={errorMessage(meeting.error)}
        extra={<Link to={`${base}/meetings`}>{t('meetings.backToList')}</Link>}
      />
    );
  }
  if (!meeting.data) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }
  return <MeetingView meeting={meeting.data} mayWrite={can('meetings.write')} mayAct={can('tasks.write')} />;
}

function MeetingView({
  meeting,
  mayWrite,
  mayAct,
}: {
  meeting: Meeting;
  mayWrite: boolean;
  mayAct: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace } = useWorkspaceScope();
  const base = `/w/${workspace.id}`;
  const build = useBuildAgenda(workspace.id, meeting.id);
  const send = useSendMeeting(workspace.id, meeting.id);
  const locale = currentLocale();
  const onError = (error: unknown) => void message.error(errorMessage(error));

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'root', title: <Link to={`${base}/meetings`}>{t('meetings.title')}</Link> },
          { key: meeting.id, title: meeting.title },
        ]}
      />
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 20 }}>
        <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="meeting-title">
            {meeting.title}
          </Typography.Title>
          <Flex gap={8} align="center" wrap>
            <Tag color={meeting.status === 'held' ? 'green' : 'blue'}>
              {t(`meetings.statuses.${meeting.status}`)}
            </Tag>
            <Typography.Text type="secondary">
              {format.day(meeting.date)} {meeting.startTime} ·{' '}
              {t('meetings.minutesLong', { count: meeting.durationMinutes })}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary">
            {t('meetings.attendeesLine', {
              names:
                meeting.attendees.length > 0
                  ? meeting.attendees.map((person) => person.name).join(t('meetings.nameSeparator'))
                  : t('meetings.none'),
            })}
          </Typography.Text>
        </Flex>
        <Space wrap>
          {mayWrite ? (
            <>
              <Button
                icon={<ThunderboltOutlined />}
                loading={build.isPending}
                data-testid="build-agenda"
                onClick={() =>
                  build.mutate(undefined, {
                    onSuccess: () => void message.success(t('meetings.agendaBuilt')),
                    onError,
                  })
                }
              >
                {t('meetings.buildAgenda')}
              </Button>
              {SENDS.map(({ what, sent, send: sendLabel, resend }) => (
                <Button
                  key={what}
                  icon={<MailOutlined />}
                  loading={send.isPending && send.variables === what}
                  onClick={() =>
                    send.mutate(what, { onSuccess: () => void message.success(t(sent)), onError })
                  }
                >
                  {t(meeting[`${what}SentAt`] ? resend : sendLabel)}
                </Button>
              ))}
            </>
          ) : null}
          {DOWNLOADS.map(({ format: fileFormat, label }) => (
            <Button
              key={fileFormat}
              icon={<DownloadOutlined />}
              href={minutesUrl(workspace.id, meeting.id, fileFormat, locale)}
              download
            >
              {label}
            </Button>
          ))}
        </Space>
      </Flex>
      {meeting.agendaSentAt || meeting.minutesSentAt ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {meeting.agendaSentAt
            ? t('meetings.agendaSentAt', { time: format.dateTime(meeting.agendaSentAt) })
            : ''}
          {meeting.agendaSentAt && meeting.minutesSentAt ? ' · ' : ''}
          {meeting.minutesSentAt
            ? t('meetings.minutesSentAt', { time: format.dateTime(meeting.minutesSentAt) })
            : ''}
        </Typography.Paragraph>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <AgendaCard meeting={meeting} mayWrite={mayWrite} />
            <MinutesCard meeting={meeting} mayWrite={mayWrite} />
            <CommentsPanel targetType="meeting" targetId={meeting.id} />
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <ActionsCard meeting={meeting} mayWrite={mayWrite && mayAct} />
            <DecisionsCard meeting={meeting} mayWrite={mayWrite} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}

function AgendaCard({ meeting, mayWrite }: { meeting: Meeting; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const update = useUpdateMeeting(workspace.id, meeting.id);
  const series = useMeetingSeries(workspace.id);
  // A one-off meeting, or one whose series is gone, gets the default day's notice.
  const leadHours = (series.data ?? []).find((item) => item.id === meeting.seriesId)?.agendaLeadHours ?? 24;
  const [topic, setTopic] = useState('');
  const onError = (error: unknown) => void message.error(errorMessage(error));
  const save = (agenda: AgendaItem[], after?: () => void) =>
    update.mutate({ agenda }, { onSuccess: after, onError });

  return (
    <Card title={t('meetings.agenda')} data-testid="agenda-card">
      {meeting.status === 'planned' && !meeting.agendaSentAt && meeting.attendees.length > 0 ? (
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: 12, marginBottom: 8 }}
          data-testid="auto-agenda"
        >
          {t('meetings.autoAgendaHint', { hours: leadHours })}
        </Typography.Paragraph>
      ) : null}
      <List
        dataSource={meeting.agenda}
        locale={{
          emptyText: <Empty description={mayWrite ? t('meetings.agendaEmptyHint') : t('meetings.none')} />,
        }}
        renderItem={(item, index) => (
          // The remove button sits in the row itself: antd's List.Item actions wrap under the text below 768 px.
          <List.Item data-testid="agenda-item">
            <Flex gap={8} align="baseline" style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text type="secondary">{index + 1}.</Typography.Text>
              <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Flex gap={6} align="center" wrap>
                  <Tag color={SOURCE_COLORS[item.source]} style={{ marginInlineEnd: 0 }}>
                    {t(`meetings.kinds.${item.kind}`)}
                  </Tag>
                  {item.link ? (
                    <Link to={item.link} style={{ overflowWrap: 'anywhere' }}>
                      {item.title}
                    </Link>
                  ) : (
                    <Typography.Text style={{ overflowWrap: 'anywhere' }}>{item.title}</Typography.Text>
                  )}
                </Flex>
                {item.detail ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.detail}
                  </Typography.Text>
                ) : null}
              </Flex>
              {mayWrite ? (
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('actions.remove')}
                  data-testid="agenda-remove"
                  style={{ flex: 'none', alignSelf: 'flex-start' }}
                  onClick={() => save(meeting.agenda.filter((other) => other.id !== item.id))}
                />
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
      {mayWrite ? (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input
            value={topic}
            maxLength={300}
            placeholder={t('meetings.addTopic')}
            aria-label={t('meetings.addTopic')}
            onChange={(event) => setTopic(event.target.value)}
            onPressEnter={() => {
              if (topic.trim())
                save(
                  [
                    ...meeting.agenda,
                    {
                      id: localId('topic'),
                      kind: 'topic',
                      source: 'manual',
                      title: topic.trim(),
                      detail: null,
                      link: null,
                    },
                  ],
                  () => setTopic(''),
                );
            }}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!topic.trim()}
            loading={update.isPending}
            onClick={() =>
              save(
                [
                  ...meeting.agenda,
                  {
                    id: localId('topic'),
                    kind: 'topic',
                    source: 'manual',
                    title: topic.trim(),
                    detail: null,
                    link: null,
                  },
                ],
                () => setTopic(''),
              )
            }
          >
            {t('meetings.add')}
          </Button>
        </Space.Compact>
      ) : null}
    </Card>
  );
}

function MinutesCard({ meeting, mayWrite }: { meeting: Meeting; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const update = useUpdateMeeting(workspace.id, meeting.id);
  const [draft, setDraft] = useState<string | null>(null);

  return (
    <Card
      title={t('meetings.minutes')}
      extra={
        mayWrite && draft === null ? (
          <Button size="small" onClick={() => setDraft(meeting.minutes)} data-testid="edit-minutes">
            {t('actions.edit')}
          </Button>
        ) : null
      }
    >
      {draft !== null ? (
        <Flex vertical gap={8}>
          <FormErrorAlert error={update.error} />
          <Input.TextArea
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            autoSize={{ minRows: 6, maxRows: 24 }}
            placeholder={t('meetings.minutesPlaceholder')}
            aria-label={t('meetings.minutes')}
            data-testid="minutes-input"
          />
          <Space>
            <Button
              type="primary"
              loading={update.isPending}
              onClick={() =>
                update.mutate(
                  { minutes: draft },
                  {
                    onSuccess: () => {
                      setDraft(null);
                      void message.success(t('meetings.minutesSaved'));
                    },
                  },
                )
              }
            >
              {t('actions.save')}
            </Button>
            <Button onClick={() => setDraft(null)}>{t('actions.cancel')}</Button>
          </Space>
        </Flex>
      ) : meeting.minutes.trim() ? (
        <Typography>
          {/* Rendered on the server from Markdown with raw HTML off and unsafe links refused. */}
          <div
            className="markdown-body"
            data-testid="minutes-body"
            style={{ overflowWrap: 'anywhere' }}
            dangerouslySetInnerHTML={{ __html: meeting.minutesHtml }}
          />
        </Typography>
      ) : (
        <Typography.Text type="secondary">{t('meetings.noMinutes')}</Typography.Text>
      )}
    </Card>
  );
}

function DecisionsCard({ meeting, mayWrite }: { meeting: Meeting; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const update = useUpdateMeeting(workspace.id, meeting.id);
  const [text, setText] = useState('');
  const onError = (error: unknown) => void message.error(errorMessage(error));
  const add = () => {
    if (!text.trim()) return;
    update.mutate(
      { decisions: [...meeting.decisions, text.trim()] },
      { onSuccess: () => setText(''), onError },
    );
  };

  return (
    <Card title={t('meetings.decisions')}>
      <List
        size="small"
        dataSource={meeting.decisions.map((decision, index) => ({ decision, index }))}
        locale={{ emptyText: t('meetings.noDecisions') }}
        renderItem={({ decision, index }) => (
          <List.Item>
            <Flex gap={8} align="flex-start" style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
                {decision}
              </Typography.Text>
              {mayWrite ? (
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('actions.remove')}
                  style={{ flex: 'none' }}
                  onClick={() =>
                    update.mutate(
                      { decisions: meeting.decisions.filter((_, other) => other !== index) },
                      { onError },
                    )
                  }
                />
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
      {mayWrite ? (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input
            value={text}
            maxLength={1000}
            placeholder={t('meetings.addDecision')}
            aria-label={t('meetings.addDecision')}
            onChange={(event) => setText(event.target.value)}
            onPressEnter={add}
          />
          <Button icon={<PlusOutlined />} disabled={!text.trim()} loading={update.isPending} onClick={add}>
            {t('meetings.add')}
          </Button>
        </Space.Compact>
      ) : null}
    </Card>
  );
}

type ActionValues = { title: string; ownerId: string; dueDate: Dayjs };

function ActionsCard({ meeting, mayWrite }: { meeting: Meeting; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace } = useWorkspaceScope();
  const members = useMembers(workspace.id);
  const add = useAddAction(workspace.id, meeting.id);
  const [form] = Form.useForm<ActionValues>();
  const statuses: Record<string, string> = t('taskStatus', { returnObjects: true });
  const base = `/w/${workspace.id}`;

  return (
    <Card title={t('meetings.actions')} data-testid="actions-card">
      <List
        dataSource={meeting.actions}
        locale={{ emptyText: t('meetings.noActions') }}
        renderItem={(action) => (
          <List.Item data-testid="meeting-action">
            <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
              {action.taskId ? (
                <Link to={`${base}/tasks?task=${action.taskId}`} style={{ overflowWrap: 'anywhere' }}>
                  {action.title}
                </Link>
              ) : (
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{action.title}</Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {action.owner?.name ?? t('meetings.noOwner')} ·{' '}
                {t('meetings.due', { date: format.day(action.dueDate) })}
              </Typography.Text>
            </Flex>
            <Tag color={action.isOpen ? 'orange' : 'green'}>
              {action.taskStatus
                ? (statuses[action.taskStatus] ?? action.taskStatus)
                : t('meetings.taskGone')}
            </Tag>
          </List.Item>
        )}
      />
      {mayWrite ? (
        <Form<ActionValues>
          form={form}
          name="meetingAction"
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ dueDate: dayjs(meeting.date).add(7, 'day') }}
          onFinish={(values) =>
            add.mutate(
              {
                title: values.title.trim(),
                ownerId: values.ownerId,
                dueDate: values.dueDate.format('YYYY-MM-DD'),
              },
              {
                onSuccess: () => {
                  form.resetFields(['title']);
                  void message.success(t('meetings.actionAdded'));
                },
                onError: (error) => applyFieldErrors(form, error),
              },
            )
          }
        >
          <FormErrorAlert error={add.error} />
          <Form.Item
            name="title"
            label={t('meetings.actionTitle')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={300} placeholder={t('meetings.actionPlaceholder')} />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="ownerId"
              label={t('meetings.owner')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: 1, minWidth: 140 }}
            >
              <Select
                showSearch
                optionFilterProp="label"
                aria-label={t('meetings.owner')}
                options={(members.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
              />
            </Form.Item>
            <Form.Item
              name="dueDate"
              label={t('meetings.dueDate')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ width: 160 }}
            >
              <DatePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('meetings.actionHint')}
          </Typography.Paragraph>
          <Button
            type="primary"
            htmlType="submit"
            icon={<PlusOutlined />}
            loading={add.isPending}
            data-testid="add-action"
          >
            {t('meetings.addAction')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
