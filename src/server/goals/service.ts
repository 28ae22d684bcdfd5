import { AppError, type FieldError } from '../../core/errors/index.ts';
import { expectedProgress, HEALTH_MESSAGES, type HealthReasonCode } from '../../core/goals/progress.ts';
import { interpolate, type Locale } from '../../core/i18n/index.ts';
import { renderMarkdown } from '../../core/markdown/index.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { selectKpiByKey, selectRedKpis } from '../kpis/queries.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMember } from '../workspaces/queries.ts';
import * as queries from './queries.ts';
import { refreshKpisAndGoals, rollupGoalsAbove } from './refresh.ts';
import { analyseGoalInWorkspace, type SmartInput } from './smart.ts';
import { workspaceToday } from '../workspaces/worktime.ts';

export type GoalStatus = 'draft' | 'active' | 'done' | 'cancelled';
export type Health = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

function healthReason(raw: string | null, locale: Locale) {
  if (!raw) return null;
  const reason = JSON.parse(raw) as { code: HealthReasonCode; params: Record<string, string | number> };
  return { ...reason, message: interpolate(HEALTH_MESSAGES[locale][reason.code], reason.params) };
}

function toGoal(row: queries.GoalRow, today: string, locale: Locale) {
  return {
    id: row.id,
    parentId: row.parent_id,
    title: row.title,
    description: row.description,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    startDate: row.start_date,
    dueDate: row.due_date,
    status: row.status as GoalStatus,
    weight: row.weight,
    isTopLevel: row.is_top_level === 1,
    progress: row.progress,
    projectedProgress: row.projected_progress,
    expectedProgress: expectedProgress(row.start_date, row.due_date, today),
    health: row.health as Health,
    healthReason: healthReason(row.health_reason, locale),
    keyResultCount: Number(row.key_result_count ?? 0),
    updatedAt: row.updated_at,
  };
}

function toKeyResult(row: queries.KeyResultRow) {
  return {
    id: row.id,
    title: row.title,
    kind: row.kpi_id ? ('kpi' as const) : ('deliverable' as const),
    kpi: row.kpi_key
      ? {
          key: row.kpi_key,
          name: row.kpi_name ?? row.kpi_key,
          unit: row.kpi_unit,
          direction: row.kpi_direction as 'higher' | 'lower',
          frequency: row.kpi_frequency as 'day' | 'week' | 'month',
          aggregation: row.kpi_aggregation as 'sum' | 'avg' | 'last' | 'min' | 'max',
        }
      : null,
    baseline: row.baseline,
    target: row.target,
    current: row.current,
    weight: row.weight,
    isDone: row.is_done === 1,
    progress: row.progress,
    projectedProgress: row.projected_progress,
    projectedValue: row.projected_value,
    reachDate: row.reach_date,
  };
}

function toCheckIn(row: queries.CheckInRow) {
  return {
    id: row.id,
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    progress: row.progress,
    confidence: row.confidence,
    note: row.note,
    blockers: row.blockers,
    createdAt: row.created_at,
  };
}

export type KeyResultInput = {
  title: string;
  kpiKey?: string | null | undefined;
  baseline?: number | null | undefined;
  target?: number | null | undefined;
  weight?: number | undefined;
  isDone?: boolean | undefined;
};

export type GoalInput = {
  title?: string | undefined;
  description?: string | null | undefined;
  parentId?: string | null | undefined;
  isTopLevel?: boolean | undefined;
  ownerId?: string | null | undefined;
  startDate?: string | undefined;
  dueDate?: string | undefined;
  status?: GoalStatus | undefined;
  weight?: number | undefined;
};

/** Today in the workspace's time zone. */
function today(services: Services, workspaceId: string, executor?: Executor): Promise<string> {
  return workspaceToday(services, workspaceId, executor);
}

