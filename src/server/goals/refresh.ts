import {
  goalHealth,
  goalProgressFrom,
  expectedProgress,
  keyResultProgress,
  rollupProgress,
  type GoalNode,
} from '../../core/goals/progress.ts';
import { parseFormula } from '../../core/kpis/formula.ts';
import { keyResultTrajectory } from '../../core/goals/trajectory.ts';
import { linearForecast, thresholdStatus, type Direction } from '../../core/kpis/forecast.ts';
import type { Aggregation } from '../../core/kpis/periods.ts';
import { addDays } from '../../core/days/index.ts';
import type { Executor } from '../../db/types.ts';
import type { Services } from '../context.ts';
import {
  selectFormulaKpisMentioning,
  selectKpis,
  selectKpisByKeys,
  selectLatestMeasurement,
  updateKpi,
  type KpiRecord,
  type KpiRow,
} from '../kpis/queries.ts';
import { loadKpiSeries, type SeriesPoint } from '../kpis/series.ts';
import {
  selectGoalsWithAncestors,
  selectRollupChildren,
  selectRollupGoals,
  selectKeyResultWindows,
  selectKpiKeyResults,
  selectRollupKeyResults,
  updateGoal,
  updateKeyResult,
  type RollupGoalRow,
  type RollupKeyResultRow,
} from './queries.ts';
import { dayInTimezone } from '../time.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

/** How far back a formula KPI without key results is read to find its latest value. */
const STATUS_LOOKBACK_DAYS = 400;

export function kpiDirection(kpi: Pick<KpiRow, 'direction'>): Direction {
  return kpi.direction === 'lower' ? 'decrease' : 'increase';
}

/**
 * Brings stored KPI status and goal progress, forecast and health up to date after measurements or
 * definitions change: the changed KPIs and every formula over them, the key results reading them, then the
 * goals of the key results that moved and their ancestors (and `touchedGoalIds` with theirs). Nothing else is
 * read: not the KPI catalogue, not the goal tree. `'all'` recomputes the whole workspace (the nightly job,
 * imports of a plan). Runs inside the caller's transaction; emits events for what turned.
 */
export async function refreshKpisAndGoals(
  services: Services,
  trx: Executor,
  workspaceId: string,
  changedKpiKeys: Iterable<string> | 'all',
  touchedGoalIds: Iterable<string> = [],
): Promise<void> {
  const now = services.now();
  const today = dayInTimezone(now, await workspaceTimeZone(services, workspaceId, trx));
  const { affected, kpisByKey } =
    changedKpiKeys === 'all'
      ? await everyKpi(trx, workspaceId)
      : await affectedKpis(trx, workspaceId, [...new Set(changedKpiKeys)]);

  // Read only the history someone needs: key results from their goal's start; the status only the latest value.
  const affectedIds = affected.map((kpi) => kpi.id);
  const windows = await selectKeyResultWindows(trx, affectedIds);
  const windowFrom = new Map(windows.map((window) => [window.kpi_id, String(window.from)]));

  const seriesById = new Map<string, SeriesPoint[]>();
  for (const kpi of affected) {
    const from = windowFrom.get(kpi.id);
    const series = from ? await loadKpiSeries(trx, kpi, kpisByKey, { from }) : null;
    if (series) seriesById.set(kpi.id, series);
    const last =
      series?.at(-1) ??
      (kpi.formula
        ? ((await loadKpiSeries(trx, kpi, kpisByKey, { from: addDays(today, -STATUS_LOOKBACK_DAYS) })).at(
            -1,
          ) ?? null)
        : ((await selectLatestMeasurement(trx, kpi.id)) ?? null));
    const status =
      last && kpi.green !== null && kpi.amber !== null
        ? thresholdStatus(last.value, { green: kpi.green, amber: kpi.amber, direction: kpiDirection(kpi) })
        : null;
    if (
      status !== kpi.status ||
      (last?.value ?? null) !== kpi.last_value ||
      (last?.period ?? null) !== kpi.last_period
    ) {
      await updateKpi(trx, kpi.id, {
        status,
        last_value: last?.value ?? null,
        last_period: last?.period ?? null,
      });
      if (status === 'red' && kpi.status !== 'red') {
        await services.outbox.emit(trx, {
          workspaceId,
          type: 'kpi.turned_red',
          payload: { kpiId: kpi.id, key: kpi.key, value: last?.value ?? null, period: last?.period ?? null },
        });
      }
    }
  }

  const kpisById = new Map([...kpisByKey.values()].map((kpi) => [kpi.id, kpi]));
  const movedGoals = await refreshKeyResults(trx, workspaceId, today, kpisById, seriesById, now);
  if (changedKpiKeys === 'all') await rollupGoals(services, trx, workspaceId, today, now);
  else await rollupGoalsAbove(services, trx, workspaceId, [...movedGoals, ...touchedGoalIds], today, now);
}

