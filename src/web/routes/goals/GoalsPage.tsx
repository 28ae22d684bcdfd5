import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Select, Table, Typography, type TableColumnsType } from 'antd';
import { AimOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { FROM_TABLET, useIsCompact } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { GoalStatusTag, HEALTH_ORDER, HealthTag } from '../../features/goals/GoalBadges.tsx';
import { GoalFormDrawer, type GoalFormMode } from '../../features/goals/GoalFormDrawer.tsx';
import { GoalProgress } from '../../features/goals/GoalProgress.tsx';
import {
  buildGoalTree,
  expandableIds,
  filterGoalTree,
  type GoalTreeNode,
} from '../../features/goals/goalTree.ts';
import { useGoals, type Goal, type GoalHealthStatus, type GoalStatus } from '../../features/goals/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const STATUSES: GoalStatus[] = ['draft', 'active', 'done', 'cancelled'];

export function GoalsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { workspace, can } = useWorkspaceScope();
  const goals = useGoals(workspace.id);
  const [status, setStatus] = useState<GoalStatus | null>(null);
  const [health, setHealth] = useState<GoalHealthStatus | null>(null);
  const [searchParams, setSearchParams] = useSearchParams();
  // `?new=1` (from the dashboard's "create the first goal") opens the form straight away.
  const [formMode, setFormMode] = useState<GoalFormMode | null>(() =>
    searchParams.get('new') === '1' && can('goals.write') ? { kind: 'create' } : null,
  );
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const mayWrite = can('goals.write');
  const base = `/w/${workspace.id}`;

  const tree = useMemo(() => {
    const all = buildGoalTree(goals.data ?? []);
    if (!status && !health) return all;
    return filterGoalTree(
      all,
      (goal) => (!status || goal.status === status) && (!health || goal.health === health),
    );
  }, [goals.data, status, health]);
  const expandedRowKeys = useMemo(
    () => expandableIds(tree).filter((id) => !collapsed.has(id)),
    [tree, collapsed],
  );

  // A phone keeps the goal and its progress bar (coloured by health).
  const isCompact = useIsCompact();
  const columns: TableColumnsType<GoalTreeNode<Goal>> = [
    {
      title: t('goals.goal'),
      key: 'title',
      render: (_, goal) => (
        <Flex vertical gap={2} style={{ minWidth: isCompact ? 140 : 220 }}>
          <Link to={`${base}/goals/${goal.id}`} style={{ fontWeight: 500 }}>
            {goal.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('goals.keyResultCount', { count: goal.keyResultCount })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('goals.progress'),
      key: 'progress',
      width: isCompact ? 120 : 220,
      render: (_, goal) => (
        <GoalProgress
          progress={goal.progress}
          expected={goal.status === 'active' ? goal.expectedProgress : null}
          health={goal.health}
          size="small"
        />
      ),
    },
    {
      title: t('goals.health'),
      key: 'health',
      width: 110,
      responsive: FROM_TABLET,
      render: (_, goal) => <HealthTag health={goal.health} reason={goal.healthReason?.message} />,
    },
    {
      title: t('goals.owner'),
      key: 'owner',
      width: 120,
      responsive: FROM_TABLET,
      render: (_, goal) =>
        goal.owner ? (
          goal.owner.name
        ) : (
          <Typography.Text type="secondary">{t('goals.noOwner')}</Typography.Text>
        ),
    },
    {
      title: t('goals.dueDate'),
      key: 'dueDate',
      width: 140,
      responsive: FROM_TABLET,
      render: (_, goal) => format.day(goal.dueDate),
    },
    {
      title: t('goals.status'),
      key: 'status',
      width: 100,
      responsive: FROM_TABLET,
      render: (_, goal) => <GoalStatusTag status={goal.status} />,
    },
  ];

  const isFiltered = status !== null || health !== null;
  const hasGoals = (goals.data?.length ?? 0) > 0;

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
      {goals.error ? (
        <QueryError error={goals.error} onRetry={() => void goals.refetch()} />
      ) : !goals.isPending && !hasGoals ? (
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
                }}
              >
                {t('goals.clearFilters')}
              </Button>
            ) : null}
          </Flex>
          <Table<GoalTreeNode<Goal>>
            rowKey="id"
            columns={columns}
            dataSource={tree}
            loading={goals.isPending}
            pagination={false}
            scroll={isCompact ? undefined : { x: 900 }}
            data-testid="goals-table"
            expandable={{
              expandedRowKeys,
              onExpand: (expanded, goal) =>
                setCollapsed((previous) => {
                  const next = new Set(previous);
                  if (expanded) next.delete(goal.id);
                  else next.add(goal.id);
                  return next;
                }),
            }}
            onRow={(goal) => ({
              onDoubleClick: () => void navigate(`${base}/goals/${goal.id}`),
            })}
            locale={{
              emptyText: <Empty description={isFiltered ? t('goals.emptyFiltered') : t('goals.empty')} />,
            }}
          />
        </Card>
      )}
      {mayWrite ? (
        <GoalFormDrawer
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
