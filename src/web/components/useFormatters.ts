import { useTranslation } from 'react-i18next';
import {
  formatDay,
  formatMeasure,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatShortDay,
  type FormatLocale,
  type PeriodKind,
} from './format.ts';

/** Dates and numbers in the UI language; all API times are epoch milliseconds. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return formattersOf(i18n.language === 'en' ? 'en' : 'zh-CN');
}

type Formatters = ReturnType<typeof buildFormatters>;

/**
 * One set per locale for the whole app, not one per component: a page of the workload heatmap has 400 cells
 * that format, and building their Intl formatters each took 0.3 s of its first render.
 */
const formattersByLocale = new Map<FormatLocale, Formatters>();
function formattersOf(locale: FormatLocale): Formatters {
  let formatters = formattersByLocale.get(locale);
  if (!formatters) {
    formatters = buildFormatters(locale);
    formattersByLocale.set(locale, formatters);
  }
  return formatters;
}

function buildFormatters(locale: FormatLocale) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    /** 12,345.6 */
    number: (value: number, maximumFractionDigits?: number) =>
      formatNumber(value, locale, maximumFractionDigits),
    /** A 0..1 fraction: 0.62 → 62% */
    percent: (fraction: number) => formatPercent(fraction, locale),
    /** A KPI value with its unit, "—" when there is none. */
    measure: (value: number | null, unit: string | null) => formatMeasure(value, unit, locale),
    /** A 'YYYY-MM-DD' calendar day. */
    day: (day: string) => formatDay(day, locale),
    shortDay: (day: string) => formatShortDay(day, locale),
    period: (period: string, kind: PeriodKind) => formatPeriod(period, kind, locale),
    dateTime: (ms: number) => dateTime.format(ms),
    date: (ms: number) => date.format(ms),
    /** "3 minutes ago", "昨天": for recent activity. */
    relative: (ms: number, now: number) => {
      const seconds = Math.round((ms - now) / 1000);
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ['second', 60],
        ['minute', 60],
        ['hour', 24],
        ['day', 30],
        ['month', 12],
      ];
      let value = seconds;
      for (const [unit, size] of steps) {
        if (Math.abs(value) < size) return relative.format(value, unit);
        value = Math.round(value / size);
      }
      return relative.format(value, 'year');
    },
  };
}
