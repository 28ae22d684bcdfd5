import { sql, type RawBuilder } from 'kysely';
import { MIN_INDEXED_LENGTH, type SearchCandidate } from '../../core/search/index.ts';
import type { Dialect } from '../../db/index.ts';
import type { Executor } from '../../db/types.ts';

/** How many candidates each query hands to the ranking: enough that the best are among them. */
const CANDIDATES = 200;

type Row = Omit<SearchCandidate, 'kind'> & { kind: string };

/**
 * Goals, KPIs, tasks, processes and cases of the workspace whose title or text holds every term (lower-cased),
 * through the trigram index of migration 0021: FTS5 on SQLite, pg_trgm on PostgreSQL.
 */
export async function selectSearchCandidates(
  executor: Executor,
  dialect: Dialect,
  workspaceId: string,
  terms: readonly string[],
): Promise<Row[]> {
  return dialect === 'postgres'
    ? selectOnPostgres(executor, workspaceId, terms)
    : selectOnSqlite(executor, workspaceId, terms);
}

async function selectOnSqlite(executor: Executor, workspaceId: string, terms: readonly string[]) {
  // Terms of three characters or more go through the index as quoted phrases; every term is also checked by
  // scanning the rows found (shorter ones can only be found that way).
  const phrases = terms.filter((term) => [...term].length >= MIN_INDEXED_LENGTH);
  const match = phrases.map((term) => `"${term.replaceAll('"', '""')}"`).join(' AND ');
  const contains = sql.join(
    terms.map((term) => sql`instr(lower(s.title || char(10) || s.body), ${term}) > 0`),
    sql` AND `,
  );
  const { rows } = await sql<Row>`
    SELECT d.kind, d.object_id AS id, d.ref, s.title, s.body
    FROM search_index s CROSS JOIN search_docs d ON d.rowid = s.rowid
    WHERE d.workspace_id = ${workspaceId} AND ${contains}
      ${match === '' ? sql`` : sql`AND search_index MATCH ${match}`}
    ${match === '' ? sql`` : sql`ORDER BY s.rank`}
    LIMIT ${CANDIDATES}`.execute(executor);
  return rows;
}

/**
 * Each source's `searched` columns are matched one by one (`col ILIKE p OR …`), each through its own trigram index
 * (migrations 0021, 0039): an expression such as `coalesce(description, '')` would match no index and scan the
 * workspace (61 ms against 0.15 ms for a rare word over 100,000 tasks). A term holds no whitespace, so it is in
 * `key || ' ' || description` exactly when it is in one of the two.
 */
const SOURCES = [
  {
    kind: 'goal',
    table: 'goals',
    title: 'title',
    body: sql`coalesce(description, '')`,
    searched: ['title', 'description'],
    ref: sql`NULL`,
  },
  {
    kind: 'kpi',
    table: 'kpis',
    title: 'name',
    body: sql`key || ' ' || coalesce(description, '')`,
    searched: ['name', 'key', 'description'],
    ref: sql`key`,
  },
  {
    kind: 'task',
    table: 'tasks',
    title: 'title',
    body: sql`coalesce(description, '')`,
    searched: ['title', 'description'],
    ref: sql`NULL`,
  },
  {
    kind: 'process',
    table: 'processes',
    title: 'name',
    body: sql`coalesce(description, '')`,
    searched: ['name', 'description'],
    ref: sql`NULL`,
  },
  {
    kind: 'case',
    table: 'process_runs',
    title: 'subject',
    body: sql`coalesce(external_id, '')`,
    searched: ['subject', 'external_id'],
    ref: sql`process_id`,
  },
] as const;

async function selectOnPostgres(executor: Executor, workspaceId: string, terms: readonly string[]) {
  const patterns = terms.map((term) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const results = await Promise.all(
    SOURCES.map(async ({ kind, table, title, body, searched, ref }) => {
      const each = sql.join(
        patterns.map(
          (pattern) =>
            sql`(${sql.join(
              searched.map((column) => sql`${sql.ref(column)} ILIKE ${pattern}`),
              sql` OR `,
            )})`,
        ),
        sql` AND `,
      );
      const { rows } = await sql<Row>`
        SELECT ${kind} AS kind, id, ${sql.ref(title)} AS title, ${body} AS body, ${ref} AS ref
        FROM ${sql.table(table)}
        WHERE workspace_id = ${workspaceId} AND ${each}
        LIMIT ${CANDIDATES}`.execute(executor);
      return rows;
    }),
  );
  return results.flat();
}

/** Above this many index hits a scan of the titles is cheaper than looking each hit up by id (bench/tasks.ts). */
const MAX_DRIVING_HITS = 1000;

/**
 * "The title contains this text, ignoring case" for the task list's filter. On SQLite a term of three characters
 * or more is looked up in the global search's trigram index first: when it names at most a thousand tasks, the
 * page reads those by id (`byIds`: the caller must then keep SQLite from starting at its workspace index, which
 * would walk every task of the workspace); a term matching more than that, or a shorter one, is checked on every
 * title, the cheaper plan then. PostgreSQL's planner picks the title's pg_trgm index itself. bench/tasks.ts
 * measures both against a scan.
 */
export async function taskTitleContains(
  executor: Executor,
  dialect: Dialect,
  workspaceId: string,
  text: string,
): Promise<{ where: RawBuilder<boolean>; byIds: boolean }> {
  const term = text.trim().toLowerCase();
  if (dialect === 'postgres')
    return { where: sql`tasks.title ILIKE ${`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`, byIds: false };
  const contains = sql<boolean>`instr(lower(tasks.title), ${term}) > 0`;
  if ([...term].length < MIN_INDEXED_LENGTH) return { where: contains, byIds: false };
  const { rows } = await sql<{ object_id: string }>`
    SELECT d.object_id FROM search_index s CROSS JOIN search_docs d ON d.rowid = s.rowid
    WHERE search_index MATCH ${`{title} : "${term.replaceAll('"', '""')}"`}
      AND d.kind = 'task' AND d.workspace_id = ${workspaceId}
    LIMIT ${MAX_DRIVING_HITS + 1}`.execute(executor);
  if (rows.length > MAX_DRIVING_HITS) return { where: contains, byIds: false };
  if (rows.length === 0) return { where: sql`0 = 1`, byIds: false };
  return {
    where: sql`tasks.id IN (${sql.join(rows.map((row) => row.object_id))}) AND ${contains}`,
    byIds: true,
  };
}
