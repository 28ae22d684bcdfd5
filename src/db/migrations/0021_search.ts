import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Global search over goals, KPIs, tasks, processes and cases (people are few: searched in place).
//
// SQLite: one FTS5 table with the trigram tokenizer (substrings of three or more characters, so Chinese without
// word breaks), whose rowid is that of a plain `search_docs` row naming the object — deletes and updates find
// their row through its unique index instead of scanning the FTS table. Triggers keep both, so every write path
// (API, imports, demo, bench generators) indexes what it writes.
// PostgreSQL: trigram GIN indexes (pg_trgm) on the searched columns themselves; ILIKE uses them.

/** kind, table, title column, body expression, ref expression (what the link needs besides the id). */
const SOURCES = [
  ['goal', 'goals', 'title', "coalesce(R.description, '')", 'NULL'],
  ['kpi', 'kpis', 'name', "R.key || ' ' || coalesce(R.description, '')", 'R.key'],
  ['task', 'tasks', 'title', "coalesce(R.description, '')", 'NULL'],
  ['process', 'processes', 'name', "coalesce(R.description, '')", 'NULL'],
  ['case', 'process_runs', 'subject', "coalesce(R.external_id, '')", 'R.process_id'],
] as const;

/** The columns whose change re-indexes a row. */
const WATCHED: Record<(typeof SOURCES)[number][1], string> = {
  goals: 'title, description',
  kpis: 'name, key, description',
  tasks: 'title, description',
  processes: 'name, description',
  process_runs: 'subject, external_id',
};

const TRIGRAM_INDEXES = [
  ['goals', 'title'],
  ['goals', 'description'],
  ['kpis', 'name'],
  ['kpis', 'description'],
  ['tasks', 'title'],
  ['tasks', 'description'],
  ['processes', 'name'],
  ['process_runs', 'subject'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    for (const [table, column] of TRIGRAM_INDEXES) {
      await sql
        .raw(`CREATE INDEX ${table}_${column}_trgm ON ${table} USING gin (${column} gin_trgm_ops)`)
        .execute(db);
    }
    return;
  }

  await sql`
    CREATE TABLE search_docs (
      rowid INTEGER PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      object_id TEXT NOT NULL,
      ref TEXT,
      UNIQUE (kind, object_id)
    )`.execute(db);
  await sql`CREATE INDEX search_docs_workspace ON search_docs (workspace_id)`.execute(db);
  await sql`CREATE VIRTUAL TABLE search_index USING fts5(title, body, tokenize = 'trigram')`.execute(db);

  for (const [kind, table, title, body, ref] of SOURCES) {
    const of = (row: 'NEW' | 'OLD', expression: string) => expression.replaceAll('R.', `${row}.`);
    const docId = (row: 'NEW' | 'OLD') =>
      `(SELECT rowid FROM search_docs WHERE kind = '${kind}' AND object_id = ${row}.id)`;
    const insert = `
      INSERT INTO search_docs (workspace_id, kind, object_id, ref) VALUES (NEW.workspace_id, '${kind}', NEW.id, ${of('NEW', ref)});
      INSERT INTO search_index (rowid, title, body) VALUES (${docId('NEW')}, NEW.${title}, ${of('NEW', body)});`;
    await sql
      .raw(`CREATE TRIGGER ${table}_search_insert AFTER INSERT ON ${table} BEGIN ${insert} END`)
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_search_update AFTER UPDATE OF ${WATCHED[table]} ON ${table} BEGIN
           UPDATE search_docs SET ref = ${of('NEW', ref)} WHERE kind = '${kind}' AND object_id = NEW.id;
           UPDATE search_index SET title = NEW.${title}, body = ${of('NEW', body)} WHERE rowid = ${docId('NEW')};
         END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_search_delete AFTER DELETE ON ${table} BEGIN
           DELETE FROM search_index WHERE rowid = ${docId('OLD')};
           DELETE FROM search_docs WHERE kind = '${kind}' AND object_id = OLD.id;
         END`,
      )
      .execute(db);
    // What exists already.
    await sql
      .raw(
        `INSERT INTO search_docs (workspace_id, kind, object_id, ref)
           SELECT R.workspace_id, '${kind}', R.id, ${ref} FROM ${table} R`,
      )
      .execute(db);
    await sql
      .raw(
        `INSERT INTO search_index (rowid, title, body)
           SELECT d.rowid, R.${title}, ${body} FROM ${table} R
           JOIN search_docs d ON d.kind = '${kind}' AND d.object_id = R.id`,
      )
      .execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const [table, column] of TRIGRAM_INDEXES)
      await sql.raw(`DROP INDEX ${table}_${column}_trgm`).execute(db);
    return;
  }
  for (const [, table] of SOURCES) {
    for (const event of ['insert', 'update', 'delete'])
      await sql.raw(`DROP TRIGGER ${table}_search_${event}`).execute(db);
  }
  await sql`DROP TABLE search_index`.execute(db);
  await sql`DROP TABLE search_docs`.execute(db);
}
