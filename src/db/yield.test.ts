import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './index.ts';
import { YieldingPlugin } from './yield.ts';

/** Counts turns of the event loop (check phases) until stopped. */
function turnCounter() {
  const counter = { turns: 0, stopped: false };
  const tick = () => {
    if (counter.stopped) return;
    counter.turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  return counter;
}

let database: DatabaseHandle | null = null;
afterEach(async () => {
  await database?.destroy();
  database = null;
});

describe('SQLite queries give the event loop a turn', () => {
  it('runs timers between the statements of one long transaction, which still rolls back whole', async () => {
    database = openDatabase({ sqliteFile: ':memory:' });
    const { db } = database;
    await sql`CREATE TABLE t (n INTEGER NOT NULL)`.execute(db);
    const counter = turnCounter();
    let turnsInside = 0;
    try {
      await db.transaction().execute(async (trx) => {
        const started = counter.turns;
        // Enough synchronous statements for several slices; before, the ticker never ran in here.
        for (let batch = 0; batch < 200; batch += 1) {
          await sql`INSERT INTO t (n) SELECT value FROM json_each(${JSON.stringify(
            Array.from({ length: 2000 }, (_, index) => index),
          )})`.execute(trx);
        }
        // The one connection stays with the transaction: ping answers, other queries wait for it.
        await database?.ping();
        turnsInside = counter.turns - started;
        throw new Error('roll back');
      });
    } catch (error) {
      expect((error as Error).message).toBe('roll back');
    } finally {
      counter.stopped = true;
    }
    expect(turnsInside).toBeGreaterThan(0);
    const { count } = await sql<{ count: number }>`SELECT count(*) AS count FROM t`
      .execute(db)
      .then((result) => result.rows[0] ?? { count: -1 });
    expect(count).toBe(0);
  });

  it('with a slice of 0, waits a turn after every statement', async () => {
    const db = new Kysely<Record<string, never>>({
      dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
      plugins: [new YieldingPlugin(0)],
    });
    try {
      const counter = turnCounter();
      await db.transaction().execute(async (trx) => {
        for (let index = 0; index < 10; index += 1) await sql`SELECT 1`.execute(trx);
      });
      counter.stopped = true;
      expect(counter.turns).toBeGreaterThanOrEqual(10);
    } finally {
      await db.destroy();
    }
  });

  it('costs a short request nothing: a few quick queries run without waiting for a turn', async () => {
    database = openDatabase({ sqliteFile: ':memory:' });
    let turned = false;
    setImmediate(() => (turned = true));
    for (let index = 0; index < 5; index += 1) await sql`SELECT 1`.execute(database.db);
    expect(turned).toBe(false);
  });
});
