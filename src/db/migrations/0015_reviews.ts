import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Review cycles (绩效评估). A cycle keeps a copy of its template (sections, questions, weights) so editing the
// template later never changes answers already given. One participant row per reviewee and cycle carries the
// period (copied from the cycle, so overlapping cycles for a person are one indexed query), the scorecard computed
// from data, the final rating, sign-off and acknowledgement. One review row per (participant, reviewer, kind).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('builtin_key', 'text') // kpi_ops | okr: made from a ready template
    .addColumn('definition', 'text', (c) => c.notNull()) // JSON ReviewTemplateDefinition (core/reviews)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_templates_workspace')
    .on('review_templates')
    .column('workspace_id')
    .execute();

  await db.schema
    .createTable('review_cycles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // monthly | quarterly | half_year | custom
    .addColumn('period_start', 'text', (c) => c.notNull()) // YYYY-MM-DD, inclusive
    .addColumn('period_end', 'text', (c) => c.notNull()) // YYYY-MM-DD, inclusive
    .addColumn('template_id', 'text', (c) => c.references('review_templates.id').onDelete('set null'))
    .addColumn('definition', 'text', (c) => c.notNull()) // JSON copy of the template at creation
    .addColumn('stages', 'text', (c) => c.notNull()) // JSON [{ stage, dueDate }]
    .addColumn('stage', 'text', (c) => c.notNull()) // self | peer | manager | calibration | sign_off | closed
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_cycles_workspace')
    .on('review_cycles')
    .columns(['workspace_id', 'period_start'])
    .execute();

  await db.schema
    .createTable('review_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('reviewee_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('manager_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('scorecard', 'text') // JSON Scorecard, computed from data for the period
    .addColumn('scorecard_at', 'bigint')
    .addColumn('final_rating', 'double precision')
    .addColumn('final_comment', 'text')
    .addColumn('signed_off_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('signed_off_at', 'bigint')
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledgement', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('review_participants_cycle_reviewee', ['cycle_id', 'reviewee_id'])
    .execute();
  await db.schema
    .createIndex('review_participants_reviewee')
    .on('review_participants')
    .columns(['workspace_id', 'reviewee_id', 'period_start'])
    .execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) =>
      c.notNull().references('review_participants.id').onDelete('cascade'),
    )
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // self | peer | manager
    .addColumn('status', 'text', (c) => c.notNull()) // pending | draft | submitted
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}')) // JSON questionId → answer
    .addColumn('overrides', 'text', (c) => c.notNull().defaultTo('{}')) // JSON metric → { score, reason }
    .addColumn('score', 'double precision') // weighted rating of the submitted answers
    .addColumn('submitted_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('reviews_participant_reviewer_kind', ['participant_id', 'reviewer_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('reviews_reviewer')
    .on('reviews')
    .columns(['workspace_id', 'reviewer_id'])
    .execute();
  await db.schema.createIndex('reviews_cycle').on('reviews').column('cycle_id').execute();
}
