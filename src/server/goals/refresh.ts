import {
  goalHealth,
  expectedProgress,
  keyResultProgress,
  rollupProgress,
  type GoalNode,
} from '../../core/goals/progress.ts';
import { keyResultTrajectory } from '../../core/goals/trajectory.ts';
import { linearForecast, thresholdStatus, type Direction } from '../../core/kpis/forecast.ts';
import { addDays, type Aggregation } from '../../core/kpis/periods.ts';
import type { Executor } from '../../db/types.ts';
import type { Services } from '../context.ts';
import { selectKpis, selectLatestMeasurement, updateKpi, type KpiRow } from '../kpis/queries.ts';
import { dependentKpiKeys, loadKpiSeries, type SeriesPoint } from '../kpis/series.ts';
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
 * rollup of the whole goal tree. Runs inside the caller's transaction; emits events for what turned.
 */
export async function refreshKpisAndGoals(
  services: Services,
  trx: Executor,
  workspaceId: string,
  changedKpiKeys: Iterable<string> | 'all',
): Promise<void> {
  const now = services.now();
  const today = dayInTimezone(now, await workspaceTimeZone(services, workspaceId, trx));
  const kpis = await selectKpis(trx, workspaceId);
  const kpisByKey = new Map(kpis.map((kpi) => [kpi.key, kpi]));
  const affected =
    changedKpiKeys === 'all' ? new Set(kpis.map((kpi) => kpi.key)) : dependentKpiKeys(changedKpiKeys, kpis);

  // Read only the history someone needs: key results from their goal's start; the status only the latest value.
  const affectedIds = [...affected].flatMap((key) => kpisByKey.get(key)?.id ?? []);
  const windows =
    affectedIds.length === 0
      ? []
      : await trx
          .selectFrom('key_results')
          .innerJoin('goals', 'goals.id', 'key_results.goal_id')
          .select(['key_results.kpi_id', (eb) => eb.fn.min('goals.start_date').as('from')])
          .where('key_results.kpi_id', 'in', affectedIds)
          .groupBy('key_results.kpi_id')
          .execute();
  const windowFrom = new Map(windows.map((window) => [window.kpi_id, String(window.from)]));

  const seriesById = new Map<string, SeriesPoint[]>();
  for (const key of affected) {
    const kpi = kpisByKey.get(key);
    if (!kpi) continue;
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

  await refreshKeyResults(trx, workspaceId, today, kpis, seriesById, now);
  await rollupGoals(services, trx, workspaceId, today, now);
}

async function refreshKeyResults(
  trx: Executor,
  workspaceId: string,
  today: string,
  kpis: readonly KpiRow[],
  seriesById: ReadonlyMap<string, SeriesPoint[]>,
  now: number,
): Promise<void> {
  const kpiIds = [...seriesById.keys()];
  if (kpiIds.length === 0) return;
  const kpisById = new Map(kpis.map((kpi) => [kpi.id, kpi]));
  const keyResults = await trx
    .selectFrom('key_results')
    .innerJoin('goals', 'goals.id', 'key_results.goal_id')
    .select([
      'key_results.id',
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
      await trx
        .updateTable('key_results')
        .set({ ...next, updated_at: now })
        .where('id', '=', keyResult.id)
        .execute();
    }
  }
}

type RollupGoal = GoalNode & { children: RollupGoal[] };

/** Recomputes every goal of the workspace from the stored key results: cheap arithmetic over one read. */
export async function rollupGoals(
  services: Services,
  trx: Executor,
  workspaceId: string,
  today: string,
  now: number,
): Promise<void> {
  const goals = await trx
    .selectFrom('goals')
    .select([
      'id',
      'parent_id',
      'weight',
      'start_date',
      'due_date',
      'progress',
      'projected_progress',
      'health',
      'health_reason',
    ])
    .where('workspace_id', '=', workspaceId)
    .execute();
  if (goals.length === 0) return;
  const keyResults = await trx
    .selectFrom('key_results')
    .select(['goal_id', 'weight', 'kpi_id', 'is_done', 'current', 'progress', 'projected_progress'])
    .where('workspace_id', '=', workspaceId)
    .execute();

  const byGoal = new Map<string, typeof keyResults>();
  for (const keyResult of keyResults)
    byGoal.set(keyResult.goal_id, [...(byGoal.get(keyResult.goal_id) ?? []), keyResult]);

  // Two trees over the same shape: one of progress now, one of progress the forecasts reach by the deadline.
  const build = (pick: (keyResult: (typeof keyResults)[number]) => number) => {
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
  const childrenOf = new Map<string, string[]>();
  for (const goal of goals) {
    if (goal.parent_id) childrenOf.set(goal.parent_id, [...(childrenOf.get(goal.parent_id) ?? []), goal.id]);
  }
  const hasForecast = new Map<string, boolean>();
  const hasData = new Map<string, boolean>();
  const visit = (goalId: string): void => {
    const own = byGoal.get(goalId) ?? [];
    let data = own.some((keyResult) => keyResult.kpi_id === null || keyResult.current !== null);
    let forecast = own.some((keyResult) => keyResult.projected_progress !== null);
    for (const childId of childrenOf.get(goalId) ?? []) {
      if (!hasData.has(childId)) visit(childId);
      data ||= hasData.get(childId) ?? false;
      forecast ||= hasForecast.get(childId) ?? false;
    }
    hasData.set(goalId, data);
    hasForecast.set(goalId, forecast);
  };
  for (const goal of goals) if (!hasData.has(goal.id)) visit(goal.id);

  for (const goal of goals) {
    const goalProgress = progress.get(goal.id) ?? 0;
    const goalProjected = hasForecast.get(goal.id) ? (projected.get(goal.id) ?? null) : null;
    const health = goalHealth({
      progress: hasData.get(goal.id) ? goalProgress : null,
      expected: expectedProgress(goal.start_date, goal.due_date, today),
      projectedProgressAtDeadline: goalProjected,
      deadline: goal.due_date,
    });
    const reason = JSON.stringify(health.reason);
    if (
      goalProgress === goal.progress &&
      goalProjected === goal.projected_progress &&
      health.status === goal.health &&
      reason === goal.health_reason
    ) {
      continue;
    }
    await trx
      .updateTable('goals')
      .set({
        progress: goalProgress,
        projected_progress: goalProjected,
        health: health.status,
        health_reason: reason,
        updated_at: now,
      })
      .where('id', '=', goal.id)
      .execute();
    if (health.status !== goal.health) {
      await services.outbox.emit(trx, {
        workspaceId,
        type: 'goal.health_changed',
        payload: { goalId: goal.id, from: goal.health, to: health.status, reason: health.reason },
      });
    }
  }
}
