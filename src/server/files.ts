import { parse } from 'csv-parse/sync';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import ExcelJS from 'exceljs';
import { toCsv } from '../core/csv/index.ts';
import { AppError } from '../core/errors/index.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What import routes accept as a body. */
export const SPREADSHEET_TYPES = ['text/csv', XLSX_TYPE, 'application/octet-stream'];

/** A year of daily values for a thousand KPIs fits; a 50 MB upload is refused with a clear error. */
export const IMPORT_LIMIT_BYTES = 40 * 1024 * 1024;

export const FileBody = z.any().meta({ type: 'string', format: 'binary', description: 'CSV or XLSX file' });
export const FileResponse = z.any().meta({ type: 'string', format: 'binary' });

/** Lets the routes of one plugin take a CSV or XLSX file as the raw request body. */
export function acceptSpreadsheets(app: FastifyInstance): void {
  app.addContentTypeParser(
    SPREADSHEET_TYPES,
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
}

function isXlsx(buffer: Buffer): boolean {
  // XLSX is a zip archive: it starts with the local file header signature.
  return buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

/** The cells of a CSV or XLSX file (first sheet), as a person sees them; unreadable files are a clear 400. */
export async function readSpreadsheet(buffer: Buffer): Promise<unknown[][]> {
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
      // Formula cells hold { result }, rich text { richText }, links { text }: keep what a person sees.
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

/** Column indexes by the names a header may use (English or Chinese, any case); -1 when absent. */
export function findColumns<K extends string>(
  header: readonly unknown[],
  names: Record<K, readonly string[]>,
): Record<K, number> {
  const cells = header.map((cell) =>
    String(cell ?? '')
      .trim()
      .toLowerCase(),
  );
  return Object.fromEntries(
    Object.entries<readonly string[]>(names).map(([column, aliases]) => [
      column,
      cells.findIndex((cell) => aliases.includes(cell)),
    ]),
  ) as Record<K, number>;
}

export function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every((cell) => cell === null || cell === undefined || String(cell).trim() === '');
}

/** A table as CSV (`toCsv`: BOM, formulas neutralised) or XLSX (text cells are never formulas there). */
export async function writeSpreadsheet(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  format: 'csv' | 'xlsx',
  sheetName = 'data',
): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(toCsv([header, ...rows]), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sends a CSV or XLSX file as a download named `name.format`. */
export function sendSpreadsheet(reply: FastifyReply, file: Buffer, format: 'csv' | 'xlsx', name: string) {
  return reply
    .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(file);
}
