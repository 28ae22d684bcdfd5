import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  App,
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
  Select,
  Tag,
  Typography,
} from 'antd';
import { CalendarOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  useCreateMeeting,
  AGENDA_LEAD_CHOICES,
  useCreateSeries,
  useMeetings,
  useMeetingSeries,
  useUpdateSeries,
  useNextMeeting,
  type MeetingSeries,
} from '../../features/meetings/hooks.ts';
import { useMembers } from '../../features/members/hooks.ts';
import { RulePicker } from '../../features/routines/RulePicker.tsx';
import { useDescribeRule } from '../../features/routines/useRuleWords.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const CLOCKS = Array.from({ length: 30 }, (_, index) => {
  const minutes = 7 * 60 + index * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${minutes % 60 === 0 ? '00' : '30'}`;
});

/** Recurring meetings (周会) with their next date, and every meeting, latest first. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const meetings = useMeetings(workspace.id);
  const series = useMeetingSeries(workspace.id);
  const format = useFormatters();
  const [creating, setCreating] = useState<'meeting' | 'series' | null>(null);
  const mayWrite = can('meetings.write');
  const base = `/w/${workspace.id}`;

  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        description={t('meetings.description')}
        extra={
          mayWrite ? (
            <>
              <Button icon={<SyncOutlined />} onClick={() => setCreating('series')}>
                {t('meetings.newSeries')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating('meeting')}>
                {t('meetings.newMeeting')}
              </Button>
            </>
          ) : null
        }
      />
      {meetings.isError ? (
        <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('meetings.series')} loading={series.isLoading}>
            {(series.data ?? []).length === 0 ? (
              <Empty description={t('meetings.noSeries')} />
            ) : (
              <Flex vertical gap={12}>
                {(series.data ?? []).map((item) => (
                  <SeriesCard key={item.id} series={item} mayWrite={mayWrite} />
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={t('meetings.all')}>
            <List
              loading={meetings.isLoading}
              dataSource={meetings.data ?? []}
              locale={{ emptyText: <Empty description={t('meetings.empty')} /> }}
              renderItem={(meeting) => (
                <List.Item data-testid="meeting-row">
                  <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
                    <Link to={`${base}/meetings/${meeting.id}`}>
                      <Typography.Text strong>{meeting.title}</Typography.Text>
                    </Link>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      <CalendarOutlined /> {format.day(meeting.date)} {meeting.startTime}
                      {' · '}
                      {t('meetings.attendeeCount', { count: meeting.attendees.length })}
                    </Typography.Text>
                  </Flex>
                  <Flex gap={4} wrap justify="flex-end">
                    {meeting.openActions > 0 ? (
                      <Tag color="orange">{t('meetings.openActions', { count: meeting.openActions })}</Tag>
                    ) : null}
                    <Tag color={meeting.status === 'held' ? 'green' : 'blue'}>
                      {t(`meetings.statuses.${meeting.status}`)}
                    </Tag>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {mayWrite ? <CreateModal kind={creating} onClose={() => setCreating(null)} /> : null}
    </>
  );
}

function SeriesCard({ series, mayWrite }: { series: MeetingSeries; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const describe = useDescribeRule();
  const format = useFormatters();
  const { workspace } = useWorkspaceScope();
  const next = useNextMeeting(workspace.id);
  const updateSeries = useUpdateSeries(workspace.id);
  const leadOptions = (current: number) =>
    [...new Set<number>([...AGENDA_LEAD_CHOICES, current])]
      .sort((a, b) => a - b)
      .map((hours) => ({ value: hours, label: t('meetings.leadHours', { count: hours }) }));
  return (
    <Card size="small" data-testid="meeting-series">
      <Flex vertical gap={4}>
        <Typography.Text strong>{series.title}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {describe(series.rule)} · {series.startTime}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {series.attendees.map((person) => person.name).join(t('meetings.nameSeparator'))}
        </Typography.Text>
        <Flex align="center" gap={6} wrap style={{ fontSize: 13 }}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('meetings.leadLine')}
          </Typography.Text>
          {mayWrite ? (
            <Select
              size="small"
              aria-label={t('meetings.fields.agendaLeadHours')}
              data-testid="series-lead"
              value={series.agendaLeadHours}
              loading={updateSeries.isPending}
              style={{ minWidth: 120 }}
              options={leadOptions(series.agendaLeadHours)}
              onChange={(agendaLeadHours: number) =>
                updateSeries.mutate(
                  { seriesId: series.id, agendaLeadHours },
                  { onError: (error) => void message.error(errorMessage(error)) },
                )
              }
            />
          ) : (
            <Typography.Text style={{ fontSize: 13 }}>
              {t('meetings.leadHours', { count: series.agendaLeadHours })}
            </Typography.Text>
          )}
        </Flex>
        {mayWrite && series.nextDate ? (
          <Button
            size="small"
            style={{ alignSelf: 'flex-start', marginTop: 4 }}
            loading={next.isPending}
            onClick={() =>
              next.mutate(series.id, {
                onSuccess: (data) => void navigate(`/w/${workspace.id}/meetings/${data.meeting.id}`),
                onError: (error) => void message.error(errorMessage(error)),
              })
            }
          >
            {t('meetings.planNext', { date: format.day(series.nextDate) })}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

type CreateValues = {
  title: string;
  date: Dayjs;
  startTime: string;
  attendeeIds: string[];
  rule: string;
  agendaLeadHours: number;
};

function CreateModal({ kind, onClose }: { kind: 'meeting' | 'series' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { workspace } = useWorkspaceScope();
  const members = useMembers(workspace.id);
  const [form] = Form.useForm<CreateValues>();
  const createMeeting = useCreateMeeting(workspace.id);
  const createSeries = useCreateSeries(workspace.id);
  const mutation = kind === 'series' ? createSeries : createMeeting;

  const submit = (values: CreateValues) => {
    const common = {
      title: values.title.trim(),
      startTime: values.startTime,
      durationMinutes: 60,
      attendeeIds: values.attendeeIds ?? [],
    };
    const done = (data: { meeting: { id: string } }) => {
      onClose();
      void navigate(`/w/${workspace.id}/meetings/${data.meeting.id}`);
    };
    const onError = (error: unknown) =>
      applyFieldErrors(form, error, (path) => (path === 'startsOn' ? 'date' : path));
    if (kind === 'series') {
      createSeries.mutate(
        {
          ...common,
          rule: values.rule,
          startsOn: values.date.format('YYYY-MM-DD'),
          agendaLeadHours: values.agendaLeadHours,
        },
        { onSuccess: done, onError },
      );
    } else {
      createMeeting.mutate(
        { ...common, date: values.date.format('YYYY-MM-DD') },
        { onSuccess: done, onError },
      );
    }
  };

  return (
    <Modal
      open={kind !== null}
      title={kind === 'series' ? t('meetings.newSeries') : t('meetings.newMeeting')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('actions.save')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (!open) {
          createMeeting.reset();
          createSeries.reset();
        }
      }}
    >
      <FormErrorAlert error={mutation.error} />
      <Form<CreateValues>
        form={form}
        layout="vertical"
        name="meeting"
        preserve={false}
        onFinish={submit}
        initialValues={{
          title: kind === 'series' ? t('meetings.defaultSeriesTitle') : '',
          date: dayjs().add(1, 'day'),
          startTime: '10:00',
          attendeeIds: [],
          rule: 'FREQ=WEEKLY;BYDAY=MO',
          agendaLeadHours: 24,
        }}
      >
        <Form.Item
          name="title"
          label={t('meetings.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {kind === 'series' ? (
          <Form.Item name="rule" label={t('meetings.fields.rule')}>
            <RulePicker />
          </Form.Item>
        ) : null}
        <Flex gap={12} wrap>
          <Form.Item
            name="date"
            label={kind === 'series' ? t('meetings.fields.startsOn') : t('meetings.fields.date')}
            rules={[{ required: true, message: t('validation.required') }]}
            style={{ flex: 1, minWidth: 160 }}
          >
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
          <Form.Item name="startTime" label={t('meetings.fields.startTime')} style={{ width: 120 }}>
            <Select options={CLOCKS.map((clock) => ({ value: clock, label: clock }))} />
          </Form.Item>
        </Flex>
        {kind === 'series' ? (
          <Form.Item name="agendaLeadHours" label={t('meetings.fields.agendaLeadHours')}>
            <Select
              options={AGENDA_LEAD_CHOICES.map((hours) => ({
                value: hours,
                label: t('meetings.leadHours', { count: hours }),
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="attendeeIds" label={t('meetings.fields.attendees')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            loading={members.isLoading}
            options={(members.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
