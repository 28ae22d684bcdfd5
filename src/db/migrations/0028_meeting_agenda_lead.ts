import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // How many hours before each meeting of a series the scheduler builds and sends its agenda (was fixed at 24).
  await db.schema
    .alterTable('meeting_series')
    .addColumn('agenda_lead_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meeting_series').dropColumn('agenda_lead_hours').execute();
}
