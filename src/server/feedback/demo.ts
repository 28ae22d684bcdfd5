import type { Locale } from '../../core/i18n/index.ts';
import { newId } from '../../db/ids.ts';
import type { DemoContext } from '../demo/service.ts';
import { CLUSTER_JOB } from './clusters.ts';
import * as queries from './queries.ts';
import { insertNewItem } from './service.ts';

const DAY = 86_400_000;

type Topic = {
  category: Record<Locale, string>;
  count: number;
  /** Share of the topic's items in the last two weeks: a release broke something. */
  recentShare: number;
  texts: Record<Locale, string[]>;
  resolution: Record<Locale, string>;
};

const TOPICS: Topic[] = [
  {
    category: { 'zh-CN': '物流配送', en: 'Delivery' },
    count: 95,
    recentShare: 0.2,
    texts: {
      'zh-CN': [
        '快递太慢了，{n}天还没到',
        '物流信息{n}天没更新',
        '包裹一直显示运输中',
        '配送太慢，快递员也联系不上',
        '下单{n}天了还没发货',
        '快递送错地址了',
      ],
      en: [
        "My parcel hasn't arrived after {n} days",
        "Tracking hasn't updated in {n} days",
        'Shipping is way too slow',
        'Order still not shipped after {n} days',
      ],
    },
    resolution: {
      'zh-CN': '已更换合作快递并加急补发，物流状态现在每小时同步一次。',
      en: 'We switched carriers for your region and tracking now syncs every hour.',
    },
  },
  {
    category: { 'zh-CN': '售后', en: 'Refunds' },
    count: 75,
    recentShare: 0.2,
    texts: {
      'zh-CN': [
        '退款申请{n}天了还没到账',
        '退货寄回去了一直没退款',
        '售后退款流程太复杂',
        '申请退款没人处理',
        '退款被拒绝也不说原因',
      ],
      en: [
        'Refund still not received after {n} days',
        'Returned the item but no refund yet',
        'The refund process is too complicated',
      ],
    },
    resolution: {
      'zh-CN': '退款已原路退回；退款审核时限缩短到 48 小时。',
      en: 'Your refund was paid back; refunds are now reviewed within 48 hours.',
    },
  },
  {
    category: { 'zh-CN': 'App 稳定性', en: 'App stability' },
    count: 65,
    recentShare: 0.7,
    texts: {
      'zh-CN': [
        'App 打开就闪退',
        '更新到新版本后一直闪退',
        '支付页面闪退，付不了款',
        'iOS 上登录就闪退',
        '看视频的时候闪退',
      ],
      en: ['App crashes on launch', 'Crashes after the latest update', 'The app crashes at checkout'],
    },
    resolution: {
      'zh-CN': '4.2.1 版已修复闪退问题，请更新后再试。',
      en: 'Version 4.2.1 fixes the crash: please update.',
    },
  },
  {
    category: { 'zh-CN': '账号登录', en: 'Sign-in' },
    count: 48,
    recentShare: 0.25,
    texts: {
      'zh-CN': ['收不到短信验证码', '验证码一直发送失败', '登录总是提示验证码错误', '换手机后收不到验证码'],
      en: ['Never receive the SMS verification code', 'Verification code keeps failing'],
    },
    resolution: {
      'zh-CN': '已接入第二家短信通道，验证码送达率恢复正常。',
      en: 'A second SMS provider was added; codes arrive again.',
    },
  },
  {
    category: { 'zh-CN': '促销活动', en: 'Promotions' },
    count: 42,
    recentShare: 0.3,
    texts: {
      'zh-CN': ['优惠券用不了', '满减券结算时不生效', '领了优惠券下单时找不到', '新人券提示已过期'],
      en: ["Coupon doesn't apply at checkout", 'Discount code says expired'],
    },
    resolution: {
      'zh-CN': '优惠券规则已修正，补发了一张同额券。',
      en: 'The coupon rules were fixed and a replacement coupon was sent.',
    },
  },
  {
    category: { 'zh-CN': '客服', en: 'Support' },
    count: 36,
    recentShare: 0.2,
    texts: {
      'zh-CN': ['客服一直不回复', '在线客服排队太久', '客服电话打不通', '人工客服找不到入口'],
      en: ['Support never replies', 'Waited an hour in the support chat queue'],
    },
    resolution: {
      'zh-CN': '增加了高峰时段客服人手，人工客服入口放到了首页。',
      en: 'More agents at peak hours, and the live chat is now on the home page.',
    },
  },
  {
    category: { 'zh-CN': '功能建议', en: 'Ideas' },
    count: 30,
    recentShare: 0.2,
    texts: {
      'zh-CN': ['希望增加夜间模式', '能不能出个深色模式', '晚上用太亮了，求暗色主题'],
      en: ['Please add a dark mode', 'A dark theme would be great at night'],
    },
    resolution: { 'zh-CN': '深色模式已在 4.3 版上线。', en: 'Dark mode shipped in 4.3.' },
  },
];

