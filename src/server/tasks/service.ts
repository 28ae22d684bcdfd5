import { AppError, type LocalizedText } from '../../core/errors/index.ts';
import { interpolate, LOCALES } from '../../core/i18n/index.ts';
import { RACI_MESSAGES, raciMatrixWarnings, validateRaci, type RaciRole } from '../../core/raci/index.ts';
import { formatCycle, wouldCreateCycle } from '../../core/schedule/cpm.ts';
import { weekPatternCalendar, type WeekPattern, type WorkCalendar } from '../../core/schedule/calendar.ts';
import { pathsToRoot, wbsCodeFromRanks } from '../../core/tasks/wbs.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import type { Dialect, Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMembers } from '../workspaces/queries.ts';
import { selectGoalId } from '../goals/queries.ts';
import * as queries from './queries.ts';
import { planRevisionCache } from './revisionCache.ts';

export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];

export const priorityName = (rank: number): Priority =>
  PRIORITIES[Math.min(3, Math.max(0, rank - 1))] ?? 'medium';
const priorityRank = (name: Priority): number => PRIORITIES.indexOf(name) + 1;

export type ChecklistItem = { text: string; done: boolean };
export type RoleAssignment = { userId: string; role: RaciRole };

type RoleRow = Awaited<ReturnType<typeof queries.selectRoles>>[number];

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** A board card, from the card's columns: the fields the card shows, its R and A roles and its WBS code. */
function toCard(row: queries.TaskCardRow, roles: RolesOf, wbs: string) {
  return {
    id: row.id,
    goalId: row.goal_id,
    isMilestone: row.is_milestone === 1,
    title: row.title,
    status: row.status as TaskStatus,
    priority: priorityName(row.priority),
    dueDate: row.due_date,
    roles: roles.get(row.id) ?? [],
    wbs,
  };
}

function toRole(role: RoleRow) {
  return { userId: role.user_id, name: role.name, role: role.role as RaciRole };
}

/**
 * A task row as the API shows it, with its roles (`rolesByTask`) and its WBS code. One object literal, not the
 * card's fields spread into one with the rest: on Node 20 every property written after a spread in a literal is a
 * runtime call (~0.6–1 µs each, 15 µs a task); mapping a page of 50 took 0.8 ms that way, 0.05 ms now.
 */
export function toTask(row: queries.TaskRow, roles: RolesOf, wbs: string) {
  return {
    id: row.id,
    goalId: row.goal_id,
    isMilestone: row.is_milestone === 1,
    title: row.title,
    status: row.status as TaskStatus,
    priority: priorityName(row.priority),
    dueDate: row.due_date,
    parentId: row.parent_id,
    position: row.position,
    description: row.description,
    estimateHours: row.estimate_hours,
    startDate: row.start_date,
    bufferDays: row.buffer_days,
    checklist: parseJson<ChecklistItem[]>(row.checklist, []),
    labels: parseJson<string[]>(row.labels, []),
    requiredSkills: parseJson<Array<{ skill: string; minLevel: number }>>(row.required_skills, []),
    recurrenceId: row.recurrence_id,
    occurrence: row.occurrence,
    roles: roles.get(row.id) ?? [],
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
    wbs,
  };
}

type RolesOf = Map<string, ReturnType<typeof toRole>[]>;

/** Roles as the API shows them, by task id, in the order read: one pass over them, not one per task. */
export function rolesByTask(roles: readonly RoleRow[]): RolesOf {
  const byTask: RolesOf = new Map();
  for (const role of roles) {
    const list = byTask.get(role.task_id);
    if (list) list.push(toRole(role));
    else byTask.set(role.task_id, [toRole(role)]);
  }
  return byTask;
}

export type TaskInput = {
  title?: string | undefined;
  description?: string | null | undefined;
  goalId?: string | null | undefined;
  parentId?: string | null | undefined;
  isMilestone?: boolean | undefined;
  status?: TaskStatus | undefined;
  priority?: Priority | undefined;
  estimateHours?: number | null | undefined;
  startDate?: string | null | undefined;
  dueDate?: string | null | undefined;
  bufferDays?: number | undefined;
  checklist?: ChecklistItem[] | undefined;
  labels?: string[] | undefined;
  requiredSkills?: Array<{ skill: string; minLevel: number }> | undefined;
};

