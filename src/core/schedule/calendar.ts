import type { Locale } from '../i18n/index.ts';
import { dayFromNumber, dayNumber, weekdayOfNumber } from '../days/index.ts';

/**
 * Working calendars. Days are 'YYYY-MM-DD' strings at the edges and UTC day numbers (see kpis/periods.ts)
 * inside, so the hot loops of the scheduler and the workload view never parse a string.
 *
 * Rules:
 * - A day is a working day when its weekday is not a weekend day, unless it is a holiday; a make-up working
 *   day (调休, `workdays`) on a weekend is a working day. A day listed both as a holiday and as a make-up
 *   working day is a holiday: closing the office is the safer reading of a contradictory calendar.
 * - Calendars are values: a compiled form is cached per calendar object, so do not mutate one after use.
 */

export type WorkCalendar = {
  /** Weekdays off, 0 = Sunday … 6 = Saturday; defaults to [0, 6]. */
  weekendDays?: readonly number[];
  holidays: readonly string[];
  /** Make-up working days that fall on weekend days (China's 调休). */
  workdays?: readonly string[];
  /**
   * 大小周: Saturday is worked every other week, in the week (Monday to Sunday) of this day and every second
   * week before and after it. Holidays still win.
   */
  workedSaturdaysFrom?: string | null;
};

/** The working weeks a workspace can keep: five days, six days, or 大小周 (six and five days in turn). */
export type WeekPattern = 'five_day' | 'six_day' | 'alternating';

export const WEEK_PATTERNS: readonly WeekPattern[] = ['five_day', 'six_day', 'alternating'];

/**
 * The calendar of a working-week pattern with the team's holidays and make-up days. `bigWeekOf` is a day in a
 * six-day week of the 大小周 (ignored by the other patterns; without it the pattern works as five days).
 */
export function weekPatternCalendar(
  pattern: WeekPattern,
  bigWeekOf: string | null,
  holidays: readonly string[],
  workdays: readonly string[] = [],
): WorkCalendar {
  if (pattern === 'six_day') return { weekendDays: [0], holidays, workdays };
  if (pattern === 'alternating' && bigWeekOf)
    return { weekendDays: [0, 6], holidays, workdays, workedSaturdaysFrom: bigWeekOf };
  return { weekendDays: [0, 6], holidays, workdays };
}

/** Monday-based week number of a day number (weeks since the week of 1970-01-01). */
function weekOf(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** Monday to Friday, no holidays. */
export const DEFAULT_CALENDAR: WorkCalendar = { weekendDays: [0, 6], holidays: [] };

export type CalendarErrorCode = 'calendar_invalid_weekday' | 'calendar_no_working_days';

/** Thrown for a weekday outside 0..6 (`value`) or a search past the last working day of a calendar (`day`). */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: CalendarErrorCode, params: Record<string, string | number>) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'CalendarError';
    this.code = code;
    this.params = params;
  }
}

/** Messages for the calendar error codes. */
export const CALENDAR_MESSAGES = {
  en: {
    calendar_invalid_weekday: '"{value}" is not a weekday number (0 = Sunday … 6 = Saturday).',
    calendar_no_working_days: 'The calendar has no working day that far from {day}.',
  },
  'zh-CN': {
    calendar_invalid_weekday: '“{value}”不是有效的星期编号（0 = 周日 … 6 = 周六）。',
    calendar_no_working_days: '日历中距 {day} 这么远的范围内没有工作日。',
  },
} as const satisfies Record<Locale, Record<CalendarErrorCode, string>>;

/** A calendar prepared for day-number arithmetic; obtain one with compileCalendar. */
export type CompiledCalendar = {
  /** Working days in an ordinary week (5 for Monday–Friday). */
  readonly workingDaysPerWeek: number;
  isWorking(day: number): boolean;
  /** Working days in from..to, both inclusive; 0 when to < from. */
  countWorking(from: number, to: number): number;
  /** See addWorkingDays. */
  addWorking(day: number, workingDays: number): number;
};

/** Weekday of a day number, 0 = Sunday (kept for callers; the one copy is core/days weekdayOfNumber). */
export const weekdayOf = weekdayOfNumber;

const compiled = new WeakMap<WorkCalendar, CompiledCalendar>();

/** The compiled form of a calendar, cached per calendar object. */
export function compileCalendar(calendar: WorkCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;
  const built = buildCalendar(calendar);
  compiled.set(calendar, built);
  return built;
}

