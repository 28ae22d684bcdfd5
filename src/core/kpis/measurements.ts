import type { Locale } from '../i18n/index.ts';
import { periodStart, type Frequency } from './periods.ts';
import { dayFromNumber, dayNumber } from '../days/index.ts';

/** A row as read from a file or a request, before any checking. `row` counts from 1 as a spreadsheet does. */
export type RawMeasurement = { row: number; kpi: string; period: unknown; value: unknown };

export type MeasurementPoint = { kpiKey: string; period: string; value: number };

export type MeasurementIssueCode =
  | 'missing'
  | 'unknown_kpi'
  | 'formula_kpi'
  | 'invalid_date'
  | 'period_mismatch'
  | 'not_a_number'
  | 'duplicate';

export type MeasurementIssue = {
  row: number;
  column: 'kpi' | 'period' | 'value';
  code: MeasurementIssueCode;
  params: Record<string, string | number>;
};

export type KpiForMeasurements = { frequency: Frequency; isFormula: boolean };

/** Messages for row issues, shown next to the row and column they concern. */
export const MEASUREMENT_MESSAGES = {
  en: {
    missing: 'Empty {column}.',
    unknown_kpi: 'No KPI with the key "{value}" in this workspace.',
    formula_kpi: 'KPI "{value}" is computed by a formula and takes no measurements.',
    invalid_date: '"{value}" is not a date (use YYYY-MM-DD, 2026年12月6日 or a spreadsheet date).',
    period_mismatch: '{value} does not start a {frequency} period; use {suggestion}.',
    not_a_number: '"{value}" is not a number.',
    duplicate: 'Same KPI and period as row {firstRow}.',
  },
  'zh-CN': {
    missing: '{column}为空。',
    unknown_kpi: '本工作区没有键为“{value}”的指标。',
    formula_kpi: '指标“{value}”由公式计算，不能录入数据。',
    invalid_date: '“{value}”不是日期（请使用 YYYY-MM-DD、2026年12月6日或表格的日期格式）。',
    period_mismatch: '{value} 不是{frequency}周期的起始日，请改为 {suggestion}。',
    not_a_number: '“{value}”不是数字。',
    duplicate: '与第 {firstRow} 行的指标和周期重复。',
  },
} as const satisfies Record<Locale, Record<MeasurementIssueCode, string>>;

export const FREQUENCY_NAMES = {
  en: { day: 'daily', week: 'weekly (Monday)', month: 'monthly', quarter: 'quarterly' },
  'zh-CN': { day: '日', week: '周（周一）', month: '月', quarter: '季度' },
} as const satisfies Record<Locale, Record<Frequency, string>>;

const COLUMN_NAMES = {
  en: { kpi: 'KPI', period: 'period', value: 'value' },
  'zh-CN': { kpi: '指标', period: '周期', value: '数值' },
} as const;

/** 2026-12-06, 2026/12/6, 2026.12.6, 2026年12月6日 (号 too), with an optional time after it. */
const DATE_PATTERN =
  /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号]?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
/** Excel's day numbers (day 1 is 1900-01-01, with Excel's phantom 1900-02-29) from 1950 to 2100. */
const EXCEL_SERIAL_RANGE = { min: 18_264, max: 73_415 } as const;
const EXCEL_EPOCH_DAY = dayNumber('1899-12-30');

/** A day from an Excel serial date such as 46362 (2026-12-06), as an XLSX number cell or a CSV export keeps it. */
export function excelSerialDay(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < EXCEL_SERIAL_RANGE.min || serial > EXCEL_SERIAL_RANGE.max) {
    return null;
  }
  // The fraction is a time of day; the day is what counts.
  return dayFromNumber(EXCEL_EPOCH_DAY + Math.floor(serial));
}

/**
 * A calendar day from a cell: `2026-11-02`, `2026/11/2`, `2026年11月2日`, a spreadsheet date (read as UTC), or an
 * Excel serial date as a number or its digits (`46362`).
 */
