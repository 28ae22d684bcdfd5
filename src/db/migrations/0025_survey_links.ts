import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Survey links: one-use links (one response per link per wave) and per-contact links (the response is the
// contact's). A survey may take responses only through its links.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('surveys')
    .addColumn('link_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('survey_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text') // a per-contact link: the response is this contact's
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_links_survey').on('survey_links').column('survey_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('survey_links').execute();
  await db.schema.alterTable('surveys').dropColumn('link_only').execute();
}
