import type { Insertable, Updateable } from 'kysely';
import type { CompetitorObservationsTable, CompetitorsTable, Executor } from '../../db/types.ts';

export function selectCompetitors(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('competitors')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .orderBy('id')
    .limit(500)
    .execute();
}

export function selectCompetitor(executor: Executor, workspaceId: string, competitorId: string) {
  return executor
    .selectFrom('competitors')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', competitorId)
    .executeTakeFirst();
}

export type CompetitorRow = NonNullable<Awaited<ReturnType<typeof selectCompetitor>>>;

export function selectCompetitorByName(executor: Executor, workspaceId: string, name: string) {
  return executor
    .selectFrom('competitors')
    .select(['id'])
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertCompetitor(executor: Executor, row: Insertable<CompetitorsTable>) {
  await executor.insertInto('competitors').values(row).execute();
}

export async function updateCompetitor(
  executor: Executor,
  workspaceId: string,
  competitorId: string,
  changes: Updateable<CompetitorsTable>,
) {
  await executor
    .updateTable('competitors')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', competitorId)
    .execute();
}

export async function deleteCompetitor(executor: Executor, workspaceId: string, competitorId: string) {
  await executor
    .deleteFrom('competitors')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', competitorId)
    .execute();
}

/** Observations with their competitor, goal, task and author, newest first. */
function observations(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('competitor_observations as o')
    .innerJoin('competitors as c', 'c.id', 'o.competitor_id')
    .leftJoin('goals as g', 'g.id', 'o.goal_id')
    .leftJoin('tasks as t', 't.id', 'o.task_id')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .selectAll('o')
    .select([
      'c.name as competitor_name',
      'g.title as goal_title',
      't.title as task_title',
      't.status as task_status',
      'u.name as creator_name',
    ])
    .where('o.workspace_id', '=', workspaceId)
    .orderBy('o.observed_on', 'desc')
    .orderBy('o.id', 'desc');
}

export function selectObservations(
  executor: Executor,
  workspaceId: string,
  filter: { competitorId?: string | undefined; category?: string | undefined; limit: number },
) {
  let query = observations(executor, workspaceId);
  if (filter.competitorId) query = query.where('o.competitor_id', '=', filter.competitorId);
  if (filter.category) query = query.where('o.category', '=', filter.category);
  return query.limit(filter.limit).execute();
}

export function selectObservation(
  executor: Executor,
  workspaceId: string,
  competitorId: string,
  observationId: string,
) {
  return observations(executor, workspaceId)
    .where('o.competitor_id', '=', competitorId)
    .where('o.id', '=', observationId)
    .executeTakeFirst();
}

export type ObservationRow = NonNullable<Awaited<ReturnType<typeof selectObservation>>>;

/** Each competitor's observation count per category. */
export function selectCategoryCounts(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('competitor_observations')
    .select(({ fn }) => ['competitor_id', 'category', fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .groupBy(['competitor_id', 'category'])
    .execute();
}

/** The latest `perCompetitor` observations of each competitor (optionally of one category). */
export function selectLatestObservations(
  executor: Executor,
  workspaceId: string,
  perCompetitor: number,
  category?: string,
) {
  let ranked = executor
    .selectFrom('competitor_observations')
    .select(({ fn }) => [
      'id',
      fn
        .agg<number>('row_number')
        .over((over) =>
          over.partitionBy('competitor_id').orderBy('observed_on', 'desc').orderBy('id', 'desc'),
        )
        .as('rank'),
    ])
    .where('workspace_id', '=', workspaceId);
  if (category) ranked = ranked.where('category', '=', category);
  return observations(executor, workspaceId)
    .where('o.id', 'in', (eb) =>
      eb.selectFrom(ranked.as('ranked')).select('ranked.id').where('ranked.rank', '<=', perCompetitor),
    )
    .execute();
}

export async function insertObservation(executor: Executor, row: Insertable<CompetitorObservationsTable>) {
  await executor.insertInto('competitor_observations').values(row).execute();
}

export async function updateObservation(
  executor: Executor,
  workspaceId: string,
  observationId: string,
  changes: Updateable<CompetitorObservationsTable>,
) {
  await executor
    .updateTable('competitor_observations')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', observationId)
    .execute();
}

export async function deleteObservation(executor: Executor, workspaceId: string, observationId: string) {
  await executor
    .deleteFrom('competitor_observations')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', observationId)
    .execute();
}

/** Whether a goal is in the workspace (a link to another workspace's goal is refused). */
export async function goalInWorkspace(executor: Executor, workspaceId: string, goalId: string) {
  const row = await executor
    .selectFrom('goals')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', goalId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function taskInWorkspace(executor: Executor, workspaceId: string, taskId: string) {
  const row = await executor
    .selectFrom('tasks')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The workspace's goal of this title, for linking the demo's observations. */
export function selectGoalByTitle(executor: Executor, workspaceId: string, title: string) {
  return executor
    .selectFrom('goals')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('title', '=', title)
    .executeTakeFirst();
}
