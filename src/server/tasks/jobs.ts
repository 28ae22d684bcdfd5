import { addDays } from '../../core/kpis/periods.ts';
import { CLOSED_TASK_STATUSES } from '../../core/tasks/status.ts';
import type { Services } from '../context.ts';
import { dayInTimezone } from '../time.ts';

/**
 * Every morning (09:00 in China, 01:00 UTC): `task.due_soon` for open tasks due tomorrow, `task.overdue` for
 * open tasks whose due day was yesterday, so each fires once per task and notifications can route them.
 */
export async function emitDueEvents(services: Services): Promise<number> {
  const today = dayInTimezone(services.now(), services.config.timezone);
  const tasks = await services.db
    .selectFrom('tasks')
    .select(['id', 'workspace_id', 'due_date'])
    .where('due_date', 'in', [addDays(today, 1), addDays(today, -1)])
    .where('status', 'not in', [...CLOSED_TASK_STATUSES])
    .execute();
  await services.db.transaction().execute(async (trx) => {
    for (const task of tasks) {
      await services.outbox.emit(trx, {
        workspaceId: task.workspace_id,
        type: task.due_date === addDays(today, 1) ? 'task.due_soon' : 'task.overdue',
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
