import { DAY_MS, utcDayOf } from '../../../core/days/index.ts';
/** The time windows the analytics page offers; `custom` takes its days from the address. */
export const WINDOW_CHOICES = ['all', 'last30', 'last90', 'thisQuarter', 'lastQuarter', 'custom'] as const;
export type WindowChoice = (typeof WINDOW_CHOICES)[number];

export type WindowDays = { from: string; to: string };

export function isWindowChoice(value: string | null): value is WindowChoice {
  return value !== null && (WINDOW_CHOICES as readonly string[]).includes(value);
}

const toDay = utcDayOf;

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function quarterStart(year: number, quarter: number): number {
  return Date.UTC(year, quarter * 3, 1);
}

/** The days (both included) of a window ending today; null for all cases. Days are YYYY-MM-DD. */
export function windowDays(choice: Exclude<WindowChoice, 'custom'>, today: string): WindowDays | null {
  const now = dayMs(today);
  const date = new Date(now);
  const quarter = Math.floor(date.getUTCMonth() / 3);
  switch (choice) {
    case 'all':
      return null;
    case 'last30':
      return { from: toDay(now - 29 * DAY_MS), to: today };
    case 'last90':
      return { from: toDay(now - 89 * DAY_MS), to: today };
    case 'thisQuarter':
      return { from: toDay(quarterStart(date.getUTCFullYear(), quarter)), to: today };
    case 'lastQuarter': {
      const start = quarterStart(date.getUTCFullYear(), quarter - 1);
      return { from: toDay(start), to: toDay(quarterStart(date.getUTCFullYear(), quarter) - DAY_MS) };
    }
  }
}

/**
 * The period a window is compared with: the quarter before a whole quarter; the same days of the quarter
 * before for a quarter so far (Oct 1–Nov 26 against Jul 1–Aug 26, shortened at a month end); otherwise as many
 * days right before it.
 */
export function previousWindow(days: WindowDays): WindowDays {
  const from = new Date(dayMs(days.from));
  const to = new Date(dayMs(days.to));
  const isQuarterStart = from.getUTCDate() === 1 && from.getUTCMonth() % 3 === 0;
  if (isQuarterStart) {
    const year = from.getUTCFullYear();
    const quarter = Math.floor(from.getUTCMonth() / 3);
    const nextQuarter = quarterStart(year, quarter + 1);
    const previousStart = quarterStart(year, quarter - 1);
    if (dayMs(days.to) === nextQuarter - DAY_MS) {
      return { from: toDay(previousStart), to: toDay(quarterStart(year, quarter) - DAY_MS) };
    }
    if (dayMs(days.to) < nextQuarter) {
      // Same month and day of the quarter before, at most its last day (Nov 30 → Aug 30, Dec 31 → Sep 30).
      const month = to.getUTCMonth() - 3;
      const lastOfMonth = new Date(Date.UTC(to.getUTCFullYear(), month + 1, 0)).getUTCDate();
      const end = Date.UTC(to.getUTCFullYear(), month, Math.min(to.getUTCDate(), lastOfMonth));
      return { from: toDay(previousStart), to: toDay(end) };
    }
  }
  const length = (dayMs(days.to) - dayMs(days.from)) / DAY_MS + 1;
  return { from: toDay(dayMs(days.from) - length * DAY_MS), to: toDay(dayMs(days.from) - DAY_MS) };
}
