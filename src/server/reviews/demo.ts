import { addDays } from '../../core/days/index.ts';
import {
  builtinTemplate,
  periodFor,
  ratingFromScore,
  skillRatings,
  weightedRating,
  type Answers,
  type Overrides,
  type ReviewKind,
  type ReviewTemplateDefinition,
  type Scorecard,
} from '../../core/reviews/index.ts';
import { newId } from '../../db/ids.ts';
import type { DemoContext } from '../demo/context.ts';
import { demoText } from '../demo/english.ts';
import { dayInTimezone } from '../time.ts';
import * as queries from './queries.ts';
import { computeScorecards } from './scorecards.ts';

type Words = { zh: string; en: string };

/** Who is reviewed, by whom, and how far each review has got. */
const PLAN: ReadonlyArray<{
  person: string;
  manager: string;
  peers: string[];
  /** Manager review: submitted, a draft, or not started; `lift` rates above the data (a calibration outlier). */
  managerStatus: 'submitted' | 'draft' | 'pending';
  lift?: number;
  override?: { metric: 'routines' | 'on_time_tasks'; score: number; reason: Words };
  peerPending?: boolean;
}> = [
  { person: 'wanglei', manager: 'owner', peers: ['sunhao'], managerStatus: 'submitted' },
  { person: 'lina', manager: 'owner', peers: ['zhangwei'], managerStatus: 'draft' },
  { person: 'zhaomin', manager: 'owner', peers: ['lina'], managerStatus: 'pending' },
  {
    person: 'zhangwei',
    manager: 'wanglei',
    peers: ['liuyang'],
    managerStatus: 'submitted',
    override: {
      metric: 'on_time_tasks',
      score: 85,
      reason: {
        zh: '两项任务逾期是因为供应商延迟交付素材，已在周会记录，不应计入个人',
        en: 'Two tasks were late because the supplier delivered the assets late (minuted at the weekly meeting); not his doing',
      },
    },
  },
  { person: 'liuyang', manager: 'wanglei', peers: ['chenjing'], managerStatus: 'submitted', lift: 2 },
  { person: 'chenjing', manager: 'wanglei', peers: ['zhaomin'], managerStatus: 'draft', peerPending: true },
];

const TEXTS: Record<string, Words[]> = {
  self: [
    {
      zh: '本季度主导了新人礼包拉新活动，注册量接近翻倍；下季度想把次日留存做起来。',
      en: 'Led the welcome-pack campaign this quarter and nearly doubled sign-ups; next quarter I want to lift next-day retention.',
    },
    {
      zh: '周报和数据日检基本按时完成，但活动高峰期有两次延期，需要提前排期。',
      en: 'Weekly reports and the daily data check were mostly on time, but slipped twice at the campaign peak: I need to plan ahead.',
    },
  ],
  peer: [
    {
      zh: '协作顺畅，需求响应快，复盘时能拿出数据说话。',
      en: 'Easy to work with, quick to respond, and brings data to every retrospective.',
    },
    {
      zh: '活动期间主动支援客服排班，值得肯定；文档可以再及时一些。',
      en: 'Stepped in on the support rota during the campaign; documentation could be more timely.',
    },
  ],
  manager: [
    {
      zh: '关键结果达成情况见评分卡，按时交付稳定；下季度重点是留存和流程时效。',
      en: 'Key results as the scorecard shows, steady on-time delivery; next quarter the focus is retention and process SLAs.',
    },
    {
      zh: '数据意识强，建议多承担跨团队协调，带一位新人。',
      en: 'Strong with data; should take on more cross-team coordination and mentor a newcomer.',
    },
  ],
};

/** The year and quarter (1–4) a day falls in, for a cycle's name. */
function quarterOf(day: string): { year: string; quarter: number } {
  return { year: day.slice(0, 4), quarter: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1 };
}

/**
 * The demo's quarterly review: the quarter the demo's goals run in, at the manager review stage. Self reviews are
 * in, peers' all but one, managers' half: one rated well above the data (calibration flags it), one with a figure
 * overridden and the reason written. The demo's owner runs the cycle and has two manager reviews to finish.
 */
