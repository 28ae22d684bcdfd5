import { describe, expect, it } from 'vitest';
import {
  DAY_MESSAGES,
  DayError,
  addDays,
  dayFromNumber,
  dayNumber,
  daysBetween,
  isDay,
  mondayOf,
  mondayOfNumber,
  parseDayNumber,
  utcDayOf,
  weekdayOf,
  weekdayOfNumber,
} from './index.ts';

describe('day numbers', () => {
  it('counts days from 1970-01-01 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2024-03-01')).toBe(19783);
    for (const day of ['0001-01-01', '0099-12-31', '1900-02-28', '2000-02-29', '2024-12-31', '9999-12-31']) {
      expect(dayFromNumber(dayNumber(day))).toBe(day);
    }
  });

  it('refuses days that do not exist, with the value', () => {
    for (const value of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-01', '', 'today', '2025-04-31']) {
      expect(parseDayNumber(value)).toBeNull();
      expect(isDay(value)).toBe(false);
      expect(() => dayNumber(value)).toThrow(DayError);
    }
    try {
      dayNumber('2025-02-30');
    } catch (error) {
      expect(error).toMatchObject({ code: 'period_invalid_date', params: { value: '2025-02-30' } });
    }
    expect(Object.keys(DAY_MESSAGES['zh-CN'])).toEqual(Object.keys(DAY_MESSAGES.en));
  });

  it('reads the UTC day of an instant', () => {
    expect(utcDayOf(Date.parse('2025-06-30T23:59:59Z'))).toBe('2025-06-30');
    expect(utcDayOf(Date.parse('2025-07-01T00:00:00Z'))).toBe('2025-07-01');
  });
});

describe('adding and counting days', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-03-30', 0)).toBe('2025-03-30');
  });

  it('counts whole days, negative backwards, whatever daylight saving does', () => {
    expect(daysBetween('2025-03-01', '2025-04-01')).toBe(31);
    expect(daysBetween('2025-04-01', '2025-03-01')).toBe(-31);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    // Daylight saving in Europe and the USA starts within this span; UTC arithmetic does not see it.
    expect(daysBetween('2025-03-08', '2025-03-31')).toBe(23);
  });

  it('is the inverse of itself', () => {
    for (let offset = -400; offset <= 400; offset += 37) {
      expect(daysBetween('2025-06-15', addDays('2025-06-15', offset))).toBe(offset);
    }
  });
});

describe('weeks', () => {
  it('names weekdays with 0 for Sunday', () => {
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('2025-06-15')).toBe(0);
    expect(weekdayOf('2025-06-16')).toBe(1);
    expect(weekdayOf('2025-06-21')).toBe(6);
    expect(weekdayOfNumber(-1)).toBe(3);
  });

  it('finds the Monday on or before a day', () => {
    expect(mondayOf('2025-06-16')).toBe('2025-06-16');
    expect(mondayOf('2025-06-15')).toBe('2025-06-09');
    expect(mondayOf('2025-06-21')).toBe('2025-06-16');
    expect(mondayOf('2025-01-01')).toBe('2024-12-30');
    expect(mondayOfNumber(0)).toBe(-3);
    expect(mondayOfNumber(-3)).toBe(-3);
  });
});
