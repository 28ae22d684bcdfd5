import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/index.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createTestDatabase } from '../testing/database.ts';
import { backoffMs, nextCronRun, Scheduler } from './scheduler.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let database: DatabaseHandle;
let now: number;

function scheduler(workerId: string, options: { leaseMs?: number } = {}) {
  return new Scheduler({
    db: database.db,
    dialect: database.dialect,
    now: () => now,
    logger: silent,
    workerId,
    ...options,
  });
}

beforeEach(async () => {
  database = await createTestDatabase();
  await migrateToLatest(database.db);
  now = Date.UTC(2026, 10, 26, 9, 0, 0);
});
afterEach(() => database.destroy());

describe('scheduler', () => {
  it('runs a job when it is due, once', async () => {
    const ran: unknown[] = [];
    const worker = scheduler('a');
    worker.register('greet', async (payload) => void ran.push(payload));
    await worker.enqueue(database.db, { name: 'greet', payload: { to: '李娜' }, runAt: now + 5000 });
    expect(await worker.runDue()).toBe(0);
    now += 5000;
    expect(await worker.runDue()).toBe(1);
    expect(await worker.runDue()).toBe(0);
    expect(ran).toEqual([{ to: '李娜' }]);
    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'greet')
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
  });

  it('gives a job claimed by several workers at once to exactly one of them', async () => {
    const runs: string[] = [];
    const workers = ['a', 'b', 'c', 'd'].map((id) => {
      const worker = scheduler(id);
      worker.register('count', async (payload) => {
        runs.push(`${id}:${(payload as { n: number }).n}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      });
      return worker;
    });
    for (let n = 0; n < 20; n += 1) await workers[0]?.enqueue(database.db, { name: 'count', payload: { n } });
    await Promise.all(
      workers.map(async (worker) => {
        while ((await worker.runDue()) > 0) {
          /* keep claiming */
        }
      }),
    );
    const numbers = runs.map((run) => Number(run.split(':')[1])).sort((a, b) => a - b);
    expect(numbers).toEqual([...Array(20).keys()]);
  });

  it('retries a failing job with growing back-off, then gives up', async () => {
    let calls = 0;
    const worker = scheduler('a');
    worker.register(
      'flaky',
      async () => {
        calls += 1;
        throw new Error('SMTP down');
      },
      { maxAttempts: 3 },
    );
    await worker.enqueue(database.db, { name: 'flaky' });
    await worker.runDue();
    const afterFirst = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'flaky')
      .executeTakeFirstOrThrow();
    expect(afterFirst).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: 'SMTP down',
      run_at: now + backoffMs(1),
    });
    now += backoffMs(1) - 1;
    expect(await worker.runDue()).toBe(0);
    now += 1;
    await worker.runDue();
    now += backoffMs(2);
    await worker.runDue();
    now += 24 * 60 * 60 * 1000;
    await worker.runDue();
    expect(calls).toBe(3);
    const final = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'flaky')
      .executeTakeFirstOrThrow();
    expect(final.status).toBe('failed');
  });

  it('takes over a job whose worker died once its lease runs out', async () => {
    const dead = scheduler('dead', { leaseMs: 60_000 });
    // The handler signals once the job is claimed and running, then never finishes: the process "dies" here.
    let claimed: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (claimed = resolve));
    dead.register('report', () => {
      claimed();
      return new Promise(() => undefined);
    });
    await dead.enqueue(database.db, { name: 'report' });
    void dead.runDue();
    await running;

    const ran: string[] = [];
    const restarted = scheduler('restarted', { leaseMs: 60_000 });
    restarted.register('report', async () => void ran.push('report'));
    expect(await restarted.runDue()).toBe(0);
    now += 60_001;
    expect(await restarted.runDue()).toBe(1);
    expect(ran).toEqual(['report']);
  });

  it('moves a recurring job to its next occurrence after each run', async () => {
    const ran: number[] = [];
    const worker = scheduler('a');
    worker.register('weekly-report', async () => void ran.push(now));
    await worker.every('weekly-report', '0 9 * * 1'); // Mondays 09:00 UTC
    await worker.every('weekly-report', '0 9 * * 1'); // registering twice keeps one row
    const rows = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'weekly-report')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.run_at).toBe(Date.UTC(2026, 10, 30, 9, 0, 0));
    now = Date.UTC(2026, 10, 30, 9, 0, 1);
    expect(await worker.runDue()).toBe(1);
    const next = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'weekly-report')
      .executeTakeFirstOrThrow();
    expect(next).toMatchObject({ status: 'queued', run_at: Date.UTC(2026, 11, 7, 9, 0, 0) });
  });

  it('computes cron occurrences and back-off', () => {
    expect(nextCronRun('*/15 * * * *', Date.UTC(2026, 0, 1, 10, 7))).toBe(Date.UTC(2026, 0, 1, 10, 15));
    expect(backoffMs(1)).toBe(2000);
    expect(backoffMs(3)).toBe(8000);
    expect(backoffMs(30)).toBe(60 * 60 * 1000);
  });
});
