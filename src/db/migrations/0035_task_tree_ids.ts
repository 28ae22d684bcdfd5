import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// A task's WBS code counts the siblings before it: those at a lower position, and those at the same position
// with a lower id. Without the id in the tree index, SQLite (which keeps no statistics) served the second count
// from the (workspace_id, id) index of 0032 instead: a scan of half the workspace's tasks for every task read.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_tree').execute();
  await db.schema
    .createIndex('tasks_tree')
    .on('tasks')
    .columns(['workspace_id', 'parent_id', 'position', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_tree').execute();
  await db.schema
    .createIndex('tasks_tree')
    .on('tasks')
    .columns(['workspace_id', 'parent_id', 'position'])
    .execute();
}
