import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Skill levels assessed in reviews: when a person's review is signed off, each rating question of the cycle's
// template tagged with a skill gives one row (the rating mapped onto levels 1–5). The skills matrix compares the
// latest one per person and skill with their role's target, and shows the gap only to who may read the review.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_skill_assessments')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) =>
      c.notNull().references('review_participants.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull()) // 1–5
    .addColumn('rating', 'double precision', (c) => c.notNull()) // on the template's scale (mean when several questions)
    .addColumn('scale', 'integer', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull()) // YYYY-MM-DD of the sign-off, workspace time zone
    .addColumn('assessed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_skill_assessments_pk', ['participant_id', 'skill'])
    .execute();
  await db.schema
    .createIndex('review_skill_assessments_person')
    .on('review_skill_assessments')
    .columns(['workspace_id', 'user_id', 'skill'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_skill_assessments').execute();
}
