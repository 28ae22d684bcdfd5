import { describe, expect, it } from 'vitest';
import { healthMaxAgeMs, isHealthCurrent, plannedItems, scoreHealth } from './health.ts';
import type { LintChapter, LintSeverity } from './lint.ts';

const finding = (severity: LintSeverity) => ({ severity });
const chapter = (name: LintChapter, items: number, ...severities: LintSeverity[]) => ({
  chapter: name,
  items,
  findings: severities.map(finding),
});

describe('plan health score', () => {
  it('gives 100 only to a chapter without findings: advice among many items rounds down to 99', () => {
    const { chapters } = scoreHealth([chapter('tasks', 20, 'info'), chapter('goals', 3)]);
    expect(chapters.map((part) => part.score)).toEqual([99, 100]);
  });

  it('weighs errors 1, warnings ½ and advice 0.1 per planned item, never below 0', () => {
    const { chapters } = scoreHealth([
      chapter('goals', 4, 'error'),
      chapter('tasks', 4, 'warning'),
      chapter('kpis', 10, 'info', 'info', 'info'),
      chapter('processes', 1, 'error', 'error'),
    ]);
    expect(chapters.map((part) => part.score)).toEqual([75, 87, 97, 0]);
  });

  it('scores a chapter with nothing planned 0, and the plan as the displayed parts divided by their number', () => {
    const result = scoreHealth([
      chapter('goals', 2),
      chapter('tasks', 6, 'warning'),
      chapter('schedule', 6),
      chapter('processes', 0),
      chapter('kpis', 3),
      chapter('cadence', 3),
    ]);
    expect(result.chapters.map((part) => part.score)).toEqual([100, 91, 100, 0, 100, 100]);
    expect(result.sum).toBe(491);
    // 491 / 6 = 81.83…: the score is what the parts on the page give, rounded down.
    expect(result.score).toBe(81);
    expect(result.score).toBe(Math.floor(result.chapters.reduce((sum, part) => sum + part.score, 0) / 6));
  });

  it('is 100 only when every chapter is 100', () => {
    const parts = ['goals', 'tasks', 'schedule', 'processes', 'kpis'].map((name) =>
      chapter(name as LintChapter, 100),
    );
    expect(scoreHealth(parts).score).toBe(100);
    // Five chapters at 100 and one at 99 average 99.83: shown as 99, not rounded up to a perfect score.
    expect(scoreHealth([...parts, chapter('cadence', 20, 'info')]).score).toBe(99);
  });
});

describe('a kept plan health', () => {
  const kept = { revision: 4, day: '2026-12-07', epoch: 2, computedAt: 1_000 };
  const now = { revision: 4, day: '2026-12-07', epoch: 2, now: 60_999 };

  it('answers while the revision, day and write counter are the same and it is younger than the bound', () => {
    expect(isHealthCurrent(kept, now, 60_000)).toBe(true);
    expect(isHealthCurrent(kept, { ...now, now: 61_000 }, 60_000)).toBe(false);
    expect(isHealthCurrent(kept, { ...now, revision: 5 }, 60_000)).toBe(false);
    expect(isHealthCurrent(kept, { ...now, day: '2026-12-08' }, 60_000)).toBe(false);
    expect(isHealthCurrent(kept, { ...now, epoch: 3 }, 60_000)).toBe(false);
  });

  it('may grow older the longer its plan takes to lint: a minute up to 30,000 items, 4 minutes at 125,000', () => {
    expect(healthMaxAgeMs(0)).toBe(60_000);
    expect(healthMaxAgeMs(30_000)).toBe(60_000);
    expect(healthMaxAgeMs(125_000)).toBe(250_000);
    // The large plan kept for two minutes is still current; a small one is not.
    const twoMinutes = { ...now, now: kept.computedAt + 120_000 };
    expect(isHealthCurrent(kept, twoMinutes, healthMaxAgeMs(125_000))).toBe(true);
    expect(isHealthCurrent(kept, twoMinutes, healthMaxAgeMs(500))).toBe(false);
  });

  it('counts the planned items once: the schedule chapter weighs the tasks again', () => {
    expect(
      plannedItems([
        { chapter: 'goals', items: 2 },
        { chapter: 'tasks', items: 6 },
        { chapter: 'schedule', items: 6 },
        { chapter: 'cadence', items: 3 },
      ]),
    ).toBe(11);
  });
});
