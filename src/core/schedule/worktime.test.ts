import { describe, expect, it } from 'vitest';
import { addWorkingHours } from '../processes/sla.ts';
import {
  clockTime,
  dayStartInZone,
  morningDay,
  parseClockTime,
  workingHoursOptions,
  workTimeCalendar,
  type WorkTime,
} from './worktime.ts';

const shanghai: WorkTime = {
  timeZone: 'Asia/Shanghai',
  workStartMinutes: 540,
  workEndMinutes: 1080,
  weekPattern: 'five_day',
  bigWeekOf: null,
};

describe('work time', () => {
  it('reads the zone’s offset at the instant, daylight saving included', () => {
    const newYork = { ...shanghai, timeZone: 'America/New_York' };
    const calendar = workTimeCalendar(newYork, [], []);
    expect(workingHoursOptions(newYork, calendar, Date.UTC(2026, 6, 1)).utcOffsetMinutes).toBe(-240);
    expect(workingHoursOptions(newYork, calendar, Date.UTC(2026, 0, 15)).utcOffsetMinutes).toBe(-300);
    expect(workingHoursOptions(shanghai, calendar, Date.UTC(2026, 6, 1))).toMatchObject({
      utcOffsetMinutes: 480,
      window: { startHour: 9, endHour: 18 },
    });
  });

  it('counts an SLA in the workspace’s hours: the same 4 hours fall due at different instants per zone', () => {
    const thursday0900Utc = Date.UTC(2026, 10, 26, 9);
    const due = (workTime: WorkTime) =>
      addWorkingHours(
        thursday0900Utc,
        4,
        workingHoursOptions(workTime, workTimeCalendar(workTime, [], []), thursday0900Utc),
      );
    // 17:00 in Shanghai: one hour today, three on Friday morning.
    expect(due(shanghai)).toBe(Date.UTC(2026, 10, 27, 4));
    // 09:00 in London: due at 13:00 the same day.
    expect(due({ ...shanghai, timeZone: 'Europe/London', workEndMinutes: 17 * 60 + 30 })).toBe(
      Date.UTC(2026, 10, 26, 13),
    );
  });

  it('follows the week pattern: 大小周 works Saturday in its big weeks only', () => {
    const friday1700 = Date.UTC(2026, 10, 27, 9); // 17:00 in Shanghai
    const due = (workTime: WorkTime) =>
      addWorkingHours(
        friday1700,
        4,
        workingHoursOptions(workTime, workTimeCalendar(workTime, [], []), friday1700),
      );
    const saturdayNoon = Date.UTC(2026, 10, 28, 4);
    const mondayNoon = Date.UTC(2026, 10, 30, 4);
    expect(due(shanghai)).toBe(mondayNoon);
    expect(due({ ...shanghai, weekPattern: 'six_day' })).toBe(saturdayNoon);
    expect(due({ ...shanghai, weekPattern: 'alternating', bigWeekOf: '2026-11-23' })).toBe(saturdayNoon);
    expect(due({ ...shanghai, weekPattern: 'alternating', bigWeekOf: '2026-11-30' })).toBe(mondayNoon);
  });

  it('finds where a local day starts', () => {
    expect(dayStartInZone('2026-11-26', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 25, 16));
    expect(dayStartInZone('2026-07-01', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 4));
  });

  it('reads and writes clock times', () => {
    expect(parseClockTime('08:30')).toBe(510);
    expect(parseClockTime('24:00')).toBe(1440);
    expect(parseClockTime('24:30')).toBeNull();
    expect(parseClockTime('9点')).toBeNull();
    expect(clockTime(510)).toBe('08:30');
  });

  it('starts a workspace’s morning at its own work start, in its own zone', () => {
    // 01:00 UTC is 09:00 in Shanghai but 20:00 the day before in New York.
    const at = (iso: string) => Date.parse(iso);
    expect(morningDay(at('2026-12-07T00:59:00Z'), shanghai)).toBeNull();
    expect(morningDay(at('2026-12-07T01:00:00Z'), shanghai)).toBe('2026-12-07');
    expect(morningDay(at('2026-12-07T15:59:00Z'), shanghai)).toBe('2026-12-07');
    expect(morningDay(at('2026-12-07T16:00:00Z'), shanghai)).toBeNull();
    const newYork = { timeZone: 'America/New_York', workStartMinutes: 8 * 60 + 30 };
    expect(morningDay(at('2026-12-07T01:00:00Z'), newYork)).toBe('2026-12-06');
    expect(morningDay(at('2026-12-07T13:29:00Z'), newYork)).toBeNull();
    expect(morningDay(at('2026-12-07T13:30:00Z'), newYork)).toBe('2026-12-07');
    // Daylight saving: 08:30 EDT is 12:30 UTC.
    expect(morningDay(at('2026-07-07T12:30:00Z'), newYork)).toBe('2026-07-07');
    const kolkata = { timeZone: 'Asia/Kolkata', workStartMinutes: 9 * 60 };
    expect(morningDay(at('2026-12-07T03:29:00Z'), kolkata)).toBeNull();
    expect(morningDay(at('2026-12-07T03:30:00Z'), kolkata)).toBe('2026-12-07');
  });
});
