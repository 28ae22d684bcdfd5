import type { Services } from '../context.ts';
import { dayInTimezone } from '../time.ts';
import { daysBetween } from '../../core/kpis/periods.ts';
import { refreshKpisAndGoals } from './refresh.ts';

export const CHECK_IN_INTERVAL_DAYS = 7;

/**
 * Expected progress moves with the calendar, so health is recomputed every night; check-ins fall due weekly.
 * Cron rules are UTC: 16:05 and 01:00 UTC are 00:05 and 09:00 in China.
 */
export async function registerGoalJobs(services: Services): Promise<void> {
  const { scheduler } = services;
  scheduler.register('goals.refresh_all', () => refreshAllWorkspaces(services));
  scheduler.register('goals.check_in_reminders', async () => {
    await remindCheckIns(services);
  });
  await scheduler.every('goals.refresh_all', '5 16 * * *');
  await scheduler.every('goals.check_in_reminders', '0 1 * * *');
}

export async function refreshAllWorkspaces(services: Services): Promise<void> {
  const workspaces = await services.db.selectFrom('goals').select('workspace_id').distinct().execute();
  for (const { workspace_id: workspaceId } of workspaces) {
    await services.db.transaction().execute((trx) => refreshKpisAndGoals(services, trx, workspaceId, 'all'));
  }
}

/** One `goal.check_in_due` event per active goal on each 7th day without a check-in. */
export async function remindCheckIns(services: Services): Promise<number> {
  const today = dayInTimezone(services.now(), services.config.timezone);
  const goals = await services.db
    .selectFrom('goals')
    .leftJoin('check_ins', 'check_ins.goal_id', 'goals.id')
    .select(['goals.id', 'goals.workspace_id', 'goals.owner_id', 'goals.created_at', 'goals.due_date'])
    .select((eb) => eb.fn.max('check_ins.created_at').as('last_check_in'))
    .where('goals.status', '=', 'active')
    .where('goals.due_date', '>=', today)
    .groupBy(['goals.id', 'goals.workspace_id', 'goals.owner_id', 'goals.created_at', 'goals.due_date'])
    .execute();
  let reminded = 0;
  await services.db.transaction().execute(async (trx) => {
    for (const goal of goals) {
      const since = dayInTimezone(Number(goal.last_check_in ?? goal.created_at), services.config.timezone);
      const days = daysBetween(since, today);
      if (days <= 0 || days % CHECK_IN_INTERVAL_DAYS !== 0) continue;
      await services.outbox.emit(trx, {
        workspaceId: goal.workspace_id,
        type: 'goal.check_in_due',
        payload: { goalId: goal.id, ownerId: goal.owner_id, daysSinceCheckIn: days },
      });
      reminded += 1;
    }
  });
  return reminded;
}
