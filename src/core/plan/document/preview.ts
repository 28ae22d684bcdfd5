import type { PlanLocale } from '../model.ts';
import { documentTranslator } from './labels.ts';
import type { PlanDocument } from './types.ts';

/**
 * How much of a large plan the live preview on the Plan page shows. The preview is built on every visit, so the
 * server reads only this much (plans/service.ts readPlanPreview) and each chapter it shortened says how many it
 * left out; the generated documents (DOCX, PDF, …) still hold the whole plan. A plan within every limit is
 * previewed whole, exactly as its document.
 */
export type PreviewLimits = { goals: number; tasks: number; kpis: number };

export const PREVIEW_LIMITS: PreviewLimits = { goals: 100, tasks: 200, kpis: 100 };

/** What the preview shows of one kind of item, against how many the plan (or the goal's subtree) holds. */
export type PreviewCount = { shown: number; total: number };

/** The kinds the preview shortened; a kind shown whole is absent. */
export type PreviewCut = Partial<Record<keyof PreviewLimits, PreviewCount>>;

/** The chapters that list each kind: each ends with the note when the kind was shortened. */
const CHAPTERS_OF: Record<keyof PreviewLimits, readonly string[]> = {
  goals: ['goals'],
  tasks: ['work', 'schedule'],
  kpis: ['kpis'],
};

/** True when the plan's counts are all within the limits: it is previewed whole, as today. */
export function withinPreviewLimits(counts: PreviewLimits, limits: PreviewLimits): boolean {
  return counts.goals <= limits.goals && counts.tasks <= limits.tasks && counts.kpis <= limits.kpis;
}

/**
 * The first `limit` of `ordered` (ids in print order) that `inScope` keeps, and how many it keeps in all: which
 * items a shortened chapter shows. Stops collecting at the limit but counts to the end.
 */
export function firstInScope(
  ordered: Iterable<string>,
  limit: number,
  inScope: (id: string) => boolean = () => true,
): { ids: string[]; total: number } {
  const ids: string[] = [];
  let total = 0;
  for (const id of ordered) {
    if (!inScope(id)) continue;
    total += 1;
    if (ids.length < limit) ids.push(id);
  }
  return { ids, total };
}

/** The cut of one kind, or undefined when all of it is shown. */
export function cutOf(shown: number, total: number): PreviewCount | undefined {
  return total > shown ? { shown, total } : undefined;
}

/** The document with a note ending each chapter whose items the preview shortened, in the document's language. */
export function withPreviewNotes(document: PlanDocument, cut: PreviewCut): PlanDocument {
  const locale: PlanLocale = document.locale;
  const t = documentTranslator(locale);
  const number = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN');
  const notes = new Map<string, string[]>();
  for (const kind of ['goals', 'tasks', 'kpis'] as const) {
    const count = cut[kind];
    if (!count || count.total <= count.shown) continue;
    const text = t(`preview.more.${kind}`, {
      shown: number.format(count.shown),
      more: number.format(count.total - count.shown),
      total: number.format(count.total),
    });
    for (const chapter of CHAPTERS_OF[kind]) notes.set(chapter, [...(notes.get(chapter) ?? []), text]);
  }
  if (notes.size === 0) return document;
  return {
    ...document,
    chapters: document.chapters.map((chapter) => {
      const texts = notes.get(chapter.id);
      if (!texts) return chapter;
      return {
        ...chapter,
        blocks: [
          ...chapter.blocks,
          ...texts.map((text) => ({ kind: 'note' as const, tone: 'info' as const, text })),
        ],
      };
    }),
  };
}
