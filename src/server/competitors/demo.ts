import { addDays } from '../../core/days/index.ts';
import type { ObservationCategory, Swot } from '../../core/competitors/index.ts';
import { newId } from '../../db/ids.ts';
import type { DemoContext } from '../demo/context.ts';
import { demoText } from '../demo/english.ts';
import { dayInTimezone } from '../time.ts';
import { selectTaskIdByTitle } from '../tasks/queries.ts';
import * as queries from './queries.ts';

type Words = { zh: string; en: string };

type DemoObservation = {
  daysAgo: number;
  category: ObservationCategory;
  title: Words;
  note: Words;
  source: string;
  price?: number;
  /** Linked to the growth goal and the competitor-research task it set off. */
  triggered?: boolean;
};

type DemoCompetitor = {
  name: Words;
  website: string;
  description: Words;
  swot: Record<keyof Swot, Words[]>;
  observations: DemoObservation[];
};

const COMPETITORS: DemoCompetitor[] = [
  {
    name: { zh: '快购商城', en: 'QuickCart' },
    website: 'https://quickcart.example.com',
    description: {
      zh: '综合电商平台，主打次日达和会员权益，与我们争夺一二线城市的白领用户。',
      en: 'General marketplace built on next-day delivery and membership perks; competes with us for city office workers.',
    },
    swot: {
      strengths: [
        { zh: '自建物流，次日达覆盖 200 城', en: 'Own logistics: next-day delivery in 200 cities' },
        { zh: '会员体系成熟，复购率高', en: 'Mature membership with a high repeat rate' },
      ],
      weaknesses: [
        { zh: '商品价格偏高', en: 'Prices on the high side' },
        { zh: '新用户首单优惠弱', en: 'Weak first-order offer for new users' },
      ],
      opportunities: [
        {
          zh: '其会员费上涨引发用户不满，可承接流失用户',
          en: 'Its membership fee rise upset users we can win over',
        },
      ],
      threats: [
        {
          zh: '免运费门槛下调，削弱我们的配送优势',
          en: 'A lower free-shipping threshold erodes our delivery edge',
        },
      ],
    },
    observations: [
      {
        daysAgo: 52,
        category: 'campaign',
        title: { zh: '新人首单 0 元购活动上线', en: 'Launched a free first order for new users' },
        note: {
          zh: '首单 29 元以内商品免单，配合短视频渠道投放，一周内其 App 下载量排名上升 40 位。',
          en: 'First order up to 29 free, pushed on short-video channels; its app rose 40 places in the store ranking within a week.',
        },
        source: 'https://quickcart.example.com/news/new-user-offer',
        triggered: true,
      },
      {
        daysAgo: 30,
        category: 'pricing',
        title: {
          zh: '会员免运费门槛由 59 元降到 39 元',
          en: 'Member free-shipping threshold cut from 59 to 39',
        },
        note: { zh: '直接对标我们的 49 元门槛。', en: 'Aimed straight at our threshold of 49.' },
        source: 'https://quickcart.example.com/help/shipping',
        price: 39,
      },
      {
        daysAgo: 9,
        category: 'feature',
        title: { zh: '上线「价保 30 天」', en: 'Introduced a 30-day price guarantee' },
        note: {
          zh: '降价自动退差价，客服反馈已有用户拿来对比。',
          en: 'Refunds the difference when a price drops; our support team hears users comparing.',
        },
        source: 'https://quickcart.example.com/price-guarantee',
      },
    ],
  },
  {
    name: { zh: '拼趣', en: 'GroupBuy' },
    website: 'https://groupbuy.example.com',
    description: {
      zh: '社交拼团平台，低价和裂变拉新，下沉市场用户多。',
      en: 'Social group-buying app: low prices and referral loops, strong in smaller cities.',
    },
    swot: {
      strengths: [
        { zh: '价格低，拼团裂变拉新成本低', en: 'Low prices; group buying keeps acquisition cheap' },
        { zh: '微信生态流量大', en: 'Large traffic from the WeChat ecosystem' },
      ],
      weaknesses: [
        { zh: '售后口碑差，退款慢', en: 'Poor after-sales reputation, slow refunds' },
        { zh: '商品质量参差不齐', en: 'Uneven product quality' },
      ],
      opportunities: [
        {
          zh: '强调我们的售后时效，吸引重视品质的用户',
          en: 'Stress our after-sales speed to win quality-minded users',
        },
      ],
      threats: [
        {
          zh: '百亿补贴持续，价格敏感用户流失',
          en: 'Ongoing mega-subsidies pull away price-sensitive users',
        },
      ],
    },
    observations: [
      {
        daysAgo: 45,
        category: 'channel',
        title: { zh: '开始在社区团长渠道铺货', en: 'Started selling through neighbourhood group leaders' },
        note: { zh: '覆盖华东 3 个省份。', en: 'Covers three provinces in the east.' },
        source: 'https://groupbuy.example.com/blog/community',
      },
      {
        daysAgo: 20,
        category: 'pricing',
        title: {
          zh: '双十一百亿补贴，爆款低至 5 折',
          en: 'Mega-subsidy for 11.11: best sellers at half price',
        },
        note: { zh: '补贴品类与我们重合 60%。', en: '60% of the subsidised categories overlap with ours.' },
        source: 'https://groupbuy.example.com/1111',
        price: 50,
      },
      {
        daysAgo: 4,
        category: 'campaign',
        title: {
          zh: '「砍一刀」拉新活动再次上线',
          en: 'Brought back its "friends cut the price" referral game',
        },
        note: { zh: '', en: '' },
        source: 'https://groupbuy.example.com/invite',
      },
    ],
  },
  {
    name: { zh: '鲜到家', en: 'FreshNow' },
    website: 'https://freshnow.example.com',
    description: {
      zh: '即时零售生鲜平台，30 分钟送达。',
      en: 'Instant grocery delivery in 30 minutes.',
    },
    swot: {
      strengths: [{ zh: '30 分钟即时配送', en: 'Delivery within 30 minutes' }],
      weaknesses: [{ zh: '品类窄，只做生鲜日用', en: 'Narrow range: fresh food and daily goods only' }],
      opportunities: [
        {
          zh: '与其合作做同城急送，补齐我们的即时配送',
          en: 'Partner on same-city express to add instant delivery',
        },
      ],
      threats: [{ zh: '用户习惯转向即时零售', en: 'Users turning to instant retail' }],
    },
    observations: [
      {
        daysAgo: 14,
        category: 'feature',
        title: { zh: '上线夜间 24 小时配送', en: 'Opened 24-hour night delivery' },
        note: { zh: '', en: '' },
        source: 'https://freshnow.example.com/night',
      },
    ],
  },
];

