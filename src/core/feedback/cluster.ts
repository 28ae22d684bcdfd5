import { defaultSynonyms, type SynonymGroup } from './lexicon.ts';
import { analyseText, buildLexicon, type Segmenter, type TermOccurrence } from './text.ts';

export type FeedbackItem = { id: string; text: string };
export type FeedbackCluster = { label: string; terms: string[]; itemIds: string[] };
export type ClusterResult = { clusters: FeedbackCluster[]; unclustered: string[] };

export type ClusterOptions = {
  segment: Segmenter;
  /** The synonym map (default: the seeded ops vocabulary). */
  synonyms?: readonly SynonymGroup[];
  /** Two groups join while the average cosine similarity between their items is at least this. */
  threshold?: number;
  /** Smaller groups are dissolved; their items join the nearest cluster or stay unclustered. */
  minSize?: number;
  /** At most this many groups go into the exact agglomeration; the rest join by centroid. */
  maxUnits?: number;
};

export const DEFAULT_THRESHOLD = 0.22;
/** A word seen in a single item cannot tie anything; it still lengthens the vector, at a discount. */
const LONE_TERM_FACTOR = 0.5;
const DEFAULT_MAX_UNITS = 2000;

/** Default smallest cluster: pairs count in a small file, not in a big one. */
export function defaultMinSize(itemCount: number): number {
  if (itemCount < 200) return 2;
  if (itemCount < 2000) return 3;
  return 5;
}

/** A sparse vector: feature indices ascending, with their weights. */
type Vector = { features: Int32Array; weights: Float64Array };

type Corpus = {
  vectors: Vector[];
  featureKeys: string[];
  /** Per item, the words behind each feature as written, for labels. */
  surfaces: Map<number, string[]>[];
};

