import { analyseGoal, type GoalFields, type KpiPoint } from '../../core/smart/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { addDays } from '../../core/kpis/periods.ts';
import type { Executor } from '../../db/types.ts';
import { selectKpiByKey, selectKpis } from '../kpis/queries.ts';
import { loadKpiSeries } from '../kpis/series.ts';

export type SmartInput = {
  statement: string;
  today: string;
  locale: Locale;
  parentGoalId?: string | null | undefined;
  isTopLevel?: boolean | undefined;
  startDate?: string | null | undefined;
  dueDate?: string | null | undefined;
  /** The KPI the goal moves: its last six months judge whether the target is achievable. */
  kpiKey?: string | null | undefined;
  keyResult?: { baseline: number | null; target: number | null } | null | undefined;
};

/**
 * The KPI's last six months as the achievable check needs them. A `sum` KPI (sign-ups per day) is compared
 * as a running total counted from the goal's start (or from today for a goal not begun), so a target of
 * "27,000 this quarter" meets the daily rate times the months left, not a single day's value.
 */
async function history(
  executor: Executor,
  workspaceId: string,
  kpiKey: string,
  today: string,
  startDate: string | null | undefined,
): Promise<KpiPoint[]> {
  const kpi = await selectKpiByKey(executor, workspaceId, kpiKey);
  if (!kpi) return [];
  const kpis = await selectKpis(executor, workspaceId);
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

/**
 * SMART analysis of a goal statement with what the workspace knows: its place in the tree, its due date,
 * and the KPI it moves. Structured fields fill in only what the text leaves out.
 */
export async function analyseGoalInWorkspace(executor: Executor, workspaceId: string, input: SmartInput) {
  const fields: GoalFields = {};
  // A saved goal's due date is the deadline: "三个月内" was counted from when it was written, not from today.
  if (input.dueDate) fields.deadline = input.dueDate;
  // A key result's target is a level on its KPI; it is more exact than "提升20%" in the text.
  if (input.keyResult?.target !== null && input.keyResult?.target !== undefined) {
    fields.target = input.keyResult.target;
    if (input.keyResult.baseline !== null) fields.baseline = input.keyResult.baseline;
  }
  return analyseGoal(input.statement, {
    today: input.today,
    locale: input.locale,
    parentGoalId: input.parentGoalId ?? null,
    isTopLevel: input.isTopLevel ?? false,
    ...(input.kpiKey
      ? { history: await history(executor, workspaceId, input.kpiKey, input.today, input.startDate) }
      : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  });
}
