import { useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Calendar, Card, Flex, Modal, Tag, Tooltip, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { CopyField } from '../../components/CopyField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { dateToDay } from '../../components/format.ts';
import { HolidaysCard } from '../../features/people/HolidaysCard.tsx';
import { useCreateCalendarFeed, useWorkCalendar } from '../../features/people/hooks.ts';
import { useTaskList, type Task } from '../../features/tasks/hooks.ts';
import { STATUS_COLORS } from '../../features/tasks/TaskBadges.tsx';
import { TaskDrawer } from '../../features/tasks/TaskDrawer.tsx';
import { TaskFilterBar } from '../../features/tasks/TaskFilterBar.tsx';
import { TasksNav } from '../../features/tasks/TasksNav.tsx';
import { isOverdue } from '../../features/tasks/taskUtils.ts';
import { useOpenTask } from '../../features/tasks/useOpenTask.ts';
import { useTaskFilters } from '../../features/tasks/useTaskFilters.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const SHOWN_PER_DAY = 3;

export function CalendarPage() {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const { filters, setFilters, query, isFiltered, clear } = useTaskFilters();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [openTaskId, openTask] = useOpenTask();
  // The grid shows six weeks around the month; ask for all of them.
  const gridStart = month.startOf('month').startOf('week');
  const monthQuery = useMemo(
    () => ({
      ...query,
      dueAfter: gridStart.format('YYYY-MM-DD'),
      dueBefore: gridStart.add(41, 'day').format('YYYY-MM-DD'),
    }),
    [query, gridStart],
  );
  const list = useTaskList(workspace.id, monthQuery, 200);
  const holidays = useWorkCalendar(workspace.id);
  const today = dateToDay(new Date());

  const byDay = useMemo(() => {
    const map = new Map<string, Task[]>();
    for (const task of (list.data?.pages ?? []).flatMap((page) => page.items)) {
      if (!task.dueDate) continue;
      const tasks = map.get(task.dueDate) ?? [];
      tasks.push(task);
      map.set(task.dueDate, tasks);
    }
    return map;
  }, [list.data]);
  const holidayOf = useMemo(
    () => new Map((holidays.data ?? []).map((item) => [item.day, item])),
    [holidays.data],
  );

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        description={t('calendar.description')}
        extra={
          <>
            <SubscribeButton workspaceId={workspace.id} />
            <TasksNav workspaceId={workspace.id} current="calendar" />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <TaskFilterBar
          workspaceId={workspace.id}
          filters={filters}
          setFilters={setFilters}
          isFiltered={isFiltered}
          clear={clear}
          labels={[]}
          showSort={false}
        />
      </Card>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card style={{ marginBottom: 16 }} loading={list.isPending}>
          {list.hasNextPage ? (
            <Alert type="info" showIcon title={t('calendar.tooMany')} style={{ marginBottom: 12 }} />
          ) : null}
          <Calendar
            value={month.isSame(dayjs(), 'month') ? dayjs() : month}
            onPanelChange={(value) => setMonth(value.startOf('month'))}
            onSelect={(value, info) => {
              if (info.source !== 'date') setMonth(value.startOf('month'));
            }}
            cellRender={(value, info) => {
              if (info.type !== 'date') return info.originNode;
              const day = value.format('YYYY-MM-DD');
              const tasks = byDay.get(day) ?? [];
              const holiday = holidayOf.get(day);
              return (
                <Flex vertical gap={2} data-testid={`calendar-${day}`}>
                  {holiday ? (
                    <Tag
                      color={holiday.kind === 'holiday' ? 'red' : 'blue'}
                      style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}
                    >
                      {holiday.name ?? t(`holidays.kinds.${holiday.kind}`)}
                    </Tag>
                  ) : null}
                  {tasks.slice(0, SHOWN_PER_DAY).map((task) => (
                    <Tooltip key={task.id} title={task.title}>
                      <div
                        onClick={(event) => {
                          event.stopPropagation();
                          openTask(task.id);
                        }}
                        style={{
                          fontSize: 12,
                          lineHeight: '18px',
                          whiteSpace: 'nowrap',
                          overflow: 'hidden',
                          textOverflow: 'ellipsis',
                          color: isOverdue(task, today) ? '#cf1322' : undefined,
                          textDecoration: task.status === 'done' ? 'line-through' : undefined,
                        }}
                      >
                        <Badge color={task.isMilestone ? '#722ed1' : STATUS_COLORS[task.status]} />{' '}
                        {task.title}
                      </div>
                    </Tooltip>
                  ))}
                  {tasks.length > SHOWN_PER_DAY ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('calendar.more', { count: tasks.length - SHOWN_PER_DAY })}
                    </Typography.Text>
                  ) : null}
                </Flex>
              );
            }}
          />
        </Card>
      )}
      <HolidaysCard workspaceId={workspace.id} mayWrite={can('calendar.write')} />
      <TaskDrawer
        workspaceId={workspace.id}
        taskId={openTaskId}
        mayWrite={can('tasks.write')}
        mayDelete={can('tasks.delete')}
        onClose={() => openTask(null)}
        onOpenTask={openTask}
      />
    </>
  );
}

function SubscribeButton({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const feed = useCreateCalendarFeed(workspaceId);
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button icon={<LinkOutlined />} onClick={() => setOpen(true)} data-testid="calendar-subscribe">
        {t('calendar.subscribe')}
      </Button>
      <Modal
        open={isOpen}
        title={t('calendar.subscribeTitle')}
        onCancel={() => setOpen(false)}
        footer={<Button onClick={() => setOpen(false)}>{t('actions.done')}</Button>}
      >
        <Typography.Paragraph type="secondary">{t('calendar.subscribeHint')}</Typography.Paragraph>
        {feed.data ? (
          <CopyField value={feed.data.url} testId="calendar-feed-url" />
        ) : (
          <Button
            type="primary"
            loading={feed.isPending}
            onClick={() =>
              feed.mutate(undefined, { onError: (error) => void message.error(errorMessage(error)) })
            }
          >
            {t('calendar.createLink')}
          </Button>
        )}
        {feed.data ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
            {t('calendar.resetHint')}
          </Typography.Paragraph>
        ) : null}
      </Modal>
    </>
  );
}