async function requireGoal(executor: Executor, workspaceId: string, goalId: string) {
  const goal = await queries.selectGoal(executor, workspaceId, goalId);
  if (!goal) throw new AppError('goal_not_found');
  return goal;
}

/** A parent must be a goal of this workspace that is not the goal itself nor below it. */
async function checkParent(executor: Executor, workspaceId: string, goalId: string | null, parentId: string) {
  // The parent's own ancestry: the goal may not be in it (that would close a loop).
  const ancestry = await queries.selectAncestry(executor, workspaceId, parentId);
  if (!ancestry.some((link) => link.id === parentId))
    throw new AppError('goal_not_found', {}, [{ path: 'parentId', message: '' }]);
  if (goalId && ancestry.some((link) => link.id === goalId))
    throw new AppError('goal_cycle', {}, [{ path: 'parentId', message: '' }]);
}

async function checkOwner(executor: Executor, workspaceId: string, ownerId: string | null | undefined) {
  if (ownerId && !(await selectMember(executor, workspaceId, ownerId))) {
    throw new AppError('owner_not_member', {}, [{ path: 'ownerId', message: '' }]);
  }
}

/** A KPI key result needs an existing KPI and a baseline different from its target; returns the KPI id. */
async function resolveKeyResult(
  executor: Executor,
  workspaceId: string,
  input: KeyResultInput,
  path: string,
) {
  if (!input.kpiKey) return null;
  const kpi = await selectKpiByKey(executor, workspaceId, input.kpiKey);
  if (!kpi) throw new AppError('kpi_not_found', {}, [{ path: `${path}kpiKey`, message: '' }]);
  const fields: FieldError[] = [];
  if (input.baseline === null || input.baseline === undefined)
    fields.push({ path: `${path}baseline`, message: '' });
  if (input.target === null || input.target === undefined)
    fields.push({ path: `${path}target`, message: '' });
  if (fields.length > 0)
    throw new AppError(
      'validation_failed',
      {},
      fields.map((field) => ({ ...field, message: { en: 'Required.', 'zh-CN': '必填。' } })),
    );
  if (input.baseline === input.target) {
    throw new AppError('baseline_equals_target', {}, [{ path: `${path}target`, message: '' }]);
  }
  return kpi.id;
}

async function insertKeyResults(
  trx: Executor,
  workspaceId: string,
  goalId: string,
  inputs: readonly KeyResultInput[],
  now: number,
  pathPrefix: (index: number) => string,
) {
  let position = await queries.nextKeyResultPosition(trx, goalId);
  const kpiKeys: string[] = [];
  for (const [index, input] of inputs.entries()) {
    const kpiId = await resolveKeyResult(trx, workspaceId, input, pathPrefix(index));
    if (input.kpiKey) kpiKeys.push(input.kpiKey);
    await queries.insertKeyResult(trx, {
      id: newId(now),
      workspace_id: workspaceId,
      goal_id: goalId,
      title: input.title.trim(),
      kpi_id: kpiId,
      baseline: kpiId ? (input.baseline ?? null) : null,
      target: kpiId ? (input.target ?? null) : null,
      weight: input.weight ?? 1,
      is_done: !kpiId && input.isDone ? 1 : 0,
      current: null,
      progress: !kpiId && input.isDone ? 1 : 0,
      projected_progress: null,
      projected_value: null,
      reach_date: null,
      position,
      created_at: now,
      updated_at: now,
    });
    position += 1;
  }
  return kpiKeys;
}

function toGoalNode(row: queries.GoalNodeRow, today: string) {
  return {
    id: row.id,
    parentId: row.parent_id,
    title: row.title,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    startDate: row.start_date,
    dueDate: row.due_date,
    status: row.status as GoalStatus,
    isTopLevel: row.is_top_level === 1,
    progress: row.progress,
    expectedProgress: expectedProgress(row.start_date, row.due_date, today),
    health: row.health as Health,
    keyResultCount: Number(row.key_result_count ?? 0),
    childCount: Number(row.child_count ?? 0),
  };
}

