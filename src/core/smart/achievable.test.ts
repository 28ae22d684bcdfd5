import { describe, expect, it } from 'vitest';
import { linearForecast } from '../kpis/forecast.ts';
import { assessAchievable } from './achievable.ts';

// Weekly DAU for eight months: flat at 40k until the last three months, then climbing 1,000 a week.
const history = Array.from({ length: 35 }, (_, week) => {
  const date = new Date(Date.UTC(2026, 3, 2) + week * 7 * 86_400_000).toISOString().slice(0, 10);
  return { date, value: week < 22 ? 40_000 : 40_000 + (week - 21) * 1_000 };
});

describe('achievable check and key-result forecast', () => {
  it('read one fitted line: the same window, projection and reach day', () => {
    const today = history.at(-1)?.date ?? '';
    const deadline = '2027-03-31';
    const target = 70_000;
    const assessment = assessAchievable({
      today,
      target: { value: target, unit: null },
      targetMode: 'level',
      direction: 'increase',
      deadline,
      history,
    });
    const forecast = linearForecast(history, { deadline, target, direction: 'increase' });
    expect(assessment.outcome).toBe('compared');
    if (assessment.outcome !== 'compared' || !forecast) throw new Error('no comparison');
    expect(assessment.projected).toBeCloseTo(forecast.projectedAtDeadline, 6);
    expect(assessment.eta).toBe(forecast.reachDate);
    // The pace is the forecast's slope, per month and relative to the current value.
    const current = history.at(-1)?.value ?? 1;
    expect(assessment.trendPerMonth).toBeCloseTo(((forecast.slopePerDay * 365.25) / 12 / current) * 100, 6);
  });
});
