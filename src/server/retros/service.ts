import { AppError, type LocalizedText } from '../../core/errors/index.ts';
import { periodsBetween, type Frequency } from '../../core/kpis/periods.ts';
import { analyseProcessRuns } from '../../core/processes/analytics.ts';
import {
  actionCompletion,
  isActionOpen,
  normaliseCauses,
  normaliseTags,
  previousWindow,
  retroFigures,
  rootCause,
  similarLessons,
  type Cause,
  type PastLesson,
  type RetroFacts,
  type RetroFigure,
  type RetroSubject,
} from '../../core/retros/index.ts';
import type { ImprovementSection } from '../../core/retros/chapter.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { selectMemberIds } from '../feedback/queries.ts';
import * as processQueries from '../processes/queries.ts';
import { selectRunsForAnalytics } from '../processes/queries.ts';
import { parseSteps, toRecords } from '../processes/service.ts';
import { zoneClock } from '../../core/schedule/worktime.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';
import { dayInTimezone } from '../time.ts';
import { createTaskInTransaction } from '../tasks/service.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';

export type ActionInput = { title: string; ownerId?: string | null | undefined; dueDate: string };
export type LessonInput = { text: string; tags?: string[] | undefined };

export type RetroInput = {
  title: string;
  subjectType: RetroSubject;
  subjectId?: string | null | undefined;
  processVersionId?: string | null | undefined;
  periodStart?: string | null | undefined;
  periodEnd?: string | null | undefined;
  kpiIds?: string[] | undefined;
  goalReview?: string | undefined;
  wentWell?: string[] | undefined;
  wentBadly?: string[] | undefined;
  causes?: Cause[] | undefined;
  lessons?: LessonInput[] | undefined;
  proposedChange?: string | null | undefined;
  ownerId?: string | null | undefined;
  actions?: ActionInput[] | undefined;
};

export type RetroChanges = Partial<
  Omit<RetroInput, 'subjectType' | 'subjectId' | 'processVersionId' | 'actions'>
> & { status?: 'draft' | 'done' | undefined };

const SUBJECT_NAMES: Record<RetroSubject, LocalizedText> = {
  goal: { 'zh-CN': '目标', en: 'goal' },
  milestone: { 'zh-CN': '里程碑', en: 'milestone' },
  process: { 'zh-CN': '流程', en: 'process' },
  campaign: { 'zh-CN': '活动', en: 'campaign' },
  period: { 'zh-CN': '周期', en: 'period' },
};

const strings = (json: string) => JSON.parse(json) as string[];
const clean = (items: readonly string[] | undefined) =>
  (items ?? []).map((item) => item.trim()).filter((item) => item !== '');

async function requireRetro(executor: Executor, workspaceId: string, retroId: string) {
  const row = await queries.selectRetro(executor, workspaceId, retroId);
  if (!row) throw new AppError('retro_not_found');
  return row;
}

/** Checks the subject belongs to this workspace and returns what is stored for it. */
async function checkSubject(executor: Executor, workspaceId: string, input: RetroInput) {
  const subject = SUBJECT_NAMES[input.subjectType];
  const missing = () =>
    new AppError('retro_subject_not_found', { subject }, [{ path: 'subjectId', message: '' }]);
  let processVersionId: string | null = null;
  if (input.subjectType === 'campaign' || input.subjectType === 'period') {
    if (!input.periodStart || !input.periodEnd) {
      throw new AppError('retro_period_required', {}, [
        ...(input.periodStart ? [] : [{ path: 'periodStart', message: '' }]),
        ...(input.periodEnd ? [] : [{ path: 'periodEnd', message: '' }]),
      ]);
    }
    return { subjectId: null, processVersionId };
  }
  if (!input.subjectId) {
    throw new AppError('retro_subject_required', { subject }, [{ path: 'subjectId', message: '' }]);
  }
  if (input.subjectType === 'goal') {
    if (!(await queries.selectGoal(executor, workspaceId, input.subjectId))) throw missing();
  } else if (input.subjectType === 'milestone') {
    if (!(await queries.selectTask(executor, workspaceId, input.subjectId))) throw missing();
  } else {
    const process = await queries.selectProcess(executor, workspaceId, input.subjectId);
    if (!process) throw missing();
    processVersionId = input.processVersionId ?? process.current_version_id;
    if (processVersionId && !(await queries.selectVersion(executor, process.id, processVersionId))) {
      throw new AppError('retro_subject_not_found', { subject }, [{ path: 'processVersionId', message: '' }]);
    }
  }
  return { subjectId: input.subjectId, processVersionId };
}

