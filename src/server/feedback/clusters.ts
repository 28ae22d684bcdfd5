import {
  clusterFeedback,
  clusterScore,
  clusterSignature,
  csatOf,
  isResolved,
  reconcileClusters,
  weeklyCounts,
} from '../../core/feedback/index.ts';
import { AppError } from '../../core/errors/index.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';
import { jiebaSegmenter } from './segmenter.ts';
import { synonymsOf } from './service.ts';

export const CLUSTER_JOB = 'feedback.cluster';
const NIGHTLY_JOB = 'feedback.cluster_all';
const WEEKS = 8;
const WEEK_MS = 7 * 86_400_000;

function textOf(item: { title: string; body: string }) {
  return `${item.title}\n${item.body}`;
}

/**
 * Re-clusters a workspace's live items with the core clustering and stores the result, keeping people's
 * corrections: pinned labels stay on the cluster that inherits most of its items, placed items stay put.
 */
export async function recluster(
  services: Services,
  workspaceId: string,
  onProgress: (percent: number) => Promise<void> = async () => undefined,
) {
  const computed = await computeClusters(services.db, workspaceId);
  await onProgress(60);
  await services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'feedback', workspaceId);
    await storeClusters(services, trx, workspaceId, computed);
  });
  return { clusters: computed.result.clusters.length, unclustered: computed.result.unclustered.length };
}

/**
 * Clusters inside the caller's transaction: the demo seed, whose items only that transaction sees, so its
 * common issues (and the plan's chapter 10) are there as soon as the workspace is.
 */
export async function reclusterWithin(services: Services, trx: Executor, workspaceId: string) {
  await storeClusters(services, trx, workspaceId, await computeClusters(trx, workspaceId));
}

async function computeClusters(executor: Executor, workspaceId: string) {
  const settings = await queries.selectSettings(executor, workspaceId);
  const synonyms = synonymsOf(settings);
  const items = await queries.selectClusteringItems(executor, workspaceId);
  const segment = jiebaSegmenter();
  const result = clusterFeedback(
    items.map((item) => ({ id: item.id, text: textOf(item) })),
    { segment, synonyms },
  );
  return { items, result, segment, synonyms };
}

async function storeClusters(
  services: Services,
  trx: Executor,
  workspaceId: string,
  { items, result, segment, synonyms }: Awaited<ReturnType<typeof computeClusters>>,
) {
  const byId = new Map(items.map((item) => [item.id, item]));
  const stored = await queries.selectClusters(trx, workspaceId);
  const current = await queries.selectClusteringItems(trx, workspaceId);
  const members = new Map<string, string[]>();
  const locked = new Map<string, string>();
  for (const item of current) {
    if (!item.cluster_id) continue;
    members.set(item.cluster_id, [...(members.get(item.cluster_id) ?? []), item.id]);
    if (item.cluster_locked) locked.set(item.id, item.cluster_id);
  }
  const plan = reconcileClusters(
    result,
    stored.map((cluster) => ({
      id: cluster.id,
      label: cluster.label,
      labelPinned: cluster.label_pinned === 1,
      itemIds: members.get(cluster.id) ?? [],
    })),
    locked,
  );
  const now = services.now();
  await queries.deleteClusters(trx, workspaceId, plan.dropped);
  await queries.clearUnlockedClusters(trx, workspaceId);
  for (const cluster of plan.clusters) {
    const texts = cluster.itemIds.flatMap((itemId) => {
      const item = byId.get(itemId);
      return item ? [textOf(item)] : [];
    });
    const signature = JSON.stringify(clusterSignature(texts, segment, synonyms));
    const id = cluster.id ?? newId(now);
    if (cluster.id) {
      await queries.updateCluster(trx, workspaceId, id, {
        label: cluster.label,
        terms: JSON.stringify(cluster.terms),
        signature,
        updated_at: now,
      });
    } else {
      await queries.insertCluster(trx, {
        id,
        workspace_id: workspaceId,
        label: cluster.label,
        label_pinned: 0,
        terms: JSON.stringify(cluster.terms),
        signature,
        created_at: now,
        updated_at: now,
      });
    }
    for (let start = 0; start < cluster.itemIds.length; start += 500) {
      await queries.updateItems(trx, workspaceId, cluster.itemIds.slice(start, start + 500), {
        cluster_id: id,
      });
    }
  }
  await queries.refreshRatingClusters(trx, workspaceId);
  await queries.ensureSettings(trx, workspaceId, now);
  await queries.updateSettings(trx, workspaceId, {
    cluster_status: 'idle',
    cluster_progress: 100,
    clustered_at: now,
    updated_at: now,
  });
}