async function requireTask(executor: Executor, workspaceId: string, taskId: string, path?: string) {
  const task = await queries.selectTask(executor, workspaceId, taskId);
  if (!task) throw new AppError('task_not_found', {}, path ? [{ path, message: '' }] : undefined);
  return task;
}

async function checkGoal(executor: Executor, workspaceId: string, goalId: string | null | undefined) {
  if (!goalId) return;
  const goal = await selectGoalId(executor, workspaceId, goalId);
  if (!goal) throw new AppError('goal_not_found', {}, [{ path: 'goalId', message: '' }]);
}

/** A new parent must be a task of this workspace that is not the task itself nor below it. */
async function checkParent(executor: Executor, workspaceId: string, taskId: string | null, parentId: string) {
  const links = await queries.selectParentLinks(executor, workspaceId);
  const parentOf = new Map(links.map((link) => [link.id, link.parent_id]));
  if (!parentOf.has(parentId)) throw new AppError('task_not_found', {}, [{ path: 'parentId', message: '' }]);
  for (
    let cursor: string | null | undefined = parentId, steps = 0;
    cursor && steps <= links.length;
    steps += 1
  ) {
    if (cursor === taskId) throw new AppError('task_parent_cycle', {}, [{ path: 'parentId', message: '' }]);
    cursor = parentOf.get(cursor);
  }
}

function checkDates(startDate: string | null | undefined, dueDate: string | null | undefined) {
  if (startDate && dueDate && dueDate < startDate) {
    throw new AppError('due_before_start', {}, [{ path: 'dueDate', message: '' }]);
  }
}

function inBothLanguages(render: (locale: (typeof LOCALES)[number]) => string): LocalizedText {
  return Object.fromEntries(LOCALES.map((locale) => [locale, render(locale)])) as LocalizedText;
}

/** Exactly one Accountable is enforced; one role per person (A may also be R); everyone a member. */
async function checkRoles(executor: Executor, workspaceId: string, roles: readonly RoleAssignment[]) {
  const members = new Map(
    (await selectMembers(executor, workspaceId)).map((member) => [member.user_id, member.name]),
  );
  const unknown = roles.findIndex((role) => !members.has(role.userId));
  if (unknown >= 0)
    throw new AppError('assignee_not_member', {}, [{ path: `roles.${unknown}.userId`, message: '' }]);
  const accountable = roles.filter((role) => role.role === 'A').length;
  if (accountable !== 1)
    throw new AppError('raci_accountable', { count: accountable }, [{ path: 'roles', message: '' }]);
  const conflicts = validateRaci(roles.map((role) => ({ personId: role.userId, role: role.role }))).filter(
    (issue) => issue.code === 'raci_multiple_roles' || issue.code === 'raci_duplicate_role',
  );
  const first = conflicts[0];
  if (first) {
    const params = { ...first.params, personId: members.get(String(first.params.personId)) ?? '' };
    throw new AppError('validation_failed', {}, [
      {
        path: 'roles',
        message: inBothLanguages((locale) => interpolate(RACI_MESSAGES[locale][first.code], params)),
      },
    ]);
  }
}

export async function listTasks(services: Services, actor: Actor, filter: queries.TaskListFilter) {
  // The route's schema has decoded and checked the cursor (`TaskListQuery`).
  await authorize(services.db, actor, filter.workspaceId, 'tasks.read');
  const rows = await queries.selectTaskPage(services.db, services.dialect, filter);
  const page = rows.slice(0, filter.limit);
  const ids = page.map((row) => row.id);
  // Two statements (two round trips on PostgreSQL): the page, then its roles, subtask counts and codes' ancestry.
  const coded = pageCodedIds(filter, page);
  const { roles, childCounts, codes } = await queries.selectPageSurroundings(
    services.db,
    services.dialect,
    filter.workspaceId,
    ids,
    coded.ids,
  );
  const codeOf = coded.codes(await codesFromAncestry(services.db, filter.workspaceId, coded.ids, codes));
  const rolesOf = rolesByTask(roles);
  return {
    // Assigned, not spread into a literal (see toTask).
    items: page.map((row) =>
      Object.assign(toTask(row, rolesOf, codeOf(row.id)), { childCount: childCounts.get(row.id) ?? 0 }),
    ),
    nextCursor: nextCursor(filter, rows),
  };
}

/** The roles a card shows: its people (TaskPeople) and the board's lanes by person are the R and A. */
const CARD_ROLES: readonly RaciRole[] = ['R', 'A'];

