import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/** What a spreadsheet reads as the start of a formula, full-width forms included (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A plain number written as text ("-12.5"): not a formula, and a spreadsheet should read it as a number. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A cell as written: text that would run as a formula gets a leading `'`; numbers, negative ones too, stay. */
export function neutraliseCell(cell: CsvCell): string | number {
  if (typeof cell !== 'string') return cell ?? '';
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/**
 * The one CSV writer, for server exports and web downloads: UTF-8 with a BOM (so Excel opens Chinese right),
 * CRLF and RFC 4180 quoting by csv-stringify, every cell through `neutraliseCell`.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCell)),
    // Any line break is quoted, not only CRLF, or a reader splits the row there.
    { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}
