import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Row,
  Select,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_EVENT_TYPES, PERSONAL_CHANNELS } from '../../../core/notifications/index.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import {
  useNotificationSettings,
  useSaveNotificationSettings,
  type NotificationSettings,
} from '../../features/notifications/settingsHooks.ts';
import { useEventLabel } from '../../features/notifications/useEventLabel.ts';

type Choice = NotificationSettings['preferences'][number];
type Channel = Choice['channel'];

type TimingValues = {
  timezone: string;
  hasQuietHours: boolean;
  quietStart: string;
  quietEnd: string;
  digest: boolean;
  digestHour: number;
};

const CLOCKS = Array.from({ length: 48 }, (_, index) => {
  const hour = String(Math.floor(index / 2)).padStart(2, '0');
  return `${hour}:${index % 2 === 0 ? '00' : '30'}`;
});

function timezones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

/** My channels per event type, quiet hours in my time zone, and the daily digest. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const settings = useNotificationSettings();
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <FullPageSpin />;
  return (
    <>
      <PageHeader
        title={t('notificationSettings.title')}
        description={t('notificationSettings.description')}
      />
      <SettingsForm settings={settings.data} />
    </>
  );
}

function SettingsForm({ settings }: { settings: NotificationSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveNotificationSettings();
  const eventLabel = useEventLabel();
  const [form] = Form.useForm<TimingValues>();
  const [choices, setChoices] = useState<Choice[]>(settings.preferences);
  useEffect(() => setChoices(settings.preferences), [settings.preferences]);
  const hasQuietHours = Form.useWatch('hasQuietHours', form) ?? settings.quietStart !== null;
  const digest = Form.useWatch('digest', form) ?? settings.digest;
  const zones = useMemo(() => timezones(settings.timezone), [settings.timezone]);

  const isOn = (eventType: string, channel: Channel) =>
    choices.find((choice) => choice.eventType === eventType && choice.channel === channel)?.enabled ?? false;
  const toggle = (eventType: string, channel: Channel, enabled: boolean) =>
    setChoices((current) =>
      current.some((choice) => choice.eventType === eventType && choice.channel === channel)
        ? current.map((choice) =>
            choice.eventType === eventType && choice.channel === channel ? { ...choice, enabled } : choice,
          )
        : [...current, { eventType: eventType as Choice['eventType'], channel, enabled }],
    );

  // Quiet hours and digest hour keep their values while hidden; the form answers only the shown fields.
  const submit = () => {
    const values = form.getFieldsValue(true) as TimingValues;
    save.mutate(
      {
        timezone: values.timezone,
        quietStart: values.hasQuietHours ? values.quietStart : null,
        quietEnd: values.hasQuietHours ? values.quietEnd : null,
        digest: values.digest,
        digestHour: values.digestHour,
        preferences: choices,
      },
      {
        onSuccess: () => void message.success(t('notificationSettings.saved')),
        onError: (error) => applyFieldErrors(form, error),
      },
    );
  };

  return (
    <Form<TimingValues>
      form={form}
      name="notificationSettings"
      layout="vertical"
      initialValues={{
        timezone: settings.timezone,
        hasQuietHours: settings.quietStart !== null,
        quietStart: settings.quietStart ?? '22:00',
        quietEnd: settings.quietEnd ?? '08:00',
        digest: settings.digest,
        digestHour: settings.digestHour,
      }}
      onFinish={submit}
    >
      <FormErrorAlert error={save.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('notificationSettings.channels')}>
            {settings.isEmailConfigured ? null : (
              <Alert
                type="info"
                showIcon
                title={t('notificationSettings.emailOff')}
                style={{ marginBottom: 12 }}
              />
            )}
            <Table
              size="small"
              rowKey="eventType"
              pagination={false}
              data-testid="preference-table"
              dataSource={NOTIFICATION_EVENT_TYPES.map((eventType) => ({ eventType }))}
              columns={[
                {
                  title: t('notificationSettings.event'),
                  dataIndex: 'eventType',
                  render: (eventType: string) => eventLabel(eventType),
                },
                ...PERSONAL_CHANNELS.map((channel) => ({
                  title: t(`notificationSettings.channel.${channel}`),
                  key: channel,
                  width: 90,
                  align: 'center' as const,
                  render: (_: unknown, row: { eventType: string }) => (
                    <Checkbox
                      checked={isOn(row.eventType, channel)}
                      aria-label={`${eventLabel(row.eventType)} · ${t(
                        `notificationSettings.channel.${channel}`,
                      )}`}
                      onChange={(event) => toggle(row.eventType, channel, event.target.checked)}
                    />
                  ),
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('notificationSettings.timing')}>
            <Form.Item name="timezone" label={t('notificationSettings.timezone')}>
              <Select showSearch options={zones.map((zone) => ({ value: zone, label: zone }))} />
            </Form.Item>
            <Form.Item
              name="hasQuietHours"
              label={t('notificationSettings.quietHours')}
              valuePropName="checked"
              extra={t('notificationSettings.quietHint')}
            >
              <Switch />
            </Form.Item>
            {hasQuietHours ? (
              <Flex gap={12} wrap>
                <Form.Item name="quietStart" label={t('notificationSettings.quietStart')} style={{ flex: 1 }}>
                  <Select options={CLOCKS.map((clock) => ({ value: clock, label: clock }))} />
                </Form.Item>
                <Form.Item name="quietEnd" label={t('notificationSettings.quietEnd')} style={{ flex: 1 }}>
                  <Select options={CLOCKS.map((clock) => ({ value: clock, label: clock }))} />
                </Form.Item>
              </Flex>
            ) : null}
            <Form.Item
              name="digest"
              label={t('notificationSettings.digest')}
              valuePropName="checked"
              extra={t('notificationSettings.digestHint')}
            >
              <Switch />
            </Form.Item>
            {digest ? (
              <Form.Item name="digestHour" label={t('notificationSettings.digestHour')}>
                <Select
                  options={Array.from({ length: 24 }, (_, hour) => ({
                    value: hour,
                    label: `${String(hour).padStart(2, '0')}:00`,
                  }))}
                />
              </Form.Item>
            ) : null}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('notificationSettings.chatHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Flex justify="flex-end" style={{ marginTop: 16 }}>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          data-testid="save-notification-settings"
        >
          {t('actions.save')}
        </Button>
      </Flex>
    </Form>
  );
}
