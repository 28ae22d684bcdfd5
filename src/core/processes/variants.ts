import { percentile, type ProcessRunRecord, type StepEventRecord } from './analytics.ts';

/**
 * The paths cases took through the steps, and the rework they did.
 *
 * - A case's path is its step visits in order of entered time (ties in the order given), repeats included, so
 *   `A → B → A → C` and `A → B → C` are different variants. Variants are taken over completed runs (a path that
 *   has not ended is not a variant yet); share is over completed runs, and lead time is finishedAt − startedAt
 *   with medians as in analytics.ts.
 * - Rework is a visit to a step the case has visited before. It is counted over every run given, whatever its
 *   status; its cost is the time of the repeat visits that were completed (completedAt − enteredAt).
 */

export type ProcessVariant = {
  /** Step keys in the order visited. */
  steps: string[];
  count: number;
  /** count / completed runs. */
  share: number;
  medianLeadTimeMs: number | null;
};

export type ReworkStep = {
  stepKey: string;
  /** Visits beyond the first of this step in a case. */
  visits: number;
  /** Cases that came back to this step at least once. */
  cases: number;
  /** Time of the completed repeat visits. */
  reworkMs: number;
};

export type PathAnalysis = {
  variants: {
    /** Completed runs, over which shares are taken. */
    completedRuns: number;
    /** Distinct paths among them. */
    distinct: number;
    /** The most common first, at most `variantLimit`. */
    top: ProcessVariant[];
  };
  rework: {
    /** Cases with any rework. */
    cases: number;
    visits: number;
    reworkMs: number;
    /** Steps with rework, the costliest first. */
    steps: ReworkStep[];
  };
};

export type PathOptions = { variantLimit?: number };

/** Variants (distinct paths with counts, share and median lead time) and rework per step of a set of runs. */
export function analysePaths(
  runs: readonly ProcessRunRecord[],
  events: readonly StepEventRecord[],
  options: PathOptions = {},
): PathAnalysis {
  const eventsByRun = new Map<string, StepEventRecord[]>();
  const runIds = new Set(runs.map((run) => run.id));
  for (const event of events) {
    if (!runIds.has(event.runId)) continue;
    const list = eventsByRun.get(event.runId);
    if (list) list.push(event);
    else eventsByRun.set(event.runId, [event]);
  }

  const leadTimesByPath = new Map<string, { steps: string[]; leadTimes: number[] }>();
  const reworkByStep = new Map<string, ReworkStep>();
  let completedRuns = 0;
  let reworkCases = 0;
  let reworkVisits = 0;
  let reworkMs = 0;
  for (const run of runs) {
    const visits = eventsByRun.get(run.id) ?? [];
    // Array#sort is stable, so visits entered at the same instant keep the order they were given in.
    if (!isInEnteredOrder(visits)) visits.sort((a, b) => a.enteredAt - b.enteredAt);
    const seen = new Set<string>();
    const reworkedHere = new Set<string>();
    for (const visit of visits) {
      if (!seen.has(visit.stepKey)) {
        seen.add(visit.stepKey);
        continue;
      }
      let step = reworkByStep.get(visit.stepKey);
      if (step === undefined) {
        step = { stepKey: visit.stepKey, visits: 0, cases: 0, reworkMs: 0 };
        reworkByStep.set(visit.stepKey, step);
      }
      step.visits += 1;
      reworkVisits += 1;
      if (!reworkedHere.has(visit.stepKey)) {
        reworkedHere.add(visit.stepKey);
        step.cases += 1;
      }
      if (visit.completedAt !== null) {
        const spent = Math.max(0, visit.completedAt - visit.enteredAt);
        step.reworkMs += spent;
        reworkMs += spent;
      }
    }
    if (reworkedHere.size > 0) reworkCases += 1;

    if (run.status !== 'completed' || run.finishedAt === null) continue;
    completedRuns += 1;
    const steps = visits.map((visit) => visit.stepKey);
    // U+001F cannot appear in a step name typed by a person, so the joined key is unambiguous.
    const key = steps.join('\u001f');
    const leadTime = Math.max(0, run.finishedAt - run.startedAt);
    const entry = leadTimesByPath.get(key);
    if (entry) entry.leadTimes.push(leadTime);
    else leadTimesByPath.set(key, { steps, leadTimes: [leadTime] });
  }

  const variants: ProcessVariant[] = [...leadTimesByPath.values()].map(({ steps, leadTimes }) => ({
    steps,
    count: leadTimes.length,
    share: leadTimes.length / completedRuns,
    medianLeadTimeMs: percentile(Float64Array.from(leadTimes).sort(), 0.5),
  }));
  variants.sort(
    (a, b) =>
      b.count - a.count ||
      (a.medianLeadTimeMs ?? 0) - (b.medianLeadTimeMs ?? 0) ||
      compareText(a.steps.join('\u001f'), b.steps.join('\u001f')),
  );
  return {
    variants: {
      completedRuns,
      distinct: variants.length,
      top: variants.slice(0, options.variantLimit ?? variants.length),
    },
    rework: {
      cases: reworkCases,
      visits: reworkVisits,
      reworkMs,
      steps: [...reworkByStep.values()].sort(
        (a, b) => b.reworkMs - a.reworkMs || b.visits - a.visits || compareText(a.stepKey, b.stepKey),
      ),
    },
  };
}

function isInEnteredOrder(visits: readonly StepEventRecord[]): boolean {
  for (let index = 1; index < visits.length; index += 1) {
    if ((visits[index - 1]?.enteredAt ?? 0) > (visits[index]?.enteredAt ?? 0)) return false;
  }
  return true;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
