import type { Locale } from '../i18n/index.ts';
import { compileCalendar, type WorkCalendar } from '../schedule/calendar.ts';

/**
 * Step SLAs in working hours: the working days of a calendar (weekends, holidays, 调休 make-up days), a daily
 * window such as 09:00–18:00, and a fixed offset from UTC in minutes (+480 for China, which has no daylight
 * saving; a team in a zone that does passes the offset in force for the period at hand).
 *
 * Choices:
 * - Working time runs from the window's start to its end on working days; there is no lunch break.
 * - A clock started outside working time starts at the next working instant: before 09:00 at 09:00 the same
 *   day, at or after 18:00 or on a day off at 09:00 on the next working day.
 * - A due instant that falls exactly on the end of a window stays there (18:00), rather than moving to the
 *   next morning: 9 hours from Monday 09:00 is due Monday 18:00.
 * - Zero hours gives the next working instant, so a step entered on Saturday with no time allowed is due
 *   Monday 09:00, not Saturday.
 */

export type DailyWindow = {
  /** Hour of the local day work starts, 0..24; fractions allowed (8.5 = 08:30). */
  startHour: number;
  endHour: number;
};

export type WorkingHoursOptions = {
  calendar: WorkCalendar;
  /** Defaults to DEFAULT_WORKING_WINDOW. */
  window?: DailyWindow;
  /** Local time minus UTC, in minutes: +480 for China, -300 for New York in winter. */
  utcOffsetMinutes: number;
};

/** 09:00–18:00. */
export const DEFAULT_WORKING_WINDOW: DailyWindow = { startHour: 9, endHour: 18 };

export type SlaErrorCode = 'sla_invalid_window' | 'sla_invalid_offset' | 'sla_invalid_hours';

/** Thrown for a window that is not 0 ≤ start < end ≤ 24, an offset beyond ±14 h, or negative hours. */
export class SlaError extends Error {
  readonly code: SlaErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: SlaErrorCode, params: Record<string, string | number>) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'SlaError';
    this.code = code;
    this.params = params;
  }
}

/** Messages for the SLA error codes. */
export const SLA_MESSAGES = {
  en: {
    sla_invalid_window: 'Working hours {startHour}–{endHour} are not a window within one day.',
    sla_invalid_offset: '{value} minutes is not a UTC offset (at most ±840).',
    sla_invalid_hours: '{value} is not a number of hours (0 or more).',
  },
  'zh-CN': {
    sla_invalid_window: '工作时间 {startHour}–{endHour} 不是一天之内的时段。',
    sla_invalid_offset: '{value} 分钟不是有效的 UTC 时差（最多 ±840）。',
    sla_invalid_hours: '{value} 不是有效的小时数（需为 0 或正数）。',
  },
} as const satisfies Record<Locale, Record<SlaErrorCode, string>>;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

type Prepared = {
  isWorking(day: number): boolean;
  countWorking(from: number, to: number): number;
  addWorking(day: number, workingDays: number): number;
  offsetMs: number;
  windowStartMs: number;
  windowEndMs: number;
  windowMs: number;
};

function prepare(options: WorkingHoursOptions): Prepared {
  const { startHour, endHour } = options.window ?? DEFAULT_WORKING_WINDOW;
  const isValidWindow =
    Number.isFinite(startHour) && Number.isFinite(endHour) && startHour >= 0 && endHour <= 24;
  if (!isValidWindow || startHour >= endHour) {
    throw new SlaError('sla_invalid_window', { startHour: String(startHour), endHour: String(endHour) });
  }
  const offset = options.utcOffsetMinutes;
  if (!Number.isFinite(offset) || Math.abs(offset) > 840) {
    throw new SlaError('sla_invalid_offset', { value: String(offset) });
  }
  const calendar = compileCalendar(options.calendar);
  const windowStartMs = Math.round(startHour * HOUR_MS);
  const windowEndMs = Math.round(endHour * HOUR_MS);
  return {
    isWorking: calendar.isWorking,
    countWorking: calendar.countWorking,
    addWorking: calendar.addWorking,
    offsetMs: Math.round(offset * 60_000),
    windowStartMs,
    windowEndMs,
    windowMs: windowEndMs - windowStartMs,
  };
}

/** Local day number and milliseconds into that day of an instant. */
function localParts(instant: number, offsetMs: number): { day: number; msInDay: number } {
  const local = instant + offsetMs;
  const day = Math.floor(local / DAY_MS);
  return { day, msInDay: local - day * DAY_MS };
}

/** The instant `hours` working hours after `startMs`; a start outside working time begins at the next working instant. */
export function addWorkingHours(startMs: number, hours: number, options: WorkingHoursOptions): number {
  if (!Number.isFinite(hours) || hours < 0) throw new SlaError('sla_invalid_hours', { value: String(hours) });
  const work = prepare(options);
  let { day, msInDay } = localParts(startMs, work.offsetMs);
  if (!work.isWorking(day) || msInDay >= work.windowEndMs) {
    day = work.addWorking(day + 1, 0);
    msInDay = work.windowStartMs;
  } else if (msInDay < work.windowStartMs) {
    msInDay = work.windowStartMs;
  }
  const remaining = Math.round(hours * HOUR_MS);
  const leftToday = work.windowEndMs - msInDay;
  if (remaining <= leftToday) return day * DAY_MS + msInDay + remaining - work.offsetMs;
  // Whole windows are skipped with the calendar's day arithmetic, so a 2,000-hour SLA costs no more than 2.
  const afterToday = remaining - leftToday;
  const laterDays = Math.ceil(afterToday / work.windowMs);
  const dueDay = work.addWorking(day + 1, laterDays - 1);
  const intoDueDay = afterToday - (laterDays - 1) * work.windowMs;
  return dueDay * DAY_MS + work.windowStartMs + intoDueDay - work.offsetMs;
}

/** Working hours from `fromMs` to `toMs`; negative when `toMs` is earlier. */
export function workingHoursBetween(fromMs: number, toMs: number, options: WorkingHoursOptions): number {
  if (toMs < fromMs) return -workingHoursBetween(toMs, fromMs, options);
  const work = prepare(options);
  const from = localParts(fromMs, work.offsetMs);
  const to = localParts(toMs, work.offsetMs);
  // Working time elapsed since the start of `from`'s day, so the answer is one subtraction.
  const elapsed = ({ day, msInDay }: { day: number; msInDay: number }): number => {
    const withinDay = work.isWorking(day)
      ? Math.min(Math.max(msInDay, work.windowStartMs), work.windowEndMs) - work.windowStartMs
      : 0;
    return work.countWorking(from.day, day - 1) * work.windowMs + withinDay;
  };
  return (elapsed(to) - elapsed(from)) / HOUR_MS;
}

/** When a step entered at `enteredAt` is due under its SLA; null when the step has no SLA. */
export function stepDueAt(
  enteredAt: number,
  slaHours: number | null,
  options: WorkingHoursOptions,
): number | null {
  return slaHours === null ? null : addWorkingHours(enteredAt, slaHours, options);
}
