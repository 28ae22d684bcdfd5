import { describe, expect, it } from 'vitest';
import { buildPlanDocument } from './build.ts';
import { cutOf, firstInScope, PREVIEW_LIMITS, withinPreviewLimits, withPreviewNotes } from './preview.ts';
import { sampleObservations, samplePlan } from './testing/sample.ts';
import type { Block, PlanDocument } from './types.ts';

const NOW = Date.parse('2026-01-20T02:00:00Z');

const notesOf = (document: PlanDocument, id: string) =>
  (document.chapters.find((chapter) => chapter.id === id)?.blocks ?? []).filter(
    (block): block is Extract<Block, { kind: 'note' }> => block.kind === 'note',
  );

describe('firstInScope', () => {
  it('keeps the first ids in order up to the limit and counts every one in scope', () => {
    expect(firstInScope(['a', 'b', 'c', 'd', 'e'], 2)).toEqual({ ids: ['a', 'b'], total: 5 });
    expect(firstInScope(['a', 'b', 'c', 'd', 'e'], 2, (id) => id !== 'a' && id !== 'c')).toEqual({
      ids: ['b', 'd'],
      total: 3,
    });
    expect(firstInScope(['a', 'b'], 10)).toEqual({ ids: ['a', 'b'], total: 2 });
    expect(firstInScope([], 3)).toEqual({ ids: [], total: 0 });
  });

  it('reads the order lazily once (a Map of 100,000 codes is walked, not copied)', () => {
    function* order() {
      for (let index = 0; index < 100_000; index += 1) yield `t${index}`;
    }
    const picked = firstInScope(order(), 200);
    expect(picked.ids).toHaveLength(200);
    expect(picked.ids.at(-1)).toBe('t199');
    expect(picked.total).toBe(100_000);
  });
});

describe('withinPreviewLimits and cutOf', () => {
  it('previews whole only when every count is within its limit', () => {
    expect(withinPreviewLimits(PREVIEW_LIMITS, PREVIEW_LIMITS)).toBe(true);
    expect(withinPreviewLimits({ ...PREVIEW_LIMITS, tasks: PREVIEW_LIMITS.tasks + 1 }, PREVIEW_LIMITS)).toBe(
      false,
    );
    expect(withinPreviewLimits({ ...PREVIEW_LIMITS, kpis: PREVIEW_LIMITS.kpis + 1 }, PREVIEW_LIMITS)).toBe(
      false,
    );
    expect(withinPreviewLimits({ ...PREVIEW_LIMITS, goals: PREVIEW_LIMITS.goals + 1 }, PREVIEW_LIMITS)).toBe(
      false,
    );
  });

  it('cuts only what has more than it shows', () => {
    expect(cutOf(200, 200)).toBeUndefined();
    expect(cutOf(200, 100_000)).toEqual({ shown: 200, total: 100_000 });
  });
});

describe('withPreviewNotes', () => {
  it('ends each shortened chapter with how many more the document holds, in Chinese and English', () => {
    const cut = { tasks: { shown: 200, total: 100_000 }, kpis: { shown: 100, total: 20_000 } };
    for (const locale of ['zh-CN', 'en'] as const) {
      const document = buildPlanDocument(samplePlan(), sampleObservations(), { locale, now: NOW });
      const noted = withPreviewNotes(document, cut);
      for (const id of ['work', 'schedule']) {
        const last = noted.chapters.find((chapter) => chapter.id === id)?.blocks.at(-1);
        expect(last?.kind).toBe('note');
      }
      expect(notesOf(noted, 'goals')).toEqual(notesOf(document, 'goals'));
      expect(notesOf(noted, 'processes')).toEqual(notesOf(document, 'processes'));
      const taskNote = notesOf(noted, 'work').at(-1)?.text;
      const kpiNote = notesOf(noted, 'kpis').at(-1)?.text;
      if (locale === 'zh-CN') {
        expect(taskNote).toBe(
          '…… 预览仅显示按 WBS 顺序的前 200 个任务，另有 99,800 个未显示。生成文档即可查看全部 100,000 个任务。',
        );
        expect(kpiNote).toContain('另有 19,900 个未显示');
      } else {
        expect(taskNote).toBe(
          '… and 99,800 more tasks: the preview shows the first 200 in WBS order. Generate the document for all 100,000 of them.',
        );
        expect(kpiNote).toContain('… and 19,900 more KPIs');
      }
    }
  });

  it('leaves a document it did not shorten as it is, and buildPlanDocument adds the notes when asked', () => {
    const document = buildPlanDocument(samplePlan(), sampleObservations(), { locale: 'en', now: NOW });
    expect(withPreviewNotes(document, {})).toBe(document);
    expect(withPreviewNotes(document, { goals: { shown: 3, total: 3 } })).toBe(document);
    const built = buildPlanDocument(samplePlan(), sampleObservations(), {
      locale: 'en',
      now: NOW,
      previewCut: { goals: { shown: 1, total: 5_000 } },
    });
    expect(notesOf(built, 'goals').at(-1)?.text).toContain('… and 4,999 more goals');
    expect(built.chapters.filter((chapter) => chapter.id !== 'goals')).toEqual(
      document.chapters.filter((chapter) => chapter.id !== 'goals'),
    );
  });
});