export type GoalListQuery = {
  parentId?: string | undefined;
  q?: string | undefined;
  ids?: string[] | undefined;
  status?: GoalStatus | undefined;
  health?: Health | undefined;
  limit?: number | undefined;
  cursor?: { dueDate: string; id: string } | undefined;
};

export const GOAL_PAGE_SIZE = 100;
/** What the list answers without any parameter: never every goal of a large workspace at once. */
export const GOAL_LIST_CAP = 1000;

/**
 * The goal tree, compact. With `parentId` (`root` for the top level), a search or a filter it is paged (100 a
 * page unless `limit` says otherwise, `nextCursor` for the next); with none, the first 1,000 in due-date order
 * and `nextCursor` (pickers search instead). With `ids`, exactly those goals of the workspace (others' ids are
 * not found).
 */
export async function listGoalNodes(
  services: Services,
  actor: Actor,
  workspaceId: string,
  query: GoalListQuery,
) {
  await authorize(services.db, actor, workspaceId, 'goals.read');
  const day = await today(services, workspaceId);
  const paged = Object.values(query).some((value) => value !== undefined && value !== '');
  // Asked by id, every one found fits: at most 100 ids, each once. Without any parameter, a bounded first page.
  const limit = query.ids ? query.ids.length : (query.limit ?? (paged ? GOAL_PAGE_SIZE : GOAL_LIST_CAP));
  const rows = await queries.selectGoalNodes(services.db, services.dialect, workspaceId, {
    parentId: query.parentId === 'root' ? null : query.parentId,
    titleContains: query.q || undefined,
    ids: query.ids && [...new Set(query.ids)],
    status: query.status,
    health: query.health,
    after: query.cursor,
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => toGoalNode(row, day)),
    nextCursor: rows.length > limit && last ? `${last.due_date}~${last.id}` : null,
  };
}

export async function getGoal(context: WorkspaceContext, { goalId }: { goalId: string }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'goals.read');
  const day = await today(services, workspaceId);
  const goal = await requireGoal(services.db, workspaceId, goalId);
  const [keyResults, checkIns, children, links] = await Promise.all([
    queries.selectKeyResults(services.db, goalId),
    queries.selectCheckIns(services.db, goalId, 50),
    queries.selectChildGoals(services.db, workspaceId, goalId),
    queries.selectAncestry(services.db, workspaceId, goalId),
  ]);
  const byId = new Map(links.map((link) => [link.id, link]));
  const ancestors: Array<{ id: string; title: string }> = [];
  for (
    let cursor = goal.parent_id;
    cursor && ancestors.length < links.length;
    cursor = byId.get(cursor)?.parent_id ?? null
  ) {
    const link = byId.get(cursor);
    if (!link) break;
    ancestors.unshift({ id: link.id, title: link.title });
  }
  const smart = await analyseGoalInWorkspace(services.db, workspaceId, {
    statement: goal.title,
    today: day,
    locale,
    parentGoalId: goal.parent_id,
    parentGoalTitle: ancestors.at(-1)?.title ?? null,
    isTopLevel: goal.is_top_level === 1,
    startDate: goal.start_date,
    dueDate: goal.due_date,
    keyResults: keyResults.flatMap((keyResult) =>
      keyResult.kpi_key
        ? [
            {
              kpiKey: keyResult.kpi_key,
              title: keyResult.title,
              baseline: keyResult.baseline,
              target: keyResult.target,
            },
          ]
        : [],
    ),
  });
  return {
    goal: toGoal(goal, day, locale),
    smart,
    descriptionHtml: goal.description ? renderMarkdown(goal.description) : null,
    ancestors,
    keyResults: keyResults.map(toKeyResult),
    children: children.map((row) => toGoal(row, day, locale)),
    checkIns: checkIns.map(toCheckIn),
  };
}

