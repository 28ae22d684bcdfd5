/**
 * Surveys (市场调研): the questionnaire's shape, which questions a respondent sees (simple skip logic), what a
 * valid answer is, and the results — distributions per question and the Net Promoter Score.
 */

export const QUESTION_TYPES = ['single', 'multiple', 'rating', 'nps', 'text', 'matrix'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export type Choice = { id: string; label: string };

/** Shown only when an earlier question's answer is one of `values` (option ids, or scores as text). */
export type ShowIf = { questionId: string; values: string[] };

export type SurveyQuestion = {
  id: string;
  type: QuestionType;
  title: string;
  required?: boolean | undefined;
  /** The section heading this question starts or continues; consecutive questions share it. */
  section?: string | undefined;
  showIf?: ShowIf | undefined;
  /** single, multiple: the choices; matrix: the columns (the scale every row is rated on). */
  options?: Choice[] | undefined;
  /** matrix: the statements rated. */
  rows?: Choice[] | undefined;
};

export type Answer = string | string[] | number | Record<string, string>;
export type Answers = Record<string, Answer>;

export type SurveyIssue = { path: string; code: SurveyIssueCode };
export type SurveyIssueCode =
  | 'duplicate_id'
  | 'options_required'
  | 'rows_required'
  | 'duplicate_option'
  | 'show_if_unknown'
  | 'show_if_later'
  | 'required'
  | 'invalid_answer'
  | 'too_long';

export const MAX_QUESTIONS = 100;
export const MAX_TEXT_ANSWER = 5000;

/** What is wrong with a questionnaire: each problem with the path of the field to fix. */
export function checkQuestions(questions: readonly SurveyQuestion[]): SurveyIssue[] {
  const issues: SurveyIssue[] = [];
  const seen = new Map<string, number>();
  questions.forEach((question, index) => {
    const path = `questions.${index}`;
    if (seen.has(question.id)) issues.push({ path: `${path}.id`, code: 'duplicate_id' });
    seen.set(question.id, index);
    const needsOptions =
      question.type === 'single' || question.type === 'multiple' || question.type === 'matrix';
    if (needsOptions) {
      const options = question.options ?? [];
      if (options.length < 2) issues.push({ path: `${path}.options`, code: 'options_required' });
      if (new Set(options.map((option) => option.id)).size !== options.length) {
        issues.push({ path: `${path}.options`, code: 'duplicate_option' });
      }
    }
    if (question.type === 'matrix' && (question.rows ?? []).length === 0) {
      issues.push({ path: `${path}.rows`, code: 'rows_required' });
    }
    if (question.showIf) {
      const target = seen.get(question.showIf.questionId);
      if (target === undefined) {
        const later = questions.some((other) => other.id === question.showIf?.questionId);
        issues.push({ path: `${path}.showIf.questionId`, code: later ? 'show_if_later' : 'show_if_unknown' });
      }
    }
  });
  return issues;
}

/** An answer as the texts a skip rule compares with. */
function answerValues(answer: Answer | undefined): string[] {
  if (answer === undefined) return [];
  if (Array.isArray(answer)) return answer;
  if (typeof answer === 'object') return Object.values(answer);
  return [String(answer)];
}

/** The questions this respondent sees, in order: a question hidden by its rule hides those that depend on it. */
export function visibleQuestions(questions: readonly SurveyQuestion[], answers: Answers): SurveyQuestion[] {
  const shown = new Set<string>();
  const visible: SurveyQuestion[] = [];
  for (const question of questions) {
    const rule = question.showIf;
    if (rule) {
      if (!shown.has(rule.questionId)) continue;
      const values = answerValues(answers[rule.questionId]);
      if (!values.some((value) => rule.values.includes(value))) continue;
    }
    shown.add(question.id);
    visible.push(question);
  }
  return visible;
}

function isBlank(answer: Answer | undefined): boolean {
  if (answer === undefined) return true;
  if (typeof answer === 'string') return answer.trim() === '';
  if (Array.isArray(answer)) return answer.length === 0;
  if (typeof answer === 'object') return Object.keys(answer).length === 0;
  return false;
}

function validAnswer(question: SurveyQuestion, answer: Answer): Answer | null {
  const optionIds = new Set((question.options ?? []).map((option) => option.id));
  switch (question.type) {
    case 'single':
      return typeof answer === 'string' && optionIds.has(answer) ? answer : null;
    case 'multiple':
      return Array.isArray(answer) && answer.every((value) => optionIds.has(value))
        ? [...new Set(answer)]
        : null;
    case 'rating':
      return typeof answer === 'number' && Number.isInteger(answer) && answer >= 1 && answer <= 5
        ? answer
        : null;
    case 'nps':
      return typeof answer === 'number' && Number.isInteger(answer) && answer >= 0 && answer <= 10
        ? answer
        : null;
    case 'text':
      return typeof answer === 'string' ? answer.trim() : null;
    case 'matrix': {
      if (typeof answer !== 'object' || Array.isArray(answer)) return null;
      const rowIds = new Set((question.rows ?? []).map((row) => row.id));
      const entries = Object.entries(answer);
      return entries.every(([row, column]) => rowIds.has(row) && optionIds.has(column)) ? answer : null;
    }
  }
}

/**
 * Checks a response: required visible questions answered, every answer of the right kind. Answers to
 * questions the respondent did not see (or that do not exist) are dropped, so a rule cannot be bypassed.
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: Answers,
): { answers: Answers; issues: SurveyIssue[] } {
  const issues: SurveyIssue[] = [];
  const kept: Answers = {};
  for (const question of visibleQuestions(questions, answers)) {
    const answer = answers[question.id];
    const path = `answers.${question.id}`;
    if (isBlank(answer)) {
      if (question.required) issues.push({ path, code: 'required' });
      continue;
    }
    const valid = validAnswer(question, answer as Answer);
    if (valid === null) issues.push({ path, code: 'invalid_answer' });
    else if (typeof valid === 'string' && valid.length > MAX_TEXT_ANSWER)
      issues.push({ path, code: 'too_long' });
    else kept[question.id] = valid;
  }
  return { answers: kept, issues };
}

/** The first NPS answer of a response, stored beside it so the score is one aggregate. */
export function npsAnswer(questions: readonly SurveyQuestion[], answers: Answers): number | null {
  const question = questions.find((entry) => entry.type === 'nps' && typeof answers[entry.id] === 'number');
  return question ? (answers[question.id] as number) : null;
}

export type NpsSummary = {
  count: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, −100 … 100, rounded; null without answers. */
  score: number | null;
};

/** Net Promoter Score: 9–10 promote, 7–8 are passive, 0–6 detract. */
export function netPromoterScore(scores: readonly number[]): NpsSummary {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const score of scores) {
    if (score >= 9) promoters += 1;
    else if (score >= 7) passives += 1;
    else detractors += 1;
  }
  const count = scores.length;
  return {
    count,
    promoters,
    passives,
    detractors,
    score: count === 0 ? null : Math.round(((promoters - detractors) / count) * 100),
  };
}

