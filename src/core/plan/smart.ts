import { keyResultTrajectory } from '../goals/trajectory.ts';
import type { Locale } from '../i18n/index.ts';
import {
  analyseGoal,
  extractGoal,
  interpretTarget,
  normaliseUnit,
  type GoalFields,
  type KpiPoint,
} from '../smart/index.ts';
import type { SmartAnalysis } from '../smart/types.ts';
import type { Plan, PlanGoal, PlanKpi, PlanObservations } from './model.ts';

/** Whether a KPI plausibly measures what the statement names: same unit, or names that contain each other. */
function measuresTheText(kpi: PlanKpi, metric: string | null, unit: string | null): boolean {
  if (unit && kpi.unit && normaliseUnit(kpi.unit) === unit) return true;
  if (!metric) return false;
  return (
    kpi.name.includes(metric) ||
    metric.includes(kpi.name) ||
    metric.toLowerCase().includes(kpi.key.replaceAll('_', ' '))
  );
}

/** The first of each key, as `find` would answer (the linter reports the duplicates). */
function byKey<T extends { key: string }>(items: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.key)) map.set(item.key, item);
  return map;
}

/** A plan's KPIs and goals by key, built once per plan: the linter asks for every goal of a large plan. */
const indexes = new WeakMap<Plan, { kpis: Map<string, PlanKpi>; goals: Map<string, PlanGoal> }>();
function indexOf(plan: Plan) {
  let index = indexes.get(plan);
  if (!index) {
    index = { kpis: byKey(plan.kpis), goals: byKey(plan.goals) };
    indexes.set(plan, index);
  }
  return index;
}

/** The key result (with its KPI) whose line a goal's SMART verdict reads: the one on the KPI the statement names. */
function chooseKeyResult(plan: Plan, goal: PlanGoal, fromText: ReturnType<typeof extractGoal>) {
  const index = indexOf(plan);
  const candidates = goal.keyResults.flatMap((keyResult) => {
    const kpi = keyResult.kpi ? index.kpis.get(keyResult.kpi) : undefined;
    return kpi ? [{ keyResult, kpi }] : [];
  });
  return fromText.target
    ? candidates.find(({ kpi }) => measuresTheText(kpi, fromText.metric, fromText.target?.unit ?? null))
    : (candidates.find(({ kpi }) => measuresTheText(kpi, fromText.metric, null)) ?? candidates[0]);
}

/**
 * The KPI whose history `goalSmart` reads for this goal, if any, and from which day it reads it: the goal's start
 * when it has begun (its key result's line since then), else all of what it is given. Lets a caller read only
 * those measurements (plan health at 100,000 tasks).
 */
export function smartHistoryNeed(
  plan: Plan,
  goal: PlanGoal,
  today: string,
): { kpi: PlanKpi; from: string | null } | undefined {
  const chosen = chooseKeyResult(plan, goal, extractGoal(goal.title, today));
  if (!chosen) return undefined;
  if (goal.start <= today) return { kpi: chosen.kpi, from: goal.start };
  // Not begun: a cumulative KPI's points are not read at all; the others are read whole.
  return chosen.kpi.aggregation === 'sum' ? undefined : { kpi: chosen.kpi, from: null };
}

/**
 * The SMART verdict of a goal as the goal page gives it, for the plan document and the linter alike (server goals/smart.ts): the due date is the deadline,
 * the key result on the KPI the statement names is read through interpretTarget, the one reading the goal page,
 * its key result and forecast share, with that key result's trajectory since the goal's start as the pace; the
 * relevance names the parent goal's title.
 */
export function goalSmart(
  plan: Plan,
  goal: PlanGoal,
  observations: PlanObservations | null,
  context: { today: string; locale: Locale },
): SmartAnalysis {
  const fromText = extractGoal(goal.title, context.today);
  const index = indexOf(plan);
  const chosen = chooseKeyResult(plan, goal, fromText);
  const points: KpiPoint[] = chosen
    ? (observations?.kpis[chosen.kpi.key]?.history ?? observations?.kpis[chosen.kpi.key]?.series ?? [])
        .filter((point) => /^\d{4}-\d{2}-\d{2}$/.test(point.period))
        .map((point) => ({ date: point.period, value: point.value }))
    : [];
  // A goal under way reads its key result's line since the start; one not begun reads levels as they are.
  const history: KpiPoint[] =
    chosen && points.length > 0
      ? goal.start <= context.today
        ? keyResultTrajectory(points, chosen.kpi.aggregation, { start: goal.start, end: context.today })
        : chosen.kpi.aggregation !== 'sum'
          ? points
          : []
      : [];
  const interpretation = interpretTarget({
    extracted: fromText,
    keyResult: chosen
      ? {
          title: chosen.keyResult.title,
          baseline: chosen.keyResult.baseline ?? null,
          target: chosen.keyResult.target ?? null,
        }
      : null,
    kpi: chosen
      ? {
          name: chosen.kpi.name,
          unit: chosen.kpi.unit ?? null,
          current: history.at(-1)?.value ?? null,
          isCumulative: chosen.kpi.aggregation === 'sum',
        }
      : null,
    locale: context.locale,
  });
  const fields: GoalFields = { deadline: goal.due };
  if (chosen && interpretation?.target !== null && interpretation?.target !== undefined) {
    fields.target = interpretation.target;
    if (interpretation.baseline !== null) fields.baseline = interpretation.baseline;
    if (chosen.kpi.unit) fields.unit = chosen.kpi.unit;
  }
  const parent = goal.parent ? index.goals.get(goal.parent) : undefined;
  return analyseGoal(goal.title, {
    today: context.today,
    locale: context.locale,
    parentGoalId: goal.parent ?? null,
    parentGoalTitle: parent?.title ?? null,
    isTopLevel: !goal.parent,
    fields,
    ...(history.length > 0 ? { history } : {}),
  });
}
