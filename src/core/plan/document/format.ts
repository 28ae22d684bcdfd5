import type { PlanLocale } from '../model.ts';
import type { Cell } from './types.ts';

const formatters = new Map<PlanLocale, Intl.NumberFormat>();

/** A table cell as text: numbers grouped the locale's way with at most two decimals, empty as a dash. */
export function formatCell(cell: Cell, locale: PlanLocale): string {
  if (cell === null || cell === '') return '—';
  if (typeof cell === 'string') return cell;
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    formatters.set(locale, formatter);
  }
  return formatter.format(cell);
}

/** A file name for the document: the plan's name without characters file systems refuse, plus the day. */
export function documentFileName(name: string, day: string, extension: string): string {
  const printable = [...name].map((character) => (character.charCodeAt(0) < 32 ? ' ' : character)).join('');
  const safe =
    printable
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'plan';
  return `${safe} ${day}.${extension}`;
}
