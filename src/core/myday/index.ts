import { nextPeriod, periodStart, type Frequency } from '../kpis/periods.ts';
import { addDays } from '../days/index.ts';

/**
 * A person's day: everything waiting on them — tasks they are Responsible or Accountable for, process steps
 * assigned to them, goal check-ins and KPI values falling due — in four groups: overdue, today, the next
 * seven days, later (and undated). Days are 'YYYY-MM-DD' in the workspace's time zone; the caller turns
 * instants into days, so nothing here reads a clock or a time zone.
 */

export type MyDayKind = 'task' | 'step' | 'check_in' | 'kpi_value';
export type MyDayGroup = 'overdue' | 'today' | 'week' | 'later';
export const MY_DAY_GROUPS: readonly MyDayGroup[] = ['overdue', 'today', 'week', 'later'];

/** The days of "this week" after today: today and the six days after it. */
export const WEEK_DAYS = 7;

export type DueWhen = {
  /** The day it is due; null when it has no date. */
  day: string | null;
  /** Due at an instant already past (a step's SLA ran out earlier today): overdue though the day is today. */
  isPast?: boolean;
};

/** Which group an item due on `due` belongs to, seen on `today`. */
export function myDayGroup(due: DueWhen, today: string): MyDayGroup {
  if (due.day === null) return 'later';
  if (due.isPast === true || due.day < today) return 'overdue';
  if (due.day === today) return 'today';
  return due.day < addDays(today, WEEK_DAYS) ? 'week' : 'later';
}

/** Days are zero-padded, so string order is date order; undated items go last, then by title. */
function byDue<Item extends { due: DueWhen; title: string }>(a: Item, b: Item): number {
  const left = a.due.day ?? '9999-12-31';
  const right = b.due.day ?? '9999-12-31';
  return left < right ? -1 : left > right ? 1 : a.title.localeCompare(b.title);
}

/** Items sorted into the four groups, each soonest first; every group is present, possibly empty. */
export function groupMyDay<Item extends { due: DueWhen; title: string }>(
  items: readonly Item[],
  today: string,
): Record<MyDayGroup, Item[]> {
  const groups: Record<MyDayGroup, Item[]> = { overdue: [], today: [], week: [], later: [] };
  for (const item of items) groups[myDayGroup(item.due, today)].push(item);
  for (const group of MY_DAY_GROUPS) groups[group].sort(byDue);
  return groups;
}

/**
 * The day a goal's next check-in is due: `intervalDays` after the last one (or after the goal was set up).
 * The reminders job announces it on that day; from the day after it is overdue.
 */
export function checkInDueDay(lastCheckInDay: string, intervalDays: number): string {
  return addDays(lastCheckInDay, intervalDays);
}

/**
 * The KPI value a person should enter next, per the KPI's frequency: the last ended period's value when it is
 * missing (due on the first day after that period, the day the reminder goes out), else the running period's
 * (due on the day after it ends). A KPI set up during the running period owes nothing for the one before.
 */
export function kpiValueDueNext(
  today: string,
  frequency: Frequency,
  lastPeriod: string | null,
  createdDay: string,
): { period: string; dueDay: string } {
  const running = periodStart(today, frequency);
  const ended = periodStart(addDays(running, -1), frequency);
  const owesEnded = lastPeriod === null ? createdDay < running : lastPeriod < ended;
  if (owesEnded) return { period: ended, dueDay: running };
  return { period: running, dueDay: nextPeriod(running, frequency) };
}
