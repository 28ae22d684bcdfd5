import { addDays, addMonths, daysBetween, formatDay, parseDay } from './dates.ts';
import type { Direction, KpiPoint, Quantity } from './types.ts';

const DAYS_PER_MONTH = 365.25 / 12;
const TREND_WINDOW_MONTHS = 6;
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

/** Least-squares slope of value over x. */
function slope(points: Array<{ x: number; y: number }>): number {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const p of points) {
    numerator += (p.x - meanX) * (p.y - meanY);
    denominator += (p.x - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

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

/** The recent trend of the KPI over the last 6 months of history (or its last 3 points when sparser). */
export function recentTrend(
  history: KpiPoint[],
): { current: number; perMonth: number; windowMonths: number } | null {
  const sorted = [...history].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const last = sorted.at(-1);
  if (!last || sorted.length < MIN_POINTS) return null;
  const windowStart = formatDay(addMonths(parseDay(last.date), -TREND_WINDOW_MONTHS));
  let window = sorted.filter((point) => point.date >= windowStart);
  if (window.length < MIN_POINTS) window = sorted.slice(-MIN_POINTS);
  const first = window[0];
  if (!first) return null;
  const points = window.map((point) => ({
    x: daysBetween(first.date, point.date) / DAYS_PER_MONTH,
    y: point.value,
  }));
  const spanMonths = daysBetween(first.date, last.date) / DAYS_PER_MONTH;
  return { current: last.value, perMonth: slope(points), windowMonths: Math.max(1, Math.round(spanMonths)) };
}

/** Compares the monthly pace a target needs by its deadline with the KPI's recent trend. */
export function assessAchievable(input: AchievableInput): AchievableAssessment {
  const history = input.history ?? [];
  if (history.length === 0) return { outcome: 'noHistory' };
  const trend = recentTrend(history);
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
  const monthsToTarget = pace > 0 ? Math.abs(gap) / pace : null;
  const eta =
    monthsToTarget === null
      ? null
      : formatDay(addDays(parseDay(input.today), Math.ceil(monthsToTarget * DAYS_PER_MONTH)));
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
    projected: current + trend.perMonth * months,
    eta,
  };
}