/**
 * The board's page: the list's filters, order and cursor, each task as a card (`TaskCard`) — the fields the card,
 * its lanes and a status drag use, 0.58 of a list row's bytes at the large bench scale; the task drawer reads the rest by id.
 */
export async function listTaskCards(services: Services, actor: Actor, filter: queries.TaskListFilter) {
  await authorize(services.db, actor, filter.workspaceId, 'tasks.read');
  const rows = await queries.selectTaskCardPage(services.db, services.dialect, filter);
  const page = rows.slice(0, filter.limit);
  const [roles, codes] = await Promise.all([
    queries.selectRoles(
      services.db,
      filter.workspaceId,
      page.map((row) => row.id),
      CARD_ROLES,
    ),
    pageWbsCodes(services.db, services.dialect, filter, page),
  ]);
  const rolesOf = rolesByTask(roles);
  return {
    items: page.map((row) => toCard(row, rolesOf, codes(row.id))),
    nextCursor: nextCursor(filter, rows),
  };
}

/** The cursor after a page read with one row more than `filter.limit`; null when that row is missing (the end). */
function nextCursor(filter: queries.TaskListFilter, rows: readonly queries.TaskCardRow[]): string | null {
  const last = rows.length > filter.limit ? rows[filter.limit - 1] : undefined;
  if (!last) return null;
  const value =
    filter.sort === 'priority'
      ? last.priority
      : filter.sort === 'due'
        ? (last.due_date ?? queries.NO_DUE)
        : filter.sort === 'wbs'
          ? last.position
          : null;
  return Buffer.from(JSON.stringify({ value, id: last.id })).toString('base64url');
}

/**
 * Whose ancestry a page's WBS codes need, and how to give every row its code from theirs. A page of one tree level
 * with nothing else filtered is a run of consecutive siblings, so only its first row is coded and the rest follow it.
 */
function pageCodedIds(filter: queries.TaskListFilter, page: readonly { id: string }[]) {
  const first = page[0];
  const isWholeLevel =
    filter.sort === 'wbs' &&
    !filter.statuses?.length &&
    !filter.assigneeId &&
    !filter.goalId &&
    !filter.label &&
    !filter.search?.trim() &&
    !filter.dueBefore &&
    !filter.dueAfter &&
    filter.isMilestone === undefined;
  if (!isWholeLevel || !first)
    return {
      ids: page.map((row) => row.id),
      codes: (codes: Map<string, string>) => (id: string) => codes.get(id) ?? '',
    };
  return {
    ids: [first.id],
    codes: (codes: Map<string, string>) => {
      const firstCode = codes.get(first.id) ?? '';
      const parts = firstCode.split('.');
      const prefix = parts.slice(0, -1).join('.');
      const start = Number(parts.at(-1));
      const following = new Map(
        page.map((row, index) => [row.id, prefix === '' ? `${start + index}` : `${prefix}.${start + index}`]),
      );
      return (id: string) => (firstCode === '' ? '' : (following.get(id) ?? ''));
    },
  };
}

/** The WBS codes of a page of tasks without reading the plan: one read of the ancestry of those `pageCodedIds` names. */
async function pageWbsCodes(
  executor: Executor,
  dialect: Dialect,
  filter: queries.TaskListFilter,
  page: readonly { id: string }[],
): Promise<(id: string) => string> {
  const coded = pageCodedIds(filter, page);
  return coded.codes(await wbsCodesOf(executor, dialect, filter.workspaceId, coded.ids));
}

// The top level's ranks per plan revision. A rank is an index count of the earlier siblings; the top level is the
// one sibling group that grows with the plan (routines add their occurrences there), so at thousands of top-level
// tasks each count walked thousands of index entries — 3.5 ms a code under the soak, 60 % of its database time.
// One ordered walk serves every code until the plan changes; a change that only appends to the top level (task
// create) extends it with the appended tasks instead of walking the level again.
type TopOrder = { topRevision: number; ranks: Map<string, number>; last: queries.TopLevelKey | null };
const topOrderCache = planRevisionCache<TopOrder>(16);

/** The top-level tasks' ranks; null inside a transaction (the counts serve it: see planRevisionCache). */
async function topLevelRanks(
  executor: Executor,
  workspaceId: string,
  /** The plan revision read with the ancestry these ranks complete. */
  revision: number,
): Promise<Map<string, number> | null> {
  if (executor.isTransaction) return null;
  const order = await topOrderCache(
    executor,
    workspaceId,
    (previous) => readTopOrder(executor, workspaceId, previous),
    revision,
  );
  return order.ranks;
}

