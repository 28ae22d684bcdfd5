import { describe, expect, it } from 'vitest';
import { cycleSheet, reviewDocumentHtml, type ReviewExportInput } from './export.ts';
import { builtinTemplate, ratingInWords } from './templates.ts';

describe('ratingInWords', () => {
  it('leads with the number unless the anchor already does', () => {
    expect(ratingInWords(3, ['a', 'b', '3 · Meets expectations'])).toBe('3 · Meets expectations');
    expect(ratingInWords(2, ['Poor', 'Fair'])).toBe('2 — Fair');
    expect(ratingInWords(1, ['10 points'])).toBe('1 — 10 points');
    expect(ratingInWords(4, ['x'])).toBe('4');
  });
});

describe('cycleSheet', () => {
  it('a row per person: submitted ratings per stage (peers averaged), figures in the metric columns', () => {
    const sheet = cycleSheet(
      [
        {
          reviewee: 'Wei',
          manager: 'Li',
          reviews: [
            { kind: 'self', status: 'submitted', score: 4 },
            { kind: 'peer', status: 'submitted', score: 3 },
            { kind: 'peer', status: 'submitted', score: 3.5 },
            { kind: 'manager', status: 'draft', score: 5 },
          ],
          dataScore: 62,
          dataRating: 3.1,
          finalRating: null,
          metrics: [{ key: 'routines', score: 90 }],
          signedOffOn: null,
          isAcknowledged: false,
        },
      ],
      'en',
    );
    expect(sheet.header.slice(0, 5)).toEqual([
      'Person',
      'Manager',
      'Self review',
      'Peer review (mean)',
      'Manager review',
    ]);
    const row = sheet.rows[0] ?? [];
    expect(row.slice(0, 8)).toEqual(['Wei', 'Li', 4, 3.25, null, 62, 3.1, null]);
    expect(row[sheet.header.indexOf('Routines done')]).toBe(90);
    expect(row[sheet.header.indexOf('Key results achieved')]).toBeNull();
    expect(row.at(-2)).toBe('In progress');
    expect(cycleSheet([], 'zh-CN').header[0]).toBe('被评估人');
  });
});

describe('reviewDocumentHtml', () => {
  it('escapes what people wrote and leaves the scorecard out when the caller may not see it', () => {
    const definition = builtinTemplate('kpi_ops', 'zh-CN').definition;
    const input: ReviewExportInput = {
      cycle: { name: 'Q3', periodStart: '2026-07-01', periodEnd: '2026-09-30', stage: 'manager' },
      reviewee: { name: '张伟' },
      manager: null,
      definition,
      scorecard: null,
      overrides: {},
      dataScore: null,
      dataRating: null,
      finalRating: null,
      finalComment: null,
      signedOffAt: null,
      acknowledgedAt: null,
      acknowledgement: null,
      reviewDetails: [
        {
          kind: 'peer',
          status: 'submitted',
          reviewer: null,
          score: 3,
          answers: { highlights: { text: '<script>alert(1)</script>' }, kr: { rating: 3 } },
          overrides: {},
        },
      ],
    };
    const html = reviewDocumentHtml(input, { locale: 'zh-CN', formatTime: () => '2026-11-01', now: 0 });
    expect(html).toContain('张伟 的绩效评估');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('匿名同事');
    expect(html).toContain('3 · 符合预期');
    expect(html).not.toContain('数据评分卡');
  });
});
