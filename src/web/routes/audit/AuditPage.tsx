import { useState } from 'react';
import { Button, Card, Empty, Flex, List, Result, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsCompact } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { AuditFilterBar } from '../../features/audit/AuditFilterBar.tsx';
import { ActivitySentence, usePeopleNames, type AuditEntry } from '../../features/audit/ActivitySentence.tsx';
import { useAuditLog, type AuditFilters } from '../../features/audit/hooks.ts';
import { objectTypeLabel } from '../../../core/activity/index.ts';
import { useMembers } from '../../features/members/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useWorkspaceScope();
  if (!can('audit.read')) {
    return <Result status="403" title={t('audit.title')} subTitle={t('errors.noPermission')} />;
  }
  return <AuditLog />;
}

function AuditLog() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { workspace } = useWorkspaceScope();
  const people = usePeopleNames(workspace.id);
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const isPhone = useIsCompact();
  const [filters, setFilters] = useState<AuditFilters>({});
  const members = useMembers(workspace.id);
  const audit = useAuditLog(workspace.id, filters);
  const rows: AuditEntry[] = audit.data?.pages.flatMap((page) => page.items) ?? [];
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
            {isPhone ? (
              // A phone reads the log as a list: the sentence first, when and what kind under it.
              <List<AuditEntry>
                loading={audit.isPending}
                dataSource={rows}
                locale={{
                  emptyText: <Empty description={hasFilters ? t('audit.emptyFiltered') : t('audit.empty')} />,
                }}
                data-testid="audit-list"
                renderItem={(entry) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                      <ActivitySentence workspaceId={workspace.id} entry={entry} people={people} />
                      <Flex gap={8} align="center" wrap>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {format.dateTime(entry.createdAt)}
                        </Typography.Text>
                        <Tag style={{ marginInlineEnd: 0 }}>{objectTypeLabel(entry.objectType, locale)}</Tag>
                      </Flex>
                    </Flex>
                  </List.Item>
                )}
              />
            ) : (
              <Table<AuditEntry>
                rowKey="id"
                size="middle"
                loading={audit.isPending}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 720 }}
                locale={{
                  emptyText: <Empty description={hasFilters ? t('audit.emptyFiltered') : t('audit.empty')} />,
                }}
                columns={[
                  {
                    title: t('audit.time'),
                    dataIndex: 'createdAt',
                    width: 170,
                    render: (createdAt: number) => format.dateTime(createdAt),
                  },
                  {
                    title: t('audit.what'),
                    key: 'sentence',
                    render: (_: unknown, entry: AuditEntry) => (
                      <ActivitySentence workspaceId={workspace.id} entry={entry} people={people} />
                    ),
                  },
                  {
                    title: t('audit.objectType'),
                    dataIndex: 'objectType',
                    width: 120,
                    render: (objectType: string) => <Tag>{objectTypeLabel(objectType, locale)}</Tag>,
                  },
                ]}
              />
            )}
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
