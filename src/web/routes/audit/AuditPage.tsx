import { useState } from 'react';
import { Button, Card, Empty, Flex, Result, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { AuditFilterBar } from '../../features/audit/AuditFilterBar.tsx';
import { ChangesCell } from '../../features/audit/ChangesCell.tsx';
import { useAuditLog, type AuditFilters } from '../../features/audit/hooks.ts';
import { useActionLabel } from '../../features/audit/useActionLabel.ts';
import { useMembers } from '../../features/members/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type AuditRow = {
  id: string;
  actor: { id: string; name: string } | null;
  action: string;
  objectType: string;
  objectId: string;
  changes?: unknown;
  createdAt: number;
};

export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useWorkspaceScope();
  if (!can('audit.read')) {
    return <Result status="403" title={t('audit.title')} subTitle={t('errors.noPermission')} />;
  }
  return <AuditLog />;
}

function AuditLog() {
  const { t } = useTranslation();
  const format = useFormatters();
  const actionLabel = useActionLabel();
  const { workspace } = useWorkspaceScope();
  const [filters, setFilters] = useState<AuditFilters>({});
  const members = useMembers(workspace.id);
  const audit = useAuditLog(workspace.id, filters);
  const rows: AuditRow[] = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const hasFilters = Object.values(filters).some((value) => value !== undefined);

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Card>
        <AuditFilterBar people={members.data ?? []} filters={filters} onChange={setFilters} />
        {audit.error ? (
          <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <>
            <Table<AuditRow>
              rowKey="id"
              size="middle"
              loading={audit.isPending}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 960 }}
              locale={{
                emptyText: <Empty description={hasFilters ? t('audit.emptyFiltered') : t('audit.empty')} />,
              }}
              columns={[
                {
                  title: t('audit.time'),
                  dataIndex: 'createdAt',
                  width: 180,
                  render: (createdAt: number) => format.dateTime(createdAt),
                },
                {
                  title: t('audit.person'),
                  dataIndex: 'actor',
                  width: 140,
                  render: (actor: AuditRow['actor']) =>
                    actor?.name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
                },
                {
                  title: t('audit.action'),
                  dataIndex: 'action',
                  width: 180,
                  render: (action: string) => (
                    <Flex vertical>
                      <span>{actionLabel(action)}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {action}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                {
                  title: t('audit.objectType'),
                  dataIndex: 'objectType',
                  width: 130,
                  render: (objectType: string) => <Tag>{objectType}</Tag>,
                },
                {
                  title: t('audit.objectId'),
                  dataIndex: 'objectId',
                  width: 160,
                  render: (objectId: string) => (
                    <Typography.Text copyable={{ text: objectId }} style={{ fontSize: 12 }}>
                      {objectId.length > 12 ? `${objectId.slice(0, 12)}…` : objectId}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('audit.changes'),
                  dataIndex: 'changes',
                  render: (changes: unknown) => <ChangesCell changes={changes} />,
                },
              ]}
            />
            {audit.hasNextPage ? (
              <Flex justify="center" style={{ marginTop: 16 }}>
                <Button loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
                  {t('audit.loadMore')}
                </Button>
              </Flex>
            ) : null}
          </>
        )}
      </Card>
    </>
  );
}
