import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import type { WorkCalendar } from '../schedule/calendar.ts';
import {
  SLA_MESSAGES,
  SlaError,
  addWorkingHours,
  stepDueAt,
  workingHoursBetween,
  type WorkingHoursOptions,
} from './sla.ts';

// China's National Day week in 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
const china2025: WorkCalendar = {
  weekendDays: [0, 6],
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  workdays: ['2025-09-28', '2025-10-11'],
};
const beijing: WorkingHoursOptions = { calendar: china2025, utcOffsetMinutes: 480 };

/** An instant from Beijing wall-clock time, 'YYYY-MM-DDTHH:mm'. */
function bj(local: string): number {
  return Date.parse(`${local}:00+08:00`);
}

function due(local: string, hours: number, options: WorkingHoursOptions = beijing): number {
  return addWorkingHours(bj(local), hours, options);
}

describe('addWorkingHours', () => {
  it('counts within one day, and a due time on the end of the window stays there', () => {
    expect(due('2025-09-22T10:00', 4)).toBe(bj('2025-09-22T14:00')); // Monday
    expect(due('2025-09-22T09:00', 9)).toBe(bj('2025-09-22T18:00'));
    expect(due('2025-09-22T10:15', 1.5)).toBe(bj('2025-09-22T11:45'));
  });

  it('starts a clock started before 09:00 at 09:00, and one after 18:00 the next working morning', () => {
    expect(due('2025-09-22T07:30', 1)).toBe(bj('2025-09-22T10:00'));
    expect(due('2025-09-22T18:00', 1)).toBe(bj('2025-09-23T10:00'));
    expect(due('2025-09-22T23:59', 1)).toBe(bj('2025-09-23T10:00'));
  });

  it('skips a weekend, and a step entered on Saturday starts on Monday', () => {
    expect(due('2025-09-19T16:00', 4)).toBe(bj('2025-09-22T11:00')); // Friday → Monday
    expect(due('2025-09-20T11:00', 2)).toBe(bj('2025-09-22T11:00')); // Saturday
    expect(due('2025-09-20T11:00', 0)).toBe(bj('2025-09-22T09:00'));
  });

  it('works on a 调休 Sunday and Saturday', () => {
    expect(due('2025-09-26T17:00', 3)).toBe(bj('2025-09-28T11:00')); // Friday → Sunday 28 September
    expect(due('2025-10-10T16:00', 4)).toBe(bj('2025-10-11T11:00')); // Friday → Saturday 11 October
    expect(due('2025-10-11T08:00', 2)).toBe(bj('2025-10-11T11:00'));
  });

  it('skips the National Day holidays', () => {
    // 3 h on Tuesday 30 September, then 1–8 October are off (holidays and the weekend between).
    expect(due('2025-09-30T15:00', 8)).toBe(bj('2025-10-09T14:00'));
    expect(due('2025-10-03T10:00', 1)).toBe(bj('2025-10-09T10:00'));
  });

  it('crosses several days at once', () => {
    expect(due('2025-09-22T10:00', 30)).toBe(bj('2025-09-25T13:00')); // 8 + 9 + 9 + 4
    expect(due('2025-09-22T09:00', 18)).toBe(bj('2025-09-23T18:00'));
    // 11 working days of 9 h: 22–26 September, 28 (Sunday), 29, 30 September, 9, 10, 11 October.
    expect(due('2025-09-22T09:00', 99)).toBe(bj('2025-10-11T18:00'));
  });

  it('uses the offset for local time and takes a window with half hours', () => {
    const newYork: WorkingHoursOptions = { calendar: { holidays: [] }, utcOffsetMinutes: -300 };
    expect(addWorkingHours(Date.parse('2025-01-06T17:00:00-05:00'), 2, newYork)).toBe(
      Date.parse('2025-01-07T10:00:00-05:00'),
    );
    const early: WorkingHoursOptions = { ...beijing, window: { startHour: 8.5, endHour: 17.5 } };
    expect(due('2025-09-22T17:00', 1, early)).toBe(bj('2025-09-23T09:00'));
  });

  it('agrees with an hour-by-hour count from any start', () => {
    const start = bj('2025-09-25T00:00');
    for (let minutes = 0; minutes < 20 * 24 * 60; minutes += 61) {
      const from = start + minutes * 60_000;
      for (const hours of [0.5, 1, 7, 9, 13, 40]) {
        expect(addWorkingHours(from, hours, beijing)).toBe(naiveDue(from, hours));
      }
    }
  });

  it('refuses negative hours, a bad window and an impossible offset', () => {
    expect(() => due('2025-09-22T10:00', -1)).toThrow(SlaError);
    expect(() => due('2025-09-22T10:00', 1, { ...beijing, window: { startHour: 18, endHour: 9 } })).toThrow(
      expect.objectContaining({ code: 'sla_invalid_window', params: { startHour: '18', endHour: '9' } }),
    );
    expect(() => due('2025-09-22T10:00', 1, { ...beijing, window: { startHour: 9, endHour: 25 } })).toThrow(
      SlaError,
    );
    expect(() => due('2025-09-22T10:00', 1, { ...beijing, utcOffsetMinutes: 900 })).toThrow(
      expect.objectContaining({ code: 'sla_invalid_offset' }),
    );
  });
});

