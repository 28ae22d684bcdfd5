import { interpolate, type Locale } from '../i18n/index.ts';
import { analyseProcessRuns, PROCESS_ANALYTICS_MESSAGES } from './analytics.ts';
import { formatEventLogWarning, type EventLog } from './eventlog.ts';
import { analysePaths } from './variants.ts';

/**
 * The analysis of an event log as `opsplan process analyse` prints it: the process analytics of analytics.ts
 * (per-step medians, lead-time shares, the bottleneck and its reason) over the log's runs and visits, with
 * variants and rework. Times are in hours, unrounded; `visits` counts a step's completed visits in every case.
 */
export type EventLogReport = {
  timeZone: string;
  rows: number;
  cases: { total: number; completed: number; active: number; cancelled: number };
  leadTime: { medianHours: number | null; p90Hours: number | null };
  bottleneck: {
    step: string;
    reason: string;
    leadTimeShare: number | null;
    medianWaitHours: number | null;
    queued: number;
  } | null;
  steps: Array<{
    step: string;
    visits: number;
    openVisits: number;
    queued: number;
    medianWaitHours: number | null;
    p90WaitHours: number | null;
    medianWorkHours: number | null;
    p90WorkHours: number | null;
    leadTimeShare: number | null;
    reworkVisits: number;
    reworkHours: number;
  }>;
  variants: {
    completedCases: number;
    distinct: number;
    top: Array<{ steps: string[]; cases: number; share: number; medianLeadTimeHours: number | null }>;
  };
  rework: {
    cases: number;
    visits: number;
    hours: number;
    steps: Array<{ step: string; visits: number; cases: number; hours: number }>;
  };
  warnings: string[];
};

export type EventLogReportOptions = {
  /** Open visits' ages and the queue are measured at this instant. */
  now: number;
  utcOffsetMinutes: number;
  timeZone: string;
  locale: Locale;
  /** Most common variants to list (default 20). */
  variantLimit?: number;
};

const HOUR_MS = 3_600_000;

function toHours(ms: number | null): number | null {
  return ms === null ? null : ms / HOUR_MS;
}

/** Analytics, variants and rework of an event log that has no issues. */
export function reportEventLog(log: EventLog, options: EventLogReportOptions): EventLogReport {
  const analytics = analyseProcessRuns(log.runs, log.visits, {
    now: options.now,
    utcOffsetMinutes: options.utcOffsetMinutes,
    stepOrder: log.stepOrder,
  });
  const paths = analysePaths(log.runs, log.visits, { variantLimit: options.variantLimit ?? 20 });
  const reworkByStep = new Map(paths.rework.steps.map((step) => [step.stepKey, step]));
  const { bottleneck } = analytics;
  return {
    timeZone: options.timeZone,
    rows: log.rowCount,
    cases: {
      total: analytics.runs.total,
      completed: analytics.runs.completed,
      active: analytics.runs.active,
      cancelled: analytics.runs.cancelled,
    },
    leadTime: {
      medianHours: toHours(analytics.leadTime.medianMs),
      p90Hours: toHours(analytics.leadTime.p90Ms),
    },
    bottleneck: bottleneck && {
      step: bottleneck.stepKey,
      reason: interpolate(
        PROCESS_ANALYTICS_MESSAGES[options.locale][bottleneck.reason.code],
        bottleneck.reason.params,
      ),
      leadTimeShare: bottleneck.leadTimeShare,
      medianWaitHours: toHours(bottleneck.medianWaitingMs),
      queued: bottleneck.queued,
    },
    steps: analytics.steps.map((step) => ({
      step: step.stepKey,
      visits: step.completed,
      openVisits: step.count - step.completed,
      queued: step.queued,
      medianWaitHours: toHours(step.waiting.medianMs),
      p90WaitHours: toHours(step.waiting.p90Ms),
      medianWorkHours: toHours(step.working.medianMs),
      p90WorkHours: toHours(step.working.p90Ms),
      leadTimeShare: step.leadTimeShare,
      reworkVisits: reworkByStep.get(step.stepKey)?.visits ?? 0,
      reworkHours: (reworkByStep.get(step.stepKey)?.reworkMs ?? 0) / HOUR_MS,
    })),
    variants: {
      completedCases: paths.variants.completedRuns,
      distinct: paths.variants.distinct,
      top: paths.variants.top.map((variant) => ({
        steps: variant.steps,
        cases: variant.count,
        share: variant.share,
        medianLeadTimeHours: toHours(variant.medianLeadTimeMs),
      })),
    },
    rework: {
      cases: paths.rework.cases,
      visits: paths.rework.visits,
      hours: paths.rework.reworkMs / HOUR_MS,
      steps: paths.rework.steps.map((step) => ({
        step: step.stepKey,
        visits: step.visits,
        cases: step.cases,
        hours: step.reworkMs / HOUR_MS,
      })),
    },
    warnings: log.warnings.map((warning) => formatEventLogWarning(warning, options.locale)),
  };
}
