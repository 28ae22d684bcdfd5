import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/index.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { Scheduler } from '../jobs/scheduler.ts';
import { createTestDatabase } from '../testing/database.ts';
import { Outbox, type DomainEvent } from './outbox.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let database: DatabaseHandle;
let now: number;

/** One app instance's worth of scheduler and outbox over the shared database. */
function instance(workerId: string) {
  const scheduler = new Scheduler({
    db: database.db,
    dialect: database.dialect,
    now: () => now,
    logger: silent,
    workerId,
    leaseMs: 30_000,
  });
  return { scheduler, outbox: new Outbox(database.db, scheduler, () => now) };
}

beforeEach(async () => {
  database = await createTestDatabase();
  await migrateToLatest(database.db);
  now = Date.UTC(2026, 10, 26, 9, 0, 0);
});
afterEach(() => database.destroy());

describe('outbox', () => {
  it('writes an event only when its transaction commits', async () => {
    const { outbox } = instance('a');
    await expect(
      database.db.transaction().execute(async (trx) => {
        await outbox.emit(trx, { workspaceId: null, type: 'goal.created', payload: { id: 1 } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await database.db.selectFrom('events').selectAll().execute()).toHaveLength(0);
    expect(
      await database.db.selectFrom('jobs').selectAll().where('name', '=', 'events.dispatch').execute(),
    ).toHaveLength(0);
  });

  it('hands each event to the subscribers of its type', async () => {
    const { scheduler, outbox } = instance('a');
    const seen: string[] = [];
    outbox.subscribe('all', null, async (event) => void seen.push(`all:${event.type}`));
    outbox.subscribe(
      'kpis',
      ['kpi.turned_red'],
      async (event) => void seen.push(`kpis:${(event.payload as { key: string }).key}`),
    );
    await database.db.transaction().execute(async (trx) => {
      await outbox.emit(trx, { workspaceId: null, type: 'kpi.turned_red', payload: { key: 'dau' } });
      await outbox.emit(trx, { workspaceId: null, type: 'goal.created', payload: {} });
    });
    await scheduler.runDue();
    expect(seen.sort()).toEqual(['all:goal.created', 'all:kpi.turned_red', 'kpis:dau']);
  });

  it('delivers an event whose dispatch crashed after a restart, without repeating delivered subscribers', async () => {
    const first = instance('first');
    const mailed: DomainEvent[] = [];
    const notified: DomainEvent[] = [];
    first.outbox.subscribe('notifications', null, async (event) => void notified.push(event));
    first.outbox.subscribe('mail', null, async () => {
      throw new Error('process crashed mid-dispatch');
    });
    await first.outbox.emit(database.db, {
      workspaceId: null,
      type: 'member.joined',
      payload: { userId: 'u1' },
    });
    await first.scheduler.runDue();
    expect(notified).toHaveLength(1);
    expect(mailed).toHaveLength(0);

    // A new process with working subscribers: same names, same database.
    const restarted = instance('restarted');
    restarted.outbox.subscribe('notifications', null, async (event) => void notified.push(event));
    restarted.outbox.subscribe('mail', null, async (event) => void mailed.push(event));
    expect(await restarted.scheduler.runDue()).toBe(0); // waits for the back-off
    now += 60_000;
    expect(await restarted.scheduler.runDue()).toBe(1);
    expect(mailed.map((event) => event.payload)).toEqual([{ userId: 'u1' }]);
    expect(notified).toHaveLength(1);
    const deliveries = await database.db.selectFrom('event_deliveries').select('subscriber').execute();
    expect(deliveries.map((d) => d.subscriber).sort()).toEqual(['mail', 'notifications']);
  });
});
