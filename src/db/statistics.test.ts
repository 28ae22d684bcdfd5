import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './index.ts';
import { migrateToLatest } from './migrate.ts';
import { refreshPlannerStatistics } from './statistics.ts';

let database: DatabaseHandle | null = null;
afterEach(async () => {
  await database?.destroy();
  database = null;
});

const statistics = (handle: DatabaseHandle) =>
  sql<{
    tbl: string;
    idx: string | null;
    stat: string;
  }>`SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx`
    .execute(handle.db)
    .then((result) => result.rows);

describe('refreshPlannerStatistics on SQLite', () => {
  it('analyzes tables once they hold rows, and leaves statistics alone while the data has not changed much', async () => {
    database = openDatabase({ sqliteFile: ':memory:' });
    await migrateToLatest(database.db);
    await refreshPlannerStatistics(database.db, 'sqlite');
    // Empty tables are not analyzed (the migrations' own bookkeeping table is not empty).
    expect((await statistics(database)).filter((row) => row.tbl === 'users')).toEqual([]);

    const now = Date.UTC(2026, 11, 6);
    await database.db
      .insertInto('users')
      .values(
        Array.from({ length: 300 }, (_, index) => ({
          id: `user-${index}`,
          email: `user${index}@example.com`,
          name: index % 2 ? '张三' : 'Alex',
          password_hash: 'x',
          locale: 'zh-CN',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await refreshPlannerStatistics(database.db, 'sqlite');
    const analyzed = await statistics(database);
    expect(analyzed.filter((row) => row.tbl === 'users').map((row) => row.stat.split(' ')[0])).toContain(
      '300',
    );

    await database.db
      .insertInto('users')
      .values({
        id: 'one-more',
        email: 'one@example.com',
        name: 'x',
        password_hash: 'x',
        locale: 'en',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await refreshPlannerStatistics(database.db, 'sqlite');
    expect(await statistics(database)).toEqual(analyzed);
  });
});