type KpiSet = { affected: KpiRecord[]; kpisByKey: Map<string, KpiRecord> };

async function everyKpi(trx: Executor, workspaceId: string): Promise<KpiSet> {
  const kpis = await selectKpis(trx, workspaceId);
  return { affected: kpis, kpisByKey: new Map(kpis.map((kpi) => [kpi.key, kpi])) };
}

function formulaReferences(kpi: KpiRecord): string[] {
  if (!kpi.formula) return [];
  const parsed = parseFormula(kpi.formula);
  return parsed.ok ? parsed.references : [];
}

/**
 * The changed KPIs and every formula over them at any depth (found by the formulas that mention them, then
 * parsed), with the KPIs those formulas read, so their series can be computed.
 */
async function affectedKpis(trx: Executor, workspaceId: string, keys: readonly string[]): Promise<KpiSet> {
  const kpisByKey = new Map<string, KpiRecord>();
  for (const kpi of await selectKpisByKeys(trx, workspaceId, keys)) kpisByKey.set(kpi.key, kpi);
  const affected = new Set(kpisByKey.keys());
  const asked = new Set<string>();
  for (let frontier = [...affected]; frontier.length > 0;) {
    for (const key of frontier) asked.add(key);
    const next: string[] = [];
    for (const kpi of await selectFormulaKpisMentioning(trx, workspaceId, frontier)) {
      if (!kpisByKey.has(kpi.key)) kpisByKey.set(kpi.key, kpi);
      if (affected.has(kpi.key)) continue;
      if (formulaReferences(kpi).some((reference) => affected.has(reference))) {
        affected.add(kpi.key);
        next.push(kpi.key);
      }
    }
    frontier = next.filter((key) => !asked.has(key));
  }
  // What the affected formulas read, at any depth.
  const requested = new Set(kpisByKey.keys());
  let missing = [...affected].flatMap((key) => {
    const kpi = kpisByKey.get(key);
    return kpi ? formulaReferences(kpi) : [];
  });
  for (missing = missing.filter((key) => !requested.has(key)); missing.length > 0;) {
    for (const key of missing) requested.add(key);
    const loaded = await selectKpisByKeys(trx, workspaceId, [...new Set(missing)]);
    for (const kpi of loaded) kpisByKey.set(kpi.key, kpi);
    missing = loaded.flatMap(formulaReferences).filter((key) => !requested.has(key));
  }
  const affectedKpiRows = [...affected].flatMap((key) => kpisByKey.get(key) ?? []);
  return { affected: affectedKpiRows, kpisByKey };
}

/** Recomputes the key results reading these series; returns the goals whose key results moved. */
async function refreshKeyResults(
  trx: Executor,
  workspaceId: string,
  today: string,
  kpisById: ReadonlyMap<string, KpiRecord>,
  seriesById: ReadonlyMap<string, SeriesPoint[]>,
  now: number,
): Promise<Set<string>> {
  const moved = new Set<string>();
  const kpiIds = [...seriesById.keys()];
  if (kpiIds.length === 0) return moved;
  const keyResults = await selectKpiKeyResults(trx, workspaceId, kpiIds);

  for (const keyResult of keyResults) {
    const kpi = keyResult.kpi_id ? kpisById.get(keyResult.kpi_id) : undefined;
    const series = keyResult.kpi_id ? seriesById.get(keyResult.kpi_id) : undefined;
    if (!kpi || !series || keyResult.baseline === null || keyResult.target === null) continue;
    const direction = kpiDirection(kpi);
    const end = today < keyResult.due_date ? today : keyResult.due_date;
    const trajectory = keyResultTrajectory(
      series.map((point) => ({ date: point.period, value: point.value })),
      kpi.aggregation as Aggregation,
      { start: keyResult.start_date, end },
    );
    const current = trajectory.at(-1)?.value ?? null;
    const measure = (value: number | null) =>
      keyResultProgress({
        baseline: keyResult.baseline ?? 0,
        target: keyResult.target ?? 0,
        current: value,
        direction,
      });
    const forecast = linearForecast(trajectory, {
      deadline: keyResult.due_date,
      target: keyResult.target,
      direction,
    });
    const projectedValue = forecast?.projectedAtDeadline ?? null;
    const next = {
      current,
      progress: measure(current),
      projected_value: projectedValue,
      projected_progress: projectedValue === null ? null : measure(projectedValue),
      reach_date: forecast?.reachDate ?? null,
    };
    if (
      next.current !== keyResult.current ||
      next.progress !== keyResult.progress ||
      next.projected_progress !== keyResult.projected_progress ||
      next.reach_date !== keyResult.reach_date
    ) {
      await updateKeyResult(trx, keyResult.id, { ...next, updated_at: now });
      moved.add(keyResult.goal_id);
    }
  }
  return moved;
}