function checkPeriod(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) {
    throw new AppError('retro_period_order', {}, [{ path: 'periodEnd', message: '' }]);
  }
}

async function checkKpis(executor: Executor, workspaceId: string, kpiIds: readonly string[]) {
  const unique = [...new Set(kpiIds)];
  const found = await queries.selectKpis(executor, workspaceId, unique);
  if (found.length !== unique.length)
    throw new AppError('retro_kpi_not_found', {}, [{ path: 'kpiIds', message: '' }]);
  return unique;
}

function toLessons(lessons: readonly LessonInput[] | undefined, now: number) {
  return (lessons ?? [])
    .map((lesson) => ({ text: lesson.text.trim(), tags: normaliseTags(lesson.tags ?? []) }))
    .filter((lesson) => lesson.text !== '')
    .map((lesson, index) => ({ ...lesson, id: newId(now + index) }));
}

/**
 * Every action must have an owner who is a member before anything is written: the whole batch is refused
 * with the first action at fault named, so no 复盘 is left with half its actions.
 */
async function checkActions(
  executor: Executor,
  workspaceId: string,
  actions: readonly ActionInput[],
  path: string,
) {
  for (const [index, action] of actions.entries()) {
    if (!action.ownerId) {
      throw new AppError('retro_action_owner_required', { title: action.title.trim() }, [
        { path: `${path}.${index}.ownerId`, message: '' },
      ]);
    }
  }
  const owners = await selectMemberIds(
    executor,
    workspaceId,
    actions.map((action) => action.ownerId ?? ''),
  );
  for (const [index, action] of actions.entries()) {
    if (!owners.has(action.ownerId ?? '')) {
      throw new AppError('retro_action_owner_not_member', { title: action.title.trim() }, [
        { path: `${path}.${index}.ownerId`, message: '' },
      ]);
    }
  }
}

/** Each action becomes a task (owner as R and A, due on the day agreed) linked to the 复盘, in the caller's transaction. */
async function insertActions(
  services: Services,
  trx: Executor,
  actor: Actor,
  workspaceId: string,
  retro: { id: string; title: string; goalId: string | null },
  actions: readonly ActionInput[],
) {
  const now = services.now();
  for (const [index, action] of actions.entries()) {
    const ownerId = action.ownerId ?? '';
    const taskId = await createTaskInTransaction(services, trx, workspaceId, actor.userId, {
      title: action.title.trim(),
      description: retro.title,
      dueDate: action.dueDate,
      goalId: retro.goalId,
      roles: [
        { userId: ownerId, role: 'R' },
        { userId: ownerId, role: 'A' },
      ],
    });
    await queries.insertAction(trx, {
      id: newId(now + index),
      workspace_id: workspaceId,
      retro_id: retro.id,
      task_id: taskId,
      title: action.title.trim(),
      owner_id: ownerId,
      due_date: action.dueDate,
      created_at: now,
    });
  }
}

