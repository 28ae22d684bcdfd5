import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors/index.ts';
import { hitRateLimit } from '../auth/queries.ts';
import type { Services } from '../context.ts';
import * as queries from './queries.ts';
import { checkLengths, insertNewItem, toItem } from './service.ts';

/** Submissions per address per workspace per window, and votes likewise: a flood is refused, a person never. */
export const PORTAL_SUBMISSIONS = 5;
export const PORTAL_VOTES = 30;
export const PORTAL_WINDOW_MS = 10 * 60_000;

export type PortalSubmission = {
  title: string;
  body: string;
  category?: string | null | undefined;
  email?: string | undefined;
  name?: string | undefined;
  website?: string | undefined;
};

/** Addresses are kept only as a salted hash: enough to count and to allow one vote, nothing to read back. */
function addressKey(workspaceId: string, address: string): string {
  return createHash('sha256').update(`${workspaceId}:${address}`).digest('base64url').slice(0, 32);
}

async function takeAttempt(services: Services, key: string, limit: number) {
  const now = services.now();
  const entry = await hitRateLimit(services.db, key, now, PORTAL_WINDOW_MS);
  if (entry.count > limit) {
    throw new AppError('portal_rate_limited', {
      minutes: Math.max(1, Math.ceil((entry.reset_at - now) / 60_000)),
    });
  }
}

async function requirePortal(services: Services, workspaceId: string) {
  const workspace = await queries.selectWorkspaceName(services.db, workspaceId);
  const settings = await queries.selectSettings(services.db, workspaceId);
  if (!workspace || settings?.portal_enabled === 0) throw new AppError('portal_not_found');
  const publicCategories = settings ? (JSON.parse(settings.public_categories) as string[]) : [];
  return { name: workspace.name, publicCategories };
}

function toPublicItem(row: queries.ItemRow, publicCategories: readonly string[]) {
  const item = toItem(row, publicCategories);
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    category: item.category,
    votes: item.votes,
    status: item.status,
    resolution: item.resolution,
    resolvedAt: item.resolvedAt,
    createdAt: item.createdAt,
  };
}

export async function getPortal(services: Services, workspaceId: string) {
  const portal = await requirePortal(services, workspaceId);
  return { name: portal.name, categories: portal.publicCategories };
}

/** The public items (in the workspace's public categories), most voted or newest first. */
export async function listPublicItems(
  services: Services,
  workspaceId: string,
  filter: { sort: 'votes' | 'new'; category?: string | undefined; limit: number },
) {
  const portal = await requirePortal(services, workspaceId);
  const categories = filter.category
    ? portal.publicCategories.filter((category) => category === filter.category)
    : portal.publicCategories;
  const rows = await queries.selectItems(services.db, workspaceId, { categories, limit: 500 });
  const items = rows.map((row) => toPublicItem(row, portal.publicCategories));
  if (filter.sort === 'votes') items.sort((a, b) => b.votes - a.votes || b.createdAt - a.createdAt);
  return { items: items.slice(0, filter.limit) };
}

export async function getPublicItem(services: Services, workspaceId: string, itemId: string) {
  const portal = await requirePortal(services, workspaceId);
  const row = await queries.selectItem(services.db, workspaceId, itemId);
  if (!row || row.merged_into_id || !row.category || !portal.publicCategories.includes(row.category)) {
    throw new AppError('feedback_not_found');
  }
  return toPublicItem(row, portal.publicCategories);
}

/**
 * A submission from the public portal. A filled honeypot field is refused; each address has a small
 * allowance per window, counted atomically before anything is written.
 */
export async function submitFeedback(
  services: Services,
  workspaceId: string,
  address: string,
  input: PortalSubmission,
) {
  const portal = await requirePortal(services, workspaceId);
  if (input.website) throw new AppError('portal_spam');
  checkLengths(input);
  if (input.category && !portal.publicCategories.includes(input.category)) {
    throw new AppError('validation_failed', {}, [{ path: 'category', message: '' }]);
  }
  await takeAttempt(services, `portal:submit:${addressKey(workspaceId, address)}`, PORTAL_SUBMISSIONS);
  const id = await services.db.transaction().execute((trx) =>
    insertNewItem(services, trx, workspaceId, {
      title: input.title,
      body: input.body,
      channel: 'portal',
      category: input.category ?? null,
      contact: input.email || input.name ? { email: input.email, name: input.name } : undefined,
      createdBy: null,
    }),
  );
  const row = await queries.selectItem(services.db, workspaceId, id);
  if (!row) throw new AppError('feedback_not_found');
  return toPublicItem(row, portal.publicCategories);
}

/** One vote per address per item, public items only; a second vote is a clear 409, not a silent no-op. */
export async function voteForItem(services: Services, workspaceId: string, itemId: string, address: string) {
  await getPublicItem(services, workspaceId, itemId);
  const key = addressKey(workspaceId, address);
  await takeAttempt(services, `portal:vote:${key}`, PORTAL_VOTES);
  await services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const isNew = await queries.insertVote(trx, {
      item_id: itemId,
      voter_key: key,
      workspace_id: workspaceId,
      created_at: now,
    });
    if (!isNew) throw new AppError('portal_already_voted');
    await queries.addVotes(trx, itemId, 1, now);
  });
  return getPublicItem(services, workspaceId, itemId);
}
