/** The friendly repeat choices of a routine and the RRULE each makes; pure, so it is unit-tested. */

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type RulePick =
  | { kind: 'daily' }
  | { kind: 'workdays' }
  | { kind: 'weekly'; days: Weekday[]; interval: number }
  | { kind: 'monthly'; day: number }
  | { kind: 'lastDay' }
  | { kind: 'custom'; rule: string };

const WORKDAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

function sortDays(days: readonly Weekday[]): Weekday[] {
  return WEEKDAYS.filter((day) => days.includes(day));
}

/** The RRULE of a choice, e.g. weekly on Monday → FREQ=WEEKLY;BYDAY=MO. */
export function toRule(pick: RulePick): string {
  switch (pick.kind) {
    case 'daily':
      return 'FREQ=DAILY';
    case 'workdays':
      return `FREQ=WEEKLY;BYDAY=${WORKDAYS.join(',')}`;
    case 'weekly': {
      const days = sortDays(pick.days);
      const interval = pick.interval > 1 ? `;INTERVAL=${pick.interval}` : '';
      return `FREQ=WEEKLY${interval};BYDAY=${(days.length > 0 ? days : ['MO']).join(',')}`;
    }
    case 'monthly':
      return `FREQ=MONTHLY;BYMONTHDAY=${pick.day}`;
    case 'lastDay':
      return 'FREQ=MONTHLY;BYMONTHDAY=-1';
    case 'custom':
      return pick.rule;
  }
}

/** The choice a rule came from, or `custom` for a rule the picker cannot make. */
export function parseRule(rule: string): RulePick {
  const parts = new Map<string, string>();
  for (const part of rule
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')) {
    const [key, value] = part.split('=');
    if (key && value !== undefined) parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const frequency = parts.get('FREQ');
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY']);
  if ([...parts.keys()].some((key) => !known.has(key)) || !Number.isInteger(interval) || interval < 1) {
    return { kind: 'custom', rule };
  }
  if (frequency === 'DAILY' && interval === 1 && parts.size === 1) return { kind: 'daily' };
  // Daily on some weekdays is the same as weekly on them (the templates write workdays this way).
  const isWeekly = frequency === 'WEEKLY' || (frequency === 'DAILY' && interval === 1);
  if (isWeekly && parts.has('BYDAY') && !parts.has('BYMONTHDAY')) {
    const days = (parts.get('BYDAY') ?? '').split(',');
    if (!days.every((day): day is Weekday => (WEEKDAYS as readonly string[]).includes(day))) {
      return { kind: 'custom', rule };
    }
    const sorted = sortDays(days);
    if (interval === 1 && sorted.join() === WORKDAYS.join()) return { kind: 'workdays' };
    return { kind: 'weekly', days: sorted, interval };
  }
  if (frequency === 'MONTHLY' && interval === 1 && parts.has('BYMONTHDAY') && !parts.has('BYDAY')) {
    const day = Number(parts.get('BYMONTHDAY'));
    if (day === -1) return { kind: 'lastDay' };
    if (Number.isInteger(day) && day >= 1 && day <= 31) return { kind: 'monthly', day };
  }
  return { kind: 'custom', rule };
}

/** The words for a rule, given the catalogue's texts (both languages read the same choices). */
export type RuleWords = {
  daily: string;
  workdays: string;
  weekly: (days: string) => string;
  everyWeeks: (count: number, days: string) => string;
  monthly: (day: number) => string;
  lastDay: string;
  custom: (rule: string) => string;
  weekday: (day: Weekday) => string;
  separator: string;
};

/** A rule in words: "每周一、周三" / "Every week on Mon, Wed". */
export function describeRule(rule: string, words: RuleWords): string {
  const pick = parseRule(rule);
  switch (pick.kind) {
    case 'daily':
      return words.daily;
    case 'workdays':
      return words.workdays;
    case 'weekly': {
      const days = pick.days.map(words.weekday).join(words.separator);
      return pick.interval > 1 ? words.everyWeeks(pick.interval, days) : words.weekly(days);
    }
    case 'monthly':
      return words.monthly(pick.day);
    case 'lastDay':
      return words.lastDay;
    case 'custom':
      return words.custom(pick.rule);
  }
}
