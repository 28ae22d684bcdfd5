import type { Plan } from '../plan/model.ts';
import { titleFrom, type ChapterModule } from '../plan/document/registry.ts';
import type { Block } from '../plan/document/types.ts';

/**
 * The plan's `sections.improvement` as this module writes it: the 复盘 held and planned, the lessons drawn and
 * the actions' completion. readPlan fills it from the workspace; a plan.yaml may carry it too.
 */
export type ImprovementSection = {
  retros?: { title: string; subject: string; status: string; actionsDone?: number; actions?: number }[];
  lessons?: { text: string; tags?: string[] }[];
  actions?: { total: number; done: number; open: number; overdue: number };
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/** The section read defensively: it is free-form in plan.yaml, so anything unexpected is left out. */
export function readImprovementSection(section: unknown): Required<ImprovementSection> {
  const record = isRecord(section) ? section : {};
  const retros = (Array.isArray(record.retros) ? record.retros : []).filter(isRecord).flatMap((retro) =>
    typeof retro.title === 'string'
      ? [
          {
            title: retro.title,
            subject: typeof retro.subject === 'string' ? retro.subject : '',
            status: typeof retro.status === 'string' ? retro.status : 'draft',
            actionsDone: numberOr(retro.actionsDone, 0),
            actions: numberOr(retro.actions, 0),
          },
        ]
      : [],
  );
  const lessons = (Array.isArray(record.lessons) ? record.lessons : []).filter(isRecord).flatMap((lesson) =>
    typeof lesson.text === 'string'
      ? [
          {
            text: lesson.text,
            tags: Array.isArray(lesson.tags)
              ? lesson.tags.filter((tag): tag is string => typeof tag === 'string')
              : [],
          },
        ]
      : [],
  );
  const actions = isRecord(record.actions)
    ? {
        total: numberOr(record.actions.total, 0),
        done: numberOr(record.actions.done, 0),
        open: numberOr(record.actions.open, 0),
        overdue: numberOr(record.actions.overdue, 0),
      }
    : { total: 0, done: 0, open: 0, overdue: 0 };
  return { retros, lessons, actions };
}

const WORDS = {
  'zh-CN': {
    cadence: '复盘节奏',
    cadenceList: [
      '每个活动结束后一周内做活动复盘，对照指标看结果',
      '每个里程碑完成后、每个季度末对目标做复盘',
      '流程跑满一个周期后做流程复盘，改进以新版本上线，并与旧版本对比效果',
    ],
    checkIns: '目标进展更新',
    kpiReview: '指标复盘',
    often: { weekly: '每周', biweekly: '每两周', monthly: '每月' } as Record<string, string>,
    log: '复盘记录',
    retro: '复盘',
    subject: '对象',
    status: '状态',
    actions: '行动完成',
    statuses: { draft: '进行中', done: '已完成' } as Record<string, string>,
    subjects: {
      goal: '目标',
      milestone: '里程碑',
      process: '流程',
      campaign: '活动',
      period: '周期',
    } as Record<string, string>,
    lessons: '经验总结',
    improvement: '改进行动',
    total: '行动项',
    done: '已完成',
    open: '未完成',
    overdue: '已逾期',
    rate: '完成率',
  },
  en: {
    cadence: 'Retrospective cadence',
    cadenceList: [
      'A campaign retrospective within a week of each campaign, against its KPIs',
      'A goal retrospective after each milestone and at the end of each quarter',
      'A process retrospective after a full cycle of cases; changes go live as a new version, compared with the old',
    ],
    checkIns: 'Goal check-ins',
    kpiReview: 'KPI review',
    often: { weekly: 'weekly', biweekly: 'every two weeks', monthly: 'monthly' } as Record<string, string>,
    log: 'Retrospectives held',
    retro: 'Retrospective',
    subject: 'Subject',
    status: 'Status',
    actions: 'Actions done',
    statuses: { draft: 'In progress', done: 'Done' } as Record<string, string>,
    subjects: {
      goal: 'Goal',
      milestone: 'Milestone',
      process: 'Process',
      campaign: 'Campaign',
      period: 'Period',
    } as Record<string, string>,
    lessons: 'Lessons learnt',
    improvement: 'Improvement actions',
    total: 'Actions',
    done: 'Done',
    open: 'Open',
    overdue: 'Overdue',
    rate: 'Completion',
  },
};

/** Chapter 6, 持续优化: the cadence of reviews and 复盘, the 复盘 held, their lessons and actions. */
export const retrosImprovementChapter: ChapterModule = {
  id: 'improvement',
  order: 60,
  title: titleFrom('chapter.improvement'),
  notPlanned: titleFrom('section.improvement'),
  build(plan: Plan, _observations, context): Block[] | null {
    const section = readImprovementSection(plan.sections?.improvement);
    if (section.retros.length === 0 && section.lessons.length === 0) return null;
    const words = WORDS[context.locale];
    const blocks: Block[] = [
      { kind: 'heading', text: `${context.number}.1 ${words.cadence}` },
      { kind: 'list', items: words.cadenceList },
    ];
    const reviews = [
      plan.cadence?.checkIns
        ? { label: words.checkIns, value: words.often[plan.cadence.checkIns] ?? '' }
        : null,
      plan.cadence?.kpiReview
        ? { label: words.kpiReview, value: words.often[plan.cadence.kpiReview] ?? '' }
        : null,
    ].filter((item): item is { label: string; value: string } => item !== null);
    if (reviews.length > 0) blocks.push({ kind: 'keyValue', items: reviews });

    if (section.retros.length > 0) {
      blocks.push({ kind: 'heading', text: `${context.number}.2 ${words.log}` });
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: words.retro },
          { label: words.subject },
          { label: words.status },
          { label: words.actions },
        ],
        rows: section.retros.map((retro) => [
          retro.title,
          words.subjects[retro.subject] ?? retro.subject,
          words.statuses[retro.status] ?? retro.status,
          (retro.actions ?? 0) > 0 ? `${retro.actionsDone ?? 0}/${retro.actions ?? 0}` : '—',
        ]),
      });
    }
    if (section.lessons.length > 0) {
      blocks.push({ kind: 'heading', text: `${context.number}.3 ${words.lessons}` });
      blocks.push({
        kind: 'list',
        items: section.lessons
          .map(({ text, tags = [] }) => ({ text, tags }))
          .map((lesson) =>
            lesson.tags.length === 0
              ? lesson.text
              : context.locale === 'en'
                ? `${lesson.text} (${lesson.tags.map((tag) => `#${tag}`).join(' ')})`
                : `${lesson.text}（${lesson.tags.map((tag) => `#${tag}`).join(' ')}）`,
          ),
      });
    }
    if (section.actions.total > 0) {
      const { total, done, open, overdue } = section.actions;
      blocks.push({ kind: 'heading', text: `${context.number}.4 ${words.improvement}` });
      blocks.push({
        kind: 'keyValue',
        items: [
          { label: words.total, value: String(total) },
          { label: words.done, value: String(done) },
          { label: words.open, value: String(open) },
          { label: words.overdue, value: String(overdue) },
          { label: words.rate, value: `${Math.round((done / total) * 100)}%` },
        ],
      });
    }
    return blocks;
  },
};
