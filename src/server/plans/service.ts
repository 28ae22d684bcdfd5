import { AppError } from '../../core/errors/index.ts';
import { HEALTH_MESSAGES, type HealthReasonCode } from '../../core/goals/progress.ts';
import { interpolate, type Locale } from '../../core/i18n/index.ts';
import { parseFormula } from '../../core/kpis/formula.ts';
import { addDays } from '../../core/days/index.ts';
import { assignKeys, outlineNumbers } from '../../core/plan/keys.ts';
import { lintPlanSteps, type LintChapter } from '../../core/plan/lint.ts';
import {
  cutOf,
  firstInScope,
  withinPreviewLimits,
  type PreviewCut,
  type PreviewLimits,
} from '../../core/plan/document/preview.ts';
import { HEALTH_PAGE_SIZE, scoreHealth } from '../../core/plan/health.ts';
import { findTemplate, instantiateTemplate, type TemplateInput } from '../../core/plan/templates/index.ts';
import type {
  Plan,
  PlanGoal,
  PlanKpi,
  PlanObservations,
  PlanPerson,
  PlanReviewCadence,
  PlanRoutine,
  PlanSections,
  PlanTask,
} from '../../core/plan/model.ts';
import { analyseProcessRuns, PROCESS_ANALYTICS_MESSAGES } from '../../core/processes/analytics.ts';
import type { ProcessStep } from '../../core/processes/graph.ts';
import { firstInWbsOrder, wbsCodes } from '../../core/tasks/wbs.ts';
import type { Services } from '../context.ts';
import { selectFirstKpis, selectKpis, selectKpisByKeys } from '../kpis/queries.ts';
import { periodStart, type Frequency } from '../../core/kpis/periods.ts';
import { loadKpiSeriesMany } from '../kpis/series.ts';
import { selectSkills } from '../people/queries.ts';
import { selectRunsForAnalytics } from '../processes/queries.ts';
import { toRecords } from '../processes/service.ts';
import { zoneClock } from '../../core/schedule/worktime.ts';
import { loadCalendar } from '../tasks/service.ts';
import { communicationSection } from '../meetings/service.ts';
import { improvementSection } from '../retros/service.ts';
import { trainingSection } from '../skills/service.ts';
import { feedbackSection, researchSection } from './sections.ts';
import { dayInTimezone } from '../time.ts';
import { runInSlices, workSlices } from '../slices.ts';
import { authorize } from '../workspaces/access.ts';
import { selectWorkspace } from '../workspaces/queries.ts';
import { authorizePlanImport, importAuthorizedPlan } from './import.ts';
import { HealthStore, type HealthAnswer } from './healthStore.ts';
import { readHealthPlan, type HealthPlanKeys } from './healthPlan.ts';
import * as queries from './queries.ts';
import {
  compareCodes,
  defined,
  groupBy,
  nonEmpty,
  parseJson,
  sortByCode,
  toPlanProcess,
  toPlanRoutine,
  toRaci,
} from './rows.ts';
import type { PlanContext } from './context.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

export type { PlanContext } from './context.ts';

export type PlanScope = { workspaceId: string; goalId?: string | undefined };

/** Task places read per query by readPlanPreview. */
const TASK_PLACE_PAGE = 5_000;

/** How many of a KPI's latest periods travel with the plan (the document's charts draw them). */
const SERIES_PERIODS = 12;
const PERIOD_DAYS = { day: 1, week: 7, month: 31 } as const;

/** Ids of a goal and everything below it. */
function subtree(rootId: string, parents: ReadonlyArray<{ id: string; parent_id: string | null }>) {
  const inside = new Set([rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of parents) {
      if (row.parent_id && inside.has(row.parent_id) && !inside.has(row.id)) {
        inside.add(row.id);
        grew = true;
      }
    }
  }
  return inside;
}

/**
 * The workspace (or one goal's subtree with the tasks, KPIs and routines it touches) as a plan, with what was
 * measured beside it. No permission check: the CLI and background jobs call this; the API goes through
 * `exportPlan`.
 */
export type PlanIds = {
  goals: Record<string, string>;
  tasks: Record<string, string>;
  processes: Record<string, string>;
};

const SECTION_ORDER = ['improvement', 'communication', 'training', 'research', 'feedback'];
const sectionRank = (key: string) =>
  SECTION_ORDER.includes(key) ? SECTION_ORDER.indexOf(key) : SECTION_ORDER.length;

