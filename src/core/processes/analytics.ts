import type { Locale } from '../i18n/index.ts';
import { dayFromNumber, mondayOfNumber } from '../days/index.ts';

/**
 * Step and flow analytics of process runs: where time goes, what is late, what is queued, and how one
 * version compares with another.
 *
 * Definitions (times in milliseconds, wall-clock rather than working hours, so they match what the customer
 * waited):
 * - Waiting time of a visit = startedAt − enteredAt; working time = completedAt − startedAt. A visit completed
 *   without a separate first action (startedAt null) counts completedAt as its start: all its time is waiting
 *   and its working time is 0, because nothing shows when the work began. Open visits are not in the
 *   percentiles (their times are not known yet); they show as work in progress. Negative spans (clock skew)
 *   count as 0.
 * - Percentiles interpolate linearly between the nearest ranks (as spreadsheets' PERCENTILE.INC), so the
 *   median of an even count is the mean of the middle two.
 * - A visit breaches its SLA when it was completed after dueAt, or is still open in an active run at `now`
 *   past dueAt. The rate is over the visits that have a dueAt.
 * - Work in progress: open visits (not completed) of active runs; `waiting` of them have not been started.
 *   Open visits of cancelled runs are nobody's work any more and are left out of WIP and breaches.
 * - Lead time of a run = finishedAt − startedAt, for completed runs. A step's share of lead time is the time
 *   its completed visits in completed runs took (completedAt − enteredAt) over the total lead time of those
 *   runs; shares need not add up to 1 when runs have gaps between steps or steps in parallel.
 * - Throughput counts completed runs (and their median lead time) per ISO week (Monday–Sunday, local time at `utcOffsetMinutes`) of their
 *   finishedAt, with empty weeks between the first and the last filled in as 0.
 * - Bottleneck: the step with the largest share of lead time; when no completed run gives shares, the step
 *   with the most visits waiting to be started. Ties on share go to the longer queue, then the longer median
 *   wait; ties on queue to the oldest waiting visit; then to the step order. Null when neither rule finds a
 *   step. Share comes first because it is what a redesign can win back; a queue is today's symptom.
 * - Events whose run is not in the list are ignored and counted, so one version's events can be passed
 *   together with another's runs without mixing them.
 */

export type ProcessRunStatus = 'active' | 'completed' | 'cancelled';

export type ProcessRunRecord = {
  id: string;
  versionId: string;
  startedAt: number;
  finishedAt: number | null;
  status: ProcessRunStatus;
};

export type StepEventRecord = {
  runId: string;
  stepKey: string;
  enteredAt: number;
  /** First action or claim on the step. */
  startedAt: number | null;
  completedAt: number | null;
  dueAt: number | null;
};

export type AnalyticsOptions = {
  now: number;
  /** Local time minus UTC in minutes, for the ISO weeks of throughput (+480 for China). */
  utcOffsetMinutes: number;
  /**
   * Step keys in the order steps are listed; steps not named follow in order of their earliest visit (then by
   * key), which does not depend on the order the events are read in.
   */
  stepOrder?: readonly string[];
  /** Names for the bottleneck message; a step without a name is called by its key. */
  stepNames?: Readonly<Record<string, string>>;
};

export type DurationSummary = { count: number; medianMs: number | null; p90Ms: number | null };

export type StepMetrics = {
  stepKey: string;
  /** Visits: a step entered twice by a rework loop counts twice. */
  count: number;
  completed: number;
  waiting: DurationSummary;
  working: DurationSummary;
  /** Visits with a due instant, and how many of them breached it. */
  withSla: number;
  breached: number;
  /** breached / withSla; null without any due instant. */
  breachRate: number | null;
  /** Open visits of active runs. */
  workInProgress: number;
  /** Open visits of active runs not started yet: the queue. */
  queued: number;
  /** Age at `now` of the longest-waiting queued visit; null with an empty queue. */
  oldestQueuedMs: number | null;
  /** Time in this step over total lead time of completed runs; null without completed runs. */
  leadTimeShare: number | null;
};

