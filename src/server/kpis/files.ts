import { AppError } from '../../core/errors/index.ts';
import type { RawMeasurement } from '../../core/kpis/measurements.ts';
import { findColumns, isBlankRow, spreadsheetRowBatches, writeSpreadsheet } from '../files.ts';

const HEADERS = {
  kpi: ['kpi', 'key', 'kpi_key', '指标', '指标键', '指标key'],
  period: ['period', 'date', 'day', '周期', '日期', '时间'],
  value: ['value', 'amount', '数值', '值', '数据'],
} as const;

/** A measurement import reads at most this many data rows: a year of daily values for ~550 KPIs. */
export const MEASUREMENT_IMPORT_MAX_ROWS = 200_000;

/**
 * Streams the rows of a CSV or XLSX file with a header row naming kpi, period and value (English or Chinese
 * names) to `visit`, one measurement at a time; returns how many rows it read.
 */
export async function readMeasurementFile(
  body: unknown,
  fixedKpi: string | undefined,
  visit: (raw: RawMeasurement) => void,
): Promise<number> {
  let columns: Record<keyof typeof HEADERS, number> | null = null;
  let count = 0;
  for await (const batch of spreadsheetRowBatches(body, { maxRows: MEASUREMENT_IMPORT_MAX_ROWS })) {
    for (const { cells, row } of batch) {
      if (!columns) {
        columns = findColumns(cells, HEADERS);
        const found = columns;
        const required =
          fixedKpi !== undefined ? (['period', 'value'] as const) : (['kpi', 'period', 'value'] as const);
        if (required.some((column) => found[column] < 0)) {
          throw new AppError('import_missing_columns', {
            columns: required.map((column) => HEADERS[column][0]).join(', '),
          });
        }
        continue;
      }
      if (isBlankRow(cells)) continue;
      count += 1;
      visit({
        row,
        kpi: fixedKpi ?? String(cells[columns.kpi] ?? ''),
        period: cells[columns.period],
        value: cells[columns.value],
      });
    }
  }
  if (count === 0) throw new AppError('import_empty');
  return count;
}

/** A KPI's measurements as CSV or XLSX, in the columns the import reads back. */
export function writeMeasurementFile(
  rows: ReadonlyArray<{ kpi: string; period: string; value: number; source: string }>,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  return writeSpreadsheet(
    ['kpi', 'period', 'value', 'source'],
    rows.map((row) => [row.kpi, row.period, row.value, row.source]),
    format,
    'measurements',
  );
}
