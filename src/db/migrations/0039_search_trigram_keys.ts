import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// PostgreSQL's global search (src/server/search/queries.ts) matches each searched column by itself, so each one
// needs its trigram index: a KPI's key and a case's external id had none (migration 0021 indexed the others).
// SQLite's FTS5 table already holds them.
const INDEXES = [
  ['kpis', 'key'],
  ['process_runs', 'external_id'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, column] of INDEXES)
    await sql
      .raw(`CREATE INDEX ${table}_${column}_trgm ON ${table} USING gin (${column} gin_trgm_ops)`)
      .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, column] of INDEXES) await sql.raw(`DROP INDEX ${table}_${column}_trgm`).execute(db);
}