async function readTopOrder(executor: Executor, workspaceId: string, previous?: TopOrder): Promise<TopOrder> {
  const topRevision = await queries.selectTopRevision(executor, workspaceId);
  if (previous?.topRevision === topRevision) {
    const appended = await queries.selectTopLevelOrder(executor, workspaceId, previous.last);
    // A rank-moving change that committed during that read may not show in it: then the whole level is read.
    if ((await queries.selectTopRevision(executor, workspaceId)) === topRevision) {
      // Extended in place: the ranks already there stay true, and readers of the older revision ask only for them.
      for (const key of appended) previous.ranks.set(key.id, previous.ranks.size);
      return { topRevision, ranks: previous.ranks, last: appended.at(-1) ?? previous.last };
    }
  }
  const order = await queries.selectTopLevelOrder(executor, workspaceId);
  return {
    topRevision,
    ranks: new Map(order.map((key, rank) => [key.id, rank])),
    last: order.at(-1) ?? null,
  };
}

/** WBS codes of some tasks (as `wbsCodes` of the whole plan would give them); '' for a task on a parent loop. */
export async function wbsCodesOf(
  executor: Executor,
  dialect: Dialect,
  workspaceId: string,
  taskIds: readonly string[],
): Promise<Map<string, string>> {
  const ancestry = await queries.selectCodeAncestry(executor, dialect, workspaceId, taskIds);
  return codesFromAncestry(executor, workspaceId, taskIds, ancestry);
}

/**
 * The codes from the tasks' ancestry as read with their nested ranks (`queries.CodeAncestry`): the top level's
 * ranks come from its order kept per plan revision, so a code usually costs no statement beyond that read.
 */
async function codesFromAncestry(
  executor: Executor,
  workspaceId: string,
  taskIds: readonly string[],
  { ancestry, revision }: queries.CodeAncestry,
): Promise<Map<string, string>> {
  const paths = pathsToRoot(ancestry, taskIds);
  const topIds = new Set<string>();
  // A parent outside the list (not in the workspace) makes the node a top one, as in wbsCodes.
  for (const path of paths.values()) if (path?.[0]) topIds.add(path[0].id);
  const ranks = new Map<string, number>();
  for (const node of ancestry) if (node.rank !== null && !topIds.has(node.id)) ranks.set(node.id, node.rank);
  const topRanks = topIds.size > 0 ? await topLevelRanks(executor, workspaceId, revision) : null;
  // An orphan (its parent outside the workspace) counts among the top level without being in its order; inside a
  // transaction no order is kept: both are counted.
  const unranked = [...topIds].filter((id) => !topRanks?.has(id));
  if (unranked.length > 0)
    for (const [id, rank] of await queries.selectSiblingRanks(executor, workspaceId, [], unranked))
      ranks.set(id, rank);
  for (const id of topIds) {
    const rank = topRanks?.get(id);
    if (rank !== undefined) ranks.set(id, rank);
  }
  const codes = new Map<string, string>();
  for (const [id, path] of paths) {
    codes.set(id, path ? wbsCodeFromRanks(path.map((node) => ranks.get(node.id) ?? 0)) : '');
  }
  return codes;
}

/** The most label choices a workspace offers (the rest are still shown on their tasks). */
export const MAX_LABEL_CHOICES = 500;

const labelCache = planRevisionCache<string[]>(1000);

/** The distinct labels of the workspace's tasks, sorted, at most MAX_LABEL_CHOICES: the filters' choices. */
export async function listLabels(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const labels = await labelCache(services.db, workspaceId, async () => {
    const lists = await queries.selectDistinctLabelLists(services.db, workspaceId);
    return [...new Set(lists.flatMap((row) => parseJson<string[]>(row.labels, [])))].sort();
  });
  return { labels: labels.slice(0, MAX_LABEL_CHOICES), truncated: labels.length > MAX_LABEL_CHOICES };
}

