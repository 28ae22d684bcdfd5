import { describe, expect, it } from 'vitest';
import { FeedbackImportReader, mapFeedbackColumns, parseRating, titleFromBody } from './import.ts';

describe('feedback import reading', () => {
  it('recognises the columns of app-store and customer-service exports in either language', () => {
    expect(
      mapFeedbackColumns(['Review ID', 'Star Rating', 'Review Text', 'App Version Name']).columns,
    ).toEqual({
      ref: 0,
      rating: 1,
      body: 2,
      version: 3,
    });
    expect(mapFeedbackColumns(['工单号', '问题描述', '渠道', '时间', '备注']).mapping.at(-1)).toEqual({
      header: '备注',
      column: null,
    });
  });

  it('reads ratings as people write them and refuses the rest', () => {
    expect(['5', '4 stars', '3星', '★★☆☆☆', '2.0'].map(parseRating)).toEqual([5, 4, 3, 2, 2]);
    expect(['0', '6', '4.5', 'good', '☆☆☆'].map(parseRating)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('makes a title from the first sentence of the text', () => {
    expect(titleFromBody('快递三天还没到。客服也不回复')).toBe('快递三天还没到');
    expect(titleFromBody('x'.repeat(80))).toHaveLength(60);
  });

  it('tells app-store exports from ticket exports and reads times in the workspace zone', () => {
    const reader = new FeedbackImportReader({ timeZone: 'Asia/Shanghai', now: Date.UTC(2026, 0, 10) });
    expect(reader.header(['工单号', '问题描述', '时间'])).toEqual([]);
    reader.row(['T-1', '退款没到账', '2026-01-02 08:00'], 2);
    reader.row(['T-1', '重复', '2026-01-02 08:00'], 3);
    const result = reader.finish();
    expect(result.kind).toBe('support');
    expect(result.items[0]).toMatchObject({ ref: 'T-1', createdAt: Date.UTC(2026, 0, 2, 0) });
    expect(result.issues).toEqual([
      { row: 3, column: 'ref', code: 'duplicate_ref', params: { value: 'T-1', first: 2 } },
    ]);
    expect(new FeedbackImportReader({ timeZone: 'UTC', now: 0 }).header(['foo'])).toEqual(['content']);
  });
});
