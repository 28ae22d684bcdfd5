import {
  DAY_MESSAGES,
  DayError,
  addDays,
  dayFromNumber,
  dayNumber,
  type DayErrorCode,
} from '../days/index.ts';

/**
 * Calendar periods for KPI measurements. Days are 'YYYY-MM-DD' strings; all arithmetic is on UTC day
 * numbers so that no time zone or daylight-saving change can move a day.
 */

export type Frequency = 'day' | 'week' | 'month' | 'quarter';
export type Aggregation = 'sum' | 'avg' | 'last' | 'min' | 'max';

export { DAY_MESSAGES as PERIOD_MESSAGES, DayError as PeriodError };
export type { DayErrorCode as PeriodErrorCode };

function parts(date: string): { year: number; month: number } {
  dayNumber(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

function monthStart(year: number, month: number): string {
  // Months past 12 roll into the next year, which is what nextPeriod needs.
  const carriedYear = year + Math.floor((month - 1) / 12);
  const carriedMonth = ((month - 1) % 12) + 1;
  return `${String(carriedYear).padStart(4, '0')}-${String(carriedMonth).padStart(2, '0')}-01`;
}

/** The first day of the period containing `date`: itself, the ISO week's Monday, the 1st, or the quarter's 1st. */
export function periodStart(date: string, frequency: Frequency): string {
  switch (frequency) {
    case 'day':
      return dayFromNumber(dayNumber(date));
    case 'week': {
      const days = dayNumber(date);
      // 1970-01-01 was a Thursday, three days after a Monday.
      const sinceMonday = (((days + 3) % 7) + 7) % 7;
      return dayFromNumber(days - sinceMonday);
    }
    case 'month': {
      const { year, month } = parts(date);
      return monthStart(year, month);
    }
    case 'quarter': {
      const { year, month } = parts(date);
      return monthStart(year, month - ((month - 1) % 3));
    }
  }
}

/** Whether `date` is the first day of its period. */
export function isPeriodStart(date: string, frequency: Frequency): boolean {
  return periodStart(date, frequency) === date;
}

/** The first day of the period after the one containing `date`. */
export function nextPeriod(date: string, frequency: Frequency): string {
  const start = periodStart(date, frequency);
  switch (frequency) {
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addDays(start, 7);
    case 'month':
    case 'quarter': {
      const { year, month } = parts(start);
      return monthStart(year, month + (frequency === 'month' ? 1 : 3));
    }
  }
}

/** Start days of every period that overlaps `from`..`to` (both inclusive), oldest first; empty when to < from. */
export function periodsBetween(from: string, to: string, frequency: Frequency): string[] {
  const last = periodStart(to, frequency);
  const periods: string[] = [];
  // Period starts are zero-padded 'YYYY-MM-DD', so string order is date order.
  for (let period = periodStart(from, frequency); period <= last; period = nextPeriod(period, frequency)) {
    periods.push(period);
  }
  return periods;
}

type Bucket = { count: number; sum: number; min: number; max: number; last: number; lastDate: string };

function aggregate(bucket: Bucket, aggregation: Aggregation): number {
  switch (aggregation) {
    case 'sum':
      return bucket.sum;
    case 'avg':
      return bucket.sum / bucket.count;
    case 'last':
      return bucket.last;
    case 'min':
      return bucket.min;
    case 'max':
      return bucket.max;
  }
}

/** Groups dated values into periods and aggregates each; 'last' takes the latest day (later input wins a tie). */
export function bucketSeries(
  points: ReadonlyArray<{ date: string; value: number }>,
  bucket: Frequency,
  aggregation: Aggregation,
): Array<{ period: string; value: number }> {
  const buckets = new Map<string, Bucket>();
  for (const { date, value } of points) {
    const period = periodStart(date, bucket);
    const current = buckets.get(period);
    if (current === undefined) {
      buckets.set(period, { count: 1, sum: value, min: value, max: value, last: value, lastDate: date });
      continue;
    }
    current.count += 1;
    current.sum += value;
    current.min = Math.min(current.min, value);
    current.max = Math.max(current.max, value);
    if (date >= current.lastDate) {
      current.last = value;
      current.lastDate = date;
    }
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([period, values]) => ({ period, value: aggregate(values, aggregation) }));
}