function vectorize(items: readonly FeedbackItem[], options: ClusterOptions): Corpus {
  const lexicon = buildLexicon(options.synonyms ?? defaultSynonyms());
  const featureIndex = new Map<string, number>();
  const featureKeys: string[] = [];
  const counts: Map<number, { count: number; weight: number }>[] = [];
  const surfaces: Map<number, string[]>[] = [];
  for (const item of items) {
    const occurrences: TermOccurrence[] = analyseText(item.text, options.segment, lexicon);
    const count = new Map<number, { count: number; weight: number }>();
    const surface = new Map<number, string[]>();
    for (const occurrence of occurrences) {
      let index = featureIndex.get(occurrence.key);
      if (index === undefined) {
        index = featureKeys.length;
        featureIndex.set(occurrence.key, index);
        featureKeys.push(occurrence.key);
      }
      const entry = count.get(index);
      if (entry) {
        entry.count++;
        entry.weight = Math.max(entry.weight, occurrence.weight);
      } else count.set(index, { count: 1, weight: occurrence.weight });
      const written = surface.get(index);
      if (written) written.push(occurrence.surface);
      else surface.set(index, [occurrence.surface]);
    }
    counts.push(count);
    surfaces.push(surface);
  }
  const documentFrequency = new Int32Array(featureKeys.length);
  for (const count of counts) {
    for (const index of count.keys()) documentFrequency[index] = (documentFrequency[index] ?? 0) + 1;
  }
  const n = items.length;
  const vectors = counts.map((count) => {
    const features = Int32Array.from([...count.keys()].sort((a, b) => a - b));
    const weights = new Float64Array(features.length);
    let norm = 0;
    features.forEach((index, position) => {
      const { count: tf, weight } = count.get(index) ?? { count: 0, weight: 0 };
      const df = documentFrequency[index] ?? 1;
      const value = (1 + Math.log(tf)) * weight * Math.log(1 + n / df) * (df === 1 ? LONE_TERM_FACTOR : 1);
      weights[position] = value;
      norm += value * value;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / norm;
    return { features, weights };
  });
  return { vectors, featureKeys, surfaces };
}

/** A group of items clustered as one: the sum of their unit vectors, so average linkage is a dot product. */
type Unit = { members: number[]; sum: Map<number, number> };

function addInto(sum: Map<number, number>, vector: Vector): void {
  vector.features.forEach((feature, position) => {
    sum.set(feature, (sum.get(feature) ?? 0) + (vector.weights[position] ?? 0));
  });
}

function topFeatures(vector: Vector, k: number): string {
  const order = [...vector.features.keys()].sort(
    (a, b) => (vector.weights[b] ?? 0) - (vector.weights[a] ?? 0) || a - b,
  );
  return order
    .slice(0, k)
    .map((position) => vector.features[position])
    .sort((a, b) => (a ?? 0) - (b ?? 0))
    .join(',');
}

/**
 * Groups items with the same vector, then — while there are too many groups for the exact step — with the
 * same top-k features (k = 3, 2, 1): a cheap first pass that keeps 100,000 items to a few thousand groups.
 */
function buildUnits(vectors: readonly Vector[], itemIndices: number[], maxUnits: number): Unit[][] {
  const group = (signature: (index: number) => string): number[][] => {
    const groups = new Map<string, number[]>();
    for (const index of itemIndices) {
      const key = signature(index);
      const members = groups.get(key);
      if (members) members.push(index);
      else groups.set(key, [index]);
    }
    return [...groups.values()];
  };
  let groups = group((index) => {
    const vector = vectors[index];
    return vector
      ? `${vector.features.join(',')}|${[...vector.weights].map((w) => w.toFixed(4)).join(',')}`
      : '';
  });
  for (let k = 3; k > 0 && groups.length > maxUnits; k--) {
    groups = group((index) => {
      const vector = vectors[index];
      return vector ? topFeatures(vector, k) : '';
    });
  }
  // Biggest groups go to the exact step; when even top-1 groups are too many, the rest join by centroid.
  groups.sort((a, b) => b.length - a.length || (a[0] ?? 0) - (b[0] ?? 0));
  const toUnit = (members: number[]): Unit => {
    const sum = new Map<number, number>();
    for (const member of members) {
      const vector = vectors[member];
      if (vector) addInto(sum, vector);
    }
    return { members, sum };
  };
  return [groups.slice(0, maxUnits).map(toUnit), groups.slice(maxUnits).map(toUnit)];
}

function dot(a: Map<number, number>, b: Map<number, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let total = 0;
  for (const [feature, value] of small) {
    const other = large.get(feature);
    if (other !== undefined) total += value * other;
  }
  return total;
}

/**
 * Average-linkage agglomeration over the units (nearest-neighbour chain on a dense similarity matrix,
 * Lance–Williams updates), cut where the average similarity falls below the threshold.
 */
function agglomerate(units: readonly Unit[], threshold: number): number[][] {
  const m = units.length;
  if (m === 0) return [];
  const similarity = new Float32Array(m * m);
  // Dot products only between units sharing a feature, found through an inverted index.
  const postings = new Map<number, number[]>();
  units.forEach((unit, index) => {
    for (const feature of unit.sum.keys()) {
      const list = postings.get(feature);
      if (list) list.push(index);
      else postings.set(feature, [index]);
    }
  });
  const sizes = units.map((unit) => unit.members.length);
  for (let i = 0; i < m; i++) {
    const unit = units[i];
    if (!unit) continue;
    const seen = new Set<number>();
    for (const feature of unit.sum.keys()) {
      for (const j of postings.get(feature) ?? []) {
        if (j <= i || seen.has(j)) continue;
        seen.add(j);
        const other = units[j];
        if (!other) continue;
        const value = dot(unit.sum, other.sum) / ((sizes[i] ?? 1) * (sizes[j] ?? 1));
        similarity[i * m + j] = value;
        similarity[j * m + i] = value;
      }
    }
  }
  const active = new Uint8Array(m).fill(1);
  const merges: { a: number; b: number; value: number }[] = [];
  const chain: number[] = [];
  let remaining = m;
  const nearest = (i: number, previous: number | undefined): { j: number; value: number } => {
    let best = -1;
    let bestValue = -Infinity;
    // Ties go to the chain's previous element, then the lowest index: the chain ends, output is stable.
    if (previous !== undefined) {
      best = previous;
      bestValue = similarity[i * m + previous] ?? 0;
    }
    for (let j = 0; j < m; j++) {
      if (j === i || !active[j]) continue;
      const value = similarity[i * m + j] ?? 0;
      if (value > bestValue) {
        best = j;
        bestValue = value;
      }
    }
    return { j: best, value: bestValue };
  };
  while (remaining > 1) {
    if (chain.length === 0) {
      for (let i = 0; i < m; i++) {
        if (active[i]) {
          chain.push(i);
          break;
        }
      }
    }
    const top = chain[chain.length - 1] ?? 0;
    const previous = chain.length > 1 ? chain[chain.length - 2] : undefined;
    const { j, value } = nearest(top, previous);
    if (j === previous && previous !== undefined) {
      chain.pop();
      chain.pop();
      const [a, b] = top < previous ? [top, previous] : [previous, top];
      merges.push({ a, b, value });
      const sizeA = sizes[a] ?? 1;
      const sizeB = sizes[b] ?? 1;
      for (let k = 0; k < m; k++) {
        if (!active[k] || k === a || k === b) continue;
        const merged =
          (sizeA * (similarity[a * m + k] ?? 0) + sizeB * (similarity[b * m + k] ?? 0)) / (sizeA + sizeB);
        similarity[a * m + k] = merged;
        similarity[k * m + a] = merged;
      }
      sizes[a] = sizeA + sizeB;
      active[b] = 0;
      remaining--;
    } else {
      chain.push(j);
    }
  }
  // Average linkage has no inversions: the merges at or above the threshold form the cut.
  const parent = Int32Array.from({ length: m }, (_, index) => index);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] ?? root;
    return root;
  };
  for (const merge of merges) {
    if (merge.value >= threshold) {
      const ra = find(merge.a);
      const rb = find(merge.b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < m; i++) {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()];
}

type Group = { members: number[]; sum: Map<number, number> };

/** Each item goes to the cluster whose members it resembles most on average, if that reaches the threshold. */
function assignToNearest(
  items: readonly number[],
  vectors: readonly Vector[],
  clusters: readonly Group[],
  threshold: number,
): Map<number, number> {
  const postings = new Map<number, { cluster: number; value: number }[]>();
  clusters.forEach((cluster, index) => {
    for (const [feature, value] of cluster.sum) {
      const list = postings.get(feature);
      const entry = { cluster: index, value: value / cluster.members.length };
      if (list) list.push(entry);
      else postings.set(feature, [entry]);
    }
  });
  const assignment = new Map<number, number>();
  const scores = new Float64Array(clusters.length);
  for (const item of items) {
    const vector = vectors[item];
    if (!vector) continue;
    const touched: number[] = [];
    vector.features.forEach((feature, position) => {
      for (const { cluster, value } of postings.get(feature) ?? []) {
        if (scores[cluster] === 0) touched.push(cluster);
        scores[cluster] = (scores[cluster] ?? 0) + value * (vector.weights[position] ?? 0);
      }
    });
    let best = -1;
    let bestValue = threshold;
    for (const cluster of touched.sort((a, b) => a - b)) {
      if ((scores[cluster] ?? 0) >= bestValue && (best < 0 || (scores[cluster] ?? 0) > bestValue)) {
        best = cluster;
        bestValue = scores[cluster] ?? 0;
      }
    }
    for (const cluster of touched) scores[cluster] = 0;
    if (best >= 0) assignment.set(item, best);
  }
  return assignment;
}

function describe(group: Group, corpus: Corpus): { label: string; terms: string[] } {
  const coverage = new Map<number, number>();
  const surfaceCounts = new Map<number, Map<string, number>>();
  for (const member of group.members) {
    for (const [feature, written] of corpus.surfaces[member] ?? []) {
      coverage.set(feature, (coverage.get(feature) ?? 0) + 1);
      let counts = surfaceCounts.get(feature);
      if (!counts) surfaceCounts.set(feature, (counts = new Map()));
      for (const surface of written) counts.set(surface, (counts.get(surface) ?? 0) + 1);
    }
  }
  const size = group.members.length;
  const ranked = [...group.sum.entries()]
    .filter(([feature]) => !corpus.featureKeys[feature]?.startsWith('p:'))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const shared = ranked.filter(([feature]) => (coverage.get(feature) ?? 0) >= Math.min(2, size));
  const chosen = (shared.length > 0 ? shared : ranked).slice(0, 5);
  const surfaceOf = (feature: number): string => {
    let best = '';
    let bestCount = 0;
    // Map order is first-seen order, so ties go to the earliest item's wording.
    for (const [surface, count] of surfaceCounts.get(feature) ?? []) {
      if (count > bestCount) {
        best = surface;
        bestCount = count;
      }
    }
    return best;
  };
  const terms: string[] = [];
  const labelParts: string[] = [];
  const topScore = chosen[0]?.[1] ?? 0;
  for (const [feature, score] of chosen) {
    const surface = surfaceOf(feature);
    if (!surface || terms.includes(surface)) continue;
    terms.push(surface);
    if (labelParts.length < 3 && score >= topScore * 0.5) labelParts.push(surface);
  }
  return { label: labelParts.join(' / '), terms };
}

/**
 * Clusters feedback into common issues (共性问题). Texts become TF-IDF vectors over words and synonym
 * concepts; groups join by average-linkage cosine similarity while it stays at or above the threshold;
 * groups below the minimum size dissolve and their items join the nearest cluster or stay unclustered.
 * Deterministic: clusters biggest first, then by label; items in input order.
 */
export function clusterFeedback(items: readonly FeedbackItem[], options: ClusterOptions): ClusterResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minSize = Math.max(2, options.minSize ?? defaultMinSize(items.length));
  const corpus = vectorize(items, options);
  const withTerms: number[] = [];
  corpus.vectors.forEach((vector, index) => {
    if (vector.features.length > 0) withTerms.push(index);
  });
  const [units = [], deferred = []] = buildUnits(
    corpus.vectors,
    withTerms,
    options.maxUnits ?? DEFAULT_MAX_UNITS,
  );
  const kept: Group[] = [];
  const loose: number[] = [];
  for (const indices of agglomerate(units, threshold)) {
    const members = indices.flatMap((index) => units[index]?.members ?? []);
    if (members.length >= minSize) {
      const sum = new Map<number, number>();
      for (const index of indices) {
        for (const [feature, value] of units[index]?.sum ?? [])
          sum.set(feature, (sum.get(feature) ?? 0) + value);
      }
      kept.push({ members, sum });
    } else loose.push(...members);
  }
  for (const unit of deferred) loose.push(...unit.members);
  const assignment = assignToNearest(loose, corpus.vectors, kept, threshold);
  for (const [item, cluster] of assignment) {
    const group = kept[cluster];
    const vector = corpus.vectors[item];
    if (!group || !vector) continue;
    group.members.push(item);
    addInto(group.sum, vector);
  }
  const clustered = new Set<number>();
  const clusters = kept.map((group) => {
    group.members.sort((a, b) => a - b);
    for (const member of group.members) clustered.add(member);
    return { ...describe(group, corpus), itemIds: group.members.map((member) => items[member]?.id ?? '') };
  });
  clusters.sort(
    (a, b) => b.itemIds.length - a.itemIds.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
  const unclustered = items.flatMap((item, index) => (clustered.has(index) ? [] : [item.id]));
  return { clusters, unclustered };
}
