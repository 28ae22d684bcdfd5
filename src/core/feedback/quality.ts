import type { ClusterResult } from './cluster.ts';

/** How a clustering agrees with known topics. Unclustered items count as singletons. */
export type ClusterQuality = {
  /** Share of clustered items whose cluster's majority topic is theirs. */
  purity: number;
  /** Share of items put in some cluster. */
  coverage: number;
  adjustedRandIndex: number;
  pairwiseF1: number;
};

const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Scores a clustering against a topic per item id. Items whose topic is `noiseTopic` (default "misc") have
 * no topic in common with anything: each is its own true group.
 */
export function clusterQuality(
  result: ClusterResult,
  topics: ReadonlyMap<string, string>,
  noiseTopic = 'misc',
): ClusterQuality {
  const truth = (id: string): string => {
    const topic = topics.get(id) ?? `?${id}`;
    return topic === noiseTopic ? `${noiseTopic}:${id}` : topic;
  };
  const groups = [
    ...result.clusters.map((cluster) => cluster.itemIds),
    ...result.unclustered.map((id) => [id]),
  ];
  const contingency = new Map<string, number>();
  const predictedSizes: number[] = [];
  const trueSizes = new Map<string, number>();
  let total = 0;
  groups.forEach((ids, group) => {
    predictedSizes.push(ids.length);
    for (const id of ids) {
      const topic = truth(id);
      const key = `${group}\u0000${topic}`;
      contingency.set(key, (contingency.get(key) ?? 0) + 1);
      trueSizes.set(topic, (trueSizes.get(topic) ?? 0) + 1);
      total++;
    }
  });
  const samePairsBoth = [...contingency.values()].reduce((sum, count) => sum + pairs(count), 0);
  const samePredicted = predictedSizes.reduce((sum, size) => sum + pairs(size), 0);
  const sameTrue = [...trueSizes.values()].reduce((sum, size) => sum + pairs(size), 0);
  const expected = total > 1 ? (samePredicted * sameTrue) / pairs(total) : 0;
  const maximum = (samePredicted + sameTrue) / 2;
  const adjustedRandIndex = maximum === expected ? 1 : (samePairsBoth - expected) / (maximum - expected);
  const precision = samePredicted > 0 ? samePairsBoth / samePredicted : 1;
  const recall = sameTrue > 0 ? samePairsBoth / sameTrue : 1;
  const pairwiseF1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  let majority = 0;
  let clustered = 0;
  for (const cluster of result.clusters) {
    const counts = new Map<string, number>();
    for (const id of cluster.itemIds) counts.set(truth(id), (counts.get(truth(id)) ?? 0) + 1);
    majority += Math.max(0, ...counts.values());
    clustered += cluster.itemIds.length;
  }
  return {
    purity: clustered > 0 ? majority / clustered : 0,
    coverage: total > 0 ? clustered / total : 0,
    adjustedRandIndex,
    pairwiseF1,
  };
}