/** Minute-by-minute reference: walk forward, counting only minutes inside a working window. */
function naiveDue(from: number, hours: number): number {
  const dayStatus = new Map<number, boolean>();
  const isWorkingMinute = (instant: number): boolean => {
    const local = instant + 480 * 60_000;
    const dayIndex = Math.floor(local / 86_400_000);
    let isWorkingDay = dayStatus.get(dayIndex);
    if (isWorkingDay === undefined) {
      const date = new Date(dayIndex * 86_400_000);
      const day = date.toISOString().slice(0, 10);
      const weekday = date.getUTCDay();
      isWorkingDay =
        !china2025.holidays.includes(day) &&
        ((china2025.workdays ?? []).includes(day) || (weekday !== 0 && weekday !== 6));
      dayStatus.set(dayIndex, isWorkingDay);
    }
    const hour = (local - dayIndex * 86_400_000) / 3_600_000;
    return isWorkingDay && hour >= 9 && hour < 18;
  };
  // Test starts fall on whole minutes, so counting whole minutes is exact.
  let instant = from;
  while (!isWorkingMinute(instant)) instant += 60_000;
  let left = hours * 60;
  while (left > 0) {
    if (isWorkingMinute(instant)) left -= 1;
    instant += 60_000;
  }
  return instant;
}

describe('workingHoursBetween', () => {
  it('counts working hours across a weekend, a holiday and a 调休 Saturday', () => {
    expect(workingHoursBetween(bj('2025-09-19T16:00'), bj('2025-09-22T11:00'), beijing)).toBe(4);
    expect(workingHoursBetween(bj('2025-09-30T15:00'), bj('2025-10-09T14:00'), beijing)).toBe(8);
    expect(workingHoursBetween(bj('2025-10-10T16:00'), bj('2025-10-11T11:00'), beijing)).toBe(4);
    expect(workingHoursBetween(bj('2025-09-22T09:00'), bj('2025-10-11T18:00'), beijing)).toBe(99);
  });

  it('ignores time outside the window, and is negative when the end comes first', () => {
    expect(workingHoursBetween(bj('2025-09-22T19:00'), bj('2025-09-23T08:00'), beijing)).toBe(0);
    expect(workingHoursBetween(bj('2025-09-22T07:00'), bj('2025-09-22T20:00'), beijing)).toBe(9);
    expect(workingHoursBetween(bj('2025-09-22T10:30'), bj('2025-09-22T10:00'), beijing)).toBe(-0.5);
  });

  it('gives back the hours added from a working instant', () => {
    for (const start of ['2025-09-26T17:00', '2025-09-30T15:00', '2025-10-10T09:00']) {
      for (const hours of [1, 4.25, 9, 26]) {
        expect(workingHoursBetween(bj(start), due(start, hours), beijing)).toBeCloseTo(hours, 9);
      }
    }
  });
});

describe('stepDueAt', () => {
  it('is null without an SLA', () => {
    expect(stepDueAt(bj('2025-09-22T10:00'), null, beijing)).toBeNull();
    expect(stepDueAt(bj('2025-09-22T10:00'), 8, beijing)).toBe(bj('2025-09-22T18:00'));
  });
});

describe('SLA_MESSAGES', () => {
  it('has the same message keys in both languages and fills them', () => {
    expect(Object.keys(SLA_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(SLA_MESSAGES.en).sort());
    expect(interpolate(SLA_MESSAGES['zh-CN'].sla_invalid_window, { startHour: 18, endHour: 9 })).toBe(
      '工作时间 18–9 不是一天之内的时段。',
    );
  });
});