export async function getTask(services: Services, actor: Actor, workspaceId: string, taskId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  // One statement (one round trip on PostgreSQL): the task, its roles, dependencies and subtasks, and the ancestry
  // of it and its linked tasks; the top level's ranks come from the order kept per plan revision.
  const read = await queries.selectTaskWithSurroundings(services.db, services.dialect, workspaceId, taskId);
  if (!read) throw new AppError('task_not_found');
  const { task, roles, dependencies, children } = read;
  // The linked tasks' codes too, so the dependency list shows them without the whole plan.
  const linked = dependencies.flatMap((dependency) => [dependency.from_task_id, dependency.to_task_id]);
  const codes = await codesFromAncestry(
    services.db,
    workspaceId,
    [...new Set([taskId, ...linked])],
    read.codes,
  );
  const code = codes.get(taskId) ?? '';
  const rolesOf = rolesByTask(roles);
  return {
    task: toTask(task, rolesOf, code),
    predecessors: dependencies
      .filter((dependency) => dependency.to_task_id === taskId)
      .map((dependency) => ({
        taskId: dependency.from_task_id,
        title: dependency.from_title,
        wbs: codes.get(dependency.from_task_id) ?? '',
        lagDays: dependency.lag_days,
      })),
    successors: dependencies
      .filter((dependency) => dependency.from_task_id === taskId)
      .map((dependency) => ({
        taskId: dependency.to_task_id,
        title: dependency.to_title,
        wbs: codes.get(dependency.to_task_id) ?? '',
        lagDays: dependency.lag_days,
      })),
    // Children come in WBS order (position, then id): their codes follow the task's.
    children: children.map((child, index) =>
      toTask(child, rolesOf, code === '' ? '' : `${code}.${index + 1}`),
    ),
  };
}

export type NewTask = TaskInput & {
  title: string;
  roles?: RoleAssignment[] | undefined;
  /** Set when the task is one occurrence of a routine. */
  recurrence?: { id: string; occurrence: string } | undefined;
};

export async function createTask(services: Services, actor: Actor, workspaceId: string, input: NewTask) {
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const taskId = await services.db
    .transaction()
    .execute((trx) => createTaskInTransaction(services, trx, workspaceId, actor.userId, input));
  return getTask(services, actor, workspaceId, taskId);
}

/** Creates a task inside the caller's transaction: also how routines make their occurrences. */
export async function createTaskInTransaction(
  services: Services,
  trx: Executor,
  workspaceId: string,
  creatorId: string | null,
  input: NewTask,
): Promise<string> {
  checkDates(input.startDate, input.dueDate);
  await lockWorkspace(trx, services.dialect, 'tasks', workspaceId);
  const now = services.now();
  const taskId = newId(now);
  // Without a RACI the creator answers for the task: every task has its one Accountable from the start.
  const roles = input.roles?.length
    ? input.roles
    : creatorId
      ? [{ userId: creatorId, role: 'A' as const }]
      : [];
  if (input.parentId) await checkParent(trx, workspaceId, null, input.parentId);
  await checkGoal(trx, workspaceId, input.goalId);
  if (roles.length > 0) await checkRoles(trx, workspaceId, roles);
  await queries.insertTask(trx, {
    id: taskId,
    workspace_id: workspaceId,
    goal_id: input.goalId ?? null,
    parent_id: input.parentId ?? null,
    position: await queries.nextPosition(trx, workspaceId, input.parentId ?? null),
    is_milestone: input.isMilestone ? 1 : 0,
    title: input.title.trim(),
    description: input.description?.trim() || null,
    status: input.status ?? 'todo',
    priority: priorityRank(input.priority ?? 'medium'),
    estimate_hours: input.estimateHours ?? null,
    start_date: input.startDate ?? null,
    due_date: input.dueDate ?? null,
    buffer_days: input.bufferDays ?? 0,
    checklist: JSON.stringify(input.checklist ?? []),
    labels: JSON.stringify(input.labels ?? []),
    required_skills: JSON.stringify(input.requiredSkills ?? []),
    recurrence_id: input.recurrence?.id ?? null,
    occurrence: input.recurrence?.occurrence ?? null,
    completed_at: input.status === 'done' ? now : null,
    created_by: creatorId,
    created_at: now,
    updated_at: now,
  });
  await queries.replaceRoles(
    trx,
    taskId,
    roles.map((role) => ({
      workspace_id: workspaceId,
      task_id: taskId,
      user_id: role.userId,
      role: role.role,
    })),
  );
  await insertAuditEntry(trx, {
    workspaceId,
    actorId: creatorId,
    action: 'task.created',
    objectType: 'task',
    objectId: taskId,
    changes: {
      title: input.title.trim(),
      parentId: input.parentId ?? null,
      occurrence: input.recurrence?.occurrence ?? null,
    },
    now,
  });
  await emitAssigned(services, trx, workspaceId, taskId, [], roles, creatorId);
  if (input.recurrence) {
    await services.outbox.emit(trx, {
      workspaceId,
      type: 'routine.occurrence_created',
      payload: {
        taskId,
        routineId: input.recurrence.id,
        dueDate: input.dueDate ?? input.recurrence.occurrence,
      },
    });
  }
  return taskId;
}

