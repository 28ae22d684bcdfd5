import type { FieldError, LocalizedText } from '../errors/index.ts';
import { allQuestions, scaleOf, type ReviewTemplateDefinition } from './templates.ts';

export const CYCLE_KINDS = ['monthly', 'quarterly', 'half_year', 'custom'] as const;
export type CycleKind = (typeof CYCLE_KINDS)[number];

/** The stages every cycle walks through, in order; `closed` follows the last. */
export const STAGES = ['self', 'peer', 'manager', 'calibration', 'sign_off'] as const;
export type Stage = (typeof STAGES)[number];
export type CycleStage = Stage | 'closed';
export type StageDeadline = { stage: Stage; dueDate: string };

export const REVIEW_KINDS = ['self', 'peer', 'manager'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

const DAY = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The period of a cycle of a kind that starts in the month of `start`: a calendar month, quarter or half-year
 * (so "Q3" always means July to September). Custom cycles keep the dates given.
 */
export function periodFor(kind: Exclude<CycleKind, 'custom'>, start: string): { start: string; end: string } {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7)) - 1;
  const months = kind === 'monthly' ? 1 : kind === 'quarterly' ? 3 : 6;
  const first = month - (month % months);
  const from = Date.UTC(year, first, 1);
  const to = Date.UTC(year, first + months, 1) - DAY;
  return { start: toDay(from), end: toDay(to) };
}

/**
 * Default deadlines after the period ends: self and peer reviews in the first week, the manager's in the second,
 * calibration and sign-off in the third.
 */
export function defaultStages(periodEnd: string): StageDeadline[] {
  const end = dayMs(periodEnd);
  const offsets: Record<Stage, number> = { self: 5, peer: 7, manager: 12, calibration: 16, sign_off: 20 };
  return STAGES.map((stage) => ({ stage, dueDate: toDay(end + offsets[stage] * DAY) }));
}

const STAGE_MESSAGES = {
  missing: {
    en: 'Give a deadline for each of the five stages, once.',
    'zh-CN': '五个阶段各需一个截止日期，且只能一个。',
  },
  order: {
    en: 'The deadline of “{stage}” comes before the one of the stage before it.',
    'zh-CN': '“{stage}”的截止日期早于前一阶段。',
  },
  beforeStart: {
    en: 'Deadlines fall on or after the first day of the period.',
    'zh-CN': '截止日期不能早于评估周期的第一天。',
  },
  period: { en: 'The period ends before it starts.', 'zh-CN': '周期的结束日期早于开始日期。' },
  tooLong: { en: 'A cycle covers at most one year.', 'zh-CN': '一个评估周期最长一年。' },
} satisfies Record<string, LocalizedText>;

const STAGE_NAMES: Record<Stage, LocalizedText> = {
  self: { en: 'Self review', 'zh-CN': '自评' },
  peer: { en: 'Peer review', 'zh-CN': '同事互评' },
  manager: { en: 'Manager review', 'zh-CN': '上级评估' },
  calibration: { en: 'Calibration', 'zh-CN': '校准' },
  sign_off: { en: 'Sign-off', 'zh-CN': '确认签署' },
};

export function stageName(stage: Stage): LocalizedText {
  return STAGE_NAMES[stage];
}

