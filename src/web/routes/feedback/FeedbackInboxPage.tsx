import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CodeOutlined, GlobalOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { FROM_TABLET, useIsCompact } from '../../components/responsive.ts';
import { useDebouncedValue } from '../../components/useDebouncedValue.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  useBulkUpdate,
  useInbox,
  type FeedbackItem,
  type InboxFilter,
} from '../../features/feedback/hooks.ts';
import { useMembers } from '../../features/members/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { EmbedSnippets } from '../../features/embed/EmbedSnippets.tsx';

const STATUSES = ['new', 'triaged', 'planned', 'in_progress', 'done', 'declined'] as const;
const CHANNELS = ['portal', 'api', 'app_store', 'support', 'email', 'manual', 'import', 'survey'] as const;
export const STATUS_COLORS: Record<string, string> = {
  new: 'blue',
  triaged: 'cyan',
  planned: 'purple',
  in_progress: 'gold',
  done: 'green',
  declined: 'default',
};

export function FeedbackInboxPage() {
  const { t } = useTranslation();
  const isCompact = useIsCompact();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const [isEmbedOpen, setEmbedOpen] = useState(false);
  const [status, setStatus] = useState<InboxFilter['status']>();
  const [channel, setChannel] = useState<InboxFilter['channel']>();
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const q = useDebouncedValue(search, 300);
  const [searchParams] = useSearchParams();
  const clusterId = searchParams.get('cluster') ?? undefined;
  const filter: InboxFilter = {
    ...(status && { status }),
    ...(channel && { channel }),
    ...(q.trim() && { q: q.trim() }),
    ...(clusterId && { clusterId }),
    ...(cursors.length > 0 && { cursor: cursors.at(-1) }),
    limit: 50,
  };
  const inbox = useInbox(workspace.id, filter);
  const members = useMembers(workspace.id);
  const bulk = useBulkUpdate(workspace.id);
  const mayWrite = can('feedback.write');

  const resetPaging = () => {
    setCursors([]);
    setSelected([]);
  };
  const runBulk = (changes: { status?: 'triaged'; assigneeId?: string }) =>
    bulk.mutate(
      { itemIds: selected, ...changes },
      {
        onSuccess: () => {
          setSelected([]);
          void message.success(t('feedback.item.saved'));
        },
        onError: (error) => void message.error(errorMessage(error)),
      },
    );

  const columns: TableColumnsType<FeedbackItem> = [
    {
      title: t('feedback.inbox.columns.title'),
      key: 'title',
      render: (_, item) => (
        <Flex vertical gap={2} style={{ minWidth: isCompact ? 0 : 220 }}>
          <Link to={`/w/${workspace.id}/feedback/${item.id}`}>{item.title}</Link>
          {isCompact ? (
            // On a phone the status sits under the title: a column of its own would scroll off at 390 px.
            <span>
              <Tag color={STATUS_COLORS[item.status]}>{t(`feedback.status.${item.status}`)}</Tag>
            </span>
          ) : null}
          {item.body ? (
            <Typography.Text
              type="secondary"
              ellipsis
              style={{ maxWidth: isCompact ? 240 : 420, fontSize: 12 }}
            >
              {item.body}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('feedback.inbox.columns.status'),
      key: 'status',
      responsive: FROM_TABLET,
      render: (_, item) => (
        <Tag color={STATUS_COLORS[item.status]}>{t(`feedback.status.${item.status}`)}</Tag>
      ),
    },
    {
      title: t('feedback.inbox.columns.channel'),
      key: 'channel',
      responsive: ['md'],
      render: (_, item) => t(`feedback.channel.${item.channel}`),
    },
    { title: t('feedback.inbox.columns.votes'), dataIndex: 'votes', key: 'votes', responsive: ['sm'] },
    {
      title: t('feedback.inbox.columns.cluster'),
      key: 'cluster',
      responsive: ['lg'],
      render: (_, item) => (item.cluster ? <Tag>{item.cluster.label}</Tag> : null),
    },
    {
      title: t('feedback.inbox.columns.created'),
      key: 'created',
      responsive: ['md'],
      render: (_, item) => format.dateTime(item.createdAt),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('feedback.inbox.title')}
        description={t('feedback.inbox.description')}
        extra={
          <Flex gap={8} wrap>
            {can('feedback.write') ? (
              <Link to={`/w/${workspace.id}/feedback/import`} data-testid="feedback-import">
                <Button icon={<UploadOutlined />}>{t('feedback.importer.open')}</Button>
              </Link>
            ) : null}
            <Button icon={<GlobalOutlined />} href={`/portal/${workspace.id}`} target="_blank">
              {t('feedback.inbox.portal')}
            </Button>
            <Button icon={<CodeOutlined />} onClick={() => setEmbedOpen(true)} data-testid="feedback-embed">
              {t('feedback.embed.button')}
            </Button>
          </Flex>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('feedback.inbox.search')}
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              resetPaging();
            }}
            style={{ width: 240, maxWidth: '100%' }}
          />
          <Select
            allowClear
            placeholder={t('feedback.inbox.allStatuses')}
            value={status}
            onChange={(value) => {
              setStatus(value);
              resetPaging();
            }}
            options={STATUSES.map((value) => ({ value, label: t(`feedback.status.${value}`) }))}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder={t('feedback.inbox.allChannels')}
            value={channel}
            onChange={(value) => {
              setChannel(value);
              resetPaging();
            }}
            options={CHANNELS.map((value) => ({ value, label: t(`feedback.channel.${value}`) }))}
            style={{ width: 150 }}
          />
        </Flex>
        {mayWrite && selected.length > 0 ? (
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <Typography.Text>{t('feedback.inbox.selected', { count: selected.length })}</Typography.Text>
            <Button loading={bulk.isPending} onClick={() => runBulk({ status: 'triaged' })}>
              {t('feedback.inbox.triage')}
            </Button>
            <Select
              placeholder={t('feedback.inbox.assignTo')}
              style={{ width: 180 }}
              options={(members.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
              onChange={(assigneeId: string) => runBulk({ assigneeId })}
              value={null}
            />
          </Flex>
        ) : null}
        {inbox.error ? (
          <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={inbox.data?.items ?? []}
            loading={inbox.isLoading}
            pagination={false}
            {...(!isCompact && { scroll: { x: 'max-content' } })}
            locale={{ emptyText: t('feedback.inbox.empty') }}
            {...(mayWrite && {
              rowSelection: { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) },
            })}
          />
        )}
        <Space style={{ marginTop: 12 }}>
          {cursors.length > 0 ? (
            <Button onClick={() => setCursors(cursors.slice(0, -1))}>{t('feedback.inbox.previous')}</Button>
          ) : null}
          {inbox.data?.nextCursor ? (
            <Button onClick={() => setCursors([...cursors, inbox.data?.nextCursor ?? ''])}>
              {t('feedback.inbox.more')}
            </Button>
          ) : null}
        </Space>
      </Card>
      <Modal
        title={t('feedback.embed.title')}
        open={isEmbedOpen}
        onCancel={() => setEmbedOpen(false)}
        footer={null}
        width={640}
      >
        <EmbedSnippets kind="feedback" id={workspace.id} />
      </Modal>
    </>
  );
}
