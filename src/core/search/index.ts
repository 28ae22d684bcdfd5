/**
 * Global search: what a query means (its terms), how candidates the database found are ranked, and which parts
 * of a text to highlight. Matching is case-insensitive substring matching, as the trigram index finds it, so
 * Chinese needs no word breaks: "投放" finds 调整投放策略.
 */

export const SEARCH_KINDS = ['goal', 'kpi', 'task', 'process', 'case', 'person'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** At most this many terms, each at most this long: a pasted paragraph stays a cheap query. */
export const MAX_TERMS = 5;
export const MAX_TERM_LENGTH = 40;
/** The trigram index finds substrings of at least three characters; shorter terms are matched by scanning. */
export const MIN_INDEXED_LENGTH = 3;

export type SearchCandidate = {
  kind: SearchKind;
  id: string;
  title: string;
  body: string;
  /** What the link needs besides the id: a KPI's key, a case's process. */
  ref: string | null;
};

export type SearchHit = {
  kind: SearchKind;
  id: string;
  title: string;
  /** The part of the body around the first term the title lacks; null when the title says it all. */
  snippet: string | null;
  ref: string | null;
};

/** The distinct terms of a query, split on white space, in their order; lower-cased for comparison. */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  for (const raw of query.normalize('NFKC').split(/\s+/u)) {
    const term = raw.trim().slice(0, MAX_TERM_LENGTH).toLowerCase();
    if (term !== '' && !terms.includes(term)) terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/** Every term found in title or body: what the database query already guarantees, checked again here. */
export function matchesAll(terms: readonly string[], title: string, body: string): boolean {
  const haystack = `${title}\n${body}`.toLowerCase();
  return terms.every((term) => haystack.includes(term));
}

// Kinds the team opens most come first among equal scores.
const KIND_ORDER: Record<SearchKind, number> = { goal: 0, kpi: 1, task: 2, process: 3, case: 4, person: 5 };

/** Higher is better: the whole title, a title starting with the query, terms in the title, then short titles. */
export function searchScore(terms: readonly string[], title: string): number {
  const lower = title.toLowerCase();
  const phrase = terms.join(' ');
  let score = 0;
  if (lower === phrase) score += 100;
  else if (lower.startsWith(terms[0] ?? '')) score += 30;
  for (const term of terms) if (lower.includes(term)) score += 20;
  return score - Math.min(title.length, 200) / 20;
}

/**
 * The best `limit` hits, each with its snippet. No kind takes more than a third of the places while others
 * wait (a hundred cases named "用户反馈…" must not hide the goal about 用户), unless nothing else is left.
 */
export function rankSearchHits(
  terms: readonly string[],
  candidates: readonly SearchCandidate[],
  limit: number,
): SearchHit[] {
  const ranked = candidates
    .filter((candidate) => matchesAll(terms, candidate.title, candidate.body))
    .map((candidate) => ({ candidate, score: searchScore(terms, candidate.title) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        KIND_ORDER[a.candidate.kind] - KIND_ORDER[b.candidate.kind] ||
        a.candidate.title.localeCompare(b.candidate.title),
    );
  const perKind = Math.max(3, Math.ceil(limit / 3));
  const taken = new Map<SearchKind, number>();
  const first = ranked.filter(({ candidate }) => {
    const count = taken.get(candidate.kind) ?? 0;
    taken.set(candidate.kind, count + 1);
    return count < perKind;
  });
  const chosen = new Set(first.slice(0, limit));
  for (const entry of ranked) if (chosen.size < limit) chosen.add(entry);
  return ranked
    .filter((entry) => chosen.has(entry))
    .map(({ candidate }) => ({
      kind: candidate.kind,
      id: candidate.id,
      title: candidate.title,
      snippet: snippet(terms, candidate.title, candidate.body),
      ref: candidate.ref,
    }));
}

/** About `width` characters of the body around the first term the title does not show. */
export function snippet(terms: readonly string[], title: string, body: string, width = 60): string | null {
  const lowerTitle = title.toLowerCase();
  const lowerBody = body.toLowerCase();
  const term = terms.find((candidate) => !lowerTitle.includes(candidate) && lowerBody.includes(candidate));
  if (term === undefined) return null;
  const at = lowerBody.length === body.length ? lowerBody.indexOf(term) : 0;
  const start = Math.max(0, at - Math.floor((width - term.length) / 2));
  const end = Math.min(body.length, start + width);
  const text = body.slice(start, end).replace(/\s+/gu, ' ').trim();
  return `${start > 0 ? '…' : ''}${text}${end < body.length ? '…' : ''}`;
}

export type MarkedPart = { text: string; isMatch: boolean };

/** The text cut into plain and matching parts, for highlighting; overlapping matches merge. */
export function markMatches(text: string, terms: readonly string[]): MarkedPart[] {
  const lower = text.toLowerCase();
  // A few letters change length when lower-cased (İ): positions would no longer line up, so mark nothing.
  if (lower.length !== text.length) return [{ text, isMatch: false }];
  const marked = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    if (term === '') continue;
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + 1)) {
      for (let i = at; i < at + term.length; i += 1) marked[i] = true;
    }
  }
  const parts: MarkedPart[] = [];
  marked.forEach((isMatch, i) => {
    const last = parts[parts.length - 1];
    if (last && last.isMatch === isMatch) last.text += text.charAt(i);
    else parts.push({ text: text.charAt(i), isMatch });
  });
  return parts;
}