export function registerFeedbackClusterJobs(services: Services) {
  services.scheduler.register(
    CLUSTER_JOB,
    async (payload, job) => {
      const { workspaceId } = payload as { workspaceId: string };
      const progress = (percent: number) =>
        queries.updateSettings(services.db, workspaceId, {
          cluster_status: 'running',
          cluster_progress: percent,
        });
      try {
        await progress(5);
        await recluster(services, workspaceId, progress);
      } catch (error) {
        if (job.attempts >= job.max_attempts) {
          await queries.updateSettings(services.db, workspaceId, { cluster_status: 'failed' });
        }
        throw error;
      }
    },
    { maxAttempts: 3 },
  );
  services.scheduler.register(NIGHTLY_JOB, async () => {
    const workspaceIds = await queries.selectFeedbackWorkspaceIds(services.db);
    for (const workspaceId of workspaceIds) {
      await services.db.transaction().execute((trx) => enqueueClustering(services, trx, workspaceId));
    }
  });
}

export async function registerFeedbackClusterSchedule(services: Services) {
  await services.scheduler.every(NIGHTLY_JOB, '40 2 * * *');
}

async function enqueueClustering(services: Services, trx: Executor, workspaceId: string) {
  const settings = await queries.ensureSettings(trx, workspaceId, services.now());
  if (settings.cluster_status === 'queued' || settings.cluster_status === 'running') return false;
  await queries.updateSettings(trx, workspaceId, { cluster_status: 'queued', cluster_progress: 0 });
  await services.scheduler.enqueue(trx, { name: CLUSTER_JOB, payload: { workspaceId } });
  return true;
}

/** Re-clustering on demand: a job (progress on the clusters page); a second request while one runs joins it. */
export async function requestClustering(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute((trx) => enqueueClustering(services, trx, workspaceId));
  return clusteringState(services, workspaceId);
}

async function clusteringState(services: Services, workspaceId: string) {
  const settings = await queries.selectSettings(services.db, workspaceId);
  return {
    status: (settings?.cluster_status ?? 'idle') as 'idle' | 'queued' | 'running' | 'failed',
    progress: settings?.cluster_progress ?? 0,
    clusteredAt: settings?.clustered_at ?? null,
  };
}

/** Clusters ranked by size, recent growth and votes, each with its weekly trend and CSAT. */
export async function listClusters(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  return rankedClusters(services, workspaceId);
}

export async function rankedClusters(services: Services, workspaceId: string) {
  const now = services.now();
  const [clusters, items, ratings] = await Promise.all([
    queries.selectClusters(services.db, workspaceId),
    queries.selectClusteringItems(services.db, workspaceId),
    queries.selectRatedRatings(services.db, workspaceId),
  ]);
  const byCluster = new Map<string, typeof items>();
  for (const item of items) {
    if (item.cluster_id) byCluster.set(item.cluster_id, [...(byCluster.get(item.cluster_id) ?? []), item]);
  }
  const ranked = clusters
    .map((cluster) => {
      const members = byCluster.get(cluster.id) ?? [];
      const createdAts = members.map((item) => item.created_at);
      const recent = createdAts.filter((at) => now - at < 2 * WEEK_MS).length;
      const previous = createdAts.filter((at) => now - at >= 2 * WEEK_MS && now - at < 4 * WEEK_MS).length;
      const votes = members.reduce((sum, item) => sum + item.votes, 0);
      const stats = { size: members.length, votes, recent, previous };
      const csat = csatOf(
        ratings.flatMap((rating) =>
          rating.cluster_id === cluster.id && rating.rating ? [rating.rating] : [],
        ),
      );
      return {
        id: cluster.id,
        label: cluster.label,
        labelPinned: cluster.label_pinned === 1,
        terms: JSON.parse(cluster.terms) as string[],
        size: members.length,
        votes,
        recent,
        previous,
        score: Math.round(clusterScore(stats) * 100) / 100,
        weekly: weeklyCounts(createdAts, now, WEEKS),
        open: members.filter((item) => !isResolved(item.status)).length,
        csat: { count: csat.count, average: csat.average },
      };
    })
    .filter((cluster) => cluster.size > 0)
    .sort((a, b) => b.score - a.score || b.size - a.size);
  return {
    clusters: ranked,
    unclustered: items.filter((item) => !item.cluster_id).length,
    state: await clusteringState(services, workspaceId),
  };
}

