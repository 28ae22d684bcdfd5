import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createInflateRaw } from 'node:zlib';
import { parse } from 'csv-parse';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toCsv } from '../core/csv/index.ts';
import { AppError } from '../core/errors/index.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What import routes accept as a body; anything else is a 415 before the body is read. */
export const SPREADSHEET_TYPES = ['text/csv', XLSX_TYPE, 'application/octet-stream'];

/** A year of daily values for a thousand KPIs fits; a 50 MB upload is refused with a clear error. */
export const IMPORT_LIMIT_BYTES = 40 * 1024 * 1024;
/**
 * What an XLSX may unpack to. A 1 MB zip of repeated cells unpacks to gigabytes; a 200,000-row sheet of
 * three columns is ~30 MB of XML.
 */
export const XLSX_MAX_UNPACKED_BYTES = 128 * 1024 * 1024;
/** Cells per allowed row (header included) before a sheet counts as too wide to be an import. */
const CELLS_PER_ROW = 32;
/** Rows parsed between turns of the event loop, so other requests are served during an import. */
const ROWS_PER_TURN = 250;
/** Bytes of CSV handed to the parser at once: each slice parses in a few milliseconds. */
const CSV_SLICE_BYTES = 16 * 1024;

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

/**
 * An import route's onRequest hook: only the documented file types, refused before the body is read (a
 * text/plain body used to reach the reader as a string and fail as a 500).
 */
export async function spreadsheetsOnly(request: FastifyRequest): Promise<void> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!SPREADSHEET_TYPES.includes(type))
    throw new AppError('import_unsupported_type', { type: type || '—', types: 'text/csv, XLSX' });
}

function isXlsx(buffer: Buffer): boolean {
  // XLSX is a zip archive: it starts with the local file header signature.
  return buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

function unreadable(detail: unknown): AppError {
  return new AppError('import_unreadable', {
    detail: detail instanceof Error ? detail.message : String(detail),
  });
}

function tooLarge(): AppError {
  return new AppError('import_too_large', { limit: `${XLSX_MAX_UNPACKED_BYTES / 1024 / 1024} MB` });
}

type ZipEntry = { name: string; method: number; compressed: number; size: number; dataStart: number };

/** The entries a zip's central directory lists, with the sizes it claims. */
function zipEntries(buffer: Buffer): ZipEntry[] {
  // The end-of-central-directory record sits in the last 22 bytes plus at most a 64 KB comment.
  let end = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at -= 1) {
    if (buffer.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable('not a complete zip archive');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50)
      throw unreadable('broken zip directory');
    const nameLength = buffer.readUInt16LE(at + 28);
    const local = buffer.readUInt32LE(at + 42);
    const compressed = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    // Zip64 sizes (0xFFFFFFFF) mean an entry of 4 GB or more: far beyond any import.
    if (size === 0xffffffff || compressed === 0xffffffff) throw tooLarge();
    if (local + 30 > buffer.length) throw unreadable('broken zip entry');
    entries.push({
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      compressed,
      size,
      dataStart: local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28),
    });
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * Refuses an XLSX that unpacks to more than XLSX_MAX_UNPACKED_BYTES before anything parses it: first by
 * the sizes the archive claims, then by inflating each entry (in zlib's thread pool, counting and
 * discarding the output) so an archive that lies about its sizes is caught too.
 */
async function checkUnpackedSize(buffer: Buffer): Promise<void> {
  const entries = zipEntries(buffer);
  let claimed = 0;
  for (const entry of entries) claimed += entry.size;
  if (claimed > XLSX_MAX_UNPACKED_BYTES) throw tooLarge();
  let unpacked = 0;
  for (const entry of entries) {
    const data = buffer.subarray(entry.dataStart, entry.dataStart + entry.compressed);
    if (entry.method === 0) {
      unpacked += data.length;
      continue;
    }
    if (entry.method !== 8) throw unreadable(`unsupported compression in ${entry.name}`);
    const inflate = createInflateRaw();
    inflate.end(data);
    let size = 0;
    try {
      for await (const chunk of inflate) {
        size += (chunk as Buffer).length;
        if (size > entry.size || unpacked + size > XLSX_MAX_UNPACKED_BYTES) throw tooLarge();
      }
    } catch (error) {
      inflate.destroy();
      throw error instanceof AppError ? error : unreadable(error);
    }
    unpacked += size;
  }
}

/** What a person sees in a cell: formula cells hold { result }, rich text { richText }, links { text }. */
function cellValue(cell: unknown): unknown {
  if (cell && typeof cell === 'object' && !(cell instanceof Date)) {
    if ('result' in cell) return cell.result;
    if ('richText' in cell && Array.isArray(cell.richText))
      return cell.richText.map((part: { text?: string }) => part.text ?? '').join('');
    if ('text' in cell) return cell.text;
  }
  return cell;
}

async function* xlsxRows(buffer: Buffer): AsyncGenerator<{ cells: unknown[]; row: number }> {
  await checkUnpackedSize(buffer);
  const { default: ExcelJS } = await import('exceljs');
  // Styles are read so date-formatted cells arrive as dates; shared strings are needed for text cells.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        yield { cells: values.map(cellValue), row: row.number };
      }
      break; // the first sheet only
    }
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(error);
  }
}