/** 回顾目标: the facts of the subject read from goals, key results, tasks, KPIs or process cases. */
async function readFacts(services: Services, row: queries.RetroRow): Promise<RetroFacts | null> {
  const db = services.db;
  const workspaceId = row.workspace_id;
  if (row.subject_type === 'goal' && row.subject_id) {
    const goal = await queries.selectGoal(db, workspaceId, row.subject_id);
    if (!goal) return null;
    const keyResults = await queries.selectKeyResults(db, goal.id);
    return {
      kind: 'goal',
      workspaceId,
      goal: { id: goal.id, title: goal.title, progress: goal.progress },
      keyResults: keyResults.map((kr) => ({
        title: kr.title,
        kpiKey: kr.kpi_key,
        unit: kr.kpi_unit,
        baseline: kr.baseline,
        target: kr.target,
        current: kr.current,
        progress: kr.progress,
        isDone: kr.is_done === 1,
      })),
    };
  }
  if (row.subject_type === 'milestone' && row.subject_id) {
    const task = await queries.selectTask(db, workspaceId, row.subject_id);
    if (!task) return null;
    const below = await queries.selectDescendantStatuses(db, workspaceId, task.id);
    const counted = below.filter((status) => status !== 'cancelled');
    return {
      kind: 'milestone',
      workspaceId,
      task: {
        id: task.id,
        title: task.title,
        dueDate: task.due_date,
        finishedOn:
          task.status === 'done' && task.completed_at !== null
            ? dayInTimezone(Number(task.completed_at), await workspaceTimeZone(services, workspaceId, db))
            : null,
      },
      below: { total: counted.length, done: counted.filter((status) => status === 'done').length },
    };
  }
  if (row.subject_type === 'process' && row.subject_id) {
    const process = await queries.selectProcess(db, workspaceId, row.subject_id);
    if (!process) return null;
    const versionId = row.process_version_id ?? process.current_version_id ?? undefined;
    const version = versionId ? await queries.selectVersion(db, process.id, versionId) : undefined;
    const records = toRecords(await selectRunsForAnalytics(db, process.id, versionId));
    const analytics = analyseProcessRuns(records.runs, records.events, {
      now: services.now(),
      utcOffsetMinutes: zoneClock(await workspaceTimeZone(services, workspaceId, db)).offsetMinutesAt(
        services.now(),
      ),
      stepOrder: version ? parseSteps(version.steps).map((step) => step.key) : [],
    });
    return {
      kind: 'process',
      workspaceId,
      processId: process.id,
      runs: { total: analytics.runs.total, completed: analytics.runs.completed },
      medianLeadTimeHours:
        analytics.leadTime.medianMs === null ? null : analytics.leadTime.medianMs / 3_600_000,
      slaVisits: analytics.steps.reduce((sum, step) => sum + step.withSla, 0),
      slaBreached: analytics.steps.reduce((sum, step) => sum + step.breached, 0),
    };
  }
  if (row.period_start && row.period_end) {
    const kpis = await queries.selectKpis(db, workspaceId, strings(row.kpi_ids));
    const end = row.period_end;
    const before = previousWindow(row.period_start, row.period_end);
    const values = await queries.selectMeasurements(
      db,
      kpis.map((kpi) => kpi.id),
      before.start,
      row.period_end,
    );
    const tasks = await queries.selectTasksDueIn(db, workspaceId, row.period_start, row.period_end);
    const start = row.period_start;
    return {
      kind: 'window',
      workspaceId,
      kpis: kpis.map((kpi) => {
        const own = values.filter((value) => value.kpi_id === kpi.id);
        return {
          key: kpi.key,
          name: kpi.name,
          unit: kpi.unit,
          direction: kpi.direction === 'lower' ? 'lower' : 'higher',
          aggregation: kpi.aggregation as 'sum' | 'avg' | 'last' | 'min' | 'max',
          green: kpi.green,
          periods: periodsBetween(start, end, kpi.frequency as Frequency).length,
          during: own.filter((value) => value.period >= start),
          before: own.filter((value) => value.period < start),
        };
      }),
      tasks: { total: tasks.length, done: tasks.filter((task) => task.status === 'done').length },
    };
  }
  return null;
}

async function figuresOf(services: Services, row: queries.RetroRow): Promise<RetroFigure[]> {
  if (row.figures) return JSON.parse(row.figures) as RetroFigure[];
  const facts = await readFacts(services, row);
  return facts ? retroFigures(facts) : [];
}

type ActionRow = Awaited<ReturnType<typeof queries.selectActions>>[number];

function toAction(row: ActionRow) {
  return {
    id: row.id,
    title: row.title,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    dueDate: row.due_date,
    taskId: row.task_id,
    taskStatus: row.task_status ?? null,
    isOpen: isActionOpen(row.task_status ?? null),
    createdAt: row.created_at,
  };
}

