import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// The whole plan's tasks read a page at a time in id order (plan health and the plan document at 100,000 tasks:
// one query for all of them was seconds of synchronous SQLite work, the server answering nothing meanwhile).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tasks_workspace_id').on('tasks').columns(['workspace_id', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_workspace_id').execute();
}
