import { sql, type Insertable, type Updateable } from 'kysely';
import type {
  CalendarFeedsTable,
  Executor,
  MemberSkillsTable,
  MemberUnavailableDaysTable,
  TaskDependenciesTable,
  TaskRolesTable,
  TasksTable,
} from '../../db/types.ts';
import { CLOSED_TASK_STATUSES } from '../../core/tasks/status.ts';
import type { Dialect } from '../../db/index.ts';
import { jsonSql, preparedStatement, readJson } from '../../db/prepared.ts';
import { taskTitleContains } from '../search/queries.ts';

export async function insertTask(executor: Executor, task: Insertable<TasksTable>): Promise<void> {
  await executor.insertInto('tasks').values(task).execute();
}

export async function updateTask(
  executor: Executor,
  taskId: string,
  changes: Updateable<TasksTable>,
): Promise<void> {
  await executor.updateTable('tasks').set(changes).where('id', '=', taskId).execute();
}

export async function deleteTask(executor: Executor, taskId: string): Promise<void> {
  await executor.deleteFrom('tasks').where('id', '=', taskId).execute();
}

export function selectTask(executor: Executor, workspaceId: string, taskId: string) {
  return executor
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

export type TaskRow = NonNullable<Awaited<ReturnType<typeof selectTask>>>;

export function selectTasksByIds(executor: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as TaskRow[]);
  return executor
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/** The whole workspace's tasks, for trees, schedules and workload: one read, no per-task queries. */
export function selectAllTasks(executor: Executor, workspaceId: string, goalId?: string | null) {
  let query = executor.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId);
  if (goalId) query = query.where('goal_id', '=', goalId);
  // SQLite sorts NULLs first and PostgreSQL last: say it, so both give every caller the same order.
  return query
    .orderBy((eb) => eb.case().when('parent_id', 'is', null).then(0).else(1).end())
    .orderBy('parent_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/**
 * The tasks that can add load inside a window: `mayLoadWindow` (core/workload) in SQL, so that eight weeks of
 * workload read the few thousand tasks they see rather than the whole plan. Same order as `selectAllTasks`.
 */
export function selectTasksLoadingWindow(
  executor: Executor,
  workspaceId: string,
  window: { first: string; last: string },
  /** Only the tasks this person is Responsible for. */
  responsibleId?: string,
) {
  let query = executor.selectFrom('tasks');
  if (responsibleId)
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('task_roles')
        .select('task_roles.task_id')
        .where('task_roles.workspace_id', '=', workspaceId)
        .where('task_roles.user_id', '=', responsibleId)
        .where('task_roles.role', '=', 'R'),
    );
  return query
    .select(['id', 'title', 'status', 'estimate_hours', 'start_date', 'due_date'])
    .where('workspace_id', '=', workspaceId)
    .where('status', 'not in', CLOSED_TASK_STATUSES)
    .where('estimate_hours', '>', 0)
    .where('due_date', '>=', window.first)
    .where((eb) =>
      eb.or([
        eb('due_date', '<=', window.last),
        eb.and([eb('start_date', 'is not', null), eb('start_date', '<=', window.last)]),
      ]),
    )
    .orderBy((eb) => eb.case().when('parent_id', 'is', null).then(0).else(1).end())
    .orderBy('parent_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** The columns the schedule shows, in the same order as `selectAllTasks`. */
export function selectScheduleTasks(executor: Executor, workspaceId: string, goalId?: string | null) {
  let query = executor
    .selectFrom('tasks')
    .select([
      'id',
      'goal_id',
      'parent_id',
      'position',
      'is_milestone',
      'title',
      'status',
      'priority',
      'estimate_hours',
      'start_date',
      'due_date',
      'buffer_days',
      'labels',
      'completed_at',
    ])
    .where('workspace_id', '=', workspaceId);
  if (goalId) query = query.where('goal_id', '=', goalId);
  return query
    .orderBy((eb) => eb.case().when('parent_id', 'is', null).then(0).else(1).end())
    .orderBy('parent_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function countTasks(executor: Executor, workspaceId: string): Promise<number> {
  const row = await executor
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The workspace's plan revision (0 before its first task): moved by triggers on every change the schedule reads. */
export function selectPlanRevision(executor: Executor, workspaceId: string): Promise<number> {
  return selectRevisionCounter(executor, workspaceId, 'revision');
}

/** The workspace's top-level shape counter (migration 0037): moves when a top-level rank can change. */
export function selectTopRevision(executor: Executor, workspaceId: string): Promise<number> {
  return selectRevisionCounter(executor, workspaceId, 'top_revision');
}

async function selectRevisionCounter(
  executor: Executor,
  workspaceId: string,
  counter: 'revision' | 'top_revision',
): Promise<number> {
  const row = await executor
    .selectFrom('plan_revisions')
    .select(counter)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.[counter] ?? 0);
}

export async function nextPosition(
  executor: Executor,
  workspaceId: string,
  parentId: string | null,
): Promise<number> {
  const row = await executor
    .selectFrom('tasks')
    .select((eb) => eb.fn.max<number | null>('position').as('position'))
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirst();
  return (row?.position ?? -1) + 1;
}

export function selectParentLinks(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('tasks')
    .select(['id', 'parent_id'])
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export function selectDependencies(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('task_dependencies')
    .select(['from_task_id', 'to_task_id', 'lag_days'])
    .where('workspace_id', '=', workspaceId)
    .execute();
}

/** Ids a query takes at once in `IN (…)`: well within SQLite's and PostgreSQL's limits on parameters. */
const IDS_PER_QUERY = 1000;

/** The dependencies between the given tasks (a goal's, say), read by their successors: no read of the whole plan. */
export async function selectDependenciesAmong(
  executor: Executor,
  workspaceId: string,
  taskIds: readonly string[],
) {
  const among = new Set(taskIds);
  const rows = [];
  for (let from = 0; from < taskIds.length; from += IDS_PER_QUERY) {
    const batch = await executor
      .selectFrom('task_dependencies')
      .select(['from_task_id', 'to_task_id', 'lag_days'])
      .where(notIndexed('task_dependencies.workspace_id', workspaceId))
      .where('to_task_id', 'in', taskIds.slice(from, from + IDS_PER_QUERY))
      .execute();
    rows.push(...batch.filter((row) => among.has(row.from_task_id)));
  }
  return rows;
}

/** The roles on the given tasks, a thousand tasks a query; each task's roles in selectRoles' order. */
export async function selectRolesAmong(executor: Executor, workspaceId: string, taskIds: readonly string[]) {
  const rows = [];
  for (let from = 0; from < taskIds.length; from += IDS_PER_QUERY)
    rows.push(...(await selectRoles(executor, workspaceId, taskIds.slice(from, from + IDS_PER_QUERY))));
  return rows;
}

export async function insertDependency(executor: Executor, dependency: Insertable<TaskDependenciesTable>) {
  await executor
    .insertInto('task_dependencies')
    .values(dependency)
    .onConflict((c) =>
      c.columns(['from_task_id', 'to_task_id']).doUpdateSet({ lag_days: dependency.lag_days }),
    )
    .execute();
}

export async function deleteDependency(
  executor: Executor,
  fromTaskId: string,
  toTaskId: string,
): Promise<number> {
  const result = await executor
    .deleteFrom('task_dependencies')
    .where('from_task_id', '=', fromTaskId)
    .where('to_task_id', '=', toTaskId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * `column = value` written so that no index serves it: for a check beside a condition that names the rows by
 * primary key, where SQLite (no statistics) would otherwise start from a workspace index and read the whole
 * workspace. The same text works on PostgreSQL.
 */
function notIndexed(
  column: 'tasks.workspace_id' | 'task_roles.workspace_id' | 'task_dependencies.workspace_id',
  value: string,
) {
  return sql<boolean>`${sql.ref(column)} || '' = ${value}`;
}

export function selectRoles(
  executor: Executor,
  workspaceId: string,
  taskIds?: readonly string[],
  /** Only these roles (the board's cards show R and A). */
  onlyRoles?: readonly string[],
) {
  if ((taskIds && taskIds.length === 0) || onlyRoles?.length === 0) return Promise.resolve([]);
  let query = executor
    .selectFrom('task_roles')
    .innerJoin('users', 'users.id', 'task_roles.user_id')
    .select(['task_roles.task_id', 'task_roles.user_id', 'task_roles.role', 'users.name'])
    .where((eb) =>
      // Given the ids, their primary key finds the rows: a bare workspace check lets SQLite, which keeps no
      // statistics, start from the workspace index and read every role of the workspace (~30 ms at 100,000 tasks).
      taskIds
        ? notIndexed('task_roles.workspace_id', workspaceId)
        : eb('task_roles.workspace_id', '=', workspaceId),
    );
  if (taskIds) query = query.where('task_roles.task_id', 'in', taskIds);
  if (onlyRoles) query = query.where('task_roles.role', 'in', onlyRoles);
  // R, A, C, I, then by name: the same order whichever index served the rows.
  return query
    .orderBy(sql`CASE task_roles.role WHEN 'R' THEN 0 WHEN 'A' THEN 1 WHEN 'C' THEN 2 ELSE 3 END`)
    .orderBy('users.name')
    .orderBy('task_roles.user_id')
    .execute();
}

export async function replaceRoles(executor: Executor, taskId: string, roles: Insertable<TaskRolesTable>[]) {
  await executor.deleteFrom('task_roles').where('task_id', '=', taskId).execute();
  if (roles.length > 0) await executor.insertInto('task_roles').values(roles).execute();
}

export type TaskListFilter = {
  workspaceId: string;
  statuses?: string[] | undefined;
  assigneeId?: string | undefined;
  goalId?: string | undefined;
  parentId?: string | undefined;
  label?: string | undefined;
  /** The title contains it, ignoring case. */
  search?: string | undefined;
  dueBefore?: string | undefined;
  dueAfter?: string | undefined;
  isMilestone?: boolean | undefined;
  /** Only top-level tasks (no parent): with `sort: 'wbs'`, the tree's first level. */
  root?: boolean | undefined;
  /** 'wbs': sibling order (position, then id), for one level of the tree (`parentId` or `root`). */
  sort: 'due' | 'created' | 'priority' | 'wbs';
  cursor?: { value: string | number | null; id: string } | undefined;
  limit: number;
};

// Tasks without a due day sort last; this stands in for "no day" in the keyset.
export const NO_DUE = '9999-12-31';

/**
 * The due order's key, spelled as in the tasks_due_order index (a literal, not a bound parameter): both SQLite
 * and PostgreSQL use an expression index only for the same expression.
 */
const DUE_ORDER = sql<string>`coalesce(tasks.due_date, ${sql.lit(NO_DUE)})`;

export async function selectTaskPage(executor: Executor, dialect: Dialect, filter: TaskListFilter) {
  return (await taskPageQuery(executor, dialect, filter)).selectAll('tasks').execute();
}

/** The columns a board card shows (`TaskCard`), and `position`, the sibling order's cursor value. */
const CARD_COLUMNS = [
  'tasks.id',
  'tasks.goal_id',
  'tasks.is_milestone',
  'tasks.title',
  'tasks.status',
  'tasks.priority',
  'tasks.due_date',
  'tasks.position',
] as const;

/** The same page as `selectTaskPage`, with the card's columns only (no description, checklist or JSON lists). */
export async function selectTaskCardPage(executor: Executor, dialect: Dialect, filter: TaskListFilter) {
  return (await taskPageQuery(executor, dialect, filter)).select(CARD_COLUMNS).execute();
}

export type TaskCardRow = Awaited<ReturnType<typeof selectTaskCardPage>>[number];

/** A page of the task list, filtered, ordered and limited (one row more than the page: is there a next?). */
async function taskPageQuery(executor: Executor, dialect: Dialect, filter: TaskListFilter) {
  const search = filter.search?.trim()
    ? await taskTitleContains(executor, dialect, filter.workspaceId, filter.search)
    : null;
  let query = executor
    .selectFrom('tasks')
    // When the search hands over the task ids, the workspace check must not choose the index (see notIndexed).
    .where((eb) =>
      search?.byIds
        ? notIndexed('tasks.workspace_id', filter.workspaceId)
        : eb('tasks.workspace_id', '=', filter.workspaceId),
    );
  if (filter.statuses?.length) query = query.where('tasks.status', 'in', filter.statuses);
  if (filter.goalId) query = query.where('tasks.goal_id', '=', filter.goalId);
  if (filter.parentId) query = query.where('tasks.parent_id', '=', filter.parentId);
  if (filter.root) query = query.where('tasks.parent_id', 'is', null);
  if (filter.isMilestone !== undefined)
    query = query.where('tasks.is_milestone', '=', filter.isMilestone ? 1 : 0);
  if (filter.dueBefore) query = query.where('tasks.due_date', '<=', filter.dueBefore);
  if (filter.dueAfter) query = query.where('tasks.due_date', '>=', filter.dueAfter);
  if (filter.label)
    query = query.where('tasks.labels', 'like', `%${JSON.stringify(filter.label).replace(/[%_]/g, '')}%`);
  if (search) query = query.where(search.where);
  if (filter.assigneeId) {
    const assigneeId = filter.assigneeId;
    // The person's roles name the tasks (`IN`, not a correlated EXISTS): the planner can start from their few
    // hundred roles instead of checking every task of the workspace in list order.
    query = query.where('tasks.id', 'in', (eb) =>
      eb
        .selectFrom('task_roles')
        .select('task_roles.task_id')
        .where('task_roles.workspace_id', '=', filter.workspaceId)
        .where('task_roles.user_id', '=', assigneeId)
        .where('task_roles.role', 'in', ['R', 'A']),
    );
  }
  const cursor = filter.cursor;
  if (filter.sort === 'created') {
    if (cursor) query = query.where('tasks.id', '<', cursor.id);
    return query.orderBy('tasks.id', 'desc').limit(filter.limit + 1);
  }
  if (filter.sort === 'wbs') {
    // One level of the tree in sibling order: the tasks_tree index (workspace, parent, position, id) serves it.
    if (cursor) {
      const value = Number(cursor.value);
      query = query
        .where('tasks.position', '>=', value)
        .where((eb) => eb.or([eb('tasks.position', '>', value), eb('tasks.id', '>', cursor.id)]));
    }
    return query
      .orderBy('tasks.position')
      .orderBy('tasks.id')
      .limit(filter.limit + 1);
  }
  // Both orders are indexes (tasks_priority_order, tasks_due_order: migration 0030), so a page reads its rows in
  // order and stops. A cursor is a bound on the leading column (an index range) plus the tie-break.
  if (filter.sort === 'priority') {
    if (cursor) {
      const value = Number(cursor.value);
      query = query
        .where('tasks.priority', '<=', value)
        .where((eb) => eb.or([eb('tasks.priority', '<', value), eb('tasks.id', '>', cursor.id)]));
    }
    return query
      .orderBy('tasks.priority', 'desc')
      .orderBy('tasks.id')
      .limit(filter.limit + 1);
  }
  if (cursor) {
    const value = String(cursor.value ?? NO_DUE);
    query = query
      .where(DUE_ORDER, '>=', value)
      .where((eb) => eb.or([eb(DUE_ORDER, '>', value), eb('tasks.id', '>', cursor.id)]));
  }
  return query
    .orderBy(DUE_ORDER)
    .orderBy('tasks.id')
    .limit(filter.limit + 1);
}

export async function deleteCalendarFeed(
  executor: Executor,
  workspaceId: string,
  userId: string,
): Promise<void> {
  await executor
    .deleteFrom('calendar_feeds')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

export async function insertCalendarFeed(
  executor: Executor,
  feed: Insertable<CalendarFeedsTable>,
): Promise<void> {
  await executor.insertInto('calendar_feeds').values(feed).execute();
}

/** The feed behind a secret URL's hash, while its person is still a member (its access check). */
export function selectCalendarFeed(executor: Executor, tokenHash: string) {
  return (
    executor
      .selectFrom('calendar_feeds')
      .innerJoin('workspaces', 'workspaces.id', 'calendar_feeds.workspace_id')
      // Only while the person is still a member: a feed is read without signing in, so this is its access check.
      .innerJoin('memberships', (join) =>
        join
          .onRef('memberships.workspace_id', '=', 'calendar_feeds.workspace_id')
          .onRef('memberships.user_id', '=', 'calendar_feeds.user_id'),
      )
      .select(['calendar_feeds.workspace_id', 'calendar_feeds.user_id', 'workspaces.name'])
      .where('calendar_feeds.token_hash', '=', tokenHash)
      .executeTakeFirst()
  );
}

/** Tasks with a due day from `fromDay` that the person is Responsible or Accountable for. */
export function selectCalendarFeedTasks(
  executor: Executor,
  workspaceId: string,
  userId: string,
  fromDay: string,
  limit: number,
) {
  return executor
    .selectFrom('tasks')
    .innerJoin('task_roles', 'task_roles.task_id', 'tasks.id')
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.description',
      'tasks.due_date',
      'tasks.status',
      'tasks.is_milestone',
    ])
    .distinct()
    .where('tasks.workspace_id', '=', workspaceId)
    .where('task_roles.user_id', '=', userId)
    .where('task_roles.role', 'in', ['R', 'A'])
    .where('tasks.due_date', 'is not', null)
    .where('tasks.due_date', '>=', fromDay)
    .orderBy('tasks.due_date')
    .limit(limit)
    .execute();
}

/** A top-level goal of the workspace, for the demo's tasks to hang under. */
export function selectRootGoalId(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('goals')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', 'is', null)
    .executeTakeFirst();
}

/** SQL of R, A, C, I, then by name: a task's roles in one order whichever index served the rows. */
const ROLE_ORDER = `CASE r.role WHEN 'R' THEN 0 WHEN 'A' THEN 1 WHEN 'C' THEN 2 ELSE 3 END, u.name, r.user_id`;

/**
 * The tasks of the `chain` (CTE) in the workspace, as a JSON array of [id, parent, position, rank]: the rank is
 * how many siblings come before a task in WBS order (position, then id; two index counts, see selectSiblingRanks),
 * null for a top-level task, whose rank the service keeps per plan revision.
 */
function ancestryJson(dialect: Dialect) {
  const json = jsonSql(dialect);
  return `(SELECT ${json.arrayOf(
    json.array(
      'a.id',
      'a.parent_id',
      'a.position',
      `CASE WHEN a.parent_id IS NULL THEN NULL ELSE
        (SELECT count(*) FROM tasks s
          WHERE s.workspace_id = :workspace AND s.parent_id = a.parent_id AND s.position < a.position)
        + (SELECT count(*) FROM tasks s
          WHERE s.workspace_id = :workspace AND s.parent_id = a.parent_id AND s.position = a.position AND s.id < a.id)
        END`,
    ),
  )}
    FROM tasks a WHERE a.workspace_id || '' = :workspace AND a.id IN (SELECT chain.id FROM chain))`;
}

/**
 * The recursive CTE of some tasks of the workspace (the ids `seeds` selects) and all their ancestors; UNION stops
 * at a loop. The ids name the rows by primary key, hence the workspace check no index serves (see notIndexed).
 */
const CHAIN = (seeds: string) => `chain(id) AS (
    SELECT tasks.id FROM tasks WHERE tasks.workspace_id || '' = :workspace AND tasks.id IN (${seeds})
    UNION
    SELECT tasks.parent_id FROM tasks JOIN chain ON chain.id = tasks.id WHERE tasks.parent_id IS NOT NULL
  )`;

/** A task's ancestors with their ranks (`ancestryJson`) and the plan revision they were read at. */
export type CodeAncestry = {
  ancestry: Array<{ id: string; parentId: string | null; position: number; rank: number | null }>;
  revision: number;
};

function readAncestry(ancestry: unknown, revision: unknown): CodeAncestry {
  return {
    ancestry: readJson<Array<[string, string | null, number, number | string | null]>>(ancestry, []).map(
      ([id, parentId, position, rank]) => ({
        id,
        parentId,
        position: Number(position),
        rank: rank === null ? null : Number(rank),
      }),
    ),
    revision: Number(revision ?? 0),
  };
}

type RoleJson = [string, string, string, string];
const toRoleRow = ([task_id, user_id, role, name]: RoleJson) => ({ task_id, user_id, role, name });

type SurroundedRow = TaskRow & {
  kind: number | string;
  roles: unknown;
  dependencies: unknown;
  ancestry: unknown;
  revision: number | string | null;
};

const taskWithSurroundings = preparedStatement<{ workspace: string; task: string }, SurroundedRow>(
  (dialect) => {
    const json = jsonSql(dialect);
    // The task first, with what hangs on it as JSON, then its subtasks' rows in WBS order (position, then id).
    return `WITH RECURSIVE
  dependencies AS (
    SELECT d.from_task_id, d.to_task_id, d.lag_days, f.title AS from_title, t.title AS to_title
    FROM task_dependencies d
    JOIN tasks f ON f.id = d.from_task_id
    JOIN tasks t ON t.id = d.to_task_id
    WHERE d.from_task_id = :task OR d.to_task_id = :task
  ),
  ${CHAIN(`SELECT CAST(:task AS text) UNION SELECT dependencies.from_task_id FROM dependencies
    UNION SELECT dependencies.to_task_id FROM dependencies`)}
SELECT 0 AS kind, tasks.*,
  (SELECT ${json.arrayOf(json.array('r.task_id', 'r.user_id', 'r.role', 'u.name'), ROLE_ORDER)}
    FROM task_roles r JOIN users u ON u.id = r.user_id
    WHERE r.workspace_id || '' = :workspace
      AND r.task_id IN (SELECT CAST(:task AS text) UNION ALL
        SELECT c.id FROM tasks c WHERE c.workspace_id = :workspace AND c.parent_id = :task)) AS roles,
  (SELECT ${json.arrayOf(
    json.array('d.from_task_id', 'd.to_task_id', 'd.lag_days', 'd.from_title', 'd.to_title'),
    'd.from_task_id, d.to_task_id',
  )} FROM dependencies d) AS dependencies,
  ${ancestryJson(dialect)} AS ancestry,
  (SELECT p.revision FROM plan_revisions p WHERE p.workspace_id = :workspace) AS revision
FROM tasks WHERE tasks.workspace_id = :workspace AND tasks.id = :task
UNION ALL
SELECT 1, c.*, NULL, NULL, NULL, NULL FROM tasks c WHERE c.workspace_id = :workspace AND c.parent_id = :task
ORDER BY kind, position, id`;
  },
);

/** A row of `taskWithSurroundings` as the task's own row: without the columns that ride on the first. */
function taskRowOf(row: SurroundedRow): TaskRow {
  const {
    kind: _kind,
    roles: _roles,
    dependencies: _dependencies,
    ancestry: _ancestry,
    revision: _revision,
    ...task
  } = row;
  return task;
}

/**
 * A task as its page shows it, in one statement (one round trip): its row; its and its subtasks' roles in
 * selectRoles' order; its dependencies both ways with the other task's title (predecessors by their id,
 * successors by theirs); its subtasks in WBS order; and the ancestry and ranks of it and its linked tasks for
 * their WBS codes. Null when the workspace has no such task.
 */
export async function selectTaskWithSurroundings(
  executor: Executor,
  dialect: Dialect,
  workspaceId: string,
  taskId: string,
) {
  const rows = await taskWithSurroundings(executor, dialect, { workspace: workspaceId, task: taskId });
  const first = rows[0];
  if (!first || Number(first.kind) !== 0) return null;
  const { roles, dependencies, ancestry, revision } = first;
  return {
    task: taskRowOf(first),
    roles: readJson<RoleJson[]>(roles, []).map(toRoleRow),
    dependencies: readJson<Array<[string, string, number, string, string]>>(dependencies, []).map(
      ([from_task_id, to_task_id, lag_days, from_title, to_title]) => ({
        from_task_id,
        to_task_id,
        lag_days: Number(lag_days),
        from_title,
        to_title,
      }),
    ),
    children: rows.slice(1).map(taskRowOf),
    codes: readAncestry(ancestry, revision),
  };
}

const codeAncestry = preparedStatement<
  { workspace: string; ids: string },
  { ancestry: unknown; revision: number | string | null }
>(
  (dialect) => `WITH RECURSIVE ${CHAIN(jsonSql(dialect).idsOf(':ids'))}
SELECT ${ancestryJson(dialect)} AS ancestry,
  (SELECT p.revision FROM plan_revisions p WHERE p.workspace_id = :workspace) AS revision`,
);

/** Some tasks and all their ancestors with their ranks, and the plan revision, in one statement. */
export async function selectCodeAncestry(
  executor: Executor,
  dialect: Dialect,
  workspaceId: string,
  taskIds: readonly string[],
): Promise<CodeAncestry> {
  if (taskIds.length === 0) return { ancestry: [], revision: 0 };
  const [row] = await codeAncestry(executor, dialect, {
    workspace: workspaceId,
    ids: JSON.stringify(taskIds),
  });
  return readAncestry(row?.ancestry, row?.revision);
}

const pageSurroundings = preparedStatement<
  { workspace: string; ids: string; coded: string },
  { roles: unknown; child_counts: unknown; ancestry: unknown; revision: number | string | null }
>((dialect) => {
  const json = jsonSql(dialect);
  return `WITH RECURSIVE
  listed(id) AS (${json.idsOf(':ids')}),
  ${CHAIN(json.idsOf(':coded'))}
SELECT
  (SELECT ${json.arrayOf(json.array('r.task_id', 'r.user_id', 'r.role', 'u.name'), ROLE_ORDER)}
    FROM task_roles r JOIN users u ON u.id = r.user_id
    WHERE r.workspace_id || '' = :workspace AND r.task_id IN (SELECT listed.id FROM listed)) AS roles,
  (SELECT ${json.arrayOf(json.array('c.parent_id', 'c.count'))}
    FROM (SELECT tasks.parent_id, count(*) AS count FROM tasks
      WHERE tasks.workspace_id = :workspace AND tasks.parent_id IN (SELECT listed.id FROM listed)
      GROUP BY tasks.parent_id) c) AS child_counts,
  ${ancestryJson(dialect)} AS ancestry,
  (SELECT p.revision FROM plan_revisions p WHERE p.workspace_id = :workspace) AS revision`;
});

/**
 * What a page of the task list shows beside its rows, in one statement: the listed tasks' roles (selectRoles'
 * order) and subtask counts, and the ancestry and ranks of `codedIds` (the tasks whose WBS codes are read).
 */
export async function selectPageSurroundings(
  executor: Executor,
  dialect: Dialect,
  workspaceId: string,
  taskIds: readonly string[],
  codedIds: readonly string[],
) {
  if (taskIds.length === 0)
    return { roles: [], childCounts: new Map<string, number>(), codes: { ancestry: [], revision: 0 } };
  const [row] = await pageSurroundings(executor, dialect, {
    workspace: workspaceId,
    ids: JSON.stringify(taskIds),
    coded: JSON.stringify(codedIds),
  });
  return {
    roles: readJson<RoleJson[]>(row?.roles, []).map(toRoleRow),
    childCounts: new Map(
      readJson<Array<[string, number | string]>>(row?.child_counts, []).map(([id, count]) => [
        id,
        Number(count),
      ]),
    ),
    codes: readAncestry(row?.ancestry, row?.revision),
  };
}

/**
 * How many siblings come before each of these tasks in WBS order (position, then id), in one read: a count over
 * the tree index per task. `topIds` are ranked among the top-level tasks whatever their parent (as in wbsCodes).
 * Two counts, not one with `position < p OR id < …`: the earlier positions are counted in the index alone, where
 * the OR made SQLite read every earlier sibling's row for its id (90 ms for 200 top-level tasks of 1,000).
 */
export async function selectSiblingRanks(
  executor: Executor,
  workspaceId: string,
  nestedIds: readonly string[],
  topIds: readonly string[],
): Promise<Map<string, number>> {
  const ranks = new Map<string, number>();
  const read = (ids: readonly string[], sameParent: ReturnType<typeof sql<boolean>>) => sql<{
    id: string;
    rank: number | string;
  }>`
      SELECT n.id AS id,
        (SELECT count(*) FROM tasks s
          WHERE s.workspace_id = ${workspaceId} AND ${sameParent} AND s.position < n.position)
        + (SELECT count(*) FROM tasks s
          WHERE s.workspace_id = ${workspaceId} AND ${sameParent} AND s.position = n.position AND s.id < n.id) AS rank
      FROM tasks n
      WHERE n.id IN (${sql.join(ids)}) AND n.workspace_id || '' = ${workspaceId}`;
  // Both kinds in one statement (one round trip on PostgreSQL).
  const parts = [
    ...(nestedIds.length > 0 ? [read(nestedIds, sql<boolean>`s.parent_id = n.parent_id`)] : []),
    ...(topIds.length > 0 ? [read(topIds, sql<boolean>`s.parent_id IS NULL`)] : []),
  ];
  if (parts.length === 0) return ranks;
  const result = await sql<{
    id: string;
    rank: number | string;
  }>`${sql.join(parts, sql` UNION ALL `)}`.execute(executor);
  for (const row of result.rows) ranks.set(row.id, Number(row.rank));
  return ranks;
}

/** The top-level tasks' ids in sibling order (position, then id): one walk of the tree index. */
export type TopLevelKey = { position: number; id: string };

/** The top-level tasks in WBS order; only those after `after` (an earlier read's last) when given. */
export function selectTopLevelOrder(
  executor: Executor,
  workspaceId: string,
  after: TopLevelKey | null = null,
): Promise<TopLevelKey[]> {
  return executor
    .selectFrom('tasks')
    .select(['position', 'id'])
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', 'is', null)
    .$if(after !== null, (query) =>
      query.where((eb) =>
        eb.or([
          eb('position', '>', after?.position ?? 0),
          eb.and([eb('position', '=', after?.position ?? 0), eb('id', '>', after?.id ?? '')]),
        ]),
      ),
    )
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** The label lists in use in the workspace (each distinct list once: a workspace has few). */
export function selectDistinctLabelLists(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('tasks')
    .select('labels')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('labels', '<>', '[]')
    .execute();
}

/** The workspace's holidays and 调休 working days. */
export function selectCalendarDays(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('workspace_calendar_days')
    .select(['day', 'kind'])
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export function selectWeekPattern(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('workspace_settings')
    .select(['week_pattern', 'big_week_of'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

/** Open tasks due between two days (inclusive), in one workspace or all. */
export function selectOpenTasksDueBetween(
  executor: Executor,
  earliest: string,
  latest: string,
  workspaceId?: string,
) {
  let query = executor
    .selectFrom('tasks')
    .select(['id', 'workspace_id', 'due_date'])
    .where('due_date', '>=', earliest)
    .where('due_date', '<=', latest)
    .where('status', 'not in', [...CLOSED_TASK_STATUSES]);
  if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
  return query.execute();
}

export async function insertMemberSkills(
  executor: Executor,
  skills: Insertable<MemberSkillsTable>[],
): Promise<void> {
  if (skills.length === 0) return;
  await executor.insertInto('member_skills').values(skills).execute();
}

export async function insertUnavailableDays(
  executor: Executor,
  days: Insertable<MemberUnavailableDaysTable>[],
): Promise<void> {
  if (days.length === 0) return;
  await executor.insertInto('member_unavailable_days').values(days).execute();
}

/** Sets when a done task was completed (the demo dates its finished tasks to their due day). */
export async function backdateDoneTask(
  executor: Executor,
  workspaceId: string,
  taskId: string,
  completedAt: number,
): Promise<void> {
  await executor
    .updateTable('tasks')
    .set({ completed_at: completedAt })
    .where('id', '=', taskId)
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'done')
    .execute();
}

/** The workspace's task of this title, for the demos that link to one. */
export function selectTaskIdByTitle(executor: Executor, workspaceId: string, title: string) {
  return executor
    .selectFrom('tasks')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('title', '=', title)
    .executeTakeFirst();
}

export type RaciScope = {
  workspaceId: string;
  goalId?: string | undefined;
  /** Only tasks on which this person holds a role. */
  personId?: string | undefined;
  /** The title contains it, ignoring case (the task search). */
  search?: string | undefined;
  /** Only open tasks whose roles break a RACI rule (see `validateRaci`). */
  onlyGaps?: boolean | undefined;
};

/**
 * An open task whose roles break a rule of `validateRaci`, in SQL: not exactly one A, no R, or a person with two
 * roles other than A + R (the primary key rules out the same role twice). Three probes of the task_roles key.
 */
const RACI_GAP = sql<boolean>`(
  tasks.status NOT IN (${sql.join(CLOSED_TASK_STATUSES)})
  AND (
    (SELECT count(*) FROM task_roles ra WHERE ra.task_id = tasks.id AND ra.role = 'A') <> 1
    OR NOT EXISTS (SELECT 1 FROM task_roles rr WHERE rr.task_id = tasks.id AND rr.role = 'R')
    OR EXISTS (
      SELECT 1 FROM task_roles rm WHERE rm.task_id = tasks.id GROUP BY rm.user_id
      HAVING count(*) > 1
        AND NOT (count(*) = 2 AND sum(CASE WHEN rm.role IN ('A', 'R') THEN 1 ELSE 0 END) = 2)
    )
  )
)`;

/** The tasks of a RACI scope (a where-clause builder over `tasks`), with the search resolved first. */
async function raciScopeQuery(executor: Executor, dialect: Dialect, scope: RaciScope) {
  const search = scope.search?.trim()
    ? await taskTitleContains(executor, dialect, scope.workspaceId, scope.search)
    : null;
  let query = executor
    .selectFrom('tasks')
    .where((eb) =>
      search?.byIds
        ? notIndexed('tasks.workspace_id', scope.workspaceId)
        : eb('tasks.workspace_id', '=', scope.workspaceId),
    );
  if (scope.goalId) query = query.where('tasks.goal_id', '=', scope.goalId);
  if (scope.personId) {
    const personId = scope.personId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('task_roles as pr')
          .select(sql.lit(1).as('one'))
          .whereRef('pr.task_id', '=', 'tasks.id')
          .where('pr.user_id', '=', personId),
      ),
    );
  }
  if (search) query = query.where(search.where);
  if (scope.onlyGaps) query = query.where(RACI_GAP);
  return query;
}

/** One page of a RACI scope's tasks in creation order (ids are time-ordered), and how many there are. */
export async function selectRaciPage(
  executor: Executor,
  dialect: Dialect,
  scope: RaciScope,
  page: { offset: number; limit: number },
) {
  const query = await raciScopeQuery(executor, dialect, scope);
  return query
    .select(['tasks.id', 'tasks.title', 'tasks.status', 'tasks.parent_id', 'tasks.position'])
    .orderBy('tasks.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/**
 * The scope's sums, in SQL over the whole scope: its tasks, its open tasks with gaps, and per person the open
 * tasks they are Accountable for, when more than `maxAccountable`.
 */
export async function selectRaciSummary(
  executor: Executor,
  dialect: Dialect,
  scope: RaciScope,
  maxAccountable: number,
) {
  const [totalRow, gapRow, overloaded] = await Promise.all([
    (await raciScopeQuery(executor, dialect, scope))
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirst(),
    (await raciScopeQuery(executor, dialect, { ...scope, onlyGaps: true }))
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirst(),
    (async () => {
      const tasks = await raciScopeQuery(executor, dialect, { ...scope, onlyGaps: false });
      return tasks
        .innerJoin('task_roles as ar', 'ar.task_id', 'tasks.id')
        .where('ar.role', '=', 'A')
        .where('tasks.status', 'not in', CLOSED_TASK_STATUSES)
        .select(['ar.user_id', (eb) => eb.fn.countAll<number | string>().as('count')])
        .groupBy('ar.user_id')
        .having((eb) => eb.fn.countAll(), '>', maxAccountable)
        .execute();
    })(),
  ]);
  return {
    total: Number(totalRow?.count ?? 0),
    gaps: Number(gapRow?.count ?? 0),
    overloaded: overloaded.map((row) => ({ userId: row.user_id, count: Number(row.count) })),
  };
}
