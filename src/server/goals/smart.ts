import {
  analyseGoal,
  extractGoal,
  normaliseUnit,
  type GoalFields,
  type KpiPoint,
} from '../../core/smart/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { addDays } from '../../core/kpis/periods.ts';
import type { Executor } from '../../db/types.ts';
import { selectKpis, type KpiRow } from '../kpis/queries.ts';
import { loadKpiSeries } from '../kpis/series.ts';

export type SmartKeyResult = { kpiKey: string; baseline: number | null; target: number | null };

export type SmartInput = {
  statement: string;
  today: string;
  locale: Locale;
  parentGoalId?: string | null | undefined;
  isTopLevel?: boolean | undefined;
  startDate?: string | null | undefined;
  dueDate?: string | null | undefined;
  /** Key results on KPIs: the one measuring what the text names judges whether the target is achievable. */
  keyResults?: readonly SmartKeyResult[] | undefined;
};

/**
 * The KPI's last six months as the achievable check needs them. A `sum` KPI (sign-ups per day) is compared
 * as a running total counted from the goal's start (or from today for a goal not begun), so a target of
 * "27,000 this quarter" meets the daily rate times the months left, not a single day's value.
 */
async function history(
  executor: Executor,
  kpi: KpiRow,
  kpis: readonly KpiRow[],
  today: string,
  startDate: string | null | undefined,
): Promise<KpiPoint[]> {
  const series = await loadKpiSeries(executor, kpi, new Map(kpis.map((other) => [other.key, other])), {
    from: addDays(today, -183),
    to: today,
  });
  const points = series.map((point) => ({ date: point.period, value: point.value }));
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
 * the key result whose KPI measures what the text names. A target in the text wins; a key result's target
 * fills in only when the text has none, so "提升至 8%" is never judged against a key result on sign-ups.
 */
export async function analyseGoalInWorkspace(executor: Executor, workspaceId: string, input: SmartInput) {
  const fromText = extractGoal(input.statement, input.today);
  const kpis = input.keyResults?.length ? await selectKpis(executor, workspaceId) : [];
  const byKey = new Map(kpis.map((kpi) => [kpi.key, kpi]));
  const candidates = (input.keyResults ?? []).flatMap((keyResult) => {
    const kpi = byKey.get(keyResult.kpiKey);
    return kpi ? [{ keyResult, kpi }] : [];
  });
  const chosen = fromText.target
    ? candidates.find(({ kpi }) => measuresTheText(kpi, fromText.metric, fromText.target?.unit ?? null))
    : (candidates.find(({ kpi }) => measuresTheText(kpi, fromText.metric, null)) ?? candidates[0]);

  const fields: GoalFields = {};
  // A saved goal's due date is the deadline: "三个月内" was counted from when it was written, not from today.
  if (input.dueDate) fields.deadline = input.dueDate;
  if (!fromText.target && chosen && chosen.keyResult.target !== null) {
    fields.target = chosen.keyResult.target;
    if (chosen.keyResult.baseline !== null) fields.baseline = chosen.keyResult.baseline;
  }
  return analyseGoal(input.statement, {
    today: input.today,
    locale: input.locale,
    parentGoalId: input.parentGoalId ?? null,
    isTopLevel: input.isTopLevel ?? false,
    ...(chosen ? { history: await history(executor, chosen.kpi, kpis, input.today, input.startDate) } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  });
}
