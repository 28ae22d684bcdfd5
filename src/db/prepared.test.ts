import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT } from '../server/testing/database.ts';
import type { DatabaseHandle } from './index.ts';
import { jsonSql, preparedStatement, readJson } from './prepared.ts';

let database: DatabaseHandle;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

describe('preparedStatement', () => {
  it("turns :name markers into each dialect's placeholders once, a value per name, casts left alone", async () => {
    const texts: string[] = [];
    const statement = preparedStatement<{ a: string; b: number }, { a: string; twice: string; b: number }>(
      (dialect) => {
        texts.push(dialect);
        return `SELECT CAST(:a AS text) AS a, CAST(:a AS text) || CAST(:a AS text) AS twice, CAST(:b AS integer) AS b, 1::integer AS one`;
      },
    );
    // SQLite has no `::` cast: the marker rule is checked on the text alone there.
    if (TEST_DIALECT === 'postgres') {
      expect(await statement(database.db, 'postgres', { a: 'x', b: 2 })).toEqual([
        { a: 'x', twice: 'xx', b: 2, one: 1 },
      ]);
      expect(await statement(database.db, 'postgres', { a: 'y', b: 3 })).toEqual([
        { a: 'y', twice: 'yy', b: 3, one: 1 },
      ]);
      expect(texts).toEqual(['postgres']);
    }
    const plain = preparedStatement<{ a: string; b: number }, { a: string; twice: string; b: number }>(
      () =>
        `SELECT CAST(:a AS text) AS a, CAST(:a AS text) || CAST(:a AS text) AS twice, CAST(:b AS integer) AS b`,
    );
    expect(await plain(database.db, TEST_DIALECT, { a: 'x', b: 2 })).toEqual([{ a: 'x', twice: 'xx', b: 2 }]);
    expect(await plain(database.db, TEST_DIALECT, { a: 'z', b: 5 })).toEqual([{ a: 'z', twice: 'zz', b: 5 }]);
    await expect(plain(database.db, TEST_DIALECT, { a: 'x' } as never)).rejects.toThrow(/no value for :b/);
  });

  it('runs inside a transaction on its connection', async () => {
    const count = preparedStatement<{ title: string }, { count: number | string }>(
      () => `SELECT count(*) AS count FROM users WHERE name = :title`,
    );
    await database.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO users (id, email, name, password_hash, locale, created_at, updated_at)
        VALUES ('u1', 'u1@example.com', 'prepared', 'x', 'en', 0, 0)`.execute(trx);
      const [row] = await count(trx, TEST_DIALECT, { title: 'prepared' });
      expect(Number(row?.count)).toBe(1);
    });
  });
});

describe('jsonSql', () => {
  it('aggregates in order, gives [] for no rows and reads ids from a JSON parameter, on either database', async () => {
    const json = jsonSql(TEST_DIALECT);
    const statement = preparedStatement<{ ids: string }, { list: unknown; none: unknown }>(
      () => `SELECT
        (SELECT ${json.arrayOf(json.array('i.id', 'length(i.id)'), 'i.id DESC')} FROM (${json.idsOf(':ids')}) i) AS list,
        (SELECT ${json.arrayOf('i.id')} FROM (${json.idsOf(':ids')}) i WHERE i.id = 'none') AS none`,
    );
    const [row] = await statement(database.db, TEST_DIALECT, { ids: JSON.stringify(['a', 'ccc', 'bb']) });
    expect(readJson(row?.list, [])).toEqual([
      ['ccc', 3],
      ['bb', 2],
      ['a', 1],
    ]);
    expect(readJson(row?.none, null)).toEqual([]);
    expect(readJson(null, 'fallback')).toBe('fallback');
  });
});