function buildCalendar(calendar: WorkCalendar): CompiledCalendar {
  const isWeekend = [false, false, false, false, false, false, false];
  for (const weekday of calendar.weekendDays ?? [0, 6]) {
    if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) {
      throw new CalendarError('calendar_invalid_weekday', { value: String(weekday) });
    }
    isWeekend[weekday] = true;
  }
  // 大小周 averages five and a half days; five is the safe figure for how far a search must reach.
  const workingDaysPerWeek = isWeekend.filter((off) => !off).length;
  const holidays = new Set(calendar.holidays.map(dayNumber));
  const workdays = new Set((calendar.workdays ?? []).map(dayNumber));
  const explicitDays = [...holidays, ...workdays];
  const earliestExplicit = explicitDays.length > 0 ? Math.min(...explicitDays) : 0;
  const latestExplicit = explicitDays.length > 0 ? Math.max(...explicitDays) : 0;

  const bigWeek = calendar.workedSaturdaysFrom ? weekOf(dayNumber(calendar.workedSaturdaysFrom)) : null;
  const isWorking = (day: number): boolean => {
    if (holidays.has(day)) return false;
    if (workdays.has(day)) return true;
    const weekday = weekdayOf(day);
    if (weekday === 6 && bigWeek !== null && (((weekOf(day) - bigWeek) % 2) + 2) % 2 === 0) return true;
    return isWeekend[weekday] !== true;
  };

  // prefix[i] = working days in [origin, origin + i). Counting becomes two reads and adding a binary search;
  // the table grows by doubling, so a schedule spanning years costs a few thousand entries once.
  let origin = 0;
  let prefix = new Int32Array(1);
  let length = 0;

  const rebuild = (from: number, to: number): void => {
    origin = from;
    length = to - from + 1;
    prefix = new Int32Array(length + 1);
    let count = 0;
    for (let index = 0; index < length; index += 1) {
      prefix[index] = count;
      if (isWorking(from + index)) count += 1;
    }
    prefix[length] = count;
  };

  const cover = (from: number, to: number): void => {
    if (length > 0 && from >= origin && to < origin + length) return;
    const margin = Math.max(length, 732);
    const low = length > 0 ? Math.min(from, origin) : from;
    const high = length > 0 ? Math.max(to, origin + length - 1) : to;
    rebuild(Math.min(low, from - margin), Math.max(high, to + margin));
  };

  const at = (index: number): number => prefix[index] ?? 0;

  const countWorking = (from: number, to: number): number => {
    if (to < from) return 0;
    cover(from, to);
    return at(to + 1 - origin) - at(from - origin);
  };

  const addWorking = (day: number, workingDays: number): number => {
    for (;;) {
      cover(day, day);
      // `before` is also the table index of the first working day on or after `day`, which is where
      // counting starts (see addWorkingDays).
      const target = at(day - origin) + workingDays;
      const total = at(length);
      if (target >= 0 && target < total) {
        let low = 0;
        let high = length;
        while (low < high) {
          const middle = (low + high) >>> 1;
          if (at(middle) > target) high = middle;
          else low = middle + 1;
        }
        return origin + low - 1;
      }
      const reach = Math.ceil((Math.abs(workingDays) * 7) / Math.max(1, workingDaysPerWeek)) + 14;
      const edge = target < 0 ? origin - reach : origin + length - 1 + reach;
      if (workingDaysPerWeek === 0 && (edge < earliestExplicit - 14 || edge > latestExplicit + 14)) {
        throw new CalendarError('calendar_no_working_days', { day: dayFromNumber(day) });
      }
      cover(edge, edge);
    }
  };

  return { workingDaysPerWeek, isWorking, countWorking, addWorking };
}

/** Whether `day` is a working day in `calendar`. */
export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  return compileCalendar(calendar).isWorking(dayNumber(day));
}

/**
 * The day `n` working days after `day` (before it when n < 0). A non-working day counts as the next working
 * day, so n = 0 gives the day itself or the next working day, and n = ±1 from a Saturday gives Tuesday and
 * Friday: every n lands on a distinct working day.
 */
export function addWorkingDays(day: string, n: number, calendar: WorkCalendar): string {
  return dayFromNumber(compileCalendar(calendar).addWorking(dayNumber(day), Math.trunc(n)));
}

/** Working days from `from` to `to`, both inclusive; 0 when `to` is earlier than `from`. */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  return compileCalendar(calendar).countWorking(dayNumber(from), dayNumber(to));
}

/** The first working day strictly after `day`. */
export function nextWorkingDay(day: string, calendar: WorkCalendar): string {
  return dayFromNumber(compileCalendar(calendar).addWorking(dayNumber(day) + 1, 0));
}

/** Every working day from `from` to `to`, both inclusive, oldest first. */
export function workingDaysIn(from: string, to: string, calendar: WorkCalendar): string[] {
  const working = compileCalendar(calendar);
  const last = dayNumber(to);
  const days: string[] = [];
  for (let day = dayNumber(from); day <= last; day += 1) {
    if (working.isWorking(day)) days.push(dayFromNumber(day));
  }
  return days;
}
