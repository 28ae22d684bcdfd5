import type { Locale } from '../../core/i18n/index.ts';
import { newId } from '../../db/ids.ts';
import type { DemoContext } from '../demo/context.ts';
import { reclusterWithin } from './clusters.ts';
import topics from './demo-topics.json' with { type: 'json' };
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

/** The demo's common issues are data: demo-topics.json, one entry per topic in both languages. */
const TOPICS: readonly Topic[] = topics;

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
 * resolved with ratings. They are clustered in the seed's transaction, so the common issues are there at once.
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
  });
  const handlers = [people.sunhao, people.zhaomin, people.owner].filter((id): id is string => Boolean(id));
  let nextContact = 0;
  // Drawn topic by topic, then inserted in the order they arrived, so the inbox and each issue's weekly
  // trend read as twelve weeks of mail, not one topic after another.
  const arrivals: Array<{
    topic: Topic;
    language: Locale;
    title: string;
    age: number;
    contactNumber: number;
  }> = [];
  for (const topic of TOPICS) {
    for (let index = 0; index < topic.count; index += 1) {
      // One item in six is in the other language: real inboxes are mixed.
      const language = random() < 0.17 ? other : locale;
      const template = pick(topic.texts[language]).replace('{n}', String(2 + Math.floor(random() * 9)));
      const title = `${pick(PREFIX[language])}${template}${pick(SUFFIX[language])}`;
      const isRecent = random() < topic.recentShare;
      const age = isRecent ? random() * 14 * DAY : 14 * DAY + random() * 70 * DAY;
      nextContact = (nextContact + 1 + Math.floor(random() * 3)) % 160;
      arrivals.push({ topic, language, title, age, contactNumber: nextContact });
    }
  }
  arrivals.sort((a, b) => b.age - a.age);
  for (const { topic, language, title, age, contactNumber } of arrivals) {
    const createdAt = Math.round(now - age);
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
  // Clustered here, not as a job: the common issues and the plan's chapter 10 are right from the start.
  await reclusterWithin(services, trx, workspaceId);
}
