import { describe, expect, it } from 'vitest';
import { isWindowChoice, previousWindow, windowDays } from './analyticsWindow.ts';

describe('windowDays', () => {
  it('counts the last 30 and 90 days including today', () => {
    expect(windowDays('last30', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(windowDays('last90', '2026-03-01')).toEqual({ from: '2025-12-02', to: '2026-03-01' });
  });

  it('gives this quarter up to today and the whole quarter before, across a year end', () => {
    expect(windowDays('thisQuarter', '2026-11-26')).toEqual({ from: '2026-10-01', to: '2026-11-26' });
    expect(windowDays('lastQuarter', '2026-11-26')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(windowDays('lastQuarter', '2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(windowDays('lastQuarter', '2024-05-31')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
  });

  it('has no window for all cases, and knows its choices', () => {
    expect(windowDays('all', '2026-03-01')).toBeNull();
    expect(isWindowChoice('last90')).toBe(true);
    expect(isWindowChoice('lastYear')).toBe(false);
    expect(isWindowChoice(null)).toBe(false);
  });
});

describe('previousWindow', () => {
  it('compares a whole quarter with the quarter before, across a year end', () => {
    expect(previousWindow({ from: '2026-07-01', to: '2026-09-30' })).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
    });
    expect(previousWindow({ from: '2026-01-01', to: '2026-03-31' })).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
    });
  });

  it('compares a quarter so far with the same days of the quarter before, shortened at a month end', () => {
    expect(previousWindow({ from: '2026-10-01', to: '2026-11-26' })).toEqual({
      from: '2026-07-01',
      to: '2026-08-26',
    });
    expect(previousWindow({ from: '2026-04-01', to: '2026-05-31' })).toEqual({
      from: '2026-01-01',
      to: '2026-02-28',
    });
    expect(previousWindow({ from: '2026-01-01', to: '2026-01-15' })).toEqual({
      from: '2025-10-01',
      to: '2025-10-15',
    });
  });

  it('compares other windows with as many days right before them', () => {
    expect(previousWindow({ from: '2026-01-31', to: '2026-03-01' })).toEqual({
      from: '2026-01-01',
      to: '2026-01-30',
    });
    expect(previousWindow({ from: '2026-03-05', to: '2026-03-05' })).toEqual({
      from: '2026-03-04',
      to: '2026-03-04',
    });
  });
});