export type QuestionResult =
  | { questionId: string; type: 'single' | 'multiple'; answered: number; counts: Record<string, number> }
  | { questionId: string; type: 'rating'; answered: number; distribution: number[]; average: number | null }
  | {
      questionId: string;
      type: 'nps';
      answered: number;
      distribution: number[];
      nps: NpsSummary;
    }
  | { questionId: string; type: 'text'; answered: number; answers: string[] }
  | {
      questionId: string;
      type: 'matrix';
      answered: number;
      counts: Record<string, Record<string, number>>;
    };

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Each question's answers summed up over the given responses (text answers newest first, at most 200). */
export function summariseResponses(
  questions: readonly SurveyQuestion[],
  responses: ReadonlyArray<{ answers: Answers }>,
): QuestionResult[] {
  return questions.map((question): QuestionResult => {
    const answers = responses
      .map((response) => response.answers[question.id])
      .filter((answer): answer is Answer => answer !== undefined);
    switch (question.type) {
      case 'single':
      case 'multiple': {
        const counts: Record<string, number> = {};
        for (const option of question.options ?? []) counts[option.id] = 0;
        for (const answer of answers) {
          for (const value of Array.isArray(answer) ? answer : [String(answer)]) {
            if (value in counts) counts[value] = (counts[value] ?? 0) + 1;
          }
        }
        return { questionId: question.id, type: question.type, answered: answers.length, counts };
      }
      case 'rating': {
        const scores = answers.filter((answer): answer is number => typeof answer === 'number');
        const distribution = [1, 2, 3, 4, 5].map((value) => scores.filter((score) => score === value).length);
        const average =
          scores.length === 0 ? null : round1(scores.reduce((sum, score) => sum + score, 0) / scores.length);
        return { questionId: question.id, type: 'rating', answered: scores.length, distribution, average };
      }
      case 'nps': {
        const scores = answers.filter((answer): answer is number => typeof answer === 'number');
        const distribution = Array.from(
          { length: 11 },
          (_, value) => scores.filter((score) => score === value).length,
        );
        return {
          questionId: question.id,
          type: 'nps',
          answered: scores.length,
          distribution,
          nps: netPromoterScore(scores),
        };
      }
      case 'text': {
        const texts = answers.filter(
          (answer): answer is string => typeof answer === 'string' && answer !== '',
        );
        return {
          questionId: question.id,
          type: 'text',
          answered: texts.length,
          answers: texts.slice(-200).reverse(),
        };
      }
      case 'matrix': {
        const counts: Record<string, Record<string, number>> = {};
        for (const row of question.rows ?? []) {
          counts[row.id] = Object.fromEntries((question.options ?? []).map((option) => [option.id, 0]));
        }
        for (const answer of answers) {
          if (typeof answer !== 'object' || Array.isArray(answer)) continue;
          for (const [row, column] of Object.entries(answer)) {
            const cells = counts[row];
            if (cells && column in cells) cells[column] = (cells[column] ?? 0) + 1;
          }
        }
        return { questionId: question.id, type: 'matrix', answered: answers.length, counts };
      }
    }
  });
}

