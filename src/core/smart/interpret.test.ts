import { describe, expect, it } from 'vitest';
import { analyseGoal, extractGoal, interpretTarget, kpiScale } from './index.ts';

const today = '2026-11-26';
const growthRate = { name: '用户增长率', unit: '%', current: 7.8, isCumulative: false };

describe('interpretTarget: one reading of the target', () => {
  it('reads 提升20% of a rate at 7.8 as a relative change to 9.36 and says so', () => {
    const reading = interpretTarget({
      extracted: extractGoal('在三个月内将用户增长率提升20%', today),
      kpi: growthRate,
      locale: 'zh-CN',
    });
    expect(reading).toMatchObject({ source: 'text', reading: 'relative', baseline: 7.8, target: 9.36 });
    expect(reading?.sentence).toContain('在当前 7.8% 的基础上相对提升 20%，即到 9.36%');
  });

  it('lets the key result decide when it has a baseline and a target, naming the statement’s words', () => {
    const reading = interpretTarget({
      extracted: extractGoal('在三个月内将用户增长率提升20%', today),
      keyResult: { title: '用户增长率达到 20%', baseline: 0, target: 20 },
      kpi: growthRate,
      locale: 'zh-CN',
    });
    expect(reading).toMatchObject({ source: 'keyResult', baseline: 0, target: 20, unit: '%' });
    expect(reading?.sentence).toBe(
      '目标口径：以关键结果「用户增长率达到 20%」为准，用户增长率从 0% 到 20%（目标描述中的“+20%”按此理解），SMART 判断、进度和预测都按这一口径计算。',
    );
  });

  it('reads a level with a starting point, and rescales 万 to a KPI kept in 万', () => {
    const extracted = extractGoal('2027年3月31日前将 DAU 从 4.6 万提升到 6 万', today);
    const dau = { name: 'DAU', unit: '人', current: 46_200, isCumulative: false };
    expect(interpretTarget({ extracted, kpi: dau, locale: 'en' })).toMatchObject({
      reading: 'level',
      baseline: 46_000,
      target: 60_000,
    });
    const inWan = { name: 'DAU', unit: '万人', current: 4.62, isCumulative: false };
    expect(interpretTarget({ extracted, kpi: inWan, locale: 'en' })).toMatchObject({
      baseline: 4.6,
      target: 6,
    });
    expect(kpiScale('万人')).toBe(10_000);
    expect(kpiScale('k users')).toBe(1000);
    expect(kpiScale('人')).toBe(1);
    expect(kpiScale('千克')).toBe(1);
  });

  it('starts a level from the KPI’s current value, and a sum KPI from zero', () => {
    const dau = { name: '日活跃用户', unit: '人', current: 43_320.4, isCumulative: false };
    expect(
      interpretTarget({ extracted: extractGoal('日活跃用户提升到 5 万', today), kpi: dau, locale: 'zh-CN' }),
    ).toMatchObject({ baseline: 43_320, target: 50_000 });
    const signUps = { name: '新增注册用户', unit: '人', current: 8505, isCumulative: true };
    const reading = interpretTarget({
      extracted: extractGoal('本季度新增注册用户 27,000 人', today),
      kpi: signUps,
      locale: 'en',
    });
    expect(reading).toMatchObject({ baseline: 0, target: 27_000 });
    expect(reading?.sentence).toBe('Target reading: as the statement says, 新增注册用户 from 0 to 27,000.');
  });

  it('cannot turn a change into a value without a current one, and says what would', () => {
    const reading = interpretTarget({
      extracted: extractGoal('Increase retention by 20% by March 31, 2027', today),
      locale: 'en',
    });
    expect(reading).toMatchObject({ target: null, baseline: null, reading: 'relative' });
    expect(reading?.sentence).toMatch(/moves \+20%; link its KPI/);
  });

  it('has nothing to say when neither the statement nor a key result names a target', () =>
    expect(interpretTarget({ extracted: extractGoal('提升用户活跃', today), locale: 'zh-CN' })).toBeNull());

  it('gives the SMART check the same target when its numbers are passed as fields', () => {
    const extracted = extractGoal('在三个月内将用户增长率提升20%', today);
    const reading = interpretTarget({
      extracted,
      keyResult: { baseline: 0, target: 20 },
      kpi: growthRate,
      locale: 'zh-CN',
    });
    const analysis = analyseGoal('在三个月内将用户增长率提升20%', {
      today,
      fields: { baseline: reading?.baseline ?? null, target: reading?.target ?? null, unit: '%' },
      history: [
        { date: '2026-10-26', value: 0 },
        { date: '2026-11-10', value: 4 },
        { date: '2026-11-26', value: 7.8 },
      ],
    });
    expect(analysis.criteria.achievable.reason).toContain('从 7.8% 到 20%');
  });
});

describe('relevance names the parent goal', () => {
  it('by its title, not its id', () => {
    const zh = analyseGoal('日活跃用户提升到 5 万', {
      today,
      parentGoalId: '01abc',
      parentGoalTitle: '在三个月内将用户增长率提升20%',
    });
    expect(zh.criteria.relevant.reason).toBe('已对齐上级目标「在三个月内将用户增长率提升20%」。');
    expect(zh.criteria.relevant.reason).not.toContain('01abc');
    const en = analyseGoal('Grow DAU to 50k', {
      today,
      parentGoalId: '01abc',
      parentGoalTitle: 'Grow users',
    });
    expect(en.criteria.relevant.reason).toBe('Aligned to parent goal “Grow users”.');
  });
});
