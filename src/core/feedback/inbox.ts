import type { ClusterResult } from './cluster.ts';
import { defaultSynonyms, type SynonymGroup } from './lexicon.ts';
import { analyseText, buildLexicon, type Segmenter } from './text.ts';

/** Where an item came from. */
export const FEEDBACK_CHANNELS = [
  'portal',
  'api',
  'app_store',
  'support',
  'email',
  'manual',
  'import',
  'survey',
] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

/** An item's life: new → triaged → planned → in progress → done, or declined at any point. */
export const FEEDBACK_STATUSES = ['new', 'triaged', 'planned', 'in_progress', 'done', 'declined'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Statuses that close an item: reaching one tells its submitters and asks for a rating. */
export function isResolved(status: string): boolean {
  return status === 'done' || status === 'declined';
}

/** A rating this low sends the item back to triage. */
export const LOW_RATING = 2;

const NEGATIVE = [
  '差',
  '慢',
  '卡',
  '崩',
  '闪退',
  '失败',
  '错误',
  '投诉',
  '退款',
  '无法',
  '不能',
  '没法',
  '坏',
  '丢',
  '漏',
  '太贵',
  '垃圾',
  '失望',
  '烦',
  '难用',
  'bug',
  'crash',
  'slow',
  'broken',
  'fail',
  'error',
  'refund',
  'cannot',
  "can't",
  'never',
  'worst',
  'bad',
  'terrible',
  'annoying',
  'lost',
  'missing',
  'disappointed',
];
const POSITIVE = [
  '好用',
  '喜欢',
  '满意',
  '方便',
  '感谢',
  '谢谢',
  '赞',
  '不错',
  '推荐',
  'love',
  'great',
  'thanks',
  'thank',
  'good',
  'nice',
  'easy',
  'helpful',
  'awesome',
  'excellent',
  'recommend',
];

/** A rough first sentiment from words in both languages; a person corrects it in the inbox. */
export function guessSentiment(text: string): Sentiment {
  const lower = text.toLowerCase();
  const count = (words: readonly string[]) => words.filter((word) => lower.includes(word)).length;
  const negative = count(NEGATIVE);
  const positive = count(POSITIVE);
  if (negative > positive) return 'negative';
  if (positive > negative) return 'positive';
  return 'neutral';
}

/** What a cluster is about, as term keys and weights: the average of its items' L2-normalised term counts. */
export type ClusterSignature = Record<string, number>;

type TermVector = Map<string, number>;

function termVector(text: string, segment: Segmenter, lexicon: ReturnType<typeof buildLexicon>): TermVector {
  const vector: TermVector = new Map();
  for (const occurrence of analyseText(text, segment, lexicon)) {
    vector.set(occurrence.key, (vector.get(occurrence.key) ?? 0) + occurrence.weight);
  }
  let norm = 0;
  for (const weight of vector.values()) norm += weight * weight;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [key, weight] of vector) vector.set(key, weight / norm);
  return vector;
}

const SIGNATURE_TERMS = 40;

/** The signature of a cluster from its items' texts (at most 40 terms kept). */
export function clusterSignature(
  texts: readonly string[],
  segment: Segmenter,
  synonyms: readonly SynonymGroup[] = defaultSynonyms(),
): ClusterSignature {
  const lexicon = buildLexicon(synonyms);
  const sum = new Map<string, number>();
  for (const text of texts) {
    for (const [key, weight] of termVector(text, segment, lexicon))
      sum.set(key, (sum.get(key) ?? 0) + weight);
  }
  const top = [...sum.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, SIGNATURE_TERMS);
  let norm = 0;
  for (const [, weight] of top) norm += weight * weight;
  norm = Math.sqrt(norm) || 1;
  return Object.fromEntries(top.map(([key, weight]) => [key, Math.round((weight / norm) * 1e4) / 1e4]));
}

/** An arrival joins a cluster when its cosine similarity to the cluster's signature reaches this. */
export const ARRIVAL_THRESHOLD = 0.3;

/** The cluster a new item belongs to (highest cosine similarity at or above the threshold), or null. */
export function nearestCluster(
  text: string,
  clusters: ReadonlyArray<{ id: string; signature: ClusterSignature }>,
  segment: Segmenter,
  synonyms: readonly SynonymGroup[] = defaultSynonyms(),
  threshold = ARRIVAL_THRESHOLD,
): { id: string; similarity: number } | null {
  const vector = termVector(text, segment, buildLexicon(synonyms));
  let best: { id: string; similarity: number } | null = null;
  for (const cluster of clusters) {
    let similarity = 0;
    for (const [key, weight] of vector) similarity += weight * (cluster.signature[key] ?? 0);
    if (similarity >= threshold && (!best || similarity > best.similarity))
      best = { id: cluster.id, similarity };
  }
  return best;
}

