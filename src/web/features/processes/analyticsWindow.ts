/** The time windows the analytics page offers; `custom` takes its days from the address. */
export const WINDOW_CHOICES = ['all', 'last30', 'last90', 'thisQuarter', 'lastQuarter', 'custom'] as const;
export type WindowChoice = (typeof WINDOW_CHOICES)[number];

export type WindowDays = { from: string; to: string };

export function isWindowChoice(value: string | null): value is WindowChoice {
  return value !== null && (WINDOW_CHOICES as readonly string[]).includes(value);
}

const DAY_MS = 86_400_000;

function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

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