async function toSummaries(services: Services, rows: readonly queries.RetroRow[]) {
  const db = services.db;
  const ids = rows.map((row) => row.id);
  const [actions, lessons, owners, titles, versions] = await Promise.all([
    queries.selectActions(db, ids),
    queries.selectLessons(db, ids),
    queries.selectUsers(db, [...new Set(rows.flatMap((row) => (row.owner_id ? [row.owner_id] : [])))]),
    queries.selectSubjectTitles(
      db,
      rows[0]?.workspace_id ?? '',
      rows.flatMap((row) => (row.subject_id ? [row.subject_id] : [])),
    ),
    queries.selectVersionNumbers(
      db,
      rows.flatMap((row) => [row.process_version_id, row.new_version_id]).filter((id): id is string => !!id),
    ),
  ]);
  const ownerNames = new Map(owners.map((user) => [user.id, user.name]));
  const versionNumbers = new Map(versions.map((version) => [version.id, version.number]));
  const version = (id: string | null) =>
    id && versionNumbers.has(id) ? { id, number: versionNumbers.get(id) ?? 0 } : null;
  return rows.map((row) => {
    const own = actions.filter((action) => action.retro_id === row.id);
    return {
      row,
      actions: own,
      lessons: lessons.filter((lesson) => lesson.retro_id === row.id),
      summary: {
        id: row.id,
        title: row.title,
        subjectType: row.subject_type as RetroSubject,
        subjectId: row.subject_id,
        subjectTitle: row.subject_id ? (titles.get(row.subject_id) ?? null) : null,
        processVersion: version(row.process_version_id),
        newVersion: version(row.new_version_id),
        periodStart: row.period_start,
        periodEnd: row.period_end,
        status: row.status === 'done' ? ('done' as const) : ('draft' as const),
        owner: row.owner_id ? { id: row.owner_id, name: ownerNames.get(row.owner_id) ?? '' } : null,
        completion: actionCompletion(own.map((action) => action.task_status ?? null)),
        lessonCount: lessons.filter((lesson) => lesson.retro_id === row.id).length,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
    };
  });
}

async function pastLessons(services: Services, workspaceId: string): Promise<PastLesson[]> {
  const rows = await queries.selectWorkspaceLessons(services.db, workspaceId, { limit: 1000 });
  return rows.map((row) => ({
    lessonId: row.id,
    retroId: row.retro_id,
    retroTitle: row.retro_title,
    subjectType: row.subject_type as RetroSubject,
    subjectId: row.subject_id,
    text: row.text,
    tags: row.tags,
    createdAt: row.created_at,
  }));
}

function toSuggestion(lesson: ReturnType<typeof similarLessons>[number]) {
  return {
    lessonId: lesson.lessonId,
    retroId: lesson.retroId,
    retroTitle: lesson.retroTitle,
    text: lesson.text,
    tags: lesson.tags,
    reason: lesson.reason,
  };
}

async function toRetro(services: Services, row: queries.RetroRow) {
  const [{ summary, actions, lessons }] = (await toSummaries(services, [row])) as [
    Awaited<ReturnType<typeof toSummaries>>[number],
  ];
  const causes = JSON.parse(row.causes) as Cause[];
  const tags = lessons.flatMap((lesson) => lesson.tags);
  const suggestions = similarLessons(
    { subjectType: summary.subjectType, subjectId: row.subject_id, title: row.title, tags },
    await pastLessons(services, row.workspace_id),
    { excludeRetroId: row.id },
  );
  return {
    ...summary,
    kpiIds: strings(row.kpi_ids),
    goalReview: row.goal_review,
    wentWell: strings(row.went_well),
    wentBadly: strings(row.went_badly),
    causes: causes.map((cause) => ({ ...cause, rootCause: rootCause(cause) })),
    proposedChange: row.proposed_change,
    figures: await figuresOf(services, row),
    figuresFrozen: row.figures !== null,
    lessons: lessons.map((lesson) => ({ id: lesson.id, text: lesson.text, tags: lesson.tags })),
    actions: actions.map(toAction),
    suggestions: suggestions.map(toSuggestion),
  };
}

export async function listRetros(
  services: Services,
  actor: Actor,
  workspaceId: string,
  filter: { subjectType?: RetroSubject | undefined; subjectId?: string | undefined; limit: number },
) {
  await authorize(services.db, actor, workspaceId, 'retros.read');
  const rows = await queries.selectRetros(services.db, { workspaceId, ...filter });
  return (await toSummaries(services, rows)).map((item) => item.summary);
}

export async function getRetro(services: Services, actor: Actor, workspaceId: string, retroId: string) {
  await authorize(services.db, actor, workspaceId, 'retros.read');
  return toRetro(services, await requireRetro(services.db, workspaceId, retroId));
}

/** A 复盘 with its lessons and actions (each a new task) in one transaction: all of it, or nothing. */
export async function createRetro(services: Services, actor: Actor, workspaceId: string, input: RetroInput) {
  await authorize(services.db, actor, workspaceId, 'retros.write');
  if ((input.actions ?? []).length > 0) await authorize(services.db, actor, workspaceId, 'tasks.write');
  checkPeriod(input.periodStart, input.periodEnd);
  const now = services.now();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    const { subjectId, processVersionId } = await checkSubject(trx, workspaceId, input);
    const kpiIds = await checkKpis(trx, workspaceId, input.kpiIds ?? []);
    const actions = input.actions ?? [];
    await checkActions(trx, workspaceId, actions, 'actions');
    if (input.ownerId) {
      const members = await selectMemberIds(trx, workspaceId, [input.ownerId]);
      if (!members.has(input.ownerId)) {
        throw new AppError('retro_action_owner_not_member', { title: input.title }, [
          { path: 'ownerId', message: '' },
        ]);
      }
    }
    await queries.insertRetro(trx, {
      id,
      workspace_id: workspaceId,
      title: input.title.trim(),
      subject_type: input.subjectType,
      subject_id: subjectId,
      process_version_id: processVersionId,
      new_version_id: null,
      period_start: input.periodStart ?? null,
      period_end: input.periodEnd ?? null,
      kpi_ids: JSON.stringify(kpiIds),
      goal_review: input.goalReview?.trim() ?? '',
      went_well: JSON.stringify(clean(input.wentWell)),
      went_badly: JSON.stringify(clean(input.wentBadly)),
      causes: JSON.stringify(normaliseCauses(input.causes ?? [])),
      proposed_change: input.proposedChange?.trim() || null,
      figures: null,
      status: 'draft',
      owner_id: input.ownerId ?? actor.userId,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await queries.replaceLessons(trx, workspaceId, id, toLessons(input.lessons, now), now);
    await insertActions(
      services,
      trx,
      actor,
      workspaceId,
      { id, title: input.title.trim(), goalId: input.subjectType === 'goal' ? subjectId : null },
      actions,
    );
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'retro.created',
      objectType: 'retro',
      objectId: id,
      changes: { title: input.title.trim(), subjectType: input.subjectType, actions: actions.length },
      now,
    });
  });
  return toRetro(services, await requireRetro(services.db, workspaceId, id));
}

