import { interpolate, type Locale } from '../i18n/index.ts';
import type { ProcessRunRecord, ProcessRunStatus, StepEventRecord } from './analytics.ts';
import { ZoneClock } from './zone.ts';

/**
 * Event logs of other systems (a ticket tool, a spreadsheet of orders) read into the runs and step visits that
 * the process analytics take: one row per step visit, `case_id, step, entered_at, started_at, completed_at` and
 * optionally `assignee, outcome, case_status`.
 *
 * - Header names match in any case and spacing (`Case ID`, `caseId`, `case_id`), or by a Chinese name (`案例编号`).
 * - Timestamps: ISO 8601 with an offset (`2026-03-01T09:00:00+08:00`, `…Z`), local times without one
 *   (`2026-03-01 09:00`, `2026/3/1 9:00`) read in the given time zone, or spreadsheet serial dates (days since
 *   1899-12-30, read in that zone). Local times follow the zone's daylight-saving rules (see ZoneClock).
 * - An empty `started_at` means nothing shows when work began (all time is waiting); an empty `completed_at` means
 *   the visit is open.
 * - A case's status is its `case_status` (`completed`, `cancelled`, `active`), else `completed` when its last visit
 *   (by entered time) is completed, else `active`. A run starts at its first visit's entered time and a completed
 *   run finishes at the latest time in its visits.
 * - Steps are keyed by their name as written. Their order is their typical position in cases: the median rank of
 *   the step's first visit among the case's steps, then the mean rank, then first appearance in the file.
 * - Rows count from 1 as a spreadsheet does: the header is row 1.
 */

export const EVENT_LOG_COLUMNS = [
  'case_id',
  'step',
  'entered_at',
  'started_at',
  'completed_at',
  'assignee',
  'outcome',
  'case_status',
] as const;
export type EventLogColumn = (typeof EVENT_LOG_COLUMNS)[number];

export const REQUIRED_EVENT_LOG_COLUMNS = [
  'case_id',
  'step',
  'entered_at',
  'started_at',
  'completed_at',
] as const satisfies readonly EventLogColumn[];

/** Header names each column answers to, after lower-casing and dropping spaces, `_` and `-`. */
const COLUMN_ALIASES: Record<EventLogColumn, readonly string[]> = {
  case_id: [
    'caseid',
    'case',
    'caseno',
    'casenumber',
    'ticketid',
    'orderid',
    '案例编号',
    '案例',
    '工单号',
    '单号',
    '编号',
  ],
  step: ['step', 'stepname', 'activity', 'task', '步骤', '环节', '活动', '节点'],
  entered_at: ['enteredat', 'entered', 'enteredtime', 'arrivedat', '进入时间', '到达时间', '流入时间'],
  started_at: ['startedat', 'started', 'starttime', '开始时间', '开始处理时间'],
  completed_at: ['completedat', 'completed', 'completetime', 'finishedat', 'endtime', '完成时间', '结束时间'],
  assignee: ['assignee', 'owner', 'handler', 'resource', '负责人', '处理人', '执行人'],
  outcome: ['outcome', 'result', '结果', '处理结果'],
  case_status: ['casestatus', 'status', '案例状态', '状态'],
};

export type EventLogIssueCode =
  | 'empty_file'
  | 'no_rows'
  | 'missing_columns'
  | 'duplicate_column'
  | 'missing_value'
  | 'invalid_date'
  | 'started_before_entered'
  | 'completed_before_entered'
  | 'completed_before_started'
  | 'invalid_status'
  | 'conflicting_status'
  | 'duplicate_row'
  | 'case_exists'
  | 'visit_overlaps';

/** A problem with the file (row 0 and column null for the file as a whole) or with one cell of a row. */
export type EventLogIssue = {
  row: number;
  column: EventLogColumn | null;
  /** The column's header as written in the file, when it differs from the column's name. */
  header?: string;
  code: EventLogIssueCode;
  params: Record<string, string | number>;
};

export type EventLogWarningCode =
  'decoded_gbk' | 'local_times' | 'serial_dates' | 'ambiguous_local_times' | 'skipped_local_times';

export type EventLogWarning = { code: EventLogWarningCode; params: Record<string, string | number> };