export async function createGoal(
  context: WorkspaceContext,
  {
    input,
  }: {
    input: GoalInput & {
      title: string;
      startDate: string;
      dueDate: string;
      keyResults?: KeyResultInput[] | undefined;
    };
  },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'goals.write');
  if (input.dueDate < input.startDate)
    throw new AppError('due_before_start', {}, [{ path: 'dueDate', message: '' }]);
  const now = services.now();
  const goalId = newId(now);
  await services.db.transaction().execute(async (trx) => {
    if (input.parentId) await checkParent(trx, workspaceId, null, input.parentId);
    await checkOwner(trx, workspaceId, input.ownerId);
    await queries.insertGoal(trx, {
      id: goalId,
      workspace_id: workspaceId,
      parent_id: input.parentId ?? null,
      title: input.title.trim(),
      description: input.description?.trim() || null,
      owner_id: input.ownerId ?? actor.userId,
      start_date: input.startDate,
      due_date: input.dueDate,
      status: input.status ?? 'active',
      weight: input.weight ?? 1,
      is_top_level: input.isTopLevel && !input.parentId ? 1 : 0,
      progress: 0,
      projected_progress: null,
      health: 'no_data',
      health_reason: null,
      created_at: now,
      updated_at: now,
    });
    const kpiKeys = await insertKeyResults(
      trx,
      workspaceId,
      goalId,
      input.keyResults ?? [],
      now,
      (i) => `keyResults.${i}.`,
    );
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'goal.created',
      objectType: 'goal',
      objectId: goalId,
      changes: {
        title: input.title.trim(),
        parentId: input.parentId ?? null,
        keyResults: input.keyResults?.length ?? 0,
      },
      now,
    });
    await services.outbox.emit(trx, { workspaceId, type: 'goal.created', payload: { goalId } });
    await refreshAfter(services, trx, workspaceId, kpiKeys, [goalId]);
  });
  return getGoal(context, { goalId });
}

/**
 * After a change, key results on KPIs re-read their KPI; the touched goals and their ancestors roll up again
 * (a goal's rollup reads its key results and its children's stored figures, nothing else moves).
 */
async function refreshAfter(
  services: Services,
  trx: Executor,
  workspaceId: string,
  kpiKeys: readonly string[],
  goalIds: ReadonlyArray<string | null>,
) {
  const touched = goalIds.filter((id): id is string => id !== null);
  if (kpiKeys.length > 0) await refreshKpisAndGoals(services, trx, workspaceId, kpiKeys, touched);
  else await rollupGoalsAbove(services, trx, workspaceId, touched);
}

export async function updateGoal(
  context: WorkspaceContext,
  { goalId, input }: { goalId: string; input: GoalInput },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'goals.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const goal = await requireGoal(trx, workspaceId, goalId);
    const startDate = input.startDate ?? goal.start_date;
    const dueDate = input.dueDate ?? goal.due_date;
    if (dueDate < startDate) throw new AppError('due_before_start', {}, [{ path: 'dueDate', message: '' }]);
    if (input.parentId) await checkParent(trx, workspaceId, goalId, input.parentId);
    await checkOwner(trx, workspaceId, input.ownerId);
    const changes = {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.isTopLevel !== undefined ? { is_top_level: input.isTopLevel ? 1 : 0 } : {}),
      ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
      ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
      ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.weight !== undefined ? { weight: input.weight } : {}),
    };
    await queries.updateGoal(trx, goalId, { ...changes, updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'goal.updated',
      objectType: 'goal',
      objectId: goalId,
      changes,
      now,
    });
    // Dates move the window key results read from their KPIs.
    const kpiKeys =
      input.startDate !== undefined || input.dueDate !== undefined
        ? (await queries.selectKeyResults(trx, goalId)).flatMap((keyResult) =>
            keyResult.kpi_key ? [keyResult.kpi_key] : [],
          )
        : [];
    // A goal moved to another parent leaves its old one to roll up without it.
    await refreshAfter(services, trx, workspaceId, kpiKeys, [goalId, goal.parent_id]);
  });
  return getGoal(context, { goalId });
}

