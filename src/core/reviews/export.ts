import type { Locale } from '../i18n/index.ts';
import type { Answers, CycleStage, ReviewKind } from './cycles.ts';
import { METRIC_KEYS, type MetricKey, type Overrides, type Scorecard } from './scorecard.ts';
import { ratingInWords, type ReviewTemplateDefinition } from './templates.ts';

/** What the caller may read of one person's review (the server has already left out what they may not see). */
export type ReviewExportInput = {
  cycle: { name: string; periodStart: string; periodEnd: string; stage: CycleStage };
  reviewee: { name: string };
  manager: { name: string } | null;
  definition: ReviewTemplateDefinition;
  scorecard: Scorecard | null;
  overrides: Overrides;
  dataScore: number | null;
  dataRating: number | null;
  finalRating: number | null;
  finalComment: string | null;
  signedOffAt: number | null;
  acknowledgedAt: number | null;
  acknowledgement: string | null;
  reviewDetails: ReadonlyArray<{
    kind: ReviewKind;
    status: 'pending' | 'draft' | 'submitted';
    reviewer: { name: string } | null;
    score: number | null;
    answers: Answers;
    overrides: Overrides;
  }>;
};

const LABELS = {
  'zh-CN': {
    title: (name: string) => `${name} 的绩效评估`,
    period: '评估期',
    stage: '当前阶段',
    manager: '上级',
    result: '最终结果',
    finalRating: '最终评级',
    dataRating: '数据建议评级',
    dataScore: '数据得分',
    finalComment: '最终评语',
    signedOff: '签署时间',
    acknowledged: '本人确认时间',
    acknowledgement: '确认备注',
    notYet: '尚未',
    scorecard: '数据评分卡',
    metric: '指标',
    weight: '权重',
    score: '得分',
    counted: '达标/计数',
    evidence: '依据数',
    override: (score: number, reason: string) => `上级覆盖为 ${score}，理由：${reason}`,
    reviews: '评估',
    anonymous: '匿名同事',
    weighted: '加权评分',
    notAnswered: '未作答',
    noData: '无数据',
    generated: '导出于',
    kinds: { self: '自评', peer: '同事互评', manager: '上级评估' },
    statuses: { pending: '未开始', draft: '草稿', submitted: '已提交' },
    stages: {
      self: '自评',
      peer: '同事互评',
      manager: '上级评估',
      calibration: '校准',
      sign_off: '确认签署',
      closed: '已结束',
    },
    metrics: {
      kr_achievement: '关键结果达成',
      on_time_tasks: '按时完成任务（R/A）',
      sla_adherence: '流程 SLA 达标',
      check_ins: '目标打卡',
      routines: '例行工作完成',
    },
    sheet: '评估结果',
    columns: {
      person: '被评估人',
      manager: '上级',
      self: '自评',
      peer: '同事互评（平均）',
      managerReview: '上级评估',
      dataScore: '数据得分',
      dataRating: '数据建议评级',
      finalRating: '最终评级',
      status: '状态',
      signedOff: '签署日期',
    },
    participantStatus: { open: '进行中', signed: '已签署', acknowledged: '本人已确认' },
    page: '页',
  },
  en: {
    title: (name: string) => `Review of ${name}`,
    period: 'Period',
    stage: 'Current stage',
    manager: 'Manager',
    result: 'Result',
    finalRating: 'Final rating',
    dataRating: 'Rating the data suggests',
    dataScore: 'Data score',
    finalComment: 'Final comment',
    signedOff: 'Signed off',
    acknowledged: 'Acknowledged',
    acknowledgement: 'Note',
    notYet: 'Not yet',
    scorecard: 'Scorecard from data',
    metric: 'Figure',
    weight: 'Weight',
    score: 'Score',
    counted: 'Met / counted',
    evidence: 'Evidence',
    override: (score: number, reason: string) => `Overridden by the manager to ${score}. Reason: ${reason}`,
    reviews: 'Reviews',
    anonymous: 'A peer (anonymous)',
    weighted: 'Weighted rating',
    notAnswered: 'Not answered',
    noData: 'No data',
    generated: 'Exported',
    kinds: { self: 'Self review', peer: 'Peer review', manager: 'Manager review' },
    statuses: { pending: 'Not started', draft: 'Draft', submitted: 'Submitted' },
    stages: {
      self: 'Self review',
      peer: 'Peer review',
      manager: 'Manager review',
      calibration: 'Calibration',
      sign_off: 'Sign-off',
      closed: 'Closed',
    },
    metrics: {
      kr_achievement: 'Key results achieved',
      on_time_tasks: 'Tasks on time (R/A)',
      sla_adherence: 'Process SLA met',
      check_ins: 'Goal check-ins',
      routines: 'Routines done',
    },
    sheet: 'Reviews',
    columns: {
      person: 'Person',
      manager: 'Manager',
      self: 'Self review',
      peer: 'Peer review (mean)',
      managerReview: 'Manager review',
      dataScore: 'Data score',
      dataRating: 'Rating the data suggests',
      finalRating: 'Final rating',
      status: 'Status',
      signedOff: 'Signed off on',
    },
    participantStatus: { open: 'In progress', signed: 'Signed off', acknowledged: 'Acknowledged' },
    page: 'Page',
  },
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One person's review as a self-contained HTML page for printing (A4, page numbers in the margin boxes). */
export function reviewDocumentHtml(
  input: ReviewExportInput,
  options: { locale: Locale; formatTime: (ms: number) => string; now: number },
): string {
  const words = LABELS[options.locale];
  const e = escapeHtml;
  const time = (ms: number | null) => (ms === null ? words.notYet : e(options.formatTime(ms)));
  const number = (value: number | null) => (value === null ? words.noData : String(value));
  const facts: Array<[string, string]> = [
    [words.period, `${e(input.cycle.periodStart)} – ${e(input.cycle.periodEnd)}`],
    [words.stage, words.stages[input.cycle.stage]],
    ...(input.manager ? [[words.manager, e(input.manager.name)] as [string, string]] : []),
  ];
  const result: Array<[string, string]> = [
    [words.finalRating, input.finalRating === null ? words.notYet : String(input.finalRating)],
    ...(input.scorecard
      ? [
          [words.dataScore, number(input.dataScore)] as [string, string],
          [words.dataRating, number(input.dataRating)] as [string, string],
        ]
      : []),
    ...(input.finalComment ? [[words.finalComment, e(input.finalComment)] as [string, string]] : []),
    [words.signedOff, time(input.signedOffAt)],
    [words.acknowledged, time(input.acknowledgedAt)],
    ...(input.acknowledgement ? [[words.acknowledgement, e(input.acknowledgement)] as [string, string]] : []),
  ];
  const table = (rows: Array<[string, string]>) =>
    `<table class="facts">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`;

  const scorecard = input.scorecard
    ? `<h2>${words.scorecard}</h2><table class="grid"><thead><tr><th>${words.metric}</th><th>${words.weight}</th><th>${words.score}</th><th>${words.counted}</th><th>${words.evidence}</th></tr></thead><tbody>${input.scorecard.metrics
        .map((metric) => {
          const override = input.overrides[metric.key];
          return `<tr><td>${words.metrics[metric.key]}${
            override ? `<div class="note">${e(words.override(override.score, override.reason))}</div>` : ''
          }</td><td class="n">${metric.weight}%</td><td class="n">${number(override?.score ?? metric.score)}</td><td class="n">${metric.numerator}/${metric.denominator}</td><td class="n">${metric.evidence.length}</td></tr>`;
        })
        .join('')}</tbody></table>`
    : '';

  const questions = input.definition.sections.flatMap((section) => section.questions);
  const reviews = input.reviewDetails
    .map((review) => {
      const who = review.reviewer ? e(review.reviewer.name) : words.anonymous;
      const answers = questions
        .map((question) => {
          const answer = review.answers[question.id];
          const value =
            question.type === 'rating'
              ? answer?.rating
                ? e(ratingInWords(answer.rating, question.anchors))
                : null
              : question.type === 'text'
                ? answer?.text?.trim()
                  ? e(answer.text.trim())
                  : null
                : answer?.choices?.length
                  ? e(answer.choices.join(options.locale === 'en' ? ', ' : '、'))
                  : null;
          return `<dt>${e(question.text)}</dt><dd>${value ?? `<span class="muted">${words.notAnswered}</span>`}</dd>`;
        })
        .join('');
      const overrides = METRIC_KEYS.flatMap((key: MetricKey) => {
        const override = review.overrides[key];
        return override
          ? [
              `<p class="note">${words.metrics[key]} · ${e(words.override(override.score, override.reason))}</p>`,
            ]
          : [];
      }).join('');
      return `<section class="review"><h3>${words.kinds[review.kind]} · ${who} · ${words.statuses[review.status]}${
        review.score === null ? '' : ` · ${words.weighted} ${review.score}`
      }</h3>${review.status === 'pending' ? '' : `<dl>${answers}</dl>${overrides}`}</section>`;
    })
    .join('');

  return `<!doctype html><html lang="${options.locale}"><head><meta charset="utf-8"><title>${e(
    words.title(input.reviewee.name),
  )}</title><style>
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: "${words.page} " counter(page) " / " counter(pages); font-size: 9pt; color: #666; } }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #222; line-height: 1.5; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #ddd; } h3 { font-size: 11pt; margin: 12pt 0 4pt; }
.sub { color: #555; margin-bottom: 10pt; } .muted { color: #888; } .note { color: #a15c00; font-size: 9pt; margin: 2pt 0; }
table { border-collapse: collapse; width: 100%; } .facts th { text-align: left; width: 32%; font-weight: 600; padding: 3pt 6pt 3pt 0; vertical-align: top; } .facts td { padding: 3pt 0; white-space: pre-wrap; }
.grid th, .grid td { border: 1px solid #ccc; padding: 3pt 5pt; vertical-align: top; } .grid th { background: #f5f5f5; text-align: left; } .n { text-align: right; white-space: nowrap; }
dl { margin: 0; } dt { color: #555; font-size: 9pt; margin-top: 5pt; } dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.review { break-inside: avoid-page; }
</style></head><body><h1>${e(words.title(input.reviewee.name))}</h1><div class="sub">${e(input.cycle.name)} · ${
    words.generated
  } ${e(options.formatTime(options.now))}</div>${table(facts)}<h2>${words.result}</h2>${table(result)}${scorecard}<h2>${
    words.reviews
  }</h2>${reviews}</body></html>`;
}

/** One participant of a cycle as the caller may see them, for the cycle's spreadsheet. */
export type CycleExportRow = {
  reviewee: string;
  manager: string | null;
  reviews: ReadonlyArray<{ kind: ReviewKind; status: string; score: number | null }>;
  dataScore: number | null;
  dataRating: number | null;
  finalRating: number | null;
  metrics: ReadonlyArray<{ key: MetricKey; score: number | null }> | null;
  signedOffOn: string | null;
  isAcknowledged: boolean;
};

const mean = (values: number[]) =>
  values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null;

/** The cycle as one sheet: a row per participant, ratings per stage (submitted reviews), final rating, figures. */
export function cycleSheet(rows: readonly CycleExportRow[], locale: Locale) {
  const words = LABELS[locale];
  const header = [
    words.columns.person,
    words.columns.manager,
    words.columns.self,
    words.columns.peer,
    words.columns.managerReview,
    words.columns.dataScore,
    words.columns.dataRating,
    words.columns.finalRating,
    ...METRIC_KEYS.map((key) => words.metrics[key]),
    words.columns.status,
    words.columns.signedOff,
  ];
  const scoreOf = (row: CycleExportRow, kind: ReviewKind) =>
    mean(
      row.reviews.flatMap((r) =>
        r.kind === kind && r.status === 'submitted' && r.score !== null ? [r.score] : [],
      ),
    );
  const body = rows.map((row) => [
    row.reviewee,
    row.manager ?? '',
    scoreOf(row, 'self'),
    scoreOf(row, 'peer'),
    scoreOf(row, 'manager'),
    row.dataScore,
    row.dataRating,
    row.finalRating,
    ...METRIC_KEYS.map((key) => row.metrics?.find((m) => m.key === key)?.score ?? null),
    row.isAcknowledged
      ? words.participantStatus.acknowledged
      : row.signedOffOn
        ? words.participantStatus.signed
        : words.participantStatus.open,
    row.signedOffOn ?? '',
  ]);
  return { sheetName: words.sheet, header, rows: body };
}
