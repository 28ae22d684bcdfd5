import { sql, type Insertable, type Updateable } from 'kysely';
import type { Dialect } from '../../db/index.ts';
import type { CheckInsTable, Executor, GoalsTable, KeyResultsTable } from '../../db/types.ts';

const goalColumns = [
  'goals.id',
  'goals.parent_id',
  'goals.title',
  'goals.description',
  'goals.owner_id',
  'users.name as owner_name',
  'goals.start_date',
  'goals.due_date',
  'goals.status',
  'goals.weight',
  'goals.is_top_level',
  'goals.progress',
  'goals.projected_progress',
  'goals.health',
  'goals.health_reason',
  'goals.created_at',
  'goals.updated_at',
] as const;

function goalsWithOwner(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('goals')
    .leftJoin('users', 'users.id', 'goals.owner_id')
    .select(goalColumns)
    .select((eb) =>
      eb
        .selectFrom('key_results')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('key_results.goal_id', '=', 'goals.id')
        .as('key_result_count'),
    )
    .where('goals.workspace_id', '=', workspaceId);
}

export function selectGoals(executor: Executor, workspaceId: string) {
  return goalsWithOwner(executor, workspaceId).orderBy('goals.due_date').orderBy('goals.id').execute();
}

export type GoalNodeFilter = {
  /** `null`: top-level goals (no parent); omitted: any level. */
  parentId?: string | null | undefined;
  /** Title contains, ignoring case (LIKE on SQLite, ILIKE on PostgreSQL). */
  titleContains?: string | undefined;
  /** Only these goals (a picker's chosen values). */
  ids?: readonly string[] | undefined;
  status?: string | undefined;
  health?: string | undefined;
  /** Rows after this (due date, id) in list order. */
  after?: { dueDate: string; id: string } | undefined;
  /** Read one more than the page to know whether there is a next page. */
  limit?: number | undefined;
};

/**
 * Goals as the tree lists them: the compact columns, key-result and sub-goal counts, no description or health
 * reason. Ordered by due date, then id (the keyset a cursor continues from).
 */