export async function readPlan(
  services: Services,
  scope: PlanScope,
  locale: Locale,
  /** `keyResults`: only the key result KPIs' history, which the SMART check reads (plan health); false: none. */
  options: { observations?: boolean | 'keyResults' } = {},
): Promise<{ plan: Plan; observations: PlanObservations; ids: PlanIds }> {
  const db = services.db;
  const { workspaceId } = scope;
  const [workspace, settings, storedKeys, people, skills, kpiRows, goalRows, keyResultRows] =
    await Promise.all([
      selectWorkspace(db, workspaceId),
      queries.selectPlanSettings(db, workspaceId),
      queries.selectPlanKeys(db, workspaceId),
      queries.selectPeople(db, workspaceId),
      selectSkills(db, workspaceId),
      selectKpis(db, workspaceId),
      queries.selectGoals(db, workspaceId),
      queries.selectKeyResults(db, workspaceId),
    ]);
  if (!workspace) throw new AppError('workspace_not_found');
  const [taskRows, dependencyRows, roleRows, processRows, routineRows] = await Promise.all([
    queries.selectPlanTasks(db, workspaceId),
    queries.selectDependencies(db, workspaceId),
    queries.selectTaskRoles(db, workspaceId),
    queries.selectProcessesWithSteps(db, workspaceId),
    queries.selectRoutines(db, workspaceId),
  ]);
  return planFromRows(services, scope, locale, options, {
    workspace,
    settings,
    storedKeys,
    people,
    skills,
    kpiRows,
    goalRows,
    keyResultRows,
    taskRows,
    dependencyRows,
    roleRows,
    processRows,
    routineRows,
  });
}

/**
 * The plan as the live preview shows it. Within every limit (core plan/document/preview.ts) it is readPlan's whole
 * plan; over one, only what the preview prints is read: the first goals in outline order, the first tasks in WBS
 * order (their places in the breakdown are read a page at a time for the order and the codes, then only those
 * tasks' rows, roles, dependencies and keys), the first KPIs by key with those the shown goals measure and their
 * formulas read, and those KPIs' measurements. `cut` says what was left out, for the chapters' notes.
 */
