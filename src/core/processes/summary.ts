import {
  LEAD_TIME_BUCKETS,
  findBottleneck,
  mondayOf,
  orderSteps,
  weeklyThroughput,
  type AnalyticsOptions,
  type DurationSummary,
  type ProcessAnalytics,
  type ProcessRunRecord,
  type StepEventRecord,
  type StepMetrics,
} from './analytics.ts';
import type { PathAnalysis, PathOptions, ProcessVariant, ReworkStep } from './variants.ts';

/**
 * Analytics kept as mergeable parts, so a million step visits need not be read again on every request.
 *
 * A part holds what `analyseProcessRuns` and `analysePaths` need of a set of runs without losing anything:
 * counts and sums (integers, so adding them in any order is exact), and every duration kept sorted, since a
 * median cannot be summed. `finishAnalytics` over any split of the runs into parts gives exactly what the two
 * full functions give over all of them (summary.test.ts checks it on random data). The server keeps one part
 * per process version and UTC day of the cases' start, over finished cases only (their visits no longer
 * change), and builds the rest — open cases, the days a window cuts — from raw visits at each request.
 *
 * Order statistics are taken across the sorted arrays without joining them: durations are whole milliseconds,
 * so the k-th value is found by bisecting on the value and counting with binary searches in each array.
 */

export type StepPart = {
  stepKey: string;
  firstEnteredAt: number;
  count: number;
  completed: number;
  /** Sorted ascending, one per completed visit. */
  waiting: Float64Array;
  working: Float64Array;
  withSla: number;
  breached: number;
  workInProgress: number;
  queued: number;
  oldestQueuedMs: number | null;
  timeInCompletedRuns: number;
  reworkVisits: number;
  reworkCases: number;
  reworkMs: number;
};

export type AnalyticsPart = {
  runs: { total: number; active: number; completed: number; cancelled: number };
  ignoredEvents: number;
  /** finishedAt and lead time of each completed run, interleaved, in no order. */
  completions: Float64Array;
  steps: StepPart[];
  /** Variants: the path key (step keys joined by U+001F) and the sorted lead times of its completed runs. */
  paths: Array<{ key: string; leadTimes: Float64Array }>;
  reworkCases: number;
  /** Every duration in the part is a whole number of milliseconds. */
  integral: boolean;
};

const PATH_SEPARATOR = '\u001f';

function newStepPart(stepKey: string): StepPart {
  return {
    stepKey,
    firstEnteredAt: Number.POSITIVE_INFINITY,
    count: 0,
    completed: 0,
    waiting: new Float64Array(0),
    working: new Float64Array(0),
    withSla: 0,
    breached: 0,
    workInProgress: 0,
    queued: 0,
    oldestQueuedMs: null,
    timeInCompletedRuns: 0,
    reworkVisits: 0,
    reworkCases: 0,
    reworkMs: 0,
  };
}

