import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Reads that sorted a whole workspace to show a page, as indexes in the order they show:
// - the task list's two orders, so a page of 50 (or the board's 200) reads its rows in order and stops (872 ms
//   and 951 ms at 100,000 tasks). Tasks without a due day sort last: the expression is the one the list orders
//   by (`NO_DUE` in tasks/queries.ts), spelled the same way so SQLite and PostgreSQL both match it. Neither
//   leads with the status: a filter on several statuses (the list's default, the board) would lose the order;
// - the dashboard's goals: active ones counted per health, the off-track then at-risk ones by due day.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX tasks_due_order ON tasks (workspace_id, (coalesce(due_date, '9999-12-31')), id)`.execute(
    db,
  );
  await sql`CREATE INDEX tasks_priority_order ON tasks (workspace_id, priority DESC, id)`.execute(db);
  // The dashboard: active goals counted per health, and the off-track then at-risk ones by due day (it read and
  // sorted every goal of the workspace for 20).
  await db.schema
    .createIndex('goals_attention')
    .on('goals')
    .columns(['workspace_id', 'status', 'health', 'due_date', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('goals_attention').execute();
  await db.schema.dropIndex('tasks_priority_order').execute();
  await db.schema.dropIndex('tasks_due_order').execute();
}
