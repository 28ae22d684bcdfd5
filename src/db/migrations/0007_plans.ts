import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // What a plan holds that no other table does: its language, review cadence and the later chapters' sections.
  await db.schema
    .createTable('plan_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('locale', 'text')
    .addColumn('cadence', 'text') // JSON PlanReviewCadence
    .addColumn('sections', 'text') // JSON PlanSections
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // The keys a plan.yaml gave its goals, tasks, processes and routines, so an export reads like the import.
  await db.schema
    .createTable('plan_keys')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // goal | task | process | routine
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_keys_pk', ['workspace_id', 'kind', 'object_id'])
    .addUniqueConstraint('plan_keys_key', ['workspace_id', 'kind', 'key'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_keys').execute();
  await db.schema.dropTable('plan_settings').execute();
}