function sorted(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The part of a set of runs, by the definitions of analytics.ts and variants.ts. Events of runs not in the list
 * are counted as ignored. `now` decides the breaches and queue ages of open visits of active runs.
 */
export function buildPart(
  runs: readonly ProcessRunRecord[],
  events: readonly StepEventRecord[],
  now: number,
): AnalyticsPart {
  const runById = new Map<string, ProcessRunRecord>();
  const counts = { total: 0, active: 0, completed: 0, cancelled: 0 };
  const completions: number[] = [];
  let integral = true;
  for (const run of runs) {
    runById.set(run.id, run);
    counts.total += 1;
    counts[run.status] += 1;
    if (run.status !== 'completed' || run.finishedAt === null) continue;
    const leadTime = Math.max(0, run.finishedAt - run.startedAt);
    if (!Number.isInteger(leadTime)) integral = false;
    completions.push(run.finishedAt, leadTime);
  }

  type Accumulator = Omit<StepPart, 'waiting' | 'working'> & { waiting: number[]; working: number[] };
  const byStep = new Map<string, Accumulator>();
  const eventsByRun = new Map<string, StepEventRecord[]>();
  let ignoredEvents = 0;
  for (const event of events) {
    const run = runById.get(event.runId);
    if (run === undefined) {
      ignoredEvents += 1;
      continue;
    }
    const list = eventsByRun.get(event.runId);
    if (list) list.push(event);
    else eventsByRun.set(event.runId, [event]);
    let step = byStep.get(event.stepKey);
    if (step === undefined) {
      step = { ...newStepPart(event.stepKey), waiting: [], working: [] };
      byStep.set(event.stepKey, step);
    }
    step.count += 1;
    const { enteredAt, completedAt, dueAt } = event;
    if (enteredAt < step.firstEnteredAt) step.firstEnteredAt = enteredAt;
    if (completedAt !== null) {
      const startedAt = event.startedAt ?? completedAt;
      const waiting = Math.max(0, startedAt - enteredAt);
      const working = Math.max(0, completedAt - startedAt);
      if (!Number.isInteger(waiting) || !Number.isInteger(working)) integral = false;
      step.completed += 1;
      step.waiting.push(waiting);
      step.working.push(working);
      if (run.status === 'completed' && run.finishedAt !== null) {
        step.timeInCompletedRuns += Math.max(0, completedAt - enteredAt);
      }
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

  // Paths and rework, as analysePaths walks them: each run's visits in entered order, ties as given.
  const leadTimesByPath = new Map<string, number[]>();
  let reworkCases = 0;
  for (const run of runs) {
    const visits = eventsByRun.get(run.id) ?? [];
    if (!isInEnteredOrder(visits)) visits.sort((a, b) => a.enteredAt - b.enteredAt);
    const seen = new Set<string>();
    const reworkedHere = new Set<string>();
    for (const visit of visits) {
      if (!seen.has(visit.stepKey)) {
        seen.add(visit.stepKey);
        continue;
      }
      const step = byStep.get(visit.stepKey);
      if (step === undefined) continue;
      step.reworkVisits += 1;
      if (!reworkedHere.has(visit.stepKey)) {
        reworkedHere.add(visit.stepKey);
        step.reworkCases += 1;
      }
      if (visit.completedAt !== null) step.reworkMs += Math.max(0, visit.completedAt - visit.enteredAt);
    }
    if (reworkedHere.size > 0) reworkCases += 1;
    if (run.status !== 'completed' || run.finishedAt === null) continue;
    const key = visits.map((visit) => visit.stepKey).join(PATH_SEPARATOR);
    const leadTime = Math.max(0, run.finishedAt - run.startedAt);
    const list = leadTimesByPath.get(key);
    if (list) list.push(leadTime);
    else leadTimesByPath.set(key, [leadTime]);
  }

  return {
    runs: counts,
    ignoredEvents,
    completions: Float64Array.from(completions),
    steps: [...byStep.values()].map((step) => ({
      ...step,
      waiting: sorted(step.waiting),
      working: sorted(step.working),
    })),
    paths: [...leadTimesByPath].map(([key, leadTimes]) => ({ key, leadTimes: sorted(leadTimes) })),
    reworkCases,
    integral,
  };
}

function isInEnteredOrder(visits: readonly StepEventRecord[]): boolean {
  for (let index = 1; index < visits.length; index += 1) {
    if ((visits[index - 1]?.enteredAt ?? 0) > (visits[index]?.enteredAt ?? 0)) return false;
  }
  return true;
}

/** Two ascending arrays as one. */
function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const left = a[i] as number;
    const right = b[j] as number;
    if (left <= right) {
      out[k++] = left;
      i += 1;
    } else {
      out[k++] = right;
      j += 1;
    }
  }
  out.set(a.subarray(i), k);
  out.set(b.subarray(j), k + a.length - i);
  return out;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** One part holding both: what a stored day becomes when more of its finished cases are folded in. */
export function mergeParts(a: AnalyticsPart, b: AnalyticsPart): AnalyticsPart {
  const steps = new Map(a.steps.map((step) => [step.stepKey, step]));
  for (const step of b.steps) {
    const other = steps.get(step.stepKey);
    if (other === undefined) {
      steps.set(step.stepKey, step);
      continue;
    }
    steps.set(step.stepKey, {
      stepKey: step.stepKey,
      firstEnteredAt: Math.min(other.firstEnteredAt, step.firstEnteredAt),
      count: other.count + step.count,
      completed: other.completed + step.completed,
      waiting: mergeSorted(other.waiting, step.waiting),
      working: mergeSorted(other.working, step.working),
      withSla: other.withSla + step.withSla,
      breached: other.breached + step.breached,
      workInProgress: other.workInProgress + step.workInProgress,
      queued: other.queued + step.queued,
      oldestQueuedMs:
        other.oldestQueuedMs === null
          ? step.oldestQueuedMs
          : step.oldestQueuedMs === null
            ? other.oldestQueuedMs
            : Math.max(other.oldestQueuedMs, step.oldestQueuedMs),
      timeInCompletedRuns: other.timeInCompletedRuns + step.timeInCompletedRuns,
      reworkVisits: other.reworkVisits + step.reworkVisits,
      reworkCases: other.reworkCases + step.reworkCases,
      reworkMs: other.reworkMs + step.reworkMs,
    });
  }
  const paths = new Map(a.paths.map((path) => [path.key, path.leadTimes]));
  for (const path of b.paths) {
    const other = paths.get(path.key);
    paths.set(path.key, other === undefined ? path.leadTimes : mergeSorted(other, path.leadTimes));
  }
  return {
    runs: {
      total: a.runs.total + b.runs.total,
      active: a.runs.active + b.runs.active,
      completed: a.runs.completed + b.runs.completed,
      cancelled: a.runs.cancelled + b.runs.cancelled,
    },
    ignoredEvents: a.ignoredEvents + b.ignoredEvents,
    completions: concat(a.completions, b.completions),
    steps: [...steps.values()],
    paths: [...paths].map(([key, leadTimes]) => ({ key, leadTimes })),
    reworkCases: a.reworkCases + b.reworkCases,
    integral: a.integral && b.integral,
  };
}

/** Ascending arrays read as one multiset: counts and order statistics without joining them. */
class SortedUnion {
  readonly size: number;
  private readonly arrays: Float64Array[];

  constructor(arrays: readonly Float64Array[], integral: boolean) {
    const filled = arrays.filter((array) => array.length > 0);
    // Bisection on the value needs whole numbers; anything else is joined and sorted once.
    this.arrays = integral || filled.length <= 1 ? filled : [joinSorted(filled)];
    this.size = filled.reduce((sum, array) => sum + array.length, 0);
  }

  /** How many values are below `bound` (or at most `bound` with `inclusive`). */
  countBelow(bound: number, inclusive = false): number {
    let total = 0;
    for (const array of this.arrays) {
      let low = 0;
      let high = array.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        const value = array[middle] as number;
        if (value < bound || (inclusive && value === bound)) low = middle + 1;
        else high = middle;
      }
      total += low;
    }
    return total;
  }

  /** The value of rank k (0-based) in ascending order. */
  kth(k: number): number {
    const [only] = this.arrays;
    if (this.arrays.length === 1 && only !== undefined) return only[k] as number;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const array of this.arrays) {
      low = Math.min(low, array[0] as number);
      high = Math.max(high, array[array.length - 1] as number);
    }
    // The smallest whole value v with more than k values at most v.
    while (low < high) {
      const middle = Math.floor(low + (high - low) / 2);
      if (this.countBelow(middle, true) > k) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** As analytics.ts's percentile over the joined sorted array. */
  percentile(fraction: number): number | null {
    if (this.size === 0) return null;
    const position = (this.size - 1) * fraction;
    const lower = Math.floor(position);
    const low = this.kth(lower);
    const high = lower + 1 < this.size ? this.kth(lower + 1) : low;
    return low + (high - low) * (position - lower);
  }

  summary(): DurationSummary {
    return { count: this.size, medianMs: this.percentile(0.5), p90Ms: this.percentile(0.9) };
  }
}

function joinSorted(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return out.sort();
}

export type FinishedAnalytics = { analytics: ProcessAnalytics; paths: PathAnalysis };

/** The analytics and paths of the runs of all parts together, equal to analyseProcessRuns and analysePaths. */
export function finishAnalytics(
  parts: readonly AnalyticsPart[],
  options: AnalyticsOptions,
  pathOptions: PathOptions = {},
): FinishedAnalytics {
  const integral = parts.every((part) => part.integral);
  const counts = { total: 0, active: 0, completed: 0, cancelled: 0 };
  let ignoredEvents = 0;
  let reworkCases = 0;
  const offsetMs = Math.round(options.utcOffsetMinutes * 60_000);
  const leadTimesPerMonday = new Map<number, number[]>();
  const allLeadTimes: number[] = [];
  const DAY_MS = 86_400_000;
  const stepParts = new Map<string, StepPart[]>();
  const pathParts = new Map<string, Float64Array[]>();
  for (const part of parts) {
    counts.total += part.runs.total;
    counts.active += part.runs.active;
    counts.completed += part.runs.completed;
    counts.cancelled += part.runs.cancelled;
    ignoredEvents += part.ignoredEvents;
    reworkCases += part.reworkCases;
    const { completions } = part;
    for (let index = 0; index < completions.length; index += 2) {
      const finishedAt = completions[index] as number;
      const leadTime = completions[index + 1] as number;
      allLeadTimes.push(leadTime);
      const monday = mondayOf(Math.floor((finishedAt + offsetMs) / DAY_MS));
      const week = leadTimesPerMonday.get(monday);
      if (week) week.push(leadTime);
      else leadTimesPerMonday.set(monday, [leadTime]);
    }
    for (const step of part.steps) {
      const list = stepParts.get(step.stepKey);
      if (list) list.push(step);
      else stepParts.set(step.stepKey, [step]);
    }
    for (const path of part.paths) {
      const list = pathParts.get(path.key);
      if (list) list.push(path.leadTimes);
      else pathParts.set(path.key, [path.leadTimes]);
    }
  }

  const lead = Float64Array.from(allLeadTimes).sort();
  let totalLeadMs = 0;
  for (const value of lead) totalLeadMs += value;
  const leadUnion = new SortedUnion([lead], true);

  type Gathered = { stepKey: string; firstEnteredAt: number; parts: StepPart[] };
  const byStep = new Map<string, Gathered>();
  for (const key of options.stepOrder ?? []) {
    if (!byStep.has(key)) byStep.set(key, { stepKey: key, firstEnteredAt: Infinity, parts: [] });
  }
  for (const [stepKey, list] of stepParts) {
    const firstEnteredAt = Math.min(...list.map((step) => step.firstEnteredAt));
    const known = byStep.get(stepKey);
    if (known) {
      known.parts = list;
      known.firstEnteredAt = firstEnteredAt;
    } else byStep.set(stepKey, { stepKey, firstEnteredAt, parts: list });
  }

  const steps: StepMetrics[] = [];
  const reworkSteps: ReworkStep[] = [];
  let reworkVisits = 0;
  let reworkMs = 0;
  for (const gathered of orderSteps(byStep, options.stepOrder ?? [])) {
    const sum = (pick: (step: StepPart) => number) =>
      gathered.parts.reduce((total, step) => total + pick(step), 0);
    const withSla = sum((step) => step.withSla);
    const breached = sum((step) => step.breached);
    let oldestQueuedMs: number | null = null;
    for (const step of gathered.parts) {
      if (step.oldestQueuedMs !== null && (oldestQueuedMs === null || step.oldestQueuedMs > oldestQueuedMs)) {
        oldestQueuedMs = step.oldestQueuedMs;
      }
    }
    const timeInCompletedRuns = sum((step) => step.timeInCompletedRuns);
    steps.push({
      stepKey: gathered.stepKey,
      count: sum((step) => step.count),
      completed: sum((step) => step.completed),
      waiting: new SortedUnion(
        gathered.parts.map((step) => step.waiting),
        integral,
      ).summary(),
      working: new SortedUnion(
        gathered.parts.map((step) => step.working),
        integral,
      ).summary(),
      withSla,
      breached,
      breachRate: withSla > 0 ? breached / withSla : null,
      workInProgress: sum((step) => step.workInProgress),
      queued: sum((step) => step.queued),
      oldestQueuedMs,
      leadTimeShare: totalLeadMs > 0 ? timeInCompletedRuns / totalLeadMs : null,
    });
    const visits = sum((step) => step.reworkVisits);
    if (visits > 0) {
      const spent = sum((step) => step.reworkMs);
      reworkSteps.push({
        stepKey: gathered.stepKey,
        visits,
        cases: sum((step) => step.reworkCases),
        reworkMs: spent,
      });
      reworkVisits += visits;
      reworkMs += spent;
    }
  }

  const completedRuns = lead.length;
  const variants: ProcessVariant[] = [...pathParts].map(([key, arrays]) => {
    const union = new SortedUnion(arrays, integral);
    return {
      steps: key === '' ? [] : key.split(PATH_SEPARATOR),
      count: union.size,
      share: union.size / completedRuns,
      medianLeadTimeMs: union.percentile(0.5),
    };
  });
  variants.sort(
    (a, b) =>
      b.count - a.count ||
      (a.medianLeadTimeMs ?? 0) - (b.medianLeadTimeMs ?? 0) ||
      compareText(a.steps.join(PATH_SEPARATOR), b.steps.join(PATH_SEPARATOR)),
  );
  reworkSteps.sort(
    (a, b) => b.reworkMs - a.reworkMs || b.visits - a.visits || compareText(a.stepKey, b.stepKey),
  );

  return {
    analytics: {
      runs: counts,
      ignoredEvents,
      leadTime: {
        ...leadUnion.summary(),
        totalMs: totalLeadMs,
        buckets: LEAD_TIME_BUCKETS.map(({ key, minMs, maxMs }) => ({
          key,
          minMs,
          maxMs,
          count: (maxMs === null ? lead.length : leadUnion.countBelow(maxMs)) - leadUnion.countBelow(minMs),
        })),
      },
      throughput: weeklyThroughput(leadTimesPerMonday),
      steps,
      bottleneck: findBottleneck(steps, options.stepNames ?? {}),
    },
    paths: {
      variants: {
        completedRuns,
        distinct: variants.length,
        top: variants.slice(0, pathOptions.variantLimit ?? variants.length),
      },
      rework: { cases: reworkCases, visits: reworkVisits, reworkMs, steps: reworkSteps },
    },
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Stored form: one JSON text with the durations as base64 of little-endian float64, portable across SQLite and
// PostgreSQL text columns and cheap to decode (no number parsing).

type EncodedStep = Omit<StepPart, 'waiting' | 'working' | 'firstEnteredAt' | 'oldestQueuedMs'> & {
  firstEnteredAt: number | null;
  oldestQueuedMs: number | null;
  waiting: string;
  working: string;
};

type EncodedPart = {
  v: 1;
  runs: AnalyticsPart['runs'];
  ignoredEvents: number;
  completions: string;
  steps: EncodedStep[];
  paths: Array<{ key: string; leadTimes: string }>;
  reworkCases: number;
  integral: boolean;
};

function toBase64(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function fromBase64(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Float64Array(bytes.length / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function encodePart(part: AnalyticsPart): string {
  const encoded: EncodedPart = {
    v: 1,
    runs: part.runs,
    ignoredEvents: part.ignoredEvents,
    completions: toBase64(part.completions),
    steps: part.steps.map((step) => ({
      ...step,
      firstEnteredAt: Number.isFinite(step.firstEnteredAt) ? step.firstEnteredAt : null,
      waiting: toBase64(step.waiting),
      working: toBase64(step.working),
    })),
    paths: part.paths.map((path) => ({ key: path.key, leadTimes: toBase64(path.leadTimes) })),
    reworkCases: part.reworkCases,
    integral: part.integral,
  };
  return JSON.stringify(encoded);
}

export function decodePart(text: string): AnalyticsPart {
  const encoded = JSON.parse(text) as EncodedPart;
  return {
    runs: encoded.runs,
    ignoredEvents: encoded.ignoredEvents,
    completions: fromBase64(encoded.completions),
    steps: encoded.steps.map((step) => ({
      ...step,
      firstEnteredAt: step.firstEnteredAt ?? Number.POSITIVE_INFINITY,
      waiting: fromBase64(step.waiting),
      working: fromBase64(step.working),
    })),
    paths: encoded.paths.map((path) => ({ key: path.key, leadTimes: fromBase64(path.leadTimes) })),
    reworkCases: encoded.reworkCases,
    integral: encoded.integral,
  };
}