export const EVENT_LOG_MESSAGES = {
  en: {
    empty_file: 'The file is empty.',
    no_rows: 'The file has a header but no data rows.',
    missing_columns: 'The first row must name the columns {columns}; missing: {missing}.',
    duplicate_column: 'Columns "{first}" and "{second}" both name {column}.',
    missing_value: '{column} is empty.',
    invalid_date:
      '"{value}" is not a date and time (use 2026-03-01T09:00:00+08:00, 2026-03-01 09:00 or a spreadsheet date).',
    started_before_entered: 'Started at {started}, before the step was entered at {entered}.',
    completed_before_entered: 'Completed at {completed}, before the step was entered at {entered}.',
    completed_before_started: 'Completed at {completed}, before the step was started at {started}.',
    invalid_status: '"{value}" is not a case status (use completed, cancelled or active).',
    conflicting_status: 'Case {caseId} is "{value}" here but "{firstValue}" in row {firstRow}.',
    duplicate_row: 'Same case, step and entered time as row {firstRow}.',
    case_exists: 'Case {caseId} was imported into this process before.',
    visit_overlaps:
      'Case {caseId} enters this step before its step in row {otherRow} was completed: a case does one step at a time.',
    location: 'Row {row}, column {column}: {message}',
    more: '({count} more problems)',
    decoded_gbk: 'The file is not UTF-8; it was read as GBK.',
    local_times: '{count} times without a UTC offset were read in {timeZone}.',
    serial_dates: '{count} spreadsheet serial dates were read as days since 1899-12-30 in {timeZone}.',
    ambiguous_local_times:
      '{count} local times fell in the hour that occurs twice when clocks go back in {timeZone}; the earlier one was taken.',
    skipped_local_times:
      '{count} local times fell in the hour skipped when clocks go forward in {timeZone}; they were moved forward by the gap.',
  },
  'zh-CN': {
    empty_file: '文件为空。',
    no_rows: '文件只有表头，没有数据行。',
    missing_columns: '首行需要包含列 {columns}；缺少：{missing}。',
    duplicate_column: '列“{first}”和“{second}”都表示 {column}。',
    missing_value: '{column} 为空。',
    invalid_date:
      '“{value}”不是日期时间（请使用 2026-03-01T09:00:00+08:00、2026-03-01 09:00 或电子表格日期）。',
    started_before_entered: '开始时间 {started} 早于进入该步骤的时间 {entered}。',
    completed_before_entered: '完成时间 {completed} 早于进入该步骤的时间 {entered}。',
    completed_before_started: '完成时间 {completed} 早于开始时间 {started}。',
    invalid_status: '“{value}”不是案例状态（请使用 completed、cancelled 或 active）。',
    conflicting_status: '案例 {caseId} 在此为“{value}”，但在第 {firstRow} 行为“{firstValue}”。',
    duplicate_row: '与第 {firstRow} 行的案例、步骤和进入时间相同。',
    case_exists: '案例 {caseId} 之前已导入到此流程。',
    visit_overlaps:
      '案例 {caseId} 在第 {otherRow} 行的步骤完成之前就进入了此步骤，一个案例同一时间只能处于一个步骤。',
    location: '第 {row} 行，{column} 列：{message}',
    more: '（另有 {count} 个问题）',
    decoded_gbk: '文件不是 UTF-8 编码，已按 GBK 读取。',
    local_times: '{count} 个不带时差的时间已按 {timeZone} 时区读取。',
    serial_dates: '{count} 个电子表格序列日期已按 {timeZone} 时区、自 1899-12-30 起的天数读取。',
    ambiguous_local_times: '{count} 个本地时间落在 {timeZone} 夏令时结束时重复的一小时内，已取较早的时刻。',
    skipped_local_times: '{count} 个本地时间落在 {timeZone} 夏令时开始时跳过的一小时内，已按跳过的时长顺延。',
  },
} as const satisfies Record<
  Locale,
  Record<EventLogIssueCode | EventLogWarningCode | 'location' | 'more', string>
>;

/** What is wrong, without where (for a table that shows the row and column beside it). */
/**
 * Visits of a case that begin before the case's previous visit was completed, as issues on the later row: a case
 * in OpsPlan is at one step at a time. Visits are taken in entered order (then row).
 */