/**
 * Changes the steps' contents. Marking it done keeps the figures as they are that day, so the 复盘 reads
 * the same later; reopening lets them follow the data again.
 */
export async function updateRetro(
  context: WorkspaceContext,
  { retroId, changes }: { retroId: string; changes: RetroChanges },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'retros.write');
  const now = services.now();
  const current = await requireRetro(services.db, workspaceId, retroId);
  checkPeriod(changes.periodStart ?? current.period_start, changes.periodEnd ?? current.period_end);
  const figures =
    changes.status === 'done' && current.status !== 'done'
      ? JSON.stringify(await figuresOf(services, current))
      : changes.status === 'draft'
        ? null
        : undefined;
  await services.db.transaction().execute(async (trx) => {
    const row = await requireRetro(trx, workspaceId, retroId);
    const kpiIds = changes.kpiIds ? await checkKpis(trx, workspaceId, changes.kpiIds) : undefined;
    if (changes.ownerId) {
      const members = await selectMemberIds(trx, workspaceId, [changes.ownerId]);
      if (!members.has(changes.ownerId)) {
        throw new AppError('retro_action_owner_not_member', { title: row.title }, [
          { path: 'ownerId', message: '' },
        ]);
      }
    }
    if (
      (row.subject_type === 'campaign' || row.subject_type === 'period') &&
      (changes.periodStart === null || changes.periodEnd === null)
    ) {
      throw new AppError('retro_period_required', {}, [
        { path: changes.periodStart === null ? 'periodStart' : 'periodEnd', message: '' },
      ]);
    }
    await queries.updateRetro(trx, retroId, {
      ...(changes.title !== undefined ? { title: changes.title.trim() } : {}),
      ...(changes.periodStart !== undefined ? { period_start: changes.periodStart } : {}),
      ...(changes.periodEnd !== undefined ? { period_end: changes.periodEnd } : {}),
      ...(kpiIds ? { kpi_ids: JSON.stringify(kpiIds) } : {}),
      ...(changes.goalReview !== undefined ? { goal_review: changes.goalReview.trim() } : {}),
      ...(changes.wentWell ? { went_well: JSON.stringify(clean(changes.wentWell)) } : {}),
      ...(changes.wentBadly ? { went_badly: JSON.stringify(clean(changes.wentBadly)) } : {}),
      ...(changes.causes ? { causes: JSON.stringify(normaliseCauses(changes.causes)) } : {}),
      ...(changes.proposedChange !== undefined
        ? { proposed_change: changes.proposedChange?.trim() || null }
        : {}),
      ...(changes.ownerId !== undefined ? { owner_id: changes.ownerId } : {}),
      ...(changes.status ? { status: changes.status } : {}),
      ...(figures !== undefined ? { figures } : {}),
      updated_at: now,
    });
    if (changes.lessons) {
      await queries.replaceLessons(trx, workspaceId, retroId, toLessons(changes.lessons, now), now);
    }
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: changes.status === 'done' && row.status !== 'done' ? 'retro.completed' : 'retro.updated',
      objectType: 'retro',
      objectId: retroId,
      changes: Object.fromEntries(Object.keys(changes).map((key) => [key, true])),
      now,
    });
  });
  return toRetro(services, await requireRetro(services.db, workspaceId, retroId));
}