/** Histogram bars for lead time, in wall-clock hours: <4 h, 4–8 h, 8–24 h, 1–2 d, 2–5 d, >5 d. */
export const LEAD_TIME_BUCKETS = [
  { key: 'under_4h', minMs: 0, maxMs: 4 * 3_600_000 },
  { key: '4h_to_8h', minMs: 4 * 3_600_000, maxMs: 8 * 3_600_000 },
  { key: '8h_to_1d', minMs: 8 * 3_600_000, maxMs: 24 * 3_600_000 },
  { key: '1d_to_2d', minMs: 24 * 3_600_000, maxMs: 48 * 3_600_000 },
  { key: '2d_to_5d', minMs: 48 * 3_600_000, maxMs: 120 * 3_600_000 },
  { key: 'over_5d', minMs: 120 * 3_600_000, maxMs: null },
] as const;

export type LeadTimeBucketKey = (typeof LEAD_TIME_BUCKETS)[number]['key'];

/** A histogram bar: lead times from minMs (inclusive) to maxMs (exclusive; null = no upper bound). */
export type LeadTimeBucket = { key: LeadTimeBucketKey; minMs: number; maxMs: number | null; count: number };

/** Cases finished in a week and their median lead time: the trend that shows whether a new version helped. */
export type WeeklyThroughput = {
  week: string;
  weekStart: string;
  count: number;
  medianLeadTimeMs: number | null;
};

export type BottleneckReasonCode = 'bottleneck_lead_time_share' | 'bottleneck_queue';

export type Bottleneck = {
  stepKey: string;
  leadTimeShare: number | null;
  medianWaitingMs: number | null;
  queued: number;
  reason: { code: BottleneckReasonCode; params: Record<string, string | number> };
};

export type ProcessAnalytics = {
  runs: { total: number; active: number; completed: number; cancelled: number };
  /** Events left out because their run is not in the list. */
  ignoredEvents: number;
  leadTime: DurationSummary & { totalMs: number; buckets: LeadTimeBucket[] };
  throughput: WeeklyThroughput[];
  steps: StepMetrics[];
  bottleneck: Bottleneck | null;
};

/** Messages for the bottleneck reasons and the lead-time histogram bars; hours have one decimal. */
export const PROCESS_ANALYTICS_MESSAGES = {
  en: {
    bottleneck_lead_time_share:
      '{stepName} takes {sharePercent}% of lead time, median wait {medianWaitHours} h, {queued} waiting.',
    bottleneck_queue: '{stepName} has {queued} waiting, the oldest for {oldestWaitHours} h.',
    lead_time_under_4h: 'Under 4 h',
    lead_time_4h_to_8h: '4–8 h',
    lead_time_8h_to_1d: '8–24 h',
    lead_time_1d_to_2d: '1–2 days',
    lead_time_2d_to_5d: '2–5 days',
    lead_time_over_5d: 'Over 5 days',
  },
  'zh-CN': {
    bottleneck_lead_time_share:
      '{stepName} 占用 {sharePercent}% 的流程周期，等待时间中位数 {medianWaitHours} 小时，{queued} 项等待中。',
    bottleneck_queue: '{stepName} 有 {queued} 项等待中，最久已等待 {oldestWaitHours} 小时。',
    lead_time_under_4h: '4 小时以内',
    lead_time_4h_to_8h: '4–8 小时',
    lead_time_8h_to_1d: '8–24 小时',
    lead_time_1d_to_2d: '1–2 天',
    lead_time_2d_to_5d: '2–5 天',
    lead_time_over_5d: '5 天以上',
  },
} as const satisfies Record<Locale, Record<BottleneckReasonCode | `lead_time_${LeadTimeBucketKey}`, string>>;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Linear interpolation between the nearest ranks of an ascending array; null when empty. */
export function percentile(sorted: Float64Array, fraction: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const low = sorted[lower] ?? 0;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (position - lower);
}

function summarise(values: readonly number[]): { summary: DurationSummary; sorted: Float64Array } {
  // A typed array sorts numerically without a comparator, several times faster than Array#sort for 100k.
  const sorted = Float64Array.from(values).sort();
  return {
    summary: { count: sorted.length, medianMs: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9) },
    sorted,
  };
}

