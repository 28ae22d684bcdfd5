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
/** Plain words count less than synonym concepts: a concept is a judgement someone made about the domain. */
const WORD_WEIGHT = 0.7;
/**
 * The square root of IDF: in a small file the topic everyone writes about gets a low IDF and an incidental
 * word a high one; damping keeps the topic in charge.
 */
const IDF_POWER = 0.5;
const DEFAULT_MAX_UNITS = 2000;
const REFINE_PASSES = 4;
/** Above this many items one refining pass is enough: each item weighs little in its cluster. */
const LARGE = 20_000;

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
  /**
   * Per item, the wordings behind its features as (feature, wording, rank in the synonym group) triples,
   * wordings interned in `wordings`: labels need them, and 100,000 small maps would not fit.
   */
  surfaces: Int32Array[];
  wordings: string[];
};

function vectorize(items: readonly FeedbackItem[], options: ClusterOptions): Corpus {
  const lexicon = buildLexicon(options.synonyms ?? defaultSynonyms());
  const featureIndex = new Map<string, number>();
  const featureKeys: string[] = [];
  const counts: Map<number, { count: number; weight: number }>[] = [];
  const surfaces: Int32Array[] = [];
  const wordingIndex = new Map<string, number>();
  const wordings: string[] = [];
  for (const item of items) {
    const occurrences: TermOccurrence[] = analyseText(item.text, options.segment, lexicon);
    const count = new Map<number, { count: number; weight: number }>();
    const triples: number[] = [];
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
      let wording = wordingIndex.get(occurrence.surface);
      if (wording === undefined) {
        wording = wordings.length;
        wordingIndex.set(occurrence.surface, wording);
        wordings.push(occurrence.surface);
      }
      triples.push(index, wording, occurrence.rank);
    }
    counts.push(count);
    surfaces.push(Int32Array.from(triples));
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
      const isWord = featureKeys[index]?.startsWith('w:') ?? false;
      const value =
        (1 + Math.log(tf)) *
        weight *
        (isWord ? WORD_WEIGHT : 1) *
        Math.log(1 + n / df) ** IDF_POWER *
        (df === 1 ? LONE_TERM_FACTOR : 1);
      weights[position] = value;
      norm += value * value;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / norm;
    return { features, weights };
  });
  return { vectors, featureKeys, surfaces, wordings };
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

/**
 * Average-linkage agglomeration over the units (nearest-neighbour chain on a dense similarity matrix,
 * Lance–Williams updates), cut where the average similarity falls below the threshold.
 */