async function emitAssigned(
  services: Services,
  trx: Executor,
  workspaceId: string,
  taskId: string,
  before: readonly RoleAssignment[],
  after: readonly RoleAssignment[],
  actorId: string | null,
) {
  const had = new Set(before.map((role) => `${role.userId}:${role.role}`));
  for (const role of after) {
    if ((role.role === 'R' || role.role === 'A') && !had.has(`${role.userId}:${role.role}`)) {
      await services.outbox.emit(trx, {
        workspaceId,
        type: 'task.assigned',
        payload: { taskId, ...role, actorId },
      });
    }
  }
}

export async function updateTask(
  context: WorkspaceContext,
  { taskId, input }: { taskId: string; input: TaskInput & { position?: number | undefined } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    if (input.parentId !== undefined || input.position !== undefined)
      await lockWorkspace(trx, services.dialect, 'tasks', workspaceId);
    const task = await requireTask(trx, workspaceId, taskId);
    checkDates(
      input.startDate !== undefined ? input.startDate : task.start_date,
      input.dueDate !== undefined ? input.dueDate : task.due_date,
    );
    if (input.parentId) await checkParent(trx, workspaceId, taskId, input.parentId);
    if (input.goalId !== undefined) await checkGoal(trx, workspaceId, input.goalId);
    const isMoving = input.parentId !== undefined && input.parentId !== task.parent_id;
    const changes = {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
      ...(input.goalId !== undefined ? { goal_id: input.goalId } : {}),
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(isMoving && input.position === undefined
        ? { position: await queries.nextPosition(trx, workspaceId, input.parentId ?? null) }
        : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.isMilestone !== undefined ? { is_milestone: input.isMilestone ? 1 : 0 } : {}),
      ...(input.status !== undefined
        ? { status: input.status, completed_at: input.status === 'done' ? (task.completed_at ?? now) : null }
        : {}),
      ...(input.priority !== undefined ? { priority: priorityRank(input.priority) } : {}),
      ...(input.estimateHours !== undefined ? { estimate_hours: input.estimateHours } : {}),
      ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
      ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
      ...(input.bufferDays !== undefined ? { buffer_days: input.bufferDays } : {}),
      ...(input.checklist !== undefined ? { checklist: JSON.stringify(input.checklist) } : {}),
      ...(input.labels !== undefined ? { labels: JSON.stringify(input.labels) } : {}),
      ...(input.requiredSkills !== undefined
        ? { required_skills: JSON.stringify(input.requiredSkills) }
        : {}),
    };
    await queries.updateTask(trx, taskId, { ...changes, updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'task.updated',
      objectType: 'task',
      objectId: taskId,
      changes: input,
      now,
    });
    if (input.status !== undefined && input.status !== task.status) {
      await services.outbox.emit(trx, {
        workspaceId,
        type: 'task.status_changed',
        payload: { taskId, from: task.status, to: input.status, actorId: actor.userId },
      });
    }
  });
  return getTask(services, actor, workspaceId, taskId);
}

export async function deleteTask(services: Services, actor: Actor, workspaceId: string, taskId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.delete');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const task = await requireTask(trx, workspaceId, taskId);
    await queries.deleteTask(trx, taskId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'task.deleted',
      objectType: 'task',
      objectId: taskId,
      changes: { title: task.title },
      now,
    });
  });
}

export async function setRoles(
  context: WorkspaceContext,
  { taskId, roles }: { taskId: string; roles: RoleAssignment[] },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    // The roles are replaced by delete-then-insert: two replacements at once would insert the same rows.
    await lockWorkspace(trx, services.dialect, 'tasks', workspaceId);
    await requireTask(trx, workspaceId, taskId);
    await checkRoles(trx, workspaceId, roles);
    const before = (await queries.selectRoles(trx, workspaceId, [taskId])).map((role) => ({
      userId: role.user_id,
      role: role.role as RaciRole,
    }));
    await queries.replaceRoles(
      trx,
      taskId,
      roles.map((role) => ({
        workspace_id: workspaceId,
        task_id: taskId,
        user_id: role.userId,
        role: role.role,
      })),
    );
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'task.roles_changed',
      objectType: 'task',
      objectId: taskId,
      changes: { before, after: roles },
      now,
    });
    await emitAssigned(services, trx, workspaceId, taskId, before, roles, actor.userId);
  });
  return getTask(services, actor, workspaceId, taskId);
}