export function overlappingVisits(visits: readonly EventLogVisit[]): EventLogIssue[] {
  const byCase = new Map<string, EventLogVisit[]>();
  for (const visit of visits) {
    const list = byCase.get(visit.runId);
    if (list) list.push(visit);
    else byCase.set(visit.runId, [visit]);
  }
  const issues: EventLogIssue[] = [];
  for (const [caseId, list] of byCase) {
    list.sort((a, b) => a.enteredAt - b.enteredAt || a.row - b.row);
    let open: EventLogVisit | null = null;
    for (const visit of list) {
      if (open !== null && open.completedAt !== null && visit.enteredAt < open.completedAt) {
        issues.push({
          row: visit.row,
          column: 'entered_at',
          code: 'visit_overlaps',
          params: { caseId, otherRow: open.row },
        });
      }
      if (open === null || (visit.completedAt ?? Infinity) > (open.completedAt ?? Infinity)) open = visit;
    }
  }
  return issues.sort((a, b) => a.row - b.row);
}

export function eventLogIssueMessage(issue: EventLogIssue, locale: Locale): string {
  return interpolate(EVENT_LOG_MESSAGES[locale][issue.code], issue.params);
}

/** An issue as one line in a language: `Row 5, column entered_at: "abc" is not a date …`. */
export function formatEventLogIssue(issue: EventLogIssue, locale: Locale): string {
  const messages = EVENT_LOG_MESSAGES[locale];
  const message = eventLogIssueMessage(issue, locale);
  if (issue.row === 0 || issue.column === null) return message;
  const column = issue.header ? `${issue.column} ("${issue.header}")` : issue.column;
  return interpolate(messages.location, { row: issue.row, column, message });
}

export function formatEventLogWarning(warning: EventLogWarning, locale: Locale): string {
  return interpolate(EVENT_LOG_MESSAGES[locale][warning.code], warning.params);
}

/** A spreadsheet cell as the text a CSV would hold; a date carries its wall-clock time, as Excel shows it. */
export function eventLogCellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    // Spreadsheet readers hand out a date's wall-clock time as if it were UTC.
    return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 23).replace('T', ' ');
  }
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return JSON.stringify(cell);
}

/** A step visit read from the log; it is a StepEventRecord, so the analytics take it as it is. */
export type EventLogVisit = StepEventRecord & {
  /** Row of the file it came from. */
  row: number;
  assignee: string | null;
  outcome: string | null;
};

export type EventLog = {
  runs: ProcessRunRecord[];
  /** Visits of every run, in file order. */
  visits: EventLogVisit[];
  /** Step names in their typical order through cases. */
  stepOrder: string[];
  /** Data rows read (blank rows not counted). */
  rowCount: number;
  /** Problems sorted by row; the log is not fit for analysis while there is any. At most `issueLimit` kept. */
  issues: EventLogIssue[];
  issueCount: number;
  warnings: EventLogWarning[];
};

export type EventLogOptions = {
  /** IANA zone for times without an offset and for serial dates. */
  timeZone: string;
  /** How many issues to keep (all are counted). */
  issueLimit?: number;
};

const HOUR_MS = 3_600_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
// 61 is 1900-03-01, past the serial calendar's phantom 1900-02-29; 2958466 would be the year 10000.
const SERIAL_MIN = 61;
const SERIAL_MAX = 2_958_466;
const TIMESTAMP =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:([Zz])|(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})?)?$/;
const SERIAL = /^\d+(?:\.\d+)?$/;

const STATUSES: Record<string, ProcessRunStatus> = {
  completed: 'completed',
  complete: 'completed',
  done: 'completed',
  closed: 'completed',
  已完成: 'completed',
  完成: 'completed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  已取消: 'cancelled',
  取消: 'cancelled',
  active: 'active',
  open: 'active',
  进行中: 'active',
  处理中: 'active',
};

function normaliseHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
}

type ParsedTime = { instant: number; kind: 'offset' | 'local' | 'serial' } | null;

