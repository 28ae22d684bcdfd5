import type { Services } from '../context.ts';
import { dayInTimezone } from '../time.ts';
import { daysBetween } from '../../core/days/index.ts';
import { registerMorningJob, type MorningScope } from '../workspaces/mornings.ts';
import { timeZonesByWorkspace } from '../workspaces/worktime.ts';
import { selectCheckInCandidates, selectGoalWorkspaceIds } from './queries.ts';
import { refreshKpisAndGoals } from './refresh.ts';

export const CHECK_IN_INTERVAL_DAYS = 7;

export const CHECK_IN_REMINDERS_JOB = 'goals.check_in_reminders';

/**
 * Expected progress moves with the calendar, so health is recomputed every night (16:05 UTC, 00:05 in China);
 * check-ins fall due weekly and are asked for in each workspace's own morning (workspaces/mornings.ts).
 */
export async function registerGoalJobs(services: Services): Promise<void> {
  const { scheduler } = services;
  scheduler.register('goals.refresh_all', () => refreshAllWorkspaces(services));
  await scheduler.every('goals.refresh_all', '5 16 * * *');
  await registerMorningJob(services, CHECK_IN_REMINDERS_JOB, async (scope) => {
    await remindCheckIns(services, scope);
  });
}

export async function refreshAllWorkspaces(services: Services): Promise<void> {
  const workspaceIds = await selectGoalWorkspaceIds(services.db);
  for (const workspaceId of workspaceIds) {
    await services.db.transaction().execute((trx) => refreshKpisAndGoals(services, trx, workspaceId, 'all'));
  }
}

/**
 * One `goal.check_in_due` event per active goal on each 7th day without a check-in, counted in days of the goal's
 * workspace (its time zone). Without a scope every workspace is read, each in its own zone.
 */
export async function remindCheckIns(services: Services, scope?: MorningScope): Promise<number> {
  const now = services.now();
  const zoneOf = await timeZonesByWorkspace(services);
  const todayOf = (workspaceId: string) => scope?.today ?? dayInTimezone(now, zoneOf(workspaceId));
  // The earliest "today" anywhere: a goal due then is still running somewhere.
  const earliest = scope?.today ?? dayInTimezone(now, 'Etc/GMT+12');
  const goals = await selectCheckInCandidates(services.db, earliest, scope?.workspaceId);
  let reminded = 0;
  await services.db.transaction().execute(async (trx) => {
    for (const goal of goals) {
      const today = todayOf(goal.workspace_id);
      if (goal.due_date < today) continue;
      const zone = zoneOf(goal.workspace_id);
      const since = dayInTimezone(Number(goal.last_check_in ?? goal.created_at), zone);
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
