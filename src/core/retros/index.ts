import { addDays, daysBetween } from '../days/index.ts';
/**
 * 复盘 (retrospective): the four classic steps — 回顾目标 (goal vs result, figures read from the data),
 * 评估结果 (what went well and what did not), 分析原因 (root causes through a 5-whys chain), 总结经验
 * (tagged lessons) — and actions that become tasks. Pure: the server gathers the facts, this words nothing
 * (the web and the plan document put the labels on).
 */

export const RETRO_SUBJECTS = ['goal', 'milestone', 'process', 'campaign', 'period'] as const;
export type RetroSubject = (typeof RETRO_SUBJECTS)[number];
export const RETRO_STATUSES = ['draft', 'done'] as const;

export const MAX_WHYS = 5;
export const MAX_CAUSES = 20;
export const MAX_LIST_ITEMS = 30;
export const MAX_LESSONS = 30;
export const MAX_TAGS = 8;
export const MAX_ACTIONS = 30;
export const MAX_KPIS = 12;

/** One figure of 回顾目标: where it started, what was aimed at, what came out, and whether it was met. */
export type RetroFigure = {
  kind: 'goal' | 'keyResult' | 'kpi' | 'milestone' | 'tasks' | 'cases' | 'leadTime' | 'sla';
  label: string;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  /** Share of the way from baseline to target (1 = reached); null without a target. */
  achievement: number | null;
  /** null: there is nothing to meet (a measured time without a goal). */
  met: boolean | null;
  /** Path of the evidence in the web app. */
  link: string | null;
};

export type GoalFacts = {
  kind: 'goal';
  workspaceId: string;
  goal: { id: string; title: string; progress: number };
  keyResults: {
    title: string;
    kpiKey: string | null;
    unit: string | null;
    baseline: number | null;
    target: number | null;
    current: number | null;
    progress: number;
    isDone: boolean;
  }[];
};

export type MilestoneFacts = {
  kind: 'milestone';
  workspaceId: string;
  task: { id: string; title: string; dueDate: string | null; finishedOn: string | null };
  /** The tasks below the milestone (its work breakdown). */
  below: { total: number; done: number };
};

export type ProcessFacts = {
  kind: 'process';
  workspaceId: string;
  processId: string;
  runs: { total: number; completed: number };
  medianLeadTimeHours: number | null;
  slaVisits: number;
  slaBreached: number;
};

export type KpiWindow = {
  key: string;
  name: string;
  unit: string | null;
  direction: 'higher' | 'lower';
  aggregation: 'sum' | 'avg' | 'last' | 'min' | 'max';
  /** The green threshold, per KPI period. */
  green: number | null;
  /** KPI periods (days, weeks, months) in the window: a summed KPI's target is its threshold that many times. */
  periods: number;
  /** Values in the window, by period start day (sorted or not). */
  during: { period: string; value: number }[];
  /** Values in the window of the same length just before: the baseline. */
  before: { period: string; value: number }[];
};

export type WindowFacts = {
  kind: 'window';
  workspaceId: string;
  kpis: KpiWindow[];
  tasks: { total: number; done: number };
};

export type RetroFacts = GoalFacts | MilestoneFacts | ProcessFacts | WindowFacts;

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** How much of the way from baseline to target the actual went (targets below the baseline too). */
export function achievementOf(baseline: number | null, target: number | null, actual: number | null) {
  if (target === null || actual === null) return null;
  const start = baseline ?? 0;
  if (target === start) return actual === target ? 1 : null;
  return round((actual - start) / (target - start), 4);
}

/** A KPI's values over a window, summed, averaged … as the KPI itself aggregates them. */
export function aggregateValues(
  values: readonly { period: string; value: number }[],
  aggregation: KpiWindow['aggregation'],
): number | null {
  if (values.length === 0) return null;
  const numbers = values.map((item) => item.value);
  switch (aggregation) {
    case 'sum':
      return round(
        numbers.reduce((sum, value) => sum + value, 0),
        4,
      );
    case 'avg':
      return round(numbers.reduce((sum, value) => sum + value, 0) / numbers.length, 4);
    case 'min':
      return Math.min(...numbers);
    case 'max':
      return Math.max(...numbers);
    case 'last':
      return [...values].sort((a, b) => a.period.localeCompare(b.period)).at(-1)?.value ?? null;
  }
}