/** A timestamp cell read as an instant; null when it is not one. */
export function parseLogTimestamp(text: string, clock: ZoneClock): ParsedTime {
  const value = text.trim();
  const match = TIMESTAMP.exec(value);
  if (match) {
    const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] =
      match;
    const y = Number(year);
    const mo = Number(month);
    const d = Number(day);
    const h = Number(hour ?? 0);
    const mi = Number(minute ?? 0);
    const s = Number(second ?? 0);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    if (d > daysInMonth(y, mo)) return null;
    const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
    const wall = (daysFromCivil(y, mo, d) * 24 + h) * HOUR_MS + mi * 60_000 + s * 1000 + ms;
    if (zulu) return { instant: wall, kind: 'offset' };
    if (sign) {
      const offset = (Number(offsetHours) * 60 + Number(offsetMinutes ?? 0)) * 60_000;
      if (offset > 18 * HOUR_MS) return null;
      return { instant: sign === '+' ? wall - offset : wall + offset, kind: 'offset' };
    }
    return { instant: clock.toInstant(wall), kind: 'local' };
  }
  if (SERIAL.test(value)) {
    const serial = Number(value);
    if (serial < SERIAL_MIN || serial >= SERIAL_MAX) return null;
    return { instant: clock.toInstant(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS)), kind: 'serial' };
  }
  return null;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && isLeap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/** Days since 1970-01-01 of a proleptic Gregorian date, without allocating a Date (a million rows have three each). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

type CaseState = {
  id: string;
  /** Visit indexes of this case. */
  visits: number[];
  status: ProcessRunStatus | null;
  statusText: string;
  statusRow: number;
};

/**
 * Reads an event log row by row (so a million-row file streams through it) and assembles runs and visits at the
 * end. Feed it the header with `header()`, each data row with `row()`, then call `finish()`.
 */
export class EventLogReader {
  private readonly clock: ZoneClock;
  private readonly issueLimit: number;
  private columns: Partial<Record<EventLogColumn, number>> = {};
  private headers: Partial<Record<EventLogColumn, string>> = {};
  private hasHeader = false;
  private readonly issues: EventLogIssue[] = [];
  private issueCount = 0;
  private rowCount = 0;
  private readonly visits: EventLogVisit[] = [];
  private readonly cases = new Map<string, CaseState>();
  /** One string per distinct step, assignee and outcome, however many rows repeat it. */
  private readonly names = new Map<string, string>();
  private readonly kinds = { offset: 0, local: 0, serial: 0 };
  private decodedGbk = false;

  constructor(options: EventLogOptions) {
    this.clock = new ZoneClock(options.timeZone);
    this.issueLimit = options.issueLimit ?? 1000;
  }

  /** Notes that the bytes were not UTF-8 and were decoded as GBK, for the warnings. */
  markDecodedAsGbk(): void {
    this.decodedGbk = true;
  }

  private report(issue: EventLogIssue): void {
    this.issueCount += 1;
    if (this.issues.length < this.issueLimit) this.issues.push(issue);
  }

  private cellIssue(
    row: number,
    column: EventLogColumn,
    code: EventLogIssueCode,
    params: Record<string, string | number>,
  ): void {
    const header = this.headers[column];
    this.report({ row, column, ...(header !== undefined ? { header } : {}), code, params });
  }

  /** The first row. Returns false (with an issue) when a required column is missing or one is named twice. */
  header(cells: readonly string[]): boolean {
    this.hasHeader = true;
    const found: Partial<Record<EventLogColumn, number>> = {};
    const headers: Partial<Record<EventLogColumn, string>> = {};
    let isValid = true;
    cells.forEach((cell, index) => {
      const name = normaliseHeader(cell);
      const column = EVENT_LOG_COLUMNS.find((candidate) => COLUMN_ALIASES[candidate].includes(name));
      if (column === undefined) return;
      const firstIndex = found[column];
      if (firstIndex !== undefined) {
        const first = (cells[firstIndex] ?? '').trim();
        this.report({
          row: 1,
          column,
          code: 'duplicate_column',
          params: { column, first, second: cell.trim() },
        });
        isValid = false;
        return;
      }
      found[column] = index;
      const written = cell.replace(/^\uFEFF/, '').trim();
      if (written !== column) headers[column] = written;
    });
    const missing = REQUIRED_EVENT_LOG_COLUMNS.filter((column) => found[column] === undefined);
    if (missing.length > 0) {
      this.report({
        row: 1,
        column: null,
        code: 'missing_columns',
        params: { columns: REQUIRED_EVENT_LOG_COLUMNS.join(', '), missing: missing.join(', ') },
      });
      isValid = false;
    }
    this.columns = found;
    this.headers = headers;
    return isValid;
  }

