import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import { App, Badge, Button, Card, Flex, Input, Segmented, Spin, Typography } from 'antd';
import { DownOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFirstPaint } from '../../components/useFirstPaint.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { dateToDay } from '../../components/format.ts';
import {
  useCreateTask,
  useMoveTaskStatus,
  useMilestones,
  useTaskCards,
  useTaskLabels,
  type TaskStatus,
} from '../../features/tasks/hooks.ts';
import { STATUS_COLORS } from '../../features/tasks/TaskBadges.tsx';
import { BoardCard } from '../../features/tasks/BoardCard.tsx';
import { LazyTaskDrawer, loadTaskDrawer } from '../../features/tasks/LazyTaskDrawer.tsx';
import { boardLanes, cardsToDraw, LANE_BYS, parseLaneBy, type LaneBy } from '../../features/tasks/board.ts';
import { useGoalsById } from '../../features/goals/hooks.ts';
import { TaskFilterBar } from '../../features/tasks/TaskFilterBar.tsx';
import { TasksNav } from '../../features/tasks/TasksNav.tsx';
import { useOpenTask } from '../../features/tasks/useOpenTask.ts';
import { useTaskFilters } from '../../features/tasks/useTaskFilters.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const COLUMNS: TaskStatus[] = ['todo', 'in_progress', 'blocked', 'done'];
const DRAG_TYPE = 'application/x-opsplan-task';

const grid = {
  display: 'grid',
  gridTemplateColumns: `repeat(${COLUMNS.length}, minmax(240px, 1fr))`,
  gap: 12,
} as const;

/** The remembered lane choice; storage may be unavailable (private mode), which only forgets it. */
function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembered: the choice still holds on this page.
  }
}

