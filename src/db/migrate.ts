import { Migrator, type Kysely, type Migration } from 'kysely';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_goals_kpis.ts';
import * as m0003 from './migrations/0003_tasks.ts';
import * as m0004 from './migrations/0004_processes.ts';
import * as m0006 from './migrations/0006_hardening_races.ts';
import * as m0007 from './migrations/0007_plans.ts';
import * as m0008 from './migrations/0008_documents.ts';
import * as m0009 from './migrations/0009_communication.ts';
import * as m0011 from './migrations/0011_event_logs.ts';
import * as m0012 from './migrations/0012_meetings.ts';
import * as m0013 from './migrations/0013_feedback.ts';
import * as m0014 from './migrations/0014_plan_revisions.ts';
import * as m0015 from './migrations/0015_reviews.ts';
import * as m0019 from './migrations/0019_process_summaries.ts';
import * as m0021 from './migrations/0021_search.ts';
import * as m0025 from './migrations/0025_survey_links.ts';
import * as m0018 from './migrations/0018_surveys_competitors.ts';
import * as m0016 from './migrations/0016_retros_training.ts';
import * as m0017 from './migrations/0017_workspace_settings.ts';
import * as m0028 from './migrations/0028_meeting_agenda_lead.ts';
import * as m0029 from './migrations/0029_review_skill_assessments.ts';
import * as m0030 from './migrations/0030_read_orders.ts';
import * as m0032 from './migrations/0032_task_pages.ts';
import * as m0035 from './migrations/0035_task_tree_ids.ts';
import * as m0037 from './migrations/0037_top_level_shape.ts';
import * as m0038 from './migrations/0038_plan_health_progress.ts';
import * as m0039 from './migrations/0039_search_trigram_keys.ts';
import * as m0036 from './migrations/0036_plan_health.ts';

// Listed here, not read from disk, so a bundled or installed copy migrates the same way.
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_goals_kpis': m0002,
  '0003_tasks': m0003,
  '0004_processes': m0004,
  '0006_hardening_races': m0006,
  '0007_plans': m0007,
  '0008_documents': m0008,
  '0009_communication': m0009,
  '0011_event_logs': m0011,
  '0012_meetings': m0012,
  '0013_feedback': m0013,
  '0014_plan_revisions': m0014,
  '0015_reviews': m0015,
  '0019_process_summaries': m0019,
  '0021_search': m0021,
  '0018_surveys_competitors': m0018,
  '0016_retros_training': m0016,
  '0017_workspace_settings': m0017,
  '0028_meeting_agenda_lead': m0028,
  '0025_survey_links': m0025,
  '0029_review_skill_assessments': m0029,
  '0030_read_orders': m0030,
  '0032_task_pages': m0032,
  '0035_task_tree_ids': m0035,
  '0037_top_level_shape': m0037,
  '0038_plan_health_progress': m0038,
  '0039_search_trigram_keys': m0039,
  '0036_plan_health': m0036,
};

/** Brings the schema up to date; throws on the first failed migration. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Numbers are handed out before features land, so one may land after a higher number already ran.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
