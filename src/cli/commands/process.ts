import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { AppError, errorMessage } from '../../core/errors/index.ts';
import { interpolate, type Locale } from '../../core/i18n/index.ts';
import type { EventLog, EventLogReader } from '../../core/processes/eventlog.ts';
import type { EventLogReport } from '../../core/processes/logreport.ts';
import { loadConfig } from '../../server/config.ts';
import { CliError } from '../options.ts';

type AnalyseOptions = {
  json?: boolean;
  lang?: Locale;
  timezone?: string;
  now?: string;
  variants: number;
};

const MESSAGES = {
  en: {
    file_not_found: 'Cannot read {file}: {detail}',
    unknown_timezone: '"{value}" is not a time zone (use an IANA name such as Asia/Shanghai).',
    invalid_now: '--now "{value}" is not a date and time.',
    unreadable: '{file} could not be read as CSV at line {line}: {detail}',
    warning: 'warning',
    title: 'Event log {file}: {rows} rows in {timeZone}',
    cases: 'Cases: {total} ({completed} completed, {active} active, {cancelled} cancelled)',
    leadTime: 'Lead time of completed cases: median {median} h, 90th percentile {p90} h',
    noLeadTime: 'No completed cases: lead-time shares need at least one.',
    bottleneck: 'Bottleneck: {step}. {reason}',
    noBottleneck: 'Bottleneck: none found (no completed case and no waiting visit).',
    step: 'Step',
    visits: 'Visits',
    wait: 'Median wait h',
    work: 'Median work h',
    share: 'Lead-time share',
    open: 'Open',
    rework: 'Rework',
    variants: 'Variants: {distinct} distinct paths over {completed} completed cases; the most common:',
    variant: '{cases} cases ({share}%), median {median} h',
    reworkSummary: 'Rework: {cases} cases returned to a step, {visits} repeat visits, {hours} h',
    reworkStep: '{step}: {visits} repeat visits in {cases} cases, {hours} h',
    noRework: 'Rework: none (no case returned to a step).',
  },
  'zh-CN': {
    file_not_found: '无法读取 {file}：{detail}',
    unknown_timezone: '“{value}”不是时区（请使用 IANA 名称，例如 Asia/Shanghai）。',
    invalid_now: '--now “{value}”不是日期时间。',
    unreadable: '{file} 第 {line} 行无法按 CSV 读取：{detail}',
    warning: '提示',
    title: '事件日志 {file}：{rows} 行，时区 {timeZone}',
    cases: '案例：{total} 个（已完成 {completed}，进行中 {active}，已取消 {cancelled}）',
    leadTime: '已完成案例的流程周期：中位数 {median} 小时，90 分位 {p90} 小时',
    noLeadTime: '没有已完成的案例：周期占比至少需要一个已完成案例。',
    bottleneck: '瓶颈：{step}。{reason}',
    noBottleneck: '瓶颈：未发现（没有已完成的案例，也没有等待中的步骤）。',
    step: '步骤',
    visits: '完成次数',
    wait: '等待中位数(小时)',
    work: '处理中位数(小时)',
    share: '周期占比',
    open: '未完成',
    rework: '返工',
    variants: '路径变体：{completed} 个已完成案例共有 {distinct} 种路径；最常见的：',
    variant: '{cases} 个案例（{share}%），周期中位数 {median} 小时',
    reworkSummary: '返工：{cases} 个案例回到了已做过的步骤，重复访问 {visits} 次，共 {hours} 小时',
    reworkStep: '{step}：{cases} 个案例重复 {visits} 次，{hours} 小时',
    noRework: '返工：无（没有案例回到已做过的步骤）。',
  },
} as const satisfies Record<Locale, Record<string, string>>;

type MessageKey = keyof (typeof MESSAGES)['en'];

function say(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  return interpolate(MESSAGES[locale][key], params);
}

function parseLang(value: string): Locale {
  if (value === 'zh' || value === 'zh-CN') return 'zh-CN';
  if (value === 'en') return 'en';
  throw new InvalidArgumentError('use zh or en.');
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('use a whole number.');
  return Number(value);
}

