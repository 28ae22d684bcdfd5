import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../core/errors/index.ts';
import type { RawMeasurement } from '../../core/kpis/measurements.ts';

const HEADERS = {
  kpi: ['kpi', 'key', 'kpi_key', '指标', '指标键', '指标key'],
  period: ['period', 'date', 'day', '周期', '日期', '时间'],
  value: ['value', 'amount', '数值', '值', '数据'],
} as const;

type Column = keyof typeof HEADERS;

function findColumns(header: unknown[], hasFixedKpi: boolean): Record<Column, number> {
  const names = header.map((cell) =>
    String(cell ?? '')
      .trim()
      .toLowerCase(),
  );
  const indexOf = (column: Column) =>
    names.findIndex((name) => (HEADERS[column] as readonly string[]).includes(name));
  const columns = { kpi: indexOf('kpi'), period: indexOf('period'), value: indexOf('value') };
  const required: Column[] = hasFixedKpi ? ['period', 'value'] : ['kpi', 'period', 'value'];
  const missing = required.filter((column) => columns[column] < 0);
  if (missing.length > 0) {
    throw new AppError('import_missing_columns', {
      columns: required.map((column) => HEADERS[column][0]).join(', '),
    });
  }
  return columns;
}

function isXlsx(buffer: Buffer): boolean {
  // XLSX is a zip archive: it starts with the local file header signature.
  return buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

async function readRows(buffer: Buffer): Promise<unknown[][]> {
  if (isXlsx(buffer)) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch (error) {
      throw new AppError('import_unreadable', {
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      // Formula cells hold { result }, rich text { richText }: keep what a person sees.
      rows.push(
        values.map((cell) => {
          if (cell && typeof cell === 'object' && !(cell instanceof Date)) {
            if ('result' in cell) return cell.result;
            if ('richText' in cell) return cell.richText.map((part) => part.text).join('');
            if ('text' in cell) return cell.text;
          }
          return cell;
        }),
      );
    });
    return rows;
  }
  const text = buffer.toString('utf8');
  if (text.includes('\u0000')) throw new AppError('import_unreadable', { detail: 'binary content' });
  try {
    return parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw new AppError('import_unreadable', {
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Rows of a CSV or XLSX file with a header row naming kpi, period and value (English or Chinese names). */
export async function readMeasurementFile(
  buffer: Buffer,
  fixedKpi: string | undefined,
): Promise<RawMeasurement[]> {
  const rows = await readRows(buffer);
  const [header, ...data] = rows;
  if (!header) throw new AppError('import_empty');
  const columns = findColumns(header, fixedKpi !== undefined);
  const measurements: RawMeasurement[] = [];
  data.forEach((cells, index) => {
    if (cells.every((cell) => cell === null || cell === undefined || String(cell).trim() === '')) return;
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

/** A KPI's measurements as CSV (UTF-8 with BOM, so Excel opens Chinese correctly) or XLSX. */
export async function writeMeasurementFile(
  rows: ReadonlyArray<{ kpi: string; period: string; value: number; source: string }>,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  if (format === 'csv') {
    const lines = [
      'kpi,period,value,source',
      ...rows.map((row) => `${row.kpi},${row.period},${row.value},${row.source}`),
    ];
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('measurements');
  sheet.columns = [
    { header: 'kpi', key: 'kpi', width: 20 },
    { header: 'period', key: 'period', width: 14 },
    { header: 'value', key: 'value', width: 14 },
    { header: 'source', key: 'source', width: 10 },
  ];
  sheet.addRows(rows.map((row) => ({ ...row })));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