export function BoardPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { message } = App.useApp();
  const { workspace, can } = useWorkspaceScope();
  const { filters, setFilters, query, isFiltered, clear } = useTaskFilters();
  const [openTaskId, openTask] = useOpenTask();
  const mayWrite = can('tasks.write');
  const boardQuery = useMemo(() => ({ ...query, statuses: COLUMNS }), [query]);
  // Cards, not full tasks: 0.58 of the bytes at the large bench scale; the drawer reads the task it opens by id.
  const list = useTaskCards(workspace.id, boardQuery, 200);
  const move = useMoveTaskStatus(workspace.id);
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const laneStorageKey = `opsplan.board.lanes.${workspace.id}`;
  const [laneBy, setLaneByState] = useState<LaneBy>(() => parseLaneBy(readStored(laneStorageKey)));
  // Cards carry their WBS codes; label choices and milestone lanes are small reads of their own (never the whole
  // plan: at 100,000 tasks that is megabytes and seconds of the server's one thread).
  const labelChoices = useTaskLabels(workspace.id);
  const milestones = useMilestones(workspace.id, laneBy === 'milestone');
  const setLaneBy = (value: LaneBy) => {
    setLaneByState(value);
    writeStored(laneStorageKey, value);
  };
  const [collapsedLanes, setCollapsedLanes] = useState<ReadonlySet<string>>(new Set());

  const tasks = useMemo(() => (list.data?.pages ?? []).flatMap((page) => page.items), [list.data]);
  // Lanes by goal name the goals of the tasks shown, read by id, not every goal of the workspace.
  const laneGoals = useGoalsById(
    workspace.id,
    laneBy === 'goal' ? tasks.flatMap((task) => (task.goalId ? [task.goalId] : [])) : [],
  );
  const labels = labelChoices.data?.labels ?? [];

  const lanes = useMemo(
    () =>
      boardLanes(tasks, laneBy, {
        milestones: milestones.data ?? [],
        goalTitles: new Map((laneGoals.data ?? []).map((goal) => [goal.id, goal.title])),
      }),
    [tasks, laneBy, milestones.data, laneGoals.data],
  );

  // The first paint draws the cards in view (cardsToDraw), the rest follows right after it; then the drawer's
  // chunk loads while the page is idle, so a first click opens it without waiting.
  const isFirstPaint = useFirstPaint(tasks.length > 0);
  useEffect(() => {
    if (isFirstPaint) return;
    const timer = window.setTimeout(() => void loadTaskDrawer(), 1000);
    return () => window.clearTimeout(timer);
  }, [isFirstPaint]);
  const today = dateToDay(new Date());
  const onCardDragStart = useCallback((taskId: string, event: DragEvent) => {
    event.dataTransfer.setData(DRAG_TYPE, taskId);
    event.dataTransfer.effectAllowed = 'move';
    setDragged(taskId);
  }, []);
  const onCardDragEnd = useCallback(() => {
    setDragged(null);
    setDropTarget(null);
  }, []);

  const drop = (status: TaskStatus, event: DragEvent) => {
    event.preventDefault();
    setDropTarget(null);
    const taskId = event.dataTransfer.getData(DRAG_TYPE) || dragged;
    setDragged(null);
    const task = tasks.find((item) => item.id === taskId);
    if (!task || task.status === status) return;
    move.mutate(
      { taskId: task.id, status },
      {
        onError: (error) =>
          void message.error(t('board.moveFailed', { title: task.title, reason: errorMessage(error) })),
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        description={t('board.description')}
        extra={<TasksNav workspaceId={workspace.id} current="board" />}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <TaskFilterBar
          workspaceId={workspace.id}
          filters={filters}
          setFilters={setFilters}
          isFiltered={isFiltered}
          clear={clear}
          labels={labels}
          showStatus={false}
          showSort={false}
        />
        <Flex align="center" gap={8} wrap style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('board.lanes')}</Typography.Text>
          <Segmented<LaneBy>
            value={laneBy}
            onChange={setLaneBy}
            data-testid="board-lanes"
            options={LANE_BYS.map((value) => ({ value, label: t(`board.laneBy.${value}`) }))}
          />
        </Flex>
      </Card>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Spin spinning={list.isPending}>
          <div style={{ overflowX: 'auto' }} data-testid="board" data-lanes={laneBy}>
            <Flex vertical gap={12} style={{ minWidth: COLUMNS.length * 240 + (COLUMNS.length - 1) * 12 }}>
              {laneBy === 'none' ? null : (
                <div style={grid}>
                  {COLUMNS.map((status) => (
                    <div
                      key={status}
                      style={{ background: '#eef0f4', borderRadius: 10, padding: '10px 10px 0' }}
                      data-testid={`board-header-${status}`}
                    >
                      <BoardColumnHeader
                        workspaceId={workspace.id}
                        status={status}
                        count={tasks.filter((task) => task.status === status).length}
                        goalId={filters.goalId}
                        mayWrite={mayWrite}
                      />
                    </div>
                  ))}
                </div>
              )}
              {lanes.map((lane, laneIndex) => {
                const laneKey = lane.key ?? 'none';
                const drawn = cardsToDraw(laneIndex, isFirstPaint);
                const isCollapsed = collapsedLanes.has(laneKey);
                return (
                  <div key={laneKey} data-testid={laneBy === 'none' ? undefined : `board-lane-${laneKey}`}>
                    {laneBy === 'none' ? null : (
                      <Button
                        type="text"
                        size="small"
                        icon={isCollapsed ? <RightOutlined /> : <DownOutlined />}
                        onClick={() =>
                          setCollapsedLanes((previous) => {
                            const next = new Set(previous);
                            if (next.has(laneKey)) next.delete(laneKey);
                            else next.add(laneKey);
                            return next;
                          })
                        }
                        aria-expanded={!isCollapsed}
                        style={{ marginBottom: 6, fontWeight: 600 }}
                      >
                        {lane.title ?? t(`board.noLane.${laneBy}`)}
                        <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 6 }}>
                          {lane.tasks.length}
                        </Typography.Text>
                      </Button>
                    )}
                    {isCollapsed ? null : (
                      <div style={grid}>
                        {COLUMNS.map((status) => {
                          const cards = lane.tasks.filter((task) => task.status === status);
                          const cellKey = `${laneKey}:${status}`;
                          return (
                            <div
                              key={status}
                              className={`board-column${dropTarget === cellKey ? ' is-drop-target' : ''}`}
                              data-testid={
                                laneBy === 'none'
                                  ? `board-column-${status}`
                                  : `board-cell-${laneKey}-${status}`
                              }
                              onDragOver={(event) => {
                                if (!mayWrite) return;
                                event.preventDefault();
                                event.dataTransfer.dropEffect = 'move';
                                if (dropTarget !== cellKey) setDropTarget(cellKey);
                              }}
                              onDragLeave={(event) => {
                                if (!event.currentTarget.contains(event.relatedTarget as Node | null))
                                  setDropTarget(null);
                              }}
                              onDrop={(event) => drop(status, event)}
                              style={{
                                background: '#eef0f4',
                                borderRadius: 10,
                                padding: 10,
                                minHeight: laneBy === 'none' ? 420 : 72,
                              }}
                            >
                              {laneBy === 'none' ? (
                                <BoardColumnHeader
                                  workspaceId={workspace.id}
                                  status={status}
                                  count={cards.length}
                                  goalId={filters.goalId}
                                  mayWrite={mayWrite}
                                />
                              ) : null}
                              <div className="board-column-cards">
                                {cards.slice(0, drawn).map((task) => (
                                  <BoardCard
                                    key={task.id}
                                    task={task}
                                    today={today}
                                    isDragging={dragged === task.id}
                                    isDraggable={mayWrite}
                                    t={t}
                                    shortDay={format.shortDay}
                                    onOpen={openTask}
                                    onDragStart={onCardDragStart}
                                    onDragEnd={onCardDragEnd}
                                  />
                                ))}
                                {cards.length === 0 && laneBy === 'none' ? (
                                  <Typography.Text
                                    type="secondary"
                                    style={{ textAlign: 'center', padding: '24px 0', fontSize: 12 }}
                                  >
                                    {mayWrite ? t('board.dropHere') : t('board.emptyColumn')}
                                  </Typography.Text>
                                ) : null}
                              </div>
                            </div>
                          );
                        })}
                      </div>
                    )}
                  </div>
                );
              })}
            </Flex>
          </div>
          {list.hasNextPage ? (
            <Flex justify="center" style={{ padding: 16 }}>
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('tasks.loadMore')}
              </Button>
            </Flex>
          ) : null}
        </Spin>
      )}
      <LazyTaskDrawer
        workspaceId={workspace.id}
        taskId={openTaskId}
        mayWrite={mayWrite}
        mayDelete={can('tasks.delete')}
        onClose={() => openTask(null)}
        onOpenTask={openTask}
      />
    </>
  );
}

