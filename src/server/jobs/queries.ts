import type { Insertable } from 'kysely';
import type { Dialect } from '../../db/index.ts';
import type { Db, Executor, Job, JobsTable } from '../../db/types.ts';

export async function insertJob(executor: Executor, job: Insertable<JobsTable>): Promise<void> {
  if (job.key) {
    await executor
      .insertInto('jobs')
      .values(job)
      .onConflict((c) => c.column('key').doNothing())
      .execute();
  } else {
    await executor.insertInto('jobs').values(job).execute();
  }
}

/** Keeps one row per recurring key; a changed rule takes effect from its next occurrence. */
export async function upsertCronJob(executor: Executor, job: Insertable<JobsTable>): Promise<void> {
  await executor
    .insertInto('jobs')
    .values(job)
    .onConflict((c) =>
      c.column('key').doUpdateSet((eb) => ({
        cron: eb.ref('excluded.cron'),
        payload: eb.ref('excluded.payload'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function claimDueJobs(
  db: Db,
  dialect: Dialect,
  options: { now: number; workerId: string; leaseMs: number; limit: number },
): Promise<Job[]> {
  const { now, workerId, leaseMs, limit } = options;
  let candidates = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
        // A running job whose lease ran out belonged to a worker that died: take it over.
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('run_at')
    .limit(limit);
  if (dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: workerId,
      locked_until: now + leaseMs,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
}

export async function finishJob(db: Db, id: string, workerId: string, now: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_by: null, locked_until: null, last_error: null, updated_at: now })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function rescheduleJob(db: Db, id: string, workerId: string, runAt: number, now: number) {
  await db
    .updateTable('jobs')
    .set({
      status: 'queued',
      run_at: runAt,
      attempts: 0,
      locked_by: null,
      locked_until: null,
      last_error: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function failJob(
  db: Db,
  id: string,
  workerId: string,
  failure: {
    message: string;
    retryAt: number;
    status: 'queued' | 'failed';
    resetAttempts: boolean;
    now: number;
  },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: failure.status,
      run_at: failure.retryAt,
      last_error: failure.message,
      locked_by: null,
      locked_until: null,
      updated_at: failure.now,
      ...(failure.resetAttempts ? { attempts: 0 } : {}),
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Finished jobs are history for a week, then go. */
export async function deleteFinishedJobsBefore(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'failed'])
    .where('cron', 'is', null)
    .where('updated_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes a recurring row by its key (a job that moved to another schedule). */
export async function deleteJobByKey(executor: Executor, key: string): Promise<void> {
  await executor.deleteFrom('jobs').where('key', '=', key).execute();
}

/** Which of these keys name a job already (queued, running or kept as history). */
export async function selectExistingJobKeys(
  executor: Executor,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += 500) {
    const chunk = keys.slice(start, start + 500);
    const rows = await executor.selectFrom('jobs').select('key').where('key', 'in', chunk).execute();
    for (const row of rows) if (row.key) found.add(row.key);
  }
  return found;
}