export function parseDay(value: unknown): string | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') return excelSerialDay(value);
  if (typeof value !== 'string') return null;
  const text = value
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return excelSerialDay(Number(text));
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const day = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  try {
    dayNumber(day);
    return day;
  } catch {
    return null;
  }
}

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** A number from a cell: `1,234.5`, ` 12.5% `, `-3`; null when it is not one. */
export function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  // What nearly every cell is: read as the general path below would read it, without building strings.
  if (PLAIN_NUMBER.test(value)) return Number(value);
  const cleaned = value.trim().replace(/[,\s]/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  return Number(cleaned);
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** What checking measurement rows found; `issues` holds the first `keepIssues`, the counts hold all. */
export type MeasurementCheck = {
  points: MeasurementPoint[];
  issues: MeasurementIssue[];
  validRows: number[];
  issueCount: number;
  badRows: number;
};

/**
 * Checks rows one at a time as a file streams in: memory grows with the valid points kept, not with the
 * issues of a file that is wrong on every row.
 */
export function measurementChecker(
  kpis: ReadonlyMap<string, KpiForMeasurements>,
  locale: Locale,
  keepIssues = Number.POSITIVE_INFINITY,
): { add: (raw: RawMeasurement) => void; result: MeasurementCheck } {
  const result: MeasurementCheck = { points: [], issues: [], validRows: [], issueCount: 0, badRows: 0 };
  // Per KPI, the first row of each period: a duplicate names it.
  const firstRowOf = new Map<string, Map<string, number>>();
  // A file repeats the same few hundred period texts across its KPIs: each is read once per import, and
  // the same string then keys the maps above (its hash is computed once).
  const days = new Map<string, string | null>();
  const dayOf = (cell: unknown): string | null => {
    if (typeof cell !== 'string') return parseDay(cell);
    let day = days.get(cell);
    if (day === undefined) {
      day = parseDay(cell);
      days.set(cell, day);
    }
    return day;
  };
  const starts = new Map<Frequency, Map<string, string>>();
  const startOf = (day: string, frequency: Frequency): string => {
    let byDay = starts.get(frequency);
    if (!byDay) {
      byDay = new Map();
      starts.set(frequency, byDay);
    }
    let start = byDay.get(day);
    if (start === undefined) {
      start = periodStart(day, frequency);
      byDay.set(day, start);
    }
    return start;
  };

  const keep = (key: string, period: string, value: number, row: number, firstRows: Map<string, number>) => {
    firstRows.set(period, row);
    result.points.push({ kpiKey: key, period, value });
    result.validRows.push(row);
  };

  /** The full check of a row that has at least one issue (or is a duplicate): every issue, by column. */
  const addWithIssues = (raw: RawMeasurement, key: string, period: string | null, value: number | null) => {
    const rowIssues: MeasurementIssue[] = [];
    const issue = (column: MeasurementIssue['column'], code: MeasurementIssueCode, params = {}) =>
      rowIssues.push({
        row: raw.row,
        column,
        code,
        params: { column: COLUMN_NAMES[locale][column], ...params },
      });

    const kpi = kpis.get(key);
    if (!key) issue('kpi', 'missing');
    else if (!kpi) issue('kpi', 'unknown_kpi', { value: key });
    else if (kpi.isFormula) issue('kpi', 'formula_kpi', { value: key });

    if (isBlank(raw.period)) issue('period', 'missing');
    else if (!period) issue('period', 'invalid_date', { value: String(raw.period) });
    else if (kpi && startOf(period, kpi.frequency) !== period) {
      issue('period', 'period_mismatch', {
        value: period,
        frequency: FREQUENCY_NAMES[locale][kpi.frequency],
        suggestion: startOf(period, kpi.frequency),
      });
    }

    if (isBlank(raw.value)) issue('value', 'missing');
    else if (value === null) issue('value', 'not_a_number', { value: String(raw.value) });

    if (rowIssues.length === 0 && period && value !== null) {
      let firstRows = firstRowOf.get(key);
      if (!firstRows) firstRowOf.set(key, (firstRows = new Map()));
      const firstRow = firstRows.get(period);
      if (firstRow !== undefined) issue('period', 'duplicate', { firstRow });
      else keep(key, period, value, raw.row, firstRows);
    }
    if (rowIssues.length === 0) return;
    result.badRows += 1;
    result.issueCount += rowIssues.length;
    for (const found of rowIssues) if (result.issues.length < keepIssues) result.issues.push(found);
  };

  const add = (raw: RawMeasurement) => {
    const key = raw.kpi.trim();
    const kpi = kpis.get(key);
    const period = dayOf(raw.period);
    const value = parseNumber(raw.value);
    // The common row: a measured KPI, a period that starts one of its periods, a number, not seen before.
    if (
      kpi &&
      !kpi.isFormula &&
      period !== null &&
      value !== null &&
      startOf(period, kpi.frequency) === period
    ) {
      let firstRows = firstRowOf.get(key);
      if (!firstRows) firstRowOf.set(key, (firstRows = new Map()));
      if (!firstRows.has(period)) {
        keep(key, period, value, raw.row, firstRows);
        return;
      }
    }
    addWithIssues(raw, key, period, value);
  };
  return { add, result };
}

/**
 * Checks rows against the workspace's KPIs: each row either becomes a point or yields issues naming its
 * row and column. Nothing is dropped silently.
 */
export function validateMeasurements(
  rows: readonly RawMeasurement[],
  kpis: ReadonlyMap<string, KpiForMeasurements>,
  locale: Locale,
): { points: MeasurementPoint[]; issues: MeasurementIssue[]; validRows: number[] } {
  const checker = measurementChecker(kpis, locale);
  for (const raw of rows) checker.add(raw);
  return checker.result;
}
