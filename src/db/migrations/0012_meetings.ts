import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A recurring meeting (the weekly ops sync, 周会): its occurrences come from an RRULE over days.
  await db.schema
    .createTable('meeting_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('start_time', 'text', (c) => c.notNull()) // HH:MM local
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('attendee_ids', 'text', (c) => c.notNull()) // JSON user ids
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meeting_series_workspace')
    .on('meeting_series')
    .column('workspace_id')
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('series_id', 'text', (c) => c.references('meeting_series.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('start_time', 'text', (c) => c.notNull()) // HH:MM local
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('attendee_ids', 'text', (c) => c.notNull()) // JSON user ids
    .addColumn('agenda', 'text', (c) => c.notNull()) // JSON agenda items
    .addColumn('minutes', 'text', (c) => c.notNull()) // Markdown
    .addColumn('decisions', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('status', 'text', (c) => c.notNull()) // planned | held
    .addColumn('agenda_sent_at', 'bigint')
    .addColumn('minutes_sent_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meetings_workspace_date')
    .on('meetings')
    .columns(['workspace_id', 'date'])
    .execute();
  // One meeting per series and day: making the next one twice finds the first.
  await db.schema
    .createIndex('meetings_series_date')
    .on('meetings')
    .columns(['series_id', 'date'])
    .unique()
    .execute();

  // An action item is a task (owner R and A, due date) that stays linked to the meeting it came from.
  await db.schema
    .createTable('meeting_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_actions_meeting').on('meeting_actions').column('meeting_id').execute();
}