const PREFIX: Record<Locale, string[]> = {
  'zh-CN': ['', '', '', '请问', '反馈：'],
  en: ['', '', '', 'Hi, ', 'Hello, '],
};
const SUFFIX: Record<Locale, string[]> = {
  'zh-CN': ['', '。', '，希望尽快处理', '，体验很差', '，麻烦看一下'],
  en: ['', '.', ', please fix it', '. Really frustrating', ', thanks'],
};
const CHANNELS = ['app_store', 'support', 'portal', 'email', 'app_store', 'support'] as const;

function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * About 390 feedback items over twelve weeks from four channels whose top clusters are real common issues
 * (delivery, refunds, a crash that rose after a release, SMS codes, coupons, support, dark mode); older ones
 * resolved with ratings. Clustering is queued as a job, so the demo's common issues appear once it runs.
 */
export async function seedFeedbackDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, people, locale } = context;
  const now = services.now();
  const random = noise(13);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const other: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  await queries.ensureSettings(trx, workspaceId, now);
  await queries.updateSettings(trx, workspaceId, {
    public_categories: JSON.stringify([TOPICS[2]?.category[locale], TOPICS[6]?.category[locale]]),
    cluster_status: 'queued',
  });
  const handlers = [people.sunhao, people.zhaomin, people.owner].filter((id): id is string => Boolean(id));
  let contactNumber = 0;
  for (const topic of TOPICS) {
    for (let index = 0; index < topic.count; index += 1) {
      // One item in six is in the other language: real inboxes are mixed.
      const language = random() < 0.17 ? other : locale;
      const template = pick(topic.texts[language]).replace('{n}', String(2 + Math.floor(random() * 9)));
      const title = `${pick(PREFIX[language])}${template}${pick(SUFFIX[language])}`;
      const isRecent = random() < topic.recentShare;
      const age = isRecent ? random() * 14 * DAY : 14 * DAY + random() * 70 * DAY;
      const createdAt = Math.round(now - age);
      contactNumber = (contactNumber + 1 + Math.floor(random() * 3)) % 160;
      const channel = pick(CHANNELS);
      const id = await insertNewItem(
        services,
        trx,
        workspaceId,
        {
          title,
          body: '',
          channel,
          category: topic.category[locale],
          contact: {
            email: `user${contactNumber}@example.com`,
            name: `${language === 'zh-CN' ? '用户' : 'User '}${contactNumber}`,
          },
          createdBy: null,
          createdAt,
        },
        [],
      );
      const votes = channel === 'portal' ? Math.floor(random() * 12) : 0;
      // Older items went through triage; many were resolved and rated.
      const roll = random();
      const status =
        age < 7 * DAY
          ? roll < 0.6
            ? 'new'
            : 'triaged'
          : roll < 0.55
            ? 'done'
            : roll < 0.62
              ? 'declined'
              : roll < 0.8
                ? 'in_progress'
                : 'triaged';
      const resolvedAt = Math.round(createdAt + (2 + random() * 5) * DAY);
      await queries.updateItems(trx, workspaceId, [id], {
        votes,
        status,
        assignee_id: status === 'new' ? null : pick(handlers),
        ...(status === 'done' || status === 'declined'
          ? { resolution: topic.resolution[locale], resolved_at: Math.min(resolvedAt, now) }
          : {}),
      });
      if (status !== 'new') {
        await queries.insertStatusChange(trx, {
          id: newId(now),
          workspace_id: workspaceId,
          item_id: id,
          from_status: 'new',
          to_status: status,
          actor_id: pick(handlers),
          note: status === 'done' || status === 'declined' ? topic.resolution[locale] : null,
          created_at: Math.min(resolvedAt, now),
        });
      }
      if (status === 'done' && random() < 0.6) {
        const contact = await queries.selectContactByEmail(
          trx,
          workspaceId,
          `user${contactNumber}@example.com`,
        );
        const rating = Math.min(5, Math.max(1, Math.round(3.9 + (random() - 0.5) * 3)));
        await queries.insertRating(trx, {
          id: newId(now),
          workspace_id: workspaceId,
          item_id: id,
          contact_id: contact?.id ?? null,
          category: topic.category[locale],
          cluster_id: null,
          rating,
          email_status: 'sent',
          sent_at: Math.min(resolvedAt, now),
          rated_at: Math.min(resolvedAt + DAY, now),
        });
      }
    }
  }
  await services.scheduler.enqueue(trx, { name: CLUSTER_JOB, payload: { workspaceId } });
}
