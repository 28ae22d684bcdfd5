/** Task statuses that mean no more work is planned: they add no load and need no owner. */
export const CLOSED_TASK_STATUSES: readonly string[] = ['done', 'cancelled'];

/** Whether a task with this status still has work ahead of it. */
export function isOpenTaskStatus(status: string): boolean {
  return !CLOSED_TASK_STATUSES.includes(status);
}
