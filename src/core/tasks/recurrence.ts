import * as rruleModule from 'rrule';
import { isRoutineDay, ROUTINE_DAYS } from './routineDays.ts';

export { isRoutineDay, ROUTINE_DAYS };

// rrule ships CommonJS for Node and ES modules for bundlers: take rrulestr from wherever this loader put it.
const { rrulestr } =
  'rrulestr' in rruleModule ? rruleModule : (rruleModule as { default: typeof rruleModule }).default;

/** A repeat rule checked and ready: `FREQ=WEEKLY;BYDAY=MO` from a start day, as RFC 5545 defines it. */
export type Recurrence = { rule: string; startsOn: string };

// A routine repeats by the day: sub-daily frequencies and time parts would multiply the walk by 24…86,400.
const FREQUENCIES = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
const PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'WKST',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYSETPOS',
]);
const MAX_INTERVAL = 366;
// Past the last routine day the answer is always "no more occurrences".
const END = toDate('2101-01-01');

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The rule's body without its optional `RRULE:` prefix. */
export function ruleBody(rule: string): string {
  return rule.trim().replace(/^RRULE:/i, '');
}

function parts(rule: string): Map<string, string> {
  return new Map(
    ruleBody(rule)
      .split(';')
      .filter(Boolean)
      .map((part) => {
        const [key = '', value = ''] = part.split('=');
        return [key.toUpperCase(), value.toUpperCase()];
      }),
  );
}

function compile({ rule, startsOn }: Recurrence) {
  return rrulestr(`DTSTART:${startsOn.replaceAll('-', '')}T000000Z\nRRULE:${ruleBody(rule)}`);
}

/**
 * rrule walks to the year 9999 when a rule can never match (BYMONTH=2;BYMONTHDAY=30): seconds for a daily
 * rule. The same day filters under FREQ=YEARLY find out in a few thousand periods, so daily and weekly
 * rules are tried that way first.
 */
function matchesSomeDay(recurrence: Recurrence, given: Map<string, string>): boolean {
  const freq = given.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY') return true;
  const filters = ['BYMONTH', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'WKST']
    .filter((key) => given.has(key))
    .map((key) => `${key}=${given.get(key)}`);
  const weekdays = given.get('BYDAY')?.replace(/[+-]?\d+/g, '') ?? 'MO,TU,WE,TH,FR,SA,SU';
  const yearly = compile({
    rule: ['FREQ=YEARLY', `BYDAY=${weekdays}`, ...filters].join(';'),
    startsOn: recurrence.startsOn,
  });
  return yearly.after(toDate(recurrence.startsOn), true) !== null;
}

/** Null when the rule is usable, else what is wrong with it (in the library's words, or ours). */
export function checkRecurrence(recurrence: Recurrence): string | null {
  if (!isRoutineDay(recurrence.startsOn))
    return `the start must lie between ${ROUTINE_DAYS.first} and ${ROUTINE_DAYS.last}`;
  const body = ruleBody(recurrence.rule);
  // Only RRULE parts: a line break could smuggle in a DTSTART of its own.
  if (!/^[A-Za-z0-9=;,+-]+$/.test(body)) return 'use only RRULE parts such as FREQ=WEEKLY;BYDAY=MO';
  const given = parts(body);
  const freq = given.get('FREQ');
  if (!freq || !FREQUENCIES.has(freq)) return 'the frequency (FREQ) must be DAILY, WEEKLY, MONTHLY or YEARLY';
  const unknown = [...given.keys()].filter((key) => !PARTS.has(key));
  if (unknown.length > 0) return `a routine repeats by days: ${unknown.join(', ')} is not supported`;
  const interval = Number(given.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL)
    return `INTERVAL must be a whole number from 1 to ${MAX_INTERVAL}`;
  if (given.has('BYSETPOS') && (freq === 'DAILY' || freq === 'WEEKLY'))
    return 'BYSETPOS needs FREQ=MONTHLY or YEARLY';
  try {
    if (!matchesSomeDay(recurrence, given) || !compile(recurrence).after(toDate(recurrence.startsOn), true))
      return 'the rule has no occurrence on or after its start';
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * One pass over the occurrences from `from` on (never past the last routine day): `visit` gets each day
 * that is not skipped and answers whether to go on. rrule walks from the start once per call, so callers
 * ask one question per pass instead of one per occurrence.
 */
function walk(
  recurrence: Recurrence,
  from: string,
  skipped: readonly string[],
  visit: (day: string) => boolean,
): void {
  const skip = new Set(skipped);
  compile(recurrence).between(toDate(from), END, true, (date) => {
    const day = toDay(date);
    return skip.has(day) ? true : visit(day);
  });
}

/** The first occurrence on or after `from` that is not skipped, or null when the series has ended. */
export function nextOccurrence(
  recurrence: Recurrence,
  from: string,
  skipped: readonly string[] = [],
): string | null {
  return upcomingOccurrences(recurrence, from, 1, skipped)[0] ?? null;
}

/** The next `count` occurrences from `from`, for showing a routine's upcoming days. */
export function upcomingOccurrences(
  recurrence: Recurrence,
  from: string,
  count: number,
  skipped: readonly string[] = [],
): string[] {
  const days: string[] = [];
  if (count <= 0) return days;
  walk(recurrence, from, skipped, (day) => {
    days.push(day);
    return days.length < count;
  });
  return days;
}

/** What a routine owes up to `horizon`, counted from its next occurrence `from`. */
export type DueOccurrences = {
  /** The days to create now: on or after `earliest`, up to `horizon`. */
  days: string[];
  /** Occurrences before `earliest` left uncreated: a routine catches up on a short window only. */
  omitted: number;
  /** The first occurrence after `horizon`, or null when the series ends. */
  next: string | null;
};

/** Due occurrences in one pass: from `from` (the routine's next occurrence) to `horizon`. */
export function dueOccurrences(
  recurrence: Recurrence,
  window: { from: string; earliest: string; horizon: string },
  skipped: readonly string[] = [],
): DueOccurrences {
  const result: DueOccurrences = { days: [], omitted: 0, next: null };
  walk(recurrence, window.from, skipped, (day) => {
    if (day > window.horizon) {
      result.next = day;
      return false;
    }
    if (day < window.earliest) result.omitted += 1;
    else result.days.push(day);
    return true;
  });
  return result;
}
