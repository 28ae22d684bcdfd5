import { Card, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMyQueue, type QueueItem } from '../../features/processes/hooks.ts';
import { RunStatusTag } from '../../features/processes/RunStatusTag.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/** Soonest due first; steps without a deadline last, oldest arrival first. */
function byDue(a: QueueItem, b: QueueItem): number {
  return (
    (a.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.dueAt ?? Number.MAX_SAFE_INTEGER) || a.enteredAt - b.enteredAt
  );
}

export function QueuePage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { workspace } = useWorkspaceScope();
  const queue = useMyQueue(workspace.id);
  const base = `/w/${workspace.id}`;
  const items = [...(queue.data ?? [])].sort(byDue);

  const columns: TableColumnsType<QueueItem> = [
    {
      title: t('runs.subject'),
      key: 'subject',
      render: (_, item) => (
        <Link to={`${base}/runs/${item.runId}`} style={{ fontWeight: 500 }}>
          {item.subject}
        </Link>
      ),
    },
    { title: t('queue.process'), key: 'process', render: (_, item) => item.processName },
    { title: t('queue.step'), key: 'step', render: (_, item) => item.stepName },
    {
      title: t('runs.status'),
      key: 'status',
      width: 140,
      render: (_, item) =>
        item.status === 'active' && item.startedAt === null ? (
          <Tag style={{ marginInlineEnd: 0 }}>{t('runs.notStarted')}</Tag>
        ) : (
          <RunStatusTag status={item.status} />
        ),
    },
    {
      title: t('runs.enteredAt'),
      key: 'enteredAt',
      width: 200,
      render: (_, item) => format.dateTime(item.enteredAt),
    },
    {
      title: t('runs.dueAt'),
      key: 'dueAt',
      width: 200,
      render: (_, item) =>
        item.dueAt === null ? (
          '—'
        ) : (
          <Typography.Text type={item.isOverdue ? 'danger' : undefined} strong={item.isOverdue}>
            {format.dateTime(item.dueAt)}
            {item.isOverdue ? ` · ${t('runs.overdue')}` : ''}
          </Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('queue.title')} description={t('queue.description')} />
      {queue.error ? (
        <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<QueueItem>
            rowKey={(item) => `${item.runId}-${item.stepKey}`}
            columns={columns}
            dataSource={items}
            loading={queue.isPending}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={t('queue.empty')} /> }}
            data-testid="queue-table"
            onRow={(item) => ({
              onClick: () => void navigate(`${base}/runs/${item.runId}`),
              style: { cursor: 'pointer' },
            })}
          />
        </Card>
      )}
    </>
  );
}