/** 回顾目标: the figures of a subject, each with its evidence link. */
export function retroFigures(facts: RetroFacts): RetroFigure[] {
  const base = `/w/${facts.workspaceId}`;
  switch (facts.kind) {
    case 'goal':
      return [
        {
          kind: 'goal',
          label: facts.goal.title,
          unit: '%',
          baseline: 0,
          target: 100,
          actual: round(facts.goal.progress * 100, 1),
          achievement: round(facts.goal.progress, 4),
          met: facts.goal.progress >= 1,
          link: `${base}/goals/${facts.goal.id}`,
        },
        ...facts.keyResults.map((kr): RetroFigure => {
          const deliverable = kr.kpiKey === null && kr.target === null;
          return {
            kind: 'keyResult',
            label: kr.title,
            unit: deliverable ? null : kr.unit,
            baseline: deliverable ? null : kr.baseline,
            target: deliverable ? null : kr.target,
            actual: deliverable ? null : kr.current,
            achievement: round(kr.progress, 4),
            met: deliverable ? kr.isDone : kr.progress >= 1,
            link: kr.kpiKey
              ? `${base}/kpis/${encodeURIComponent(kr.kpiKey)}`
              : `${base}/goals/${facts.goal.id}`,
          };
        }),
      ];
    case 'milestone': {
      const late =
        facts.task.dueDate && facts.task.finishedOn
          ? daysBetween(facts.task.dueDate, facts.task.finishedOn)
          : null;
      return [
        {
          kind: 'milestone',
          label: facts.task.title,
          unit: 'days',
          baseline: null,
          target: 0,
          actual: late,
          achievement: null,
          met: facts.task.finishedOn === null ? false : late === null ? true : late <= 0,
          link: `${base}/tasks?task=${facts.task.id}`,
        },
        {
          kind: 'tasks',
          label: '',
          unit: null,
          baseline: null,
          target: facts.below.total,
          actual: facts.below.done,
          achievement: facts.below.total > 0 ? round(facts.below.done / facts.below.total, 4) : null,
          met: facts.below.total === 0 ? null : facts.below.done >= facts.below.total,
          link: `${base}/tasks?task=${facts.task.id}`,
        },
      ];
    }
    case 'process': {
      const link = `${base}/processes/${facts.processId}`;
      const adherence =
        facts.slaVisits > 0
          ? round(((facts.slaVisits - facts.slaBreached) / facts.slaVisits) * 100, 1)
          : null;
      return [
        {
          kind: 'cases',
          label: '',
          unit: null,
          baseline: null,
          target: facts.runs.total,
          actual: facts.runs.completed,
          achievement: null,
          met: null,
          link,
        },
        {
          kind: 'leadTime',
          label: '',
          unit: 'h',
          baseline: null,
          target: null,
          actual: facts.medianLeadTimeHours === null ? null : round(facts.medianLeadTimeHours, 1),
          achievement: null,
          met: null,
          link,
        },
        {
          kind: 'sla',
          label: '',
          unit: '%',
          baseline: null,
          target: 100,
          actual: adherence,
          achievement: adherence === null ? null : round(adherence / 100, 4),
          met: adherence === null ? null : facts.slaBreached === 0,
          link,
        },
      ];
    }
    case 'window':
      return [
        ...facts.kpis.map((kpi): RetroFigure => {
          const actual = aggregateValues(kpi.during, kpi.aggregation);
          const baseline = aggregateValues(kpi.before, kpi.aggregation);
          const target =
            kpi.green === null
              ? null
              : kpi.aggregation === 'sum'
                ? kpi.green * Math.max(1, kpi.periods)
                : kpi.green;
          const met =
            actual === null || target === null
              ? null
              : kpi.direction === 'lower'
                ? actual <= target
                : actual >= target;
          return {
            kind: 'kpi',
            label: kpi.name,
            unit: kpi.unit,
            baseline,
            target,
            actual,
            achievement: achievementOf(baseline, target, actual),
            met,
            link: `${base}/kpis/${encodeURIComponent(kpi.key)}`,
          };
        }),
        {
          kind: 'tasks',
          label: '',
          unit: null,
          baseline: null,
          target: facts.tasks.total,
          actual: facts.tasks.done,
          achievement: facts.tasks.total > 0 ? round(facts.tasks.done / facts.tasks.total, 4) : null,
          met: facts.tasks.total === 0 ? null : facts.tasks.done >= facts.tasks.total,
          link: `${base}/tasks`,
        },
      ];
  }
}

/** The window before a period of the same length, for a campaign's baseline. */
export function previousWindow(start: string, end: string): { start: string; end: string } {
  const length = daysBetween(start, end) + 1;
  return { start: addDays(start, -length), end: addDays(start, -1) };
}

/** A cause analysed by asking "why?" up to five times; the last answer is the root cause. */
export type Cause = { problem: string; whys: string[] };

/** Trims each chain, drops empty answers and keeps at most five whys, so what is stored reads cleanly. */
export function normaliseCauses(causes: readonly Cause[]): Cause[] {
  return causes
    .map((cause) => ({
      problem: cause.problem.trim(),
      whys: cause.whys
        .map((why) => why.trim())
        .filter((why) => why !== '')
        .slice(0, MAX_WHYS),
    }))
    .filter((cause) => cause.problem !== '');
}

