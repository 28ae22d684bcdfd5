import { daysBetween } from '../days/index.ts';
import { linearForecast } from '../kpis/forecast.ts';
import type { Direction, KpiPoint, Quantity } from './types.ts';

const DAYS_PER_MONTH = 365.25 / 12;
const MIN_POINTS = 3;
/** Needing up to 1.5× the recent pace passes, up to 3× is a stretch, beyond that is not credible. */
const PASS_RATIO = 1.5;
const WARN_RATIO = 3;

export type AchievableInput = {
  today: string;
  target: Quantity | null;
  targetMode: 'level' | 'change' | null;
  direction: Direction | null;
  deadline: string | null;
  history: KpiPoint[] | undefined;
};

export type PaceComparison = {
  status: 'pass' | 'warn' | 'fail';
  current: number;
  targetLevel: number;
  /** Per month, in % of the current value when `isRelative`, else in the KPI's own unit. */
  requiredPerMonth: number;
  trendPerMonth: number;
  isRelative: boolean;
  /** How many times the recent pace the target needs; null when the trend is flat or going the wrong way. */
  ratio: number | null;
  windowMonths: number;
  projected: number;
  /** When the target would be reached at the recent pace; null when it would not. */
  eta: string | null;
};

export type AchievableAssessment =
  | { outcome: 'noHistory' }
  | { outcome: 'fewPoints'; count: number }
  | { outcome: 'noTarget' }
  | { outcome: 'noDeadline' }
  | { outcome: 'reached'; current: number; targetLevel: number }
  | { outcome: 'deadlinePassed'; current: number; targetLevel: number }
  | ({ outcome: 'compared' } & PaceComparison);

/** The value a target stands for: "提升20%" from 50 means 60; "to 3%" means 3. */
export function targetLevelFrom(
  current: number,
  target: Quantity,
  mode: 'level' | 'change' | null,
  direction: Direction | null,
): number {
  if (mode !== 'change') return target.value;
  const sign = direction === 'decrease' ? -1 : 1;
  // A "20%" change is relative growth; percentage points and plain numbers add to the current value.
  if (target.unit === '%') return current * (1 + (sign * target.value) / 100);
  return current + sign * target.value;
}

/**
 * The recent trend of the KPI, fitted exactly as a key result's forecast is (`linearForecast`: the last 90 days or
 * 30 points, whichever holds more), so the SMART check and the key result's forecast read one line.
 */
export function recentTrend(
  history: KpiPoint[],
): { current: number; perMonth: number; windowMonths: number } | null {
  const fit = fitTrend(history, null);
  return fit ? { current: fit.current, perMonth: fit.perMonth, windowMonths: fit.windowMonths } : null;
}

function fitTrend(
  history: KpiPoint[],
  goal: { deadline: string; target: number; direction: Direction | null } | null,
) {
  const sorted = [...history].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const last = sorted.at(-1);
  if (!last || sorted.length < MIN_POINTS) return null;
  const forecast = linearForecast(sorted, {
    deadline: goal?.deadline ?? last.date,
    target: goal?.target ?? last.value,
    direction: goal?.direction === 'decrease' ? 'decrease' : 'increase',
  });
  if (!forecast) return null;
  const spanMonths = daysBetween(forecast.origin, last.date) / DAYS_PER_MONTH;
  return {
    current: last.value,
    perMonth: forecast.slopePerDay * DAYS_PER_MONTH,
    windowMonths: Math.max(1, Math.round(spanMonths)),
    projectedAtDeadline: forecast.projectedAtDeadline,
    reachDate: forecast.reachDate,
  };
}

/** Compares the monthly pace a target needs by its deadline with the KPI's recent trend. */
export function assessAchievable(input: AchievableInput): AchievableAssessment {
  const history = input.history ?? [];
  if (history.length === 0) return { outcome: 'noHistory' };
  const trend = fitTrend(history, null);
  if (!trend) return { outcome: 'fewPoints', count: history.length };
  if (!input.target) return { outcome: 'noTarget' };
  if (!input.deadline) return { outcome: 'noDeadline' };
  const { current } = trend;
  const targetLevel = targetLevelFrom(current, input.target, input.targetMode, input.direction);
  const gap = targetLevel - current;
  const isReached =
    input.direction === 'decrease'
      ? gap >= 0
      : input.direction === 'increase'
        ? gap <= 0
        : Math.abs(gap) < 1e-9;
  if (isReached) return { outcome: 'reached', current, targetLevel };
  const months = daysBetween(input.today, input.deadline) / DAYS_PER_MONTH;
  if (months <= 0) return { outcome: 'deadlinePassed', current, targetLevel };
  const way = Math.sign(gap);
  const required = gap / months;
  const isRelative = current !== 0;
  const scale = isRelative ? 100 / Math.abs(current) : 1;
  const pace = way * trend.perMonth;
  const ratio = pace > 0 ? (way * required) / pace : null;
  const status =
    ratio === null ? 'fail' : ratio <= PASS_RATIO ? 'pass' : ratio <= WARN_RATIO ? 'warn' : 'fail';
  // The projection and the day the target is reached come from the same fitted line as the key result's forecast.
  const line = fitTrend(history, {
    deadline: input.deadline,
    target: targetLevel,
    direction: input.direction,
  });
  const eta =
    pace > 0 && line?.reachDate ? (line.reachDate < input.today ? input.today : line.reachDate) : null;
  return {
    outcome: 'compared',
    status,
    current,
    targetLevel,
    requiredPerMonth: required * scale,
    trendPerMonth: trend.perMonth * scale,
    isRelative,
    ratio,
    windowMonths: trend.windowMonths,
    projected: line?.projectedAtDeadline ?? current + trend.perMonth * months,
    eta,
  };
}
