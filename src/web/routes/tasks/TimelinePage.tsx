import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Empty, Flex, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_CALENDAR,
  weekPatternCalendar,
  type WeekPattern,
  type WorkCalendar,
} from '../../../core/schedule/calendar.ts';
import { useWorkTime } from '../../features/workspaces/hooks.ts';
import { errorMessage } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { GoalSearchSelect } from '../../features/goals/GoalSearchSelect.tsx';
import { useWorkCalendar } from '../../features/people/hooks.ts';
import {
  useSchedule,
  useScheduleSize,
  useUpdateTask,
  type ScheduledTask,
} from '../../features/tasks/hooks.ts';
import { QuickCreateTask } from '../../features/tasks/QuickCreateTask.tsx';
import { TaskDrawer } from '../../features/tasks/TaskDrawer.tsx';
import { TasksNav } from '../../features/tasks/TasksNav.tsx';
import { useOpenTask } from '../../features/tasks/useOpenTask.ts';
import { useTaskFilters } from '../../features/tasks/useTaskFilters.ts';
import { changedTasks, ganttRows, type DateChange, type Zoom } from '../../features/timeline/gantt.ts';
import { GanttChart } from '../../features/timeline/GanttChart.tsx';
import { useGanttColors } from '../../features/timeline/theme.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const FLASH_MS = 5000;