export async function readPlanPreview(
  services: Services,
  scope: PlanScope,
  locale: Locale,
  limits: PreviewLimits,
): Promise<{ plan: Plan; observations: PlanObservations; cut: PreviewCut }> {
  const db = services.db;
  const { workspaceId } = scope;
  const counts = await queries.selectPlanCounts(db, workspaceId);
  if (withinPreviewLimits(counts, limits)) {
    const { plan, observations } = await readPlan(services, scope, locale);
    return { plan, observations, cut: {} };
  }
  const [workspace, settings, people, skills, goalRows, processRows, routineRows] = await Promise.all([
    selectWorkspace(db, workspaceId),
    queries.selectPlanSettings(db, workspaceId),
    queries.selectPeople(db, workspaceId),
    selectSkills(db, workspaceId),
    queries.selectGoals(db, workspaceId),
    queries.selectProcessesWithSteps(db, workspaceId),
    queries.selectRoutines(db, workspaceId),
  ]);
  if (!workspace) throw new AppError('workspace_not_found');

  // Goals: the first in outline order (the numbering's order) of those in scope, with their key results.
  let goalsInScope: ReadonlySet<string> | null = null;
  if (scope.goalId) {
    if (!goalRows.some((row) => row.id === scope.goalId)) throw new AppError('goal_not_found');
    goalsInScope = subtree(scope.goalId, goalRows);
  }
  const goalOrder = outlineNumbers(goalRows.map((row) => ({ id: row.id, parentId: row.parent_id })));
  const goalPick = firstInScope(
    goalOrder.keys(),
    limits.goals,
    (id) => !goalsInScope || goalsInScope.has(id),
  );
  const shownGoals = new Set(goalPick.ids);
  const keyResultRows = await queries.selectKeyResultsOf(db, workspaceId, goalPick.ids);

  // Tasks: the first in WBS order. The whole workspace's are read down the tree index, a node's children at a
  // time, as many as are still wanted; a goal's subtree needs every task's place to know which are in it (those
  // on its goals, below them, and above them), read a page at a time, then walked the same way in memory.
  let taskPick: { ids: string[]; codes: Map<string, string>; total: number };
  if (!goalsInScope) {
    const first = await firstInWbsOrder(
      (parentId, wanted) => queries.selectChildTaskIds(db, workspaceId, parentId, wanted),
      limits.tasks,
    );
    taskPick = { ...first, total: counts.tasks };
  } else {
    const places: Array<{ id: string; parent_id: string | null; position: number; goal_id: string | null }> =
      [];
    for (let after = ''; ;) {
      const page = await queries.selectTaskPlacePage(db, workspaceId, after, TASK_PLACE_PAGE);
      places.push(...page);
      const last = page.at(-1);
      if (!last || page.length < TASK_PLACE_PAGE) break;
      after = last.id;
    }
    const slices = workSlices();
    const tasksInScope = scopedTasks(places, goalsInScope);
    await slices.turn();
    const known = new Set(places.map((row) => row.id));
    const children = new Map<string | null, typeof places>();
    for (const row of places) {
      const parent = row.parent_id !== null && known.has(row.parent_id) ? row.parent_id : null;
      const list = children.get(parent);
      if (list) list.push(row);
      else children.set(parent, [row]);
    }
    places.length = 0;
    known.clear();
    await slices.turn();
    // Every task is listed, so a code counts the siblings outside the subtree too (keys are the workspace's).
    const first = await firstInWbsOrder(
      (parentId) =>
        (children.get(parentId) ?? [])
          .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((row) => row.id),
      limits.tasks,
      (id) => tasksInScope.has(id),
    );
    taskPick = { ...first, total: tasksInScope.size };
  }
  const [taskRows, dependencyRows, roleRows, storedKeys] = await Promise.all([
    queries.selectPlanTasksByIds(db, workspaceId, taskPick.ids),
    queries.selectDependenciesInto(db, workspaceId, taskPick.ids),
    queries.selectTaskRolesOf(db, workspaceId, taskPick.ids),
    queries.selectPlanKeysFor(db, workspaceId, taskPick.ids),
  ]);

  // KPIs: the first by key (a goal's subtree shows only those its goals measure), those the shown goals' key
  // results measure, and what their formulas read.
  const measured = new Set(
    keyResultRows.flatMap((row) => (row.kpi_key && shownGoals.has(row.goal_id) ? [row.kpi_key] : [])),
  );
  const kpiRows = scope.goalId ? [] : await selectFirstKpis(db, workspaceId, limits.kpis);
  const kpiByKey = new Map(kpiRows.map((row) => [row.key, row]));
  for (let pending = [...measured].filter((key) => !kpiByKey.has(key)); pending.length > 0;) {
    const read = await selectKpisByKeys(db, workspaceId, pending);
    pending = [];
    for (const row of read) {
      if (kpiByKey.has(row.key)) continue;
      kpiByKey.set(row.key, row);
      const parsed = row.formula ? parseFormula(row.formula) : null;
      for (const reference of parsed?.ok ? parsed.references : []) {
        if (!kpiByKey.has(reference) && !pending.includes(reference)) pending.push(reference);
      }
    }
  }
  const shownKpis = [...kpiByKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const { plan, observations } = await planFromRows(
    services,
    scope,
    locale,
    {},
    {
      workspace,
      settings,
      storedKeys,
      people,
      skills,
      kpiRows: shownKpis,
      goalRows,
      keyResultRows,
      taskRows,
      dependencyRows,
      roleRows,
      processRows,
      routineRows,
      shown: { goals: shownGoals, tasks: new Set(taskPick.ids), codes: taskPick.codes },
    },
  );
  const goals = cutOf(goalPick.ids.length, goalPick.total);
  const tasks = cutOf(taskPick.ids.length, taskPick.total);
  const kpis = scope.goalId ? undefined : cutOf(plan.kpis.length, Math.max(counts.kpis, plan.kpis.length));
  return {
    plan,
    observations,
    cut: { ...(goals ? { goals } : {}), ...(tasks ? { tasks } : {}), ...(kpis ? { kpis } : {}) },
  };
}

/** What readPlan builds a plan from; readPlanPreview passes the rows of what the preview shows. */
type PlanRows = {
  workspace: NonNullable<Awaited<ReturnType<typeof selectWorkspace>>>;
  settings: Awaited<ReturnType<typeof queries.selectPlanSettings>>;
  storedKeys: Awaited<ReturnType<typeof queries.selectPlanKeys>>;
  people: Awaited<ReturnType<typeof queries.selectPeople>>;
  skills: Awaited<ReturnType<typeof selectSkills>>;
  kpiRows: Awaited<ReturnType<typeof selectKpis>>;
  goalRows: Awaited<ReturnType<typeof queries.selectGoals>>;
  keyResultRows: Awaited<ReturnType<typeof queries.selectKeyResults>>;
  taskRows: Awaited<ReturnType<typeof queries.selectPlanTasks>>;
  dependencyRows: Awaited<ReturnType<typeof queries.selectDependencies>>;
  roleRows: Awaited<ReturnType<typeof queries.selectTaskRoles>>;
  processRows: Awaited<ReturnType<typeof queries.selectProcessesWithSteps>>;
  routineRows: Awaited<ReturnType<typeof queries.selectRoutines>>;
  /**
   * The preview's shortened plan: only these goals (of every goal row, which still number the keys) and these
   * tasks (the task rows), whose WBS codes come from the whole tree.
   */
  shown?: { goals: ReadonlySet<string>; tasks: ReadonlySet<string>; codes: ReadonlyMap<string, string> };
};

async function planFromRows(
  services: Services,
  scope: PlanScope,
  locale: Locale,
  options: { observations?: boolean | 'keyResults' },
  rows: PlanRows,
): Promise<{ plan: Plan; observations: PlanObservations; ids: PlanIds }> {
  const db = services.db;
  const { workspaceId } = scope;
  const now = services.now();
  const timeZone = await workspaceTimeZone(services, workspaceId);
  const today = dayInTimezone(now, timeZone);
  const { workspace, settings, storedKeys, people, skills, kpiRows, goalRows, keyResultRows } = rows;
  const { taskRows, dependencyRows, roleRows, processRows, routineRows } = rows;

  // Building a large plan (100,000 tasks) takes seconds: other requests get a turn every slice.
  const slices = workSlices();
  const emails = new Map(people.map((person) => [person.id, person.email]));
  // A person who left keeps their id in old rows; the plan names them by id so the linter reports them.
  const emailOf = (id: string) => emails.get(id) ?? id;
  const stored = (kind: string) =>
    new Map(storedKeys.filter((row) => row.kind === kind).map((row) => [row.object_id, row.key]));

  // Keys come from the whole workspace, so a goal's key is the same in its subtree's export.
  const goalNumbers = outlineNumbers(goalRows.map((row) => ({ id: row.id, parentId: row.parent_id })));
  const goalKeys = assignKeys(
    goalRows.map((row) => row.id),
    stored('goal'),
    (id) => `g${goalNumbers.get(id) ?? ''}`,
  );
  const codes =
    rows.shown?.codes ??
    wbsCodes(taskRows.map((row) => ({ id: row.id, parentId: row.parent_id, position: row.position })));
  await slices.turn();
  const orderedTasks = sortByCode(taskRows, (row) => codes.get(row.id));
  await slices.turn();
  const taskKeys = assignKeys(
    orderedTasks.map((row) => row.id),
    stored('task'),
    (id) => `t${codes.get(id) ?? ''}`,
  );
  const processKeys = assignKeys(
    processRows.map((row) => row.id),
    stored('process'),
    (_id, index) => `p${index + 1}`,
  );
  const routineKeys = assignKeys(
    routineRows.map((row) => row.id),
    stored('routine'),
    (_id, index) => `r${index + 1}`,
  );

  // The scope: every goal, or one goal's subtree and what hangs from it.
  let goalsInScope = new Set(goalRows.map((row) => row.id));
  if (scope.goalId) {
    if (!goalsInScope.has(scope.goalId)) throw new AppError('goal_not_found');
    goalsInScope = subtree(scope.goalId, goalRows);
  }
  const taskIdsInScope = rows.shown?.tasks ?? (scope.goalId ? scopedTasks(taskRows, goalsInScope) : null);
  // The goals the plan writes: those in scope, or the preview's first of them.
  const goalsWritten = rows.shown?.goals ?? goalsInScope;

  const goals: PlanGoal[] = [];
  const ordered = sortByCode(goalRows, (row) => goalNumbers.get(row.id));
  const keyResultsOf = groupBy(keyResultRows, (keyResult) => keyResult.goal_id);
  const usedKpis = new Set<string>();
  for (const row of ordered) {
    if (slices.due()) await slices.turn();
    if (!goalsWritten.has(row.id)) continue;
    const keyResults = (keyResultsOf.get(row.id) ?? []).map((keyResult) => {
      if (keyResult.kpi_key) usedKpis.add(keyResult.kpi_key);
      return defined({
        title: keyResult.title,
        kpi: keyResult.kpi_key ?? undefined,
        baseline: keyResult.kpi_key ? (keyResult.baseline ?? undefined) : undefined,
        target: keyResult.kpi_key ? (keyResult.target ?? undefined) : undefined,
        weight: keyResult.weight === 1 ? undefined : keyResult.weight,
        done: !keyResult.kpi_key && keyResult.is_done === 1 ? true : undefined,
      });
    });
    const parentKey =
      row.parent_id && goalsWritten.has(row.parent_id) ? goalKeys.get(row.parent_id) : undefined;
    goals.push(
      defined({
        key: goalKeys.get(row.id) ?? row.id,
        title: row.title,
        description: row.description ?? undefined,
        parent: parentKey,
        owner: row.owner_id ? emailOf(row.owner_id) : undefined,
        start: row.start_date,
        due: row.due_date,
        status: row.status === 'active' ? undefined : (row.status as PlanGoal['status']),
        weight: row.weight === 1 ? undefined : row.weight,
        keyResults,
      }),
    );
  }

  const rolesByTask = new Map<string, Array<{ userId: string; role: string }>>();
  for (const role of roleRows) {
    const list = rolesByTask.get(role.task_id) ?? [];
    list.push({ userId: role.user_id, role: role.role });
    rolesByTask.set(role.task_id, list);
  }
  const dependenciesByTask = new Map<string, Array<{ from: string; lag: number }>>();
  for (const dependency of dependencyRows) {
    const list = dependenciesByTask.get(dependency.to_task_id) ?? [];
    list.push({ from: dependency.from_task_id, lag: dependency.lag_days });
    dependenciesByTask.set(dependency.to_task_id, list);
  }
  const tasks: PlanTask[] = [];
  for (const row of orderedTasks) {
    if (slices.due()) await slices.turn();
    if (taskIdsInScope && !taskIdsInScope.has(row.id)) continue;
    const dependsOn = (dependenciesByTask.get(row.id) ?? [])
      .filter((dependency) => !taskIdsInScope || taskIdsInScope.has(dependency.from))
      .map((dependency) =>
        defined({
          task: taskKeys.get(dependency.from) ?? dependency.from,
          lagDays: dependency.lag === 0 ? undefined : dependency.lag,
        }),
      )
      .sort((a, b) => compareCodes(a.task, b.task));
    const parentKey =
      row.parent_id && (!taskIdsInScope || taskIdsInScope.has(row.parent_id))
        ? taskKeys.get(row.parent_id)
        : undefined;
    tasks.push(
      defined({
        key: taskKeys.get(row.id) ?? row.id,
        title: row.title,
        description: row.description ?? undefined,
        parent: parentKey,
        goal: row.goal_id && goalsWritten.has(row.goal_id) ? goalKeys.get(row.goal_id) : undefined,
        milestone: row.is_milestone === 1 ? true : undefined,
        status: row.status === 'todo' ? undefined : (row.status as PlanTask['status']),
        priority: row.priority === 2 ? undefined : (row.priority as PlanTask['priority']),
        estimateHours: row.estimate_hours ?? undefined,
        start: row.start_date ?? undefined,
        due: row.due_date ?? undefined,
        bufferDays: row.buffer_days === 0 ? undefined : row.buffer_days,
        dependsOn: nonEmpty(dependsOn),
        raci: toRaci(rolesByTask.get(row.id) ?? [], emailOf),
        requiredSkills: nonEmpty(parseJson<PlanTask['requiredSkills'] & object>(row.required_skills, [])),
        labels: nonEmpty(parseJson<string[]>(row.labels, [])),
      }),
    );
  }

  const routines: PlanRoutine[] = [];
  for (const row of routineRows) {
    const routine = toPlanRoutine(row, routineKeys, goalKeys, emailOf);
    if (scope.goalId && !(routine.goalId && goalsInScope.has(routine.goalId))) continue;
    routines.push(routine.routine);
  }

  const processes = processRows.map((row) => toPlanProcess(row, processKeys, emailOf));

  // A subtree's plan carries the KPIs its key results use, and the KPIs their formulas read.
  const kpiByKey = new Map(kpiRows.map((row) => [row.key, row]));
  if (scope.goalId) {
    const pending = [...usedKpis];
    for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
      const formula = kpiByKey.get(key)?.formula;
      const parsed = formula ? parseFormula(formula) : null;
      for (const reference of parsed?.ok ? parsed.references : []) {
        if (!usedKpis.has(reference)) {
          usedKpis.add(reference);
          pending.push(reference);
        }
      }
    }
  }
  const kpiRowsInScope = scope.goalId ? kpiRows.filter((row) => usedKpis.has(row.key)) : kpiRows;
  const kpis: PlanKpi[] = kpiRowsInScope.map((row) =>
    defined({
      key: row.key,
      name: row.name,
      unit: row.unit ?? undefined,
      direction: row.direction as PlanKpi['direction'],
      aggregation: row.aggregation as PlanKpi['aggregation'],
      frequency: row.frequency as PlanKpi['frequency'],
      formula: row.formula ?? undefined,
      owner: row.owner_id ? emailOf(row.owner_id) : undefined,
      green: row.green ?? undefined,
      amber: row.amber ?? undefined,
      description: row.description ?? undefined,
    }),
  );

  const skillsOf = new Map<string, Record<string, number>>();
  for (const skill of [...skills].sort((a, b) => a.skill.localeCompare(b.skill))) {
    const record = skillsOf.get(skill.user_id) ?? {};
    record[skill.skill] = skill.level;
    skillsOf.set(skill.user_id, record);
  }
  const planPeople: PlanPerson[] = people.map((person) =>
    defined({
      email: person.email,
      name: person.name,
      role: person.role,
      title: person.title ?? undefined,
      weeklyCapacityHours: person.weekly_capacity_hours,
      skills: skillsOf.get(person.id),
    }),
  );

  const cadence = parseJson<PlanReviewCadence | null>(settings?.cadence ?? null, null);
  const storedSections = parseJson<PlanSections | null>(settings?.sections ?? null, null);
  // The live meeting series and chat groups are the communication chapter's facts; a stored section fills in.
  const communication = await communicationSection(db, workspaceId);
  const withCommunication = communication
    ? { ...storedSections, communication: { ...storedSections?.communication, ...communication } }
    : storedSections;
  // The 复盘 held, their lessons and actions are the improvement chapter's facts; a stored section fills in.
  const improvement = await improvementSection(db, workspaceId, today);
  const merged = improvement
    ? { ...withCommunication, improvement: { ...withCommunication?.improvement, ...improvement } }
    : withCommunication;
  // The skills matrix, its gaps and the training held are the training chapter's facts; surveys and competitors
  // the research chapter's; the feedback inbox and its process the feedback chapter's. A stored section fills in
  // what the workspace does not hold.
  const training = await trainingSection(db, workspaceId);
  const withTraining = training ? { ...merged, training: { ...merged?.training, ...training } } : merged;
  const research = await researchSection(db, workspaceId);
  const feedback = await feedbackSection(services, workspaceId, (id) => processKeys.get(id));
  const withResearch = research
    ? { ...withTraining, research: { ...withTraining?.research, ...research } }
    : withTraining;
  const withFeedback = feedback
    ? { ...withResearch, feedback: { ...withResearch?.feedback, ...feedback } }
    : withResearch;
  // In the schema's chapter order, as an imported plan.yaml stores them, so export → import → export is stable.
  const sections = withFeedback
    ? (Object.fromEntries(
        Object.entries(withFeedback).sort(([a], [b]) => sectionRank(a) - sectionRank(b)),
      ) as PlanSections)
    : withFeedback;
  const plan: Plan = defined({
    version: 1 as const,
    name: workspace.name,
    locale: (settings?.locale === 'en' || settings?.locale === 'zh-CN' ? settings.locale : locale) as Locale,
    timezone: timeZone,
    people: planPeople,
    kpis,
    goals,
    tasks,
    processes,
    routines,
    cadence: cadence ?? undefined,
    sections: sections ?? undefined,
  });

  const ids: PlanIds = {
    goals: Object.fromEntries([...goalKeys].map(([id, key]) => [key, id])),
    tasks: Object.fromEntries([...taskKeys].map(([id, key]) => [key, id])),
    processes: Object.fromEntries([...processKeys].map(([id, key]) => [key, id])),
  };
  const observations: PlanObservations = { at: now, kpis: {}, goals: {}, processes: {} };
  if (options.observations === false) return { plan, observations, ids };
  // A key result's KPI also keeps its line since the earliest goal start (six months at least), which the SMART
  // check reads as the goal page does (server goals/smart.ts).
  const keyResultKpis = new Set(
    goals.flatMap((goal) => goal.keyResults.flatMap((kr) => (kr.kpi ? [kr.kpi] : []))),
  );
  const historyFrom = goals.reduce(
    (from, goal) => (goal.start < from ? goal.start : from),
    addDays(today, -183),
  );
  const onlyKeyResults = options.observations === 'keyResults';
  const observed = onlyKeyResults
    ? kpiRowsInScope.filter((row) => keyResultKpis.has(row.key))
    : kpiRowsInScope;
  const recentFromOf = (kpi: { frequency: string }) =>
    addDays(today, -SERIES_PERIODS * (PERIOD_DAYS[kpi.frequency as keyof typeof PERIOD_DAYS] ?? 1));
  // One read for every KPI's measurements, not one query each (thousands of key results at the large scale).
  const seriesOf = await loadKpiSeriesMany(db, observed, kpiByKey, (kpi) => {
    const recentFrom = recentFromOf(kpi);
    return {
      from: keyResultKpis.has(kpi.key) && historyFrom < recentFrom ? historyFrom : recentFrom,
      to: today,
    };
  });
  for (const row of observed) {
    const recentFrom = recentFromOf(row);
    const hasHistory = keyResultKpis.has(row.key);
    const series = seriesOf.get(row.key) ?? [];
    const recent = series.filter(
      (point) => point.period >= periodStart(recentFrom, row.frequency as Frequency),
    );
    observations.kpis[row.key] = {
      lastValue: row.last_value,
      lastPeriod: row.last_period,
      status: row.status,
      series: recent.slice(-SERIES_PERIODS),
      ...(hasHistory ? { history: series } : {}),
    };
  }
  if (onlyKeyResults) return { plan, observations, ids };
  for (const row of goalRows) {
    if (!goalsWritten.has(row.id)) continue;
    const reason = parseJson<{ code: HealthReasonCode; params: Record<string, string | number> } | null>(
      row.health_reason,
      null,
    );
    observations.goals[goalKeys.get(row.id) ?? row.id] = {
      progress: row.progress,
      projectedProgress: row.projected_progress,
      health: row.health,
      healthReason: reason ? interpolate(HEALTH_MESSAGES[locale][reason.code], reason.params) : null,
    };
  }
  for (const row of processRows) {
    const steps = parseJson<ProcessStep[]>(row.steps, []).filter((step) => step.kind !== 'end');
    const names = Object.fromEntries(steps.map((step) => [step.key, step.name]));
    const { runs, events } = toRecords(await selectRunsForAnalytics(db, row.id));
    const analytics = analyseProcessRuns(runs, events, {
      now,
      utcOffsetMinutes: zoneClock(timeZone).offsetMinutesAt(now),
      stepOrder: steps.map((step) => step.key),
      stepNames: names,
    });
    const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10);
    observations.processes[processKeys.get(row.id) ?? row.id] = {
      cases: analytics.runs.total,
      medianLeadHours: hours(analytics.leadTime.medianMs),
      bottleneck: analytics.bottleneck
        ? {
            step: analytics.bottleneck.stepKey,
            reason: interpolate(
              PROCESS_ANALYTICS_MESSAGES[locale][analytics.bottleneck.reason.code],
              analytics.bottleneck.reason.params,
            ),
          }
        : null,
      steps: analytics.steps.map((step) => ({
        step: step.stepKey,
        medianWaitHours: hours(step.waiting.medianMs),
        medianWorkHours: hours(step.working.medianMs),
        breachRate: step.breachRate,
      })),
    };
  }
  return { plan, observations, ids };
}

