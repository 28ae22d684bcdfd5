import { describe, expect, it } from 'vitest';
import type { ProcessRunRecord, StepEventRecord } from './analytics.ts';
import { analysePaths } from './variants.ts';

const H = 3_600_000;
const at = (hours: number): number => Date.UTC(2026, 0, 5) + hours * H;

function run(
  id: string,
  start: number,
  finish: number | null,
  status: ProcessRunRecord['status'],
): ProcessRunRecord {
  return {
    id,
    versionId: 'v1',
    startedAt: at(start),
    finishedAt: finish === null ? null : at(finish),
    status,
  };
}

/** [runId, step, entered, completed] in hours. */
function visits(rows: ReadonlyArray<[string, string, number, number | null]>): StepEventRecord[] {
  return rows.map(([runId, stepKey, entered, completed]) => ({
    runId,
    stepKey,
    enteredAt: at(entered),
    startedAt: null,
    completedAt: completed === null ? null : at(completed),
    dueAt: null,
  }));
}

// r1, r2, r4: a → b → c (lead 3, 5, 9 h). r3: a → b → a → b → c with rework (lead 10 h).
// r5 (active) loops back to b once, still open; r6 (cancelled) loops back to a, completed.
const runs = [
  run('r1', 0, 3, 'completed'),
  run('r2', 10, 15, 'completed'),
  run('r3', 20, 30, 'completed'),
  run('r4', 40, 49, 'completed'),
  run('r5', 50, null, 'active'),
  run('r6', 60, 64, 'cancelled'),
];
// Listed out of order on purpose: paths follow entered time.
const events = visits([
  ['r1', 'c', 2, 3],
  ['r1', 'a', 0, 1],
  ['r1', 'b', 1, 2],
  ['r2', 'a', 10, 11],
  ['r2', 'b', 11, 14],
  ['r2', 'c', 14, 15],
  ['r3', 'a', 20, 21],
  ['r3', 'b', 21, 23],
  ['r3', 'a', 23, 25.5],
  ['r3', 'b', 25.5, 27],
  ['r3', 'c', 27, 30],
  ['r4', 'a', 40, 41],
  ['r4', 'b', 41, 48],
  ['r4', 'c', 48, 49],
  ['r5', 'a', 50, 51],
  ['r5', 'b', 51, 52],
  ['r5', 'b', 52, null],
  ['r6', 'a', 60, 61],
  ['r6', 'a', 61, 64],
  ['other', 'a', 0, 100],
]);

describe('analysePaths', () => {
  const result = analysePaths(runs, events);

  it('groups completed runs by their path, most common first, with share and median lead time', () => {
    expect(result.variants).toEqual({
      completedRuns: 4,
      distinct: 2,
      top: [
        { steps: ['a', 'b', 'c'], count: 3, share: 0.75, medianLeadTimeMs: 5 * H },
        { steps: ['a', 'b', 'a', 'b', 'c'], count: 1, share: 0.25, medianLeadTimeMs: 10 * H },
      ],
    });
  });

  it('counts rework per step over every run, with the hours of completed repeat visits', () => {
    expect(result.rework).toEqual({
      cases: 3,
      visits: 4,
      // r3: a 2.5 h + b 1.5 h; r6: a 3 h; r5's repeat of b is open and costs nothing yet.
      reworkMs: 7 * H,
      steps: [
        { stepKey: 'a', visits: 2, cases: 2, reworkMs: 5.5 * H },
        { stepKey: 'b', visits: 2, cases: 2, reworkMs: 1.5 * H },
      ],
    });
  });

  it('lists at most variantLimit variants, still counting them all', () => {
    const limited = analysePaths(runs, events, { variantLimit: 1 });
    expect(limited.variants.distinct).toBe(2);
    expect(limited.variants.top.map((variant) => variant.count)).toEqual([3]);
  });

  it('breaks ties on count by the shorter median lead time, and has no variants without completed runs', () => {
    const tied = analysePaths(
      [run('x', 0, 8, 'completed'), run('y', 0, 2, 'completed')],
      visits([
        ['x', 'a', 0, 8],
        ['y', 'b', 0, 2],
      ]),
    );
    expect(tied.variants.top.map((variant) => variant.steps)).toEqual([['b'], ['a']]);
    const none = analysePaths([run('z', 0, null, 'active')], visits([['z', 'a', 0, null]]));
    expect(none.variants).toEqual({ completedRuns: 0, distinct: 0, top: [] });
    expect(none.rework).toEqual({ cases: 0, visits: 0, reworkMs: 0, steps: [] });
  });
});
