/** What a task's status says about its progress, as scheduleTasks reads it. */

export type TaskProgressInput = {
  status: string;
  startDate: string | null;
  dueDate: string | null;
  /** The day the task was marked done, in the workspace's time zone. */
  completedDay: string | null;
};

export type TaskProgress = { actualStart: string | null; actualFinish: string | null };

/**
 * Actual dates for scheduling on `today`: a done task finished the day it was completed (its due day, else
 * today, when that was not recorded); a cancelled one is over and counts as finished by the earlier of its due
 * day and today; a task in progress started on its start day when that has come, else today.
 */
export function taskProgress(task: TaskProgressInput, today: string): TaskProgress {
  const startedBy = (finish: string): string | null =>
    task.startDate !== null && task.startDate <= finish ? task.startDate : null;
  if (task.status === 'done') {
    const finish =
      task.completedDay ?? (task.dueDate !== null && task.dueDate < today ? task.dueDate : today);
    return { actualStart: startedBy(finish), actualFinish: finish };
  }
  if (task.status === 'cancelled') {
    const finish =
      task.completedDay ?? (task.dueDate !== null && task.dueDate < today ? task.dueDate : today);
    return { actualStart: startedBy(finish), actualFinish: finish };
  }
  if (task.status === 'in_progress') return { actualStart: startedBy(today) ?? today, actualFinish: null };
  return { actualStart: null, actualFinish: null };
}
