import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A survey (市场调研问卷): its questions as JSON (core/surveys validates them), answered in waves.
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('questions', 'text', (c) => c.notNull()) // JSON SurveyQuestion[]
    .addColumn('status', 'text', (c) => c.notNull()) // draft | open | closed
    .addColumn('closes_at', 'bigint') // responses refused from then on
    .addColumn('one_per_contact', 'integer', (c) => c.notNull().defaultTo(0)) // e-mail required, once per wave
    .addColumn('feed_feedback', 'integer', (c) => c.notNull().defaultTo(0)) // text answers become feedback items
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_workspace').on('surveys').column('workspace_id').execute();

  // A wave: one round of the same questionnaire (Q1, Q2 …); the NPS trend runs across waves.
  await db.schema
    .createTable('survey_waves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addUniqueConstraint('survey_waves_number', ['survey_id', 'number'])
    .execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('wave_id', 'text', (c) => c.notNull().references('survey_waves.id').onDelete('cascade'))
    .addColumn('answers', 'text', (c) => c.notNull()) // JSON question id → answer
    .addColumn('nps', 'integer') // the first NPS answer, kept apart so the score is one query
    .addColumn('contact_id', 'text', (c) => c.references('feedback_contacts.id').onDelete('set null'))
    // Hash of the e-mail for a one-per-contact survey: a second response from it is refused.
    .addColumn('respondent_key', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('survey_responses_respondent', ['wave_id', 'respondent_key'])
    .execute();
  await db.schema
    .createIndex('survey_responses_survey')
    .on('survey_responses')
    .columns(['survey_id', 'wave_id'])
    .execute();

  // Competitors (竞品) with a SWOT and the words that name them in feedback.
  await db.schema
    .createTable('competitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('website', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]: other names in feedback
    .addColumn('swot', 'text', (c) => c.notNull().defaultTo('{}')) // JSON { strengths, weaknesses, … }
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('competitors_name', ['workspace_id', 'name'])
    .execute();

  // What was seen of a competitor: a price change, a feature, a campaign, a channel; what it triggered.
  await db.schema
    .createTable('competitor_observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('competitor_id', 'text', (c) => c.notNull().references('competitors.id').onDelete('cascade'))
    .addColumn('observed_on', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('category', 'text', (c) => c.notNull()) // pricing | feature | campaign | channel | other
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_url', 'text')
    .addColumn('price', 'double precision') // a pricing observation's amount, for the price history
    .addColumn('goal_id', 'text', (c) => c.references('goals.id').onDelete('set null'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('competitor_observations_competitor')
    .on('competitor_observations')
    .columns(['competitor_id', 'observed_on'])
    .execute();
}