function BoardColumnHeader({
  workspaceId,
  status,
  count,
  goalId,
  mayWrite,
}: {
  workspaceId: string;
  status: TaskStatus;
  count: number;
  goalId: string | null;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const create = useCreateTask(workspaceId);
  const [isAdding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const submit = () => {
    if (title.trim() === '') return setAdding(false);
    create.mutate({ title: title.trim(), status, goalId }, { onSuccess: () => setTitle('') });
  };
  return (
    <>
      <Flex align="center" justify="space-between" style={{ padding: '2px 4px 10px' }}>
        <Flex align="center" gap={8}>
          <Badge color={STATUS_COLORS[status]} />
          <Typography.Text strong>{t(`taskStatus.${status}`)}</Typography.Text>
          <Typography.Text type="secondary">{count}</Typography.Text>
        </Flex>
        {mayWrite ? (
          <Button
            type="text"
            size="small"
            icon={<PlusOutlined />}
            aria-label={t('board.addTo', { status: t(`taskStatus.${status}`) })}
            onClick={() => setAdding(true)}
          />
        ) : null}
      </Flex>
      {isAdding ? (
        <Input
          autoFocus
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          onPressEnter={submit}
          onBlur={() => {
            if (title.trim() === '') setAdding(false);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setAdding(false);
          }}
          placeholder={t('board.addPlaceholder')}
          disabled={create.isPending}
          style={{ marginBottom: 8 }}
          status={create.error ? 'error' : undefined}
        />
      ) : null}
    </>
  );
}
