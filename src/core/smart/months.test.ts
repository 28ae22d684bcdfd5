import { describe, expect, it } from 'vitest';
import { analyseGoal, type KpiPoint } from './index.ts';

// Three weekly points: the KPI's trend covers one month only.
const history: KpiPoint[] = [
  { date: '2026-11-05', value: 1000 },
  { date: '2026-11-12', value: 1010 },
  { date: '2026-11-19', value: 1020 },
  { date: '2026-11-26', value: 1030 },
];

describe('achievable over a one-month trend', () => {
  it('says "the last month" in English, not "the last 1 months"', () => {
    const { achievable } = analyseGoal('Grow weekly orders to 1,200 by March 31, 2027', {
      today: '2026-11-26',
      history,
    }).criteria;
    expect(achievable.reason).toContain('the last month averaged');
    expect(achievable.reason).not.toMatch(/last 1 months?/);
  });

  it('says "过去 1 个月" in Chinese', () => {
    const { achievable } = analyseGoal('2027年3月31日前把周订单提升到1200', {
      today: '2026-11-26',
      history,
    }).criteria;
    expect(achievable.reason).toContain('过去 1 个月平均每月');
  });
});
