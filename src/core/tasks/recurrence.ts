import * as rruleModule from 'rrule';

// rrule ships CommonJS for Node and ES modules for bundlers: take rrulestr from wherever this loader put it.
const { rrulestr } =
  'rrulestr' in rruleModule ? rruleModule : (rruleModule as { default: typeof rruleModule }).default;

/** A repeat rule checked and ready: `FREQ=WEEKLY;BYDAY=MO` from a start day, as RFC 5545 defines it. */
export type Recurrence = { rule: string; startsOn: string };

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function compile({ rule, startsOn }: Recurrence) {
  const body = rule.trim().replace(/^RRULE:/i, '');
  return rrulestr(`DTSTART:${startsOn.replaceAll('-', '')}T000000Z\nRRULE:${body}`);
}

/** Null when the rule is usable, else what is wrong with it (in the library's words). */
export function checkRecurrence(recurrence: Recurrence): string | null {
  try {
    const rule = compile(recurrence);
    if (!rule.after(toDate(recurrence.startsOn), true))
      return 'the rule has no occurrence on or after its start';
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The first occurrence on or after `from` that is not skipped, or null when the series has ended. */
export function nextOccurrence(
  recurrence: Recurrence,
  from: string,
  skipped: readonly string[] = [],
): string | null {
  const rule = compile(recurrence);
  const skip = new Set(skipped);
  let cursor = toDate(from);
  let inclusive = true;
  // A bounded walk: a rule whose every occurrence is skipped must not loop forever.
  for (let step = 0; step < 1000; step += 1) {
    const next = rule.after(cursor, inclusive);
    if (!next) return null;
    const day = toDay(next);
    if (!skip.has(day)) return day;
    cursor = next;
    inclusive = false;
  }
  return null;
}

/** The next `count` occurrences from `from`, for showing a routine's upcoming days. */
export function upcomingOccurrences(
  recurrence: Recurrence,
  from: string,
  count: number,
  skipped: readonly string[] = [],
) {
  const days: string[] = [];
  let cursor: string | null = from;
  while (cursor && days.length < count) {
    const day = nextOccurrence(recurrence, cursor, skipped);
    if (!day) break;
    days.push(day);
    cursor = toDay(new Date(toDate(day).getTime() + 86_400_000));
  }
  return days;
}
