import { sql, type Kysely } from 'kysely';
import type { Dialect } from './index.ts';
import type { Database } from './types.ts';

/**
 * Gives the query planner statistics about the data. SQLite keeps none until ANALYZE runs, and without them it
 * guesses: at 100,000 tasks it sorted every matching task for a page of 50 or read the whole workspace for a
 * filter on a rare status. `PRAGMA optimize = 0x10002` analyzes every table that was never analyzed or whose
 * size changed about 25-fold since, and is a few milliseconds' check otherwise; full statistics (no
 * analysis_limit), as the sampled ones misled the planner on a skewed status column. Run at start-up after the
 * migrations, every hour while the server runs and after bulk loads. PostgreSQL's autovacuum analyzes on its own.
 */
export async function refreshPlannerStatistics(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`PRAGMA optimize = 0x10002`.execute(db);
}