export function registerProcess(program: Command): void {
  const processCommand = program.command('process').description('Process (SOP) tools that need no server');
  processCommand
    .command('analyse')
    .alias('analyze')
    .description(
      'Analyse an event log (CSV or XLSX, one row per step visit): per-step wait and work times, the ' +
        'bottleneck with its reason, variants and rework',
    )
    .argument(
      '<file>',
      'columns case_id, step, entered_at, started_at, completed_at [, assignee, outcome, case_status]',
    )
    .option('--json', 'print the analysis as JSON')
    .option(
      '--lang <lang>',
      'language of the report and messages: zh or en (default: OPSPLAN_LOCALE or zh)',
      parseLang,
    )
    .option(
      '--timezone <zone>',
      'IANA time zone of times without an offset and of spreadsheet dates (default: OPSPLAN_TIMEZONE or Asia/Shanghai)',
    )
    .option('--now <time>', 'measure open visits up to this time (default: now)')
    .option('--variants <count>', 'how many of the most common variants to list', parseCount, 10)
    .action((file: string, options: AnalyseOptions) => analyse(file, options));
}

/** The event-log analysis, loaded when the command runs (not for `--help` or other commands). */
async function loadCore() {
  const [eventlog, logreport, zone] = await Promise.all([
    import('../../core/processes/eventlog.ts'),
    import('../../core/processes/logreport.ts'),
    import('../../core/processes/zone.ts'),
  ]);
  return { ...eventlog, ...logreport, ...zone };
}

let core: Awaited<ReturnType<typeof loadCore>>;

async function analyse(file: string, options: AnalyseOptions): Promise<void> {
  core = await loadCore();
  const config = loadConfig();
  const locale = options.lang ?? config.defaultLocale;
  const timeZone = options.timezone ?? config.timezone;
  if (!core.isTimeZone(timeZone)) throw new CliError(say(locale, 'unknown_timezone', { value: timeZone }));
  let now = Date.now();
  if (options.now !== undefined) {
    const parsed = core.parseLogTimestamp(options.now, new core.ZoneClock(timeZone));
    if (parsed === null) throw new CliError(say(locale, 'invalid_now', { value: options.now }));
    now = parsed.instant;
  }

  const reader = await readEventLogFile(file, timeZone, locale);
  const log = reader.finish();
  failOnIssues(log, locale);
  const report = core.reportEventLog(log, {
    now,
    utcOffsetMinutes: reader.offsetMinutesAt(now),
    timeZone,
    locale,
    variantLimit: options.variants,
  });
  for (const warning of report.warnings) {
    process.stderr.write(`opsplan: ${say(locale, 'warning')}: ${warning}\n`);
  }
  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, file, locale),
  );
}

function failOnIssues(log: EventLog, locale: Locale): void {
  const [first] = log.issues;
  if (first === undefined) return;
  const rest = log.issueCount - 1;
  const more = rest > 0 ? ` ${interpolate(core.EVENT_LOG_MESSAGES[locale].more, { count: rest })}` : '';
  throw new CliError(`${core.formatEventLogIssue(first, locale)}${more}`);
}

function isZip(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
}

/** Reads the file's rows into an event-log reader: XLSX through the spreadsheet reader, CSV streamed. */
async function readEventLogFile(file: string, timeZone: string, locale: Locale): Promise<EventLogReader> {
  let head: Buffer;
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const handle = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(say(locale, 'file_not_found', { file, detail }));
  }
  const reader = new core.EventLogReader({ timeZone, issueLimit: 100 });
  if (isZip(head)) {
    await readXlsx(file, reader, locale);
    return reader;
  }
  try {
    await streamCsv(file, head, 'utf-8', reader, locale);
    return reader;
  } catch (error) {
    if (!(error instanceof InvalidUtf8)) throw error;
  }
  // Excel on a Chinese Windows saves CSV as GBK; rather than mojibake step names, read it again as GBK.
  const gbkReader = new core.EventLogReader({ timeZone, issueLimit: 100 });
  gbkReader.markDecodedAsGbk();
  await streamCsv(file, head, 'gbk', gbkReader, locale);
  return gbkReader;
}

class InvalidUtf8 extends Error {}

/** The delimiter of the header line: the most frequent of comma, semicolon and tab (comma on a tie). */
function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((delimiter) => ({
    delimiter,
    count: firstLine.split(delimiter).length - 1,
  }));
  counts.sort((a, b) => b.count - a.count);
  return (counts[0]?.count ?? 0) > 0 ? (counts[0]?.delimiter ?? ',') : ',';
}

