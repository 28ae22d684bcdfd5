import type { WorkingHoursOptions } from '../processes/sla.ts';
import { ZoneClock } from '../processes/zone.ts';
import { dayNumber } from '../days/index.ts';
import { weekPatternCalendar, type WeekPattern, type WorkCalendar } from './calendar.ts';

/**
 * A workspace's working time: where its day starts (an IANA time zone), its daily working window and its week
 * (five days, six days or 大小周). SLAs count working hours in it, schedules and workload count its working days,
 * and "today" for deadlines and reminders is the day in its zone.
 */
export type WorkTime = {
  timeZone: string;
  /** Minutes into the local day: 540 = 09:00. */
  workStartMinutes: number;
  workEndMinutes: number;
  weekPattern: WeekPattern;
  /** A day in one of the six-day weeks of the 大小周; null for the other patterns. */
  bigWeekOf: string | null;
};

export const DEFAULT_WORK_WINDOW_MINUTES = { start: 9 * 60, end: 18 * 60 } as const;

const DAY_MS = 86_400_000;
const clocks = new Map<string, ZoneClock>();

/** One clock per zone, so its offset cache serves every request. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    if (clocks.size > 64) clocks.clear();
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** The working calendar of a workspace: its week pattern with its holidays and make-up days. */
export function workTimeCalendar(
  workTime: Pick<WorkTime, 'weekPattern' | 'bigWeekOf'>,
  holidays: readonly string[],
  workdays: readonly string[],
): WorkCalendar {
  return weekPatternCalendar(workTime.weekPattern, workTime.bigWeekOf, holidays, workdays);
}

/**
 * SLA options at an instant: the window in hours and the zone's offset in force then (a zone with daylight saving
 * counts a step with the offset of the moment it was entered).
 */
export function workingHoursOptions(
  workTime: WorkTime,
  calendar: WorkCalendar,
  at: number,
): WorkingHoursOptions {
  return {
    calendar,
    window: { startHour: workTime.workStartMinutes / 60, endHour: workTime.workEndMinutes / 60 },
    utcOffsetMinutes: zoneClock(workTime.timeZone).offsetMinutesAt(at),
  };
}

/** The instant a local day ('YYYY-MM-DD') starts in a zone. */
export function dayStartInZone(day: string, timeZone: string): number {
  return zoneClock(timeZone).toInstant(dayNumber(day) * DAY_MS);
}

/** 'HH:mm' of minutes into the day. */
export function clockTime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes into the day of 'HH:mm' (24:00 allowed as the end of the day); null when it is not a time. */
export function parseClockTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/**
 * The local day whose working morning has begun at `now` — the workspace's work start has passed in its zone —
 * or null while it is still before the start of work there. Morning reminders go out once per such day.
 */
export function morningDay(
  now: number,
  workTime: Pick<WorkTime, 'timeZone' | 'workStartMinutes'>,
): string | null {
  const wall = now + zoneClock(workTime.timeZone).offsetAt(now);
  const intoDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  if (intoDay < workTime.workStartMinutes * 60_000) return null;
  return new Date(wall - intoDay).toISOString().slice(0, 10);
}