function agglomerate(units: readonly Unit[], threshold: number): number[][] {
  const m = units.length;
  if (m === 0) return [];
  const similarity = new Float32Array(m * m);
  // Sparse product through an inverted index: each unit scatters its weights onto the units that share a
  // feature, so pairs with nothing in common cost nothing.
  const postings = new Map<number, { units: number[]; values: number[] }>();
  units.forEach((unit, index) => {
    for (const [feature, value] of unit.sum) {
      const list = postings.get(feature);
      if (list) {
        list.units.push(index);
        list.values.push(value);
      } else postings.set(feature, { units: [index], values: [value] });
    }
  });
  const sizes = units.map((unit) => unit.members.length);
  const row = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const unit = units[i];
    if (!unit) continue;
    row.fill(0, i + 1);
    for (const [feature, value] of unit.sum) {
      const list = postings.get(feature);
      if (!list) continue;
      // Postings are in unit order: skip to the units after i.
      for (let k = list.units.length - 1; k >= 0; k--) {
        const j = list.units[k] ?? 0;
        if (j <= i) break;
        row[j] = (row[j] ?? 0) + value * (list.values[k] ?? 0);
      }
    }
    const sizeI = sizes[i] ?? 1;
    for (let j = i + 1; j < m; j++) {
      const product = row[j] ?? 0;
      if (product === 0) continue;
      const value = product / (sizeI * (sizes[j] ?? 1));
      similarity[i * m + j] = value;
      similarity[j * m + i] = value;
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

/** Sum of unit vectors, so the average similarity of an item to a group's members is one dot product. */
function groupOf(members: number[], vectors: readonly Vector[]): Group {
  const sum = new Map<number, number>();
  for (const member of members) {
    const vector = vectors[member];
    if (vector) addInto(sum, vector);
  }
  return { members, sum };
}

/**
 * Moves items to the cluster whose members they resemble most on average (their own cluster counted
 * without them), in batch passes like k-means, so an item an early merge put in the wrong place finds
 * its way. An item outside every cluster joins one only at or above the threshold.
 */
function refine(
  vectors: readonly Vector[],
  groups: Group[],
  items: readonly number[],
  threshold: number,
  passes: number,
): Group[] {
  const membership = new Map<number, number>();
  groups.forEach((group, index) => {
    for (const member of group.members) membership.set(member, index);
  });
  let current = groups;
  for (let pass = 0; pass < passes; pass++) {
    const postings = new Map<number, { clusters: number[]; values: number[] }>();
    current.forEach((group, index) => {
      for (const [feature, value] of group.sum) {
        const list = postings.get(feature);
        if (list) {
          list.clusters.push(index);
          list.values.push(value);
        } else postings.set(feature, { clusters: [index], values: [value] });
      }
    });
    const scores = new Float64Array(current.length);
    const next = new Map<number, number>();
    let moved = 0;
    for (const item of items) {
      const vector = vectors[item];
      if (!vector) continue;
      const touched: number[] = [];
      for (let position = 0; position < vector.features.length; position++) {
        const list = postings.get(vector.features[position] ?? -1);
        if (!list) continue;
        const weight = vector.weights[position] ?? 0;
        for (let k = 0; k < list.clusters.length; k++) {
          const cluster = list.clusters[k] ?? 0;
          if (scores[cluster] === 0) touched.push(cluster);
          scores[cluster] = (scores[cluster] ?? 0) + weight * (list.values[k] ?? 0);
        }
      }
      const own = membership.get(item) ?? -1;
      const ownSize = current[own]?.members.length ?? 0;
      // The item's own vector is in its cluster's sum and has length 1: take it out.
      let best = own;
      let bestValue = own >= 0 ? (ownSize > 1 ? ((scores[own] ?? 0) - 1) / (ownSize - 1) : 0) : -Infinity;
      for (const cluster of touched.sort((a, b) => a - b)) {
        if (cluster === own) continue;
        const value = (scores[cluster] ?? 0) / (current[cluster]?.members.length ?? 1);
        if (value >= threshold && value > bestValue + 1e-12) {
          best = cluster;
          bestValue = value;
        }
      }
      for (const cluster of touched) scores[cluster] = 0;
      if (best >= 0) next.set(item, best);
      if (best !== own) moved++;
    }
    if (moved === 0) break;
    for (const [item, cluster] of membership) if (!next.has(item)) next.set(item, cluster);
    const members: number[][] = current.map(() => []);
    for (const [item, cluster] of [...next].sort((a, b) => a[0] - b[0])) members[cluster]?.push(item);
    current = members.map((list) => groupOf(list, vectors));
    membership.clear();
    for (const [item, cluster] of next) membership.set(item, cluster);
  }
  return current.filter((group) => group.members.length > 0);
}

function describe(group: Group, corpus: Corpus): { label: string; terms: string[] } {
  const coverage = new Map<number, number>();
  const surfaceCounts = new Map<number, Map<string, { count: number; rank: number }>>();
  for (const member of group.members) {
    const triples = corpus.surfaces[member] ?? new Int32Array(0);
    const seen = new Set<number>();
    for (let i = 0; i < triples.length; i += 3) {
      const feature = triples[i] ?? 0;
      const surface = corpus.wordings[triples[i + 1] ?? 0] ?? '';
      const rank = triples[i + 2] ?? 0;
      if (!seen.has(feature)) {
        seen.add(feature);
        coverage.set(feature, (coverage.get(feature) ?? 0) + 1);
      }
      let counts = surfaceCounts.get(feature);
      if (!counts) surfaceCounts.set(feature, (counts = new Map()));
      const entry = counts.get(surface);
      if (entry) entry.count++;
      else counts.set(surface, { count: 1, rank });
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
    let bestRank = Infinity;
    // The most used wording; on a tie the synonym group's earlier one (卡顿 before 卡得), then the first seen.
    for (const [surface, { count, rank }] of surfaceCounts.get(feature) ?? []) {
      if (count > bestCount || (count === bestCount && rank < bestRank)) {
        best = surface;
        bestCount = count;
        bestRank = rank;
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
  // Units beyond the cap are not agglomerated: their items meet the clusters in the refining passes.
  const [units = []] = buildUnits(corpus.vectors, withTerms, options.maxUnits ?? DEFAULT_MAX_UNITS);
  const groups: Group[] = [];
  for (const indices of agglomerate(units, threshold)) {
    const members = indices.flatMap((index) => units[index]?.members ?? []).sort((a, b) => a - b);
    if (members.length > 1) groups.push(groupOf(members, corpus.vectors));
  }
  const passes = withTerms.length > LARGE ? 1 : REFINE_PASSES;
  const refined = refine(corpus.vectors, groups, withTerms, threshold, passes);
  // Groups below the minimum size dissolve; their items may still join a cluster that is big enough.
  const kept = refined.filter((group) => group.members.length >= minSize);
  const dissolved = refined
    .filter((group) => group.members.length < minSize)
    .flatMap((group) => group.members);
  const final = dissolved.length > 0 ? refine(corpus.vectors, kept, dissolved, threshold, 1) : kept;
  const clustered = new Set<number>();
  const clusters = final.map((group) => {
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