async function streamCsv(
  file: string,
  head: Buffer,
  encoding: 'utf-8' | 'gbk',
  reader: EventLogReader,
  locale: Locale,
): Promise<void> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  let firstLine = '';
  try {
    firstLine =
      new TextDecoder(encoding)
        .decode(head)
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0] ?? '';
  } catch {
    firstLine = '';
  }
  // Rows are records counted as a spreadsheet shows them: blank lines count, a quoted line break does not.
  let row = 0;
  let hasHeader = false;
  const { parse } = await import('csv-parse');
  const parser = parse({
    delimiter: detectDelimiter(firstLine),
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
  });
  parser.on('data', (record: string[]) => {
    row += 1;
    if (hasHeader) reader.row(record, row);
    else if (record.some((cell) => cell.trim() !== '')) {
      hasHeader = true;
      reader.header(record);
    }
  });
  const done = finished(parser);
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input) {
      let text: string;
      try {
        text = decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        throw new InvalidUtf8();
      }
      if (!parser.write(text)) await new Promise((resolve) => parser.once('drain', resolve));
    }
    try {
      parser.end(decoder.decode());
    } catch {
      throw new InvalidUtf8();
    }
    await done;
  } catch (error) {
    input.destroy();
    parser.destroy();
    await done.catch(() => undefined);
    if (error instanceof InvalidUtf8) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    const line = (error as { lines?: number }).lines ?? '?';
    throw new CliError(say(locale, 'unreadable', { file, line, detail }));
  }
}

async function readXlsx(file: string, reader: EventLogReader, locale: Locale): Promise<void> {
  const [{ readFile }, { spreadsheetRows }] = await Promise.all([
    import('node:fs/promises'),
    import('../../server/files.ts'),
  ]);
  let header = true;
  try {
    // A local file: no row cap (the server's imports have theirs), but still read as a stream.
    for await (const { cells, row } of spreadsheetRows(await readFile(file), {
      maxRows: Number.POSITIVE_INFINITY,
    })) {
      const texts = cells.map(core.eventLogCellText);
      if (header) reader.header(texts);
      else reader.row(texts, row);
      header = false;
    }
  } catch (error) {
    if (error instanceof AppError) throw new CliError(errorMessage(error.code, locale, error.params));
    throw error;
  }
}

// --- text output ---------------------------------------------------------------------------------------------

/** Columns a terminal gives a character: two for CJK and full-width forms. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const isWide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += isWide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, alignRight: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? fill + text : text + fill;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((cell, column) =>
    Math.max(displayWidth(cell), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0, column > 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function hoursText(hours: number | null): string {
  return hours === null ? '—' : hours.toFixed(1);
}

function percentText(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** The report as a person reads it in a terminal. */
export function renderReport(report: EventLogReport, file: string, locale: Locale): string {
  const lines = [
    say(locale, 'title', { file, rows: report.rows, timeZone: report.timeZone }),
    say(locale, 'cases', report.cases),
    report.leadTime.medianHours === null
      ? say(locale, 'noLeadTime')
      : say(locale, 'leadTime', {
          median: hoursText(report.leadTime.medianHours),
          p90: hoursText(report.leadTime.p90Hours),
        }),
    report.bottleneck
      ? say(locale, 'bottleneck', { step: report.bottleneck.step, reason: report.bottleneck.reason })
      : say(locale, 'noBottleneck'),
    '',
    ...table(
      [
        say(locale, 'step'),
        say(locale, 'visits'),
        say(locale, 'wait'),
        say(locale, 'work'),
        say(locale, 'share'),
        say(locale, 'open'),
        say(locale, 'rework'),
      ],
      report.steps.map((step) => [
        step.step,
        String(step.visits),
        hoursText(step.medianWaitHours),
        hoursText(step.medianWorkHours),
        percentText(step.leadTimeShare),
        String(step.openVisits),
        String(step.reworkVisits),
      ]),
    ),
    '',
  ];
  if (report.variants.top.length > 0) {
    lines.push(
      say(locale, 'variants', {
        distinct: report.variants.distinct,
        completed: report.variants.completedCases,
      }),
    );
    for (const variant of report.variants.top) {
      const summary = say(locale, 'variant', {
        cases: variant.cases,
        share: Math.round(variant.share * 100),
        median: hoursText(variant.medianLeadTimeHours),
      });
      lines.push(`  ${summary}: ${variant.steps.join(' → ')}`);
    }
    lines.push('');
  }
  if (report.rework.visits === 0) {
    lines.push(say(locale, 'noRework'));
  } else {
    lines.push(
      say(locale, 'reworkSummary', {
        cases: report.rework.cases,
        visits: report.rework.visits,
        hours: hoursText(report.rework.hours),
      }),
    );
    for (const step of report.rework.steps) {
      lines.push(
        `  ${say(locale, 'reworkStep', { step: step.step, visits: step.visits, cases: step.cases, hours: hoursText(step.hours) })}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