/** The free-text answers of a response, for feeding the feedback inbox (title: the first line, shortened). */
export function textAnswers(questions: readonly SurveyQuestion[], answers: Answers): string[] {
  return questions
    .filter((question) => question.type === 'text')
    .map((question) => answers[question.id])
    .filter((answer): answer is string => typeof answer === 'string' && answer.trim().length > 0);
}

const ISSUE_MESSAGES: Record<SurveyIssueCode, { en: string; 'zh-CN': string }> = {
  duplicate_id: { en: 'Another question has this id.', 'zh-CN': '另一道题已使用此标识。' },
  options_required: { en: 'Give at least two options.', 'zh-CN': '请至少填写两个选项。' },
  rows_required: { en: 'Give at least one row to rate.', 'zh-CN': '请至少填写一行评价项。' },
  duplicate_option: { en: 'Two options have the same id.', 'zh-CN': '有两个选项的标识相同。' },
  show_if_unknown: { en: 'No question has this id.', 'zh-CN': '没有这个标识的题目。' },
  show_if_later: {
    en: 'A question can only depend on an earlier one.',
    'zh-CN': '题目只能依赖前面的题目。',
  },
  required: { en: 'This question needs an answer.', 'zh-CN': '此题为必答题。' },
  invalid_answer: { en: 'This answer does not fit the question.', 'zh-CN': '答案与题目类型不符。' },
  too_long: {
    en: `At most ${MAX_TEXT_ANSWER} characters.`,
    'zh-CN': `最多 ${MAX_TEXT_ANSWER} 个字符。`,
  },
};

/** A survey issue as a field message in both languages. */
export function issueMessage(code: SurveyIssueCode): { en: string; 'zh-CN': string } {
  return ISSUE_MESSAGES[code];
}
