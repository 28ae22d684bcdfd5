/**
 * A person's scorecard for a review period, computed from what they did: every figure keeps the objects it was
 * counted from (evidence), so a reviewer can open each one. Pure: the server reads the facts, this counts them.
 */

export const METRIC_KEYS = [
  'kr_achievement',
  'on_time_tasks',
  'sla_adherence',
  'check_ins',
  'routines',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** How much each figure counts in the overall data score, among the figures that have data. */
export const METRIC_WEIGHTS: Record<MetricKey, number> = {
  kr_achievement: 35,
  on_time_tasks: 25,
  sla_adherence: 15,
  check_ins: 10,
  routines: 15,
};

export type ScorecardFacts = {
  period: { start: string; end: string };
  /** Today in the workspace's time: nothing due after it counts against anyone yet. */
  today: string;
  /** Goals the person owns whose dates overlap the period (cancelled ones left out by the reader). */
  goals: ReadonlyArray<{
    id: string;
    title: string;
    weight: number;
    startDate: string;
    dueDate: string;
    keyResults: ReadonlyArray<{ id: string; title: string; weight: number; progress: number }>;
  }>;
  /** Days (workspace time) on which the person checked in on one of those goals. */
  checkIns: ReadonlyArray<{ goalId: string; day: string }>;
  /** Tasks (not routine occurrences) where the person is R or A, due within the period, not cancelled. */
  tasks: ReadonlyArray<{
    id: string;
    title: string;
    dueDate: string;
    status: string;
    completedDay: string | null;
  }>;
  /** Process steps the person completed within the period that had an SLA. */
  steps: ReadonlyArray<{ id: string; runId: string; title: string; dueAt: number; completedAt: number }>;
  /** Routine occurrences (tasks made by a routine) where the person is R or A, for a day within the period. */
  routines: ReadonlyArray<{ id: string; title: string; occurrence: string; status: string }>;
};

export type EvidenceKind = 'goal' | 'key_result' | 'task' | 'step' | 'check_in' | 'routine';
export type Evidence = {
  kind: EvidenceKind;
  id: string;
  title: string;
  /** Counted in the person's favour (on time, within SLA, done, week with a check-in). */
  ok: boolean;
  /** A ratio 0..1 where one applies (key result progress, goal achievement). */
  value: number | null;
  /** The day that decided it (due day, completion day, week start). */
  date: string | null;
  /** Path of the object in the web app, under /w/:workspaceId. */
  path: string;
};

export type Metric = {
  key: MetricKey;
  weight: number;
  /** 0..100, or null when there is nothing to count. */
  score: number | null;
  /** Counted in favour / counted; for key results, percentage points of weighted achievement. */
  numerator: number;
  denominator: number;
  evidence: Evidence[];
};

export type Scorecard = {
  period: { start: string; end: string };
  metrics: Metric[];
  /** Weighted mean of the metric scores with data, 0..100. */
  score: number | null;
};

/** Evidence kept per figure; the counts stay exact beyond it. */
export const MAX_EVIDENCE = 200;

const DAY = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const clamp01 = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
const round1 = (value: number) => Math.round(value * 10) / 10;
const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);

function ratioMetric(key: MetricKey, evidence: Evidence[]): Metric {
  const numerator = evidence.filter((e) => e.ok).length;
  const denominator = evidence.length;
  return {
    key,
    weight: METRIC_WEIGHTS[key],
    score: denominator ? round1((100 * numerator) / denominator) : null,
    numerator,
    denominator,
    evidence: evidence.slice(0, MAX_EVIDENCE),
  };
}