  private text(cells: readonly string[], column: EventLogColumn): string {
    const index = this.columns[column];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  }

  private time(cells: readonly string[], row: number, column: EventLogColumn): number | null | undefined {
    const text = this.text(cells, column);
    if (text === '') return null;
    const parsed = parseLogTimestamp(text, this.clock);
    if (parsed === null) {
      this.cellIssue(row, column, 'invalid_date', { value: text });
      return undefined;
    }
    this.kinds[parsed.kind] += 1;
    return parsed.instant;
  }

  private intern(text: string): string {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    this.names.set(text, text);
    return text;
  }

  /** One data row; blank rows are skipped. */
  row(cells: readonly string[], row: number): void {
    if (isBlank(cells)) return;
    this.rowCount += 1;
    const before = this.issueCount;
    const caseId = this.text(cells, 'case_id');
    const stepText = this.text(cells, 'step');
    if (caseId === '') this.cellIssue(row, 'case_id', 'missing_value', { column: 'case_id' });
    if (stepText === '') this.cellIssue(row, 'step', 'missing_value', { column: 'step' });
    const enteredAt = this.time(cells, row, 'entered_at');
    if (enteredAt === null) this.cellIssue(row, 'entered_at', 'missing_value', { column: 'entered_at' });
    const startedAt = this.time(cells, row, 'started_at');
    const completedAt = this.time(cells, row, 'completed_at');
    const statusText = this.text(cells, 'case_status');
    const status = statusText === '' ? null : (STATUSES[statusText.toLowerCase()] ?? undefined);
    if (status === undefined) this.cellIssue(row, 'case_status', 'invalid_status', { value: statusText });
    if (typeof enteredAt === 'number') {
      const entered = this.text(cells, 'entered_at');
      if (typeof startedAt === 'number' && startedAt < enteredAt) {
        this.cellIssue(row, 'started_at', 'started_before_entered', {
          started: this.text(cells, 'started_at'),
          entered,
        });
      }
      if (typeof completedAt === 'number' && completedAt < enteredAt) {
        this.cellIssue(row, 'completed_at', 'completed_before_entered', {
          completed: this.text(cells, 'completed_at'),
          entered,
        });
      } else if (
        typeof completedAt === 'number' &&
        typeof startedAt === 'number' &&
        completedAt < startedAt
      ) {
        this.cellIssue(row, 'completed_at', 'completed_before_started', {
          completed: this.text(cells, 'completed_at'),
          started: this.text(cells, 'started_at'),
        });
      }
    }
    if (this.issueCount > before || typeof enteredAt !== 'number') return;
    if (startedAt === undefined || completedAt === undefined || status === undefined) return;

    const step = this.intern(stepText);
    let state = this.cases.get(caseId);
    if (state === undefined) {
      state = { id: caseId, visits: [], status: null, statusText: '', statusRow: 0 };
      this.cases.set(caseId, state);
    }
    if (status !== null) {
      if (state.status === null) {
        state.status = status;
        state.statusText = statusText;
        state.statusRow = row;
      } else if (state.status !== status) {
        this.cellIssue(row, 'case_status', 'conflicting_status', {
          caseId,
          value: statusText,
          firstValue: state.statusText,
          firstRow: state.statusRow,
        });
        return;
      }
    }
    const assignee = this.text(cells, 'assignee');
    const outcome = this.text(cells, 'outcome');
    state.visits.push(this.visits.length);
    this.visits.push({
      runId: state.id,
      stepKey: step,
      enteredAt,
      startedAt,
      completedAt,
      dueAt: null,
      row,
      assignee: assignee === '' ? null : this.intern(assignee),
      outcome: outcome === '' ? null : this.intern(outcome),
    });
  }

