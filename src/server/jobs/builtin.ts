import { deleteExpiredRateLimits, deleteExpiredSessions } from '../auth/queries.ts';
import { refreshPlannerStatistics } from '../../db/statistics.ts';
import type { Services } from '../context.ts';
import { deleteFinishedJobsBefore } from './queries.ts';

const WEEK = 7 * 24 * 60 * 60 * 1000;

/** Housekeeping every instance registers; recurring rows are shared, so only one instance runs each. */
export async function registerBuiltInJobs(services: Services): Promise<void> {
  const { scheduler, db } = services;
  scheduler.register('jobs.prune', async () => {
    await deleteFinishedJobsBefore(db, services.now() - WEEK);
  });
  scheduler.register('sessions.prune', async () => {
    await deleteExpiredSessions(db, services.now());
    await deleteExpiredRateLimits(db, services.now());
  });
  // The planner's statistics follow the data as it grows (a no-op check unless a table changed a lot).
  scheduler.register('database.optimize', async () => {
    await refreshPlannerStatistics(db, services.dialect);
  });
  await scheduler.every('jobs.prune', '17 3 * * *');
  await scheduler.every('database.optimize', '41 * * * *');
  await scheduler.every('sessions.prune', '27 * * * *');
}
