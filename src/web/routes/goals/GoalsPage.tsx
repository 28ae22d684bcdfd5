import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { AimOutlined, DownOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { FROM_TABLET, useIsCompact } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { GoalStatusTag, HEALTH_ORDER, HealthTag } from '../../features/goals/GoalBadges.tsx';
import type { GoalFormMode } from '../../features/goals/GoalFormDrawer.tsx';
import { LazyGoalFormDrawer } from '../../features/goals/LazyGoalFormDrawer.tsx';
import { GoalProgress } from '../../features/goals/GoalProgress.tsx';
import { useDebouncedValue } from '../../components/useDebouncedValue.ts';
import { useFirstPaint } from '../../components/useFirstPaint.ts';
import { FIRST_PAINT_ROWS, flattenLazyTree, type LazyTreeRow } from '../../features/goals/goalTree.ts';
import {
  useChildGoals,
  useGoalSearch,
  useTopGoals,
  type GoalHealthStatus,
  type GoalNode,
  type GoalStatus,
} from '../../features/goals/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const STATUSES: GoalStatus[] = ['draft', 'active', 'done', 'cancelled'];

export function GoalsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { workspace, can } = useWorkspaceScope();
  const [status, setStatus] = useState<GoalStatus | null>(null);
  const [health, setHealth] = useState<GoalHealthStatus | null>(null);
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 300);
  const [searchParams, setSearchParams] = useSearchParams();
  // `?new=1` (from the dashboard's "create the first goal") opens the form straight away.
  const [formMode, setFormMode] = useState<GoalFormMode | null>(() =>
    searchParams.get('new') === '1' && can('goals.write') ? { kind: 'create' } : null,
  );
  // The tree loads its top level; a goal's sub-goals are read from the server when it is expanded.
  const [expanded, setExpanded] = useState<string[]>([]);
  const [childPages, setChildPages] = useState<ReadonlyMap<string, number>>(() => new Map());
  const mayWrite = can('goals.write');
  const base = `/w/${workspace.id}`;
  const isFiltered = status !== null || health !== null || query !== '';

  const top = useTopGoals(workspace.id, !isFiltered);
  const found = useGoalSearch(
    workspace.id,
    { ...(query ? { q: query } : {}), ...(status ? { status } : {}), ...(health ? { health } : {}) },
    isFiltered,
  );
  const children = useChildGoals(workspace.id, expanded, childPages);
  const list = isFiltered ? found : top;

  const rows = useMemo((): LazyTreeRow<GoalNode>[] => {
    const loaded = (list.data?.pages ?? []).flatMap((page) => page.items);
    // A search or filter shows the matching goals at every level as a flat list.
    if (isFiltered)
      return loaded.map((goal) => ({
        kind: 'goal',
        key: goal.id,
        goal,
        depth: 0,
        expanded: false,
        loading: false,
      }));
    const levels = new Map(
      expanded.map((parentId, index) => {
        const data = children[index]?.data;
        return [parentId, data ? { items: data.items, hasMore: data.nextCursor !== null } : undefined];
      }),
    );
    return flattenLazyTree(loaded, new Set(expanded), (goalId) => levels.get(goalId));
  }, [list.data, isFiltered, expanded, children]);

  const toggle = (goalId: string) =>
    setExpanded((previous) =>
      previous.includes(goalId) ? previous.filter((id) => id !== goalId) : [...previous, goalId],
    );

  // A phone keeps the goal and its progress bar (coloured by health).
  const isCompact = useIsCompact();
  const indent = isCompact ? 12 : 20;
  const goalColumn = (render: (goal: GoalNode) => ReactNode) => (_: unknown, row: LazyTreeRow<GoalNode>) =>
    row.kind === 'goal' ? render(row.goal) : null;
  const columns: TableColumnsType<LazyTreeRow<GoalNode>> = [
    {
      title: t('goals.goal'),
      key: 'title',
      onCell: (row) => (row.kind === 'more' ? { colSpan: 6 } : {}),
      render: (_, row) => {
        if (row.kind === 'more')
          return (
            <Button
              type="link"
              size="small"
              style={{ marginInlineStart: row.depth * indent + 24 }}
              onClick={() =>
                setChildPages((previous) =>
                  new Map(previous).set(row.parentId, (previous.get(row.parentId) ?? 1) + 1),
                )
              }
            >
              {t('goals.moreChildren')}
            </Button>
          );
        const { goal } = row;
        return (
          <Flex gap={4} align="flex-start" style={{ paddingInlineStart: row.depth * indent }}>
            {goal.childCount > 0 && !isFiltered ? (
              <Button
                type="text"
                size="small"
                loading={row.loading}
                icon={row.expanded ? <DownOutlined /> : <RightOutlined />}
                aria-expanded={row.expanded}
                aria-label={t(row.expanded ? 'goals.collapse' : 'goals.expand', { title: goal.title })}
                onClick={() => toggle(goal.id)}
                data-testid="goal-expand"
              />
            ) : (
              <span style={{ display: 'inline-block', width: 24, flex: 'none' }} />
            )}
            <Flex vertical gap={2} style={{ minWidth: isCompact ? 120 : 220 }}>
              <Link to={`${base}/goals/${goal.id}`} style={{ fontWeight: 500 }}>
                {goal.title}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('goals.keyResultCount', { count: goal.keyResultCount })}
                {goal.childCount > 0 ? ` · ${t('goals.subGoalCount', { count: goal.childCount })}` : ''}
              </Typography.Text>
            </Flex>
          </Flex>
        );
      },
    },
    {
      title: t('goals.progress'),
      key: 'progress',
      width: isCompact ? 120 : 220,
      render: goalColumn((goal) => (
        <GoalProgress
          progress={goal.progress}
          expected={goal.status === 'active' ? goal.expectedProgress : null}
          health={goal.health}
          size="small"
        />
      )),
    },
    {
      title: t('goals.health'),
      key: 'health',
      width: 110,
      responsive: FROM_TABLET,
      render: goalColumn((goal) => <HealthTag health={goal.health} />),
    },
    {
      title: t('goals.owner'),
      key: 'owner',
      width: 120,
      responsive: FROM_TABLET,
      render: goalColumn((goal) =>
        goal.owner ? (
          goal.owner.name
        ) : (
          <Typography.Text type="secondary">{t('goals.noOwner')}</Typography.Text>
        ),
      ),
    },
    {
      title: t('goals.dueDate'),
      key: 'dueDate',
      width: 140,
      responsive: FROM_TABLET,
      render: goalColumn((goal) => format.day(goal.dueDate)),
    },
    {
      title: t('goals.status'),
      key: 'status',
      width: 100,
      responsive: FROM_TABLET,
      render: goalColumn((goal) => <GoalStatusTag status={goal.status} />),
    },
  ];

  const hasGoals = isFiltered || (top.data?.pages[0]?.items.length ?? 0) > 0;
  // The rows in view first, the rest of the page of 100 right after that paint.
  const isFirstPaint = useFirstPaint(rows.length > 0);
  const drawnRows = isFirstPaint ? rows.slice(0, FIRST_PAINT_ROWS) : rows;

  return (
    <>
      <PageHeader
        title={t('goals.title')}
        description={t('goals.description')}
        extra={
          mayWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setFormMode({ kind: 'create' })}
              data-testid="new-goal"
            >
              {t('goals.create')}
            </Button>
          ) : null
        }
      />
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && !hasGoals ? (
        <Card>
          <Empty
            image={<AimOutlined style={{ fontSize: 48, color: '#adc6ff' }} />}
            styles={{ image: { height: 56 } }}
            description={
              <Flex vertical gap={4} align="center">
                <Typography.Text strong>{t('goals.empty')}</Typography.Text>
                <Typography.Text type="secondary" style={{ maxWidth: 460 }}>
                  {t('goals.emptyHint')}
                </Typography.Text>
              </Flex>
            }
          >
            {mayWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormMode({ kind: 'create' })}>
                {t('dashboard.createFirstGoal')}
              </Button>
            ) : null}
          </Empty>
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Flex gap={8} wrap style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
            <Input.Search
              allowClear
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('goals.searchPlaceholder')}
              aria-label={t('goals.searchPlaceholder')}
              style={{ width: isCompact ? '100%' : 260 }}
              data-testid="goal-search"
            />
            <Select
              allowClear
              value={status}
              onChange={(value) => setStatus(value ?? null)}
              placeholder={t('goals.allStatuses')}
              style={{ width: 150 }}
              options={STATUSES.map((value) => ({ value, label: t(`goalStatus.${value}`) }))}
              aria-label={t('goals.filterStatus')}
            />
            <Select
              allowClear
              value={health}
              onChange={(value) => setHealth(value ?? null)}
              placeholder={t('goals.allHealth')}
              style={{ width: 150 }}
              options={HEALTH_ORDER.map((value) => ({ value, label: t(`health.${value}`) }))}
              aria-label={t('goals.filterHealth')}
            />
            {isFiltered ? (
              <Button
                type="link"
                onClick={() => {
                  setStatus(null);
                  setHealth(null);
                  setSearch('');
                }}
              >
                {t('goals.clearFilters')}
              </Button>
            ) : null}
          </Flex>
          {isFiltered ? (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '8px 16px 0' }}>
              {t('goals.searchResults')}
            </Typography.Text>
          ) : null}
          <Table<LazyTreeRow<GoalNode>>
            rowKey="key"
            columns={columns}
            dataSource={drawnRows}
            loading={list.isPending || (isFiltered && list.isFetching && !list.isFetchingNextPage)}
            pagination={false}
            // Long trees render only the rows in view.
            virtual={!isCompact && rows.length > 200}
            scroll={isCompact ? undefined : rows.length > 200 ? { x: 900, y: 640 } : { x: 900 }}
            data-testid="goals-table"
            onRow={(row) => ({
              onDoubleClick: () => {
                if (row.kind === 'goal') void navigate(`${base}/goals/${row.goal.id}`);
              },
            })}
            locale={{
              emptyText: <Empty description={isFiltered ? t('goals.emptyFiltered') : t('goals.empty')} />,
            }}
          />
          {list.hasNextPage ? (
            <Flex justify="center" style={{ padding: 12 }}>
              <Button
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
                data-testid="goals-load-more"
              >
                {t('goals.loadMore')}
              </Button>
            </Flex>
          ) : null}
        </Card>
      )}
      {mayWrite ? (
        <LazyGoalFormDrawer
          workspaceId={workspace.id}
          mode={formMode}
          onClose={() => {
            setFormMode(null);
            if (searchParams.has('new')) setSearchParams({}, { replace: true });
          }}
          onSaved={(detail) => void navigate(`${base}/goals/${detail.goal.id}`)}
        />
      ) : null}
    </>
  );
}