export async function deleteGoal(services: Services, actor: Actor, workspaceId: string, goalId: string) {
  await authorize(services.db, actor, workspaceId, 'goals.delete');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const goal = await requireGoal(trx, workspaceId, goalId);
    const children = await queries.selectChildGoals(trx, workspaceId, goalId);
    if (children.length > 0) throw new AppError('goal_has_children', { count: children.length });
    await queries.deleteGoal(trx, goalId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'goal.deleted',
      objectType: 'goal',
      objectId: goalId,
      changes: { title: goal.title },
      now,
    });
    await refreshAfter(services, trx, workspaceId, [], [goal.parent_id]);
  });
}

export async function addKeyResult(
  context: WorkspaceContext,
  { goalId, input }: { goalId: string; input: KeyResultInput },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'goals.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await requireGoal(trx, workspaceId, goalId);
    const kpiKeys = await insertKeyResults(trx, workspaceId, goalId, [input], now, () => '');
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'key_result.created',
      objectType: 'goal',
      objectId: goalId,
      changes: { title: input.title, kpiKey: input.kpiKey ?? null },
      now,
    });
    await refreshAfter(services, trx, workspaceId, kpiKeys, [goalId]);
  });
  return getGoal(context, { goalId });
}

export async function updateKeyResult(
  context: WorkspaceContext,
  { keyResultId, input }: { keyResultId: string; input: Partial<KeyResultInput> },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'goals.write');
  const now = services.now();
  const goalId = await services.db.transaction().execute(async (trx) => {
    const keyResult = await queries.selectKeyResult(trx, workspaceId, keyResultId);
    if (!keyResult) throw new AppError('key_result_not_found');
    const current = (await queries.selectKeyResults(trx, keyResult.goal_id)).find(
      (row) => row.id === keyResultId,
    );
    const merged: KeyResultInput = {
      title: input.title ?? keyResult.title,
      kpiKey: input.kpiKey !== undefined ? input.kpiKey : (current?.kpi_key ?? null),
      baseline: input.baseline !== undefined ? input.baseline : keyResult.baseline,
      target: input.target !== undefined ? input.target : keyResult.target,
      weight: input.weight ?? keyResult.weight,
      isDone: input.isDone ?? keyResult.is_done === 1,
    };
    const kpiId = await resolveKeyResult(trx, workspaceId, merged, '');
    await queries.updateKeyResult(trx, keyResultId, {
      title: merged.title.trim(),
      kpi_id: kpiId,
      baseline: kpiId ? (merged.baseline ?? null) : null,
      target: kpiId ? (merged.target ?? null) : null,
      weight: merged.weight ?? 1,
      is_done: !kpiId && merged.isDone ? 1 : 0,
      ...(kpiId
        ? {}
        : {
            progress: merged.isDone ? 1 : 0,
            current: null,
            projected_progress: null,
            projected_value: null,
            reach_date: null,
          }),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'key_result.updated',
      objectType: 'goal',
      objectId: keyResult.goal_id,
      changes: { keyResultId, ...input },
      now,
    });
    await refreshAfter(services, trx, workspaceId, merged.kpiKey ? [merged.kpiKey] : [], [keyResult.goal_id]);
    return keyResult.goal_id;
  });
  return getGoal(context, { goalId });
}

export async function deleteKeyResult(
  services: Services,
  actor: Actor,
  workspaceId: string,
  keyResultId: string,
) {
  await authorize(services.db, actor, workspaceId, 'goals.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const keyResult = await queries.selectKeyResult(trx, workspaceId, keyResultId);
    if (!keyResult) throw new AppError('key_result_not_found');
    await queries.deleteKeyResult(trx, keyResultId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'key_result.deleted',
      objectType: 'goal',
      objectId: keyResult.goal_id,
      changes: { title: keyResult.title },
      now,
    });
    await refreshAfter(services, trx, workspaceId, [], [keyResult.goal_id]);
  });
}

