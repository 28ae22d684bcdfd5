import { parse } from 'csv-parse/sync';
import type { Locale } from '../i18n/index.ts';
import { interpolate } from '../i18n/index.ts';
import type { FeedbackItem } from './cluster.ts';

/** Encodings a feedback file may be read as; `gbk` must be asked for, since it is only ever a guess. */
export type FeedbackEncoding = 'utf-8' | 'gbk';

const MESSAGES = {
  empty: { en: '{file} is empty.', 'zh-CN': '{file} 是空文件。' },
  xlsx: {
    en: '{file} is an Excel workbook; save it as CSV (UTF-8) first.',
    'zh-CN': '{file} 是 Excel 工作簿，请先另存为 CSV（UTF-8）。',
  },
  binary: { en: '{file} is not a text CSV file.', 'zh-CN': '{file} 不是文本 CSV 文件。' },
  gbk: {
    en: '{file} is GBK-encoded, not UTF-8 (common in Excel exports): save it as CSV UTF-8, or pass --encoding gbk.',
    'zh-CN': '{file} 是 GBK 编码而不是 UTF-8（Excel 导出常见）：请另存为“CSV UTF-8”，或加上 --encoding gbk。',
  },
  not_utf8: {
    en: '{file} is not valid UTF-8 text (first bad byte at offset {offset}).',
    'zh-CN': '{file} 不是有效的 UTF-8 文本（第一个错误字节位于偏移 {offset}）。',
  },
  not_gbk: { en: '{file} is not valid GBK text.', 'zh-CN': '{file} 不是有效的 GBK 文本。' },
  malformed: {
    en: '{file} is not valid CSV near line {line}: {detail}',
    'zh-CN': '{file} 不是有效的 CSV（约第 {line} 行）：{detail}',
  },
  missing_columns: {
    en: '{file} needs the columns id and text in its header row; missing {missing} (found: {found}).',
    'zh-CN': '{file} 的表头需要 id 和 text 两列；缺少 {missing}（现有：{found}）。',
  },
  no_rows: {
    en: '{file} has a header row but no feedback rows.',
    'zh-CN': '{file} 只有表头，没有反馈数据行。',
  },
  decoded_gbk: { en: 'read {file} as GBK.', 'zh-CN': '已按 GBK 编码读取 {file}。' },
  duplicate_ids: {
    en: '{count} rows repeat an earlier id and were skipped (first: {id}).',
    'zh-CN': '{count} 行的 id 与前面的行重复，已跳过（首个：{id}）。',
  },
  missing_ids: {
    en: '{count} rows have no id and were skipped (first at data row {line}).',
    'zh-CN': '{count} 行没有 id，已跳过（首个位于第 {line} 条数据）。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type FeedbackCsvMessage = keyof typeof MESSAGES;

/** A problem with a feedback file, or a warning about it, in either language. */
export function feedbackCsvMessage(
  code: FeedbackCsvMessage,
  params: Record<string, unknown>,
  locale: Locale,
): string {
  return interpolate(MESSAGES[code][locale], params);
}

/** A file that cannot be read as feedback; `code` and `params` name the problem. */
export class FeedbackCsvError extends Error {
  constructor(
    readonly code: FeedbackCsvMessage,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'FeedbackCsvError';
  }
}

export type FeedbackCsvWarning = { code: FeedbackCsvMessage; params: Record<string, unknown> };

function decode(bytes: Uint8Array, encoding: FeedbackEncoding | undefined): { text: string; isGbk: boolean } {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new FeedbackCsvError('xlsx');
  }
  // Excel's "Unicode text" is UTF-16 with a byte-order mark: unambiguous, so read it.
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), isGbk: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), isGbk: false };
  if (bytes.includes(0)) throw new FeedbackCsvError('binary');
  if (encoding === 'gbk') {
    try {
      return { text: new TextDecoder('gbk', { fatal: true }).decode(bytes), isGbk: true };
    } catch {
      throw new FeedbackCsvError('not_gbk');
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), isGbk: false };
  } catch {
    if (looksLikeGbk(bytes)) throw new FeedbackCsvError('gbk');
    throw new FeedbackCsvError('not_utf8', { offset: firstInvalidUtf8(bytes) });
  }
}