export function selectGoalNodes(
  executor: Executor,
  dialect: Dialect,
  workspaceId: string,
  filter: GoalNodeFilter,
) {
  let query = executor
    .selectFrom('goals')
    .leftJoin('users', 'users.id', 'goals.owner_id')
    .select([
      'goals.id',
      'goals.parent_id',
      'goals.title',
      'goals.owner_id',
      'users.name as owner_name',
      'goals.start_date',
      'goals.due_date',
      'goals.status',
      'goals.is_top_level',
      'goals.progress',
      'goals.health',
    ])
    .select((eb) => [
      eb
        .selectFrom('key_results')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('key_results.goal_id', '=', 'goals.id')
        .as('key_result_count'),
      eb
        .selectFrom('goals as child')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .where('child.workspace_id', '=', workspaceId)
        .whereRef('child.parent_id', '=', 'goals.id')
        .as('child_count'),
    ])
    .where('goals.workspace_id', '=', workspaceId);
  if (filter.parentId === null) query = query.where('goals.parent_id', 'is', null);
  else if (filter.parentId !== undefined) query = query.where('goals.parent_id', '=', filter.parentId);
  if (filter.titleContains) {
    const pattern = `%${filter.titleContains.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where(
      sql<boolean>`goals.title ${sql.raw(dialect === 'postgres' ? 'ILIKE' : 'LIKE')} ${pattern} ESCAPE '\\'`,
    );
  }
  if (filter.ids)
    query =
      filter.ids.length > 0 ? query.where('goals.id', 'in', filter.ids) : query.where(sql<boolean>`1 = 0`);
  if (filter.status) query = query.where('goals.status', '=', filter.status);
  if (filter.health) query = query.where('goals.health', '=', filter.health);
  if (filter.after) {
    const { dueDate, id } = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('goals.due_date', '>', dueDate),
        eb.and([eb('goals.due_date', '=', dueDate), eb('goals.id', '>', id)]),
      ]),
    );
  }
  query = query.orderBy('goals.due_date').orderBy('goals.id');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}

export type GoalNodeRow = Awaited<ReturnType<typeof selectGoalNodes>>[number];

export type GoalRow = Awaited<ReturnType<typeof selectGoals>>[number];

export function selectGoal(executor: Executor, workspaceId: string, goalId: string) {
  return goalsWithOwner(executor, workspaceId).where('goals.id', '=', goalId).executeTakeFirst();
}

export function selectChildGoals(executor: Executor, workspaceId: string, parentId: string) {
  return goalsWithOwner(executor, workspaceId)
    .where('goals.parent_id', '=', parentId)
    .orderBy('goals.due_date')
    .execute();
}

/** A goal and its ancestors (id, parent, title), walking up the parent links; UNION stops at a loop. */
export function selectAncestry(executor: Executor, workspaceId: string, goalId: string) {
  return executor
    .withRecursive('chain(id)', (db) =>
      db
        .selectFrom('goals')
        .select('goals.id')
        .where('goals.workspace_id', '=', workspaceId)
        .where('goals.id', '=', goalId)
        .union(
          db
            .selectFrom('goals')
            .innerJoin('chain', 'chain.id', 'goals.id')
            .select('goals.parent_id as id')
            .where('goals.parent_id', 'is not', null)
            .$narrowType<{ id: string }>(),
        ),
    )
    .selectFrom('goals')
    .select(['goals.id', 'goals.parent_id', 'goals.title'])
    .where('goals.workspace_id', '=', workspaceId)
    .where('goals.id', 'in', (eb) => eb.selectFrom('chain').select('chain.id'))
    .execute();
}

/** Active goals per health, counted by the database (from the goals_attention index alone). */
export function countActiveGoalsByHealth(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('goals')
    .select(['health', (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .groupBy('health')
    .execute();
}

/** The active goals most in need of attention: off track before at risk, then by due date; ranked in SQL. */
export async function selectAttentionGoals(executor: Executor, workspaceId: string, limit: number) {
  // Off track first, then at risk, each by due day: one range of the goals_attention index (migration 0030) per
  // health, read in order up to the limit, instead of every active goal of the workspace sorted.
  const ofHealth = (health: 'off_track' | 'at_risk', count: number) =>
    goalsWithOwner(executor, workspaceId)
      .where('goals.status', '=', 'active')
      .where('goals.health', '=', health)
      .orderBy('goals.due_date')
      .orderBy('goals.id')
      .limit(count)
      .execute();
  const offTrack = await ofHealth('off_track', limit);
  return offTrack.length < limit
    ? [...offTrack, ...(await ofHealth('at_risk', limit - offTrack.length))]
    : offTrack;
}

export async function insertGoal(executor: Executor, goal: Insertable<GoalsTable>): Promise<void> {
  await executor.insertInto('goals').values(goal).execute();
}

export async function updateGoal(
  executor: Executor,
  goalId: string,
  changes: Updateable<GoalsTable>,
): Promise<void> {
  await executor.updateTable('goals').set(changes).where('id', '=', goalId).execute();
}

export async function deleteGoal(executor: Executor, goalId: string): Promise<void> {
  await executor.deleteFrom('goals').where('id', '=', goalId).execute();
}

export function selectKeyResults(executor: Executor, goalId: string) {
  return executor
    .selectFrom('key_results')
    .leftJoin('kpis', 'kpis.id', 'key_results.kpi_id')
    .selectAll('key_results')
    .select([
      'kpis.key as kpi_key',
      'kpis.name as kpi_name',
      'kpis.unit as kpi_unit',
      'kpis.direction as kpi_direction',
      'kpis.aggregation as kpi_aggregation',
      'kpis.frequency as kpi_frequency',
    ])
    .where('key_results.goal_id', '=', goalId)
    .orderBy('key_results.position')
    .execute();
}

export type KeyResultRow = Awaited<ReturnType<typeof selectKeyResults>>[number];

export function selectKeyResult(executor: Executor, workspaceId: string, keyResultId: string) {
  return executor
    .selectFrom('key_results')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyResultId)
    .executeTakeFirst();
}

export async function insertKeyResult(
  executor: Executor,
  keyResult: Insertable<KeyResultsTable>,
): Promise<void> {
  await executor.insertInto('key_results').values(keyResult).execute();
}

export async function updateKeyResult(
  executor: Executor,
  keyResultId: string,
  changes: Updateable<KeyResultsTable>,
): Promise<void> {
  await executor.updateTable('key_results').set(changes).where('id', '=', keyResultId).execute();
}

export async function deleteKeyResult(executor: Executor, keyResultId: string): Promise<void> {
  await executor.deleteFrom('key_results').where('id', '=', keyResultId).execute();
}

export async function nextKeyResultPosition(executor: Executor, goalId: string): Promise<number> {
  const row = await executor
    .selectFrom('key_results')
    .select((eb) => eb.fn.max<number | null>('position').as('position'))
    .where('goal_id', '=', goalId)
    .executeTakeFirst();
  return (row?.position ?? -1) + 1;
}

export async function insertCheckIn(
  executor: Executor,
  checkIn: Insertable<CheckInsTable> | Insertable<CheckInsTable>[],
): Promise<void> {
  await executor.insertInto('check_ins').values(checkIn).execute();
}

export function selectCheckIn(executor: Executor, checkInId: string) {
  return executor
    .selectFrom('check_ins')
    .leftJoin('users', 'users.id', 'check_ins.author_id')
    .selectAll('check_ins')
    .select('users.name as author_name')
    .where('check_ins.id', '=', checkInId)
    .executeTakeFirstOrThrow();
}

export function selectCheckIns(executor: Executor, goalId: string, limit: number) {
  return executor
    .selectFrom('check_ins')
    .leftJoin('users', 'users.id', 'check_ins.author_id')
    .selectAll('check_ins')
    .select('users.name as author_name')
    .where('check_ins.goal_id', '=', goalId)
    .orderBy('check_ins.created_at', 'desc')
    .limit(limit)
    .execute();
}

export type CheckInRow = Awaited<ReturnType<typeof selectCheckIns>>[number];

const rollupColumns = [
  'goals.id',
  'goals.parent_id',
  'goals.weight',
  'goals.start_date',
  'goals.due_date',
  'goals.progress',
  'goals.projected_progress',
  'goals.health',
  'goals.health_reason',
] as const;

/** What the rollup reads of every goal of the workspace, in id order (the order children are summed in). */
export function selectRollupGoals(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('goals')
    .select(rollupColumns)
    .where('goals.workspace_id', '=', workspaceId)
    .orderBy('goals.id')
    .execute();
}

export type RollupGoalRow = Awaited<ReturnType<typeof selectRollupGoals>>[number];

/** The goals given and all their ancestors (a recursive walk up the parent links; UNION stops at a loop). */
export function selectGoalsWithAncestors(
  executor: Executor,
  workspaceId: string,
  goalIds: readonly string[],
) {
  if (goalIds.length === 0) return Promise.resolve([]);
  return executor
    .withRecursive('chain(id)', (db) =>
      db
        .selectFrom('goals')
        .select('goals.id')
        .where('goals.workspace_id', '=', workspaceId)
        .where('goals.id', 'in', goalIds)
        .union(
          db
            .selectFrom('goals')
            .innerJoin('chain', 'chain.id', 'goals.id')
            .select('goals.parent_id as id')
            .where('goals.parent_id', 'is not', null)
            .$narrowType<{ id: string }>(),
        ),
    )
    .selectFrom('goals')
    .select(rollupColumns)
    .where('goals.workspace_id', '=', workspaceId)
    .where('goals.id', 'in', (eb) => eb.selectFrom('chain').select('chain.id'))
    .orderBy('goals.id')
    .execute();
}

/** Direct children of these goals, in id order. */
export function selectRollupChildren(executor: Executor, workspaceId: string, parentIds: readonly string[]) {
  if (parentIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('goals')
    .select(rollupColumns)
    .where('goals.workspace_id', '=', workspaceId)
    .where('goals.parent_id', 'in', parentIds)
    .orderBy('goals.id')
    .execute();
}

/** Key results as the rollup reads them, in position order per goal; all of the workspace's without `goalIds`. */
export function selectRollupKeyResults(executor: Executor, workspaceId: string, goalIds?: readonly string[]) {
  if (goalIds?.length === 0) return Promise.resolve([]);
  let query = executor
    .selectFrom('key_results')
    .select(['goal_id', 'weight', 'kpi_id', 'is_done', 'current', 'progress', 'projected_progress'])
    .where('workspace_id', '=', workspaceId);
  if (goalIds) query = query.where('goal_id', 'in', goalIds);
  return query.orderBy('goal_id').orderBy('position').orderBy('id').execute();
}

export type RollupKeyResultRow = Awaited<ReturnType<typeof selectRollupKeyResults>>[number];

/** Every workspace that has a goal. */
export async function selectGoalWorkspaceIds(executor: Executor): Promise<string[]> {
  const rows = await executor.selectFrom('goals').select('workspace_id').distinct().execute();
  return rows.map((row) => row.workspace_id);
}

/** Active goals still running on `earliest` with their latest check-in; one workspace's or all. */
export function selectCheckInCandidates(executor: Executor, earliest: string, workspaceId?: string) {
  let query = executor
    .selectFrom('goals')
    .leftJoin('check_ins', 'check_ins.goal_id', 'goals.id')
    .select(['goals.id', 'goals.workspace_id', 'goals.owner_id', 'goals.created_at', 'goals.due_date'])
    .select((eb) => eb.fn.max('check_ins.created_at').as('last_check_in'))
    .where('goals.status', '=', 'active')
    .where('goals.due_date', '>=', earliest)
    .groupBy(['goals.id', 'goals.workspace_id', 'goals.owner_id', 'goals.created_at', 'goals.due_date']);
  if (workspaceId !== undefined) query = query.where('goals.workspace_id', '=', workspaceId);
  return query.execute();
}

/** The earliest goal start among the key results measured by each KPI. */
export async function selectKeyResultWindows(executor: Executor, kpiIds: readonly string[]) {
  if (kpiIds.length === 0) return [];
  return executor
    .selectFrom('key_results')
    .innerJoin('goals', 'goals.id', 'key_results.goal_id')
    .select(['key_results.kpi_id', (eb) => eb.fn.min('goals.start_date').as('from')])
    .where('key_results.kpi_id', 'in', kpiIds)
    .groupBy('key_results.kpi_id')
    .execute();
}

/** The key results measured by these KPIs, with their goal's dates. */
export async function selectKpiKeyResults(
  executor: Executor,
  workspaceId: string,
  kpiIds: readonly string[],
) {
  if (kpiIds.length === 0) return [];
  return executor
    .selectFrom('key_results')
    .innerJoin('goals', 'goals.id', 'key_results.goal_id')
    .select([
      'key_results.id',
      'key_results.goal_id',
      'key_results.kpi_id',
      'key_results.baseline',
      'key_results.target',
      'key_results.current',
      'key_results.progress',
      'key_results.projected_progress',
      'key_results.reach_date',
      'goals.start_date',
      'goals.due_date',
    ])
    .where('key_results.workspace_id', '=', workspaceId)
    .where('key_results.kpi_id', 'in', kpiIds)
    .execute();
}

/** The goal's id when it is one of the workspace's goals. */
export function selectGoalId(executor: Executor, workspaceId: string, goalId: string) {
  return executor
    .selectFrom('goals')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', goalId)
    .executeTakeFirst();
}
