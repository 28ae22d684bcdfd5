import { addDays } from '../../core/kpis/periods.ts';
import { CLOSED_TASK_STATUSES } from '../../core/tasks/status.ts';
import type { Services } from '../context.ts';
import { dayInTimezone } from '../time.ts';
import { timeZonesByWorkspace } from '../workspaces/worktime.ts';

/**
 * Every morning (09:00 in China, 01:00 UTC): `task.due_soon` for open tasks due tomorrow, `task.overdue` for
 * open tasks whose due day was yesterday — tomorrow and yesterday in each workspace's time zone — so each fires
 * once per task and notifications can route them.
 */
export async function emitDueEvents(services: Services): Promise<number> {
  const zoneOf = await timeZonesByWorkspace(services);
  const now = services.now();
  // Every day that is "yesterday" or "tomorrow" somewhere (UTC−12 to UTC+14); each task then reads its own.
  const earliest = addDays(dayInTimezone(now, 'Etc/GMT+12'), -1);
  const latest = addDays(dayInTimezone(now, 'Etc/GMT-14'), 1);
  const candidates = await services.db
    .selectFrom('tasks')
    .select(['id', 'workspace_id', 'due_date'])
    .where('due_date', '>=', earliest)
    .where('due_date', '<=', latest)
    .where('status', 'not in', [...CLOSED_TASK_STATUSES])
    .execute();
  const tasks = candidates.flatMap((task) => {
    const today = dayInTimezone(now, zoneOf(task.workspace_id));
    if (task.due_date === addDays(today, 1)) return [{ ...task, type: 'task.due_soon' }];
    if (task.due_date === addDays(today, -1)) return [{ ...task, type: 'task.overdue' }];
    return [];
  });
  await services.db.transaction().execute(async (trx) => {
    for (const task of tasks) {
      await services.outbox.emit(trx, {
        workspaceId: task.workspace_id,
        type: task.type,
        payload: { taskId: task.id, dueDate: task.due_date },
      });
    }
  });
  return tasks.length;
}

export async function registerTaskJobs(services: Services): Promise<void> {
  services.scheduler.register('tasks.due_events', async () => {
    await emitDueEvents(services);
  });
  await services.scheduler.every('tasks.due_events', '0 1 * * *');
}