/** Tasks of a goal subtree: those on its goals, everything below them, and their ancestors for the WBS. */
function scopedTasks(
  rows: ReadonlyArray<{ id: string; parent_id: string | null; goal_id: string | null }>,
  goals: ReadonlySet<string>,
) {
  const parentOf = new Map(rows.map((row) => [row.id, row.parent_id]));
  const inside = new Set(rows.filter((row) => row.goal_id && goals.has(row.goal_id)).map((row) => row.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (row.parent_id && inside.has(row.parent_id) && !inside.has(row.id)) {
        inside.add(row.id);
        grew = true;
      }
    }
  }
  for (const id of [...inside]) {
    for (let parent = parentOf.get(id); parent && !inside.has(parent); parent = parentOf.get(parent)) {
      inside.add(parent);
    }
  }
  return inside;
}

export async function exportPlan(context: PlanContext, scope: PlanScope) {
  await authorize(context.services.db, context.actor, scope.workspaceId, 'goals.read');
  const { plan, observations } = await readPlan(context.services, scope, context.locale);
  return { plan, observations };
}

const CHAPTERS: LintChapter[] = ['goals', 'tasks', 'schedule', 'processes', 'kpis', 'cadence'];
const HEALTH_SMART_SHOWN = 100;
/** The stored answer's shape (migration 0036): move it when computePlanHealth's answer changes shape. */
const HEALTH_FORMAT = 1;
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
type FullHealth = Awaited<ReturnType<typeof computePlanHealth>>;
const healthStores = new WeakMap<Services, HealthStore<FullHealth>>();

