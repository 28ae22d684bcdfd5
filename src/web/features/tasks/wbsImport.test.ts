import { describe, expect, it } from 'vitest';
import { wbsTemplateCsv } from './wbsImport.ts';

describe('WBS import template', () => {
  it('is a UTF-8 CSV with the Chinese header and two example rows the import reads', () => {
    const csv = wbsTemplateCsv('wangli@example.com', '2026-07-01');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toEqual([
      '编号,任务,负责人,预估工时,开始,截止,前置任务',
      '1,活动筹备,wangli@example.com,,2026-07-01,2026-07-14,',
      '1.1,完成市场调研报告,wangli@example.com,16,2026-07-01,2026-07-04,',
    ]);
  });

  it('quotes a cell with a comma', () => {
    expect(wbsTemplateCsv('a,b@example.com', '2026-07-01')).toContain('"a,b@example.com"');
  });
});
