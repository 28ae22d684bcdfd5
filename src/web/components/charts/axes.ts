import { dateToDay, formatMeasure, formatShortDay, type FormatLocale } from '../format.ts';

export const CHART_COLORS = {
  actual: '#2f54eb',
  target: '#52c41a',
  expected: '#8c8c8c',
  forecast: '#fa8c16',
  green: '#52c41a',
  amber: '#faad14',
  red: '#f5222d',
} as const;

/** Grid margins that keep axis labels inside the canvas. */
export const CHART_GRID = {
  left: 8,
  right: 24,
  top: 44,
  bottom: 8,
  outerBoundsMode: 'same',
  outerBoundsContain: 'axisLabel',
} as const;

/** Short numbers for an axis: 12,000 → "1.2万" / "12K". */
export function compactNumber(value: number, locale: FormatLocale): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

type TooltipParam = { seriesName?: string; marker?: unknown; value?: unknown };

/**
 * Tooltip for time-axis charts: the day as a title, then each series with its value and unit. ECharts'
 * own would print the timestamp in English only.
 */
export function timeTooltip(locale: FormatLocale, unit: string | null) {
  return (params: unknown): string => {
    const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
    const first = list[0];
    const time = Array.isArray(first?.value) ? Number(first.value[0]) : Number.NaN;
    const title = Number.isNaN(time) ? '' : formatShortDay(dateToDay(new Date(time)), locale);
    const rows = list
      .filter((item) => Array.isArray(item.value))
      .map((item) => {
        const value = Number((item.value as unknown[])[1]);
        const marker = typeof item.marker === 'string' ? item.marker : '';
        return `${marker}${escapeHtml(item.seriesName ?? '')}&nbsp;&nbsp;<b>${escapeHtml(formatMeasure(value, unit, locale))}</b>`;
      });
    return [`<div style="margin-bottom:4px">${escapeHtml(title)}</div>`, ...rows].join('<br/>');
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