function healthStoreOf(services: Services): HealthStore<FullHealth> {
  let store = healthStores.get(services);
  if (!store) {
    store = new HealthStore(services, {
      format: HEALTH_FORMAT,
      compute: (workspaceId, locale, onProgress) =>
        computePlanHealth(services, workspaceId, locale, { onProgress }),
    });
    healthStores.set(services, store);
  }
  return store;
}

/** Waits for the plan health computations under way (before the database closes; tests). */
export async function settlePlanHealth(services: Services): Promise<void> {
  await healthStores.get(services)?.settle();
}

/**
 * The linter on the live workspace, scored by `scoreHealth` (core): each chapter 100 less its findings' weight per
 * planned item, the plan the displayed chapter scores' sum divided by their number, both rounded down.
 *
 * Reading and linting a large plan takes seconds (100,000 tasks), and the overview asks on every visit: the last
 * answer is stored and served at once, marked `stale` while a newer one is computed when this instance has answered
 * a write to the workspace since, a task changed (the plan revision) or a minute has passed (healthStore.ts).
 */
export async function planHealth(context: PlanContext, workspaceId: string) {
  const answer = await fullHealth(context, workspaceId);
  const { stale, refreshing, progress } = answer;
  if (answer.health === null) {
    // A large plan's first answer is on its way: how far it has come, nothing else yet.
    return {
      score: 0,
      chapters: [],
      counts: { error: 0, warning: 0, info: 0 },
      smart: [],
      smartTotal: 0,
      ids: { goals: {}, tasks: {}, processes: {} },
      computedAt: null,
      stale,
      refreshing,
      computing: true,
      progress,
    };
  }
  const { health, computedAt } = answer;
  const chapters = health.chapters.map((chapter) => ({
    ...chapter,
    findings: chapter.findings.slice(0, HEALTH_PAGE_SIZE),
  }));
  return {
    ...health,
    chapters,
    ids: namedIds(health.ids, [
      ...chapters.flatMap((chapter) => chapter.findings),
      ...health.smart.map((verdict) => ({ subject: verdict.goal })),
    ]),
    computedAt,
    stale,
    refreshing,
    computing: false,
    progress,
  };
}