/** The root cause of a chain: its last answer, or the problem itself while no why is answered. */
export function rootCause(cause: Cause): string {
  return cause.whys.at(-1) ?? cause.problem;
}

/**
 * The next question of the 5-whys helper: "why?" about the latest answer. Done after five answers, or
 * earlier when the answer repeats an earlier one (the chain goes round in a circle).
 */
export function nextWhy(cause: Cause): { ask: string; step: number } | null {
  const answers = cause.whys.map((why) => why.trim()).filter(Boolean);
  if (answers.length >= MAX_WHYS) return null;
  const latest = answers.at(-1) ?? cause.problem.trim();
  if (latest === '') return null;
  const earlier = [cause.problem.trim(), ...answers.slice(0, -1)];
  if (answers.length > 0 && earlier.includes(latest)) return null;
  return { ask: latest, step: answers.length + 1 };
}

/** Tags as one writes them (#复盘, " Onboarding "): trimmed, no leading #, Latin letters lower-cased, unique. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = raw
      .trim()
      .replace(/^[#＃]+/, '')
      .trim()
      .toLowerCase();
    if (tag !== '' && tag.length <= 40) seen.add(tag);
  }
  return [...seen].slice(0, MAX_TAGS);
}

/** Whether an action's task still needs doing; a deleted task (null) counts as closed. */
export function isActionOpen(taskStatus: string | null): boolean {
  return taskStatus !== null && taskStatus !== 'done' && taskStatus !== 'cancelled';
}

/** Completion of a 复盘's actions: cancelled tasks are left out of the count, deleted ones too. */
export function actionCompletion(statuses: readonly (string | null)[]): {
  total: number;
  done: number;
  percent: number | null;
} {
  const counted = statuses.filter((status) => status !== null && status !== 'cancelled');
  const done = counted.filter((status) => status === 'done').length;
  return {
    total: counted.length,
    done,
    percent: counted.length > 0 ? Math.round((done / counted.length) * 100) : null,
  };
}

export type PastLesson = {
  lessonId: string;
  retroId: string;
  retroTitle: string;
  subjectType: RetroSubject;
  subjectId: string | null;
  text: string;
  tags: string[];
  createdAt: number;
};

/** Words of a title or lesson for likeness: Latin words, and Chinese as overlapping pairs of characters. */
export function likenessTerms(text: string): Set<string> {
  const terms = new Set<string>();
  const lower = text.toLowerCase();
  for (const word of lower.match(/[a-z0-9]{3,}/g) ?? []) terms.add(word);
  for (const run of lower.match(/[\u4e00-\u9fff]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i += 1) terms.add(run.slice(i, i + 2));
  }
  return terms;
}

/**
 * "Lessons from similar past 复盘" when a new one starts: the same subject counts most (the same goal or
 * process, any version), then shared tags, then the same kind of subject, then words in common with the
 * title. Lessons sharing nothing are not suggested.
 */
export function similarLessons(
  current: { subjectType: RetroSubject; subjectId: string | null; title: string; tags?: readonly string[] },
  past: readonly PastLesson[],
  options: { excludeRetroId?: string | null; limit?: number } = {},
): (PastLesson & { score: number; reason: 'same_subject' | 'shared_tags' | 'similar_title' })[] {
  const tags = new Set(normaliseTags(current.tags ?? []));
  const titleTerms = likenessTerms(current.title);
  const scored = past.flatMap((lesson) => {
    if (options.excludeRetroId && lesson.retroId === options.excludeRetroId) return [];
    const sameSubject =
      current.subjectId !== null &&
      lesson.subjectType === current.subjectType &&
      lesson.subjectId === current.subjectId;
    const sharedTags = lesson.tags.filter((tag) => tags.has(tag)).length;
    const lessonTerms = likenessTerms(`${lesson.retroTitle} ${lesson.text}`);
    const sharedTerms = [...titleTerms].filter((term) => lessonTerms.has(term)).length;
    const score =
      (sameSubject ? 10 : 0) +
      sharedTags * 3 +
      (lesson.subjectType === current.subjectType ? 1 : 0) +
      Math.min(sharedTerms, 4) * 0.5;
    if (!sameSubject && sharedTags === 0 && sharedTerms < 2) return [];
    const reason = sameSubject ? 'same_subject' : sharedTags > 0 ? 'shared_tags' : 'similar_title';
    return [{ ...lesson, score, reason } as const];
  });
  return scored.sort((a, b) => b.score - a.score || b.createdAt - a.createdAt).slice(0, options.limit ?? 5);
}