/** Records a check-in; answers with it and the goal's summary as it stands (not the whole goal page). */
export async function addCheckIn(
  context: WorkspaceContext,
  {
    goalId,
    input,
  }: { goalId: string; input: { note: string; confidence: number; blockers?: string | null | undefined } },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'goals.write');
  const now = services.now();
  const day = await today(services, workspaceId);
  return services.db.transaction().execute(async (trx) => {
    const goal = await requireGoal(trx, workspaceId, goalId);
    const id = newId(now);
    await queries.insertCheckIn(trx, {
      id,
      workspace_id: workspaceId,
      goal_id: goalId,
      author_id: actor.userId,
      progress: goal.progress,
      confidence: input.confidence,
      note: input.note.trim(),
      blockers: input.blockers?.trim() || null,
      created_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'goal.checked_in',
      objectType: 'goal',
      objectId: goalId,
      changes: { confidence: input.confidence },
      now,
    });
    return {
      checkIn: toCheckIn(await queries.selectCheckIn(trx, id)),
      goal: toGoal(goal, day, locale),
    };
  });
}

/** SMART analysis as the goal form is typed, with the workspace's context. */
export async function analyseStatement(
  context: WorkspaceContext,
  {
    input,
  }: {
    input: Omit<SmartInput, 'today' | 'locale' | 'keyResults' | 'parentGoalTitle'> & {
      kpiKey?: string | null | undefined;
      keyResult?:
        | { title?: string | null | undefined; baseline: number | null; target: number | null }
        | null
        | undefined;
    };
  },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'goals.read');
  const parent = input.parentGoalId ? await requireGoal(services.db, workspaceId, input.parentGoalId) : null;
  const { kpiKey, keyResult, ...rest } = input;
  const keyResults = kpiKey
    ? [
        {
          kpiKey,
          title: keyResult?.title ?? null,
          baseline: keyResult?.baseline ?? null,
          target: keyResult?.target ?? null,
        },
      ]
    : [];
  return analyseGoalInWorkspace(services.db, workspaceId, {
    ...rest,
    parentGoalTitle: parent?.title ?? null,
    keyResults,
    today: await today(services, workspaceId),
    locale,
  });
}

/** What a lead looks at first: how goals stand, which need attention, which KPIs are red. */
export async function getDashboard(services: Services, actor: Actor, workspaceId: string, locale: Locale) {
  await authorize(services.db, actor, workspaceId, 'goals.read');
  const day = await today(services, workspaceId);
  const [counted, attention] = await Promise.all([
    queries.countActiveGoalsByHealth(services.db, workspaceId),
    queries.selectAttentionGoals(services.db, workspaceId, 20),
  ]);
  const count = (health: Health) => Number(counted.find((row) => row.health === health)?.count ?? 0);
  // Two rows of cards: a large workspace has hundreds in the red, and the overview links to the KPI list of them.
  const redKpis = await selectRedKpis(services.db, workspaceId, 6);
  return {
    today: day,
    counts: {
      total: counted.reduce((sum, row) => sum + Number(row.count), 0),
      onTrack: count('on_track'),
      atRisk: count('at_risk'),
      offTrack: count('off_track'),
      noData: count('no_data'),
    },
    attention: attention.map((row) => toGoal(row, day, locale)),
    redKpis: redKpis.map((kpi) => ({
      key: kpi.key,
      name: kpi.name,
      unit: kpi.unit,
      lastValue: kpi.last_value,
      lastPeriod: kpi.last_period,
      thresholds: kpi.green !== null && kpi.amber !== null ? { green: kpi.green, amber: kpi.amber } : null,
      direction: kpi.direction as 'higher' | 'lower',
    })),
  };
}