type StepAccumulator = {
  stepKey: string;
  count: number;
  completed: number;
  waiting: number[];
  working: number[];
  withSla: number;
  breached: number;
  workInProgress: number;
  queued: number;
  oldestQueuedMs: number | null;
  timeInCompletedRuns: number;
  firstEnteredAt: number;
};

function newAccumulator(stepKey: string): StepAccumulator {
  return {
    stepKey,
    firstEnteredAt: Number.POSITIVE_INFINITY,
    count: 0,
    completed: 0,
    waiting: [],
    working: [],
    withSla: 0,
    breached: 0,
    workInProgress: 0,
    queued: 0,
    oldestQueuedMs: null,
    timeInCompletedRuns: 0,
  };
}

/** Monday of the ISO week of a day number (kept for callers; the one copy is core/days mondayOfNumber). */
export const mondayOf = mondayOfNumber;

/** 'YYYY-Www': the ISO year is the year of the week's Thursday. */
function isoWeekLabel(monday: number): string {
  const thursday = monday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const januaryFirst = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - januaryFirst) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function hours(ms: number): number {
  return Math.round((ms / HOUR_MS) * 10) / 10;
}

function isCompletedRun(run: ProcessRunRecord): boolean {
  return run.status === 'completed' && run.finishedAt !== null;
}

/** Per-step times, SLA breaches and queues, lead time, weekly throughput and the bottleneck of a set of runs. */
export function analyseProcessRuns(
  runs: readonly ProcessRunRecord[],
  events: readonly StepEventRecord[],
  options: AnalyticsOptions,
): ProcessAnalytics {
  const { now } = options;
  const offsetMs = Math.round(options.utcOffsetMinutes * 60_000);
  const runById = new Map<string, ProcessRunRecord>();
  const counts = { total: 0, active: 0, completed: 0, cancelled: 0 };
  const leadTimes: number[] = [];
  const leadTimesPerMonday = new Map<number, number[]>();
  for (const run of runs) {
    runById.set(run.id, run);
    counts.total += 1;
    counts[run.status] += 1;
    if (run.status !== 'completed' || run.finishedAt === null) continue;
    const leadTime = Math.max(0, run.finishedAt - run.startedAt);
    leadTimes.push(leadTime);
    const monday = mondayOf(Math.floor((run.finishedAt + offsetMs) / DAY_MS));
    const week = leadTimesPerMonday.get(monday);
    if (week) week.push(leadTime);
    else leadTimesPerMonday.set(monday, [leadTime]);
  }

  const byStep = new Map<string, StepAccumulator>();
  for (const key of options.stepOrder ?? []) if (!byStep.has(key)) byStep.set(key, newAccumulator(key));
  let ignoredEvents = 0;
  for (const event of events) {
    const run = runById.get(event.runId);
    if (run === undefined) {
      ignoredEvents += 1;
      continue;
    }
    let step = byStep.get(event.stepKey);
    if (step === undefined) {
      step = newAccumulator(event.stepKey);
      byStep.set(event.stepKey, step);
    }
    step.count += 1;
    const { enteredAt, completedAt, dueAt } = event;
    if (enteredAt < step.firstEnteredAt) step.firstEnteredAt = enteredAt;
    if (completedAt !== null) {
      const startedAt = event.startedAt ?? completedAt;
      step.completed += 1;
      step.waiting.push(Math.max(0, startedAt - enteredAt));
      step.working.push(Math.max(0, completedAt - startedAt));
      if (isCompletedRun(run)) step.timeInCompletedRuns += Math.max(0, completedAt - enteredAt);
      if (dueAt !== null) {
        step.withSla += 1;
        if (completedAt > dueAt) step.breached += 1;
      }
      continue;
    }
    if (run.status !== 'active') continue;
    step.workInProgress += 1;
    if (event.startedAt === null) {
      step.queued += 1;
      const age = Math.max(0, now - enteredAt);
      if (step.oldestQueuedMs === null || age > step.oldestQueuedMs) step.oldestQueuedMs = age;
    }
    if (dueAt !== null) {
      step.withSla += 1;
      if (now > dueAt) step.breached += 1;
    }
  }

  const lead = summarise(leadTimes);
  let totalLeadMs = 0;
  for (const value of leadTimes) totalLeadMs += value;
  const buckets: LeadTimeBucket[] = LEAD_TIME_BUCKETS.map(({ key, minMs, maxMs }) => ({
    key,
    minMs,
    maxMs,
    count: countInRange(lead.sorted, minMs, maxMs),
  }));

  const steps: StepMetrics[] = [];
  for (const step of orderSteps(byStep, options.stepOrder ?? [])) {
    steps.push({
      stepKey: step.stepKey,
      count: step.count,
      completed: step.completed,
      waiting: summarise(step.waiting).summary,
      working: summarise(step.working).summary,
      withSla: step.withSla,
      breached: step.breached,
      breachRate: step.withSla > 0 ? step.breached / step.withSla : null,
      workInProgress: step.workInProgress,
      queued: step.queued,
      oldestQueuedMs: step.oldestQueuedMs,
      leadTimeShare: totalLeadMs > 0 ? step.timeInCompletedRuns / totalLeadMs : null,
    });
  }

  return {
    runs: counts,
    ignoredEvents,
    leadTime: { ...lead.summary, totalMs: totalLeadMs, buckets },
    throughput: weeklyThroughput(leadTimesPerMonday),
    steps,
    bottleneck: findBottleneck(steps, options.stepNames ?? {}),
  };
}

