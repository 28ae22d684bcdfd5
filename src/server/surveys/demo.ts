import type { Locale } from '../../core/i18n/index.ts';
import { npsAnswer, type Answers, type SurveyQuestion } from '../../core/surveys/index.ts';
import { newId } from '../../db/ids.ts';
import type { DemoContext } from '../demo/context.ts';
import * as queries from './queries.ts';

const DAY = 86_400_000;

const WORDS: Record<
  Locale,
  {
    title: string;
    description: string;
    nps: string;
    why: string;
    improve: string;
    options: [string, string, string, string, string];
    waves: [string, string];
    reasons: { low: string[]; mid: string[]; high: string[] };
    event: {
      title: string;
      rating: string;
      matrix: string;
      rows: [string, string];
      columns: [string, string, string];
    };
  }
> = {
  'zh-CN': {
    title: '用户推荐意愿（NPS）季度调研',
    description: '每季度一轮，了解用户是否愿意推荐我们，以及最该改进什么。',
    nps: '您有多大可能把我们推荐给朋友或同事？',
    why: '是什么让您给出这个分数？',
    improve: '您最希望我们改进哪方面？',
    options: ['配送速度', '价格', '商品质量', '客服', 'App 体验'],
    waves: ['2026 Q3', '2026 Q4'],
    reasons: {
      low: ['快递太慢了，等了一周', '退款一直没到账', 'App 老是闪退', '客服电话打不通', '物流信息不更新'],
      mid: ['东西不错，就是配送慢', '价格还可以，优惠券不好用', '整体满意，退货有点麻烦'],
      high: ['商品质量好，发货快', '客服态度很好，问题很快解决', '会员活动很划算', '页面好用，下单方便'],
    },
    event: {
      title: '双十一活动满意度调研',
      rating: '您对本次活动的整体评价',
      matrix: '请评价活动的各个方面',
      rows: ['优惠力度', '活动规则清晰度'],
      columns: ['不满意', '一般', '满意'],
    },
  },
  en: {
    title: 'Quarterly NPS survey',
    description: 'One wave a quarter: would users recommend us, and what should we improve first?',
    nps: 'How likely are you to recommend us to a friend or colleague?',
    why: 'What is the main reason for your score?',
    improve: 'What should we improve first?',
    options: ['Delivery speed', 'Price', 'Product quality', 'Customer service', 'App experience'],
    waves: ['2026 Q3', '2026 Q4'],
    reasons: {
      low: [
        'Delivery took a whole week',
        'My refund never arrived',
        'The app keeps crashing',
        'Could not reach customer service',
        'Tracking never updates',
      ],
      mid: [
        'Good products but slow delivery',
        'Prices are fine, coupons are confusing',
        'Returns are a hassle',
      ],
      high: [
        'Great quality and fast shipping',
        'Support solved my problem quickly',
        'The member deals are worth it',
      ],
    },
    event: {
      title: 'Singles’ Day campaign survey',
      rating: 'How would you rate the campaign overall?',
      matrix: 'Rate each part of the campaign',
      rows: ['Discounts', 'Clarity of the rules'],
      columns: ['Unhappy', 'Neutral', 'Happy'],
    },
  },
};

function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * A quarterly NPS survey with two waves (the second better than the first: the delivery fixes showed), and a
 * campaign survey still collecting, so the results page shows a score, its three groups and a trend.
 */
