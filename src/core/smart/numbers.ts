import type { Quantity } from './types.ts';

export type QuantityMatch = Quantity & { text: string; index: number };

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const CHINESE_SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** Reads a Chinese numeral ('三', '十二', '两', '二十五', '一万二', '二〇二七') as a number; null if it is not one. */
export function parseChineseNumber(text: string): number | null {
  const chars = [...text.trim()];
  if (chars.length === 0) return null;
  if (chars.every((c) => c in CHINESE_DIGITS)) {
    // A bare digit string such as 二〇二七 is read digit by digit, like a year.
    return Number(chars.map((c) => CHINESE_DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 0;
  let sawZero = false;
  for (const [position, char] of chars.entries()) {
    const digitValue = CHINESE_DIGITS[char];
    const smallUnit = CHINESE_SMALL_UNITS[char];
    if (digitValue !== undefined) {
      if (digitValue === 0) sawZero = true;
      else if (digit !== null) return null;
      else digit = digitValue;
    } else if (smallUnit !== undefined) {
      // 十 alone means ten (十二 = 12), but 百/千 without a digit in front is not a number here (千万 = "by all means").
      if (digit === null && !(smallUnit === 10 && position === 0)) return null;
      section += (digit ?? 1) * smallUnit;
      digit = null;
      lastUnit = smallUnit;
      sawZero = false;
    } else if (char === '万' || char === '亿') {
      if (digit === null && section === 0) return null;
      const scale = char === '万' ? 10_000 : 100_000_000;
      const value = section + (digit ?? 0);
      total = char === '亿' ? (total + value) * scale : total + value * scale;
      section = 0;
      digit = null;
      lastUnit = scale;
      sawZero = false;
    } else {
      return null;
    }
  }
  if (digit !== null) {
    // 一万二 is 12,000 and 三千五 is 3,500: a trailing digit right after a unit counts in the next unit down.
    section += lastUnit >= 10 && !sawZero ? (digit * lastUnit) / 10 : digit;
  }
  return total + section;
}

/**
 * Full-width digits, letters and the full-width point (４.６万, １２％, ３ｗ, as typed with a Chinese IME) as
 * their ASCII forms. Each character maps to one character, so positions in the text stay valid.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0E]/g, (char) =>
    String.fromCharCode(char.charCodeAt(0) - 0xfee0),
  );
}

const UNIT_ALIASES: Array<[RegExp, string]> = [
  [/^(?:%|％|percent|per cent)$/i, '%'],
  [/^(?:个?百分点|percentage points?|pp|pts? of share)$/i, 'pp'],
  [/^(?:个?小时|hours?|hrs?|h)$/i, 'h'],
  [/^(?:分钟|minutes?|mins?)$/i, 'min'],
  [/^(?:秒钟?|seconds?|secs?)$/i, 's'],
  [/^(?:天|日|days?)$/i, 'd'],
  [/^(?:周|个?星期|weeks?|wks?)$/i, 'wk'],
  [/^(?:元|块|人民币|rmb|cny|¥|￥|yuan)$/i, '¥'],
  [/^(?:美元|美金|usd|\$|dollars?)$/i, '$'],
  [/^(?:分|points?|pts?)$/i, 'pt'],
  [/^(?:倍|x|times)$/i, '×'],
  [/^(?:人|名|位)$/, '人'],
  [/^(?:单|笔)$/, '单'],
];

/** Maps a unit as written ('小时', 'hours', '％', '元') to the normalised set of Quantity units; unknown units pass through. */
export function normaliseUnit(unit: string | null | undefined): string | null {
  if (unit === null || unit === undefined) return null;
  const trimmed = unit.trim();
  if (trimmed === '') return null;
  for (const [pattern, normalised] of UNIT_ALIASES) if (pattern.test(trimmed)) return normalised;
  return trimmed;
}

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  千: 1e3,
  万: 1e4,
  w: 1e4,
  百万: 1e6,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  千万: 1e7,
  亿: 1e8,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

const ARABIC = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+`;
const QUANTITY_PATTERN = new RegExp(
  String.raw`(?<percentOf>百分之)?` +
    String.raw`(?<currency>US\$|[¥￥$]|(?:RMB|CNY|USD)\s?)?` +
    String.raw`(?<number>${ARABIC}|[${CHINESE_NUMERAL_CHARS}]+)` +
    // "4.6 万" and "3.5 w" keep a space before the scale; a spaced m/b stays metres/bytes, so those must touch.
    String.raw`(?:\s?(?<multZh>百万|千万|万|亿|千)|\s?(?<multSpaced>[kKwW])(?![A-Za-z])|(?<multShort>[mMbB]|mn|bn)(?![A-Za-z])|\s?(?<multWord>thousand|million|billion)\b)?` +
    String.raw`\s?(?<unit>%|％|(?:percent|per cent|percentage points?)\b|个百分点|百分点|pp\b|` +
    String.raw`个?小时|(?:hours?|hrs?|h)\b|分钟|(?:minutes?|mins?)\b|秒钟?|(?:seconds?|secs?)\b|天|日(?![期前内])|(?:days?)\b|` +
    String.raw`个?星期|(?:weeks?|wks?)\b|元|块钱?|人民币|美元|美金|(?:dollars?|yuan|RMB|CNY|USD)\b|` +
    String.raw`倍|(?:x|times)\b|分(?!钟|之)|(?:points?|pts?)\b|人|名|位|个(?!月)|单|笔|次|条|篇|场|家|件)?`,
  'giu',
);

const COUNT_OR_CURRENCY = new Set(['人', '个', '单', '次', '条', '篇', '场', '家', '件', '¥', '$']);

/** Finds every number in a text with its normalised unit: "50,000", "8万", "1.2 million", "三千人", "20%", "百分之五". */
export function parseQuantities(written: string): QuantityMatch[] {
  const found: QuantityMatch[] = [];
  const text = toHalfWidth(written);
  for (const match of text.matchAll(QUANTITY_PATTERN)) {
    const groups = match.groups ?? {};
    const numberText = groups.number ?? '';
    const start = match.index;
    const before = text.slice(0, start);
    const after = text.slice(start + match[0].length);
    if (/[A-Za-z\d.]$/.test(before) && !groups.currency) continue; // Q1, H2, v2.0
    const isChineseNumeral = !/\d/.test(numberText);
    let value = isChineseNumeral ? parseChineseNumber(numberText) : Number(numberText.replace(/,/g, ''));
    if (value === null || !Number.isFinite(value)) continue;
    const multiplierKey = (
      groups.multZh ??
      groups.multSpaced ??
      groups.multShort ??
      groups.multWord ??
      ''
    ).toLowerCase();
    const multiplier = MULTIPLIERS[multiplierKey];
    if (multiplier !== undefined) value *= multiplier;
    let unit = groups.percentOf ? '%' : normaliseUnit(groups.unit ?? groups.currency ?? null);
    if (groups.currency && !groups.unit) unit = normaliseUnit(groups.currency);
    // Dates and ordinals are not quantities: 2027年, 3月, 30日前, 1st, 30th.
    if (!groups.unit && /^(?:\s?(?:年|月|号|个月|个季度|季度|st\b|nd\b|rd\b|th\b))/.test(after)) continue;
    // "the 2027 content calendar", "in 2026": a bare year is a label, not an amount.
    const isBareYear = !unit && multiplier === undefined && /^20\d{2}$/.test(numberText);
    if (
      isBareYear &&
      (/\b(?:the|in|of|for|since|until|year|fy)\s*$/i.test(before) || /^\s*(?:年度|财年)/.test(after))
    ) {
      continue;
    }
    if (isChineseNumeral) {
      // A lone Chinese numeral is usually part of a word (统一, 一站式): only take it with a unit or 万/亿.
      const hasScale = /[万亿]/.test(numberText) || multiplier !== undefined;
      // 从两千提升到三千五百: after 从/到 a numeral with 十/百/千 is an amount even without a unit.
      const isIntroduced =
        /[十百千]/.test(numberText) && /(?:从|由|到|至|达到|为|突破|超过)\s*$/.test(before);
      if (!unit && !hasScale && !isIntroduced) continue;
      if (/^[一]$/.test(numberText) && unit !== null && !COUNT_OR_CURRENCY.has(unit) && unit !== '%')
        continue;
    }
    // The text as written (１２％), at the same position: the half-width copy keeps every index.
    found.push({
      value: roundTiny(value),
      unit,
      text: written.slice(start, start + match[0].length).trimEnd(),
      index: start,
    });
  }
  return found;
}

/** Avoids 1.2 × 1e6 = 1199999.9999999998 leaking into results. */
function roundTiny(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
