import { AppError } from '../../core/errors/index.ts';
import type { RawMeasurement } from '../../core/kpis/measurements.ts';
import { findColumns, isBlankRow, readSpreadsheet, writeSpreadsheet } from '../files.ts';

const HEADERS = {
  kpi: ['kpi', 'key', 'kpi_key', '指标', '指标键', '指标key'],
  period: ['period', 'date', 'day', '周期', '日期', '时间'],
  value: ['value', 'amount', '数值', '值', '数据'],
} as const;

/** Rows of a CSV or XLSX file with a header row naming kpi, period and value (English or Chinese names). */
export async function readMeasurementFile(
  buffer: Buffer,
  fixedKpi: string | undefined,
): Promise<RawMeasurement[]> {
  const [header, ...data] = await readSpreadsheet(buffer);
  if (!header) throw new AppError('import_empty');
  const columns = findColumns(header, HEADERS);
  const required =
    fixedKpi !== undefined ? (['period', 'value'] as const) : (['kpi', 'period', 'value'] as const);
  if (required.some((column) => columns[column] < 0)) {
    throw new AppError('import_missing_columns', {
      columns: required.map((column) => HEADERS[column][0]).join(', '),
    });
  }
  const measurements: RawMeasurement[] = [];
  data.forEach((cells, index) => {
    if (isBlankRow(cells)) return;
    measurements.push({
      row: index + 2,
      kpi: fixedKpi ?? String(cells[columns.kpi] ?? ''),
      period: cells[columns.period],
      value: cells[columns.value],
    });
  });
  if (measurements.length === 0) throw new AppError('import_empty');
  return measurements;
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
