import { describe, expect, it } from 'vitest';
import { describeRule, parseRule, toRule, type RulePick, type RuleWords } from './rrule.ts';

const zh: RuleWords = {
  daily: '每天',
  workdays: '每个工作日',
  weekly: (days) => `每周${days}`,
  everyWeeks: (count, days) => `每 ${count} 周的${days}`,
  monthly: (day) => `每月 ${day} 日`,
  lastDay: '每月最后一天',
  custom: (rule) => `自定义：${rule}`,
  weekday: (day) => ({ MO: '一', TU: '二', WE: '三', TH: '四', FR: '五', SA: '六', SU: '日' })[day],
  separator: '、',
};

describe('routine rules', () => {
  it('makes the RRULE of each choice', () => {
    expect(toRule({ kind: 'daily' })).toBe('FREQ=DAILY');
    expect(toRule({ kind: 'workdays' })).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    expect(toRule({ kind: 'weekly', days: ['WE', 'MO'], interval: 1 })).toBe('FREQ=WEEKLY;BYDAY=MO,WE');
    expect(toRule({ kind: 'weekly', days: ['FR'], interval: 2 })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR');
    expect(toRule({ kind: 'monthly', day: 5 })).toBe('FREQ=MONTHLY;BYMONTHDAY=5');
    expect(toRule({ kind: 'lastDay' })).toBe('FREQ=MONTHLY;BYMONTHDAY=-1');
  });

  it('reads every choice back from its rule', () => {
    const picks: RulePick[] = [
      { kind: 'daily' },
      { kind: 'workdays' },
      { kind: 'weekly', days: ['MO', 'WE'], interval: 1 },
      { kind: 'weekly', days: ['FR'], interval: 2 },
      { kind: 'monthly', day: 28 },
      { kind: 'lastDay' },
    ];
    for (const pick of picks) {
      expect(parseRule(toRule(pick))).toEqual(pick);
    }
    expect(parseRule('RRULE:freq=weekly;byday=fr,mo')).toEqual({
      kind: 'weekly',
      days: ['MO', 'FR'],
      interval: 1,
    });
    expect(parseRule('FREQ=YEARLY;BYMONTH=1')).toEqual({ kind: 'custom', rule: 'FREQ=YEARLY;BYMONTH=1' });
    expect(parseRule('FREQ=WEEKLY;BYDAY=1MO')).toEqual({ kind: 'custom', rule: 'FREQ=WEEKLY;BYDAY=1MO' });
  });

  it('describes a rule in words', () => {
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO,WE', zh)).toBe('每周一、三');
    expect(describeRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', zh)).toBe('每 2 周的五');
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=-1', zh)).toBe('每月最后一天');
    expect(describeRule('FREQ=HOURLY', zh)).toBe('自定义：FREQ=HOURLY');
  });
});
