import type { Plan, PlanLocale, PlanObservations } from '../plan/model.ts';
import { titleFrom, type ChapterModule } from '../plan/document/registry.ts';
import type { Block, Cell } from '../plan/document/types.ts';

/**
 * The plan's `sections.feedback` (chapter 10, 用户反馈) as this module writes it: where feedback comes from, the
 * common issues with their counts and trend, CSAT, and the feedback-handling process that closes the loop (by its
 * process key, whose steps and SLAs the plan's `processes` hold). readPlan fills it from the workspace.
 */
export type FeedbackSection = {
  channels?: { channel: string; items?: number; open?: number }[];
  issues?: {
    label: string;
    terms?: string[];
    items?: number;
    open?: number;
    votes?: number;
    recent?: number;
    previous?: number;
    weekly?: number[];
    csat?: number | null;
  }[];
  csat?: {
    count?: number;
    average?: number | null;
    satisfied?: number | null;
    byCategory?: { category: string; count: number; average: number | null }[];
  };
  loop?: { process?: string; lowRating?: number };
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The section read defensively: it is free-form in plan.yaml, so anything unexpected is left out. */
export function readFeedbackSection(section: unknown) {
  const record = isRecord(section) ? section : {};
  const channels = list(record.channels)
    .filter(isRecord)
    .flatMap((channel) => {
      const name = text(channel.channel);
      return name ? [{ channel: name, items: num(channel.items), open: num(channel.open) }] : [];
    });
  const issues = list(record.issues)
    .filter(isRecord)
    .flatMap((issue) => {
      const label = text(issue.label);
      if (!label) return [];
      return [
        {
          label,
          terms: list(issue.terms).filter((term): term is string => typeof term === 'string'),
          items: num(issue.items),
          open: num(issue.open),
          votes: num(issue.votes),
          recent: num(issue.recent),
          previous: num(issue.previous),
          weekly: list(issue.weekly).filter((value): value is number => typeof value === 'number'),
          csat: num(issue.csat),
        },
      ];
    });
  const csatRecord = isRecord(record.csat) ? record.csat : null;
  const csat = csatRecord
    ? {
        count: num(csatRecord.count),
        average: num(csatRecord.average),
        satisfied: num(csatRecord.satisfied),
        byCategory: list(csatRecord.byCategory)
          .filter(isRecord)
          .flatMap((entry) => {
            const category = text(entry.category);
            return category ? [{ category, count: num(entry.count) ?? 0, average: num(entry.average) }] : [];
          }),
      }
    : null;
  const loopRecord = isRecord(record.loop) ? record.loop : null;
  const loop = loopRecord
    ? { process: text(loopRecord.process), lowRating: num(loopRecord.lowRating) }
    : null;
  return { channels, issues, csat, loop };
}

type Bilingual = readonly [zh: string, en: string];

const CHANNELS: Record<string, Bilingual> = {
  portal: [
    '反馈门户（公开页面，免登录提交和投票）',
    'Feedback portal (public page: submit and vote without signing in)',
  ],
  api: ['API（带令牌的系统对接）', 'API (systems with a token)'],
  app_store: ['应用商店评论（导入）', 'App store reviews (imported)'],
  support: ['客服记录（导入或录入）', 'Customer service records (imported or entered)'],
  email: ['邮件', 'E-mail'],
  manual: ['团队手动录入', 'Entered by the team'],
  import: ['CSV/XLSX 导入', 'CSV/XLSX import'],
  survey: ['问卷的文字回答', 'Text answers of surveys'],
};

const WORDS = {
  'zh-CN': {
    channels: '反馈收集渠道',
    channel: '渠道',
    items: '反馈数',
    open: '未解决',
    noChannels: '尚未收到反馈。',
    issues: '共性问题',
    issue: '共性问题',
    terms: '关键词',
    votes: '投票',
    trend: '近两周 / 前两周',
    weekly: '近 8 周',
    csat: 'CSAT',
    noIssues: '反馈还不够多，尚未形成共性问题。',
    issuesNote: '共性问题由反馈文本自动聚类（中文分词、英文词干、同义词表），按规模、近期增长和投票排序。',
    satisfaction: '满意度（CSAT）',
    ratings: '评分数',
    average: '平均分（1–5）',
    satisfied: '满意率（4–5 分）',
    category: '分类',
    noRatings: '尚无用户评分。',
    uncategorised: '未分类',
    loop: '反馈处理流程与时限',
    process: '处理流程',
    step: '步骤',
    owner: '负责',
    sla: '时限（工作小时）',
    measured: '实际中位用时（小时）',
    breach: '超时比例',
    noProcess: '尚未指定反馈处理流程。',
    loopSteps: (low: number) => [
      '每条反馈进入收件箱：分诊、合并重复、指派负责人，新反馈自动归入最接近的共性问题',
      '“启动反馈流程”为反馈开启一个流程实例：收集反馈 → 分析问题 → 制定解决方案 → 反馈用户；流程走完，反馈即标为已解决',
      '反馈标为已完成或不予处理时（也可整个共性问题一次解决，每位提交人只通知一次），提交人收到处理结果邮件，一键给出 1–5 分满意度评分',
      `评分不高于 ${low} 分的反馈自动回到待分诊，重新处理`,
    ],
  },
  en: {
    channels: 'Where feedback comes from',
    channel: 'Channel',
    items: 'Items',
    open: 'Open',
    noChannels: 'No feedback has arrived yet.',
    issues: 'Common issues',
    issue: 'Common issue',
    terms: 'Terms',
    votes: 'Votes',
    trend: 'Last 2 weeks / 2 before',
    weekly: 'Last 8 weeks',
    csat: 'CSAT',
    noIssues: 'Not enough feedback yet to show common issues.',
    issuesNote:
      'Common issues are clustered from the feedback text (Chinese segmentation, English stemming, a synonym list) and ranked by size, recent growth and votes.',
    satisfaction: 'Satisfaction (CSAT)',
    ratings: 'Ratings',
    average: 'Average (1–5)',
    satisfied: 'Satisfied (4–5)',
    category: 'Category',
    noRatings: 'No ratings from users yet.',
    uncategorised: 'Uncategorised',
    loop: 'Feedback handling and its time limits',
    process: 'Process',
    step: 'Step',
    owner: 'Owner',
    sla: 'SLA (working hours)',
    measured: 'Median time taken (hours)',
    breach: 'Over SLA',
    noProcess: 'No feedback-handling process is named yet.',
    loopSteps: (low: number) => [
      'Every item lands in the inbox: triaged, duplicates merged, an owner assigned; a new item joins the nearest common issue',
      '"Start the feedback process" opens a case: collect feedback → analyse the problem → decide the fix → tell the user; when the case finishes, the item is resolved',
      'When an item is done or declined (or a whole common issue at once, each submitter told once) its submitters get the resolution by e-mail and rate it 1–5 in one click',
      `A rating of ${low} or less sends the item back to triage`,
    ],
  },
} satisfies Record<PlanLocale, unknown>;

const BARS = '▁▂▃▄▅▆▇█';

/** Eight weekly counts as a sparkline of block characters, scaled to the largest. */
export function sparkline(values: readonly number[]): string {
  const top = Math.max(...values, 0);
  if (values.length === 0) return '';
  return values
    .map((value) => BARS[top === 0 ? 0 : Math.round((value / top) * (BARS.length - 1))] ?? BARS[0])
    .join('');
}

function trendText(recent: number | null, previous: number | null): string | null {
  if (recent === null || previous === null) return null;
  const arrow = recent > previous ? '↑' : recent < previous ? '↓' : '→';
  return `${recent} / ${previous} ${arrow}`;
}

const ISSUES_SHOWN = 10;

/** Chapter 10, 用户反馈: the channels, the top common issues with counts and trend, CSAT and the loop's SLA. */
export const feedbackChapterModule: ChapterModule = {
  id: 'feedback',
  order: 100,
  title: titleFrom('chapter.feedback'),
  notPlanned: titleFrom('section.feedback'),
  build(plan: Plan, observations: PlanObservations | null, context): Block[] | null {
    const section = readFeedbackSection(plan.sections?.feedback);
    if (section.channels.length === 0 && section.issues.length === 0 && !section.csat && !section.loop)
      return null;
    const locale = context.locale;
    const words = WORDS[locale];
    const say = (word: Bilingual) => (locale === 'en' ? word[1] : word[0]);
    const blocks: Block[] = [{ kind: 'heading', text: `${context.number}.1 ${words.channels}` }];
    if (section.channels.length === 0) {
      blocks.push({ kind: 'note', tone: 'empty', text: words.noChannels });
    } else {
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: words.channel },
          { label: words.items, align: 'right' },
          { label: words.open, align: 'right' },
        ],
        rows: section.channels.map((channel): Cell[] => [
          CHANNELS[channel.channel] ? say(CHANNELS[channel.channel] as Bilingual) : channel.channel,
          channel.items,
          channel.open,
        ]),
      });
    }

    blocks.push({ kind: 'heading', text: `${context.number}.2 ${words.issues}` });
    if (section.issues.length === 0) {
      blocks.push({ kind: 'note', tone: 'empty', text: words.noIssues });
    } else {
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: words.issue },
          { label: words.items, align: 'right' },
          { label: words.open, align: 'right' },
          { label: words.votes, align: 'right' },
          { label: words.trend, align: 'right' },
          { label: words.weekly },
          { label: words.csat, align: 'right' },
        ],
        rows: section.issues.slice(0, ISSUES_SHOWN).map((issue): Cell[] => [
          issue.terms.length > 0
            ? `${issue.label}\n${issue.terms.slice(0, 4).join(locale === 'en' ? ', ' : '、')}`
            : issue.label,
          issue.items,
          issue.open,
          issue.votes,
          trendText(issue.recent, issue.previous),
          issue.weekly.length > 0 ? sparkline(issue.weekly) : null,
          // One decimal always, so a whole 4 reads "4.0" beside "3.9".
          issue.csat === null ? null : issue.csat.toFixed(1),
        ]),
      });
      blocks.push({ kind: 'note', tone: 'info', text: words.issuesNote });
    }

    blocks.push({ kind: 'heading', text: `${context.number}.3 ${words.satisfaction}` });
    if (!section.csat || !section.csat.count) {
      blocks.push({ kind: 'note', tone: 'empty', text: words.noRatings });
    } else {
      const csat = section.csat;
      blocks.push({
        kind: 'keyValue',
        items: [
          { label: words.ratings, value: String(csat.count) },
          { label: words.average, value: csat.average === null ? '—' : csat.average.toFixed(1) },
          {
            label: words.satisfied,
            value: csat.satisfied === null ? '—' : `${Math.round(csat.satisfied * 100)}%`,
          },
        ],
      });
      if (csat.byCategory.length > 0) {
        blocks.push({
          kind: 'table',
          caption: null,
          columns: [
            { label: words.category },
            { label: words.ratings, align: 'right' },
            { label: words.average, align: 'right' },
          ],
          rows: csat.byCategory.map((entry): Cell[] => [
            entry.category || words.uncategorised,
            entry.count,
            entry.average === null ? null : entry.average.toFixed(1),
          ]),
        });
      }
    }

    blocks.push({ kind: 'heading', text: `${context.number}.4 ${words.loop}` });
    blocks.push({ kind: 'list', items: words.loopSteps(section.loop?.lowRating ?? 2) });
    const process = section.loop?.process
      ? plan.processes.find((candidate) => candidate.key === section.loop?.process)
      : undefined;
    if (!process) {
      blocks.push({ kind: 'note', tone: 'empty', text: words.noProcess });
      return blocks;
    }
    const measured = observations?.processes[process.key];
    blocks.push({ kind: 'keyValue', items: [{ label: words.process, value: process.name }] });
    blocks.push({
      kind: 'table',
      caption: null,
      columns: [
        { label: words.step },
        { label: words.owner },
        { label: words.sla, align: 'right' },
        { label: words.measured, align: 'right' },
        { label: words.breach, align: 'right' },
      ],
      // Every step a person works: the template's first step (collecting the feedback) is a start with an owner
      // and an SLA; a bare start marker and the end are where a case begins and stops.
      rows: process.steps
        .filter(
          (step) =>
            step.kind === 'task' ||
            step.kind === 'decision' ||
            (step.kind === 'start' && (Boolean(step.owner) || step.slaHours !== undefined)),
        )
        .map((step): Cell[] => {
          const facts = measured?.steps.find((entry) => entry.step === step.key);
          const taken =
            facts && (facts.medianWaitHours !== null || facts.medianWorkHours !== null)
              ? Math.round(((facts.medianWaitHours ?? 0) + (facts.medianWorkHours ?? 0)) * 10) / 10
              : null;
          return [
            step.name,
            step.owner ? context.ownerLabel(step.owner) : null,
            step.slaHours ?? null,
            taken,
            facts?.breachRate === null || facts?.breachRate === undefined
              ? null
              : `${Math.round(facts.breachRate * 100)}%`,
          ];
        }),
    });
    return blocks;
  },
};