type RollupGoal = GoalNode & { children: RollupGoal[] };

/** A goal's rolled-up figures: progress now, progress the forecasts reach (every goal has one), and flags. */
type Rolled = { progress: number; projected: number; hasData: boolean; hasForecast: boolean };

/** Writes a goal's new progress, forecast and health when they differ from what is stored. */
async function storeRollup(
  services: Services,
  trx: Executor,
  workspaceId: string,
  goal: RollupGoalRow,
  rolled: Rolled,
  today: string,
  now: number,
): Promise<void> {
  const goalProjected = rolled.hasForecast ? rolled.projected : null;
  const health = goalHealth({
    progress: rolled.hasData ? rolled.progress : null,
    expected: expectedProgress(goal.start_date, goal.due_date, today),
    projectedProgressAtDeadline: goalProjected,
    deadline: goal.due_date,
  });
  const reason = JSON.stringify(health.reason);
  if (
    rolled.progress === goal.progress &&
    goalProjected === goal.projected_progress &&
    health.status === goal.health &&
    reason === goal.health_reason
  ) {
    return;
  }
  await updateGoal(trx, goal.id, {
    progress: rolled.progress,
    projected_progress: goalProjected,
    health: health.status,
    health_reason: reason,
    updated_at: now,
  });
  if (health.status !== goal.health) {
    await services.outbox.emit(trx, {
      workspaceId,
      type: 'goal.health_changed',
      payload: { goalId: goal.id, from: goal.health, to: health.status, reason: health.reason },
    });
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const id = key(row);
    if (id === null) continue;
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

/** Recomputes every goal of the workspace from the stored key results: cheap arithmetic over one read. */
export async function rollupGoals(
  services: Services,
  trx: Executor,
  workspaceId: string,
  today: string,
  now: number,
): Promise<void> {
  const goals = await selectRollupGoals(trx, workspaceId);
  if (goals.length === 0) return;
  const keyResults = await selectRollupKeyResults(trx, workspaceId);
  const byGoal = groupBy(keyResults, (keyResult) => keyResult.goal_id);

  // Two trees over the same shape: one of progress now, one of progress the forecasts reach by the deadline.
  const build = (pick: (keyResult: RollupKeyResultRow) => number) => {
    const nodes = new Map<string, RollupGoal>();
    for (const goal of goals) {
      nodes.set(goal.id, {
        id: goal.id,
        weight: goal.weight,
        keyResults: (byGoal.get(goal.id) ?? []).map((keyResult) => ({
          weight: keyResult.weight,
          progress: pick(keyResult),
        })),
        children: [],
      });
    }
    const roots: RollupGoal[] = [];
    for (const goal of goals) {
      const node = nodes.get(goal.id);
      const parent = goal.parent_id ? nodes.get(goal.parent_id) : undefined;
      if (!node) continue;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  };
  const progress = rollupProgress(build((keyResult) => keyResult.progress));
  const projected = rollupProgress(build((keyResult) => keyResult.projected_progress ?? keyResult.progress));

  // A goal has data when a key result of it or of a sub-goal has been measured or is a deliverable.
  const childrenOf = groupBy(goals, (goal) => goal.parent_id);
  const hasForecast = new Map<string, boolean>();
  const hasData = new Map<string, boolean>();
  const visit = (goalId: string): void => {
    const own = byGoal.get(goalId) ?? [];
    let data = own.some((keyResult) => keyResult.kpi_id === null || keyResult.current !== null);
    let forecast = own.some((keyResult) => keyResult.projected_progress !== null);
    for (const child of childrenOf.get(goalId) ?? []) {
      if (!hasData.has(child.id)) visit(child.id);
      data ||= hasData.get(child.id) ?? false;
      forecast ||= hasForecast.get(child.id) ?? false;
    }
    hasData.set(goalId, data);
    hasForecast.set(goalId, forecast);
  };
  for (const goal of goals) if (!hasData.has(goal.id)) visit(goal.id);

  for (const goal of goals) {
    const goalProgress = progress.get(goal.id) ?? 0;
    await storeRollup(
      services,
      trx,
      workspaceId,
      goal,
      {
        progress: goalProgress,
        projected: projected.get(goal.id) ?? goalProgress,
        hasData: hasData.get(goal.id) ?? false,
        hasForecast: hasForecast.get(goal.id) ?? false,
      },
      today,
      now,
    );
  }
}

/** Above this many touched goals one pass over the whole tree is cheaper than walking up from each. */
const ROLLUP_ABOVE_LIMIT = 500;

/**
 * Recomputes these goals and their ancestors only, bottom-up, from their key results and their children's
 * stored figures: the same sums, in the same order, as rollupGoals, so the result is the one a whole-tree
 * rollup would store. A child's stored health tells whether it has data (only a goal without any is
 * `no_data`), its stored forecast whether it has one; without one its forecast line is its progress.
 */
export async function rollupGoalsAbove(
  services: Services,
  trx: Executor,
  workspaceId: string,
  goalIds: Iterable<string>,
  today?: string,
  now: number = services.now(),
): Promise<void> {
  const ids = [...new Set(goalIds)];
  if (ids.length === 0) return;
  const day = today ?? dayInTimezone(now, await workspaceTimeZone(services, workspaceId, trx));
  if (ids.length > ROLLUP_ABOVE_LIMIT) return rollupGoals(services, trx, workspaceId, day, now);
  const chain = await selectGoalsWithAncestors(trx, workspaceId, ids);
  if (chain.length === 0) return;
  const chainIds = chain.map((goal) => goal.id);
  const children = groupBy(await selectRollupChildren(trx, workspaceId, chainIds), (goal) => goal.parent_id);
  const keyResults = groupBy(await selectRollupKeyResults(trx, workspaceId, chainIds), (kr) => kr.goal_id);
  const inChain = new Map(chain.map((goal) => [goal.id, goal]));
  const depth = (goal: RollupGoalRow) => {
    let steps = 0;
    for (let parent = goal.parent_id; parent && inChain.has(parent) && steps <= chain.length; steps += 1)
      parent = inChain.get(parent)?.parent_id ?? null;
    return steps;
  };
  const depths = new Map(chain.map((goal) => [goal.id, depth(goal)]));
  const bottomUp = [...chain].sort((a, b) => (depths.get(b.id) ?? 0) - (depths.get(a.id) ?? 0));

  const rolled = new Map<string, Rolled>();
  const stored = (goal: RollupGoalRow): Rolled => ({
    progress: goal.progress,
    projected: goal.projected_progress ?? goal.progress,
    hasData: goal.health !== 'no_data',
    hasForecast: goal.projected_progress !== null,
  });
  for (const goal of bottomUp) {
    const own = keyResults.get(goal.id) ?? [];
    const kids = (children.get(goal.id) ?? []).map((child) => ({
      weight: child.weight,
      figures: rolled.get(child.id) ?? stored(child),
    }));
    const figures: Rolled = {
      progress: goalProgressFrom([
        ...own.map((kr) => ({ weight: kr.weight, progress: kr.progress })),
        ...kids.map((kid) => ({ weight: kid.weight, progress: kid.figures.progress })),
      ]),
      projected: goalProgressFrom([
        ...own.map((kr) => ({ weight: kr.weight, progress: kr.projected_progress ?? kr.progress })),
        ...kids.map((kid) => ({ weight: kid.weight, progress: kid.figures.projected })),
      ]),
      hasData:
        own.some((kr) => kr.kpi_id === null || kr.current !== null) ||
        kids.some((kid) => kid.figures.hasData),
      hasForecast:
        own.some((kr) => kr.projected_progress !== null) || kids.some((kid) => kid.figures.hasForecast),
    };
    rolled.set(goal.id, figures);
    await storeRollup(services, trx, workspaceId, goal, figures, day, now);
  }
}