type SheetRow = { cells: unknown[]; row: number };

/**
 * A CSV's records in batches, one per slice of CSV_SLICE_BYTES (a few hundred rows): the parser takes each
 * slice in one go and hands its records over as events, so a row costs no promise or generator step.
 */
async function* csvRowBatches(buffer: Buffer): AsyncGenerator<SheetRow[]> {
  if (buffer.includes(0)) throw unreadable('binary content');
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: 1_000_000,
  });
  let batch: SheetRow[] = [];
  let row = 0;
  let failure: unknown = null;
  parser.on('data', (cells: unknown[]) => {
    row += 1;
    batch.push({ cells, row });
  });
  parser.on('error', (error) => {
    failure = error;
  });
  const take = () => {
    const taken = batch;
    batch = [];
    return taken;
  };
  try {
    for (let at = 0; at < buffer.length; at += CSV_SLICE_BYTES) {
      parser.write(buffer.subarray(at, at + CSV_SLICE_BYTES));
      // The slice's records have arrived by the next turn (the stream hands them over in process ticks).
      await nextTurn();
      if (failure) throw failure;
      if (batch.length > 0) yield take();
    }
    parser.end();
    await finished(parser);
    if (batch.length > 0) yield take();
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(error);
  } finally {
    parser.destroy();
  }
}

/** An XLSX's rows in batches of ROWS_PER_TURN. */
async function* xlsxRowBatches(buffer: Buffer): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  for await (const entry of xlsxRows(buffer)) {
    batch.push(entry);
    if (batch.length === ROWS_PER_TURN) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** How much one import may read: data rows (the header aside), and cells in proportion. */
export type SpreadsheetLimits = {
  maxRows: number;
  /** Told when a CSV was not UTF-8 and was read as GBK (files saved by Chinese spreadsheet tools). */
  onGbk?: () => void;
};

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const GBK = new TextDecoder('gbk');

/** The CSV's bytes as UTF-8: as they are when they are UTF-8, else decoded as GBK and re-encoded. */
function asUtf8(buffer: Buffer, onGbk?: () => void): Buffer {
  try {
    UTF8.decode(buffer);
    return buffer;
  } catch {
    onGbk?.();
    return Buffer.from(GBK.decode(buffer), 'utf8');
  }
}

/**
 * The rows of a CSV or XLSX file (first sheet) as a person sees them, streamed in batches of a few hundred:
 * the first row is the header, `row` the number a person would look up. Unreadable files are a 400; more
 * than `maxRows` data rows, or cells out of proportion, a 413 as soon as the reader gets there. Between
 * batches the reader gives the event loop a turn, so /healthz and other requests are answered during a
 * large import; within a batch a row costs a function call (a 200,000-row file is 200,000 rows, not
 * 600,000 promise steps through nested generators).
 */
export async function* spreadsheetRowBatches(
  body: unknown,
  limits: SpreadsheetLimits,
): AsyncGenerator<SheetRow[]> {
  if (!Buffer.isBuffer(body))
    throw new AppError('import_unsupported_type', { type: typeof body, types: 'text/csv, XLSX' });
  const maxCells = (limits.maxRows + 1) * CELLS_PER_ROW;
  let rows = 0;
  let cells = 0;
  for await (const batch of isXlsx(body) ? xlsxRowBatches(body) : csvRowBatches(asUtf8(body, limits.onGbk))) {
    for (const entry of batch) {
      rows += 1;
      cells += entry.cells.length;
      if (rows > limits.maxRows + 1) throw new AppError('import_too_many_rows', { max: limits.maxRows });
      if (cells > maxCells) throw new AppError('import_too_many_cells', { max: maxCells });
    }
    yield batch;
    await nextTurn();
  }
}

/** spreadsheetRowBatches one row at a time, for readers whose rows are few or whose per-row work is large. */
export async function* spreadsheetRows(body: unknown, limits: SpreadsheetLimits): AsyncGenerator<SheetRow> {
  for await (const batch of spreadsheetRowBatches(body, limits)) yield* batch;
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
  // exceljs takes most of a second to load: only when a spreadsheet is asked for, not at server start.
  const { default: ExcelJS } = await import('exceljs');
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
