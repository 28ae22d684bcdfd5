import { describe, expect, it } from 'vitest';
import { checkRecurrence, dueOccurrences, nextOccurrence, upcomingOccurrences } from './recurrence.ts';

const weekly = { rule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2026-11-30' };

describe('recurrence', () => {
  it('finds occurrences of a weekly routine, skipping the skipped', () => {
    expect(nextOccurrence(weekly, '2026-11-30')).toBe('2026-11-30');
    expect(nextOccurrence(weekly, '2026-12-01')).toBe('2026-12-07');
    expect(nextOccurrence(weekly, '2026-12-01', ['2026-12-07'])).toBe('2026-12-14');
    expect(upcomingOccurrences(weekly, '2026-11-01', 3)).toEqual(['2026-11-30', '2026-12-07', '2026-12-14']);
  });

  it('handles daily working days, monthly and ending series', () => {
    const workdays = { rule: 'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', startsOn: '2026-12-04' };
    expect(upcomingOccurrences(workdays, '2026-12-04', 3)).toEqual([
      '2026-12-04',
      '2026-12-07',
      '2026-12-08',
    ]);
    const monthly = { rule: 'FREQ=MONTHLY;BYMONTHDAY=-1', startsOn: '2026-11-01' };
    expect(upcomingOccurrences(monthly, '2026-11-01', 3)).toEqual(['2026-11-30', '2026-12-31', '2027-01-31']);
    const twice = { rule: 'FREQ=WEEKLY;COUNT=2', startsOn: '2026-11-30' };
    expect(upcomingOccurrences(twice, '2026-11-01', 5)).toEqual(['2026-11-30', '2026-12-07']);
    expect(nextOccurrence(twice, '2026-12-08')).toBeNull();
  });

  it('says what is wrong with a broken rule', () => {
    expect(checkRecurrence(weekly)).toBeNull();
    expect(checkRecurrence({ rule: 'FREQ=SOMETIMES', startsOn: '2026-11-30' })).toMatch(/frequency/i);
    expect(checkRecurrence({ rule: 'FREQ=WEEKLY;UNTIL=20261101T000000Z', startsOn: '2026-11-30' })).toMatch(
      /no occurrence/,
    );
  });

  it('refuses starts outside 2000–2100, sub-daily rules, time parts and smuggled lines', () => {
    expect(checkRecurrence({ rule: 'FREQ=WEEKLY', startsOn: '0001-01-01' })).toMatch(/between 2000-01-01/);
    expect(checkRecurrence({ rule: 'FREQ=DAILY', startsOn: '2101-01-01' })).toMatch(/between/);
    expect(checkRecurrence({ rule: 'FREQ=SECONDLY', startsOn: '2026-11-30' })).toMatch(/DAILY, WEEKLY/);
    expect(checkRecurrence({ rule: 'FREQ=DAILY;BYHOUR=1,2', startsOn: '2026-11-30' })).toMatch(/BYHOUR/);
    expect(checkRecurrence({ rule: 'FREQ=DAILY;INTERVAL=0', startsOn: '2026-11-30' })).toMatch(/INTERVAL/);
    expect(checkRecurrence({ rule: 'FREQ=DAILY\nDTSTART:00010101T000000Z', startsOn: '2026-11-30' })).toMatch(
      /only RRULE parts/,
    );
  });

  it('refuses a daily rule that can never match without walking to the year 9999', () => {
    // rrule alone takes ~9 s on this one; the yearly projection answers in well under a second.
    expect(checkRecurrence({ rule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', startsOn: '2026-11-30' })).toMatch(
      /no occurrence/,
    );
    expect(checkRecurrence({ rule: 'FREQ=DAILY;BYMONTH=2', startsOn: '2026-01-31' })).toBeNull();
  });

  it('splits what is due into created, too old and next in one pass', () => {
    const daily = { rule: 'FREQ=DAILY', startsOn: '2016-01-01' };
    const due = dueOccurrences(daily, { from: '2016-01-01', earliest: '2026-11-19', horizon: '2026-11-27' }, [
      '2026-11-20',
    ]);
    expect(due.days).toEqual([
      '2026-11-19',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    // 2016-01-01 … 2026-11-18: 3,975 days.
    expect(due.omitted).toBe(3975);
    expect(due.next).toBe('2026-11-28');
    const ended = dueOccurrences(
      { rule: 'FREQ=WEEKLY;COUNT=2', startsOn: '2026-11-02' },
      { from: '2026-11-02', earliest: '2026-11-01', horizon: '2026-11-27' },
    );
    expect(ended).toEqual({ days: ['2026-11-02', '2026-11-09'], omitted: 0, next: null });
  });
});
