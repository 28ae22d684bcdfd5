import { addDays } from '../../core/days/index.ts';
import type { Services } from '../context.ts';
import { dayInTimezone } from '../time.ts';
import { registerMorningJob, type MorningScope } from '../workspaces/mornings.ts';
import { timeZonesByWorkspace } from '../workspaces/worktime.ts';
import * as queries from './queries.ts';

export const DUE_EVENTS_JOB = 'tasks.due_events';

/**
 * Each workspace's morning (its work start in its own zone, workspaces/mornings.ts): `task.due_soon` for open tasks
 * due tomorrow, `task.overdue` for open tasks whose due day was yesterday — so each fires once per task and
 * notifications can route them. Without a scope (tests, a manual run) every workspace reads its own today.
 */
export async function emitDueEvents(services: Services, scope?: MorningScope): Promise<number> {
  const now = services.now();
  const zoneOf = scope ? null : await timeZonesByWorkspace(services);
  const todayOf = (workspaceId: string) =>
    scope ? scope.today : dayInTimezone(now, zoneOf?.(workspaceId) ?? services.config.timezone);
  // Every day that is "yesterday" or "tomorrow" somewhere (UTC−12 to UTC+14); each task then reads its own.
  const earliest = scope ? addDays(scope.today, -1) : addDays(dayInTimezone(now, 'Etc/GMT+12'), -1);
  const latest = scope ? addDays(scope.today, 1) : addDays(dayInTimezone(now, 'Etc/GMT-14'), 1);
  const tasks = (
    await queries.selectOpenTasksDueBetween(services.db, earliest, latest, scope?.workspaceId)
  ).flatMap((task) => {
    const today = todayOf(task.workspace_id);
    if (task.due_date === addDays(today, 1)) return [{ ...task, type: 'task.due_soon' }];
    if (task.due_date === addDays(today, -1)) return [{ ...task, type: 'task.overdue' }];
    return [];
  });
  if (tasks.length === 0) return 0;
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
  await registerMorningJob(services, DUE_EVENTS_JOB, async (scope) => {
    await emitDueEvents(services, scope);
  });
}
