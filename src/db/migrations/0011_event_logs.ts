import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Cases brought in from another system's event log: marked, and keyed by that system's case id so the same
  // log is not imported twice.
  await db.schema
    .alterTable('process_runs')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('native')) // native | imported
    .execute();
  await db.schema.alterTable('process_runs').addColumn('external_id', 'text').execute();
  await db.schema
    .createIndex('process_runs_external')
    .on('process_runs')
    .columns(['process_id', 'external_id'])
    .execute();
  // An assignee named in a log who is not a member is kept as written.
  await db.schema.alterTable('process_run_steps').addColumn('assignee_name', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('process_run_steps').dropColumn('assignee_name').execute();
  await db.schema.dropIndex('process_runs_external').execute();
  await db.schema.alterTable('process_runs').dropColumn('external_id').execute();
  await db.schema.alterTable('process_runs').dropColumn('source').execute();
}
