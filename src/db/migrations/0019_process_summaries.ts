import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Finished cases folded into process_summaries (1) or not yet (0): analytics read the rest raw. Existing
  // cases start at 0 and are folded by the first analytics request, so nothing is computed here.
  await db.schema
    .alterTable('process_runs')
    .addColumn('summarised', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('process_runs_summary')
    .on('process_runs')
    .columns(['process_id', 'summarised', 'started_at'])
    .execute();
  // One mergeable part of the analytics (src/core/processes/summary.ts) per version and UTC day of the cases'
  // start, over the finished cases of that day folded so far.
  await db.schema
    .createTable('process_summaries')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('process_id', 'text', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('process_versions.id').onDelete('cascade'))
    .addColumn('day', 'integer', (c) => c.notNull()) // days since 1970-01-01 UTC
    .addColumn('runs', 'integer', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('process_summaries_pk', ['process_id', 'version_id', 'day'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('process_summaries').execute();
  await db.schema.dropIndex('process_runs_summary').execute();
  await db.schema.alterTable('process_runs').dropColumn('summarised').execute();
}