/** The listed steps in their order, then the others by earliest visit and key. */
export function orderSteps<T extends { stepKey: string; firstEnteredAt: number }>(
  byStep: ReadonlyMap<string, T>,
  stepOrder: readonly string[],
): T[] {
  const listed = new Set(stepOrder);
  const first: T[] = [];
  for (const key of stepOrder) {
    const step = byStep.get(key);
    if (step !== undefined && !first.includes(step)) first.push(step);
  }
  const others = [...byStep.values()].filter((step) => !listed.has(step.stepKey));
  others.sort(
    (a, b) =>
      a.firstEnteredAt - b.firstEnteredAt || (a.stepKey < b.stepKey ? -1 : a.stepKey > b.stepKey ? 1 : 0),
  );
  return [...first, ...others];
}

/** Values in [minMs, maxMs) of an ascending array, by two binary searches. */
function countInRange(sorted: Float64Array, minMs: number, maxMs: number | null): number {
  const firstAtLeast = (bound: number): number => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] ?? 0) < bound) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return (maxMs === null ? sorted.length : firstAtLeast(maxMs)) - firstAtLeast(minMs);
}

export function weeklyThroughput(
  leadTimesPerMonday: ReadonlyMap<number, readonly number[]>,
): WeeklyThroughput[] {
  if (leadTimesPerMonday.size === 0) return [];
  const mondays = [...leadTimesPerMonday.keys()];
  const last = Math.max(...mondays);
  const weeks: WeeklyThroughput[] = [];
  for (let monday = Math.min(...mondays); monday <= last; monday += 7) {
    const leadTimes = leadTimesPerMonday.get(monday) ?? [];
    weeks.push({
      week: isoWeekLabel(monday),
      weekStart: dayFromNumber(monday),
      count: leadTimes.length,
      medianLeadTimeMs: summarise(leadTimes).summary.medianMs,
    });
  }
  return weeks;
}