/** Adds actions to a 复盘: each becomes a task; one without an owner refuses the whole batch. */
export async function addActions(
  context: WorkspaceContext,
  { retroId, actions }: { retroId: string; actions: ActionInput[] },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'retros.write');
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const retro = await requireRetro(trx, workspaceId, retroId);
    await checkActions(trx, workspaceId, actions, 'actions');
    await insertActions(
      services,
      trx,
      actor,
      workspaceId,
      { id: retro.id, title: retro.title, goalId: retro.subject_type === 'goal' ? retro.subject_id : null },
      actions,
    );
    await queries.updateRetro(trx, retroId, { updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'retro.actions_added',
      objectType: 'retro',
      objectId: retroId,
      changes: { actions: actions.map((action) => action.title.trim()) },
      now,
    });
  });
  return toRetro(services, await requireRetro(services.db, workspaceId, retroId));
}

export async function deleteRetro(services: Services, actor: Actor, workspaceId: string, retroId: string) {
  await authorize(services.db, actor, workspaceId, 'retros.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const row = await requireRetro(trx, workspaceId, retroId);
    await queries.deleteRetro(trx, retroId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'retro.deleted',
      objectType: 'retro',
      objectId: retroId,
      changes: { title: row.title },
      now,
    });
  });
}

/**
 * A process 复盘 opens the next version of the process: a copy of the reviewed version's steps (or the
 * steps given) that becomes current. Until a case runs on it the process editor changes it in place, so
 * the proposed change is made there; the version comparison then measures reviewed against new.
 */
export async function openProcessVersion(
  services: Services,
  actor: Actor,
  workspaceId: string,
  retroId: string,
) {
  await authorize(services.db, actor, workspaceId, 'retros.write');
  await authorize(services.db, actor, workspaceId, 'processes.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const retro = await requireRetro(trx, workspaceId, retroId);
    if (retro.subject_type !== 'process' || !retro.subject_id) throw new AppError('retro_not_process');
    if (retro.new_version_id) {
      const existing = await queries.selectVersion(trx, retro.subject_id, retro.new_version_id);
      if (existing) throw new AppError('retro_version_exists', { number: existing.number });
    }
    const process = await queries.selectProcess(trx, workspaceId, retro.subject_id);
    if (!process) throw new AppError('retro_subject_not_found', { subject: SUBJECT_NAMES.process });
    const sourceId = retro.process_version_id ?? process.current_version_id;
    const source = sourceId ? await queries.selectVersion(trx, process.id, sourceId) : undefined;
    if (!source) throw new AppError('retro_subject_not_found', { subject: SUBJECT_NAMES.process });
    const versionId = newId(now);
    const number = (await processQueries.selectLatestVersionNumber(trx, process.id)) + 1;
    await processQueries.insertVersion(trx, {
      id: versionId,
      workspace_id: workspaceId,
      process_id: process.id,
      number,
      steps: source.steps,
      created_by: actor.userId,
      created_at: now,
    });
    await processQueries.updateProcess(trx, process.id, { current_version_id: versionId, updated_at: now });
    await queries.updateRetro(trx, retroId, { new_version_id: versionId, updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'process.updated',
      objectType: 'process',
      objectId: process.id,
      changes: { versionId, number, retroId, proposedChange: retro.proposed_change },
      now,
    });
  });
  return toRetro(services, await requireRetro(services.db, workspaceId, retroId));
}