/** Key results of owned goals: each goal's weighted KR progress (capped at 100 %), goals weighted by their weight. */
function krAchievement(facts: ScorecardFacts): Metric {
  const evidence: Evidence[] = [];
  let total = 0;
  let weights = 0;
  for (const goal of facts.goals) {
    const krWeight = goal.keyResults.reduce((sum, kr) => sum + Math.max(0, kr.weight), 0);
    if (goal.keyResults.length === 0 || krWeight <= 0) continue;
    const achievement =
      goal.keyResults.reduce((sum, kr) => sum + Math.max(0, kr.weight) * clamp01(kr.progress), 0) / krWeight;
    const weight = Math.max(0, goal.weight);
    total += weight * achievement;
    weights += weight;
    evidence.push({
      kind: 'goal',
      id: goal.id,
      title: goal.title,
      ok: achievement >= 0.7,
      value: Math.round(achievement * 1000) / 1000,
      date: goal.dueDate,
      path: `/goals/${goal.id}`,
    });
    for (const kr of goal.keyResults) {
      evidence.push({
        kind: 'key_result',
        id: kr.id,
        title: kr.title,
        ok: clamp01(kr.progress) >= 0.7,
        value: Math.round(clamp01(kr.progress) * 1000) / 1000,
        date: goal.dueDate,
        path: `/goals/${goal.id}`,
      });
    }
  }
  const score = weights > 0 ? round1((100 * total) / weights) : null;
  return {
    key: 'kr_achievement',
    weight: METRIC_WEIGHTS.kr_achievement,
    score,
    numerator: score ?? 0,
    denominator: score === null ? 0 : 100,
    evidence: evidence.slice(0, MAX_EVIDENCE),
  };
}

/**
 * On time: done no later than the due day. A task still open after its due day is late; one not yet due (or due
 * today and still open) is not counted yet.
 */
function onTimeTasks(facts: ScorecardFacts): Metric {
  const evidence: Evidence[] = [];
  for (const task of facts.tasks) {
    if (task.status === 'cancelled') continue;
    const done = task.status === 'done' && task.completedDay !== null;
    if (!done && task.dueDate >= facts.today) continue;
    const ok = done && (task.completedDay ?? '') <= task.dueDate;
    evidence.push({
      kind: 'task',
      id: task.id,
      title: task.title,
      ok,
      value: null,
      date: task.dueDate,
      path: `/tasks?task=${task.id}`,
    });
  }
  return ratioMetric('on_time_tasks', evidence);
}

function slaAdherence(facts: ScorecardFacts): Metric {
  const evidence = facts.steps.map((step): Evidence => ({
    kind: 'step',
    id: step.id,
    title: step.title,
    ok: step.completedAt <= step.dueAt,
    value: null,
    date: toDay(step.completedAt),
    path: `/runs/${step.runId}`,
  }));
  return ratioMetric('sla_adherence', evidence);
}

/**
 * Check-in discipline: each week of a goal's life inside the period (up to today) should have a check-in by its
 * owner. Weeks count from the period's first day, so every goal is measured on the same grid.
 */
function checkInDiscipline(facts: ScorecardFacts): Metric {
  const evidence: Evidence[] = [];
  const byGoal = new Map<string, string[]>();
  for (const checkIn of facts.checkIns) {
    const days = byGoal.get(checkIn.goalId) ?? [];
    days.push(checkIn.day);
    byGoal.set(checkIn.goalId, days);
  }
  const periodStart = dayMs(facts.period.start);
  const last = minDay(facts.period.end, facts.today);
  for (const goal of facts.goals) {
    const from = maxDay(goal.startDate, facts.period.start);
    const to = minDay(goal.dueDate, last);
    if (from > to) continue;
    const days = byGoal.get(goal.id) ?? [];
    // Week windows of the period grid that overlap the goal's life and have fully begun by `to`.
    const firstWeek = Math.floor((dayMs(from) - periodStart) / (7 * DAY));
    const lastWeek = Math.floor((dayMs(to) - periodStart) / (7 * DAY));
    for (let week = firstWeek; week <= lastWeek; week += 1) {
      const weekStart = toDay(periodStart + week * 7 * DAY);
      const weekEnd = toDay(periodStart + (week * 7 + 6) * DAY);
      // The week under way is not a miss yet; a week cut short by the goal's or the period's end still counts.
      if (weekEnd > to && to >= facts.today) continue;
      const ok = days.some((day) => day >= weekStart && day <= weekEnd);
      evidence.push({
        kind: 'check_in',
        id: `${goal.id}:${weekStart}`,
        title: goal.title,
        ok,
        value: null,
        date: weekStart,
        path: `/goals/${goal.id}`,
      });
    }
  }
  return ratioMetric('check_ins', evidence);
}

