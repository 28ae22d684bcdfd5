import {
  analyseGoal,
  extractGoal,
  interpretTarget,
  normaliseUnit,
  type GoalFields,
  type KpiPoint,
} from '../../core/smart/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { addDays } from '../../core/days/index.ts';
import type { Executor } from '../../db/types.ts';
import { selectKpis, type KpiRow } from '../kpis/queries.ts';
import { keyResultTrajectory } from '../../core/goals/trajectory.ts';
import type { Aggregation } from '../../core/kpis/periods.ts';
import { loadKpiSeries, loadKpisWithReferences } from '../kpis/series.ts';

export type SmartKeyResult = {
  kpiKey: string;
  title?: string | null | undefined;
  baseline: number | null;
  target: number | null;
};

export type SmartInput = {
  statement: string;
  today: string;
  locale: Locale;
  parentGoalId?: string | null | undefined;
  parentGoalTitle?: string | null | undefined;
  isTopLevel?: boolean | undefined;
  startDate?: string | null | undefined;
  dueDate?: string | null | undefined;
  /** Key results on KPIs: the one measuring what the text names judges whether the target is achievable. */
  keyResults?: readonly SmartKeyResult[] | undefined;
  /** With no key result on a KPI yet, look for the KPI whose name the text names (the goal form's prefill). */
  suggestKpi?: boolean | undefined;
};

/**
 * The KPI's history as the achievable check reads it. For a key result on the KPI of a goal under way, it is the
 * key result's own trajectory (keyResultTrajectory from the goal's start, as goals/refresh.ts fits its forecast
 * on), so the SMART verdict and the key result's forecast read one line. Otherwise the last six months; a `sum`
 * KPI (sign-ups per day) then counts as a running total from the goal's start (or from today for a goal not
 * begun), so a target of "27,000 this quarter" meets the daily rate times the months left, not a single day's value.
 */
async function history(
  executor: Executor,
  kpi: KpiRow,
  kpis: readonly KpiRow[],
  today: string,
  startDate: string | null | undefined,
  isKeyResult: boolean,
): Promise<KpiPoint[]> {
  const sixMonthsAgo = addDays(today, -183);
  const isUnderWay = isKeyResult && !!startDate && startDate <= today;
  const from = isUnderWay && startDate < sixMonthsAgo ? startDate : sixMonthsAgo;
  const series = await loadKpiSeries(executor, kpi, new Map(kpis.map((other) => [other.key, other])), {
    from,
    to: today,
  });
  const points = series.map((point) => ({ date: point.period, value: point.value }));
  if (isUnderWay) {
    return keyResultTrajectory(points, kpi.aggregation as Aggregation, { start: startDate, end: today });
  }
  if (kpi.aggregation !== 'sum') return points;
  const origin = startDate && startDate < today ? startDate : addDays(today, 1);
  let total = 0;
  const running = points.map((point) => ({ date: point.date, value: (total += point.value) }));
  const offset = running.filter((point) => point.date < origin).at(-1)?.value ?? 0;
  return running.map((point) => ({ date: point.date, value: point.value - offset }));
}

/** Whether a KPI plausibly measures what the text names: same unit, or names that contain each other. */
function measuresTheText(kpi: KpiRow, metric: string | null, unit: string | null): boolean {
  if (unit && normaliseUnit(kpi.unit) === unit) return true;
  if (!metric) return false;
  return (
    kpi.name.includes(metric) ||
    metric.includes(kpi.name) ||
    metric.toLowerCase().includes(kpi.key.replaceAll('_', ' '))
  );
}

/**
 * SMART analysis of a goal statement with what the workspace knows: its place in the tree, its due date, and
 * the key result whose KPI measures what the text names. One reading of the target (interpretTarget) drives the
 * verdict: the key result's baseline and target when it has them, else the text's target resolved against the
 * KPI's current value, so "提升20%" is never judged one way here and another way by the key result's forecast.
 */
export async function analyseGoalInWorkspace(executor: Executor, workspaceId: string, input: SmartInput) {
  const fromText = extractGoal(input.statement, input.today);
  const wantsKpis = (input.keyResults?.length ?? 0) > 0 || input.suggestKpi === true;
  // A suggestion searches the catalogue by name; key results need only their KPIs and what formulas read.
  const kpis = input.suggestKpi
    ? await selectKpis(executor, workspaceId)
    : wantsKpis
      ? [
          ...(
            await loadKpisWithReferences(
              executor,
              workspaceId,
              (input.keyResults ?? []).map((keyResult) => keyResult.kpiKey),
            )
          ).values(),
        ]
      : [];
  const byKey = new Map(kpis.map((kpi) => [kpi.key, kpi]));
  const candidates = (input.keyResults ?? []).flatMap((keyResult) => {
    const kpi = byKey.get(keyResult.kpiKey);
    return kpi ? [{ keyResult, kpi }] : [];
  });
  const chosen = fromText.target
    ? candidates.find(({ kpi }) => measuresTheText(kpi, fromText.metric, fromText.target?.unit ?? null))
    : (candidates.find(({ kpi }) => measuresTheText(kpi, fromText.metric, null)) ?? candidates[0]);
  // Only a name the text says counts here: a shared unit such as 人 would pick a KPI at random.
  const suggested =
    !chosen && candidates.length === 0 && input.suggestKpi && fromText.metric
      ? kpis.find((kpi) => measuresTheText(kpi, fromText.metric, null))
      : undefined;
  const measuredBy = chosen?.kpi ?? suggested ?? null;
  const kpiHistory = measuredBy
    ? await history(executor, measuredBy, kpis, input.today, input.startDate, chosen !== undefined)
    : undefined;

  const interpretation = interpretTarget({
    extracted: fromText,
    keyResult: chosen?.keyResult ?? null,
    kpi: measuredBy
      ? {
          name: measuredBy.name,
          unit: measuredBy.unit,
          current: kpiHistory?.at(-1)?.value ?? null,
          isCumulative: measuredBy.aggregation === 'sum',
        }
      : null,
    locale: input.locale,
  });

  const fields: GoalFields = {};
  // A saved goal's due date is the deadline: "三个月内" was counted from when it was written, not from today.
  if (input.dueDate) fields.deadline = input.dueDate;
  if (interpretation?.target !== null && interpretation?.target !== undefined && measuredBy) {
    fields.target = interpretation.target;
    if (interpretation.baseline !== null) fields.baseline = interpretation.baseline;
    if (measuredBy.unit) fields.unit = measuredBy.unit;
  }
  const analysis = analyseGoal(input.statement, {
    today: input.today,
    locale: input.locale,
    parentGoalId: input.parentGoalId ?? null,
    parentGoalTitle: input.parentGoalTitle ?? null,
    isTopLevel: input.isTopLevel ?? false,
    ...(kpiHistory ? { history: kpiHistory } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  });
  return {
    ...analysis,
    interpretation: interpretation ? { ...interpretation, kpiKey: measuredBy?.key ?? null } : null,
  };
}
