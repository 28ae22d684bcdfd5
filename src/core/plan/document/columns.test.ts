import { describe, expect, it } from 'vitest';
import { columnShares, displayWidth } from './columns.ts';

describe('table column widths', () => {
  it('counts a CJK character as two half-ems and takes the longest line', () => {
    expect(displayWidth('接单')).toBe(4);
    expect(displayWidth('2026-12-07')).toBe(10);
    expect(displayWidth('SLA 4 小时\n短')).toBe(10);
  });

  it('keeps dates on one line and gives the rest of the width to the long text', () => {
    const texts = [
      ['编号', '任务', '开始', '截止', '说明'],
      ['1.1', '商品详情页优化', '2026-12-07', '2026-12-21', '没有 KPI 历史数据，无法与目标对比。'.repeat(4)],
    ];
    const total = 107;
    const widths = columnShares(texts, total).map((share) => share * total);
    expect(widths.reduce((sum, value) => sum + value, 0)).toBeCloseTo(total);
    // A date (10 half-ems) and the cell's margins fit its column.
    expect(widths[2]).toBeGreaterThanOrEqual(13);
    expect(widths[3]).toBeGreaterThanOrEqual(13);
    // The description wants far more than is left: it gets the most.
    expect(Math.max(...widths)).toBe(widths[4]);
  });

  it('gives every column what it wants, in proportion, when all of it fits', () => {
    const shares = columnShares(
      [
        ['a', 'bb'],
        ['aaaa', 'bb'],
      ],
      100,
    );
    // 4 + 3 against 2 + 3.
    expect(shares[0]).toBeCloseTo(7 / 12);
    expect(shares[1]).toBeCloseTo(5 / 12);
  });
});
