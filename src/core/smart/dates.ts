import { en as chronoEn } from 'chrono-node';
import { hans as chronoZh } from 'chrono-node/zh';
import { parseChineseNumber, toHalfWidth } from './numbers.ts';

type Day = { year: number; month: number; day: number };
export type DeadlineMatch = { date: string; index: number; end: number; text: string; isMarked: boolean };

const DAY_MS = 86_400_000;

/** Parses 'YYYY-MM-DD' into a calendar day; throws on anything else because `today` must be well formed. */
export function parseDay(iso: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const day = match ? makeDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  if (!day) throw new Error(`Expected a date as YYYY-MM-DD, got "${iso}"`);
  return day;
}

function makeDay(year: number, month: number, day: number): Day | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Formats a calendar day as 'YYYY-MM-DD'. */
export function formatDay({ year, month, day }: Day): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toEpochDay({ year, month, day }: Day): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromEpochDay(epochDay: number): Day {
  const date = new Date(epochDay * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The calendar day `days` later (earlier when negative). */
export function addDays(day: Day, days: number): Day {
  return fromEpochDay(toEpochDay(day) + days);
}

/** Same day-of-month N months later, clamped to the month's end (Jan 31 + 1 month = Feb 28). */
export function addMonths(day: Day, months: number): Day {
  const index = day.year * 12 + (day.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(day.day, daysInMonth(year, month)) };
}

/** Whole days from `from` to `to` (negative when `to` is earlier); the one copy is core/days. */

function endOfMonth(year: number, month: number): Day {
  return { year, month, day: daysInMonth(year, month) };
}

function endOfQuarter(year: number, quarter: number): Day {
  return endOfMonth(year, quarter * 3);
}

function quarterOf(day: Day): number {
  return Math.ceil(day.month / 3);
}

function compareDays(a: Day, b: Day): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** When the text names no year, a period that has already ended means next year's. */
function rollForward(today: Day, build: (year: number) => Day | null): Day | null {
  const thisYear = build(today.year);
  if (thisYear && compareDays(thisYear, today) >= 0) return thisYear;
  return build(today.year + 1);
}

const CN_NUM = '[零〇一二两三四五六七八九十百]+';
const EN_NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  'a couple of': 2,
  'couple of': 2,
  'a few': 3,
};
const EN_NUM = `\\d+|${Object.keys(EN_NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')}`;
const QUARTER_WORDS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
};

function readNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (trimmed === '半') return 0.5;
  if (trimmed in EN_NUMBER_WORDS) return EN_NUMBER_WORDS[trimmed] ?? null;
  return parseChineseNumber(trimmed);
}

/** Year named by a prefix such as 明年 / 2027年 / next year; null when the text names none. */
function namedYear(prefix: string | undefined, today: Day): number | null {
  if (!prefix) return null;
  const digits = /(\d{4})/.exec(prefix);
  if (digits) return Number(digits[1]);
  if (/后年/.test(prefix)) return today.year + 2;
  if (/明年|next year/i.test(prefix)) return today.year + 1;
  if (/今年|本年|this year/i.test(prefix)) return today.year;
  return null;
}

function relative(today: Day, amount: number, unit: string): Day | null {
  const u = unit.toLowerCase();
  if (/^(?:天|日|days?)$/.test(u)) return addDays(today, Math.round(amount));
  if (/^(?:周|星期|个星期|weeks?)$/.test(u)) return addDays(today, Math.round(amount * 7));
  if (/^(?:个?月|months?)$/.test(u)) return addMonths(today, Math.round(amount));
  if (/^(?:个?季度|quarters?)$/.test(u)) return addMonths(today, Math.round(amount * 3));
  if (/^(?:年|years?)$/.test(u)) return addMonths(today, Math.round(amount * 12));
  return null;
}

type Rule = {
  pattern: RegExp;
  resolve: (groups: Record<string, string | undefined>, today: Day) => Day | null;
  /** Text right before the match that makes it a target instead of a deadline: 控制在两天以内, "to within 2 days". */
  notAfter?: RegExp;
};