/** Finish-to-start: `toTaskId` starts after `fromTaskId` finishes plus lag; a dependency closing a loop is refused. */
export async function addDependency(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { fromTaskId: string; toTaskId: string; lagDays: number },
) {
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  if (input.fromTaskId === input.toTaskId)
    throw new AppError('dependency_self', {}, [{ path: 'fromTaskId', message: '' }]);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    // Two opposite dependencies checked at once would each find no loop: check one after the other.
    await lockWorkspace(trx, services.dialect, 'tasks', workspaceId);
    const from = await requireTask(trx, workspaceId, input.fromTaskId, 'fromTaskId');
    const to = await requireTask(trx, workspaceId, input.toTaskId, 'toTaskId');
    const existing = await queries.selectDependencies(trx, workspaceId);
    const cycle = wouldCreateCycle(
      existing.map((dependency) => ({ from: dependency.from_task_id, to: dependency.to_task_id })),
      { from: from.id, to: to.id },
    );
    if (cycle) {
      const titles = new Map(
        (await queries.selectTasksByIds(trx, workspaceId, cycle)).map((task) => [task.id, task.title]),
      );
      throw new AppError(
        'dependency_cycle',
        { cycle: formatCycle(cycle.map((id) => titles.get(id) ?? id)) },
        [{ path: 'fromTaskId', message: '' }],
      );
    }
    await queries.insertDependency(trx, {
      workspace_id: workspaceId,
      from_task_id: from.id,
      to_task_id: to.id,
      lag_days: input.lagDays,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'task.dependency_added',
      objectType: 'task',
      objectId: to.id,
      changes: input,
      now,
    });
  });
  return getTask(services, actor, workspaceId, input.toTaskId);
}

export async function removeDependency(
  context: WorkspaceContext,
  { fromTaskId, toTaskId }: { fromTaskId: string; toTaskId: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await requireTask(trx, workspaceId, toTaskId);
    if ((await queries.deleteDependency(trx, fromTaskId, toTaskId)) === 0) throw new AppError('not_found');
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'task.dependency_removed',
      objectType: 'task',
      objectId: toTaskId,
      changes: { fromTaskId },
      now,
    });
  });
}

/** The workspace's working calendar: its week pattern (migration 0017; five days without one), holidays and 调休. */
export async function loadCalendar(executor: Executor, workspaceId: string): Promise<WorkCalendar> {
  const [days, settings] = await Promise.all([
    queries.selectCalendarDays(executor, workspaceId),
    queries.selectWeekPattern(executor, workspaceId),
  ]);
  return weekPatternCalendar(
    (settings?.week_pattern ?? 'five_day') as WeekPattern,
    settings?.big_week_of ?? null,
    days.filter((day) => day.kind === 'holiday').map((day) => day.day),
    days.filter((day) => day.kind === 'workday').map((day) => day.day),
  );
}

/** A workspace of at most this many members shows every member as a column; a larger one the people on the page. */
export const RACI_ALL_PEOPLE_UP_TO = 40;

export type RaciFilter = {
  goalId?: string | undefined;
  personId?: string | undefined;
  search?: string | undefined;
  onlyGaps?: boolean | undefined;
  /** People to show as columns besides those on the page (to give them a role). */
  people?: string[] | undefined;
  maxAccountable: number;
  offset: number;
  limit: number;
};

type RaciSummary = Awaited<ReturnType<typeof queries.selectRaciSummary>>;
/** Sums per scope and plan revision: the revision moves with every change to tasks and roles (0014). */
const raciSummaries = new Map<string, RaciSummary>();
const RACI_SUMMARIES_KEPT = 32;
/** Overloaded people listed (most loaded first); the count says how many there are in all. */
export const RACI_PEOPLE_WARNINGS_SHOWN = 20;

