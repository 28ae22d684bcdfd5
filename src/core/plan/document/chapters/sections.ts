import type { PlanLocale, PlanSections } from '../../model.ts';
import type { DocumentLabelKey } from '../labels.ts';
import { titleFrom, type ChapterModule } from '../registry.ts';
import type { Block, Cell } from '../types.ts';

type SectionKey = keyof PlanSections;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(scalar).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${key}: ${scalar(item)}`)
    .join('; ');
}

/**
 * A section as its module wrote it, before that module contributes its own chapter: text as paragraphs, lists of
 * records as tables, lists of words as lists, the rest as key-value pairs. Field names print as written.
 */
export function genericSectionBlocks(section: Record<string, unknown>): Block[] {
  const blocks: Block[] = [];
  const facts: { label: string; value: string }[] = [];
  for (const [key, value] of Object.entries(section)) {
    if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
      const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
      blocks.push({ kind: 'heading', text: key });
      blocks.push({
        kind: 'table',
        caption: null,
        columns: columns.map((label) => ({ label })),
        rows: value.map((row) =>
          columns.map((column): Cell => {
            const cell = row[column];
            return typeof cell === 'number' ? cell : scalar(cell) || null;
          }),
        ),
      });
    } else if (Array.isArray(value)) {
      blocks.push({ kind: 'heading', text: key });
      blocks.push({ kind: 'list', items: value.map(scalar) });
    } else if (typeof value === 'string' && value.length > 80) {
      blocks.push({ kind: 'heading', text: key });
      blocks.push({ kind: 'paragraph', text: value });
    } else {
      facts.push({ label: key, value: scalar(value) });
    }
  }
  if (facts.length > 0) blocks.unshift({ kind: 'keyValue', items: facts });
  return blocks;
}

/** Chapters 6–10 until their modules bring their own: the section's content, or nothing (then "not planned yet"). */
function sectionChapter(key: SectionKey, order: number): ChapterModule {
  return {
    id: key,
    order,
    title: titleFrom(`chapter.${key}` as DocumentLabelKey),
    notPlanned: (locale: PlanLocale) => titleFrom(`section.${key}` as DocumentLabelKey)(locale),
    build(plan) {
      const section = plan.sections?.[key];
      if (!section || Object.keys(section).length === 0) return null;
      return genericSectionBlocks(section);
    },
  };
}

export const improvementChapter = sectionChapter('improvement', 60);
export const communicationChapter = sectionChapter('communication', 70);
export const trainingChapter = sectionChapter('training', 80);
export const researchChapter = sectionChapter('research', 90);
export const feedbackChapter = sectionChapter('feedback', 100);
