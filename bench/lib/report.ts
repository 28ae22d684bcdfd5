import { readFileSync } from 'node:fs';

export type Row = Array<string | number | null>;

export function printTable(title: string, header: readonly string[], rows: readonly Row[]): void {
  const cells = [
    header.map(String),
    ...rows.map((row) => row.map((cell) => (cell === null ? '—' : String(cell)))),
  ];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  console.log(`\n${title}`);
  cells.forEach((row, index) => {
    console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  });
}

export const fixed = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value.toFixed(digits);

/** Every `…Ratio` figure in a result file, keyed by its path: the comparable part of a run. */
export function collectRatios(
  value: unknown,
  prefix = '',
  out = new Map<string, number>(),
): Map<string, number> {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof child === 'number' && /ratio$/i.test(key)) out.set(name, child);
      else collectRatios(child, name, out);
    }
  }
  return out;
}

/** Prints how each ratio moved against an earlier result file: ratios travel between machines, raw rps do not. */
export function printComparison(previousFile: string, current: unknown): void {
  const previous = collectRatios(JSON.parse(readFileSync(previousFile, 'utf8')) as unknown);
  const now = collectRatios(current);
  const rows: Row[] = [];
  for (const [name, value] of now) {
    const before = previous.get(name);
    const change = before !== undefined && before !== 0 ? ((value - before) / before) * 100 : null;
    rows.push([
      name,
      fixed(before, 3),
      fixed(value, 3),
      change === null ? null : `${change >= 0 ? '+' : ''}${change.toFixed(0)}%`,
    ]);
  }
  printTable(`Change against ${previousFile} (ratios only)`, ['figure', 'before', 'now', 'change'], rows);
}
