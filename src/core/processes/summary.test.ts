import { describe, expect, it } from 'vitest';
import {
  analyseProcessRuns,
  type AnalyticsOptions,
  type ProcessRunRecord,
  type StepEventRecord,
} from './analytics.ts';
import { mulberry32 } from './eventlog.testing.ts';
import {
  buildPart,
  decodePart,
  encodePart,
  finishAnalytics,
  mergeParts,
  type AnalyticsPart,
} from './summary.ts';
import { analysePaths } from './variants.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 2);
const STEPS = ['collect', 'analyse', 'solve', 'reply'];

/** Runs with loops, open and cancelled cases, missing starts and due times, ties and steps no version lists. */
function randomRuns(seed: number, count: number, fractional = false) {
  const random = mulberry32(seed);
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const runs: ProcessRunRecord[] = [];
  const events: StepEventRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const id = `r${index}`;
    const startedAt = T0 + int(0, 60 * 24) * H + (fractional ? random() : int(0, 3) * 60_000);
    let clock = startedAt;
    const visits = int(0, 7);
    const status =
      (['completed', 'completed', 'completed', 'active', 'cancelled'] as const)[int(0, 4)] ?? 'active';
    for (let visit = 0; visit < visits; visit += 1) {
      const stepKey = random() < 0.05 ? `old-${int(1, 3)}` : (STEPS[int(0, STEPS.length - 1)] ?? 'collect');
      // Some visits enter at the same instant as the one before: the given order breaks the tie.
      const enteredAt = clock + (random() < 0.2 ? 0 : int(0, 30) * H + int(0, 59) * 60_000);
      const isLast = visit === visits - 1;
      const open = isLast && status !== 'completed' && random() < 0.7;
      const startedAtVisit = random() < 0.2 ? null : enteredAt + int(0, 20) * H + (fractional ? random() : 0);
      const completedAt = open ? null : (startedAtVisit ?? enteredAt) + int(0, 10) * H + int(0, 59) * 60_000;
      events.push({
        runId: id,
        stepKey,
        enteredAt,
        startedAt: startedAtVisit,
        completedAt,
        dueAt: random() < 0.3 ? null : enteredAt + int(1, 24) * H,
      });
      clock = completedAt ?? enteredAt;
    }
    const finishedAt = status === 'completed' ? clock + int(0, 2) * H : status === 'cancelled' ? clock : null;
    runs.push({ id, versionId: 'v1', startedAt, finishedAt, status });
  }
  // An event whose run is not in the list is counted as ignored.
  events.push({
    runId: 'elsewhere',
    stepKey: 'collect',
    enteredAt: T0,
    startedAt: null,
    completedAt: null,
    dueAt: null,
  });
  return { runs, events };
}

/** Splits the runs into groups by a random label, each group's events in the order given. */
function split(
  runs: readonly ProcessRunRecord[],
  events: readonly StepEventRecord[],
  groups: number,
  seed: number,
) {
  const random = mulberry32(seed);
  const groupOf = new Map(runs.map((run) => [run.id, Math.floor(random() * groups)]));
  return Array.from({ length: groups }, (_, group) => ({
    runs: runs.filter((run) => groupOf.get(run.id) === group),
    events: events.filter((event) => (groupOf.get(event.runId) ?? 0) === group),
  }));
}

function full(
  runs: readonly ProcessRunRecord[],
  events: readonly StepEventRecord[],
  options: AnalyticsOptions,
) {
  return {
    analytics: analyseProcessRuns(runs, events, options),
    paths: analysePaths(runs, events, { variantLimit: 20 }),
  };
}

describe('analytics kept in parts', () => {
  const options: AnalyticsOptions = {
    now: T0 + 70 * 24 * H,
    utcOffsetMinutes: 480,
    stepOrder: STEPS,
    stepNames: { collect: '收集', analyse: '分析' },
  };

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equals the full recomputation on random runs (seed ${seed})`, () => {
      const { runs, events } = randomRuns(seed, 400);
      const expected = full(runs, events, options);
      const groups = split(runs, events, 2 + seed * 3, seed * 7);
      // Some groups merged as a stored day is, all passed through the stored form.
      let parts: AnalyticsPart[] = groups.map((group) => buildPart(group.runs, group.events, options.now));
      const [first, second, ...rest] = parts;
      if (!first || !second) throw new Error('at least two groups');
      parts = [mergeParts(first, second), ...rest].map((part) => decodePart(encodePart(part)));
      const actual = finishAnalytics(parts, options, { variantLimit: 20 });
      expect(actual.analytics.ignoredEvents).toBe(1);
      expect(actual.analytics).toEqual(expected.analytics);
      expect(actual.paths).toEqual(expected.paths);
    });
  }

  it('equals the full recomputation in one part and with fractional milliseconds', () => {
    const { runs, events } = randomRuns(9, 300, true);
    const expected = full(runs, events, options);
    expect(finishAnalytics([buildPart(runs, events, options.now)], options, { variantLimit: 20 })).toEqual(
      expected,
    );
    const parts = split(runs, events, 5, 3).map((group) => buildPart(group.runs, group.events, options.now));
    expect(parts.some((part) => !part.integral)).toBe(true);
    const actual = finishAnalytics(parts, options, { variantLimit: 20 });
    // Sums of fractions may round differently in another order; the order statistics must not.
    expect(actual.analytics.steps.map((step) => [step.waiting, step.working, step.count])).toEqual(
      expected.analytics.steps.map((step) => [step.waiting, step.working, step.count]),
    );
    expect(actual.paths.variants).toEqual(expected.paths.variants);
  });

  it('gives empty steps of the version and nothing else without runs', () => {
    const actual = finishAnalytics([], options);
    expect(actual.analytics).toEqual(analyseProcessRuns([], [], options));
    expect(actual.paths).toEqual(analysePaths([], []));
  });

  it('orders steps no version lists by their earliest visit, whatever order the events come in', () => {
    const runs: ProcessRunRecord[] = [
      { id: 'a', versionId: 'v', startedAt: T0, finishedAt: T0 + 9 * H, status: 'completed' },
    ];
    const events: StepEventRecord[] = [
      {
        runId: 'a',
        stepKey: 'late',
        enteredAt: T0 + 5 * H,
        startedAt: null,
        completedAt: T0 + 6 * H,
        dueAt: null,
      },
      {
        runId: 'a',
        stepKey: 'early',
        enteredAt: T0 + H,
        startedAt: null,
        completedAt: T0 + 2 * H,
        dueAt: null,
      },
    ];
    const keys = (list: StepEventRecord[]) =>
      analyseProcessRuns(runs, list, { ...options, stepOrder: ['collect'] }).steps.map(
        (step) => step.stepKey,
      );
    expect(keys(events)).toEqual(['collect', 'early', 'late']);
    expect(keys([...events].reverse())).toEqual(['collect', 'early', 'late']);
  });
});