const TARGET_LEAD_IN =
  /(?:控制在|保持在|稳定在|维持在|缩短[到至]?|降低?[到至]?|压缩[到至]?|减少[到至]?|不超过|不到|超过|[到至为])\s*$|\b(?:to|under|below|than|at)\s*$/i;

const YEAR_PREFIX_ZH = String.raw`(?<year>\d{4}\s*年|明年|今年|本年|后年)?\s*(?:的)?\s*`;
const SUNDAY = 0;

function endOfWeek(today: Day, weeksAhead: number): Day {
  const weekday = new Date(toEpochDay(today) * DAY_MS).getUTCDay();
  const toSunday = weekday === SUNDAY ? 0 : 7 - weekday;
  return addDays(today, toSunday + weeksAhead * 7);
}

// Ordered from the most specific to the most general: each match hides its text from the rules after it.
const RULES: Rule[] = [
  {
    // 2027年6月30日, 2027-06-30, 2027/6/30, 2027.06.30
    pattern: /(?<y>\d{4})\s*[年\-/.]\s*(?<m>\d{1,2})\s*[月\-/.]\s*(?<d>\d{1,2})\s*[日号]?/g,
    resolve: (g) => makeDay(Number(g.y), Number(g.m), Number(g.d)),
  },
  {
    pattern:
      /(?:(?:the\s+)?end\s+of\s+)?(?:(?<!年\s*)q(?<q>[1-4])|the\s+(?<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)(?:\s*(?:of\s+)?(?<y>\d{4}))?\b|(?<y2>\d{4})\s*q(?<q2>[1-4])\b/gi,
    resolve: (g, today) => {
      const quarter =
        (g.q ?? g.q2) ? Number(g.q ?? g.q2) : (QUARTER_WORDS[(g.qw ?? '').toLowerCase()] ?? null);
      if (quarter === null) return null;
      const yearText = g.y ?? g.y2;
      return yearText
        ? endOfQuarter(Number(yearText), quarter)
        : rollForward(today, (y) => endOfQuarter(y, quarter));
    },
  },
  {
    pattern:
      /(?:(?:the\s+)?end\s+of\s+)?(?:h(?<h>[12])|(?:the\s+)?(?<hw>first|second)\s+half)(?:\s*(?:of\s+)?(?<y>\d{4}|next year|this year))?\b/gi,
    resolve: (g, today) => {
      const month = g.h === '1' || g.hw?.toLowerCase() === 'first' ? 6 : 12;
      const year = g.y ? namedYear(g.y, today) : null;
      return year === null ? rollForward(today, (y) => endOfMonth(y, month)) : endOfMonth(year, month);
    },
  },
  {
    // 2027年第一季度(末), 明年Q2, 第三季度, 三季度末, 2027Q1
    pattern: new RegExp(
      `${YEAR_PREFIX_ZH}(?:第?(?<q>[一二三四1-4])季度|[Qq](?<q2>[1-4])(?![0-9]))(?:末|底|结束)?`,
      'g',
    ),
    resolve: (g, today) => {
      const quarter = readNumber(g.q ?? g.q2);
      if (quarter === null) return null;
      const year = namedYear(g.year, today);
      return year === null
        ? rollForward(today, (y) => endOfQuarter(y, quarter))
        : endOfQuarter(year, quarter);
    },
  },
  {
    pattern: new RegExp(`${YEAR_PREFIX_ZH}(?<half>上半年|下半年)(?:末|底|结束)?`, 'g'),
    resolve: (g, today) => {
      const month = g.half === '上半年' ? 6 : 12;
      const year = namedYear(g.year, today);
      return year === null ? rollForward(today, (y) => endOfMonth(y, month)) : endOfMonth(year, month);
    },
  },
  {
    // 6月30日, 明年3月15号, 六月三十日 (this year, or next year once it has passed)
    pattern: new RegExp(
      `${YEAR_PREFIX_ZH}(?<m>\\d{1,2}|${CN_NUM})\\s*月\\s*(?<d>\\d{1,2}|${CN_NUM})\\s*[日号]`,
      'g',
    ),
    resolve: (g, today) => {
      const month = readNumber(g.m);
      const dayOfMonth = readNumber(g.d);
      if (month === null || dayOfMonth === null) return null;
      const year = namedYear(g.year, today);
      return year === null
        ? rollForward(today, (y) => makeDay(y, month, dayOfMonth))
        : makeDay(year, month, dayOfMonth);
    },
  },
  {
    // 3月底, 2027年6月, 明年三月份, 12月末: the end of that month
    pattern: new RegExp(
      `${YEAR_PREFIX_ZH}(?<![\\d个])(?<m>\\d{1,2}|${CN_NUM})\\s*月份?(?<part>底|末|下旬|中旬|上旬|中)?(?![\\d一二三四五六七八九十])`,
      'g',
    ),
    resolve: (g, today) => {
      const month = readNumber(g.m);
      if (month === null || month < 1 || month > 12) return null;
      const partDay = g.part === '上旬' ? 10 : g.part === '中旬' ? 20 : g.part === '中' ? 15 : null;
      const build = (y: number): Day => (partDay ? { year: y, month, day: partDay } : endOfMonth(y, month));
      const year = namedYear(g.year, today);
      return year === null ? rollForward(today, build) : build(year);
    },
  },
  {
    pattern: /(?:本|这个?|当)季度?(?:末|底)?(?![a-z])|本季/g,
    resolve: (_g, today) => endOfQuarter(today.year, quarterOf(today)),
  },
  {
    pattern: /下一?个?季度(?:末|底)?/g,
    resolve: (_g, today) => {
      const next = addMonths({ ...today, day: 1 }, 3);
      return endOfQuarter(next.year, quarterOf(next));
    },
  },
  {
    pattern: /下一?个?月(?:底|末|份)?(?![\d一二三四五六七八九十])/g,
    resolve: (_g, today) => {
      const next = addMonths({ ...today, day: 1 }, 1);
      return endOfMonth(next.year, next.month);
    },
  },
  {
    pattern: /(?:本|这个?|当)月(?:底|末|内)?|(?<![\d一二三四五六七八九十个])月(?:底|末)/g,
    resolve: (_g, today) => endOfMonth(today.year, today.month),
  },
  {
    pattern: /下一?(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天1-7])(?:末|内)?/g,
    resolve: (_g, today) => endOfWeek(today, 1),
  },
  {
    pattern: /(?:本|这个?)(?:周|星期|礼拜)(?![一二三四五六日天1-7])(?:末|内)?|周末/g,
    resolve: (_g, today) => endOfWeek(today, 0),
  },
  {
    // 双十一 / 双11 are deadlines every operations team in China plans around.
    pattern: /双\s*(?<festival>十一|11|十二|12)/g,
    resolve: (g, today) => {
      const month = g.festival === '十一' || g.festival === '11' ? 11 : 12;
      return rollForward(today, (y) => makeDay(y, month, month));
    },
  },
  {
    pattern:
      /(?:(?:by\s+)?the\s+)?(?:end\s+of\s+(?:the|this)\s+quarter|(?:this|the current|current)\s+quarter|quarter[-\s]end)\b/gi,
    resolve: (_g, today) => endOfQuarter(today.year, quarterOf(today)),
  },
  {
    pattern: /(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?(?:next|following|coming)\s+quarter\b/gi,
    resolve: (_g, today) => {
      const next = addMonths({ ...today, day: 1 }, 3);
      return endOfQuarter(next.year, quarterOf(next));
    },
  },
  {
    pattern: /(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?(?:next|following|coming)\s+month\b/gi,
    resolve: (_g, today) => {
      const next = addMonths({ ...today, day: 1 }, 1);
      return endOfMonth(next.year, next.month);
    },
  },
  {
    pattern: /(?:(?:the\s+)?end\s+of\s+(?:the|this)\s+month|this\s+month|month[-\s]end)\b/gi,
    resolve: (_g, today) => endOfMonth(today.year, today.month),
  },
  {
    pattern: /(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?(?:next|following|coming)\s+week\b/gi,
    resolve: (_g, today) => endOfWeek(today, 1),
  },
  {
    pattern: /(?:(?:the\s+)?end\s+of\s+(?:the|this)\s+week|this\s+week|week[-\s]end)\b/gi,
    resolve: (_g, today) => endOfWeek(today, 0),
  },
  {
    notAfter: TARGET_LEAD_IN,
    // 三个月内, 在未来六个月内, 两周内, 90天内, 半年内, 接下来两个季度
    pattern: new RegExp(
      `(?<lead>未来|接下来的?|今后|之后的?|用)?\\s*(?<n>\\d+|${CN_NUM}|半)\\s*(?<unit>天|日|周|个?星期|个?月|个?季度|年)(?<trail>时间)?\\s*(?<suffix>之内|以内|内|里|后|之后|时间内)?`,
      'g',
    ),
    resolve: (g, today) => {
      if (!g.lead && !g.suffix) return null;
      if (g.unit === '月' && g.lead === undefined) return null; // 3月内 is March, not three months
      const amount = readNumber(g.n);
      return amount === null || !g.unit ? null : relative(today, amount, g.unit);
    },
  },
  {
    notAfter: TARGET_LEAD_IN,
    // within 90 days, in the next two months, over the next 6 weeks, in 3 months, within a year
    pattern: new RegExp(
      `\\b(?:(?:within|in|over|during|for)\\s+(?:the\\s+)?(?:next|coming|following)\\s+(?:(?<n1>${EN_NUM})\\s+)?|(?:within|in)\\s+(?<n2>${EN_NUM})\\s+)(?<unit>days?|weeks?|months?|quarters?|years?)\\b`,
      'gi',
    ),
    resolve: (g, today) => {
      const amount = readNumber(g.n1 ?? g.n2 ?? '1');
      return amount === null || !g.unit ? null : relative(today, amount, g.unit);
    },
  },
  {
    pattern: /明年(?:年底|年末|底|末|内)?|(?:(?:the\s+)?end\s+of\s+)?next\s+year\b/gi,
    resolve: (_g, today) => endOfMonth(today.year + 1, 12),
  },
  {
    pattern: /后年(?:年底|年末|底|末|内)?/g,
    resolve: (_g, today) => endOfMonth(today.year + 2, 12),
  },
  {
    pattern: /(?<y>\d{4})\s*年(?:底|末|内|年底|年末)?(?![\d月第上下])/g,
    resolve: (g) => endOfMonth(Number(g.y), 12),
  },
  {
    pattern: /年底|年末|年内|年终|今年(?:底|末|内)?|本年度?(?:内)?/g,
    resolve: (_g, today) => endOfMonth(today.year, 12),
  },
  {
    pattern:
      /(?:(?:the\s+)?end\s+of\s+(?<y>\d{4}))|\b(?:in|by|during|before)\s+(?<y2>20\d{2})\b(?![-/.,%]?\d|\s*(?:k|new|more|additional|users|customers|people|orders|units)\b)/gi,
    resolve: (g, today) => {
      const year = Number(g.y ?? g.y2);
      // "by 2000 users" is not a year: only present and future years count.
      return year >= today.year && year <= today.year + 30 ? endOfMonth(year, 12) : null;
    },
  },
  {
    pattern:
      /(?:(?:the\s+)?end\s+of\s+(?:the|this)\s+year|this\s+year|year[-\s]end|end\s+of\s+year|\beoy\b)/gi,
    resolve: (_g, today) => endOfMonth(today.year, 12),
  },
];

const MARKER_BEFORE =
  /(?:在|于|截至|截止|到|by|before|within|until|till|no later than|in|during|over|of)\s*$/i;
const MARKER_AFTER = /^\s*(?:之前|以前|前(?!端|台)|之内|以内|内(?!容|部|存)|截止|为止|底前|完成|deadline)/;
/** An amount with a scale shorthand (3.5w = 35,000, 30k, 3m): a quantity, never a date. */
const SCALED_AMOUNT = /^\d+(?:\.\d+)?\s*(?:[kwmb]|mn|bn)$/i;
const DURATION_ONLY = /\d+\s*(?:days?|weeks?|months?|years?|hours?|minutes?)\b|[天周年]内|个月|小时/i;

/** Every deadline-like phrase in the text, earliest first, resolved against `today` ('YYYY-MM-DD'). */
export function findDeadlines(written: string, today: string): DeadlineMatch[] {
  const text = toHalfWidth(written);
  const todayDay = parseDay(today);
  const found: DeadlineMatch[] = [];
  let masked = text;
  const record = (index: number, matchText: string, day: Day) => {
    const end = index + matchText.length;
    // 三个月内 already holds its marker: the 内 of a following 内容 is the metric's.
    const trailing = /(?:内|前)$/.test(matchText) ? null : MARKER_AFTER.exec(text.slice(end));
    const isMarked =
      MARKER_BEFORE.test(text.slice(0, index)) ||
      trailing !== null ||
      /^(?:by|within|in|before|until)\b/i.test(matchText) ||
      /(?:内|前)$/.test(matchText);
    // The marker 前/内 belongs to the deadline, so it must not leak into the metric.
    const markerLength =
      trailing && /^\s*(?:之前|以前|前|之内|以内|内|为止|底前)/.test(trailing[0]) ? trailing[0].length : 0;
    found.push({ date: formatDay(day), index, end: end + markerLength, text: matchText, isMarked });
    masked =
      masked.slice(0, index) + ' '.repeat(end + markerLength - index) + masked.slice(end + markerLength);
  };
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (const match of [...masked.matchAll(rule.pattern)]) {
      if (match[0].trim() === '') continue;
      if (rule.notAfter?.test(masked.slice(0, match.index))) continue;
      const day = rule.resolve(match.groups ?? {}, todayDay);
      if (day) record(match.index, match[0], day);
    }
  }
  // chrono reads the absolute dates and weekdays the rules above leave: "June 30, 2027", "Sept. 30", "6/30", "下周五".
  const reference = new Date(todayDay.year, todayDay.month - 1, todayDay.day, 12);
  for (const parser of [chronoEn, chronoZh]) {
    for (const result of parser.parse(masked, reference, { forwardDate: true })) {
      const start = result.start;
      if (DURATION_ONLY.test(result.text)) continue; // "reduce to 3 days" is a target, not a date
      if (SCALED_AMOUNT.test(result.text.trim())) continue; // chrono takes "3.5w" and "3m" for dates
      if (start.isCertain('hour') && !start.isCertain('day')) continue;
      const isMonthOnly = start.isCertain('month') && !start.isCertain('day') && !start.isCertain('weekday');
      if (
        !(start.isCertain('day') && start.isCertain('month')) &&
        !start.isCertain('weekday') &&
        !isMonthOnly
      )
        continue;
      const year = start.get('year');
      const month = start.get('month');
      const dayOfMonth = start.get('day');
      if (year === null || month === null || dayOfMonth === null) continue;
      const day = isMonthOnly ? endOfMonth(year, month) : makeDay(year, month, dayOfMonth);
      if (!day || masked.slice(result.index, result.index + result.text.length).trim() === '') continue;
      record(result.index, result.text, day);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The deadline a goal statement sets, as 'YYYY-MM-DD' resolved against `today`, or null when it sets none. */
export function parseDeadline(text: string, today: string): string | null {
  return pickDeadline(findDeadlines(text, today))?.date ?? null;
}

/** With several dates, the one introduced as a deadline wins ("by", "前", "内"), and the latest of those. */
export function pickDeadline(matches: DeadlineMatch[]): DeadlineMatch | null {
  const marked = matches.filter((match) => match.isMarked);
  const pool = marked.length > 0 ? marked : matches;
  return pool.reduce<DeadlineMatch | null>(
    (latest, match) => (!latest || match.date > latest.date ? match : latest),
    null,
  );
}
