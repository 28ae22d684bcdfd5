import { createHmac, timingSafeEqual } from 'node:crypto';
import { LOW_RATING, messageLocale, resolutionMessage } from '../../core/feedback/index.ts';
import { AppError } from '../../core/errors/index.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import type { Services } from '../context.ts';
import { mailerOf } from '../notifications/service.ts';
import { ensureAppSecret } from '../notifications/queries.ts';
import { newSecret } from '../secrets.ts';
import * as queries from './queries.ts';

export const NOTIFY_JOB = 'feedback.notify';

let cachedKey: { db: object; key: string } | null = null;

async function signingKey(services: Services): Promise<string> {
  if (cachedKey?.db === services.db) return cachedKey.key;
  const key = await ensureAppSecret(services.db, 'feedback-rating', newSecret(32), services.now());
  cachedKey = { db: services.db, key };
  return key;
}

function sign(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

/** The signed token of a rating request: its id and an HMAC, so nobody rates for someone else. */
export async function ratingToken(services: Services, ratingId: string): Promise<string> {
  return `${ratingId}.${sign(await signingKey(services), ratingId)}`;
}

async function readRatingToken(services: Services, token: string): Promise<string> {
  const [ratingId = '', signature = ''] = token.split('.');
  const expected = Buffer.from(sign(await signingKey(services), ratingId));
  const given = Buffer.from(signature);
  if (!ratingId || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('feedback_rating_invalid', {}, [{ path: 'token', message: '' }]);
  }
  return ratingId;
}

function base(services: Services): string {
  return services.config.publicUrl.replace(/\/$/, '');
}

export async function ratingUrl(services: Services, workspaceId: string, ratingId: string, score: number) {
  return `${base(services)}/portal/${workspaceId}/rate?token=${await ratingToken(services, ratingId)}&score=${score}`;
}

/**
 * A resolved item asks each of its submitters for a rating: by e-mail when they left an address and SMTP is
 * set up (a job per message, retried), else the request waits on the portal's item page.
 */
export async function requestResolutionRatings(
  services: Services,
  trx: Executor,
  item: { id: string; workspace_id: string; category: string | null; cluster_id: string | null },
  now: number,
) {
  await requestRatingsOnce(services, trx, [item], now);
}

/**
 * Items resolved together (a whole common issue) ask each submitter once: one rating request per contact,
 * about the first of their items, however many of the items they raised or joined.
 */
export async function requestRatingsOnce(
  services: Services,
  trx: Executor,
  items: readonly { id: string; workspace_id: string; category: string | null; cluster_id: string | null }[],
  now: number,
): Promise<number> {
  const byId = new Map(items.map((item) => [item.id, item]));
  const order = new Map(items.map((item, index) => [item.id, index]));
  const submitters = (
    await queries.selectSubmitters(
      trx,
      items.map((item) => item.id),
    )
  ).sort((a, b) => (order.get(a.item_id) ?? 0) - (order.get(b.item_id) ?? 0));
  const told = new Set<string>();
  const canMail = Boolean(mailerOf(services));
  for (const submitter of submitters) {
    const item = byId.get(submitter.item_id);
    if (!item || told.has(submitter.id)) continue;
    told.add(submitter.id);
    const id = newId(now);
    const byMail = canMail && Boolean(submitter.email);
    await queries.insertRating(trx, {
      id,
      workspace_id: item.workspace_id,
      item_id: item.id,
      contact_id: submitter.id,
      category: item.category,
      cluster_id: item.cluster_id,
      rating: null,
      email_status: byMail ? 'queued' : 'portal',
      sent_at: now,
      rated_at: null,
    });
    if (byMail) {
      await services.scheduler.enqueue(trx, {
        name: NOTIFY_JOB,
        payload: { ratingId: id },
        key: `feedback:${id}`,
      });
    }
  }
  return told.size;
}

/** Sends one resolution e-mail; a failure is recorded and thrown so the scheduler retries. */
async function sendResolution(services: Services, ratingId: string, isFinal: boolean) {
  const rating = await queries.unsafeSelectRating(services.db, ratingId);
  if (!rating || rating.email_status !== 'queued' || !rating.contact_id) return;
  const contact = await queries.selectContact(services.db, rating.workspace_id, rating.contact_id);
  const item = await queries.selectItem(services.db, rating.workspace_id, rating.item_id);
  const mailer = mailerOf(services);
  if (!contact?.email || !item || !mailer) return;
  const locale = messageLocale(`${item.title} ${item.body}`);
  const scores = await Promise.all(
    [1, 2, 3, 4, 5].map((score) => ratingUrl(services, rating.workspace_id, ratingId, score)),
  );
  const message = resolutionMessage(locale, {
    title: item.title,
    resolution: item.resolution ?? '',
    ratingUrl: (score) => scores[score - 1] ?? '',
    pageUrl: `${base(services)}/portal/${rating.workspace_id}/items/${item.id}`,
  });
  try {
    await mailer.sendMail({ from: services.config.mailFrom, to: contact.email, ...message });
    await queries.updateRatingStatus(services.db, ratingId, 'sent');
  } catch (error) {
    if (isFinal) await queries.updateRatingStatus(services.db, ratingId, 'failed');
    throw error;
  }
}

export function registerFeedbackLoopJobs(services: Services) {
  services.scheduler.register(
    NOTIFY_JOB,
    async (payload, job) =>
      sendResolution(services, (payload as { ratingId: string }).ratingId, job.attempts >= job.max_attempts),
    { maxAttempts: 6 },
  );
}

/**
 * The one-click rating from the message (no login). Rated once; a low rating sends the item back to triage
 * with a note in its history.
 */
export async function rateResolution(services: Services, token: string, score: number) {
  const ratingId = await readRatingToken(services, token);
  return services.db.transaction().execute(async (trx) => {
    const rating = await queries.unsafeSelectRating(trx, ratingId);
    if (!rating) throw new AppError('feedback_rating_invalid', {}, [{ path: 'token', message: '' }]);
    const now = services.now();
    const isFirst = await queries.rate(trx, ratingId, score, now);
    const item = await queries.selectItem(trx, rating.workspace_id, rating.item_id);
    let reopened = false;
    if (isFirst && item && score <= LOW_RATING && (item.status === 'done' || item.status === 'declined')) {
      reopened = true;
      await queries.updateItems(trx, rating.workspace_id, [item.id], { status: 'triaged', updated_at: now });
      await queries.insertStatusChange(trx, {
        id: newId(now),
        workspace_id: rating.workspace_id,
        item_id: item.id,
        from_status: item.status,
        to_status: 'triaged',
        actor_id: null,
        note: `CSAT ${score}/5`,
        created_at: now,
      });
    }
    const stored = isFirst ? score : (rating.rating ?? score);
    return {
      rating: stored,
      alreadyRated: !isFirst,
      reopened,
      itemTitle: item?.title ?? '',
      itemId: rating.item_id,
    };
  });
}