/** A page of one chapter's findings, most severe first, with the ids of what they name. */
export async function planHealthFindings(
  context: PlanContext,
  workspaceId: string,
  page: { chapter: LintChapter; offset: number; limit: number },
) {
  const { health, computedAt } = await fullHealth(context, workspaceId);
  const chapter = health?.chapters.find((candidate) => candidate.chapter === page.chapter);
  const findings = chapter?.findings.slice(page.offset, page.offset + page.limit) ?? [];
  const ids = health ? namedIds(health.ids, findings) : { goals: {}, tasks: {}, processes: {} };
  return { total: chapter?.total ?? 0, findings, ids, computedAt };
}

/** The ids of the goals, tasks and processes these findings name, for their links. */
function namedIds(ids: PlanIds, findings: ReadonlyArray<{ subject: string | null }>): PlanIds {
  const named = new Set(findings.flatMap((finding) => (finding.subject ? [finding.subject] : [])));
  // Looked up by name: the ids hold every task of the plan (100,000) where a page names a few.
  const only = (record: Record<string, string>) => {
    const picked: Record<string, string> = {};
    for (const planKey of named) if (Object.hasOwn(record, planKey)) picked[planKey] = record[planKey] ?? '';
    return picked;
  };
  return { goals: only(ids.goals), tasks: only(ids.tasks), processes: only(ids.processes) };
}

