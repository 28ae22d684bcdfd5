import type { Aggregation } from '../kpis/periods.ts';
import type { DatedValue } from '../kpis/forecast.ts';

/**
 * What a key result reads from its KPI at each measured day of the goal's window: a `sum` KPI (new users per
 * day) accumulates from the goal's start, `avg`/`min`/`max` run over the window, `last` is the latest value.
 * The last point is the key result's current value; the whole line is what its forecast is fitted on.
 */
export function keyResultTrajectory(
  points: readonly DatedValue[],
  aggregation: Aggregation,
  window: { start: string; end: string },
): DatedValue[] {
  const inWindow = points
    .filter((point) => point.date >= window.start && point.date <= window.end)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const trajectory: DatedValue[] = [];
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  inWindow.forEach((point, index) => {
    sum += point.value;
    min = Math.min(min, point.value);
    max = Math.max(max, point.value);
    const value =
      aggregation === 'sum'
        ? sum
        : aggregation === 'avg'
          ? sum / (index + 1)
          : aggregation === 'min'
            ? min
            : aggregation === 'max'
              ? max
              : point.value;
    trajectory.push({ date: point.date, value });
  });
  return trajectory;
}
