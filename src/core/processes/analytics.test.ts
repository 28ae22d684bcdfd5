import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import {
  LEAD_TIME_BUCKETS,
  PROCESS_ANALYTICS_MESSAGES,
  analyseProcessRuns,
  compareVersions,
  type AnalyticsOptions,
  type ProcessRunRecord,
  type StepEventRecord,
} from './analytics.ts';

const H = 3_600_000;
// Monday 2025-01-06 00:00 UTC, the first day of ISO week 2025-W02.
const T0 = Date.UTC(2025, 0, 6);
const at = (hours: number): number => T0 + hours * H;

const FEEDBACK_STEPS = ['collect', 'analyse', 'plan', 'reply'];
const stepNames = { collect: '收集反馈', analyse: '分析问题', plan: '制定解决方案', reply: '反馈用户' };
const options: AnalyticsOptions = { now: at(210), utcOffsetMinutes: 0, stepOrder: FEEDBACK_STEPS, stepNames };

function run(
  id: string,
  startedHour: number,
  finishedHour: number | null,
  status: ProcessRunRecord['status'],
) {
  return {
    id,
    versionId: 'v1',
    startedAt: at(startedHour),
    finishedAt: finishedHour === null ? null : at(finishedHour),
    status,
  };
}

/** [runId, stepKey, entered, started, completed, due] in hours after T0. */
type Row = [string, string, number, number | null, number | null, number | null];

function events(rows: readonly Row[]): StepEventRecord[] {
  return rows.map(([runId, stepKey, entered, started, completed, due]) => ({
    runId,
    stepKey,
    enteredAt: at(entered),
    startedAt: started === null ? null : at(started),
    completedAt: completed === null ? null : at(completed),
    dueAt: due === null ? null : at(due),
  }));
}

// The user-feedback flow, worked out by hand below.
const runs: ProcessRunRecord[] = [
  run('r1', 0, 10, 'completed'),
  run('r2', 24, 44, 'completed'),
  run('r3', 168, 174, 'completed'),
  run('r4', 200, null, 'active'),
  run('r5', 205, null, 'active'),
  run('r6', 100, 101, 'cancelled'),
];
const stepEvents = events([
  ['r1', 'collect', 0, 1, 2, 3],
  ['r1', 'analyse', 2, 4, 8, 6], // late
  ['r1', 'plan', 8, null, 9, null], // completed without a claim: all waiting
  ['r1', 'reply', 9, 9, 10, null],
  ['r2', 'collect', 24, 25, 26, null],
  ['r2', 'analyse', 26, 36, 40, 50],
  ['r2', 'plan', 40, 41, 43, null],
  ['r2', 'reply', 43, 43, 44, null],
  ['r3', 'collect', 168, 168, 169, null],
  ['r3', 'analyse', 169, 170, 172, 171], // late
  ['r3', 'plan', 172, 172, 173, null],
  ['r3', 'reply', 173, 173.5, 174, null],
  ['r4', 'collect', 200, 200, 201, null],
  ['r4', 'analyse', 201, null, null, 205], // queued, overdue at hour 210
  ['r5', 'collect', 205, 206, null, 213], // in work, not yet due
  ['r6', 'collect', 100, null, null, 101], // cancelled run: neither WIP nor a breach
  ['ghost', 'collect', 0, 0, 1, null], // no such run
]);

