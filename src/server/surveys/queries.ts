import type { Insertable, Updateable } from 'kysely';
import type {
  Executor,
  SurveyLinksTable,
  SurveyResponsesTable,
  SurveysTable,
  SurveyWavesTable,
} from '../../db/types.ts';

export function selectSurveys(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('surveys')
    .leftJoin('users', 'users.id', 'surveys.created_by')
    .selectAll('surveys')
    .select('users.name as creator_name')
    .where('surveys.workspace_id', '=', workspaceId)
    .orderBy('surveys.created_at', 'desc')
    .orderBy('surveys.id', 'desc')
    .execute();
}

export function selectSurvey(executor: Executor, workspaceId: string, surveyId: string) {
  return executor
    .selectFrom('surveys')
    .leftJoin('users', 'users.id', 'surveys.created_by')
    .selectAll('surveys')
    .select('users.name as creator_name')
    .where('surveys.workspace_id', '=', workspaceId)
    .where('surveys.id', '=', surveyId)
    .executeTakeFirst();
}

export type SurveyRow = NonNullable<Awaited<ReturnType<typeof selectSurvey>>>;

/** A survey by id alone, for its public link: the id is the only thing the respondent has. */
export function selectPublicSurvey(executor: Executor, surveyId: string) {
  return executor
    .selectFrom('surveys')
    .innerJoin('workspaces', 'workspaces.id', 'surveys.workspace_id')
    .selectAll('surveys')
    .select('workspaces.name as workspace_name')
    .where('surveys.id', '=', surveyId)
    .executeTakeFirst();
}

export async function insertSurvey(executor: Executor, row: Insertable<SurveysTable>) {
  await executor.insertInto('surveys').values(row).execute();
}

export async function updateSurvey(executor: Executor, surveyId: string, changes: Updateable<SurveysTable>) {
  await executor.updateTable('surveys').set(changes).where('id', '=', surveyId).execute();
}

export async function deleteSurvey(executor: Executor, workspaceId: string, surveyId: string) {
  await executor
    .deleteFrom('surveys')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', surveyId)
    .execute();
}

/** Each wave with its response count and NPS tallies, oldest first. */
export function selectWaves(executor: Executor, workspaceId: string, surveyIds: readonly string[]) {
  if (surveyIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('survey_waves')
    .leftJoin('survey_responses', 'survey_responses.wave_id', 'survey_waves.id')
    .select(({ fn, eb }) => [
      'survey_waves.id',
      'survey_waves.survey_id',
      'survey_waves.number',
      'survey_waves.label',
      'survey_waves.opened_at',
      'survey_waves.closed_at',
      fn.count<number>('survey_responses.id').as('responses'),
      fn.count<number>('survey_responses.nps').as('nps_count'),
      fn.sum<number>(eb.case().when('survey_responses.nps', '>=', 9).then(1).else(0).end()).as('promoters'),
      fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('survey_responses.nps', '>=', 7), eb('survey_responses.nps', '<=', 8)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('passives'),
      fn.sum<number>(eb.case().when('survey_responses.nps', '<=', 6).then(1).else(0).end()).as('detractors'),
    ])
    .where('survey_waves.workspace_id', '=', workspaceId)
    .where('survey_waves.survey_id', 'in', surveyIds)
    .groupBy([
      'survey_waves.id',
      'survey_waves.survey_id',
      'survey_waves.number',
      'survey_waves.label',
      'survey_waves.opened_at',
      'survey_waves.closed_at',
    ])
    .orderBy('survey_waves.number')
    .execute();
}

export type WaveRow = Awaited<ReturnType<typeof selectWaves>>[number];

export async function insertWave(executor: Executor, row: Insertable<SurveyWavesTable>) {
  await executor.insertInto('survey_waves').values(row).execute();
}

export async function closeOpenWaves(executor: Executor, surveyId: string, now: number) {
  await executor
    .updateTable('survey_waves')
    .set({ closed_at: now })
    .where('survey_id', '=', surveyId)
    .where('closed_at', 'is', null)
    .execute();
}

export async function reopenWave(executor: Executor, waveId: string) {
  await executor.updateTable('survey_waves').set({ closed_at: null }).where('id', '=', waveId).execute();
}

export function selectLatestWave(executor: Executor, surveyId: string) {
  return executor
    .selectFrom('survey_waves')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts a response; false when this respondent already answered this wave (the unique key). */
export async function insertResponse(executor: Executor, row: Insertable<SurveyResponsesTable>) {
  const result = await executor
    .insertInto('survey_responses')
    .values(row)
    .onConflict((c) => c.columns(['wave_id', 'respondent_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function selectResponses(
  executor: Executor,
  workspaceId: string,
  surveyId: string,
  waveId: string | null,
  limit: number,
) {
  let query = executor
    .selectFrom('survey_responses')
    .leftJoin('feedback_contacts', 'feedback_contacts.id', 'survey_responses.contact_id')
    .leftJoin('survey_waves', 'survey_waves.id', 'survey_responses.wave_id')
    .select([
      'survey_responses.id',
      'survey_responses.answers',
      'survey_responses.created_at',
      'survey_responses.wave_id',
      'survey_waves.number as wave_number',
      'feedback_contacts.email',
    ])
    .where('survey_responses.workspace_id', '=', workspaceId)
    .where('survey_responses.survey_id', '=', surveyId);
  if (waveId) query = query.where('survey_responses.wave_id', '=', waveId);
  return query.orderBy('survey_responses.created_at').orderBy('survey_responses.id').limit(limit).execute();
}

// ——— Links ———

export function selectLinks(executor: Executor, workspaceId: string, surveyId: string) {
  return executor
    .selectFrom('survey_links')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId)
    .orderBy('id')
    .limit(5000)
    .execute();
}

export function selectLinkByToken(executor: Executor, surveyId: string, token: string) {
  return executor
    .selectFrom('survey_links')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('token', '=', token)
    .executeTakeFirst();
}

export async function insertLinks(executor: Executor, rows: ReadonlyArray<Insertable<SurveyLinksTable>>) {
  for (let at = 0; at < rows.length; at += 500) {
    await executor
      .insertInto('survey_links')
      .values(rows.slice(at, at + 500))
      .execute();
  }
}

/** The respondent keys of links (`link:<id>`) that have answered the survey's latest wave. */
export async function selectLinkKeysAnswered(executor: Executor, surveyId: string): Promise<Set<string>> {
  const wave = await selectLatestWave(executor, surveyId);
  if (!wave) return new Set();
  const rows = await executor
    .selectFrom('survey_responses')
    .select('respondent_key')
    .where('wave_id', '=', wave.id)
    .where('respondent_key', 'like', 'link:%')
    .execute();
  return new Set(rows.flatMap((row) => (row.respondent_key ? [row.respondent_key] : [])));
}
