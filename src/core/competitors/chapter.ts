import type { Plan, PlanLocale } from '../plan/model.ts';
import { titleFrom, type ChapterModule } from '../plan/document/registry.ts';
import type { Block, Cell } from '../plan/document/types.ts';
import type { SWOT_QUADRANTS } from './index.ts';
import { OBSERVATION_CATEGORIES, readSwot, type Swot } from './index.ts';

/**
 * The plan's `sections.research` (chapter 9, 市场调研) as this module writes it: the surveys with their waves and
 * the competitors with their SWOT and latest observations. readPlan fills it from the workspace; a plan.yaml may
 * carry it too (planned surveys, the competitors watched and their SWOT).
 */
export type ResearchSection = {
  surveys?: {
    title: string;
    status?: string;
    questions?: number;
    waves?: { number: number; label?: string; responses?: number; nps?: number | null }[];
  }[];
  competitors?: {
    name: string;
    website?: string;
    description?: string;
    swot?: Partial<Swot>;
    observations?: {
      date: string;
      category: string;
      title: string;
      source?: string;
      goal?: string;
      task?: string;
    }[];
  }[];
};

type Survey = Required<Pick<NonNullable<ResearchSection['surveys']>[number], 'title' | 'waves'>> & {
  status: string | null;
  questions: number | null;
};
type Competitor = {
  name: string;
  website: string | null;
  description: string | null;
  swot: Swot;
  observations: Required<NonNullable<ResearchSection['competitors']>[number]>['observations'];
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;
const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** The section read defensively: it is free-form in plan.yaml, so anything unexpected is left out. */
export function readResearchSection(section: unknown): { surveys: Survey[]; competitors: Competitor[] } {
  const record = isRecord(section) ? section : {};
  const surveys = (Array.isArray(record.surveys) ? record.surveys : []).filter(isRecord).flatMap((survey) => {
    const title = text(survey.title);
    if (!title) return [];
    const waves = (Array.isArray(survey.waves) ? survey.waves : []).filter(isRecord).map((wave, index) => ({
      number: count(wave.number) ?? index + 1,
      ...(text(wave.label) ? { label: text(wave.label) ?? '' } : {}),
      ...(count(wave.responses) !== null ? { responses: count(wave.responses) ?? 0 } : {}),
      nps: count(wave.nps),
    }));
    return [{ title, status: text(survey.status), questions: count(survey.questions), waves }];
  });
  const competitors = (Array.isArray(record.competitors) ? record.competitors : [])
    .filter(isRecord)
    .flatMap((competitor) => {
      const name = text(competitor.name);
      if (!name) return [];
      const observations = (Array.isArray(competitor.observations) ? competitor.observations : [])
        .filter(isRecord)
        .flatMap((observation) => {
          const title = text(observation.title);
          const date = text(observation.date);
          if (!title || !date) return [];
          const category = text(observation.category) ?? 'other';
          return [
            {
              date,
              category: (OBSERVATION_CATEGORIES as readonly string[]).includes(category) ? category : 'other',
              title,
              ...(text(observation.source) ? { source: text(observation.source) ?? '' } : {}),
              ...(text(observation.goal) ? { goal: text(observation.goal) ?? '' } : {}),
              ...(text(observation.task) ? { task: text(observation.task) ?? '' } : {}),
            },
          ];
        });
      return [
        {
          name,
          website: text(competitor.website),
          description: text(competitor.description),
          swot: readSwot(competitor.swot),
          observations,
        },
      ];
    });
  return { surveys, competitors };
}

const WORDS = {
  'zh-CN': {
    surveys: '问卷调研',
    survey: '问卷',
    status: '状态',
    statuses: { draft: '草稿', open: '收集中', closed: '已结束' } as Record<string, string>,
    waves: '轮次',
    responses: '回答数',
    latestNps: '最新 NPS',
    change: '较上一轮',
    noSurveys: '尚未安排问卷调研。',
    trend: (title: string) => `${title}：各轮 NPS`,
    wave: (number: number) => `第 ${number} 轮`,
    npsNote:
      'NPS = 推荐者（9–10 分）占比 − 贬损者（0–6 分）占比，范围 −100 至 100；同一问卷按轮次比较，看改进是否见效。',
    competitors: '竞品跟踪',
    competitor: '竞品',
    observations: '动态数',
    latest: '最新动态',
    noCompetitors: '尚未跟踪竞品。',
    swot: 'SWOT',
    quadrants: { strengths: '优势 S', weaknesses: '劣势 W', opportunities: '机会 O', threats: '威胁 T' },
    none: '—',
    recent: '近期动态',
    date: '日期',
    category: '类别',
    what: '动态',
    triggered: '触发的工作',
    categories: {
      pricing: '价格',
      feature: '功能',
      campaign: '活动',
      channel: '渠道',
      other: '其他',
    } as Record<string, string>,
    goal: (title: string) => `目标：${title}`,
    task: (title: string) => `任务：${title}`,
    website: '官网',
  },
  en: {
    surveys: 'Surveys',
    survey: 'Survey',
    status: 'Status',
    statuses: { draft: 'draft', open: 'collecting', closed: 'closed' } as Record<string, string>,
    waves: 'Waves',
    responses: 'Responses',
    latestNps: 'Latest NPS',
    change: 'Change',
    noSurveys: 'No surveys are planned yet.',
    trend: (title: string) => `${title}: NPS by wave`,
    wave: (number: number) => `Wave ${number}`,
    npsNote:
      'NPS = share of promoters (9–10) − share of detractors (0–6), from −100 to 100; waves of the same survey are compared to see whether improvements work.',
    competitors: 'Competitors',
    competitor: 'Competitor',
    observations: 'Observations',
    latest: 'Latest move',
    noCompetitors: 'No competitors are tracked yet.',
    swot: 'SWOT',
    quadrants: {
      strengths: 'Strengths',
      weaknesses: 'Weaknesses',
      opportunities: 'Opportunities',
      threats: 'Threats',
    },
    none: '—',
    recent: 'Recent moves',
    date: 'Date',
    category: 'Kind',
    what: 'What was seen',
    triggered: 'Work it triggered',
    categories: {
      pricing: 'Pricing',
      feature: 'Feature',
      campaign: 'Campaign',
      channel: 'Channel',
      other: 'Other',
    } as Record<string, string>,
    goal: (title: string) => `Goal: ${title}`,
    task: (title: string) => `Task: ${title}`,
    website: 'Website',
  },
} satisfies Record<PlanLocale, unknown>;

/** At most this many observations of each competitor print in the chapter. */
const OBSERVATIONS_SHOWN = 5;

const bullets = (points: readonly string[], none: string) =>
  points.length === 0 ? none : points.map((point) => `• ${point}`).join('\n');

/** Chapter 9, 市场调研: the surveys with their latest NPS and its trend, the competitors with SWOT and moves. */
export const researchChapterModule: ChapterModule = {
  id: 'research',
  order: 90,
  title: titleFrom('chapter.research'),
  notPlanned: titleFrom('section.research'),
  build(plan: Plan, _observations, context): Block[] | null {
    const section = readResearchSection(plan.sections?.research);
    if (section.surveys.length === 0 && section.competitors.length === 0) return null;
    const words = WORDS[context.locale];
    const blocks: Block[] = [{ kind: 'heading', text: `${context.number}.1 ${words.surveys}` }];
    if (section.surveys.length === 0) {
      blocks.push({ kind: 'note', tone: 'empty', text: words.noSurveys });
    } else {
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: words.survey },
          { label: words.status },
          { label: words.waves, align: 'right' },
          { label: words.responses, align: 'right' },
          { label: words.latestNps, align: 'right' },
          { label: words.change, align: 'right' },
        ],
        rows: section.surveys.map((survey): Cell[] => {
          const scored = survey.waves.filter((wave) => wave.nps !== null && wave.nps !== undefined);
          const last = scored.at(-1)?.nps ?? null;
          const before = scored.at(-2)?.nps ?? null;
          const responses = survey.waves.reduce((sum, wave) => sum + (wave.responses ?? 0), 0);
          return [
            survey.title,
            survey.status ? (words.statuses[survey.status] ?? survey.status) : null,
            survey.waves.length,
            responses,
            last,
            last !== null && before !== null ? `${last - before > 0 ? '+' : ''}${last - before}` : null,
          ];
        }),
      });
      for (const survey of section.surveys) {
        const points = survey.waves.flatMap((wave) =>
          wave.nps === null || wave.nps === undefined
            ? []
            : [{ period: wave.label || words.wave(wave.number), value: wave.nps }],
        );
        if (points.length < 2) continue;
        blocks.push({
          kind: 'figure',
          id: context.figureId('nps'),
          caption: words.trend(survey.title),
          chart: {
            type: 'kpi',
            name: 'NPS',
            unit: null,
            points,
            target: null,
            legend: { actual: 'NPS', target: '' },
          },
        });
      }
      blocks.push({ kind: 'note', tone: 'info', text: words.npsNote });
    }

    blocks.push({ kind: 'heading', text: `${context.number}.2 ${words.competitors}` });
    if (section.competitors.length === 0) {
      blocks.push({ kind: 'note', tone: 'empty', text: words.noCompetitors });
      return blocks;
    }
    const latestOf = (competitor: Competitor) =>
      [...competitor.observations].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    blocks.push({
      kind: 'table',
      caption: null,
      columns: [
        { label: words.competitor },
        { label: words.observations, align: 'right' },
        { label: words.latest },
      ],
      rows: section.competitors.map((competitor): Cell[] => {
        const latest = latestOf(competitor)[0];
        return [
          competitor.name,
          competitor.observations.length,
          latest
            ? `${latest.date} · ${words.categories[latest.category] ?? latest.category} · ${latest.title}`
            : null,
        ];
      }),
    });
    section.competitors.forEach((competitor, index) => {
      blocks.push({ kind: 'heading', text: `${context.number}.2.${index + 1} ${competitor.name}` });
      if (competitor.website)
        blocks.push({ kind: 'keyValue', items: [{ label: words.website, value: competitor.website }] });
      if (competitor.description) blocks.push({ kind: 'paragraph', text: competitor.description });
      const quadrant = (key: (typeof SWOT_QUADRANTS)[number]) => bullets(competitor.swot[key], words.none);
      // The SWOT as its 2×2 grid: strengths and weaknesses (inside), then opportunities and threats (outside).
      blocks.push({
        kind: 'table',
        caption: `${competitor.name} · ${words.swot}`,
        columns: [{ label: words.quadrants.strengths }, { label: words.quadrants.weaknesses }],
        rows: [[quadrant('strengths'), quadrant('weaknesses')]],
      });
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [{ label: words.quadrants.opportunities }, { label: words.quadrants.threats }],
        rows: [[quadrant('opportunities'), quadrant('threats')]],
      });
      const recent = latestOf(competitor).slice(0, OBSERVATIONS_SHOWN);
      if (recent.length > 0) {
        blocks.push({
          kind: 'table',
          caption: words.recent,
          columns: [
            { label: words.date },
            { label: words.category },
            { label: words.what },
            { label: words.triggered },
          ],
          rows: recent.map((observation): Cell[] => [
            observation.date,
            words.categories[observation.category] ?? observation.category,
            observation.source ? `${observation.title}\n${observation.source}` : observation.title,
            [
              ...(observation.goal ? [words.goal(observation.goal)] : []),
              ...(observation.task ? [words.task(observation.task)] : []),
            ].join('\n') || null,
          ]),
        });
      }
    });
    return blocks;
  },
};
