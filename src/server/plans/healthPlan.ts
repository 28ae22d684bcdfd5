import { AppError } from '../../core/errors/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { addDays } from '../../core/days/index.ts';
import { assignKeys, outlineNumbers } from '../../core/plan/keys.ts';
import type {
  Plan,
  PlanGoal,
  PlanKpi,
  PlanObservations,
  PlanPerson,
  PlanReviewCadence,
  PlanTask,
} from '../../core/plan/model.ts';
import { smartHistoryNeed } from '../../core/plan/smart.ts';
import { wbsCodes } from '../../core/tasks/wbs.ts';
import type { Services } from '../context.ts';
import { loadKpiSeriesMany, type SeriesRange } from '../kpis/series.ts';
import { dayInTimezone } from '../time.ts';
import { workSlices } from '../slices.ts';
import { selectWorkspace } from '../workspaces/queries.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';
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

/**
 * Tasks read per query, so other requests get their turn between two. A page's rows, roles and dependencies live
 * across its awaits: at 5,000 they outlived V8's young generation and were promoted to the old one, which keeps
 * garbage until its next full collection (at 100,000 tasks the computation's heap peaked at 361–385 MB with pages
 * of 5,000, 260–280 MB with 1,000, nothing else changed; BENCHMARKS.md "Plan health at the large scale").
 */
const TASK_PAGE = 1_000;
/** How many of a KPI's latest periods readPlan keeps (SERIES_PERIODS), which widens its history's range. */
const SERIES_PERIODS = 12;
const PERIOD_DAYS = { day: 1, week: 7, month: 31 } as const;

/** Each id with its plan key, as the reader built them: looked up only for what a finding names. */
export type HealthPlanKeys = {
  goals: Iterable<readonly [id: string, key: string]>;
  /** Two lists, not a map of 100,000 entries held through the lint. */
  tasks: Iterable<readonly [id: string, key: string]>;
  processes: Iterable<readonly [id: string, key: string]>;
};

/**
 * The plan as the linter reads it, and nothing more: what `readPlan(…, { observations: 'keyResults' })` gives for
 * the fields the lint rules and the SMART check read, built so that a plan of 100,000 tasks does not hold its rows
 * and its plan at once. Tasks are read twice, a page at a time: their places in the work breakdown first (for the
 * keys and the order), then their checked fields with their roles and dependencies, page by page, each page let go
 * once its tasks are in the plan. No description, labels, skills, sections or process analytics; KPI history only
 * for the key result each goal's SMART check reads, from the goal's start (smartHistoryNeed). `onTasks` is told
 * how many tasks there are, then each page read. plans/health.test.ts checks the answer equals the full reader's.
 */
