import { dayFromNumber, dayNumber } from '../days/index.ts';

/** Which way a KPI should move: 'increase' means higher is better, 'decrease' lower is better. */
export type Direction = 'increase' | 'decrease';

export type DatedValue = { date: string; value: number };

export type LinearForecastOptions = {
  deadline: string;
  target: number;
  direction: Direction;
  /** Fit only the last N points; by default the last 90 days or the last 30 points, whichever holds more. */
  recentPoints?: number;
};

export type LinearForecast = {
  slopePerDay: number;
  /** Trend value on `origin`, the earliest day of the fitted window. */
  intercept: number;
  origin: string;
  projectedAtDeadline: number;
  /** First day on or after `origin` when the trend is at or beyond target; null if never or too far off. */
  reachDate: string | null;
  /** Share of the variance the line explains; 1 for values that do not vary at all. */
  r2: number;
};

const DEFAULT_WINDOW_DAYS = 90;
const DEFAULT_WINDOW_POINTS = 30;
/** Five years, as 5 × 365.25 days; a trend that needs longer is not a forecast anyone should plan on. */
export const FORECAST_HORIZON_DAYS = 1826;
// Least squares leaves rounding noise; an exact crossing at day 30 must not come out as 30.000000001 → 31.
const DAY_TOLERANCE = 1e-9;

function recentWindow(sorted: Array<{ day: number; value: number }>, recentPoints: number | undefined) {
  if (recentPoints !== undefined) return sorted.slice(-Math.max(1, Math.floor(recentPoints)));
  const latest = sorted.at(-1)?.day ?? 0;
  const byDays = sorted.filter((point) => point.day > latest - DEFAULT_WINDOW_DAYS);
  const byCount = sorted.slice(-DEFAULT_WINDOW_POINTS);
  return byDays.length >= byCount.length ? byDays : byCount;
}

/** Least-squares trend of the recent points projected to the deadline, with the day it reaches target; null below 3 points. */
export function linearForecast(
  points: readonly DatedValue[],
  options: LinearForecastOptions,
): LinearForecast | null {
  const sorted = points
    .filter((point) => Number.isFinite(point.value))
    .map((point) => ({ day: dayNumber(point.date), value: point.value }))
    .sort((a, b) => a.day - b.day);
  const window = recentWindow(sorted, options.recentPoints);
  if (window.length < 3) return null;

  const originDay = window[0]?.day ?? 0;
  const count = window.length;
  let sumX = 0;
  let sumY = 0;
  for (const point of window) {
    sumX += point.day - originDay;
    sumY += point.value;
  }
  // Divided once at the end so that exact data (whole days, round values) gives an exact line.
  const meanX = sumX / count;
  const meanY = sumY / count;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const point of window) {
    const dx = point.day - originDay - meanX;
    const dy = point.value - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  // All points on one day: there is no time axis to fit a slope on.
  if (sxx === 0) return null;
  const slopePerDay = sxy / sxx;
  const intercept = meanY - slopePerDay * meanX;
  let residual = 0;
  for (const point of window) {
    const error = point.value - (intercept + slopePerDay * (point.day - originDay));
    residual += error * error;
  }
  const r2 = syy === 0 ? 1 : Math.max(0, 1 - residual / syy);

  const deadlineDay = dayNumber(options.deadline);
  const projectedAtDeadline = intercept + slopePerDay * (deadlineDay - originDay);
  const reachDay = firstReachDay(intercept, slopePerDay, options.target, options.direction);
  const latestDay = window.at(-1)?.day ?? originDay;
  const reachDate =
    reachDay === null || originDay + reachDay > latestDay + FORECAST_HORIZON_DAYS
      ? null
      : dayFromNumber(originDay + reachDay);
  return { slopePerDay, intercept, origin: dayFromNumber(originDay), projectedAtDeadline, reachDate, r2 };
}

/** Days after the origin until the line `intercept + slope·x` first reaches target, or null if it never does. */
function firstReachDay(
  intercept: number,
  slope: number,
  target: number,
  direction: Direction,
): number | null {
  const reached = (value: number) => (direction === 'increase' ? value >= target : value <= target);
  if (reached(intercept)) return 0;
  if (slope === 0 || (direction === 'increase') !== slope > 0) return null;
  const crossing = (target - intercept) / slope;
  const nearest = Math.round(crossing);
  return Math.abs(crossing - nearest) < DAY_TOLERANCE ? nearest : Math.ceil(crossing);
}

export type ThresholdStatus = 'green' | 'amber' | 'red';

/** Traffic light for a KPI value: at or beyond `green` is green, at or beyond `amber` amber, else red. */
export function thresholdStatus(
  value: number,
  thresholds: { green: number; amber: number; direction: Direction },
): ThresholdStatus {
  const atLeast = (limit: number) => (thresholds.direction === 'increase' ? value >= limit : value <= limit);
  if (atLeast(thresholds.green)) return 'green';
  if (atLeast(thresholds.amber)) return 'amber';
  return 'red';
}