async function raciSummary(services: Services, scope: queries.RaciScope, maxAccountable: number) {
  const revision = await queries.selectPlanRevision(services.db, scope.workspaceId);
  const key = JSON.stringify([
    scope.workspaceId,
    revision,
    scope.goalId ?? null,
    scope.personId ?? null,
    scope.search?.trim().toLowerCase() ?? null,
    Boolean(scope.onlyGaps),
    maxAccountable,
  ]);
  const cached = raciSummaries.get(key);
  if (cached) return cached;
  const summary = await queries.selectRaciSummary(services.db, services.dialect, scope, maxAccountable);
  raciSummaries.set(key, summary);
  for (const old of raciSummaries.keys()) {
    if (raciSummaries.size <= RACI_SUMMARIES_KEPT) break;
    raciSummaries.delete(old);
  }
  return summary;
}

/**
 * One page of the RACI matrix: the scope's tasks (goal, person, title search, only gaps) a page at a time in
 * creation order with their roles and gaps, the people columns, and the sums over the whole scope (tasks, tasks
 * with gaps, overloaded Accountables) from SQL aggregates, kept per plan revision.
 */
export async function getRaciMatrix(context: WorkspaceContext, { filter }: { filter: RaciFilter }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const scope: queries.RaciScope = {
    workspaceId,
    goalId: filter.goalId,
    personId: filter.personId,
    search: filter.search,
    onlyGaps: filter.onlyGaps,
  };
  const [summary, members] = await Promise.all([
    raciSummary(services, scope, filter.maxAccountable),
    selectMembers(services.db, workspaceId),
  ]);
  // Past the last task (or an empty scope, often "only gaps") there is nothing to look for.
  const rows =
    filter.offset < summary.total
      ? await queries.selectRaciPage(services.db, services.dialect, scope, filter)
      : [];
  const [roles, codes] = await Promise.all([
    queries.selectRoles(
      services.db,
      workspaceId,
      rows.map((row) => row.id),
    ),
    wbsCodesOf(
      services.db,
      services.dialect,
      workspaceId,
      rows.map((row) => row.id),
    ),
  ]);
  const names = new Map(members.map((member) => [member.user_id, member.name]));
  const rolesByTask = new Map<string, Array<{ personId: string; role: RaciRole }>>();
  for (const role of roles) {
    const list = rolesByTask.get(role.task_id) ?? [];
    if (list.length === 0) rolesByTask.set(role.task_id, list);
    list.push({ personId: role.user_id, role: role.role as RaciRole });
  }
  const assignmentsOf = (taskId: string) => rolesByTask.get(taskId) ?? [];
  const warnings = raciMatrixWarnings(
    rows.map((task) => ({ id: task.id, status: task.status, assignments: assignmentsOf(task.id) })),
    { maxAccountablePerPerson: filter.maxAccountable },
  );
  const message = (code: keyof (typeof RACI_MESSAGES)['en'], params: Record<string, string | number>) => {
    const named = {
      ...params,
      personId: names.get(String(params.personId)) ?? String(params.personId ?? ''),
    };
    return interpolate(RACI_MESSAGES[locale][code], named);
  };
  const shown = new Set([...roles.map((role) => role.user_id), ...(filter.people ?? [])]);
  if (filter.personId) shown.add(filter.personId);
  const people =
    members.length <= RACI_ALL_PEOPLE_UP_TO ? members : members.filter((member) => shown.has(member.user_id));
  return {
    total: summary.total,
    offset: filter.offset,
    limit: filter.limit,
    gapCount: summary.gaps,
    allPeople: members.length <= RACI_ALL_PEOPLE_UP_TO,
    people: people.map((member) => ({ userId: member.user_id, name: member.name, title: member.title })),
    tasks: rows.map((task) => ({
      id: task.id,
      title: task.title,
      wbs: codes.get(task.id) ?? '',
      status: task.status as TaskStatus,
      cells: assignmentsOf(task.id),
    })),
    taskWarnings: warnings.tasks.map((warning) => ({
      taskId: warning.taskId,
      issues: warning.issues.map((issue) => ({
        code: issue.code,
        message: message(issue.code, issue.params),
      })),
    })),
    // Most loaded first, ties by id, as `raciMatrixWarnings` orders them.
    peopleWarningCount: summary.overloaded.length,
    peopleWarnings: [...summary.overloaded]
      .sort((a, b) => b.count - a.count || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
      .slice(0, RACI_PEOPLE_WARNINGS_SHOWN)
      .map((person) => ({
        userId: person.userId,
        count: person.count,
        message: message('raci_accountable_overload', {
          personId: person.userId,
          count: person.count,
          max: filter.maxAccountable,
        }),
      })),
  };
}
