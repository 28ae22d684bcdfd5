import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('processes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('template_key', 'text')
    .addColumn('current_version_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('processes_workspace').on('processes').column('workspace_id').execute();

  await db.schema
    .createTable('process_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('process_id', 'text', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull()) // JSON ProcessStep[] as src/core/processes/graph.ts defines it
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('process_versions_number', ['process_id', 'number'])
    .execute();

  await db.schema
    .createTable('process_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('process_id', 'text', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('process_versions.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // active | on_hold | completed | cancelled
    .addColumn('current_step_key', 'text')
    .addColumn('hold_reason', 'text')
    .addColumn('started_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('process_runs_process')
    .on('process_runs')
    .columns(['process_id', 'status', 'id'])
    .execute();

  await db.schema
    .createTable('process_run_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references('process_runs.id').onDelete('cascade'))
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('completed_at', 'bigint')
    .addColumn('due_at', 'bigint')
    .addColumn('breached_at', 'bigint')
    .addColumn('outcome_key', 'text')
    .addColumn('checked_items', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('field_values', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('process_run_steps_run')
    .on('process_run_steps')
    .columns(['run_id', 'entered_at'])
    .execute();
  await db.schema
    .createIndex('process_run_steps_queue')
    .on('process_run_steps')
    .columns(['workspace_id', 'assignee_id', 'completed_at'])
    .execute();
  await db.schema
    .createIndex('process_run_steps_due')
    .on('process_run_steps')
    .columns(['completed_at', 'due_at'])
    .execute();

  await db.schema
    .createTable('process_run_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references('process_runs.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('step_key', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('data', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('process_run_events_run')
    .on('process_run_events')
    .columns(['run_id', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