/**
 * The demo's competitors (竞品): three rivals with a SWOT and dated observations of each kind; the first
 * observation set off the competitor acquisition research task under the growth goal, and is linked to both.
 */
export async function seedCompetitorsDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, ownerId, people, locale } = context;
  const now = services.now();
  const today = dayInTimezone(now, services.config.timezone);
  const say = (words: Words) => (locale === 'en' ? words.en : words.zh);
  const goal = await queries.selectGoalByTitle(
    trx,
    workspaceId,
    demoText(locale, '在三个月内将用户增长率提升20%'),
  );
  const task = await selectTaskIdByTitle(trx, workspaceId, demoText(locale, '竞品拉新活动调研'));
  const author = people.chenjing ?? ownerId;
  for (const competitor of COMPETITORS) {
    const competitorId = newId(now);
    await queries.insertCompetitor(trx, {
      id: competitorId,
      workspace_id: workspaceId,
      name: say(competitor.name),
      website: competitor.website,
      description: say(competitor.description),
      aliases: '[]',
      swot: JSON.stringify({
        strengths: competitor.swot.strengths.map(say),
        weaknesses: competitor.swot.weaknesses.map(say),
        opportunities: competitor.swot.opportunities.map(say),
        threats: competitor.swot.threats.map(say),
      }),
      created_at: now,
      updated_at: now,
    });
    for (const observation of competitor.observations) {
      await queries.insertObservation(trx, {
        id: newId(now),
        workspace_id: workspaceId,
        competitor_id: competitorId,
        observed_on: addDays(today, -observation.daysAgo),
        category: observation.category,
        title: say(observation.title),
        note: say(observation.note),
        source_url: observation.source,
        price: observation.price ?? null,
        goal_id: observation.triggered ? (goal?.id ?? null) : null,
        task_id: observation.triggered ? (task?.id ?? null) : null,
        created_by: author,
        created_at: now,
      });
    }
  }
}