  /** Runs, visits, step order, issues and warnings of everything read. */
  finish(): EventLog {
    if (!this.hasHeader) {
      this.report({ row: 0, column: null, code: 'empty_file', params: {} });
    } else if (this.rowCount === 0 && this.issueCount === 0) {
      this.report({ row: 0, column: null, code: 'no_rows', params: {} });
    }
    const runs: ProcessRunRecord[] = [];
    const ranks = new Map<string, number[]>();
    const firstSeen = new Map<string, number>();
    for (const state of this.cases.values()) {
      const visits = state.visits.map((index) => this.visits[index] as EventLogVisit);
      visits.sort((a, b) => a.enteredAt - b.enteredAt || a.row - b.row);
      this.findDuplicates(visits);
      let startedAt = Infinity;
      let finishedAt = -Infinity;
      const seen = new Set<string>();
      for (const visit of visits) {
        startedAt = Math.min(startedAt, visit.enteredAt);
        finishedAt = Math.max(finishedAt, visit.completedAt ?? visit.startedAt ?? visit.enteredAt);
        firstSeen.set(visit.stepKey, Math.min(firstSeen.get(visit.stepKey) ?? Infinity, visit.row));
        if (seen.has(visit.stepKey)) continue;
        const stepRanks = ranks.get(visit.stepKey);
        if (stepRanks) stepRanks.push(seen.size);
        else ranks.set(visit.stepKey, [seen.size]);
        seen.add(visit.stepKey);
      }
      const last = visits[visits.length - 1];
      const status = state.status ?? (last?.completedAt != null ? 'completed' : 'active');
      runs.push({
        id: state.id,
        versionId: 'event-log',
        startedAt,
        finishedAt: status === 'active' ? null : finishedAt,
        status,
      });
    }
    this.issues.sort((a, b) => a.row - b.row);
    return {
      runs,
      visits: this.visits,
      stepOrder: typicalOrder(ranks, firstSeen),
      rowCount: this.rowCount,
      issues: this.issues,
      issueCount: this.issueCount,
      warnings: this.warnings(),
    };
  }

  /** Visits sorted by entered time; two of one step entered at the same instant are the same row twice. */
  private findDuplicates(visits: readonly EventLogVisit[]): void {
    for (let index = 1; index < visits.length; index += 1) {
      const visit = visits[index] as EventLogVisit;
      for (let earlier = index - 1; earlier >= 0; earlier -= 1) {
        const other = visits[earlier] as EventLogVisit;
        if (other.enteredAt !== visit.enteredAt) break;
        if (other.stepKey === visit.stepKey) {
          this.cellIssue(visit.row, 'entered_at', 'duplicate_row', { firstRow: other.row });
          break;
        }
      }
    }
  }

  private warnings(): EventLogWarning[] {
    const timeZone = this.clock.timeZone;
    const warnings: EventLogWarning[] = [];
    if (this.decodedGbk) warnings.push({ code: 'decoded_gbk', params: {} });
    if (this.kinds.local > 0)
      warnings.push({ code: 'local_times', params: { count: this.kinds.local, timeZone } });
    if (this.kinds.serial > 0) {
      warnings.push({ code: 'serial_dates', params: { count: this.kinds.serial, timeZone } });
    }
    const { ambiguous, skipped } = this.clock.counts;
    if (ambiguous > 0)
      warnings.push({ code: 'ambiguous_local_times', params: { count: ambiguous, timeZone } });
    if (skipped > 0) warnings.push({ code: 'skipped_local_times', params: { count: skipped, timeZone } });
    return warnings;
  }

  /** UTC offset of the log's zone at an instant, in minutes. */
  offsetMinutesAt(instant: number): number {
    return this.clock.offsetMinutesAt(instant);
  }
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

function median(sorted: readonly number[]): number {
  const middle = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(middle)] ?? 0) + (sorted[Math.ceil(middle)] ?? 0)) / 2;
}

function typicalOrder(
  ranks: ReadonlyMap<string, number[]>,
  firstSeen: ReadonlyMap<string, number>,
): string[] {
  const keyed = [...ranks].map(([step, values]) => {
    values.sort((a, b) => a - b);
    let sum = 0;
    for (const value of values) sum += value;
    return { step, median: median(values), mean: sum / values.length, first: firstSeen.get(step) ?? 0 };
  });
  keyed.sort((a, b) => a.median - b.median || a.mean - b.mean || a.first - b.first);
  return keyed.map((entry) => entry.step);
}
