import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Dropdown,
  Empty,
  Flex,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckSquareOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { dateToDay } from '../../components/format.ts';
import {
  taskExportUrl,
  useTaskChildren,
  useTaskLabels,
  useTaskList,
  type TaskListItem,
} from '../../features/tasks/hooks.ts';
import { QuickCreateTask } from '../../features/tasks/QuickCreateTask.tsx';
import { MilestoneIcon, PriorityLabel, TaskPeople, TaskStatusTag } from '../../features/tasks/TaskBadges.tsx';
import { TaskDrawer } from '../../features/tasks/TaskDrawer.tsx';
import { TaskFilterBar } from '../../features/tasks/TaskFilterBar.tsx';
import { TasksNav } from '../../features/tasks/TasksNav.tsx';
import { isOverdue } from '../../features/tasks/taskUtils.ts';
import { useOpenTask } from '../../features/tasks/useOpenTask.ts';
import { useTaskFilters } from '../../features/tasks/useTaskFilters.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/** A row of the WBS tree: a task with its subtasks once read, or the "loading" line under a task being expanded. */
type TreeRow =
  (TaskListItem & { children?: TreeRow[] }) | { id: string; loading: true; children?: undefined };
type ListRow = TaskListItem | TreeRow;

const TREE_LEVEL = { root: true, sort: 'wbs' } as const;

export function TasksPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const { filters, setFilters, query, isFiltered, clear } = useTaskFilters();
  // The default view is the WBS tree, read a level at a time: the top-level tasks a page at a time, a task's
  // subtasks when it is expanded. With a filter the matches come as a flat list (with their codes) instead.
  // A goal only scopes the tree (its top-level tasks; subtasks as they are).
  const isNarrowed =
    filters.statuses.length > 0 ||
    filters.assigneeId !== null ||
    filters.isMine ||
    filters.label !== null ||
    filters.search.trim() !== '' ||
    filters.dueAfter !== null ||
    filters.dueBefore !== null;
  const isTree = filters.sort === 'wbs' && !isNarrowed;
  const isFlatTree = filters.sort === 'wbs' && isNarrowed;
  const treeLevel = useMemo(() => ({ ...TREE_LEVEL, goalId: query.goalId }), [query.goalId]);
  const list = useTaskList(workspace.id, isTree ? treeLevel : query, 50);
  const labelChoices = useTaskLabels(workspace.id);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [openTaskId, openTask] = useOpenTask();
  const today = dateToDay(new Date());
  const mayWrite = can('tasks.write');

  const listed = useMemo(() => (list.data?.pages ?? []).flatMap((page) => page.items), [list.data]);
  const expandedIds = useMemo(() => (isTree ? [...expanded] : []), [isTree, expanded]);
  const childLists = useTaskChildren(workspace.id, expandedIds);
  const childrenOf = useMemo(() => {
    const map = new Map<string, TaskListItem[]>();
    for (const children of childLists) if (children) map.set(children.parentId, children.items);
    return map;
  }, [childLists]);
  const tree = useMemo(() => {
    if (!isTree) return [];
    const build = (task: TaskListItem, depth: number): TreeRow => {
      if (task.childCount === 0) return task;
      const children = childrenOf.get(task.id);
      if (!expanded.has(task.id) || depth > 50) return { ...task, children: [] };
      return {
        ...task,
        children: children
          ? children.map((child) => build(child, depth + 1))
          : [{ id: `${task.id}:loading`, loading: true }],
      };
    };
    return listed.map((task) => build(task, 0));
  }, [isTree, listed, childrenOf, expanded]);
  const tasks: ListRow[] = isTree ? tree : listed;
  const labels = labelChoices.data?.labels ?? [];

  const columns: TableColumnsType<TaskListItem> = [
    {
      title: t('tasks.wbs'),
      key: 'wbs',
      width: 72,
      render: (_, task) => (
        <Typography.Text
          type="secondary"
          style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        >
          {task.wbs}
        </Typography.Text>
      ),
    },
    {
      title: t('tasks.titleLabel'),
      key: 'title',
      // The tree's indent and toggle come before the title on one line; the title wraps within its own box.
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, task) => (
        <Flex
          gap={6}
          align="center"
          style={{ minWidth: 200, display: 'inline-flex', verticalAlign: 'middle', whiteSpace: 'normal' }}
        >
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
          {task.checklist.length > 0 ? (
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

  // The tree's "loading" line: a spinner under the title, nothing in the other columns.
  const rowColumns: TableColumnsType<ListRow> = columns.map((column) => ({
    ...column,
    render: (value: unknown, row: ListRow, index: number) =>
      'loading' in row ? (
        column.key === 'title' ? (
          <Flex gap={8} align="center" data-testid="tree-loading">
            <Spin size="small" />
            <Typography.Text type="secondary">{t('tasks.treeLoading')}</Typography.Text>
          </Flex>
        ) : null
      ) : (
        column.render?.(value, row, index)
      ),
  })) as TableColumnsType<ListRow>;

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
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
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
            {isFlatTree ? (
              <Alert
                type="info"
                showIcon
                message={t('tasks.treeFilteredFlat')}
                data-testid="tree-flat-note"
              />
            ) : null}
          </Flex>
          <Table<ListRow>
            rowKey="id"
            columns={rowColumns}
            dataSource={tasks}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
            expandable={{
              expandedRowKeys: expandedIds,
              onExpand: (isExpanded, row) =>
                setExpanded((previous) => {
                  const next = new Set(previous);
                  if (isExpanded) next.add(row.id);
                  else next.delete(row.id);
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
            rowClassName={(row) => ('loading' in row ? '' : 'clickable-row')}
            onRow={(row) => ({ onClick: () => ('loading' in row ? undefined : openTask(row.id)) })}
            locale={{
              emptyText: <Empty description={isFiltered ? t('tasks.emptyFiltered') : t('tasks.empty')} />,
            }}
          />
          {list.hasNextPage ? (
            <Flex justify="center" style={{ padding: 16 }}>
              <Button
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
                data-testid="load-more"
              >
                {t('tasks.loadMore')}
              </Button>
            </Flex>
          ) : listed.length > 0 ? (
            <Typography.Paragraph
              type="secondary"
              style={{ textAlign: 'center', padding: 12, margin: 0, fontSize: 12 }}
            >
              {isTree
                ? t('tasks.treeTopShown', { count: listed.length })
                : t('tasks.shownAll', { count: listed.length })}
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
