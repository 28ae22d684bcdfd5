import type { Insertable } from 'kysely';
import type { Executor, PlanHealthTable, PlanKeysTable, PlanSettingsTable } from '../../db/types.ts';

export function selectPlanSettings(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('plan_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function upsertPlanSettings(executor: Executor, row: Insertable<PlanSettingsTable>) {
  await executor
    .insertInto('plan_settings')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('workspace_id').doUpdateSet({
        locale: row.locale ?? null,
        cadence: row.cadence ?? null,
        sections: row.sections ?? null,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export function selectPlanKeys(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('plan_keys')
    .select(['kind', 'object_id', 'key'])
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export async function insertPlanKeys(executor: Executor, rows: Insertable<PlanKeysTable>[]) {
  // Chunks keep each statement under PostgreSQL's and SQLite's parameter limits.
  for (let index = 0; index < rows.length; index += 500) {
    await executor
      .insertInto('plan_keys')
      .values(rows.slice(index, index + 500))
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
}

/** Members with the e-mail that keys them in a plan. */
export function selectPeople(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'memberships.role',
      'memberships.title',
      'memberships.weekly_capacity_hours',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.email')
    .execute();
}

/** Goals in creation order (ids are time-sortable), so outline numbers stay put between exports. */
export function selectGoals(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('goals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
}

export function selectKeyResults(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('key_results')
    .leftJoin('kpis', 'kpis.id', 'key_results.kpi_id')
    .selectAll('key_results')
    .select('kpis.key as kpi_key')
    .where('key_results.workspace_id', '=', workspaceId)
    .orderBy('key_results.goal_id')
    .orderBy('key_results.position')
    .orderBy('key_results.id')
    .execute();
}

/** The plan's tasks' columns (selectPlanTasks, and the preview's by id). */
const PLAN_TASK_COLUMNS = [
  'id',
  'parent_id',
  'position',
  'goal_id',
  'is_milestone',
  'title',
  'description',
  'status',
  'priority',
  'estimate_hours',
  'start_date',
  'due_date',
  'buffer_days',
  'required_skills',
  'labels',
] as const;

/** Ids per `IN (…)`: under PostgreSQL's and SQLite's parameter limits. */
const ID_CHUNK = 500;

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let index = 0; index < ids.length; index += ID_CHUNK) {
    rows.push(...(await read(ids.slice(index, index + ID_CHUNK))));
  }
  return rows;
}

/** How many tasks (not a routine's occurrences), goals and KPIs the workspace holds: counts over indexes. */
export async function selectPlanCounts(executor: Executor, workspaceId: string) {
  const [tasks, goals, kpis] = await Promise.all([
    executor
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('recurrence_id', 'is', null)
      .executeTakeFirst(),
    executor
      .selectFrom('goals')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst(),
    executor
      .selectFrom('kpis')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst(),
  ]);
  return {
    tasks: Number(tasks?.count ?? 0),
    goals: Number(goals?.count ?? 0),
    kpis: Number(kpis?.count ?? 0),
  };
}

/** A page of the plan's tasks' places in the work breakdown and their goal, in id order after `after`. */
export function selectTaskPlacePage(executor: Executor, workspaceId: string, after: string, limit: number) {
  return executor
    .selectFrom('tasks')
    .select(['id', 'parent_id', 'position', 'goal_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '>', after)
    .where('recurrence_id', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A task's children (the top-level tasks when null) in WBS order, at most `limit`: a walk of the tree index. */
export async function selectChildTaskIds(
  executor: Executor,
  workspaceId: string,
  parentId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await executor
    .selectFrom('tasks')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .where('recurrence_id', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** The key results of these goals, in selectKeyResults' order within each goal. */
export function selectKeyResultsOf(executor: Executor, workspaceId: string, goalIds: readonly string[]) {
  return inChunks(goalIds, (chunk) =>
    executor
      .selectFrom('key_results')
      .leftJoin('kpis', 'kpis.id', 'key_results.kpi_id')
      .selectAll('key_results')
      .select('kpis.key as kpi_key')
      .where('key_results.workspace_id', '=', workspaceId)
      .where('key_results.goal_id', 'in', chunk)
      .orderBy('key_results.goal_id')
      .orderBy('key_results.position')
      .orderBy('key_results.id')
      .execute(),
  );
}

/** These tasks of the plan, with selectPlanTasks' columns. */
export function selectPlanTasksByIds(executor: Executor, workspaceId: string, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    executor
      .selectFrom('tasks')
      .select(PLAN_TASK_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', chunk)
      .execute(),
  );
}

/** The dependencies into these tasks. */
export function selectDependenciesInto(executor: Executor, workspaceId: string, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    executor
      .selectFrom('task_dependencies')
      .select(['from_task_id', 'to_task_id', 'lag_days'])
      .where('workspace_id', '=', workspaceId)
      .where('to_task_id', 'in', chunk)
      .orderBy('to_task_id')
      .orderBy('from_task_id')
      .execute(),
  );
}

/** The RACI roles on these tasks. */
export function selectTaskRolesOf(executor: Executor, workspaceId: string, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    executor
      .selectFrom('task_roles')
      .select(['task_id', 'user_id', 'role'])
      .where('workspace_id', '=', workspaceId)
      .where('task_id', 'in', chunk)
      .execute(),
  );
}

/** The stored keys of every goal, process and routine, and of these tasks only. */
export async function selectPlanKeysFor(executor: Executor, workspaceId: string, taskIds: readonly string[]) {
  const [others, tasks] = await Promise.all([
    executor
      .selectFrom('plan_keys')
      .select(['kind', 'object_id', 'key'])
      .where('workspace_id', '=', workspaceId)
      .where('kind', '<>', 'task')
      .execute(),
    inChunks(taskIds, (chunk) =>
      executor
        .selectFrom('plan_keys')
        .select(['kind', 'object_id', 'key'])
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', 'task')
        .where('object_id', 'in', chunk)
        .execute(),
    ),
  ]);
  return [...others, ...tasks];
}

/** Tasks read per query by selectPlanTasks. */
const TASK_PAGE = 5_000;

/**
 * The plan's tasks (a routine's occurrences belong to the routine, not to the work breakdown), in id order, read
 * 5,000 a query: between two, other requests get their turn (db/yield.ts), where one query for 100,000 tasks
 * held the server for seconds. The plan orders them by WBS code.
 */
export async function selectPlanTasks(executor: Executor, workspaceId: string) {
  const rows = [];
  for (let after = ''; ;) {
    // What the plan shows of a task, not every column: at 100,000 tasks the rest (workspace, checklist, authors,
    // instants) was a third of the rows' memory while plan health read them.
    const page = await executor
      .selectFrom('tasks')
      .select(PLAN_TASK_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', after)
      .where('recurrence_id', 'is', null)
      .orderBy('id')
      .limit(TASK_PAGE)
      .execute();
    rows.push(...page);
    const last = page.at(-1);
    if (!last || page.length < TASK_PAGE) return rows;
    after = last.id;
  }
}

export function selectDependencies(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('task_dependencies')
    .select(['from_task_id', 'to_task_id', 'lag_days'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('to_task_id')
    .orderBy('from_task_id')
    .execute();
}

export function selectTaskRoles(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('task_roles')
    .select(['task_id', 'user_id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export function selectProcessesWithSteps(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('processes')
    .leftJoin('process_versions', 'process_versions.id', 'processes.current_version_id')
    .select([
      'processes.id',
      'processes.name',
      'processes.description',
      'processes.current_version_id',
      'process_versions.steps',
    ])
    .where('processes.workspace_id', '=', workspaceId)
    .orderBy('processes.id')
    .execute();
}

export function selectRoutines(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('recurrences')
    .select(['id', 'rule', 'starts_on', 'template'])
    .where('workspace_id', '=', workspaceId)
    .where('ended_at', 'is', null)
    .orderBy('id')
    .execute();
}

export async function replaceSkills(
  executor: Executor,
  workspaceId: string,
  userId: string,
  skills: ReadonlyArray<{ skill: string; level: number }>,
) {
  await executor
    .deleteFrom('member_skills')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  if (skills.length > 0) {
    await executor
      .insertInto('member_skills')
      .values(skills.map((skill) => ({ workspace_id: workspaceId, user_id: userId, ...skill })))
      .execute();
  }
}

export function selectKpiKeys(executor: Executor, workspaceId: string) {
  return executor.selectFrom('kpis').select('key').where('workspace_id', '=', workspaceId).execute();
}

/** Live feedback items per channel with how many are still open, for the plan's feedback chapter. */
export function selectFeedbackChannels(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('feedback_items')
    .select(({ fn, eb }) => [
      'channel',
      fn.countAll<number>().as('items'),
      fn.sum<number>(eb.case().when('status', 'in', ['done', 'declined']).then(0).else(1).end()).as('open'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('merged_into_id', 'is', null)
    .groupBy('channel')
    .orderBy('items', 'desc')
    .orderBy('channel')
    .execute();
}

/** The id of the workspace's KPI of this key. */
export function selectKpiIdByKey(executor: Executor, workspaceId: string, key: string) {
  return executor
    .selectFrom('kpis')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** What the stored plan health was computed from, without its bytes: read on every health request. */
export function selectPlanHealthBasis(executor: Executor, workspaceId: string, locale: string) {
  return executor
    .selectFrom('plan_health')
    .select([
      'generation',
      'revision',
      'day',
      'computed_at',
      'items',
      'refreshing_since',
      'progress_done',
      'progress_total',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('locale', '=', locale)
    .executeTakeFirst();
}

export function selectPlanHealth(executor: Executor, workspaceId: string, locale: string) {
  return executor
    .selectFrom('plan_health')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('locale', '=', locale)
    .executeTakeFirst();
}

/**
 * Claims the recomputation of a stored plan health: true for one caller until it stores or lets go, or until its
 * claim is older than `expiredBefore` (an instance that died while computing). On PostgreSQL a second UPDATE
 * waits for the first's row lock, then finds the claim taken.
 */
export async function claimPlanHealthRefresh(
  executor: Executor,
  claim: { workspaceId: string; locale: string; now: number; expiredBefore: number },
): Promise<boolean> {
  const result = await executor
    .updateTable('plan_health')
    .set({ refreshing_since: claim.now })
    .where('workspace_id', '=', claim.workspaceId)
    .where('locale', '=', claim.locale)
    .where((eb) =>
      eb.or([eb('refreshing_since', 'is', null), eb('refreshing_since', '<', claim.expiredBefore)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Lets go of a claim after a failed computation, unless another caller has claimed since. */
export async function releasePlanHealthClaim(
  executor: Executor,
  claim: { workspaceId: string; locale: string; claimedAt: number },
): Promise<void> {
  await executor
    .updateTable('plan_health')
    .set({ refreshing_since: null })
    .where('workspace_id', '=', claim.workspaceId)
    .where('locale', '=', claim.locale)
    .where('refreshing_since', '=', claim.claimedAt)
    .execute();
}

/**
 * Stores a computed plan health and lets go of the claim; returns its generation, or null when a computation
 * begun later was stored first (that one stays).
 */
export async function storePlanHealth(
  executor: Executor,
  row: Omit<PlanHealthTable, 'generation' | 'refreshing_since' | 'progress_done' | 'progress_total'>,
): Promise<number | null> {
  const stored = await executor
    .insertInto('plan_health')
    .values({ ...row, generation: 1, refreshing_since: null, progress_done: null, progress_total: null })
    .onConflict((conflict) =>
      conflict
        .columns(['workspace_id', 'locale'])
        .doUpdateSet((eb) => ({
          generation: eb('plan_health.generation', '+', 1),
          revision: eb.ref('excluded.revision'),
          day: eb.ref('excluded.day'),
          computed_at: eb.ref('excluded.computed_at'),
          items: eb.ref('excluded.items'),
          answer: eb.ref('excluded.answer'),
          refreshing_since: null,
          progress_done: null,
          progress_total: null,
        }))
        .where('plan_health.computed_at', '<=', row.computed_at),
    )
    .returning('generation')
    .executeTakeFirst();
  return stored ? Number(stored.generation) : null;
}

// The lean reads of plan health (healthPlan.ts): only the columns the linter reads, a page at a time.

/** Goals with what the linter and the SMART check read, in creation order (as selectGoals). */
export function selectHealthGoals(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('goals')
    .select(['id', 'parent_id', 'title', 'owner_id', 'start_date', 'due_date'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
}

/** Key results with what the linter reads, in the order of selectKeyResults. */
export function selectHealthKeyResults(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('key_results')
    .leftJoin('kpis', 'kpis.id', 'key_results.kpi_id')
    .select([
      'key_results.goal_id',
      'key_results.title',
      'key_results.baseline',
      'key_results.target',
      'kpis.key as kpi_key',
    ])
    .where('key_results.workspace_id', '=', workspaceId)
    .orderBy('key_results.goal_id')
    .orderBy('key_results.position')
    .orderBy('key_results.id')
    .execute();
}

/** KPIs with what the linter, the SMART check and their series read, by key (as selectKpis). */
export function selectHealthKpis(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('kpis')
    .select([
      'id',
      'key',
      'name',
      'unit',
      'direction',
      'aggregation',
      'frequency',
      'formula',
      'owner_id',
      'green',
    ])
    .where('workspace_id', '=', workspaceId)
    .orderBy('key')
    .execute();
}

/** Members with what the linter reads of them, by e-mail (as selectPeople). */
export function selectHealthPeople(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.weekly_capacity_hours'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.email')
    .execute();
}

/** A page of the plan's tasks' places in the work breakdown, in id order after `after` (as selectPlanTasks). */
export function selectTaskOutlinePage(executor: Executor, workspaceId: string, after: string, limit: number) {
  return executor
    .selectFrom('tasks')
    .select(['id', 'parent_id', 'position'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '>', after)
    .where('recurrence_id', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A page of the plan's tasks with what the linter reads, in id order after `after`. */
export function selectHealthTaskPage(executor: Executor, workspaceId: string, after: string, limit: number) {
  return executor
    .selectFrom('tasks')
    .select(['id', 'goal_id', 'is_milestone', 'title', 'status', 'estimate_hours', 'start_date', 'due_date'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '>', after)
    .where('recurrence_id', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The RACI roles on the tasks whose ids are in (after, last]: a page of selectHealthTaskPage. */
export function selectTaskRolesBetween(executor: Executor, workspaceId: string, after: string, last: string) {
  return executor
    .selectFrom('task_roles')
    .select(['task_id', 'user_id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '>', after)
    .where('task_id', '<=', last)
    .execute();
}

/** The dependencies into the tasks whose ids are in (after, last], in the order of selectDependencies. */
export function selectDependenciesBetween(
  executor: Executor,
  workspaceId: string,
  after: string,
  last: string,
) {
  return executor
    .selectFrom('task_dependencies')
    .select(['from_task_id', 'to_task_id'])
    .where('workspace_id', '=', workspaceId)
    .where('to_task_id', '>', after)
    .where('to_task_id', '<=', last)
    .orderBy('to_task_id')
    .orderBy('from_task_id')
    .execute();
}

/** A workspace's planned items as plan health counts them (plannedItems): decides whether a first answer waits. */
export async function countPlannedItems(executor: Executor, workspaceId: string): Promise<number> {
  const count = (table: 'goals' | 'kpis' | 'processes') =>
    executor
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
  const [goals, kpis, processes, tasks, routines] = await Promise.all([
    count('goals'),
    count('kpis'),
    count('processes'),
    executor
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('recurrence_id', 'is', null)
      .executeTakeFirstOrThrow(),
    executor
      .selectFrom('recurrences')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return [goals, kpis, processes, tasks, routines].reduce((total, row) => total + Number(row.count), 0);
}

/**
 * Claims a workspace's first plan health computation, before any answer is stored: a row of generation 0 without
 * an answer (migration 0038) that holds the claim and the progress. True for the one caller that inserted it.
 */
export async function claimFirstPlanHealth(
  executor: Executor,
  claim: { workspaceId: string; locale: string; day: string; now: number; items: number },
): Promise<boolean> {
  const inserted = await executor
    .insertInto('plan_health')
    .values({
      workspace_id: claim.workspaceId,
      locale: claim.locale,
      generation: 0,
      revision: 0,
      day: claim.day,
      computed_at: 0,
      items: claim.items,
      answer: Buffer.alloc(0),
      refreshing_since: claim.now,
      progress_done: 0,
      progress_total: claim.items,
    })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'locale']).doNothing())
    .returning('generation')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** How far the claimed computation has come, for every instance's "computing" answer. */
export async function updatePlanHealthProgress(
  executor: Executor,
  progress: { workspaceId: string; locale: string; claimedAt: number; done: number; total: number },
): Promise<void> {
  await executor
    .updateTable('plan_health')
    .set({ progress_done: progress.done, progress_total: progress.total })
    .where('workspace_id', '=', progress.workspaceId)
    .where('locale', '=', progress.locale)
    .where('refreshing_since', '=', progress.claimedAt)
    .execute();
}
