import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cachingStatements } from './statements.ts';

let sqlite: SQLite.Database;
afterEach(() => {
  if (sqlite.open) sqlite.close();
});

function open() {
  sqlite = new SQLite(':memory:');
  sqlite.exec('CREATE TABLE t (a INTEGER)');
  sqlite.exec('INSERT INTO t VALUES (1), (2), (3)');
  return sqlite;
}

describe('cachingStatements', () => {
  it('prepares a query text once and reuses the statement', () => {
    const database = cachingStatements(open());
    const first = database.prepare('SELECT a FROM t ORDER BY a');
    const second = database.prepare('SELECT a FROM t ORDER BY a');
    expect(second).toBe(first);
    expect(database.prepare('SELECT a FROM t ORDER BY a DESC')).not.toBe(first);
    expect(database.cached).toBe(2);
  });

  it('never hands out a statement that is still iterating', () => {
    const database = cachingStatements(open());
    const streaming = database.prepare('SELECT a FROM t ORDER BY a') as SQLite.Statement;
    const rows = streaming.iterate();
    expect(rows.next().value).toEqual({ a: 1 });
    const other = database.prepare('SELECT a FROM t ORDER BY a') as SQLite.Statement;
    expect(other).not.toBe(streaming);
    expect(other.all()).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect([...rows]).toEqual([{ a: 2 }, { a: 3 }]);
  });

  it('keeps the most recently used texts up to its size', () => {
    const database = cachingStatements(open(), 2);
    const one = database.prepare('SELECT 1');
    const two = database.prepare('SELECT 2');
    expect(database.prepare('SELECT 1')).toBe(one);
    database.prepare('SELECT 3'); // drops SELECT 2, the least recently used
    expect(database.cached).toBe(2);
    expect(database.prepare('SELECT 1')).toBe(one);
    expect(database.prepare('SELECT 2')).not.toBe(two);
  });

  it('serves Kysely: parameters, writes and a column added after the statement was kept', async () => {
    const db = new Kysely<{ t: { a: number; b?: number } }>({
      dialect: new SqliteDialect({ database: cachingStatements(open()) }),
    });
    const read = (min: number) => db.selectFrom('t').selectAll().where('a', '>=', min).orderBy('a').execute();
    expect(await read(2)).toEqual([{ a: 2 }, { a: 3 }]);
    await db.insertInto('t').values({ a: 4 }).execute();
    await db.insertInto('t').values({ a: 5 }).execute();
    expect(await read(4)).toEqual([{ a: 4 }, { a: 5 }]);
    await sql`ALTER TABLE t ADD COLUMN b INTEGER DEFAULT 7`.execute(db);
    expect(await read(5)).toEqual([{ a: 5, b: 7 }]);
    await db.destroy();
    expect(sqlite.open).toBe(false);
  });
});