export type StoredCluster = { id: string; label: string; labelPinned: boolean; itemIds: readonly string[] };
export type ClusterPlan = {
  /** Clusters to keep or create, with the id they keep (an existing one) or null for a new one. */
  clusters: Array<{ id: string | null; label: string; terms: string[]; itemIds: string[] }>;
  /** Existing cluster ids nothing maps to any more (unless a person's placement keeps them). */
  dropped: string[];
};

/**
 * Carries people's corrections through a re-clustering. Each new cluster takes over the stored cluster it
 * shares most items with (so a pinned label stays on "the same" issue); items a person placed (`locked`) stay
 * in their cluster whatever the computation says.
 */
export function reconcileClusters(
  result: ClusterResult,
  stored: readonly StoredCluster[],
  locked: ReadonlyMap<string, string>,
): ClusterPlan {
  const storedOf = new Map<string, string>();
  for (const cluster of stored) for (const itemId of cluster.itemIds) storedOf.set(itemId, cluster.id);
  const byId = new Map(stored.map((cluster) => [cluster.id, cluster]));
  const taken = new Set<string>();
  const clusters: ClusterPlan['clusters'] = [];
  for (const cluster of result.clusters) {
    const itemIds = cluster.itemIds.filter((itemId) => !locked.has(itemId));
    const overlap = new Map<string, number>();
    for (const itemId of cluster.itemIds) {
      const previous = storedOf.get(itemId);
      if (previous && !taken.has(previous)) overlap.set(previous, (overlap.get(previous) ?? 0) + 1);
    }
    const [heir] = [...overlap.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const previous =
      heir && heir[1] * 2 >= Math.min(cluster.itemIds.length, byId.get(heir[0])?.itemIds.length ?? 0)
        ? byId.get(heir[0])
        : undefined;
    if (previous) taken.add(previous.id);
    clusters.push({
      id: previous?.id ?? null,
      label: previous?.labelPinned ? previous.label : cluster.label,
      terms: cluster.terms,
      itemIds,
    });
  }
  // Clusters holding placed items survive with those items even when nothing else maps to them.
  for (const [itemId, clusterId] of locked) {
    let entry = clusters.find((cluster) => cluster.id === clusterId);
    if (!entry) {
      const previous = byId.get(clusterId);
      if (!previous) continue;
      taken.add(clusterId);
      entry = { id: clusterId, label: previous.label, terms: [], itemIds: [] };
      clusters.push(entry);
    }
    entry.itemIds.push(itemId);
  }
  const dropped = stored.filter((cluster) => !taken.has(cluster.id)).map((cluster) => cluster.id);
  return { clusters: clusters.filter((cluster) => cluster.itemIds.length > 0), dropped };
}

const WEEK_MS = 7 * 86_400_000;

/** Items per week for the last `weeks` weeks ending at `now`, oldest first. */
export function weeklyCounts(createdAts: readonly number[], now: number, weeks = 8): number[] {
  const counts = new Array<number>(weeks).fill(0);
  for (const createdAt of createdAts) {
    const age = Math.floor((now - createdAt) / WEEK_MS);
    if (age >= 0 && age < weeks) counts[weeks - 1 - age] = (counts[weeks - 1 - age] ?? 0) + 1;
  }
  return counts;
}

export type ClusterStats = { size: number; votes: number; recent: number; previous: number };

/**
 * How urgent a common issue is: its size, its growth (items in the last two weeks against the two before)
 * and its votes, on a log scale so one huge cluster does not hide every rising one.
 */
export function clusterScore(stats: ClusterStats): number {
  const growth = (stats.recent + 1) / (stats.previous + 1);
  return Math.log2(1 + stats.size) * 2 + Math.log2(1 + stats.votes) + Math.log2(growth) * 1.5;
}

export type Csat = { count: number; average: number | null; satisfied: number; distribution: number[] };

/** CSAT of some ratings: how many, the average, the share of 4 and 5, and how many of each score 1–5. */
export function csatOf(ratings: readonly number[]): Csat {
  const distribution = [0, 0, 0, 0, 0];
  for (const rating of ratings)
    if (rating >= 1 && rating <= 5) distribution[rating - 1] = (distribution[rating - 1] ?? 0) + 1;
  const count = distribution.reduce((sum, n) => sum + n, 0);
  if (count === 0) return { count, average: null, satisfied: 0, distribution };
  const total = distribution.reduce((sum, n, index) => sum + n * (index + 1), 0);
  const satisfied = (distribution[3] ?? 0) + (distribution[4] ?? 0);
  return {
    count,
    average: Math.round((total / count) * 100) / 100,
    satisfied: Math.round((satisfied / count) * 1000) / 1000,
    distribution,
  };
}