export function TimelinePage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { message } = App.useApp();
  const { workspace, can } = useWorkspaceScope();
  const { filters, setFilters } = useTaskFilters();
  // A plan too large to draw whole asks for a goal first; the whole plan only when asked for.
  const size = useScheduleSize(workspace.id);
  const [wholePlan, setWholePlan] = useState(false);
  const tooLarge =
    !filters.goalId && !wholePlan && size.data !== undefined && size.data.tasks > size.data.wholePlanLimit;
  const schedule = useSchedule(workspace.id, filters.goalId, {
    enabled: Boolean(filters.goalId) || wholePlan || (size.data !== undefined && !tooLarge),
  });
  const holidays = useWorkCalendar(workspace.id);
  const update = useUpdateTask(workspace.id);
  const [openTaskId, openTask] = useOpenTask();
  const [zoom, setZoom] = useState<Zoom>('day');
  const [flashed, setFlashed] = useState<ReadonlySet<string>>(new Set());
  const mayWrite = can('tasks.write');
  const colors = useGanttColors();

  const rows = useMemo(() => ganttRows(schedule.data?.tasks ?? []), [schedule.data]);
  const workTime = useWorkTime(workspace.id);
  // The chart shades and counts the days the server schedules on: the workspace's week (大小周 too) and holidays.
  const calendar = useMemo<WorkCalendar>(
    () =>
      holidays.data
        ? weekPatternCalendar(
            (workTime.data?.weekPattern ?? 'five_day') as WeekPattern,
            workTime.data?.bigWeekOf ?? null,
            holidays.data.filter((day) => day.kind === 'holiday').map((day) => day.day),
            holidays.data.filter((day) => day.kind === 'workday').map((day) => day.day),
          )
        : DEFAULT_CALENDAR,
    [holidays.data, workTime.data?.weekPattern, workTime.data?.bigWeekOf],
  );

  // After a save, the rows the server moved light up for a few seconds.
  const before = useRef<ScheduledTask[] | null>(null);
  useEffect(() => {
    if (!before.current || !schedule.data || schedule.isPlaceholderData) return;
    const changed = changedTasks(before.current, schedule.data.tasks);
    before.current = null;
    if (changed.size === 0) return;
    setFlashed(changed);
    const timer = window.setTimeout(() => setFlashed(new Set()), FLASH_MS);
    return () => window.clearTimeout(timer);
  }, [schedule.data, schedule.isPlaceholderData]);

  const save = async (change: DateChange) => {
    before.current = schedule.data?.tasks ?? null;
    try {
      await update.mutateAsync({
        taskId: change.taskId,
        changes: { startDate: change.startDate, dueDate: change.dueDate },
      });
      void message.success(t('timeline.moved'));
    } catch (error) {
      before.current = null;
      void message.error(errorMessage(error));
    }
  };

  const criticalCount = rows.filter((row) => row.isCritical).length;

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        description={t('timeline.description')}
        extra={<TasksNav workspaceId={workspace.id} current="timeline" />}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center" justify="space-between">
          <Flex gap={12} wrap align="center">
            <GoalSearchSelect
              workspaceId={workspace.id}
              allowClear
              value={filters.goalId}
              onChange={(goalId) => setFilters({ goalId: typeof goalId === 'string' ? goalId : null })}
              placeholder={t('tasks.anyGoal')}
              style={{ width: 220, maxWidth: '100%' }}
              aria-label={t('tasks.filterGoal')}
            />
            <Segmented<Zoom>
              value={zoom}
              onChange={setZoom}
              data-testid="timeline-zoom"
              options={[
                { value: 'day', label: t('timeline.zoom.day') },
                { value: 'week', label: t('timeline.zoom.week') },
                { value: 'month', label: t('timeline.zoom.month') },
              ]}
            />
            {schedule.data && rows.length > 0 ? (
              <Typography.Text type="secondary" data-testid="timeline-summary">
                {t('timeline.summary', {
                  start: format.day(schedule.data.projectStart),
                  finish: format.day(schedule.data.projectFinish),
                  count: criticalCount,
                })}
              </Typography.Text>
            ) : null}
          </Flex>
          <Space size={16} wrap style={{ fontSize: 12, color: colors.text }}>
            <Legend color={colors.bar} label={t('timeline.legend.task')} />
            <Legend color={colors.critical} label={t('timeline.legend.critical')} />
            <Legend color={colors.done} label={t('timeline.legend.done')} />
            <Legend color={colors.slack} label={t('timeline.legend.slack')} thin />
            <Legend color={colors.milestone} label={t('timeline.legend.milestone')} diamond />
            <Legend color={colors.today} label={t('timeline.legend.today')} line />
            {zoom === 'month' ? null : (
              <Legend color={colors.dayOff} label={t('timeline.legend.dayOff')} outlined={colors.border} />
            )}
          </Space>
        </Flex>
        {mayWrite ? (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 8 }}>
            {t('timeline.dragHint')}
          </Typography.Text>
        ) : null}
      </Card>
      {size.error && !filters.goalId && !wholePlan ? (
        <QueryError error={size.error} onRetry={() => void size.refetch()} />
      ) : tooLarge ? (
        <Card data-testid="timeline-too-large">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('timeline.tooLarge', { tasks: format.number(size.data?.tasks ?? 0) })}
          >
            <Button onClick={() => setWholePlan(true)}>{t('timeline.showWholePlan')}</Button>
          </Empty>
        </Card>
      ) : schedule.error ? (
        <QueryError error={schedule.error} onRetry={() => void schedule.refetch()} />
      ) : schedule.data && rows.length === 0 ? (
        <Card>
          <Empty description={t('timeline.empty')}>
            {mayWrite ? (
              <div style={{ maxWidth: 640, margin: '0 auto' }}>
                <QuickCreateTask workspaceId={workspace.id} goalId={filters.goalId} />
              </div>
            ) : null}
          </Empty>
        </Card>
      ) : schedule.data ? (
        <Card styles={{ body: { padding: 0 } }}>
          <GanttChart
            schedule={schedule.data}
            rows={rows}
            zoom={zoom}
            calendar={calendar}
            mayWrite={mayWrite}
            flashed={flashed}
            onChange={save}
            onOpenTask={openTask}
            height={`min(calc(100vh - 300px), ${rows.length * 32 + 56}px)`}
          />
        </Card>
      ) : (
        <Card loading />
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

function Legend({
  color,
  label,
  thin = false,
  diamond = false,
  line = false,
  outlined,
}: {
  color: string;
  label: string;
  thin?: boolean;
  diamond?: boolean;
  line?: boolean;
  /** A border for a swatch too faint to see on its own. */
  outlined?: string;
}) {
  return (
    <Flex align="center" gap={6}>
      <span
        style={{
          display: 'inline-block',
          width: diamond ? 9 : line ? 0 : 18,
          height: diamond ? 9 : line ? 14 : thin ? 5 : 10,
          background: line ? undefined : color,
          borderInlineStart: line ? `2px dashed ${color}` : undefined,
          boxShadow: outlined ? `inset 0 0 0 1px ${outlined}` : undefined,
          borderRadius: diamond ? 1 : 3,
          transform: diamond ? 'rotate(45deg)' : undefined,
        }}
      />
      {label}
    </Flex>
  );
}