describe('analyseProcessRuns', () => {
  const result = analyseProcessRuns(runs, stepEvents, options);
  const metrics = (key: string) => result.steps.find((step) => step.stepKey === key);

  it('counts runs and leaves out events of unknown runs', () => {
    expect(result.runs).toEqual({ total: 6, active: 2, completed: 3, cancelled: 1 });
    expect(result.ignoredEvents).toBe(1);
    expect(result.steps.map((step) => step.stepKey)).toEqual(FEEDBACK_STEPS);
  });

  it('gives median and p90 of waiting and working time per step', () => {
    expect(metrics('collect')).toMatchObject({
      count: 6,
      completed: 4,
      waiting: { count: 4, medianMs: 0.5 * H, p90Ms: 1 * H }, // 0, 0, 1, 1
      working: { count: 4, medianMs: 1 * H, p90Ms: 1 * H },
    });
    expect(metrics('analyse')).toMatchObject({
      count: 4,
      completed: 3,
      waiting: { count: 3, medianMs: 2 * H, p90Ms: 8.4 * H }, // 1, 2, 10: 2 + 0.8 × 8
      working: { count: 3, medianMs: 4 * H, p90Ms: 4 * H }, // 2, 4, 4
    });
    expect(metrics('plan')).toMatchObject({
      waiting: { count: 3, medianMs: 1 * H, p90Ms: 1 * H }, // 0, 1, 1
      working: { count: 3, medianMs: 1 * H, p90Ms: 1.8 * H }, // 0, 1, 2
    });
    expect(metrics('reply')).toMatchObject({
      waiting: { count: 3, medianMs: 0, p90Ms: 0.4 * H }, // 0, 0, 0.5
      working: { count: 3, medianMs: 1 * H, p90Ms: 1 * H }, // 0.5, 1, 1
    });
  });

  it('counts SLA breaches, finished late or open past due, and work in progress', () => {
    expect(metrics('analyse')).toMatchObject({
      withSla: 4,
      breached: 3,
      breachRate: 0.75,
      workInProgress: 1,
      queued: 1,
      oldestQueuedMs: 9 * H,
    });
    expect(metrics('collect')).toMatchObject({
      withSla: 2,
      breached: 0,
      breachRate: 0,
      workInProgress: 1,
      queued: 0,
      oldestQueuedMs: null,
    });
    expect(metrics('plan')).toMatchObject({ withSla: 0, breachRate: null, workInProgress: 0 });
  });

  it('shares out the lead time of completed runs', () => {
    // Lead times 10 + 20 + 6 = 36 h; analyse took 6 + 14 + 3 = 23 h of them.
    expect(result.steps.map((step) => step.leadTimeShare)).toEqual([5 / 36, 23 / 36, 5 / 36, 3 / 36]);
    expect(result.leadTime).toMatchObject({ count: 3, medianMs: 10 * H, p90Ms: 18 * H, totalMs: 36 * H });
    expect(result.leadTime.buckets.map(({ key, count }) => [key, count])).toEqual([
      ['under_4h', 0],
      ['4h_to_8h', 1],
      ['8h_to_1d', 2],
      ['1d_to_2d', 0],
      ['2d_to_5d', 0],
      ['over_5d', 0],
    ]);
  });

  it('counts completed runs per ISO week, with their median lead time', () => {
    expect(result.throughput).toEqual([
      { week: '2025-W02', weekStart: '2025-01-06', count: 2, medianLeadTimeMs: 15 * H }, // 10 h and 20 h
      { week: '2025-W03', weekStart: '2025-01-13', count: 1, medianLeadTimeMs: 6 * H },
    ]);
  });

  it('names the bottleneck with its numbers and a message in both languages', () => {
    expect(result.bottleneck).toEqual({
      stepKey: 'analyse',
      leadTimeShare: 23 / 36,
      medianWaitingMs: 2 * H,
      queued: 1,
      reason: {
        code: 'bottleneck_lead_time_share',
        params: { stepKey: 'analyse', stepName: '分析问题', queued: 1, sharePercent: 64, medianWaitHours: 2 },
      },
    });
    const reason = result.bottleneck?.reason;
    if (reason === undefined) throw new Error('expected a bottleneck');
    expect(interpolate(PROCESS_ANALYTICS_MESSAGES.en[reason.code], reason.params)).toBe(
      '分析问题 takes 64% of lead time, median wait 2 h, 1 waiting.',
    );
    expect(interpolate(PROCESS_ANALYTICS_MESSAGES['zh-CN'][reason.code], reason.params)).toBe(
      '分析问题 占用 64% 的流程周期，等待时间中位数 2 小时，1 项等待中。',
    );
  });

  it('falls back to the longest queue when no run has finished, and to none without a queue', () => {
    const open = [run('a', 0, null, 'active'), run('b', 0, null, 'active'), run('c', 0, null, 'active')];
    const queued = events([
      ['a', 'collect', 0, null, null, null],
      ['b', 'analyse', 1, null, null, null],
      ['c', 'analyse', 3, null, null, null],
    ]);
    const result = analyseProcessRuns(open, queued, { now: at(10), utcOffsetMinutes: 0 });
    expect(result.steps.map((step) => step.stepKey)).toEqual(['collect', 'analyse']);
    expect(result.bottleneck).toEqual({
      stepKey: 'analyse',
      leadTimeShare: null,
      medianWaitingMs: null,
      queued: 2,
      reason: {
        code: 'bottleneck_queue',
        params: { stepKey: 'analyse', stepName: 'analyse', queued: 2, oldestWaitHours: 9 },
      },
    });
    expect(analyseProcessRuns([], [], { now: 0, utcOffsetMinutes: 0 })).toEqual({
      runs: { total: 0, active: 0, completed: 0, cancelled: 0 },
      ignoredEvents: 0,
      leadTime: {
        count: 0,
        medianMs: null,
        p90Ms: null,
        totalMs: 0,
        buckets: LEAD_TIME_BUCKETS.map((bucket) => ({ ...bucket, count: 0 })),
      },
      throughput: [],
      steps: [],
      bottleneck: null,
    });
  });

  it('takes ISO weeks in local time, across a year end, and fills empty weeks', () => {
    const finishing = (id: string, iso: string) => ({
      id,
      versionId: 'v1',
      startedAt: Date.parse(iso) - H,
      finishedAt: Date.parse(iso),
      status: 'completed' as const,
    });
    const runs = [
      finishing('sunday-evening-utc', '2025-01-05T20:00:00Z'), // Monday 04:00 in Beijing
      finishing('new-year', '2024-12-30T12:00:00Z'),
      finishing('later', '2025-01-22T12:00:00Z'),
    ];
    const weeks = (utcOffsetMinutes: number) =>
      analyseProcessRuns(runs, [], { now: 0, utcOffsetMinutes }).throughput.map(
        ({ week, count }) => `${week}:${count}`,
      );
    expect(weeks(480)).toEqual(['2025-W01:1', '2025-W02:1', '2025-W03:0', '2025-W04:1']);
    expect(weeks(0)).toEqual(['2025-W01:2', '2025-W02:0', '2025-W03:0', '2025-W04:1']);
    const year2020 = [finishing('w53', '2021-01-03T12:00:00Z')];
    expect(analyseProcessRuns(year2020, [], { now: 0, utcOffsetMinutes: 0 }).throughput).toEqual([
      { week: '2020-W53', weekStart: '2020-12-28', count: 1, medianLeadTimeMs: H },
    ]);
  });

  it('puts a lead time on a bucket edge in the upper bucket', () => {
    const edges = [4, 8, 24, 48, 120, 3.99].map((hours, index) => run(`e${index}`, 0, hours, 'completed'));
    const counts = analyseProcessRuns(edges, [], { now: 0, utcOffsetMinutes: 0 }).leadTime.buckets.map(
      (b) => b.count,
    );
    expect(counts).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('compareVersions', () => {
  it('puts two versions side by side with the change in median lead time', () => {
    // Version 2 adds triage and takes analysis out of the queue: both runs finish within 5 h.
    const after = {
      stepOrder: ['triage', 'analyse', 'reply'],
      runs: [run('n1', 0, 4, 'completed'), run('n2', 24, 29, 'completed')],
      events: events([
        ['n1', 'triage', 0, 0, 0.5, null],
        ['n1', 'analyse', 0.5, 1, 3, 6],
        ['n1', 'reply', 3, 3, 4, null],
        ['n2', 'triage', 24, 24, 25, null],
        ['n2', 'analyse', 25, 25, 28, 30],
        ['n2', 'reply', 28, 28.5, 29, null],
      ]),
    };
    const comparison = compareVersions({ runs, events: stepEvents }, after, options);
    expect(comparison.before.leadTime.medianMs).toBe(10 * H);
    expect(comparison.after.leadTime.medianMs).toBe(4.5 * H);
    expect(comparison.leadTime).toEqual({ medianChangeMs: -5.5 * H, medianChangeRatio: -0.55 });
    expect(comparison.steps.map((step) => [step.stepKey, step.before !== null, step.after !== null])).toEqual(
      [
        ['collect', true, false],
        ['analyse', true, true],
        ['plan', true, false],
        ['reply', true, true],
        ['triage', false, true],
      ],
    );
    const analyse = comparison.steps[1];
    // Waiting 2 h → 0.25 h (0, 0.5); working 4 h → 2.5 h (2, 3).
    expect(analyse).toMatchObject({ medianWaitingChangeMs: -1.75 * H, medianWorkingChangeMs: -1.5 * H });
    expect(comparison.steps[0]).toMatchObject({ medianWaitingChangeMs: null, medianWorkingChangeMs: null });
    expect(comparison.after.bottleneck?.stepKey).toBe('analyse');
  });

  it('has no change without completed runs on one side', () => {
    const comparison = compareVersions({ runs, events: stepEvents }, { runs: [], events: [] }, options);
    expect(comparison.leadTime).toEqual({ medianChangeMs: null, medianChangeRatio: null });
  });
});

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('analyseProcessRuns on 100,000 runs of 6 steps', () => {
  const stepKeys = ['accept', 'payment', 'shipping', 'aftersales', 'refund', 'notify'];
  const next = random(42);
  const bigRuns: ProcessRunRecord[] = [];
  const bigEvents: StepEventRecord[] = [];
  const shippingWaits: number[] = [];
  const now = T0 + 400 * 24 * H;
  for (let index = 0; index < 100_000; index += 1) {
    const id = `run-${index}`;
    const startedAt = T0 + Math.floor(next() * 365 * 24) * H;
    const isOpen = index % 10 === 0;
    let clock = startedAt;
    stepKeys.forEach((stepKey, position) => {
      const isOpenStep = isOpen && position === 5;
      // Shipping waits longest, so it must come out as the bottleneck.
      const wait = Math.floor(next() * (stepKey === 'shipping' ? 48 : 4) * H);
      const work = Math.floor(next() * 2 * H);
      const enteredAt = clock;
      const claimed = next() < 0.9;
      const startedAt = isOpenStep ? null : claimed ? enteredAt + wait : null;
      const completedAt = isOpenStep ? null : enteredAt + wait + work;
      if (stepKey === 'shipping' && completedAt !== null)
        shippingWaits.push(startedAt === null ? wait + work : wait);
      bigEvents.push({ runId: id, stepKey, enteredAt, startedAt, completedAt, dueAt: enteredAt + 24 * H });
      clock = completedAt ?? clock;
    });
    bigRuns.push({
      id,
      versionId: 'v1',
      startedAt,
      finishedAt: isOpen ? null : clock,
      status: isOpen ? 'active' : 'completed',
    });
  }
  const result = analyseProcessRuns(bigRuns, bigEvents, { now, utcOffsetMinutes: 480 });

  it('keeps every count consistent', () => {
    expect(result.runs).toEqual({ total: 100_000, active: 10_000, completed: 90_000, cancelled: 0 });
    expect(result.steps.map((step) => step.count)).toEqual(stepKeys.map(() => 100_000));
    expect(result.steps.map((step) => step.workInProgress)).toEqual([0, 0, 0, 0, 0, 10_000]);
    expect(result.steps.map((step) => step.queued)).toEqual([0, 0, 0, 0, 0, 10_000]);
    for (const step of result.steps) {
      expect(step.completed + step.workInProgress).toBe(step.count);
      expect(step.waiting.count).toBe(step.completed);
      expect(step.breached).toBeLessThanOrEqual(step.withSla);
      expect(step.waiting.medianMs ?? 0).toBeLessThanOrEqual(step.waiting.p90Ms ?? 0);
      expect(step.working.medianMs ?? 0).toBeLessThanOrEqual(step.working.p90Ms ?? 0);
    }
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(sum(result.leadTime.buckets.map((bucket) => bucket.count))).toBe(90_000);
    expect(sum(result.throughput.map((week) => week.count))).toBe(90_000);
    // Steps follow each other without gaps, so in completed runs they share out the whole lead time.
    expect(sum(result.steps.map((step) => step.leadTimeShare ?? 0))).toBeCloseTo(1, 9);
  });

  it('computes the same percentiles as a plain sort and finds the slow step', () => {
    const sorted = [...shippingWaits].sort((a, b) => a - b);
    const rank = (sorted.length - 1) * 0.5;
    const low = sorted[Math.floor(rank)] ?? 0;
    const high = sorted[Math.ceil(rank)] ?? 0;
    expect(result.steps[2]?.waiting.medianMs).toBe(low + (high - low) * (rank - Math.floor(rank)));
    expect(result.bottleneck?.stepKey).toBe('shipping');
    expect(result.bottleneck?.reason.code).toBe('bottleneck_lead_time_share');
  });
});

describe('PROCESS_ANALYTICS_MESSAGES', () => {
  it('has the same message keys in both languages', () => {
    expect(Object.keys(PROCESS_ANALYTICS_MESSAGES['zh-CN']).sort()).toEqual(
      Object.keys(PROCESS_ANALYTICS_MESSAGES.en).sort(),
    );
  });
});
