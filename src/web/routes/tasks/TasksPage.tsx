import { useMemo, useState } from 'react';
import { Button, Card, Dropdown, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckSquareOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { dateToDay } from '../../components/format.ts';
import {
  taskExportUrl,
  useSchedule,
  useTaskList,
  type ScheduledTask,
  type Task,
} from '../../features/tasks/hooks.ts';

/** A row: a listed task, or a task of the WBS tree (the schedule's lighter form, with its subtasks). */
type ListRow = Task | WbsTreeRow<ScheduledTask>;
import { QuickCreateTask } from '../../features/tasks/QuickCreateTask.tsx';
import { MilestoneIcon, PriorityLabel, TaskPeople, TaskStatusTag } from '../../features/tasks/TaskBadges.tsx';
import { TaskDrawer } from '../../features/tasks/TaskDrawer.tsx';
import { TaskFilterBar } from '../../features/tasks/TaskFilterBar.tsx';
import { TasksNav } from '../../features/tasks/TasksNav.tsx';
import { isOverdue, wbsTree, type WbsTreeRow } from '../../features/tasks/taskUtils.ts';
import { matchesTaskFilters } from '../../features/tasks/taskFilters.ts';
import { useMe } from '../../features/account/hooks.ts';
import { useOpenTask } from '../../features/tasks/useOpenTask.ts';
import { useTaskFilters } from '../../features/tasks/useTaskFilters.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

export function TasksPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const { filters, setFilters, query, isFiltered, clear } = useTaskFilters();
  const isTree = filters.sort === 'wbs';
  const list = useTaskList(workspace.id, query, 50, !isTree);
  // The list view needs the whole plan only for WBS codes and label choices: read once its rows are shown.
  const schedule = useSchedule(workspace.id, null, { enabled: isTree || list.isSuccess });
  const myId = useMe().data?.user.id ?? null;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [openTaskId, openTask] = useOpenTask();
  const today = dateToDay(new Date());
  const mayWrite = can('tasks.write');

  const wbsOf = useMemo(
    () => new Map((schedule.data?.tasks ?? []).map((task) => [task.id, task.wbs])),
    [schedule.data],
  );
  const labels = useMemo(
    () => [...new Set((schedule.data?.tasks ?? []).flatMap((task) => task.labels))].sort(),
    [schedule.data],
  );
  const listed = useMemo(() => (list.data?.pages ?? []).flatMap((page) => page.items), [list.data]);
  // The default view: the whole plan as its WBS tree, filtered here with the list query's rules.
  const tree = useMemo(
    () =>
      isTree ? wbsTree(schedule.data?.tasks ?? [], (task) => matchesTaskFilters(task, filters, myId)) : [],
    [isTree, schedule.data, filters, myId],
  );
  const parentIds = useMemo(() => {
    const ids: string[] = [];
    const walk = (rows: readonly WbsTreeRow<ScheduledTask>[]) => {
      for (const row of rows) {
        if (row.children) {
          ids.push(row.id);
          walk(row.children);
        }
      }
    };
    walk(tree);
    return ids;
  }, [tree]);
  const shownCount = useMemo(() => {
    let count = 0;
    const walk = (rows: readonly WbsTreeRow<ScheduledTask>[]) => {
      for (const row of rows) {
        count += 1;
        if (row.children) walk(row.children);
      }
    };
    walk(tree);
    return count;
  }, [tree]);
  const tasks: ListRow[] = isTree ? tree : listed;
  const hasAnyTask = (schedule.data?.tasks.length ?? 0) > 0;

  const columns: TableColumnsType<ListRow> = [
    {
      title: t('tasks.wbs'),
      key: 'wbs',
      width: 72,
      render: (_, task) => (
        <Typography.Text
          type="secondary"
          style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        >
          {wbsOf.get(task.id) ?? ''}
        </Typography.Text>
      ),
    },
    {
      title: t('tasks.titleLabel'),
      key: 'title',
      render: (_, task) => (
        <Flex gap={6} align="center" style={{ minWidth: 220 }}>
          {task.isMilestone ? <MilestoneIcon /> : null}
          <Typography.Link
            onClick={(event) => {
              event.stopPropagation();
              openTask(task.id);
            }}
            style={{ fontWeight: 500 }}
          >
            {task.title}
          </Typography.Link>
          {'checklist' in task && task.checklist.length > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              <CheckSquareOutlined /> {task.checklist.filter((item) => item.done).length}/
              {task.checklist.length}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('tasks.status'),
      key: 'status',
      width: 96,
      render: (_, task) => <TaskStatusTag status={task.status} />,
    },
    {
      title: t('tasks.priority'),
      key: 'priority',
      width: 90,
      render: (_, task) => <PriorityLabel priority={task.priority} />,
    },
    {
      title: t('tasks.people'),
      key: 'people',
      width: 110,
      render: (_, task) => <TaskPeople roles={task.roles} />,
    },
    {
      title: t('tasks.estimate'),
      key: 'estimate',
      width: 80,
      align: 'right',
      render: (_, task) =>
        task.estimateHours === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          t('tasks.hours', { hours: format.number(task.estimateHours, 1) })
        ),
    },
    {
      title: t('tasks.startDate'),
      key: 'start',
      width: 96,
      render: (_, task) =>
        task.startDate ? (
          format.shortDay(task.startDate)
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('tasks.dueDate'),
      key: 'due',
      width: 110,
      render: (_, task) =>
        task.dueDate ? (
          isOverdue(task, today) ? (
            <Typography.Text type="danger" data-testid="overdue">
              {format.shortDay(task.dueDate)} · {t('tasks.overdue')}
            </Typography.Text>
          ) : (
            format.shortDay(task.dueDate)
          )
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('tasks.labels'),
      key: 'labels',
      width: 160,
      render: (_, task) => (
        <Flex gap={4} wrap>
          {task.labels.map((label) => (
            <Tag key={label} style={{ marginInlineEnd: 0 }}>
              {label}
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        description={t('tasks.description')}
        extra={
          <>
            {mayWrite ? (
              <Link
                to={`/w/${workspace.id}/tasks/import${filters.goalId ? `?goal=${encodeURIComponent(filters.goalId)}` : ''}`}
              >
                <Button icon={<UploadOutlined />} data-testid="wbs-import-button">
                  {t('tasks.importWbs')}
                </Button>
              </Link>
            ) : null}
            <Dropdown
              menu={{
                items: (['xlsx', 'csv'] as const).map((format) => ({
                  key: format,
                  label: (
                    <a href={taskExportUrl(workspace.id, format, filters.goalId)} download>
                      {t(`tasks.export.${format}`)}
                    </a>
                  ),
                })),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('tasks.export.button')}</Button>
            </Dropdown>
            <TasksNav workspaceId={workspace.id} current="list" />
          </>
        }
      />
      {(isTree ? schedule.error : list.error) ? (
        <QueryError
          error={isTree ? schedule.error : list.error}
          onRetry={() => void (isTree ? schedule.refetch() : list.refetch())}
        />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Flex vertical gap={12} style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
            {mayWrite ? (
              <QuickCreateTask
                workspaceId={workspace.id}
                goalId={filters.goalId}
                onCreated={(detail) => openTask(detail.task.id)}
              />
            ) : null}
            <TaskFilterBar
              workspaceId={workspace.id}
              filters={filters}
              setFilters={setFilters}
              isFiltered={isFiltered}
              clear={clear}
              labels={labels}
            />
          </Flex>
          <Table<ListRow>
            rowKey="id"
            columns={columns}
            dataSource={tasks}
            loading={
              isTree ? schedule.isPending : list.isPending || (list.isFetching && !list.isFetchingNextPage)
            }
            expandable={{
              expandedRowKeys: parentIds.filter((id) => !collapsed.has(id)),
              onExpand: (isExpanded, row) =>
                setCollapsed((previous) => {
                  const next = new Set(previous);
                  if (isExpanded) next.delete(row.id);
                  else next.add(row.id);
                  return next;
                }),
              indentSize: 16,
              // The tree's toggle and indent go with the title, so the WBS code keeps its column.
              expandIconColumnIndex: 1,
            }}
            pagination={false}
            scroll={{ x: 1060 }}
            size="middle"
            data-testid="tasks-table"
            rowClassName={() => 'clickable-row'}
            onRow={(task) => ({ onClick: () => openTask(task.id) })}
            locale={{
              emptyText: (
                <Empty description={isFiltered || hasAnyTask ? t('tasks.emptyFiltered') : t('tasks.empty')} />
              ),
            }}
          />
          {isTree ? (
            shownCount > 0 ? (
              <Typography.Paragraph
                type="secondary"
                style={{ textAlign: 'center', padding: 12, margin: 0, fontSize: 12 }}
              >
                {t('tasks.shownAll', { count: shownCount })}
              </Typography.Paragraph>
            ) : null
          ) : list.hasNextPage ? (
            <Flex justify="center" style={{ padding: 16 }}>
              <Button
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
                data-testid="load-more"
              >
                {t('tasks.loadMore')}
              </Button>
            </Flex>
          ) : tasks.length > 0 ? (
            <Typography.Paragraph
              type="secondary"
              style={{ textAlign: 'center', padding: 12, margin: 0, fontSize: 12 }}
            >
              {t('tasks.shownAll', { count: tasks.length })}
            </Typography.Paragraph>
          ) : null}
        </Card>
      )}
      <TaskDrawer
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