/** Renames a cluster and pins (or unpins) its label, so re-clustering keeps it. */
export async function updateCluster(
  context: WorkspaceContext,
  {
    clusterId,
    input,
  }: { clusterId: string; input: { label?: string | undefined; labelPinned?: boolean | undefined } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute(async (trx) => {
    const cluster = await queries.selectCluster(trx, workspaceId, clusterId);
    if (!cluster) throw new AppError('feedback_cluster_not_found');
    const now = services.now();
    await queries.updateCluster(trx, workspaceId, clusterId, {
      ...(input.label !== undefined && { label: input.label, label_pinned: 1 }),
      ...(input.labelPinned !== undefined && { label_pinned: input.labelPinned ? 1 : 0 }),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.cluster_updated',
      objectType: 'feedback_cluster',
      objectId: clusterId,
      changes: { ...input },
      now,
    });
  });
  const { clusters } = await rankedClusters(services, workspaceId);
  const cluster = clusters.find((candidate) => candidate.id === clusterId);
  if (!cluster) throw new AppError('feedback_cluster_not_found');
  return cluster;
}

/** A person moves an item into a cluster (or out of all): the placement survives re-clustering. */
export async function moveItem(
  context: WorkspaceContext,
  { itemId, clusterId }: { itemId: string; clusterId: string | null },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute(async (trx) => {
    const item = await queries.selectItem(trx, workspaceId, itemId);
    if (!item) throw new AppError('feedback_not_found');
    if (clusterId && !(await queries.selectCluster(trx, workspaceId, clusterId))) {
      throw new AppError('feedback_cluster_not_found', {}, [{ path: 'clusterId', message: '' }]);
    }
    const now = services.now();
    await queries.updateItems(trx, workspaceId, [itemId], {
      cluster_id: clusterId,
      cluster_locked: clusterId ? 1 : 0,
      updated_at: now,
    });
    await queries.refreshRatingClusters(trx, workspaceId, [itemId]);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.moved',
      objectType: 'feedback',
      objectId: itemId,
      changes: { from: item.cluster_id, to: clusterId },
      now,
    });
  });
}

/** CSAT per category, per cluster and per week (last 8 weeks). */
export async function csatReport(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  const ratings = await queries.selectRatedRatings(services.db, workspaceId);
  const group = (keyOf: (rating: (typeof ratings)[number]) => string | null) => {
    const groups = new Map<string, number[]>();
    for (const rating of ratings) {
      const key = keyOf(rating);
      if (key === null || rating.rating === null) continue;
      groups.set(key, [...(groups.get(key) ?? []), rating.rating]);
    }
    return [...groups.entries()].map(([key, values]) => ({ key, ...csatOf(values) }));
  };
  const now = services.now();
  const weeks = Array.from({ length: WEEKS }, (_, index) => {
    const end = now - (WEEKS - 1 - index) * WEEK_MS;
    const values = ratings.flatMap((rating) =>
      rating.rating !== null &&
      rating.rated_at !== null &&
      rating.rated_at <= end &&
      rating.rated_at > end - WEEK_MS
        ? [rating.rating]
        : [],
    );
    return { weekEnding: end, ...csatOf(values) };
  });
  const labels = new Map(ratings.map((rating) => [rating.cluster_id, rating.cluster_label]));
  return {
    overall: csatOf(ratings.flatMap((rating) => (rating.rating === null ? [] : [rating.rating]))),
    byCategory: group((rating) => rating.category),
    byCluster: group((rating) => rating.cluster_id).map((entry) => ({
      ...entry,
      label: labels.get(entry.key) ?? '',
    })),
    byWeek: weeks,
  };
}