export async function readHealthPlan(
  services: Services,
  workspaceId: string,
  locale: Locale,
  progress: { onTotal: (tasks: number, goals: number) => void; onTasksRead: (tasks: number) => void },
): Promise<{ plan: Plan; observations: PlanObservations; keys: HealthPlanKeys }> {
  const db = services.db;
  const now = services.now();
  const timeZone = await workspaceTimeZone(services, workspaceId);
  const today = dayInTimezone(now, timeZone);
  const [
    workspace,
    settings,
    storedKeys,
    people,
    kpiRows,
    goalRows,
    keyResultRows,
    processRows,
    routineRows,
  ] = await Promise.all([
    selectWorkspace(db, workspaceId),
    queries.selectPlanSettings(db, workspaceId),
    queries.selectPlanKeys(db, workspaceId),
    queries.selectHealthPeople(db, workspaceId),
    queries.selectHealthKpis(db, workspaceId),
    queries.selectHealthGoals(db, workspaceId),
    queries.selectHealthKeyResults(db, workspaceId),
    queries.selectProcessesWithSteps(db, workspaceId),
    queries.selectRoutines(db, workspaceId),
  ]);
  if (!workspace) throw new AppError('workspace_not_found');
  const slices = workSlices();
  const emails = new Map(people.map((person) => [person.id, person.email]));
  const emailOf = (id: string) => emails.get(id) ?? id;
  const stored = (kind: string) =>
    new Map(storedKeys.filter((row) => row.kind === kind).map((row) => [row.object_id, row.key]));

  const goalNumbers = outlineNumbers(goalRows.map((row) => ({ id: row.id, parentId: row.parent_id })));
  const goalKeys = assignKeys(
    goalRows.map((row) => row.id),
    stored('goal'),
    (id) => `g${goalNumbers.get(id) ?? ''}`,
  );

  // The work breakdown: every task's place (three columns), then its key and its index in the plan's order.
  const outline: Array<{ id: string; parentId: string | null; position: number }> = [];
  for (let after = ''; ;) {
    const page = await queries.selectTaskOutlinePage(db, workspaceId, after, TASK_PAGE);
    for (const row of page) outline.push({ id: row.id, parentId: row.parent_id, position: row.position });
    const last = page.at(-1);
    if (!last || page.length < TASK_PAGE) break;
    after = last.id;
  }
  progress.onTotal(outline.length, goalRows.length);
  const codes = wbsCodes(outline);
  await slices.turn();
  const orderedIds = sortByCode(
    outline.map((row) => row.id),
    (id) => codes.get(id),
  );
  await slices.turn();
  // The tasks by their place in the outline (id order): their ids, keys, parents' places and places in the plan's
  // order in lists, one map (id → place) while the tasks are read.
  const ids = outline.map((row) => row.id);
  const placeOf = new Map(ids.map((id, place) => [id, place]));
  const keyOf = assignKeys(orderedIds, stored('task'), (id) => `t${codes.get(id) ?? ''}`);
  const keyAt = ids.map((id) => keyOf.get(id) ?? id);
  keyOf.clear();
  const parentAt = new Int32Array(ids.length).fill(-1);
  outline.forEach((row, place) => {
    const parent = row.parentId === null ? undefined : placeOf.get(row.parentId);
    if (parent !== undefined) parentAt[place] = parent;
  });
  const orderAt = new Int32Array(ids.length);
  orderedIds.forEach((id, index) => {
    orderAt[placeOf.get(id) ?? 0] = index;
  });
  const taskKey = (id: string): string | undefined => {
    const place = placeOf.get(id);
    return place === undefined ? undefined : keyAt[place];
  };
  codes.clear();
  orderedIds.length = 0;
  outline.length = 0;

  const ordered = sortByCode(goalRows, (row) => goalNumbers.get(row.id));
  const keyResultsOf = groupBy(keyResultRows, (keyResult) => keyResult.goal_id);
  const goals: PlanGoal[] = [];
  for (const row of ordered) {
    const keyResults = (keyResultsOf.get(row.id) ?? []).map((keyResult) =>
      defined({
        title: keyResult.title,
        kpi: keyResult.kpi_key ?? undefined,
        baseline: keyResult.kpi_key ? (keyResult.baseline ?? undefined) : undefined,
        target: keyResult.kpi_key ? (keyResult.target ?? undefined) : undefined,
      }),
    );
    goals.push(
      defined({
        key: goalKeys.get(row.id) ?? row.id,
        title: row.title,
        parent: row.parent_id ? goalKeys.get(row.parent_id) : undefined,
        owner: row.owner_id ? emailOf(row.owner_id) : undefined,
        start: row.start_date,
        due: row.due_date,
        keyResults,
      }),
    );
  }

  // The tasks' checked fields, a page at a time with the roles and dependencies of that page's tasks.
  const tasks = new Array<PlanTask>(ids.length);
  // 100,000 tasks share a few hundred days and a handful of statuses: one string each, not one per row.
  const shared = new Map<string, string>();
  const once = <T extends string | null>(text: T): T => {
    if (text === null) return text;
    const known = shared.get(text);
    if (known !== undefined) return known as T;
    shared.set(text, text);
    return text;
  };
  const alone = new Map<string, string[]>();
  let read = 0;
  for (let after = ''; ;) {
    const page = await queries.selectHealthTaskPage(db, workspaceId, after, TASK_PAGE);
    const last = page.at(-1);
    if (!last) break;
    const [roleRows, dependencyRows] = await Promise.all([
      queries.selectTaskRolesBetween(db, workspaceId, after, last.id),
      queries.selectDependenciesBetween(db, workspaceId, after, last.id),
    ]);
    const rolesByTask = new Map<string, Array<{ userId: string; role: string }>>();
    for (const role of roleRows) {
      const list = rolesByTask.get(role.task_id) ?? [];
      list.push({ userId: role.user_id, role: role.role });
      rolesByTask.set(role.task_id, list);
    }
    const dependenciesByTask = groupBy(dependencyRows, (dependency) => dependency.to_task_id);
    for (const row of page) {
      if (slices.due()) await slices.turn();
      const place = placeOf.get(row.id);
      if (place === undefined) continue; // created between the two reads: the next computation has it
      const parent = parentAt[place] ?? -1;
      const dependsOn = (dependenciesByTask.get(row.id) ?? [])
        .map((dependency) => ({ task: taskKey(dependency.from_task_id) ?? dependency.from_task_id }))
        .sort((a, b) => compareCodes(a.task, b.task));
      tasks[orderAt[place] ?? 0] = defined({
        key: keyAt[place] ?? row.id,
        title: row.title,
        parent: parent >= 0 ? keyAt[parent] : undefined,
        goal: row.goal_id ? goalKeys.get(row.goal_id) : undefined,
        milestone: row.is_milestone === 1 ? true : undefined,
        status: row.status === 'todo' ? undefined : (once(row.status) as PlanTask['status']),
        estimateHours: row.estimate_hours ?? undefined,
        start: once(row.start_date) ?? undefined,
        due: once(row.due_date) ?? undefined,
        dependsOn: nonEmpty(dependsOn),
        raci: toRaci(rolesByTask.get(row.id) ?? [], emailOf, alone),
      });
    }
    read += page.length;
    progress.onTasksRead(read);
    if (page.length < TASK_PAGE) break;
    after = last.id;
  }
  placeOf.clear();
  // A task deleted between the two reads leaves a hole: the next computation (the revision moved) has it right.
  const planTasks = tasks.filter((task) => task !== undefined);

  const routineKeys = assignKeys(
    routineRows.map((row) => row.id),
    stored('routine'),
    (_id, index) => `r${index + 1}`,
  );
  const processKeys = assignKeys(
    processRows.map((row) => row.id),
    stored('process'),
    (_id, index) => `p${index + 1}`,
  );
  const kpis: PlanKpi[] = kpiRows.map((row) =>
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
    }),
  );
  const planPeople: PlanPerson[] = people.map((person) =>
    defined({
      email: person.email,
      name: person.name,
      role: '',
      weeklyCapacityHours: person.weekly_capacity_hours,
    }),
  );
  const cadence = parseJson<PlanReviewCadence | null>(settings?.cadence ?? null, null);
  const plan: Plan = defined({
    version: 1 as const,
    name: workspace.name,
    locale: (settings?.locale === 'en' || settings?.locale === 'zh-CN' ? settings.locale : locale) as Locale,
    timezone: timeZone,
    people: planPeople,
    kpis,
    goals,
    tasks: planTasks,
    processes: processRows.map((row) => toPlanProcess(row, processKeys, emailOf)),
    routines: routineRows.map((row) => toPlanRoutine(row, routineKeys, goalKeys, emailOf).routine),
    cadence: cadence ?? undefined,
  });

  // The history each goal's SMART check reads: its chosen key result's KPI, from the goal's start once it has
  // begun, else from where readPlan starts it (the earliest goal start, six months at least, or 12 periods).
  const historyFrom = goals.reduce(
    (from, goal) => (goal.start < from ? goal.start : from),
    addDays(today, -183),
  );
  const fromOf = new Map<string, string>();
  for (const goal of goals) {
    const need = smartHistoryNeed(plan, goal, today);
    if (!need) continue;
    const whole = addDays(today, -SERIES_PERIODS * (PERIOD_DAYS[need.kpi.frequency] ?? 1));
    const from = need.from ?? (historyFrom < whole ? historyFrom : whole);
    const known = fromOf.get(need.kpi.key);
    if (known === undefined || from < known) fromOf.set(need.kpi.key, from);
  }
  const kpiByKey = new Map(kpiRows.map((row) => [row.key, row]));
  const observed = kpiRows.filter((row) => fromOf.has(row.key));
  const seriesOf = await loadKpiSeriesMany(db, observed, kpiByKey, (kpi): SeriesRange => ({
    from: fromOf.get(kpi.key),
    to: today,
  }));
  const observations: PlanObservations = { at: now, kpis: {}, goals: {}, processes: {} };
  for (const row of observed) {
    observations.kpis[row.key] = {
      lastValue: null,
      lastPeriod: null,
      status: null,
      series: [],
      history: seriesOf.get(row.key) ?? [],
    };
  }
  const taskKeys = {
    *[Symbol.iterator](): Iterator<readonly [string, string]> {
      for (let place = 0; place < ids.length; place += 1) yield [ids[place] ?? '', keyAt[place] ?? ''];
    },
  };
  return { plan, observations, keys: { goals: goalKeys, tasks: taskKeys, processes: processKeys } };
}