export function findBottleneck(
  steps: readonly StepMetrics[],
  stepNames: Readonly<Record<string, string>>,
): Bottleneck | null {
  // `steps` is in step order, so keeping the first of equals breaks the last tie by that order.
  let byShare: StepMetrics | null = null;
  let byQueue: StepMetrics | null = null;
  for (const step of steps) {
    const share = step.leadTimeShare ?? 0;
    if (share > 0) {
      const bestShare = byShare?.leadTimeShare ?? 0;
      const isBetter =
        byShare === null ||
        share > bestShare ||
        (share === bestShare &&
          (step.queued > byShare.queued ||
            (step.queued === byShare.queued &&
              (step.waiting.medianMs ?? 0) > (byShare.waiting.medianMs ?? 0))));
      if (isBetter) byShare = step;
    }
    if (step.queued > 0) {
      const isBetter =
        byQueue === null ||
        step.queued > byQueue.queued ||
        (step.queued === byQueue.queued && (step.oldestQueuedMs ?? 0) > (byQueue.oldestQueuedMs ?? 0));
      if (isBetter) byQueue = step;
    }
  }
  const chosen = byShare ?? byQueue;
  if (chosen === null) return null;
  const stepName = stepNames[chosen.stepKey] ?? chosen.stepKey;
  const base = { stepKey: chosen.stepKey, stepName, queued: chosen.queued };
  const reason: Bottleneck['reason'] =
    byShare !== null
      ? {
          code: 'bottleneck_lead_time_share',
          params: {
            ...base,
            sharePercent: Math.round((chosen.leadTimeShare ?? 0) * 100),
            medianWaitHours: hours(chosen.waiting.medianMs ?? 0),
          },
        }
      : { code: 'bottleneck_queue', params: { ...base, oldestWaitHours: hours(chosen.oldestQueuedMs ?? 0) } };
  return {
    stepKey: chosen.stepKey,
    leadTimeShare: chosen.leadTimeShare,
    medianWaitingMs: chosen.waiting.medianMs,
    queued: chosen.queued,
    reason,
  };
}

export type RunSet = {
  runs: readonly ProcessRunRecord[];
  events: readonly StepEventRecord[];
  /** This version's steps in order, since versions add and drop steps; overrides options.stepOrder. */
  stepOrder?: readonly string[];
};

export type StepComparison = {
  stepKey: string;
  before: StepMetrics | null;
  after: StepMetrics | null;
  /** after − before of the medians; null when either side has none. */
  medianWaitingChangeMs: number | null;
  medianWorkingChangeMs: number | null;
};

export type VersionComparison = {
  before: ProcessAnalytics;
  after: ProcessAnalytics;
  leadTime: {
    /** after − before of the median lead time; negative is faster. Null when either side has no completed run. */
    medianChangeMs: number | null;
    /** medianChangeMs over the earlier median (−0.25 = a quarter faster); null also when that median is 0. */
    medianChangeRatio: number | null;
  };
  /** Steps of both versions: the earlier version's order, then steps new in the later one. */
  steps: StepComparison[];
};

function difference(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : after - before;
}

/** The analytics of two versions' runs side by side, with the change in median lead time and per-step medians. */
export function compareVersions(before: RunSet, after: RunSet, options: AnalyticsOptions): VersionComparison {
  const earlier = analyseProcessRuns(before.runs, before.events, {
    ...options,
    stepOrder: before.stepOrder ?? options.stepOrder,
  });
  const later = analyseProcessRuns(after.runs, after.events, {
    ...options,
    stepOrder: after.stepOrder ?? options.stepOrder,
  });
  return compareAnalytics(earlier, later);
}

/** Two analytics side by side (of versions or of windows): the change in median lead time and per-step medians. */
export function compareAnalytics(earlier: ProcessAnalytics, later: ProcessAnalytics): VersionComparison {
  const laterByKey = new Map(later.steps.map((step) => [step.stepKey, step]));
  const earlierKeys = new Set(earlier.steps.map((step) => step.stepKey));
  const compare = (
    stepKey: string,
    previous: StepMetrics | null,
    next: StepMetrics | null,
  ): StepComparison => ({
    stepKey,
    before: previous,
    after: next,
    medianWaitingChangeMs: difference(previous?.waiting.medianMs ?? null, next?.waiting.medianMs ?? null),
    medianWorkingChangeMs: difference(previous?.working.medianMs ?? null, next?.working.medianMs ?? null),
  });
  const steps = [
    ...earlier.steps.map((step) => compare(step.stepKey, step, laterByKey.get(step.stepKey) ?? null)),
    ...later.steps
      .filter((step) => !earlierKeys.has(step.stepKey))
      .map((step) => compare(step.stepKey, null, step)),
  ];
  const medianChangeMs = difference(earlier.leadTime.medianMs, later.leadTime.medianMs);
  const earlierMedian = earlier.leadTime.medianMs;
  return {
    before: earlier,
    after: later,
    leadTime: {
      medianChangeMs,
      medianChangeRatio:
        medianChangeMs === null || earlierMedian === null || earlierMedian === 0
          ? null
          : medianChangeMs / earlierMedian,
    },
    steps,
  };
}
