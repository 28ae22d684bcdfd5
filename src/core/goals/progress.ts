import type { Locale } from '../i18n/index.ts';
import type { Direction } from '../kpis/forecast.ts';
import { daysBetween } from '../days/index.ts';

export type KeyResultProgressInput = {
  baseline: number;
  target: number;
  current: number | null;
  /** Defaults to the way baseline → target points ('increase' when they are equal). */
  direction?: Direction;
};

function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/** Fraction 0..1 of the way from baseline to target (a target level to hold when there is no way to go); null current is 0. */
export function keyResultProgress(input: KeyResultProgressInput): number {
  const { baseline, target, current } = input;
  if (current === null || !Number.isFinite(current)) return 0;
  const direction = input.direction ?? (target < baseline ? 'decrease' : 'increase');
  const pathPointsTheSameWay = direction === 'increase' ? target > baseline : target < baseline;
  // Baseline equal to target, or a direction that contradicts them ("decrease, target 3" from a baseline of
  // 2 means "keep complaints at or below 3"), leaves no distance to measure: it is reached or it is not.
  if (!pathPointsTheSameWay) {
    return (direction === 'increase' ? current >= target : current <= target) ? 1 : 0;
  }
  return clamp01((current - baseline) / (target - baseline));
}

export type GoalNode = {
  id: string;
  weight: number;
  keyResults: ReadonlyArray<{ weight: number; progress: number }>;
  children: readonly GoalNode[];
};

/** All-zero weights give the plain mean, so a goal whose weights nobody set still moves; no items give 0. */
function weightedMean(items: ReadonlyArray<{ weight: number; progress: number }>): number {
  if (items.length === 0) return 0;
  let totalWeight = 0;
  let weighted = 0;
  let plain = 0;
  for (const item of items) {
    // A negative or missing weight would let one item cancel another; it counts as zero instead.
    const weight = Number.isFinite(item.weight) && item.weight > 0 ? item.weight : 0;
    const progress = clamp01(item.progress);
    totalWeight += weight;
    weighted += weight * progress;
    plain += progress;
  }
  return totalWeight > 0 ? weighted / totalWeight : plain / items.length;
}

/** Progress of one goal from its key results and child goals (already rolled up), as rollupProgress sums them. */
export function goalProgressFrom(items: ReadonlyArray<{ weight: number; progress: number }>): number {
  return weightedMean(items);
}

/** Progress of every goal in one or more trees: weighted mean of its key results and child goals together (see weightedMean). */
export function rollupProgress(roots: GoalNode | readonly GoalNode[]): Map<string, number> {
  const progress = new Map<string, number>();
  const pending: Array<{ node: GoalNode; childrenDone: boolean }> = [];
  const rootList: readonly GoalNode[] = 'id' in roots ? [roots] : roots;
  for (let index = rootList.length - 1; index >= 0; index -= 1) {
    const root = rootList[index];
    if (root !== undefined) pending.push({ node: root, childrenDone: false });
  }
  // Post-order with an explicit stack: a 10,000-level chain must not overflow, and each goal is visited twice.
  // Child results are read back from the map by their node, so ids may repeat across separate trees.
  const byNode = new Map<GoalNode, number>();
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const { node } = entry;
    if (!entry.childrenDone) {
      pending.push({ node, childrenDone: true });
      for (const child of node.children) pending.push({ node: child, childrenDone: false });
      continue;
    }
    const items = [
      ...node.keyResults,
      ...node.children.map((child) => ({ weight: child.weight, progress: byNode.get(child) ?? 0 })),
    ];
    const value = weightedMean(items);
    byNode.set(node, value);
    progress.set(node.id, value);
  }
  return progress;
}

/** Fraction 0..1 of the time from start to due that has passed by today; a zero-length span is 0 before due, 1 from it. */
export function expectedProgress(start: string, due: string, today: string): number {
  const span = daysBetween(start, due);
  const elapsed = daysBetween(start, today);
  if (span <= 0) return daysBetween(due, today) >= 0 ? 1 : 0;
  return clamp01(elapsed / span);
}

export type HealthStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export type HealthReasonCode =
  | 'health_no_data'
  | 'health_target_reached'
  | 'health_forecast_reaches_target'
  | 'health_forecast_short'
  | 'health_on_pace'
  | 'health_behind_pace';

