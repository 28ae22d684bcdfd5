import type { FieldError, LocalizedText } from '../errors/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { MetricKey } from './scorecard.ts';

/** A rating question: a 1..scale score, one anchor (what the number means) per value, a weight in its section. */
export type RatingQuestion = {
  id: string;
  type: 'rating';
  text: string;
  weight: number;
  anchors: string[];
  /** The scorecard figure shown beside the question, so the reviewer rates with the number in view. */
  metric?: MetricKey | null | undefined;
  /** A skill of the workspace (its name, the skills matrix's key): the signed-off rating becomes its level. */
  skill?: string | null | undefined;
};
/** Text and choice questions carry no skill; `skill` is there so `checkSkillTags` can refuse one by name. */
export type TextQuestion = {
  id: string;
  type: 'text';
  text: string;
  required: boolean;
  skill?: string | null | undefined;
};
export type ChoiceQuestion = {
  id: string;
  type: 'choice';
  text: string;
  options: string[];
  multiple: boolean;
  skill?: string | null | undefined;
};
export type ReviewQuestion = RatingQuestion | TextQuestion | ChoiceQuestion;
export type ReviewSection = { id: string; title: string; weight: number; questions: ReviewQuestion[] };
export type ReviewTemplateDefinition = {
  sections: ReviewSection[];
  /** Peers' answers are shown to the reviewee without their names. */
  peerAnonymous: boolean;
};

export const MAX_SECTIONS = 12;
export const MAX_QUESTIONS = 20;
export const MIN_SCALE = 3;
export const MAX_SCALE = 10;

const WEIGHT_EPSILON = 0.01;

const MESSAGES = {
  sectionsSum: {
    en: 'The section weights add up to {sum} %: they must add up to 100 %.',
    'zh-CN': '各部分权重合计 {sum}%，必须等于 100%。',
  },
  questionsSum: {
    en: 'The rating questions of “{title}” weigh {sum} % together: they must add up to 100 %.',
    'zh-CN': '“{title}”中评分题的权重合计 {sum}%，必须等于 100%。',
  },
  unratedSection: {
    en: '“{title}” has no rating question, so its weight must be 0 %.',
    'zh-CN': '“{title}”没有评分题，其权重必须为 0%。',
  },
  duplicateId: {
    en: 'The id “{id}” is used twice: every section and question needs its own.',
    'zh-CN': '编号“{id}”重复使用，每个部分和题目都需要各自的编号。',
  },
  choiceOptions: {
    en: 'A multiple-choice question needs at least two different options.',
    'zh-CN': '选择题至少需要两个不同的选项。',
  },
  noRating: {
    en: 'The template needs at least one rating question to give a score.',
    'zh-CN': '模板至少需要一道评分题才能得出分数。',
  },
  skillNotRating: {
    en: 'Only a rating question can be tagged with a skill: its rating becomes the skill’s level.',
    'zh-CN': '只有评分题可以关联技能：评分将作为该技能的等级。',
  },
  skillUnknown: {
    en: '“{skill}” is not a skill of this workspace: pick one from the skills matrix.',
    'zh-CN': '“{skill}”不是本工作区的技能，请从技能矩阵中选择。',
  },
} satisfies Record<string, LocalizedText>;