/** Routine occurrences due in the period (up to yesterday): done or not. */
function routinesDone(facts: ScorecardFacts): Metric {
  const evidence: Evidence[] = [];
  for (const routine of facts.routines) {
    if (routine.status === 'cancelled') continue;
    const done = routine.status === 'done';
    if (!done && routine.occurrence >= facts.today) continue;
    evidence.push({
      kind: 'routine',
      id: routine.id,
      title: routine.title,
      ok: done,
      value: null,
      date: routine.occurrence,
      path: `/tasks?task=${routine.id}`,
    });
  }
  return ratioMetric('routines', evidence);
}

/** The scorecard: five figures from data and their weighted mean over the figures that have data. */
export function computeScorecard(facts: ScorecardFacts): Scorecard {
  const metrics = [
    krAchievement(facts),
    onTimeTasks(facts),
    slaAdherence(facts),
    checkInDiscipline(facts),
    routinesDone(facts),
  ];
  return { period: facts.period, metrics, score: combinedScore(metrics, {}) };
}

export type Override = { score: number; reason: string };
export type Overrides = Partial<Record<MetricKey, Override>>;

/** The weighted mean of metric scores (an override replacing its computed score); null when no figure has data. */
export function combinedScore(metrics: readonly Metric[], overrides: Overrides): number | null {
  let total = 0;
  let weights = 0;
  for (const metric of metrics) {
    const score = overrides[metric.key]?.score ?? metric.score;
    if (score === null) continue;
    total += metric.weight * score;
    weights += metric.weight;
  }
  return weights > 0 ? round1(total / weights) : null;
}

/** A 0..100 data score on a 1..scale rating: 0 → 1, 100 → scale, linear. */
export function ratingFromScore(score: number | null, scale: number): number | null {
  if (score === null) return null;
  return Math.round((1 + ((scale - 1) * Math.min(100, Math.max(0, score))) / 100) * 10) / 10;
}

/** The metric a rating question shows beside it, as the rating its score suggests. */
export function suggestedRating(
  metric: Metric | undefined,
  override: Override | undefined,
  scale: number,
): number | null {
  if (!metric) return null;
  return ratingFromScore(override?.score ?? metric.score, scale);
}

const OVERRIDE_MESSAGES = {
  reason: {
    en: 'Write why the computed score is overridden: the reason stays on the review.',
    'zh-CN': '请写明覆盖计算分数的理由，理由会保留在评估中。',
  },
  score: { en: 'A score is from 0 to 100.', 'zh-CN': '分数应在 0 到 100 之间。' },
} as const;

/** An override replaces a computed score only with a written reason (at least a few words, not blanks). */
export function checkOverrides(
  overrides: Overrides,
): Array<{ path: string; message: { en: string; 'zh-CN': string } }> {
  const errors: Array<{ path: string; message: { en: string; 'zh-CN': string } }> = [];
  for (const [key, override] of Object.entries(overrides)) {
    if (!override) continue;
    if (!Number.isFinite(override.score) || override.score < 0 || override.score > 100) {
      errors.push({ path: `overrides.${key}.score`, message: OVERRIDE_MESSAGES.score });
    }
    if (override.reason.trim().length < 4)
      errors.push({ path: `overrides.${key}.reason`, message: OVERRIDE_MESSAGES.reason });
  }
  return errors;
}