async function fullHealth(context: PlanContext, workspaceId: string): Promise<HealthAnswer<FullHealth>> {
  const { services } = context;
  await authorize(services.db, context.actor, workspaceId, 'goals.read');
  const timeZone = await workspaceTimeZone(services, workspaceId);
  return healthStoreOf(services).answer(workspaceId, context.locale, dayInTimezone(services.now(), timeZone));
}

/** Told how far a health computation has come, in steps: tasks read, then goals and tasks linted. */
export type HealthProgress = (done: number, total: number) => void;

/** The steps of a lint as they pass: each pause is one goal or task linted (lintPlanSteps). */
function* counted<T>(steps: Generator<void, T, void>, onStep: () => void): Generator<void, T, void> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onStep();
    yield;
  }
}

/** The ids of what the findings name, from the reader's ids with their keys, in the order they are named. */
function namedKeyIds(keys: HealthPlanKeys, findings: ReadonlyArray<{ subject: string | null }>): PlanIds {
  const named = new Set(findings.flatMap((finding) => (finding.subject ? [finding.subject] : [])));
  const only = (idToKey: Iterable<readonly [id: string, key: string]>) => {
    const found = new Map<string, string>();
    for (const [id, key] of idToKey) if (named.has(key) && !found.has(key)) found.set(key, id);
    const picked: Record<string, string> = {};
    for (const key of named) {
      const id = found.get(key);
      if (id !== undefined) picked[key] = id;
    }
    return picked;
  };
  return { goals: only(keys.goals), tasks: only(keys.tasks), processes: only(keys.processes) };
}

