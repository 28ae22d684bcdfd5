import type { Locale } from '../i18n/index.ts';

/**
 * Calendar-day arithmetic, the one copy. Days are 'YYYY-MM-DD' strings; the arithmetic is on UTC day numbers
 * (days since 1970-01-01), so no time zone or daylight-saving change can move a day.
 */

/** Milliseconds in a calendar day. */
export const DAY_MS = 86_400_000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DayErrorCode = 'period_invalid_date';

/** Thrown for a malformed or impossible calendar day (`2025-02-30`); params: `value`. */
export class DayError extends Error {
  readonly code: DayErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: DayErrorCode, params: Record<string, string | number>) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'PeriodError';
    this.code = code;
    this.params = params;
  }
}

/** Messages for the day error codes. */
export const DAY_MESSAGES = {
  en: { period_invalid_date: '"{value}" is not a calendar day in the form YYYY-MM-DD.' },
  'zh-CN': { period_invalid_date: '“{value}”不是 YYYY-MM-DD 格式的有效日期。' },
} as const satisfies Record<Locale, Record<DayErrorCode, string>>;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' day, or null when the day does not exist. */
export function parseDayNumber(day: string): number | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const date = Number(match[3]);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, date);
  if (instant.getUTCMonth() !== month - 1 || instant.getUTCDate() !== date) return null;
  return Math.round(instant.getTime() / DAY_MS);
}

/** Whether a value is an existing calendar day written 'YYYY-MM-DD'. */
export function isDay(value: string): boolean {
  return parseDayNumber(value) !== null;
}

/** Days since 1970-01-01 for a 'YYYY-MM-DD' day; throws DayError when the day does not exist. */
export function dayNumber(day: string): number {
  const number = parseDayNumber(day);
  if (number === null) throw new DayError('period_invalid_date', { value: day });
  return number;
}

/** The 'YYYY-MM-DD' day for a number of days since 1970-01-01. */
export function dayFromNumber(days: number): string {
  return utcDayOf(days * DAY_MS);
}

/** The UTC calendar day of an instant (milliseconds since the epoch). */
export function utcDayOf(instant: number): string {
  const date = new Date(instant);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** The day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Weekday of a day number, 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Weekday of a 'YYYY-MM-DD' day, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return weekdayOfNumber(dayNumber(day));
}

/** The Monday on or before a day number (the start of its ISO week). */
export function mondayOfNumber(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** The Monday on or before a 'YYYY-MM-DD' day (the start of its ISO week). */
export function mondayOf(day: string): string {
  return dayFromNumber(mondayOfNumber(dayNumber(day)));
}