/** Lessons from similar past 复盘, for a new one about to start on a subject. */
export async function suggestLessons(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: {
    subjectType: RetroSubject;
    subjectId?: string | undefined;
    title?: string | undefined;
    tags?: string[] | undefined;
  },
) {
  await authorize(services.db, actor, workspaceId, 'retros.read');
  return similarLessons(
    {
      subjectType: input.subjectType,
      subjectId: input.subjectId ?? null,
      title: input.title ?? '',
      tags: input.tags ?? [],
    },
    await pastLessons(services, workspaceId),
  ).map(toSuggestion);
}

/** The improvement log: lessons (by tag or words) and actions (by status) across every 复盘. */
export async function improvementLog(
  context: WorkspaceContext,
  {
    filter,
    today,
  }: {
    filter: {
      tag?: string | undefined;
      q?: string | undefined;
      status?: 'open' | 'overdue' | 'done' | undefined;
    };
    today: string;
  },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'retros.read');
  const tag = filter.tag ? normaliseTags([filter.tag])[0] : undefined;
  const words = filter.q?.trim().toLowerCase();
  const lessons = (
    await queries.selectWorkspaceLessons(services.db, workspaceId, { tag, limit: 500 })
  ).filter(
    (lesson) =>
      !words || lesson.text.toLowerCase().includes(words) || lesson.retro_title.toLowerCase().includes(words),
  );
  const actions = (await queries.selectWorkspaceActions(services.db, workspaceId, 1000))
    .map((row) => ({ ...toAction(row), retroId: row.retro_id, retroTitle: row.retro_title }))
    .filter((action) => {
      if (
        words &&
        !action.title.toLowerCase().includes(words) &&
        !action.retroTitle.toLowerCase().includes(words)
      ) {
        return false;
      }
      if (filter.status === 'done') return action.taskStatus === 'done';
      if (filter.status === 'open') return action.isOpen;
      if (filter.status === 'overdue') return action.isOpen && action.dueDate < today;
      return true;
    });
  const tags = await queries.selectTagCounts(services.db, workspaceId);
  return {
    lessons: lessons.map((lesson) => ({
      id: lesson.id,
      text: lesson.text,
      tags: lesson.tags,
      retroId: lesson.retro_id,
      retroTitle: lesson.retro_title,
      createdAt: lesson.created_at,
    })),
    actions,
    tags: tags.map((row) => ({ tag: row.tag, count: Number(row.count) })),
    completion: actionCompletion(actions.map((action) => action.taskStatus)),
  };
}

/**
 * The plan document's chapter 6 facts (持续优化): the latest 复盘, their lessons and the actions' completion.
 * Null when the workspace has none, so a stored section or "not planned yet" shows instead.
 */
export async function improvementSection(
  db: Executor,
  workspaceId: string,
  today: string,
): Promise<ImprovementSection | null> {
  const rows = await queries.selectRetros(db, { workspaceId, limit: 20 });
  if (rows.length === 0) return null;
  const actions = await queries.selectActions(
    db,
    rows.map((row) => row.id),
  );
  const lessons = await queries.selectWorkspaceLessons(db, workspaceId, { limit: 30 });
  const all = await queries.selectWorkspaceActions(db, workspaceId, 2000);
  const completion = actionCompletion(all.map((action) => action.task_status ?? null));
  return {
    retros: rows.map((row) => {
      const own = actionCompletion(
        actions.filter((action) => action.retro_id === row.id).map((action) => action.task_status ?? null),
      );
      return {
        title: row.title,
        subject: row.subject_type,
        status: row.status,
        actionsDone: own.done,
        actions: own.total,
      };
    }),
    lessons: lessons.map((lesson) => ({ text: lesson.text, tags: lesson.tags })),
    actions: {
      total: completion.total,
      done: completion.done,
      open: all.filter((action) => isActionOpen(action.task_status ?? null)).length,
      overdue: all.filter((action) => isActionOpen(action.task_status ?? null) && action.due_date < today)
        .length,
    },
  };
}
