import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recurrences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('rule', 'text', (c) => c.notNull()) // RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull()) // JSON: title, description, estimate, roles, parent, goal
    .addColumn('next_occurrence', 'text')
    .addColumn('skipped', 'text', (c) => c.notNull().defaultTo('[]')) // JSON list of days skipped
    .addColumn('ended_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recurrences_due')
    .on('recurrences')
    .columns(['ended_at', 'next_occurrence'])
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('goal_id', 'text', (c) => c.references('goals.id').onDelete('set null'))
    .addColumn('parent_id', 'text', (c) => c.references('tasks.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('is_milestone', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull()) // 1 low · 2 medium · 3 high · 4 urgent
    .addColumn('estimate_hours', 'double precision')
    .addColumn('start_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('buffer_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checklist', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required_skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recurrence_id', 'text', (c) => c.references('recurrences.id').onDelete('set null'))
    .addColumn('occurrence', 'text') // the day of the routine this task is, when it comes from one
    .addColumn('completed_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tasks_tree')
    .on('tasks')
    .columns(['workspace_id', 'parent_id', 'position'])
    .execute();
  await db.schema.createIndex('tasks_goal').on('tasks').columns(['workspace_id', 'goal_id']).execute();
  await db.schema
    .createIndex('tasks_status_due')
    .on('tasks')
    .columns(['workspace_id', 'status', 'due_date'])
    .execute();
  await db.schema
    .createIndex('tasks_occurrence')
    .on('tasks')
    .columns(['recurrence_id', 'occurrence'])
    .unique()
    .execute();

  await db.schema
    .createTable('task_dependencies')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('from_task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('to_task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('lag_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('task_dependencies_pk', ['from_task_id', 'to_task_id'])
    .execute();
  await db.schema
    .createIndex('task_dependencies_workspace')
    .on('task_dependencies')
    .column('workspace_id')
    .execute();
  await db.schema.createIndex('task_dependencies_to').on('task_dependencies').column('to_task_id').execute();

  await db.schema
    .createTable('task_roles')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull()) // R | A | C | I
    .addPrimaryKeyConstraint('task_roles_pk', ['task_id', 'user_id', 'role'])
    .execute();
  await db.schema
    .createIndex('task_roles_person')
    .on('task_roles')
    .columns(['workspace_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('member_skills')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_skills_pk', ['workspace_id', 'user_id', 'skill'])
    .execute();

  await db.schema
    .createTable('member_unavailable_days')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_unavailable_days_pk', ['workspace_id', 'user_id', 'day'])
    .execute();

  await db.schema
    .createTable('workspace_calendar_days')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // holiday | workday (a weekend made a working day)
    .addColumn('name', 'text')
    .addPrimaryKeyConstraint('workspace_calendar_days_pk', ['workspace_id', 'day'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('calendar_feeds_person')
    .on('calendar_feeds')
    .columns(['workspace_id', 'user_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull()) // JSON of the list's filters, sort and grouping
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
