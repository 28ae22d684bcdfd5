import { describe, expect, it } from 'vitest';
import { FORECAST_HORIZON_DAYS, linearForecast, thresholdStatus, type DatedValue } from './forecast.ts';
import { addDays } from '../days/index.ts';

function line(start: string, count: number, everyDays: number, value: (x: number) => number): DatedValue[] {
  return Array.from({ length: count }, (_, index) => {
    const x = index * everyDays;
    return { date: addDays(start, x), value: value(x) };
  });
}

describe('linearForecast', () => {
  it('fits exact linear data exactly and names the day the target is reached', () => {
    const points = line('2025-01-01', 10, 1, (x) => 100 + 2 * x);
    expect(linearForecast(points, { deadline: '2025-03-01', target: 200, direction: 'increase' })).toEqual({
      slopePerDay: 2,
      intercept: 100,
      origin: '2025-01-01',
      projectedAtDeadline: 218,
      reachDate: '2025-02-20',
      r2: 1,
    });
  });

  it('reaches a target between two days on the later day', () => {
    const points = line('2025-01-01', 10, 1, (x) => 100 + 2 * x);
    const forecast = linearForecast(points, { deadline: '2025-03-01', target: 201, direction: 'increase' });
    expect(forecast?.reachDate).toBe('2025-02-21');
  });

  it('forecasts a decreasing KPI from weekly points given out of order', () => {
    const points = line('2025-01-06', 4, 7, (x) => 50 - 0.5 * x).reverse();
    const forecast = linearForecast(points, { deadline: '2025-03-31', target: 30, direction: 'decrease' });
    expect(forecast).toEqual({
      slopePerDay: -0.5,
      intercept: 50,
      origin: '2025-01-06',
      projectedAtDeadline: 8,
      reachDate: '2025-02-15',
      r2: 1,
    });
  });

  it('fits noisy data by least squares', () => {
    const values = [1, 3, 2, 5, 4];
    const points = values.map((value, x) => ({ date: addDays('2025-06-01', x), value }));
    const forecast = linearForecast(points, { deadline: '2025-06-11', target: 10, direction: 'increase' });
    expect(forecast?.slopePerDay).toBeCloseTo(0.8, 12);
    expect(forecast?.intercept).toBeCloseTo(1.4, 12);
    expect(forecast?.r2).toBeCloseTo(0.64, 12);
    expect(forecast?.projectedAtDeadline).toBeCloseTo(9.4, 12);
    // 1.4 + 0.8x ≥ 10 first at x = 10.75 → day 11.
    expect(forecast?.reachDate).toBe('2025-06-12');
  });

  it('has no reach date when the trend runs the wrong way, is flat, or takes over five years', () => {
    const falling = line('2025-01-01', 5, 1, (x) => 100 - x);
    expect(
      linearForecast(falling, { deadline: '2025-12-31', target: 150, direction: 'increase' })?.reachDate,
    ).toBe(null);
    const flat = line('2025-01-01', 5, 1, () => 7);
    const flatForecast = linearForecast(flat, { deadline: '2025-12-31', target: 8, direction: 'increase' });
    expect(flatForecast).toMatchObject({ slopePerDay: 0, r2: 1, reachDate: null, projectedAtDeadline: 7 });
    // The horizon counts from the last point (day 4): a target met on its last day still has a date.
    const slow = line('2025-01-01', 5, 1, (x) => 1 + x / 1000);
    const horizon = 4 + FORECAST_HORIZON_DAYS;
    const onHorizon = linearForecast(slow, {
      deadline: '2026-01-01',
      target: 1 + horizon / 1000,
      direction: 'increase',
    });
    expect(onHorizon?.reachDate).toBe(addDays('2025-01-01', horizon));
    const beyond = linearForecast(slow, {
      deadline: '2026-01-01',
      target: 1 + (horizon + 1) / 1000,
      direction: 'increase',
    });
    expect(beyond?.reachDate).toBeNull();
  });

  it('gives the window start as reach date when the trend is already at target', () => {
    const points = line('2025-01-01', 5, 1, (x) => 10 - x);
    expect(
      linearForecast(points, { deadline: '2025-02-01', target: 12, direction: 'decrease' })?.reachDate,
    ).toBe('2025-01-01');
  });

  it('fits the last 90 days by default when they hold more than 30 points', () => {
    // Slope 1 for 100 days, then slope 3 for the last 100.
    const points = line('2025-01-01', 200, 1, (x) => (x < 100 ? x : 99 + 3 * (x - 99)));
    const forecast = linearForecast(points, { deadline: '2025-12-31', target: 1000, direction: 'increase' });
    expect(forecast?.slopePerDay).toBe(3);
    expect(forecast?.origin).toBe(addDays('2025-01-01', 110));
  });

  it('fits the last 30 points by default when 90 days hold fewer', () => {
    const points = line('2020-01-01', 40, 30, (x) => (x < 300 ? 0 : x));
    const forecast = linearForecast(points, { deadline: '2025-12-31', target: 5000, direction: 'increase' });
    expect(forecast?.origin).toBe(addDays('2020-01-01', 300));
    expect(forecast?.slopePerDay).toBe(1);
  });

  it('fits only the last N points when asked', () => {
    const points = line('2025-01-01', 10, 1, (x) => (x < 7 ? 0 : 5 * x));
    const forecast = linearForecast(points, {
      deadline: '2025-02-01',
      target: 100,
      direction: 'increase',
      recentPoints: 3,
    });
    expect(forecast).toMatchObject({
      origin: '2025-01-08',
      slopePerDay: 5,
      intercept: 35,
      reachDate: '2025-01-21',
    });
  });

  it('needs three points on at least two days', () => {
    const options = { deadline: '2025-02-01', target: 10, direction: 'increase' } as const;
    expect(
      linearForecast(
        line('2025-01-01', 2, 1, (x) => x),
        options,
      ),
    ).toBeNull();
    expect(
      linearForecast(
        line('2025-01-01', 3, 0, (x) => x),
        options,
      ),
    ).toBeNull();
    expect(linearForecast([], options)).toBeNull();
  });
});

describe('thresholdStatus', () => {
  it.each([
    [95, 'green'],
    [90, 'green'],
    [80, 'amber'],
    [70, 'amber'],
    [69.9, 'red'],
  ] as const)('higher is better: %d is %s', (value, expected) => {
    expect(thresholdStatus(value, { green: 90, amber: 70, direction: 'increase' })).toBe(expected);
  });

  it.each([
    [1, 'green'],
    [2, 'green'],
    [4, 'amber'],
    [5, 'amber'],
    [5.1, 'red'],
  ] as const)('lower is better: %d is %s', (value, expected) => {
    expect(thresholdStatus(value, { green: 2, amber: 5, direction: 'decrease' })).toBe(expected);
  });
});
