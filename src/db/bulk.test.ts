import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../server/testing/database.ts';
import { SQLITE_ROWS_PER_STATEMENT, createBulkWriter, type BulkUpsert } from './bulk.ts';
import type { DatabaseHandle } from './index.ts';

const POINTS: BulkUpsert = {
  table: 'bulk_points',
  columns: [
    ['series', 'text'],
    ['day', 'text'],
    ['value', 'float8'],
  ],
  constants: [
    ['author', 'text'],
    ['written_at', 'int8'],
  ],
  key: ['series', 'day'],
  update: ['value', 'written_at'],
};

let database: DatabaseHandle;

beforeEach(async () => {
  database = await createTestDatabase();
  await sql`CREATE TABLE bulk_points (
    series text NOT NULL, day text NOT NULL, value double precision NOT NULL, author text,
    written_at bigint NOT NULL, PRIMARY KEY (series, day)
  )`.execute(database.db);
});

afterEach(async () => {
  await database.destroy();
});

type Point = { series: string; day: string; value: number; author: string | null; written_at: number };

async function stored(): Promise<Point[]> {
  const { rows } = await sql<Point>`SELECT series, day, value, author, written_at FROM bulk_points
    ORDER BY series, day`.execute(database.db);
  return rows.map((row) => ({ ...row, value: Number(row.value), written_at: Number(row.written_at) }));
}

/** Full statements and a remainder: 2½ statements' worth on SQLite. */
const COUNT = SQLITE_ROWS_PER_STATEMENT * 2 + 37;
const rows = Array.from({ length: COUNT }, (_, index) => [
  `s${index % 7}`,
  `2026-01-${String(1 + Math.floor(index / 7)).padStart(3, '0')}`,
  index / 4,
]);

describe('bulk upsert, on the dialect under test', () => {
  it('writes every row with its constants, then updates on the key and inserts what is new', async () => {
    await database.db.transaction().execute((trx) => database.bulk.upsert(trx, POINTS, rows, ['ann', 1000]));
    const first = await stored();
    expect(first).toHaveLength(COUNT);
    expect(first.every((row) => row.author === 'ann' && row.written_at === 1000)).toBe(true);
    expect(first.find((row) => row.series === 's3' && row.day === '2026-01-001')?.value).toBe(0.75);

    // Every other row again with a new value, plus one new row; the author is not in the update list.
    const again = [
      ...rows.filter((_, index) => index % 2 === 0).map(([s, d]) => [s, d, -1]),
      ['new', 'x', 5],
    ];
    await database.db.transaction().execute((trx) => database.bulk.upsert(trx, POINTS, again, [null, 2000]));
    const second = await stored();
    expect(second).toHaveLength(COUNT + 1);
    const changed = second.filter((row) => row.value === -1);
    expect(changed).toHaveLength(again.length - 1);
    expect(changed.every((row) => row.author === 'ann' && row.written_at === 2000)).toBe(true);
    expect(second.find((row) => row.series === 'new')).toEqual({
      series: 'new',
      day: 'x',
      value: 5,
      author: null,
      written_at: 2000,
    });
  });

  it('belongs to its transaction: a failure after it rolls its rows back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await database.bulk.upsert(trx, POINTS, rows, ['ann', 1000]);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await stored()).toEqual([]);
  });

  it('refuses to write outside a transaction (it would bypass the connection lock)', async () => {
    await expect(database.bulk.upsert(database.db, POINTS, rows, ['ann', 1000])).rejects.toThrow(
      'inside a transaction',
    );
  });

  it('writes the same through Kysely when the raw SQLite handle is not at hand', async () => {
    const writer = createBulkWriter(database.dialect);
    await database.db.transaction().execute((trx) => writer.upsert(trx, POINTS, rows, ['bo', 7]));
    const written = await stored();
    expect(written).toHaveLength(COUNT);
    expect(written.every((row) => row.author === 'bo' && row.written_at === 7)).toBe(true);
  });
});
