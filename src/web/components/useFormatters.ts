import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates and numbers in the UI language; all API times are epoch milliseconds. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return {
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
  }, [locale]);
}
