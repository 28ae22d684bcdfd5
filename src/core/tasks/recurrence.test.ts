import { describe, expect, it } from 'vitest';
import { checkRecurrence, nextOccurrence, upcomingOccurrences } from './recurrence.ts';

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
});
