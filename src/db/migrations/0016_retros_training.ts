import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A 复盘 on a goal, a milestone (task), a process version, a campaign or a period. The subject is
  // polymorphic, so it has no foreign key: a deleted subject leaves the 复盘 and its lessons readable.
  await db.schema
    .createTable('retros')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull()) // goal | milestone | process | campaign | period
    .addColumn('subject_id', 'text') // goal, task or process id; null for a campaign or period
    .addColumn('process_version_id', 'text') // the version reviewed (process 复盘)
    .addColumn('new_version_id', 'text') // the version the 复盘 opened
    .addColumn('period_start', 'text') // YYYY-MM-DD
    .addColumn('period_end', 'text')
    .addColumn('kpi_ids', 'text', (c) => c.notNull()) // JSON string[]: the figures of a campaign or period
    .addColumn('goal_review', 'text', (c) => c.notNull()) // 回顾目标: notes beside the figures
    .addColumn('went_well', 'text', (c) => c.notNull()) // JSON string[] (评估结果)
    .addColumn('went_badly', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('causes', 'text', (c) => c.notNull()) // JSON [{ problem, whys[] }] (分析原因)
    .addColumn('proposed_change', 'text')
    .addColumn('figures', 'text') // JSON RetroFigure[] kept when the 复盘 is marked done; live while a draft
    .addColumn('status', 'text', (c) => c.notNull()) // draft | done
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retros_subject')
    .on('retros')
    .columns(['workspace_id', 'subject_type', 'subject_id'])
    .execute();

  // 总结经验: lessons, each with tags kept one a row so the improvement log finds them by tag.
  await db.schema
    .createTable('retro_lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('retro_id', 'text', (c) => c.notNull().references('retros.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('retro_lessons_retro').on('retro_lessons').column('retro_id').execute();
  await db.schema
    .createTable('retro_lesson_tags')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('retro_lessons.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('retro_lesson_tags_pk', ['lesson_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('retro_lesson_tags_tag')
    .on('retro_lesson_tags')
    .columns(['workspace_id', 'tag'])
    .execute();

  // An action is a task (owner R and A, due date) that stays linked; its status is the task's.
  await db.schema
    .createTable('retro_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('retro_id', 'text', (c) => c.notNull().references('retros.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('retro_actions_retro').on('retro_actions').column('retro_id').execute();
  await db.schema.createIndex('retro_actions_task').on('retro_actions').column('task_id').execute();

  // Target skill levels per role title (运营专员, 内容运营 …), against which the matrix shows gaps.
  await db.schema
    .createTable('role_skill_targets')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('role_title', 'text', (c) => c.notNull())
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_skill_targets_pk', ['workspace_id', 'role_title', 'skill'])
    .execute();

  await db.schema
    .createTable('training_courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('skill', 'text')
    .addColumn('target_level', 'integer')
    .addColumn('description', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_courses_workspace')
    .on('training_courses')
    .column('workspace_id')
    .execute();

  await db.schema
    .createTable('training_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_courses.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('trainer_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('trainer_name', 'text') // an outside trainer
    .addColumn('materials_url', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_sessions_course')
    .on('training_sessions')
    .column('course_id')
    .execute();

  await db.schema
    .createTable('training_attendance')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('training_sessions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull()) // invited | attended | absent
    .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assessment_score', 'integer') // 1–5, after the training
    .addColumn('assessment_note', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_attendance_pk', ['session_id', 'user_id'])
    .execute();

  // A personal development goal is an ordinary goal in the goal tree, marked here with its skill.
  await db.schema
    .createTable('development_goals')
    .addColumn('goal_id', 'text', (c) => c.primaryKey().references('goals.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('target_level', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('development_goals_user')
    .on('development_goals')
    .columns(['workspace_id', 'user_id'])
    .execute();
}