/**
 * GBK decodes almost any pair of high bytes, so "it decodes" is not enough: what Chinese spreadsheet tools
 * export is Chinese text, so every non-ASCII character must come out as Han or CJK punctuation.
 */
function looksLikeGbk(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('gbk', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  const nonAscii = [...text].filter((char) => (char.codePointAt(0) ?? 0) > 0x7f);
  const chinese = nonAscii.filter((char) => /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(char));
  return chinese.length >= 2 && chinese.length === nonAscii.length;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Streaming decoder, fed a byte at a time: it throws at the first byte that cannot continue a character.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1), { stream: true });
      if ((bytes[i] ?? 0) < 0x80 || (bytes[i] ?? 0) >= 0xc0) start = i;
    } catch {
      // A broken continuation is reported where its character began.
      return (bytes[i] ?? 0) >= 0x80 && (bytes[i] ?? 0) < 0xc0 ? start : i;
    }
  }
  return bytes.length;
}

function headerName(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .trim()
    .toLowerCase();
}

/** Whether a header line split at `delimiter` names both required columns. */
function columnsOf(line: string, delimiter: string): boolean {
  const names = line.split(delimiter).map(headerName);
  return names.includes('id') && names.includes('text');
}

/**
 * Reads a feedback CSV: a header row with at least `id` and `text` (any case, any order, other columns
 * ignored), UTF-8 with or without BOM (or UTF-16 with one), quoted fields, CRLF; tab- or semicolon-separated
 * when the header says so. GBK is refused unless asked for.
 */
export function readFeedbackCsv(
  bytes: Uint8Array,
  options: { encoding?: FeedbackEncoding } = {},
): { items: FeedbackItem[]; warnings: FeedbackCsvWarning[] } {
  if (bytes.length === 0) throw new FeedbackCsvError('empty');
  const { text, isGbk } = decode(bytes, options.encoding);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new FeedbackCsvError('empty');
  // Commas first; Excel writes tabs in its "Unicode text" export and semicolons in some European locales.
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', '\t', ';'].find((candidate) => columnsOf(firstLine, candidate)) ?? ',';
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const line = (error as { lines?: number }).lines ?? '?';
    throw new FeedbackCsvError('malformed', { line, detail: detail.replace(/\s+/g, ' ') });
  }
  const header = (records[0] ?? []).map(headerName);
  const idColumn = header.indexOf('id');
  const textColumn = header.indexOf('text');
  if (idColumn < 0 || textColumn < 0) {
    const missing = [idColumn < 0 ? 'id' : null, textColumn < 0 ? 'text' : null].filter(Boolean).join(', ');
    throw new FeedbackCsvError('missing_columns', { missing, found: header.join(', ') || '—' });
  }
  const warnings: FeedbackCsvWarning[] = [];
  if (isGbk) warnings.push({ code: 'decoded_gbk', params: {} });
  const items: FeedbackItem[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const missingLines: number[] = [];
  records.slice(1).forEach((record, index) => {
    if (record.every((cell) => cell.trim() === '')) return;
    const id = (record[idColumn] ?? '').trim();
    if (!id) {
      missingLines.push(index + 1);
      return;
    }
    if (seen.has(id)) {
      duplicates.push(id);
      return;
    }
    seen.add(id);
    items.push({ id, text: record[textColumn] ?? '' });
  });
  if (duplicates.length > 0) {
    warnings.push({ code: 'duplicate_ids', params: { count: duplicates.length, id: duplicates[0] } });
  }
  if (missingLines.length > 0) {
    warnings.push({ code: 'missing_ids', params: { count: missingLines.length, line: missingLines[0] } });
  }
  if (items.length === 0) throw new FeedbackCsvError('no_rows');
  return { items, warnings };
}
