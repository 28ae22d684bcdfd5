/** Layout and "what moves with it" for the timeline; pure, so it is unit-tested. */
import { addDays, daysBetween } from '../../../core/days/index.ts';
import { workingDaysBetween, type WorkCalendar } from '../../../core/schedule/calendar.ts';
import { scheduleTasks } from '../../../core/schedule/cpm.ts';
import { taskProgress } from '../../../core/schedule/progress.ts';
import type { Schedule, ScheduledTask } from '../tasks/hooks.ts';
import { compareWbs, wbsDepth } from '../tasks/taskUtils.ts';

export type Zoom = 'day' | 'week' | 'month';

/** Pixels per calendar day at each zoom. */
export const DAY_WIDTH: Record<Zoom, number> = { day: 32, week: 12, month: 3.5 };

export type GanttRow = ScheduledTask & { depth: number; index: number };

/** Tasks in WBS order with their depth, as the rows of the chart. */
export function ganttRows(tasks: readonly ScheduledTask[]): GanttRow[] {
  return [...tasks]
    .sort((a, b) => compareWbs(a.wbs, b.wbs))
    .map((task, index) => ({ ...task, depth: wbsDepth(task.wbs), index }));
}

/** The days the chart spans: every bar, its slack and today, with a margin either side. */
export function chartRange(
  schedule: Pick<Schedule, 'today' | 'projectStart' | 'projectFinish' | 'tasks'>,
  zoom: Zoom,
) {
  let first = schedule.projectStart < schedule.today ? schedule.projectStart : schedule.today;
  let last = schedule.projectFinish > schedule.today ? schedule.projectFinish : schedule.today;
  for (const task of schedule.tasks) {
    if (task.earlyStart < first) first = task.earlyStart;
    if (task.lateFinish > last) last = task.lateFinish;
    if (task.earlyFinish > last) last = task.earlyFinish;
  }
  const margin = zoom === 'day' ? 7 : zoom === 'week' ? 21 : 60;
  // Start on a Monday so week lines and weekend shading line up with the grid.
  const padded = addDays(first, -margin);
  const weekday = (new Date(`${padded}T00:00:00Z`).getUTCDay() + 6) % 7;
  const start = addDays(padded, -weekday);
  const end = addDays(last, margin);
  return { start, end, days: daysBetween(start, end) + 1 };
}

export type DragMode = 'move' | 'start' | 'end';

export type DateChange = { taskId: string; startDate: string; dueDate: string };

/**
 * The dates a drag proposes. A move shifts the bar as drawn; dragging an end pins the other end, so the
 * task keeps it when the schedule is recomputed. A milestone only moves.
 */
export function proposedDates(task: ScheduledTask, mode: DragMode, deltaDays: number): DateChange {
  if (task.isMilestone || mode === 'move') {
    const startDate = addDays(task.earlyStart, deltaDays);
    return {
      taskId: task.id,
      startDate,
      dueDate: task.isMilestone ? startDate : addDays(task.earlyFinish, deltaDays),
    };
  }
  if (mode === 'end') {
    const startDate = task.startDate ?? task.earlyStart;
    const dueDate = addDays(task.earlyFinish, deltaDays);
    return { taskId: task.id, startDate, dueDate: dueDate < startDate ? startDate : dueDate };
  }
  const dueDate = task.dueDate ?? task.earlyFinish;
  const startDate = addDays(task.earlyStart, deltaDays);
  return { taskId: task.id, startDate: startDate > dueDate ? dueDate : startDate, dueDate };
}

const HOURS_PER_DAY = 8;

/** The browser's calendar day of an instant: a done task's finish, which a drag never moves. */
function localDay(instant: number): string {
  const date = new Date(instant);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export type ShiftedDates = { earlyStart: string; earlyFinish: string };

/**
 * The schedule again with one task's dates changed, as the server computes it (same durations, pins and
 * calendar): the tasks whose early dates would move, with their new dates. Null when the change cannot be
 * scheduled.
 */
export function reschedule(
  schedule: Pick<Schedule, 'today' | 'tasks' | 'dependencies'>,
  calendar: WorkCalendar,
  change: DateChange,
): Map<string, ShiftedDates> | null {
  const tasks = schedule.tasks.map((task) =>
    task.id === change.taskId ? { ...task, startDate: change.startDate, dueDate: change.dueDate } : task,
  );
  const starts = tasks
    .map((task) => task.startDate)
    .filter((day): day is string => day !== null)
    .sort();
  const result = scheduleTasks({
    projectStart: starts[0] ?? schedule.today,
    calendar,
    statusDate: schedule.today,
    tasks: tasks.map((task) => ({
      ...taskProgress(
        {
          status: task.status,
          startDate: task.startDate,
          dueDate: task.dueDate,
          completedDay: task.completedAt === null ? null : localDay(task.completedAt),
        },
        schedule.today,
      ),
      id: task.id,
      durationDays: task.isMilestone
        ? 0
        : task.startDate && task.dueDate
          ? Math.max(1, workingDaysBetween(task.startDate, task.dueDate, calendar))
          : Math.max(1, Math.ceil((task.estimateHours ?? HOURS_PER_DAY) / HOURS_PER_DAY)),
      start: task.startDate,
      due: task.dueDate,
      bufferDays: task.bufferDays,
    })),
    dependencies: schedule.dependencies.map((dependency) => ({
      from: dependency.fromTaskId,
      to: dependency.toTaskId,
      lagDays: dependency.lagDays,
    })),
  });
  if (!result.ok) return null;
  const before = new Map(schedule.tasks.map((task) => [task.id, task]));
  const moved = new Map<string, ShiftedDates>();
  for (const task of result.tasks) {
    const old = before.get(task.id);
    if (!old || (old.earlyStart === task.earlyStart && old.earlyFinish === task.earlyFinish)) continue;
    moved.set(task.id, { earlyStart: task.earlyStart, earlyFinish: task.earlyFinish });
  }
  return moved;
}

/** Tasks whose early dates differ between two schedules: what a saved change moved. */
export function changedTasks(before: readonly ScheduledTask[], after: readonly ScheduledTask[]): Set<string> {
  const old = new Map(before.map((task) => [task.id, task]));
  const changed = new Set<string>();
  for (const task of after) {
    const previous = old.get(task.id);
    if (previous && (previous.earlyStart !== task.earlyStart || previous.earlyFinish !== task.earlyFinish)) {
      changed.add(task.id);
    }
  }
  return changed;
}
