import { stemmer } from 'stemmer';
import type { SynonymGroup } from './lexicon.ts';
import { EN_STOP_WORDS, ZH_STOP_WORDS } from './stopwords.ts';

/** Cuts a run of Chinese characters into words (jieba in practice; any function in tests). */
export type Segmenter = (text: string) => string[];

/**
 * One thing a text says: a concept of the synonym map (`c:`), its parent (`p:`) or a plain word (`w:`).
 * `rank` is the wording's place in its synonym group (0 for plain words): labels prefer the first wording.
 */
export type TermOccurrence = { key: string; surface: string; weight: number; rank: number };

type Concept = { key: string; parentKey: string | null; weight: number };
type Term = { concept: number; rank: number };

/** The synonym map compiled for matching: Chinese terms by text, English terms by stemmed word sequence. */
export type Lexicon = {
  concepts: Concept[];
  chinese: Map<string, Term>;
  chineseSingle: Map<string, Term>;
  longestChinese: number;
  english: Map<string, Term>;
  longestEnglish: number;
};

/** A parent concept counts for a third of its child: siblings lean together but stay apart. */
export const PARENT_WEIGHT = 0.35;

const HAN = /\p{Script=Han}/u;
const TOKEN = /\p{Script=Han}+|[a-z0-9]+(?:'[a-z]+)*/gu;

/** Full-width to half-width, lower case, one kind of apostrophe. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
}

function stem(word: string): string {
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/** Compiles synonym groups; a term claimed by two groups belongs to the first. */
export function buildLexicon(groups: readonly SynonymGroup[]): Lexicon {
  const lexicon: Lexicon = {
    concepts: [],
    chinese: new Map(),
    chineseSingle: new Map(),
    longestChinese: 0,
    english: new Map(),
    longestEnglish: 0,
  };
  const parents = new Set(groups.map((group) => group.parent).filter(Boolean));
  for (const group of groups) {
    const index = lexicon.concepts.length;
    const parent = group.parent ?? (parents.has(group.id) ? group.id : null);
    lexicon.concepts.push({
      key: `c:${group.id}`,
      parentKey: parent ? `p:${parent}` : null,
      weight: group.weight ?? 1,
    });
    for (const [rank, raw] of group.terms.entries()) {
      const term = normalizeText(raw).trim();
      if (!term) continue;
      if (HAN.test(term)) {
        // Mixed terms such as "up主" cannot be matched inside a Chinese run; they are left out.
        if (!/^\p{Script=Han}+$/u.test(term)) continue;
        const target = term.length === 1 ? lexicon.chineseSingle : lexicon.chinese;
        if (!target.has(term)) target.set(term, { concept: index, rank });
        if (term.length > 1) lexicon.longestChinese = Math.max(lexicon.longestChinese, term.length);
      } else {
        const words = term.match(TOKEN) ?? [];
        if (words.length === 0) continue;
        const key = words.map(stem).join(' ');
        if (!lexicon.english.has(key)) lexicon.english.set(key, { concept: index, rank });
        lexicon.longestEnglish = Math.max(lexicon.longestEnglish, words.length);
      }
    }
  }
  return lexicon;
}

function emitConcept(lexicon: Lexicon, term: Term, surface: string, out: TermOccurrence[]): void {
  const concept = lexicon.concepts[term.concept];
  if (!concept) return;
  out.push({ key: concept.key, surface, weight: concept.weight, rank: term.rank });
  if (concept.parentKey) {
    out.push({ key: concept.parentKey, surface, weight: concept.weight * PARENT_WEIGHT, rank: term.rank });
  }
}

function analyseEnglish(words: string[], lexicon: Lexicon, out: TermOccurrence[]): void {
  const stems = words.map(stem);
  let i = 0;
  while (i < words.length) {
    let matched = 0;
    for (let length = Math.min(lexicon.longestEnglish, words.length - i); length > 0; length--) {
      const concept = lexicon.english.get(stems.slice(i, i + length).join(' '));
      // A stop word stems like a term sometimes ("add" → "ad"): alone it never counts.
      if (concept !== undefined && (length > 1 || !EN_STOP_WORDS.has(words[i] ?? ''))) {
        emitConcept(lexicon, concept, words.slice(i, i + length).join(' '), out);
        matched = length;
        break;
      }
    }
    if (matched > 0) {
      i += matched;
      continue;
    }
    const word = words[i] ?? '';
    const stemmed = stems[i] ?? '';
    if (word.length > 1 && !/^\d+$/.test(word) && !EN_STOP_WORDS.has(word)) {
      out.push({ key: `w:${stemmed}`, surface: word, weight: 1, rank: 0 });
    }
    i++;
  }
}

function analyseChinese(run: string, segment: Segmenter, lexicon: Lexicon, out: TermOccurrence[]): void {
  // Synonym terms first, longest match, straight on the characters: jieba may cut "扣费前" or "登不上"
  // differently from the term list, the characters do not change.
  const covered = new Uint8Array(run.length);
  for (let i = 0; i < run.length;) {
    let matched = 0;
    for (let length = Math.min(lexicon.longestChinese, run.length - i); length > 1; length--) {
      const term = run.slice(i, i + length);
      const concept = lexicon.chinese.get(term);
      if (concept !== undefined) {
        emitConcept(lexicon, concept, term, out);
        covered.fill(1, i, i + length);
        matched = length;
        break;
      }
    }
    i += matched > 0 ? matched : 1;
  }
  // The rest through the segmenter: words not already inside a synonym term.
  let position = 0;
  for (const word of segment(run)) {
    const start = run.indexOf(word, position);
    if (start < 0) continue;
    position = start + word.length;
    if (covered.subarray(start, position).some((flag) => flag === 1)) continue;
    const single = word.length === 1 ? lexicon.chineseSingle.get(word) : undefined;
    if (single !== undefined) emitConcept(lexicon, single, word, out);
    else if (word.length > 1 && !ZH_STOP_WORDS.has(word) && HAN.test(word)) {
      out.push({ key: `w:${word}`, surface: word, weight: 1, rank: 0 });
    }
  }
}

/** What one feedback text says, as weighted term occurrences, Chinese and English alike. */
export function analyseText(text: string, segment: Segmenter, lexicon: Lexicon): TermOccurrence[] {
  const out: TermOccurrence[] = [];
  let english: string[] = [];
  for (const token of normalizeText(text).match(TOKEN) ?? []) {
    if (HAN.test(token)) {
      if (english.length > 0) analyseEnglish(english, lexicon, out);
      english = [];
      analyseChinese(token, segment, lexicon, out);
    } else {
      english.push(token);
    }
  }
  if (english.length > 0) analyseEnglish(english, lexicon, out);
  return out;
}
