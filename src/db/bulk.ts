import { setImmediate as nextTurn } from 'node:timers/promises';
import type SQLite from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import type { Dialect, Executor } from './types.ts';
import { SQLITE_SLICE_MS } from './yield.ts';

/** A column of a bulk upsert, with the PostgreSQL type its values are sent as. */
export type BulkColumn = readonly [name: string, postgresType: 'text' | 'float8' | 'int8'];

/**
 * What a bulk upsert writes: `columns` come from each row, `constants` are the same for every row of one
 * call (the workspace, the author, the time); on a conflict on `key` the `update` columns take the new values.
 */
export type BulkUpsert = {
  table: string;
  columns: readonly BulkColumn[];
  constants: readonly BulkColumn[];
  key: readonly string[];
  update: readonly string[];
};

/**
 * Multi-row writes without a query builder in the loop: one interface, a plan per dialect.
 *
 * - SQLite: multi-row `INSERT … VALUES (…), (…) ON CONFLICT …` statements prepared once on the raw
 *   better-sqlite3 handle and kept for the life of the connection, run inside the caller's transaction (Kysely
 *   holds the one connection for it, so nothing else runs in between). The event loop gets a turn every
 *   SQLITE_SLICE_MS, as the YieldingPlugin gives it between Kysely's statements.
 * - PostgreSQL: `INSERT … SELECT … FROM unnest($1::text[], …) ON CONFLICT …`, thousands of rows per
 *   statement with one parameter per column, on the transaction's connection.
 *
 * Both must be given the open transaction: a write outside one would bypass Kysely's connection lock.
 */
export type BulkWriter = {
  upsert(
    trx: Executor,
    spec: BulkUpsert,
    rows: ReadonlyArray<readonly unknown[]>,
    constants: readonly unknown[],
  ): Promise<void>;
};

/** Rows per prepared SQLite statement (× 8 columns is well under SQLite's 32,766 parameters). */
export const SQLITE_ROWS_PER_STATEMENT = 200;
/** Rows per PostgreSQL statement: each column travels as one array parameter. */
export const POSTGRES_ROWS_PER_STATEMENT = 10_000;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function conflictClause(spec: BulkUpsert): string {
  const updates = spec.update.map((column) => `${quote(column)} = excluded.${quote(column)}`).join(', ');
  return ` ON CONFLICT (${spec.key.map(quote).join(', ')}) DO UPDATE SET ${updates}`;
}

function allColumns(spec: BulkUpsert): string {
  return [...spec.columns, ...spec.constants].map(([name]) => quote(name)).join(', ');
}

/**
 * `INSERT … VALUES` of `count` rows: each row's columns as positional parameters, then the constants, as
 * named parameters bound once per statement (`@workspace_id`) or, through Kysely, positional like the rest.
 */
export function sqliteUpsertSql(spec: BulkUpsert, count: number, constants: 'named' | 'positional'): string {
  const placeholders = [
    ...spec.columns.map(() => '?'),
    ...spec.constants.map(([name]) => (constants === 'named' ? `@${name}` : '?')),
  ];
  const row = `(${placeholders.join(', ')})`;
  return `INSERT INTO ${quote(spec.table)} (${allColumns(spec)}) VALUES ${new Array(count).fill(row).join(', ')}${conflictClause(spec)}`;
}

/** `INSERT … SELECT … FROM unnest(…)`: one array parameter per row column, then one per constant. */
export function postgresUpsertSql(spec: BulkUpsert): string {
  const arrays = spec.columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  const names = spec.columns.map(([name]) => quote(name)).join(', ');
  const constants = spec.constants.map(([, type], index) => `$${spec.columns.length + index + 1}::${type}`);
  const select = [...spec.columns.map(([name]) => `u.${quote(name)}`), ...constants].join(', ');
  return `INSERT INTO ${quote(spec.table)} (${allColumns(spec)}) SELECT ${select} FROM unnest(${arrays}) AS u(${names})${conflictClause(spec)}`;
}

function requireTransaction(trx: Executor): void {
  if (!trx.isTransaction) throw new Error('bulk writes run inside a transaction');
}

function sqliteBulkWriter(sqlite: SQLite.Database): BulkWriter {
  // Per upsert: the full-size statement and the one-row statement, prepared on first use.
  const statements = new WeakMap<BulkUpsert, Map<number, SQLite.Statement>>();
  const prepared = (spec: BulkUpsert, count: number) => {
    let bySize = statements.get(spec);
    if (!bySize) statements.set(spec, (bySize = new Map()));
    let statement = bySize.get(count);
    if (!statement) {
      statement = sqlite.prepare(sqliteUpsertSql(spec, count, 'named'));
      bySize.set(count, statement);
    }
    return statement;
  };
  return {
    async upsert(trx, spec, rows, constants) {
      requireTransaction(trx);
      if (rows.length === 0) return;
      const named = Object.fromEntries(spec.constants.map(([name], index) => [name, constants[index]]));
      const width = spec.columns.length;
      let turn = performance.now();
      for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_STATEMENT) {
        // Full statements, then the rest one row at a time: two prepared statements per upsert in all.
        const count = rows.length - start >= SQLITE_ROWS_PER_STATEMENT ? SQLITE_ROWS_PER_STATEMENT : 1;
        if (count === 1) {
          for (let index = start; index < rows.length; index += 1)
            prepared(spec, 1).run(named, rows[index] as readonly unknown[]);
          break;
        }
        const values = new Array<unknown>(count * width);
        let at = 0;
        for (let index = start; index < start + count; index += 1)
          for (const value of rows[index] as readonly unknown[]) values[at++] = value;
        prepared(spec, count).run(named, values);
        if (performance.now() - turn >= SQLITE_SLICE_MS) {
          await nextTurn();
          turn = performance.now();
        }
      }
    },
  };
}

function postgresBulkWriter(): BulkWriter {
  return {
    async upsert(trx, spec, rows, constants) {
      requireTransaction(trx);
      const sql = postgresUpsertSql(spec);
      for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + POSTGRES_ROWS_PER_STATEMENT);
        const arrays = spec.columns.map((_, column) => chunk.map((row) => row[column]));
        await trx.executeQuery(CompiledQuery.raw(sql, [...arrays, ...constants]));
      }
    },
  };
}

/**
 * The dialect's bulk writer. SQLite without its raw handle (a Kysely instance made elsewhere, as the bench's
 * query recorder does) runs the same statements through Kysely, prepared per statement.
 */
export function createBulkWriter(dialect: Dialect, sqlite?: SQLite.Database): BulkWriter {
  if (dialect === 'postgres') return postgresBulkWriter();
  if (sqlite) return sqliteBulkWriter(sqlite);
  return {
    async upsert(trx, spec, rows, constants) {
      requireTransaction(trx);
      for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + SQLITE_ROWS_PER_STATEMENT);
        const values = chunk.flatMap((row) => [...row, ...constants]);
        await trx.executeQuery(CompiledQuery.raw(sqliteUpsertSql(spec, chunk.length, 'positional'), values));
      }
    },
  };
}