function fill(text: LocalizedText, params: Record<string, string | number>): LocalizedText {
  const replace = (value: string) =>
    value.replace(/\{(\w+)\}/g, (m, key: string) => String(params[key] ?? m));
  return { en: replace(text.en), 'zh-CN': replace(text['zh-CN']) };
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Every reason a template cannot score a review, as field errors naming the place: the section weights must add
 * up to 100 %, and so must the rating questions within each section that has any.
 */
export function checkTemplate(definition: ReviewTemplateDefinition, base = ''): FieldError[] {
  const errors: FieldError[] = [];
  const at = (path: string) => (base ? `${base}.${path}` : path);
  const ids = new Set<string>();
  const seen = (id: string, path: string) => {
    if (ids.has(id)) errors.push({ path: at(path), message: fill(MESSAGES.duplicateId, { id }) });
    ids.add(id);
  };
  let ratings = 0;
  const sectionSum = definition.sections.reduce((sum, section) => sum + section.weight, 0);
  if (Math.abs(sectionSum - 100) > WEIGHT_EPSILON) {
    errors.push({ path: at('sections'), message: fill(MESSAGES.sectionsSum, { sum: round(sectionSum) }) });
  }
  definition.sections.forEach((section, s) => {
    seen(section.id, `sections.${s}.id`);
    const rated = section.questions.filter((q): q is RatingQuestion => q.type === 'rating');
    ratings += rated.length;
    if (rated.length === 0 && section.weight !== 0) {
      errors.push({
        path: at(`sections.${s}.weight`),
        message: fill(MESSAGES.unratedSection, { title: section.title }),
      });
    }
    const questionSum = rated.reduce((sum, q) => sum + q.weight, 0);
    if (rated.length > 0 && Math.abs(questionSum - 100) > WEIGHT_EPSILON) {
      errors.push({
        path: at(`sections.${s}.questions`),
        message: fill(MESSAGES.questionsSum, { title: section.title, sum: round(questionSum) }),
      });
    }
    section.questions.forEach((question, q) => {
      seen(question.id, `sections.${s}.questions.${q}.id`);
      if (question.type === 'choice' && new Set(question.options.map((o) => o.trim())).size < 2) {
        errors.push({ path: at(`sections.${s}.questions.${q}.options`), message: MESSAGES.choiceOptions });
      }
    });
  });
  if (ratings === 0 && definition.sections.length > 0) {
    errors.push({ path: at('sections'), message: MESSAGES.noRating });
  }
  return errors;
}

/**
 * Skill tags a workspace can accept: only on rating questions, and only skills the workspace has (its skills
 * matrix's columns). Field errors name the question's `skill`.
 */
export function checkSkillTags(
  definition: ReviewTemplateDefinition,
  workspaceSkills: ReadonlySet<string>,
  base = '',
): FieldError[] {
  const errors: FieldError[] = [];
  definition.sections.forEach((section, s) => {
    section.questions.forEach((question, q) => {
      const skill = question.skill?.trim();
      if (!skill) return;
      const path = `${base ? `${base}.` : ''}sections.${s}.questions.${q}.skill`;
      if (question.type !== 'rating') errors.push({ path, message: MESSAGES.skillNotRating });
      else if (!workspaceSkills.has(skill))
        errors.push({ path, message: fill(MESSAGES.skillUnknown, { skill }) });
    });
  });
  return errors;
}

/** Skill levels run 1–5 whatever the template's scale: a rating on 1..scale mapped linearly onto them. */
export function levelFromRating(rating: number, scale: number): number {
  const level = scale <= 1 ? 5 : 1 + ((rating - 1) * 4) / (scale - 1);
  return Math.min(5, Math.max(1, Math.round(level)));
}

export type SkillRating = { skill: string; rating: number; scale: number; level: number };

/**
 * What a review's answers say of each tagged skill: the mean rating of its questions (on their scale) and the
 * level it maps to. Unanswered questions drop out.
 */
export function skillRatings(
  definition: ReviewTemplateDefinition,
  answers: Readonly<Record<string, { rating?: number | undefined }>>,
): SkillRating[] {
  const bySkill = new Map<string, { sum: number; count: number; scale: number; levels: number }>();
  for (const question of allQuestions(definition)) {
    const skill = question.type === 'rating' ? question.skill?.trim() : undefined;
    const rating = answers[question.id]?.rating;
    if (question.type !== 'rating' || !skill || rating === undefined) continue;
    const scale = question.anchors.length;
    const entry = bySkill.get(skill) ?? { sum: 0, count: 0, scale, levels: 0 };
    entry.sum += rating;
    entry.count += 1;
    entry.levels += levelFromRating(rating, scale);
    entry.scale = Math.max(entry.scale, scale);
    bySkill.set(skill, entry);
  }
  return [...bySkill.entries()].map(([skill, entry]) => ({
    skill,
    rating: Math.round((entry.sum / entry.count) * 100) / 100,
    scale: entry.scale,
    level: Math.min(5, Math.max(1, Math.round(entry.levels / entry.count))),
  }));
}

export function allQuestions(definition: ReviewTemplateDefinition): ReviewQuestion[] {
  return definition.sections.flatMap((section) => section.questions);
}

/** The rating scale of a template: the longest anchor list (all rating questions share it in practice). */
export function scaleOf(definition: ReviewTemplateDefinition): number {
  const scales = allQuestions(definition).flatMap((q) => (q.type === 'rating' ? [q.anchors.length] : []));
  return scales.length ? Math.max(...scales) : 5;
}

// ——— Ready-made templates, written in both languages ———

type L = LocalizedText;
type BuiltinQuestion =
  | { id: string; type: 'rating'; text: L; weight: number; anchors: L[]; metric?: MetricKey }
  | { id: string; type: 'text'; text: L; required: boolean }
  | { id: string; type: 'choice'; text: L; options: L[]; multiple: boolean };
type BuiltinTemplate = {
  key: BuiltinTemplateKey;
  name: L;
  description: L;
  peerAnonymous: boolean;
  sections: Array<{ id: string; title: L; weight: number; questions: BuiltinQuestion[] }>;
};

export const BUILTIN_TEMPLATE_KEYS = ['kpi_ops', 'okr'] as const;
export type BuiltinTemplateKey = (typeof BUILTIN_TEMPLATE_KEYS)[number];

const ANCHORS: L[] = [
  { en: '1 · Far below expectations', 'zh-CN': '1 · 远低于预期' },
  { en: '2 · Below expectations', 'zh-CN': '2 · 低于预期' },
  { en: '3 · Meets expectations', 'zh-CN': '3 · 符合预期' },
  { en: '4 · Exceeds expectations', 'zh-CN': '4 · 超出预期' },
  { en: '5 · Outstanding', 'zh-CN': '5 · 卓越' },
];

const rating = (id: string, text: L, weight: number, metric?: MetricKey): BuiltinQuestion => ({
  id,
  type: 'rating',
  text,
  weight,
  anchors: ANCHORS,
  ...(metric ? { metric } : {}),
});

const BUILTIN: Record<BuiltinTemplateKey, BuiltinTemplate> = {
  kpi_ops: {
    key: 'kpi_ops',
    name: { en: 'KPI-driven operations review', 'zh-CN': 'KPI 驱动的运营绩效评估' },
    description: {
      en: 'Results against KPIs and key results, delivery on time, process SLAs and routines, then collaboration.',
      'zh-CN': '以 KPI 与关键结果的达成为主，兼看按时交付、流程时效与例行工作，再看协作。',
    },
    peerAnonymous: true,
    sections: [
      {
        id: 'results',
        title: { en: 'Results', 'zh-CN': '业绩结果' },
        weight: 50,
        questions: [
          rating(
            'kr',
            { en: 'Key results of owned goals reached', 'zh-CN': '负责目标的关键结果达成' },
            60,
            'kr_achievement',
          ),
          rating('delivery', { en: 'Tasks delivered on time', 'zh-CN': '任务按时交付' }, 40, 'on_time_tasks'),
        ],
      },
      {
        id: 'execution',
        title: { en: 'Operating discipline', 'zh-CN': '执行规范' },
        weight: 30,
        questions: [
          rating(
            'sla',
            { en: 'Process steps within SLA', 'zh-CN': '流程环节在时效内完成' },
            40,
            'sla_adherence',
          ),
          rating(
            'routines',
            { en: 'Routine work done (reports, checks)', 'zh-CN': '例行工作完成（日报、巡检等）' },
            30,
            'routines',
          ),
          rating('checkins', { en: 'Goal check-ins kept up', 'zh-CN': '目标进展按时更新' }, 30, 'check_ins'),
        ],
      },
      {
        id: 'collaboration',
        title: { en: 'Collaboration', 'zh-CN': '协作' },
        weight: 20,
        questions: [
          rating(
            'teamwork',
            {
              en: 'Works well with others and shares what they learn',
              'zh-CN': '与他人协作顺畅，乐于分享经验',
            },
            100,
          ),
          {
            id: 'strengths',
            type: 'choice',
            text: { en: 'Strongest areas', 'zh-CN': '最突出的方面' },
            options: [
              { en: 'Data and analysis', 'zh-CN': '数据分析' },
              { en: 'Campaigns and content', 'zh-CN': '活动与内容' },
              { en: 'User operations', 'zh-CN': '用户运营' },
              { en: 'Process and tooling', 'zh-CN': '流程与工具' },
            ],
            multiple: true,
          },
        ],
      },
      {
        id: 'comments',
        title: { en: 'Comments', 'zh-CN': '评语' },
        weight: 0,
        questions: [
          {
            id: 'highlights',
            type: 'text',
            text: { en: 'What went best this period?', 'zh-CN': '本期做得最好的是什么？' },
            required: true,
          },
          {
            id: 'improve',
            type: 'text',
            text: { en: 'What should change next period?', 'zh-CN': '下期需要改进什么？' },
            required: true,
          },
        ],
      },
    ],
  },
  okr: {
    key: 'okr',
    name: { en: 'OKR-style review', 'zh-CN': 'OKR 式评估' },
    description: {
      en: 'How far the objectives and key results went, how ambitious they were, and how the person worked.',
      'zh-CN': '评估目标与关键结果的达成、目标的挑战程度，以及工作方式。',
    },
    peerAnonymous: false,
    sections: [
      {
        id: 'okrs',
        title: { en: 'Objectives and key results', 'zh-CN': '目标与关键结果' },
        weight: 70,
        questions: [
          rating(
            'achievement',
            { en: 'Achievement of key results', 'zh-CN': '关键结果达成度' },
            60,
            'kr_achievement',
          ),
          rating('ambition', { en: 'Ambition of the objectives set', 'zh-CN': '目标的挑战性' }, 20),
          rating(
            'checkins',
            { en: 'Progress made visible through check-ins', 'zh-CN': '通过进展更新让进度透明' },
            20,
            'check_ins',
          ),
        ],
      },
      {
        id: 'how',
        title: { en: 'How the work was done', 'zh-CN': '工作方式' },
        weight: 30,
        questions: [
          rating(
            'ownership',
            { en: 'Ownership and follow-through', 'zh-CN': '主人翁意识与跟进到底' },
            50,
            'on_time_tasks',
          ),
          rating('collaboration', { en: 'Collaboration across the team', 'zh-CN': '跨团队协作' }, 50),
        ],
      },
      {
        id: 'reflection',
        title: { en: 'Reflection', 'zh-CN': '总结与反思' },
        weight: 0,
        questions: [
          {
            id: 'learned',
            type: 'text',
            text: { en: 'What did the period teach?', 'zh-CN': '本期有哪些收获与经验？' },
            required: true,
          },
          {
            id: 'next',
            type: 'text',
            text: { en: 'Objectives proposed for next period', 'zh-CN': '下期建议的目标' },
            required: false,
          },
          {
            id: 'confidence',
            type: 'choice',
            text: { en: 'Confidence in next period’s OKRs', 'zh-CN': '对下期 OKR 的信心' },
            options: [
              { en: 'Low', 'zh-CN': '低' },
              { en: 'Medium', 'zh-CN': '中' },
              { en: 'High', 'zh-CN': '高' },
            ],
            multiple: false,
          },
        ],
      },
    ],
  },
};

/** A ready-made template in one language: its name, description and definition. */
export function builtinTemplate(key: BuiltinTemplateKey, locale: Locale) {
  const template = BUILTIN[key];
  const definition: ReviewTemplateDefinition = {
    peerAnonymous: template.peerAnonymous,
    sections: template.sections.map((section) => ({
      id: section.id,
      title: section.title[locale],
      weight: section.weight,
      questions: section.questions.map((q): ReviewQuestion => {
        if (q.type === 'rating') {
          return {
            id: q.id,
            type: 'rating',
            text: q.text[locale],
            weight: q.weight,
            anchors: q.anchors.map((a) => a[locale]),
            metric: q.metric ?? null,
          };
        }
        if (q.type === 'choice') {
          return {
            id: q.id,
            type: 'choice',
            text: q.text[locale],
            options: q.options.map((o) => o[locale]),
            multiple: q.multiple,
          };
        }
        return { id: q.id, type: 'text', text: q.text[locale], required: q.required };
      }),
    })),
  };
  return { key, name: template.name[locale], description: template.description[locale], definition };
}

/** A rating in words: its anchor, led by the number unless the anchor already starts with it ("3 · Meets"). */
export function ratingInWords(rating: number, anchors: readonly string[]): string {
  const anchor = anchors[rating - 1] ?? '';
  if (!anchor) return String(rating);
  return new RegExp(`^${rating}(?!\\d)`).test(anchor.trim()) ? anchor : `${rating} — ${anchor}`;
}
