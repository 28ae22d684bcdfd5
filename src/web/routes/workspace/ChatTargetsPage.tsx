import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CHAT_KINDS, type ChatKind } from '../../../core/notifications/chat.ts';
import { NOTIFICATION_EVENT_TYPES } from '../../../core/notifications/index.ts';
import { errorMessage } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  useChatDeliveries,
  useChatTargets,
  useCreateChatTarget,
  useDeleteChatTarget,
  useTestChatTarget,
  useUpdateChatTarget,
  type ChatTarget,
  type ChatTargetInput,
} from '../../features/notifications/settingsHooks.ts';
import { useEventLabel } from '../../features/notifications/useEventLabel.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type EventType = ChatTargetInput['eventTypes'][number];
type TargetValues = { name: string; kind: ChatKind; url: string; secret?: string; eventTypes: EventType[] };

const STATUS_COLORS: Record<string, string> = { sent: 'green', failed: 'red', queued: 'blue' };

/** The workspace's chat groups: DingTalk, Feishu, WeCom, Slack robots and signed webhooks, with routing. */
export function ChatTargetsPage() {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const targets = useChatTargets(workspace.id);
  const [editing, setEditing] = useState<ChatTarget | 'new' | null>(null);

  if (!can('chat.manage')) {
    return <Result status="403" title={t('chatTargets.title')} subTitle={t('errors.noPermission')} />;
  }
  return (
    <>
      <PageHeader
        title={t('chatTargets.title')}
        description={t('chatTargets.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('chatTargets.add')}
          </Button>
        }
      />
      {targets.isError ? <QueryError error={targets.error} onRetry={() => void targets.refetch()} /> : null}
      {targets.data && targets.data.length === 0 ? (
        <Card>
          <Empty description={t('chatTargets.empty')} />
        </Card>
      ) : null}
      <Flex vertical gap={16}>
        {(targets.data ?? []).map((target) => (
          <TargetCard key={target.id} target={target} onEdit={() => setEditing(target)} />
        ))}
      </Flex>
      <TargetModal target={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function TargetCard({ target, onEdit }: { target: ChatTarget; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const [isLogOpen, setLogOpen] = useState(false);
  const test = useTestChatTarget(workspace.id);
  const update = useUpdateChatTarget(workspace.id);
  const remove = useDeleteChatTarget(workspace.id);
  const eventLabel = useEventLabel();
  const onError = (error: unknown) => void message.error(errorMessage(error));

  return (
    <Card
      data-testid="chat-target"
      title={
        <Flex gap={8} align="center" wrap style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis>
            {target.name}
          </Typography.Text>
          <Tag color="geekblue">{t(`chatTargets.kinds.${target.kind}`)}</Tag>
        </Flex>
      }
      extra={
        <Switch
          checked={target.enabled}
          loading={update.isPending}
          aria-label={t('chatTargets.enabled')}
          onChange={(enabled) => update.mutate({ targetId: target.id, changes: { enabled } }, { onError })}
        />
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {target.url}
          {target.secret ? ` · ${t('chatTargets.secretStored', { hint: target.secret })}` : ''}
        </Typography.Text>
        <Flex gap={4} wrap>
          {target.eventTypes.length === 0 ? (
            <Typography.Text type="warning">{t('chatTargets.noEvents')}</Typography.Text>
          ) : (
            target.eventTypes.map((type) => <Tag key={type}>{eventLabel(type)}</Tag>)
          )}
        </Flex>
        <Space wrap>
          <Button
            icon={<SendOutlined />}
            loading={test.isPending}
            data-testid="chat-target-test"
            onClick={() =>
              test.mutate(target.id, {
                onSuccess: (result) => {
                  void message.success(t('chatTargets.testSent', { status: result.status }));
                  setLogOpen(true);
                },
                onError: (error) => {
                  onError(error);
                  setLogOpen(true);
                },
              })
            }
          >
            {t('chatTargets.test')}
          </Button>
          <Button onClick={() => setLogOpen(!isLogOpen)}>
            {isLogOpen ? t('chatTargets.hideLog') : t('chatTargets.showLog')}
          </Button>
          <Button onClick={onEdit}>{t('actions.edit')}</Button>
          <Popconfirm
            title={t('chatTargets.deleteConfirm')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate(target.id, { onError })}
          >
            <Button danger loading={remove.isPending}>
              {t('actions.remove')}
            </Button>
          </Popconfirm>
        </Space>
        {isLogOpen ? <DeliveryLog targetId={target.id} /> : null}
      </Flex>
    </Card>
  );
}

function DeliveryLog({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace } = useWorkspaceScope();
  const log = useChatDeliveries(workspace.id, targetId, true);
  const eventLabel = useEventLabel();
  const statuses: Record<string, string> = t('chatTargets.statuses', { returnObjects: true });
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  if (log.isError) return <QueryError error={log.error} onRetry={() => void log.refetch()} />;
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        loading={log.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        data-testid="delivery-log"
        locale={{ emptyText: t('chatTargets.logEmpty') }}
        columns={[
          {
            title: t('chatTargets.log.time'),
            dataIndex: 'createdAt',
            render: (ms: number) => format.dateTime(ms),
          },
          {
            title: t('chatTargets.log.event'),
            dataIndex: 'eventType',
            render: (type: string) => (type === 'chat.test' ? t('chatTargets.log.test') : eventLabel(type)),
          },
          {
            title: t('chatTargets.log.status'),
            dataIndex: 'status',
            render: (status: string) => (
              <Tag color={STATUS_COLORS[status] ?? 'default'}>{statuses[status] ?? status}</Tag>
            ),
          },
          {
            title: t('chatTargets.log.code'),
            dataIndex: 'responseCode',
            render: (code: number | null) => code ?? '—',
          },
          { title: t('chatTargets.log.attempts'), dataIndex: 'attempts' },
          {
            title: t('chatTargets.log.error'),
            dataIndex: 'lastError',
            render: (error: string | null) => (
              <Typography.Text type="secondary" ellipsis={{ tooltip: error }} style={{ maxWidth: 260 }}>
                {error ?? '—'}
              </Typography.Text>
            ),
          },
        ]}
      />
      {log.hasNextPage ? (
        <Button size="small" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {t('notifications.more')}
        </Button>
      ) : null}
    </>
  );
}

function TargetModal({ target, onClose }: { target: ChatTarget | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const [form] = Form.useForm<TargetValues>();
  const create = useCreateChatTarget(workspace.id);
  const update = useUpdateChatTarget(workspace.id);
  const isNew = target === 'new';
  const kind = Form.useWatch('kind', form);
  const eventLabel = useEventLabel();
  const mutation = isNew ? create : update;

  const submit = (values: TargetValues) => {
    const secret = values.secret?.trim() ? values.secret.trim() : undefined;
    const done = {
      onSuccess: () => {
        void message.success(t('chatTargets.saved'));
        onClose();
      },
      onError: (error: unknown) => applyFieldErrors(form, error),
    };
    if (isNew) {
      create.mutate({ ...values, secret: secret ?? null }, done);
    } else if (target) {
      // An empty URL or secret keeps the stored one: the page only ever sees them masked.
      update.mutate(
        {
          targetId: target.id,
          changes: {
            name: values.name,
            kind: values.kind,
            eventTypes: values.eventTypes,
            ...(values.url.trim() ? { url: values.url.trim() } : {}),
            ...(secret ? { secret } : {}),
          },
        },
        done,
      );
    }
  };

  return (
    <Modal
      open={target !== null}
      title={isNew ? t('chatTargets.add') : t('chatTargets.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('actions.save')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (!open) {
          create.reset();
          update.reset();
        }
      }}
    >
      <FormErrorAlert error={mutation.error} />
      <Form<TargetValues>
        form={form}
        layout="vertical"
        name="chatTarget"
        preserve={false}
        onFinish={submit}
        initialValues={
          target && target !== 'new'
            ? { name: target.name, kind: target.kind, url: '', eventTypes: target.eventTypes as EventType[] }
            : { kind: 'dingtalk', eventTypes: ['task.overdue', 'kpi.turned_red', 'process.step_overdue'] }
        }
      >
        <Form.Item
          name="name"
          label={t('chatTargets.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} placeholder={t('chatTargets.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('chatTargets.kind')}>
          <Select options={CHAT_KINDS.map((value) => ({ value, label: t(`chatTargets.kinds.${value}`) }))} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('chatTargets.url')}
          extra={isNew ? t(`chatTargets.urlHints.${kind ?? 'dingtalk'}`) : t('chatTargets.keepUrl')}
          rules={isNew ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
        >
          <Input maxLength={2000} placeholder="https://" />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('chatTargets.secret')}
          extra={isNew ? t('chatTargets.secretHint') : t('chatTargets.keepSecret')}
        >
          <Input.Password maxLength={500} autoComplete="off" />
        </Form.Item>
        <Form.Item name="eventTypes" label={t('chatTargets.routing')} extra={t('chatTargets.routingHint')}>
          <Select
            mode="multiple"
            options={NOTIFICATION_EVENT_TYPES.map((value) => ({
              value,
              label: eventLabel(value),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