export type GoalHealth = {
  status: HealthStatus;
  reason: { code: HealthReasonCode; params: Record<string, string | number> };
};

/**
 * Where the lines fall. A forecast of at least 100% is on track; from 85% it is at risk, as is a goal whose
 * progress is within 10 points of where the calendar says it should be; anything less is off track.
 */
export const HEALTH_THRESHOLDS = { forecastAtRisk: 0.85, paceTolerance: 0.1 } as const;

/** Messages for the goal health reasons; percentages are whole numbers. */
export const HEALTH_MESSAGES = {
  en: {
    health_no_data: 'No measurements yet.',
    health_target_reached: 'Target reached ({progressPercent}%).',
    health_forecast_reaches_target: 'Forecast reaches {projectedPercent}% of target by {deadline}.',
    health_forecast_short:
      'Forecast reaches {projectedPercent}% of target by {deadline}; progress is {progressPercent}% against {expectedPercent}% expected by now.',
    health_on_pace: 'Progress is {progressPercent}% against {expectedPercent}% expected by now.',
    health_behind_pace: 'Progress is {progressPercent}%, behind the {expectedPercent}% expected by now.',
  },
  'zh-CN': {
    health_no_data: '暂无度量数据。',
    health_target_reached: '已达成目标({progressPercent}%)。',
    health_forecast_reaches_target: '按当前趋势，到 {deadline} 可达成目标的 {projectedPercent}%。',
    health_forecast_short:
      '按当前趋势，到 {deadline} 仅能达成目标的 {projectedPercent}%；当前进度 {progressPercent}%，按时间应达 {expectedPercent}%。',
    health_on_pace: '当前进度 {progressPercent}%，按时间应达 {expectedPercent}%。',
    health_behind_pace: '当前进度 {progressPercent}%，落后于按时间应达的 {expectedPercent}%。',
  },
} as const satisfies Record<Locale, Record<HealthReasonCode, string>>;

export type GoalHealthInput = {
  /** Progress 0..1, or null when nothing has been measured. */
  progress: number | null;
  /** Expected progress 0..1 by today (see expectedProgress). */
  expected: number;
  /** Progress 0..1 the forecast reaches by the deadline, or null without a forecast. */
  projectedProgressAtDeadline: number | null;
  /** The goal's due day, named in the forecast reasons. */
  deadline: string;
};

function percent(fraction: number): number {
  // Rounded down, so that 99.6% never reads as "100% of target" on a goal that is at risk; the epsilon
  // keeps 0.29 (28.999… in binary) at 29.
  return Math.floor(fraction * 100 + 1e-9);
}

/** Health of a goal from its progress, where the calendar says it should be, and its forecast. */
export function goalHealth(input: GoalHealthInput): GoalHealth {
  const { progress, expected, projectedProgressAtDeadline: projected, deadline } = input;
  if (progress === null || !Number.isFinite(progress)) {
    return { status: 'no_data', reason: { code: 'health_no_data', params: {} } };
  }
  const pace = { progressPercent: percent(progress), expectedPercent: percent(expected) };
  if (progress >= 1) return { status: 'on_track', reason: { code: 'health_target_reached', params: pace } };
  // The epsilon keeps 0.5 against 0.6 expected inside the 10 points despite binary fractions.
  const isNearPace = progress >= expected - HEALTH_THRESHOLDS.paceTolerance - 1e-9;
  if (projected !== null && Number.isFinite(projected)) {
    const params = { ...pace, projectedPercent: percent(projected), deadline };
    if (projected >= 1)
      return { status: 'on_track', reason: { code: 'health_forecast_reaches_target', params } };
    const status = projected >= HEALTH_THRESHOLDS.forecastAtRisk || isNearPace ? 'at_risk' : 'off_track';
    return { status, reason: { code: 'health_forecast_short', params } };
  }
  if (progress >= expected) return { status: 'on_track', reason: { code: 'health_on_pace', params: pace } };
  return {
    status: isNearPace ? 'at_risk' : 'off_track',
    reason: { code: 'health_behind_pace', params: pace },
  };
}
