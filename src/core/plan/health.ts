import type { LintChapter, LintSeverity } from './lint.ts';

/**
 * Findings a page of plan health lists per chapter: the health answer carries each chapter's first page, and the
 * web page asks for the others by offset in pages of this size (server and page count them alike).
 */
export const HEALTH_PAGE_SIZE = 8;

/** What a finding costs per planned item of its chapter: an error 1, a warning ½, advice 0.1. */
export const HEALTH_PENALTY: Record<LintSeverity, number> = { error: 1, warning: 0.5, info: 0.1 };

export type HealthChapterInput<F extends { severity: LintSeverity }> = {
  chapter: LintChapter;
  /** Planned items the chapter's findings are weighed against (goals, tasks, processes, KPIs, routines). */
  items: number;
  findings: F[];
};

export type HealthChapterScore<F> = { chapter: LintChapter; items: number; score: number; findings: F[] };

/**
 * The plan's health from its chapters, in whole points that add up as shown. A chapter scores 100 less its
 * findings' weight per planned item, rounded down, so 100 means no finding at all (one piece of advice among
 * twenty tasks is 99, not a rounded-up 100); a chapter with nothing planned scores 0. The plan's score is the
 * sum of the chapter scores as displayed divided by their number, rounded down likewise: 100 only when every
 * chapter is 100, and anyone can redo the sum from the parts on the page.
 */
export function scoreHealth<F extends { severity: LintSeverity }>(
  chapters: Array<HealthChapterInput<F>>,
): { score: number; sum: number; chapters: Array<HealthChapterScore<F>> } {
  const scored = chapters.map(({ chapter, items, findings }) => {
    const penalty = findings.reduce((total, finding) => total + HEALTH_PENALTY[finding.severity], 0);
    // Rounded to 1e-9 first so that 100 × (1 − 0.3) lands on 70, not on 69.99999….
    const exact = items === 0 ? 0 : Math.max(0, 100 * (1 - penalty / items));
    return { chapter, items, score: Math.floor(Math.round(exact * 1e9) / 1e9), findings };
  });
  const sum = scored.reduce((total, chapter) => total + chapter.score, 0);
  return { score: scored.length === 0 ? 0 : Math.floor(sum / scored.length), sum, chapters: scored };
}

/** What a plan health answer was computed from: the plan revision, the workspace's day and a write counter. */
export type HealthBasis = { revision: number; day: string; epoch: number };

/**
 * Whether a kept plan health still answers for `current`: computed from the same plan revision (tasks, every
 * instance sees it), for the same day, with no write answered since (the counter), and less than `maxAgeMs` ago
 * (the bound on what neither sees: goals, KPIs or processes changed by another instance or a job).
 */
export function isHealthCurrent(
  kept: HealthBasis & { computedAt: number },
  current: HealthBasis & { now: number },
  maxAgeMs: number,
): boolean {
  return (
    kept.revision === current.revision &&
    kept.day === current.day &&
    kept.epoch === current.epoch &&
    current.now - kept.computedAt < maxAgeMs
  );
}

/** The age bound of a small plan's health: what the revision and the write counter miss shows within a minute. */
const HEALTH_MIN_MAX_AGE_MS = 60_000;
/**
 * A recomputation costs ~40 µs a planned item on this project's two-core bench machine (5.3 s of CPU for the large
 * bench plan's 125,000 items, BENCHMARKS.md "Plan health at the large scale"): 2 ms an item between two keeps it
 * near 2 % of one core while someone looks at the plan.
 */
const HEALTH_AGE_MS_PER_ITEM = 2;

/**
 * How old a kept plan health may grow before it is recomputed although neither the plan revision nor the write
 * counter moved: a minute, longer for a plan whose lint takes seconds (4 minutes at 125,000 items), so that a
 * large plan open on someone's screen is not linted again every minute for writes nobody made.
 */
export function healthMaxAgeMs(items: number): number {
  return Math.max(HEALTH_MIN_MAX_AGE_MS, items * HEALTH_AGE_MS_PER_ITEM);
}

/** A plan's size for its health's cost: goals, tasks, processes, KPIs and routines (each counted once). */
export function plannedItems(chapters: ReadonlyArray<{ chapter: LintChapter; items: number }>): number {
  // The schedule chapter weighs the tasks again.
  return chapters.reduce((total, chapter) => total + (chapter.chapter === 'schedule' ? 0 : chapter.items), 0);
}
