/** Locale-aware formatting of KPI values, percentages and calendar days; pure, so it is unit-tested. */

export type FormatLocale = 'zh-CN' | 'en';
export type PeriodKind = 'day' | 'week' | 'month' | 'quarter';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A 'YYYY-MM-DD' calendar day as a local Date at midnight (charts and pickers work in local time). */
export function dayToDate(day: string): Date {
  const match = DAY_PATTERN.exec(day);
  if (!match) return new Date(Number.NaN);
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** The 'YYYY-MM-DD' of a local Date. */
export function dateToDay(date: Date): string {
  const year = String(date.getFullYear()).padStart(4, '0');
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** Fraction digits that keep a value readable: none for big numbers, up to two for small ones. */
function fractionDigits(value: number): number {
  const size = Math.abs(value);
  if (size >= 1000) return 0;
  if (size >= 10) return 1;
  return 2;
}

/**
 * One Intl formatter per locale and options: building one costs far more than formatting with it (a page of
 * the workload heatmap formats 1,200 numbers: 0.45 s of its first render when each built its own).
 */
function keptPerOptions<Options, Format>(make: (locale: FormatLocale, options: Options) => Format) {
  const kept = new Map<string, Format>();
  return (locale: FormatLocale, options: Options): Format => {
    const key = `${locale}|${JSON.stringify(options)}`;
    let format = kept.get(key);
    if (!format) {
      format = make(locale, options);
      kept.set(key, format);
    }
    return format;
  };
}

const numberFormat = keptPerOptions(
  (locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
);
const dateFormat = keptPerOptions(
  (locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
);

export function formatNumber(value: number, locale: FormatLocale, maximumFractionDigits?: number): string {
  return numberFormat(locale, {
    maximumFractionDigits: maximumFractionDigits ?? fractionDigits(value),
  }).format(value);
}

/**
 * A 0..1 fraction as a whole percentage: 0.62 → "62%". Rounded down like the server's health messages, so
 * 99.6% never reads as a finished 100% and the numbers on a page agree with the message beside them.
 */
export function formatPercent(fraction: number, locale: FormatLocale): string {
  const floored = Math.floor(fraction * 100 + 1e-9) / 100;
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(floored);
}

/** A value with its unit: "12,345 人", "3.5%", "¥1,200". */
export function formatMeasure(value: number | null, unit: string | null, locale: FormatLocale): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const number = formatNumber(value, locale);
  if (!unit) return number;
  if (unit === '%' || unit === '‰') return `${number}${unit}`;
  if (unit === '¥' || unit === '$' || unit === '€' || unit === '￥') return `${unit}${number}`;
  return `${number} ${unit}`;
}

/** A calendar day, readable: "2025年6月3日" / "Jun 3, 2025". */
export function formatDay(day: string, locale: FormatLocale): string {
  const date = dayToDate(day);
  if (Number.isNaN(date.getTime())) return day;
  return dateFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** A short day for axes and compact tables: "6月3日" / "Jun 3". */
export function formatShortDay(day: string, locale: FormatLocale): string {
  const date = dayToDate(day);
  if (Number.isNaN(date.getTime())) return day;
  return dateFormat(locale, { month: 'short', day: 'numeric' }).format(date);
}

/** A measurement period by the KPI's frequency: a day, the week starting that Monday, a month or a quarter. */
export function formatPeriod(period: string, kind: PeriodKind, locale: FormatLocale): string {
  const date = dayToDate(period);
  if (Number.isNaN(date.getTime())) return period;
  if (kind === 'month') {
    return dateFormat(locale, { year: 'numeric', month: 'short' }).format(date);
  }
  if (kind === 'quarter') {
    const quarter = Math.floor(date.getMonth() / 3) + 1;
    return locale === 'en' ? `Q${quarter} ${date.getFullYear()}` : `${date.getFullYear()}年第${quarter}季度`;
  }
  if (kind === 'week') {
    const day = formatDay(period, locale);
    return locale === 'en' ? `Week of ${day}` : `${day}当周`;
  }
  return formatDay(period, locale);
}

/** The Monday of the week a day falls in (weekly KPIs record their value on the Monday); from core/days. */