/** The period and stage deadlines of a cycle, checked: each stage once, in order, none before the period. */
export function checkCycleDates(
  period: { start: string; end: string },
  stages: readonly StageDeadline[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (period.end < period.start) errors.push({ path: 'periodEnd', message: STAGE_MESSAGES.period });
  else if (dayMs(period.end) - dayMs(period.start) > 366 * DAY)
    errors.push({ path: 'periodEnd', message: STAGE_MESSAGES.tooLong });
  const byStage = new Map(stages.map((s) => [s.stage, s.dueDate]));
  if (stages.length !== STAGES.length || byStage.size !== STAGES.length) {
    errors.push({ path: 'stages', message: STAGE_MESSAGES.missing });
    return errors;
  }
  let previous = '';
  STAGES.forEach((stage) => {
    const due = byStage.get(stage) ?? '';
    const index = stages.findIndex((s) => s.stage === stage);
    if (due < period.start)
      errors.push({ path: `stages.${index}.dueDate`, message: STAGE_MESSAGES.beforeStart });
    else if (due < previous) {
      const name = STAGE_NAMES[stage];
      errors.push({
        path: `stages.${index}.dueDate`,
        message: {
          en: STAGE_MESSAGES.order.en.replace('{stage}', name.en),
          'zh-CN': STAGE_MESSAGES.order['zh-CN'].replace('{stage}', name['zh-CN']),
        },
      });
    }
    previous = due > previous ? due : previous;
  });
  return errors;
}

/** The stage after `stage`; `closed` after sign-off. */
export function nextStage(stage: CycleStage): CycleStage {
  if (stage === 'closed') return 'closed';
  const index = STAGES.indexOf(stage);
  return index === STAGES.length - 1 ? 'closed' : (STAGES[index + 1] ?? 'closed');
}

/** Whether two inclusive day ranges share a day. */
export function periodsOverlap(
  a: { start: string; end: string },
  b: { start: string; end: string },
): boolean {
  return a.start <= b.end && b.start <= a.end;
}

// ——— Answers and their score ———

export type Answer = {
  rating?: number | undefined;
  text?: string | undefined;
  choices?: string[] | undefined;
};
export type Answers = Record<string, Answer>;

const ANSWER_MESSAGES = {
  unknown: { en: 'This question is not in the cycle’s template.', 'zh-CN': '该题目不在本周期的模板中。' },
  rating: { en: 'Give a whole number from 1 to {scale}.', 'zh-CN': '请填写 1 到 {scale} 之间的整数。' },
  required: { en: 'Answer this question before submitting.', 'zh-CN': '提交前请回答此题。' },
  choice: { en: 'Pick among the question’s options.', 'zh-CN': '请从题目给出的选项中选择。' },
  single: { en: 'Pick one option only.', 'zh-CN': '只能选择一个选项。' },
} satisfies Record<string, LocalizedText>;

/**
 * Checks answers against the template. A draft may leave questions open; a submission must rate every rating
 * question and answer every required text question.
 */
export function checkAnswers(
  definition: ReviewTemplateDefinition,
  answers: Answers,
  submitting: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const questions = new Map(allQuestions(definition).map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) {
    if (!questions.has(id)) errors.push({ path: `answers.${id}`, message: ANSWER_MESSAGES.unknown });
  }
  for (const question of questions.values()) {
    const answer = answers[question.id];
    const path = `answers.${question.id}`;
    if (question.type === 'rating') {
      const scale = question.anchors.length;
      const value = answer?.rating;
      if (value === undefined) {
        if (submitting) errors.push({ path, message: ANSWER_MESSAGES.required });
      } else if (!Number.isInteger(value) || value < 1 || value > scale) {
        const fill = (text: string) => text.replace('{scale}', String(scale));
        errors.push({
          path,
          message: { en: fill(ANSWER_MESSAGES.rating.en), 'zh-CN': fill(ANSWER_MESSAGES.rating['zh-CN']) },
        });
      }
    } else if (question.type === 'text') {
      if (submitting && question.required && !answer?.text?.trim())
        errors.push({ path, message: ANSWER_MESSAGES.required });
    } else {
      const choices = answer?.choices ?? [];
      if (choices.some((c) => !question.options.includes(c)))
        errors.push({ path, message: ANSWER_MESSAGES.choice });
      else if (!question.multiple && choices.length > 1)
        errors.push({ path, message: ANSWER_MESSAGES.single });
    }
  }
  return errors;
}

/**
 * The weighted rating of answers on the template's scale: sections by their weight, rating questions by theirs
 * within the section. Unanswered questions drop out and the rest are re-weighted; null when nothing is rated.
 */
export function weightedRating(definition: ReviewTemplateDefinition, answers: Answers): number | null {
  let total = 0;
  let weights = 0;
  for (const section of definition.sections) {
    for (const question of section.questions) {
      if (question.type !== 'rating') continue;
      const value = answers[question.id]?.rating;
      if (value === undefined) continue;
      const weight = (section.weight / 100) * (question.weight / 100);
      total += weight * value;
      weights += weight;
    }
  }
  return weights > 0 ? Math.round((total / weights) * 100) / 100 : null;
}

// ——— Calibration ———

export type CalibrationEntry = { participantId: string; rating: number | null; dataRating: number | null };

/** How many people got each whole rating (1..scale), rounding half up; unrated people are not counted. */
export function ratingDistribution(ratings: ReadonlyArray<number | null>, scale: number): number[] {
  const counts = Array.from({ length: scale }, () => 0);
  for (const rating of ratings) {
    if (rating === null) continue;
    const bucket = Math.min(scale, Math.max(1, Math.floor(rating + 0.5)));
    counts[bucket - 1] = (counts[bucket - 1] ?? 0) + 1;
  }
  return counts;
}

export const OUTLIER_GAP = 1;

/**
 * People whose rating stands apart from what their data says: at least one point (on the scale) above or below
 * the scorecard's suggested rating. These are the ratings a manager should be ready to defend line by line.
 */
export function outliers(entries: readonly CalibrationEntry[], gap = OUTLIER_GAP) {
  return entries.flatMap((entry) => {
    if (entry.rating === null || entry.dataRating === null) return [];
    const difference = Math.round((entry.rating - entry.dataRating) * 100) / 100;
    if (Math.abs(difference) < gap) return [];
    return [
      {
        participantId: entry.participantId,
        difference,
        direction: difference > 0 ? ('above' as const) : ('below' as const),
      },
    ];
  });
}

export { scaleOf };