export async function seedReviewsDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, people, locale } = context;
  const now = services.now();
  const today = dayInTimezone(now, services.config.timezone);
  const say = (words: Words) => (locale === 'en' ? words.en : words.zh);
  const id = (key: string) => people[key] ?? context.ownerId;
  const period = periodFor('quarterly', addDays(today, -40));
  const definition = builtinTemplate('kpi_ops', locale).definition;
  const stages = [
    { stage: 'self' as const, dueDate: addDays(today, -8) },
    { stage: 'peer' as const, dueDate: addDays(today, -3) },
    { stage: 'manager' as const, dueDate: addDays(today, 4) },
    { stage: 'calibration' as const, dueDate: addDays(today, 9) },
    { stage: 'sign_off' as const, dueDate: addDays(today, 14) },
  ].map((s) => ({ ...s, dueDate: s.dueDate < period.start ? period.start : s.dueDate }));
  const cycleId = newId(now);
  const { year, quarter } = quarterOf(period.start);
  await queries.insertCycle(trx, {
    id: cycleId,
    workspace_id: workspaceId,
    name: say({ zh: `${year} 年第 ${quarter} 季度绩效评估`, en: `Q${quarter} ${year} performance review` }),
    kind: 'quarterly',
    period_start: period.start,
    period_end: period.end,
    template_id: null,
    definition: JSON.stringify(definition),
    stages: JSON.stringify(stages),
    stage: 'manager',
    created_by: context.ownerId,
    created_at: now - 12 * 86_400_000,
    updated_at: now,
  });
  const userIds = PLAN.map((p) => id(p.person));
  const cards = await computeScorecards(trx, workspaceId, userIds, period, today, services.config.timezone);

  const participantRows = PLAN.map((plan) => ({
    id: newId(now),
    workspace_id: workspaceId,
    cycle_id: cycleId,
    reviewee_id: id(plan.person),
    manager_id: id(plan.manager),
    period_start: period.start,
    period_end: period.end,
    scorecard: JSON.stringify(cards.get(id(plan.person)) ?? null),
    scorecard_at: now - 86_400_000,
    created_at: now - 12 * 86_400_000,
    updated_at: now,
  }));
  await queries.insertParticipants(trx, participantRows);

  let textIndex = 0;
  const answersFor = (kind: ReviewKind, scorecard: Scorecard | null, overrides: Overrides, lift: number) => {
    const answers: Answers = {};
    for (const section of definition.sections) {
      for (const question of section.questions) {
        if (question.type === 'rating') {
          const metric = scorecard?.metrics.find((m) => m.key === question.metric);
          const suggested = metric
            ? ratingFromScore(overrides[metric.key]?.score ?? metric.score, question.anchors.length)
            : null;
          // Self reviews run a little generous, peers near the middle, managers close to the data.
          const base = suggested ?? (kind === 'peer' ? 3 : 4);
          const bias = kind === 'self' ? 0.4 : 0;
          const value = Math.round(base + bias + lift);
          answers[question.id] = { rating: Math.min(question.anchors.length, Math.max(1, value)) };
        } else if (question.type === 'text') {
          const pool = TEXTS[kind] ?? [];
          const words = pool[textIndex % pool.length];
          textIndex += 1;
          if (words) answers[question.id] = { text: say(words) };
        } else {
          const option = question.options[textIndex % question.options.length];
          if (option) answers[question.id] = { choices: [option] };
        }
      }
    }
    return answers;
  };

  const reviewRows = participantRows.flatMap((row, index) => {
    const plan = PLAN[index];
    if (!plan) return [];
    const scorecard = cards.get(row.reviewee_id) ?? null;
    const overrides: Overrides = plan.override
      ? { [plan.override.metric]: { score: plan.override.score, reason: say(plan.override.reason) } }
      : {};
    const make = (reviewerId: string, kind: ReviewKind, status: 'submitted' | 'draft' | 'pending') => {
      const answers =
        status === 'pending'
          ? {}
          : answersFor(
              kind,
              kind === 'peer' ? null : scorecard,
              kind === 'manager' ? overrides : {},
              kind === 'manager' ? (plan.lift ?? 0) : 0,
            );
      const score = status === 'pending' ? null : weightedRating(definition, answers);
      const written = now - (kind === 'self' ? 9 : kind === 'peer' ? 4 : 1) * 86_400_000;
      return {
        id: newId(now),
        workspace_id: workspaceId,
        cycle_id: cycleId,
        participant_id: row.id,
        reviewer_id: reviewerId,
        kind,
        status,
        answers: JSON.stringify(answers),
        overrides: JSON.stringify(kind === 'manager' && status !== 'pending' ? overrides : {}),
        score,
        submitted_at: status === 'submitted' ? written : null,
        created_at: now - 12 * 86_400_000,
        updated_at: status === 'pending' ? now - 12 * 86_400_000 : written,
      };
    };
    return [
      make(row.reviewee_id, 'self', 'submitted'),
      ...plan.peers.map((peer) => make(id(peer), 'peer', plan.peerPending ? 'pending' : 'submitted')),
      make(row.manager_id, 'manager', plan.managerStatus),
    ];
  });
  await queries.insertReviews(trx, reviewRows);
  await seedPastSkillsReview(context, period.start);
}

/**
 * The quarter before, closed: a template tagged with skills (saved in the workspace, so the template list shows
 * one) and 赵敏's signed-off review, whose manager rated her paid-channel work 2 — below the 3 her role
 * (电商运营) asks, though the matrix says 3. The skills page shows that gap, from the review, to the owner (her
 * manager), to her and to admins only.
 */
