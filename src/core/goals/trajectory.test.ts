import { describe, expect, it } from 'vitest';
import { keyResultTrajectory } from './trajectory.ts';

const points = [
  { date: '2026-10-31', value: 100 },
  { date: '2026-11-01', value: 10 },
  { date: '2026-11-03', value: 30 },
  { date: '2026-11-02', value: 20 },
  { date: '2026-12-01', value: 999 },
];
const window = { start: '2026-11-01', end: '2026-11-30' };

describe('keyResultTrajectory', () => {
  it('accumulates a sum KPI from the goal start, in day order, inside the window only', () => {
    expect(keyResultTrajectory(points, 'sum', window)).toEqual([
      { date: '2026-11-01', value: 10 },
      { date: '2026-11-02', value: 30 },
      { date: '2026-11-03', value: 60 },
    ]);
  });

  it('runs averages, minima and maxima, and takes the latest value for last', () => {
    expect(keyResultTrajectory(points, 'avg', window).map((p) => p.value)).toEqual([10, 15, 20]);
    expect(keyResultTrajectory(points, 'min', window).map((p) => p.value)).toEqual([10, 10, 10]);
    expect(keyResultTrajectory(points, 'max', window).map((p) => p.value)).toEqual([10, 20, 30]);
    expect(keyResultTrajectory(points, 'last', window).map((p) => p.value)).toEqual([10, 20, 30]);
  });

  it('is empty without points in the window', () => {
    expect(keyResultTrajectory(points, 'sum', { start: '2027-01-01', end: '2027-02-01' })).toEqual([]);
  });
});
