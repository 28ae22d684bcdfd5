import { sql } from 'kysely';
import type { Dialect } from './index.ts';
import type { Executor } from './types.ts';

/** What a workspace lock serialises: writes of one kind wait for each other, other kinds go on. */
export type WorkspaceLockScope =
  | 'tasks'
  | 'calendar'
  | 'calendar-feeds'
  | 'people'
  | 'meetings'
  | 'feedback'
  | 'reviews'
  | 'training'
  | 'competitors';

/**
 * Holds a lock on one kind of write in one workspace until the surrounding transaction ends, so a write
 * that reads before it writes (a cycle check, the next sibling position) or replaces a list by
 * delete-then-insert (the calendar, a task's RACI, a person's skills) sees what the one before it
 * committed. Call it first in the transaction, before those reads.
 *
 * PostgreSQL: a transaction-scoped advisory lock keyed by (scope, workspace). SQLite needs nothing: the
 * app's single connection runs one transaction at a time, and another process's writer makes this
 * transaction fail with SQLITE_BUSY rather than interleave.
 */
export async function lockWorkspace(
  trx: Executor,
  dialect: Dialect,
  scope: WorkspaceLockScope,
  workspaceId: string,
): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${scope}), hashtext(${workspaceId}))`.execute(trx);
}