export async function seedSurveysDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, ownerId, locale } = context;
  const words = WORDS[locale];
  const now = services.now();
  const random = noise(29);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const optionIds = ['delivery', 'price', 'quality', 'service', 'app'];
  const questions: SurveyQuestion[] = [
    { id: 'nps', type: 'nps', title: words.nps, required: true },
    { id: 'why', type: 'text', title: words.why },
    {
      id: 'improve',
      type: 'multiple',
      title: words.improve,
      options: optionIds.map((id, index) => ({ id, label: words.options[index] ?? id })),
      showIf: { questionId: 'nps', values: ['0', '1', '2', '3', '4', '5', '6', '7', '8'] },
    },
  ];
  const surveyId = newId(now);
  await queries.insertSurvey(trx, {
    id: surveyId,
    workspace_id: workspaceId,
    title: words.title,
    description: words.description,
    questions: JSON.stringify(questions),
    status: 'open',
    closes_at: null,
    one_per_contact: 0,
    feed_feedback: 0,
    created_by: ownerId,
    created_at: now - 100 * DAY,
    updated_at: now - 20 * DAY,
  });
  // Wave 1 (100–70 days ago): many detractors about delivery; wave 2 (the last 20 days): better.
  const waves = [
    {
      label: words.waves[0],
      opened: now - 100 * DAY,
      closed: now - 70 * DAY,
      count: 64,
      promoter: 0.38,
      detractor: 0.3,
    },
    {
      label: words.waves[1],
      opened: now - 20 * DAY,
      closed: null,
      count: 86,
      promoter: 0.5,
      detractor: 0.18,
    },
  ];
  for (const [index, wave] of waves.entries()) {
    const waveId = newId(now);
    await queries.insertWave(trx, {
      id: waveId,
      workspace_id: workspaceId,
      survey_id: surveyId,
      number: index + 1,
      label: wave.label,
      opened_at: wave.opened,
      closed_at: wave.closed,
    });
    const span = (wave.closed ?? now) - wave.opened;
    for (let n = 0; n < wave.count; n += 1) {
      const roll = random();
      const score =
        roll < wave.detractor
          ? Math.floor(random() * 7)
          : roll < 1 - wave.promoter
            ? 7 + Math.floor(random() * 2)
            : 9 + Math.floor(random() * 2);
      const answers: Answers = { nps: score };
      if (random() < 0.75) {
        answers.why = pick(
          score <= 6 ? words.reasons.low : score <= 8 ? words.reasons.mid : words.reasons.high,
        );
      }
      if (score <= 8) {
        const first = score <= 6 && random() < 0.5 ? 'delivery' : pick(optionIds);
        answers.improve =
          random() < 0.4 ? [first, pick(optionIds)].filter((v, i, a) => a.indexOf(v) === i) : [first];
      }
      await queries.insertResponse(trx, {
        id: newId(now),
        workspace_id: workspaceId,
        survey_id: surveyId,
        wave_id: waveId,
        answers: JSON.stringify(answers),
        nps: npsAnswer(questions, answers),
        contact_id: null,
        respondent_key: null,
        created_at: Math.round(wave.opened + random() * span),
      });
    }
  }

  // A campaign survey with a rating and a matrix, still collecting.
  const event = words.event;
  const eventQuestions: SurveyQuestion[] = [
    { id: 'overall', type: 'rating', title: event.rating, required: true },
    {
      id: 'parts',
      type: 'matrix',
      title: event.matrix,
      rows: event.rows.map((label, index) => ({ id: `r${index + 1}`, label })),
      options: event.columns.map((label, index) => ({ id: `c${index + 1}`, label })),
    },
  ];
  const eventId = newId(now);
  await queries.insertSurvey(trx, {
    id: eventId,
    workspace_id: workspaceId,
    title: event.title,
    description: '',
    questions: JSON.stringify(eventQuestions),
    status: 'open',
    closes_at: now + 10 * DAY,
    one_per_contact: 0,
    feed_feedback: 0,
    created_by: ownerId,
    created_at: now - 12 * DAY,
    updated_at: now - 12 * DAY,
  });
  const eventWave = newId(now);
  await queries.insertWave(trx, {
    id: eventWave,
    workspace_id: workspaceId,
    survey_id: eventId,
    number: 1,
    label: '',
    opened_at: now - 12 * DAY,
    closed_at: null,
  });
  for (let n = 0; n < 40; n += 1) {
    const answers: Answers = {
      overall: Math.min(5, Math.max(1, Math.round(3.8 + (random() - 0.5) * 3))),
      parts: { r1: pick(['c2', 'c3', 'c3']), r2: pick(['c1', 'c2', 'c3']) },
    };
    await queries.insertResponse(trx, {
      id: newId(now),
      workspace_id: workspaceId,
      survey_id: eventId,
      wave_id: eventWave,
      answers: JSON.stringify(answers),
      nps: null,
      contact_id: null,
      respondent_key: null,
      created_at: Math.round(now - random() * 12 * DAY),
    });
  }
}
