/** The chart's time scale and its days off; pure, so it is unit-tested. */
import { addDays, dayNumber } from '../../../core/days/index.ts';
import { compileCalendar, type WorkCalendar } from '../../../core/schedule/calendar.ts';
import type { Zoom } from './gantt.ts';

export type Tick = { x: number; width: number; label: string; isMuted?: boolean };

/**
 * The two rows of the time scale: months over days or weeks, or years over months. At day zoom the days the
 * workspace does not work (its week pattern, 大小周 too, and holidays) are muted.
 */
export function headerTicks(
  start: string,
  days: number,
  zoom: Zoom,
  dayWidth: number,
  locale: string,
  calendar: WorkCalendar,
) {
  const monthLabel = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const yearLabel = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  const shortMonth = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const dayMonth = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const working = compileCalendar(calendar);
  const top: Tick[] = [];
  const bottom: Tick[] = [];
  for (let index = 0; index < days; index += 1) {
    const day = addDays(start, index);
    const date = new Date(`${day}T00:00:00Z`);
    const x = index * dayWidth;
    const isMonthStart = date.getUTCDate() === 1;
    if (zoom === 'month') {
      if (index === 0 || (isMonthStart && date.getUTCMonth() === 0))
        top.push({ x, width: 0, label: yearLabel.format(date) });
      if (isMonthStart) {
        const length = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
        bottom.push({ x, width: length * dayWidth, label: shortMonth.format(date) });
      }
      continue;
    }
    if (index === 0 || isMonthStart) top.push({ x, width: 0, label: monthLabel.format(date) });
    if (zoom === 'day') {
      bottom.push({
        x,
        width: dayWidth,
        label: String(date.getUTCDate()),
        isMuted: !working.isWorking(dayNumber(day)),
      });
    } else if (date.getUTCDay() === 1) {
      bottom.push({ x, width: dayWidth * 7, label: dayMonth.format(date) });
    }
  }
  return { top, bottom };
}

/** A run of consecutive days off: `first` is its index from the chart's start, `length` its days. */
export type DaysOff = { first: number; length: number };

/** The runs of days the calendar does not work in the chart's span, to shade behind the bars. */
export function daysOff(start: string, days: number, calendar: WorkCalendar): DaysOff[] {
  const working = compileCalendar(calendar);
  const origin = dayNumber(start);
  const runs: DaysOff[] = [];
  for (let index = 0; index < days; index += 1) {
    if (working.isWorking(origin + index)) continue;
    const previous = runs.at(-1);
    if (previous && previous.first + previous.length === index) previous.length += 1;
    else runs.push({ first: index, length: 1 });
  }
  return runs;
}