async function seedPastSkillsReview(context: DemoContext, currentStart: string): Promise<void> {
  const { services, trx, workspaceId, people, locale } = context;
  const now = services.now();
  const say = (words: Words) => (locale === 'en' ? words.en : words.zh);
  const revieweeId = people.zhaomin;
  if (!revieweeId) return;
  const period = periodFor('quarterly', addDays(currentStart, -1));
  const base = builtinTemplate('kpi_ops', locale).definition;
  const anchors = base.sections[0]?.questions.find((q) => q.type === 'rating');
  const definition: ReviewTemplateDefinition = {
    ...base,
    sections: [
      ...base.sections,
      {
        id: 'skills',
        title: say({ zh: '专业技能', en: 'Professional skills' }),
        weight: 0,
        questions: [
          {
            id: 'channels',
            type: 'rating',
            text: say({
              zh: '渠道投放：选渠道、控成本、读转化',
              en: 'Paid channels: choosing them, keeping cost down, reading conversion',
            }),
            weight: 100,
            anchors: anchors?.type === 'rating' ? anchors.anchors : ['1', '2', '3', '4', '5'],
            metric: null,
            skill: demoText(locale, '渠道投放'),
          },
        ],
      },
    ],
  };
  const made = now - 150 * 86_400_000;
  const templateId = newId(now);
  await queries.insertTemplate(trx, {
    id: templateId,
    workspace_id: workspaceId,
    name: say({ zh: 'KPI 驱动的运营评估（含技能）', en: 'KPI-driven operations review with skills' }),
    builtin_key: 'kpi_ops',
    definition: JSON.stringify(definition),
    created_by: context.ownerId,
    created_at: made,
    updated_at: made,
  });
  const signedAt = Math.min(now - 86_400_000, Date.parse(`${addDays(period.end, 18)}T06:00:00Z`));
  const cycleId = newId(now);
  const { year, quarter } = quarterOf(period.start);
  await queries.insertCycle(trx, {
    id: cycleId,
    workspace_id: workspaceId,
    name: say({ zh: `${year} 年第 ${quarter} 季度能力评估`, en: `Q${quarter} ${year} skills check` }),
    kind: 'quarterly',
    period_start: period.start,
    period_end: period.end,
    template_id: templateId,
    definition: JSON.stringify(definition),
    stages: JSON.stringify(
      (['self', 'peer', 'manager', 'calibration', 'sign_off'] as const).map((stage, index) => ({
        stage,
        dueDate: addDays(period.end, 4 + index * 4),
      })),
    ),
    stage: 'closed',
    created_by: context.ownerId,
    created_at: made,
    updated_at: signedAt,
  });
  const participantId = newId(now);
  await queries.insertParticipants(trx, [
    {
      id: participantId,
      workspace_id: workspaceId,
      cycle_id: cycleId,
      reviewee_id: revieweeId,
      manager_id: context.ownerId,
      period_start: period.start,
      period_end: period.end,
      scorecard: null,
      scorecard_at: null,
      final_rating: 3,
      final_comment: say({
        zh: '店铺运营扎实；投放的成本控制还要加强，下季度安排培训。',
        en: 'Solid store operations; paid-channel cost control needs work, with training next quarter.',
      }),
      signed_off_by: context.ownerId,
      signed_off_at: signedAt,
      acknowledged_at: signedAt + 3_600_000,
      acknowledgement: null,
      created_at: made,
      updated_at: signedAt,
    },
  ]);
  const answersOf = (kind: 'self' | 'manager'): Answers => {
    const answers: Answers = {};
    for (const section of definition.sections)
      for (const question of section.questions) {
        if (question.type === 'rating') answers[question.id] = { rating: question.skill ? 2 : 3 };
        else if (question.type === 'text')
          answers[question.id] = {
            text: say(
              kind === 'self'
                ? { zh: '大促期间店铺转化稳定。', en: 'Store conversion held up through the sale.' }
                : { zh: '投放花费超出预算两次。', en: 'Paid spend ran over budget twice.' },
            ),
          };
      }
    if (kind === 'self') answers.channels = { rating: 3 };
    return answers;
  };
  await queries.insertReviews(
    trx,
    (['self', 'manager'] as const).map((kind) => {
      const answers = answersOf(kind);
      return {
        id: newId(now),
        workspace_id: workspaceId,
        cycle_id: cycleId,
        participant_id: participantId,
        reviewer_id: kind === 'self' ? revieweeId : context.ownerId,
        kind,
        status: 'submitted',
        answers: JSON.stringify(answers),
        overrides: '{}',
        score: weightedRating(definition, answers),
        submitted_at: signedAt - (kind === 'self' ? 10 : 4) * 86_400_000,
        created_at: made,
        updated_at: signedAt - (kind === 'self' ? 10 : 4) * 86_400_000,
      };
    }),
  );
  // What sign-off records (reviews service `signOff`), from the manager's answers.
  await queries.insertSkillAssessments(
    trx,
    skillRatings(definition, answersOf('manager')).map((rating) => ({
      workspace_id: workspaceId,
      participant_id: participantId,
      user_id: revieweeId,
      skill: rating.skill,
      level: rating.level,
      rating: rating.rating,
      scale: rating.scale,
      assessed_on: dayInTimezone(signedAt, services.config.timezone),
      assessed_at: signedAt,
    })),
  );
}
