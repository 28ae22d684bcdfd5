import { useEffect, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Segmented,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { FROM_TABLET, useIsCompact } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { MyDay } from '../../features/myday/MyDay.tsx';
import {
  assigneeKey,
  useOpenSteps,
  type OpenStepsByPerson,
  type QueueItem,
} from '../../features/processes/hooks.ts';
import { QueueChart } from '../../features/processes/QueueChart.tsx';
import { RunStatusTag } from '../../features/processes/RunStatusTag.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type QueueView = 'mine' | 'team';

/** The server lists at most this many of the team's open steps. */
const TEAM_LIMIT = 200;

/** Soonest due first; steps without a deadline last, oldest arrival first. */
function byDue(a: QueueItem, b: QueueItem): number {
  return (
    (a.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.dueAt ?? Number.MAX_SAFE_INTEGER) || a.enteredAt - b.enteredAt
  );
}

/** Whose steps to show, and whose alone, kept in the address: `?view=team&assignee=<userId>`. */
function useQueueChoice() {
  const [searchParams, setSearchParams] = useSearchParams();
  const view: QueueView = searchParams.get('view') === 'team' ? 'team' : 'mine';
  const assigneeId = view === 'team' ? searchParams.get('assignee') : null;
  const update = (next: { view?: QueueView; assigneeId?: string | null }) =>
    setSearchParams(
      (previous) => {
        const params = new URLSearchParams(previous);
        if (next.view === 'mine') {
          params.delete('view');
          params.delete('assignee');
        } else if (next.view === 'team') params.set('view', 'team');
        if (next.assigneeId === null) params.delete('assignee');
        else if (next.assigneeId !== undefined) params.set('assignee', next.assigneeId);
        return params;
      },
      { replace: next.view === undefined },
    );
  return {
    view,
    assigneeId,
    chooseView: (nextView: QueueView) => update({ view: nextView }),
    chooseAssignee: (nextAssigneeId: string | null) => update({ assigneeId: nextAssigneeId }),
  };
}

function useQueueColumns(base: string, withAssignee: boolean): TableColumnsType<QueueItem> {
  const { t } = useTranslation();
  const format = useFormatters();
  // A phone keeps the case, the step and when it is due.
  const isCompact = useIsCompact();
  return [
    {
      title: t('runs.subject'),
      key: 'subject',
      render: (_, item) => (
        <Link to={`${base}/runs/${item.runId}`} style={{ fontWeight: 500 }}>
          {item.subject}
        </Link>
      ),
    },
    ...(withAssignee
      ? [
          {
            title: t('runs.assignee'),
            key: 'assignee',
            width: 110,
            render: (_: unknown, item: QueueItem) =>
              item.assignee?.name ?? (
                <Typography.Text type="secondary">{t('runs.unassigned')}</Typography.Text>
              ),
          },
        ]
      : []),
    // Fixed widths in the team's table keep process and step names on one line.
    {
      title: t('queue.process'),
      key: 'process',
      width: withAssignee ? 160 : undefined,
      responsive: FROM_TABLET,
      render: (_, item) => item.processName,
    },
    {
      title: t('queue.step'),
      key: 'step',
      width: withAssignee ? 120 : undefined,
      render: (_, item) => item.stepName,
    },
    {
      title: t('runs.status'),
      key: 'status',
      width: 140,
      responsive: FROM_TABLET,
      render: (_, item) =>
        item.status === 'active' && item.startedAt === null ? (
          <Tag style={{ marginInlineEnd: 0 }}>{t('runs.notStarted')}</Tag>
        ) : (
          <RunStatusTag status={item.status} />
        ),
    },
    // The team's table trades the arrival time for the assignee: at 1366 px both would squeeze the subject.
    ...(withAssignee
      ? []
      : [
          {
            title: t('runs.enteredAt'),
            key: 'enteredAt',
            width: 200,
            responsive: FROM_TABLET,
            render: (_: unknown, item: QueueItem) => format.dateTime(item.enteredAt),
          },
        ]),
    {
      title: t('runs.dueAt'),
      key: 'dueAt',
      width: isCompact ? 120 : 200,
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
}

function QueueTable({
  base,
  items,
  loading,
  withAssignee,
  emptyText,
}: {
  base: string;
  items: QueueItem[];
  loading: boolean;
  withAssignee: boolean;
  emptyText: string;
}) {
  const navigate = useNavigate();
  const columns = useQueueColumns(base, withAssignee);
  const isCompact = useIsCompact();
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Table<QueueItem>
        rowKey={(item) => `${item.runId}-${item.stepKey}`}
        columns={columns}
        dataSource={[...items].sort(byDue)}
        loading={loading}
        pagination={false}
        scroll={isCompact ? undefined : { x: 900 }}
        locale={{ emptyText: <Empty description={emptyText} /> }}
        data-testid="queue-table"
        onRow={(item) => ({
          onClick: () => void navigate(`${base}/runs/${item.runId}`),
          style: { cursor: 'pointer' },
        })}
      />
    </Card>
  );
}

function ViewSwitch({ view, onChange }: { view: QueueView; onChange: (view: QueueView) => void }) {
  const { t } = useTranslation();
  return (
    <Segmented<QueueView>
      value={view}
      onChange={onChange}
      data-testid="queue-view"
      options={[
        { value: 'mine', label: t('queue.viewMine') },
        { value: 'team', label: t('queue.viewTeam') },
      ]}
    />
  );
}

/** The team lead's view: everyone's load and lateness as bars, then the steps, all or one person's. */
function TeamQueue({
  base,
  workspaceId,
  assigneeId,
  onAssigneeChange,
  viewSwitch,
}: {
  base: string;
  workspaceId: string;
  assigneeId: string | null;
  onAssigneeChange: (assigneeId: string | null) => void;
  viewSwitch: ReactNode;
}) {
  const { t } = useTranslation();
  const openSteps = useOpenSteps(workspaceId, assigneeId ?? undefined);
  const people = openSteps.data?.people ?? [];
  const items = openSteps.data?.items ?? [];
  const selected = people.find((person) => assigneeKey(person) === assigneeId);
  const nameOf = (person: OpenStepsByPerson) => person.assignee?.name ?? t('runs.unassigned');
  const isSettled = openSteps.data !== undefined && !openSteps.isPlaceholderData;

  // A person picked in an old link may have no open step left: show everyone rather than an empty filter.
  useEffect(() => {
    if (assigneeId !== null && isSettled && !selected) onAssigneeChange(null);
  }, [assigneeId, isSettled, selected, onAssigneeChange]);

  const personSelect = (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={selected ? assigneeId : null}
      onChange={(value: string | undefined) => onAssigneeChange(value ?? null)}
      placeholder={t('queue.everyone')}
      aria-label={t('queue.filterAssignee')}
      data-testid="queue-assignee"
      style={{ width: 180 }}
      options={people.map((person) => ({ value: assigneeKey(person), label: nameOf(person) }))}
    />
  );

  return (
    <>
      <PageHeader
        title={t('queue.teamTitle')}
        description={t('queue.teamDescription')}
        extra={
          <>
            {viewSwitch}
            {personSelect}
          </>
        }
      />
      {openSteps.error ? (
        <QueryError error={openSteps.error} onRetry={() => void openSteps.refetch()} />
      ) : openSteps.data !== undefined && people.length === 0 ? (
        <Card>
          <Empty description={t('queue.teamEmpty')} data-testid="queue-team-empty" />
        </Card>
      ) : (
        <>
          <Card
            size="small"
            title={t('queue.chart')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('queue.chartHint')}
              </Typography.Text>
            }
            loading={openSteps.isPending}
            style={{ marginBottom: 16 }}
          >
            <QueueChart
              people={people}
              selectedId={selected ? assigneeId : null}
              onSelect={(id) => onAssigneeChange(id === assigneeId ? null : id)}
            />
          </Card>
          {selected ? (
            <Flex align="center" gap={12} style={{ marginBottom: 12 }} data-testid="queue-filtered">
              <Typography.Text strong>
                {t('queue.showingAssignee', { name: nameOf(selected) })}
              </Typography.Text>
              <Button size="small" onClick={() => onAssigneeChange(null)} data-testid="queue-show-everyone">
                {t('queue.showEveryone')}
              </Button>
            </Flex>
          ) : null}
          {items.length >= TEAM_LIMIT ? (
            <Alert
              type="info"
              showIcon
              title={t('queue.limited', { count: TEAM_LIMIT })}
              style={{ marginBottom: 12 }}
              data-testid="queue-limited"
            />
          ) : null}
          <QueueTable
            base={base}
            items={items}
            loading={openSteps.isPending || openSteps.isPlaceholderData}
            withAssignee
            emptyText={t('queue.teamEmpty')}
          />
        </>
      )}
    </>
  );
}

export function QueuePage() {
  const { workspace } = useWorkspaceScope();
  const { view, assigneeId, chooseView, chooseAssignee } = useQueueChoice();
  const base = `/w/${workspace.id}`;
  const viewSwitch = <ViewSwitch view={view} onChange={chooseView} />;

  return view === 'team' ? (
    <TeamQueue
      base={base}
      workspaceId={workspace.id}
      assigneeId={assigneeId}
      onAssigneeChange={chooseAssignee}
      viewSwitch={viewSwitch}
    />
  ) : (
    <MyDay workspaceId={workspace.id} extra={viewSwitch} />
  );
}
