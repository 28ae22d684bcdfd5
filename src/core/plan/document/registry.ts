import type { Plan, PlanLocale, PlanObservations } from '../model.ts';
import { documentTranslator, type Translate } from './labels.ts';
import type { Block } from './types.ts';

/** What a chapter builder is given besides the plan: the language, today, and shared lookups. */
export type ChapterContext = {
  locale: PlanLocale;
  t: Translate;
  /** The chapter's number in the document, for numbering its sections ("3.2"). */
  number: number;
  /** The day the document is written (YYYY-MM-DD in the plan's time zone). */
  today: string;
  /** A person's display name from their e-mail; the e-mail itself when the plan does not list them. */
  personName: (email: string | undefined) => string;
  /** A step owner (`role:manager`, `skill:copywriting`, an e-mail) in words. */
  ownerLabel: (owner: string | undefined) => string;
  /** Ids for figures, unique within the document. */
  figureId: (prefix: string) => string;
};

/**
 * One chapter of the written plan. Modules contribute their chapter by adding a `ChapterModule` to the list in
 * `chapters/index.ts`: `order` places it, `build` returns its blocks, or `null` when the plan holds nothing for
 * it — the document then says plainly, in its language, what is not planned yet (`notPlanned`), so a chapter
 * never vanishes.
 */
export type ChapterModule = {
  id: string;
  order: number;
  title: (locale: PlanLocale) => string;
  build: (plan: Plan, observations: PlanObservations | null, context: ChapterContext) => Block[] | null;
  /** What the chapter will hold once planned, for the "not planned yet" note. */
  notPlanned: (locale: PlanLocale) => string;
};

/** The chapters in print order; a later registration with the same id replaces the earlier one. */
export function chapterList(modules: readonly ChapterModule[]): ChapterModule[] {
  const byId = new Map<string, ChapterModule>();
  for (const module of modules) byId.set(module.id, module);
  return [...byId.values()].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

/** A title function from the document labels. */
export function titleFrom(key: Parameters<Translate>[0]): (locale: PlanLocale) => string {
  return (locale) => documentTranslator(locale)(key);
}
