import { DEFAULT_WORK_WINDOW_MINUTES, morningDay } from '../../core/schedule/worktime.ts';
import type { Services } from '../context.ts';
import { selectExistingJobKeys } from '../jobs/queries.ts';
import type { Scheduler } from '../jobs/scheduler.ts';
import { selectWorkspaceMornings } from './queries.ts';

/**
 * Morning reminders in each workspace's own morning. A quarter-hourly cron row (one instance claims it) looks at
 * every workspace's working time (workspaces/worktime.ts, migration 0017) and, once its work start has passed in
 * its zone, enqueues each morning job for that workspace and local day under the key `name:workspace:day` — so
 * each runs once per workspace and day, on whichever instance claims it, and a server that was down at 09:00 still
 * sends the day's reminders when it comes back.
 */
export const MORNINGS_JOB = 'workspaces.mornings';

export type MorningScope = { workspaceId: string; today: string };
export type MorningHandler = (scope: MorningScope) => Promise<void>;

const registries = new WeakMap<Scheduler, Set<string>>();

/** Enqueues the morning jobs of every workspace whose morning has begun and that has not had them today. */
export async function enqueueMornings(services: Services): Promise<number> {
  const names = [...(registries.get(services.scheduler) ?? [])];
  if (names.length === 0) return 0;
  const now = services.now();
  const wanted: { name: string; key: string; scope: MorningScope }[] = [];
  for (const workspace of await selectWorkspaceMornings(services.db)) {
    const today = morningDay(now, {
      timeZone: workspace.time_zone ?? services.config.timezone,
      workStartMinutes:
        workspace.work_start_minutes === null
          ? DEFAULT_WORK_WINDOW_MINUTES.start
          : Number(workspace.work_start_minutes),
    });
    if (!today) continue;
    for (const name of names) {
      wanted.push({
        name,
        key: `${name}:${workspace.id}:${today}`,
        scope: { workspaceId: workspace.id, today },
      });
    }
  }
  const existing = await selectExistingJobKeys(
    services.db,
    wanted.map((job) => job.key),
  );
  const missing = wanted.filter((job) => !existing.has(job.key));
  if (missing.length === 0) return 0;
  await services.db.transaction().execute(async (trx) => {
    // Keyed: a second instance enqueueing the same morning adds nothing.
    for (const job of missing) {
      await services.scheduler.enqueue(trx, { name: job.name, payload: job.scope, key: job.key });
    }
  });
  return missing.length;
}

/**
 * Registers a job that runs once per workspace each working morning, with that workspace and its local day. The
 * daily UTC cron row the job had before (`cron:<name>`) is removed, so an upgraded database does not also run it
 * at 01:00 UTC.
 */
export async function registerMorningJob(
  services: Services,
  name: string,
  handler: MorningHandler,
): Promise<void> {
  const { scheduler } = services;
  let names = registries.get(scheduler);
  if (!names) {
    names = new Set();
    registries.set(scheduler, names);
    scheduler.register(MORNINGS_JOB, async () => {
      await enqueueMornings(services);
    });
    await scheduler.every(MORNINGS_JOB, '*/15 * * * *');
  }
  names.add(name);
  scheduler.register(name, async (payload) => {
    const scope = payload as Partial<MorningScope> | null;
    if (!scope?.workspaceId || !scope.today) return;
    await handler({ workspaceId: scope.workspaceId, today: scope.today });
  });
  await scheduler.unschedule(name);
}