/**
 * A workspace's plan health computed afresh. `reader`: `lean` (readHealthPlan: only what the linter reads, what
 * the server runs) or `full` (readPlan, the whole plan as exported: the reference the lean one is tested against).
 */
export async function computePlanHealth(
  services: Services,
  workspaceId: string,
  locale: Locale,
  options: { reader?: 'lean' | 'full'; onProgress?: HealthProgress } = {},
) {
  const onProgress = options.onProgress ?? (() => undefined);
  let total = 0;
  let done = 0;
  let plan: Plan;
  let observations: PlanObservations;
  let idsOf: (findings: ReadonlyArray<{ subject: string | null }>) => PlanIds;
  if (options.reader === 'full') {
    // With the KPI history: a goal's SMART verdict here is the one its page and the plan document give.
    const read = await readPlan(services, { workspaceId }, locale, { observations: 'keyResults' });
    ({ plan, observations } = read);
    idsOf = (findings) => namedIds(read.ids, findings);
    total = plan.goals.length + plan.tasks.length + 3;
  } else {
    const read = await readHealthPlan(services, workspaceId, locale, {
      onTotal: (tasks, goals) => {
        // Read every task, then lint every goal and task (and three steps after them).
        total = tasks + goals + tasks + 3;
        onProgress(done, total);
      },
      onTasksRead: (tasks) => {
        done = tasks;
        onProgress(done, total);
      },
    });
    ({ plan, observations } = read);
    idsOf = (findings) => namedKeyIds(read.keys, findings);
  }
  const lintOptions = {
    today: dayInTimezone(services.now(), plan.timezone ?? services.config.timezone),
    locale,
    calendar: await loadCalendar(services.db, workspaceId),
    observations,
  };
  // Seconds of work at 100,000 tasks, done in slices so that other requests are answered meanwhile (a worker
  // thread would not help: copying the plan there costs more than linting it); the answer is stored, see planHealth.
  const result = await runInSlices(
    counted(lintPlanSteps(plan, lintOptions), () => {
      done += 1;
      // Once a slice's worth is plenty for a progress bar: the steps are many and quick.
      if ((done & 1023) === 0) onProgress(done, total);
    }),
  );
  onProgress(total, total);
  const items: Record<LintChapter, number> = {
    goals: plan.goals.length,
    tasks: plan.tasks.length,
    schedule: plan.tasks.length,
    processes: plan.processes.length,
    kpis: plan.kpis.length,
    cadence: 1 + plan.routines.length,
  };
  const { score, chapters } = scoreHealth(
    CHAPTERS.map((chapter) => ({
      chapter,
      items: items[chapter],
      findings: result.findings.filter((finding) => finding.chapter === chapter),
    })),
  );
  // Each chapter's findings most severe first (a stable sort: the linter's order within a severity).
  const sorted = chapters.map((chapter) => ({
    ...chapter,
    total: chapter.findings.length,
    findings: [...chapter.findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]),
  }));
  // The goals whose statements need work most, weakest first.
  const smart = [...result.smart].sort((a, b) => a.score - b.score).slice(0, HEALTH_SMART_SHOWN);
  // Kept with the answer: the ids of what any finding or listed goal names, not of the whole plan.
  const named = idsOf([
    ...sorted.flatMap((chapter) => chapter.findings),
    ...smart.map((verdict) => ({ subject: verdict.goal })),
  ]);
  const titles = new Map(plan.goals.map((goal) => [goal.key, goal.title]));
  return {
    score,
    chapters: sorted,
    counts: result.counts,
    smart: smart.map((verdict) => ({
      goal: verdict.goal,
      title: titles.get(verdict.goal) ?? verdict.goal,
      score: verdict.score,
    })),
    smartTotal: result.smart.length,
    ids: named,
  };
}

export type FromTemplateInput = TemplateInput & { workspaceId: string; template: string; dryRun: boolean };

/**
 * New plan from a template: the caller's permission first, then the template filled with the numbers, start
 * date and people given, loaded like any plan (a dry run reports what would be created).
 */
export async function createPlanFromTemplate(context: PlanContext, input: FromTemplateInput) {
  await authorizePlanImport(context, input.workspaceId);
  const template = findTemplate(input.template);
  if (!template) throw new AppError('plan_template_not_found');
  const plan = instantiateTemplate(template, {
    locale: input.locale,
    start: input.start,
    people: input.people,
    targets: input.targets,
    name: input.name,
  });
  return importAuthorizedPlan(context, { workspaceId: input.workspaceId, plan, dryRun: input.dryRun });
}
