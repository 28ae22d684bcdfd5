import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  EventLogReader,
  formatEventLogIssue,
  formatEventLogWarning,
  parseLogTimestamp,
  type EventLog,
} from './eventlog.ts';
import { generateEventLog, median } from './eventlog.testing.ts';
import { reportEventLog } from './logreport.ts';
import { ZoneClock } from './zone.ts';

const H = 3_600_000;
const NOW = Date.UTC(2026, 11, 1);

/** Reads CSV text through the reader as the command does: the first record is the header. */
function readLog(csv: string, timeZone = 'Asia/Shanghai'): EventLog {
  const reader = new EventLogReader({ timeZone });
  const records = parse(csv, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  records.forEach(({ record, info }, index) => {
    if (index === 0) reader.header(record);
    else reader.row(record, info.lines);
  });
  return reader.finish();
}

function report(log: EventLog, locale: 'en' | 'zh-CN' = 'en') {
  return reportEventLog(log, { now: NOW, utcOffsetMinutes: 480, timeZone: 'Asia/Shanghai', locale });
}

const HEADER = 'case_id,step,entered_at,started_at,completed_at';

function issueLines(csv: string, timeZone?: string): string[] {
  return readLog(csv, timeZone).issues.map((issue) => formatEventLogIssue(issue, 'en'));
}

describe('parseLogTimestamp', () => {
  const shanghai = new ZoneClock('Asia/Shanghai');
  const read = (text: string, clock = shanghai) => parseLogTimestamp(text, clock)?.instant ?? null;

  it('reads ISO 8601 with an offset or Z, whatever the zone', () => {
    const instant = Date.UTC(2026, 2, 1, 1, 0);
    expect(read('2026-03-01T09:00:00+08:00')).toBe(instant);
    expect(read('2026-03-01T01:00:00Z')).toBe(instant);
    expect(read('2026-03-01T01:00:00.000z')).toBe(instant);
    expect(read('2026-02-28T20:00:00-05:00')).toBe(instant);
    expect(read('2026-03-01T09:00+0800')).toBe(instant);
    expect(read('2026-03-01 06:30:00.250+05:30')).toBe(instant + 250);
  });

  it('reads local times in the zone: dashes, slashes, no seconds, no leading zeros, date only', () => {
    expect(read('2026-03-01 09:00')).toBe(Date.UTC(2026, 2, 1, 1, 0));
    expect(read('2026/3/1 9:00')).toBe(Date.UTC(2026, 2, 1, 1, 0));
    expect(read('2026-03-01T09:00:30')).toBe(Date.UTC(2026, 2, 1, 1, 0, 30));
    expect(read('2026-03-01')).toBe(Date.UTC(2026, 1, 28, 16, 0));
    expect(parseLogTimestamp('2026-03-01 09:00', shanghai)?.kind).toBe('local');
  });

  it('reads spreadsheet serial dates as days since 1899-12-30 in the zone', () => {
    // 46082 is 2026-03-01; .375 of a day is 09:00.
    expect(read('46082.375')).toBe(Date.UTC(2026, 2, 1, 1, 0));
    expect(read('46082')).toBe(Date.UTC(2026, 1, 28, 16, 0));
    expect(parseLogTimestamp('46082.375', shanghai)?.kind).toBe('serial');
  });

  it('refuses what is not a date and time', () => {
    for (const text of [
      'yesterday',
      '2026-02-30 09:00',
      '2026-13-01',
      '2026-03-01 24:00',
      '2026-03-01 09:60',
      '2026-03-01T09:00:00+19:00',
      '12',
      '1772326800',
      '',
    ]) {
      expect(read(text), text).toBeNull();
    }
  });

  it('follows daylight saving time: a skipped time moves forward, a repeated one is the earlier instant', () => {
    const newYork = new ZoneClock('America/New_York');
    // Winter (EST, −5) and summer (EDT, −4).
    expect(read('2026-01-15 09:00', newYork)).toBe(Date.UTC(2026, 0, 15, 14, 0));
    expect(read('2026-07-15 09:00', newYork)).toBe(Date.UTC(2026, 6, 15, 13, 0));
    // 2026-03-08 02:30 never happens in New York: it reads as 03:30 EDT.
    expect(read('2026-03-08 01:59', newYork)).toBe(Date.UTC(2026, 2, 8, 6, 59));
    expect(read('2026-03-08 02:30', newYork)).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(read('2026-03-08 03:00', newYork)).toBe(Date.UTC(2026, 2, 8, 7, 0));
    // 2026-11-01 01:30 happens twice: the first (EDT) is taken.
    expect(read('2026-11-01 01:30', newYork)).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(read('2026-11-01 02:00', newYork)).toBe(Date.UTC(2026, 10, 1, 7, 0));
    expect(newYork.counts).toEqual({ ambiguous: 1, skipped: 1 });
    // A visit across the spring-forward night lasts an hour less than the wall clock says.
    const entered = read('2026-03-08 01:00', newYork) ?? 0;
    const completed = read('2026-03-08 04:00', newYork) ?? 0;
    expect((completed - entered) / H).toBe(2);
  });
});

describe('EventLogReader on the example log', () => {
  const csv = readFileSync(new URL('./fixtures/event-log-example.csv', import.meta.url), 'utf8');
  const log = readLog(csv);
  const result = report(log);

  // The expected figures, computed here from the raw rows without the reader or the analytics.
  const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
  const byStep = new Map<string, { waits: number[]; works: number[]; inCompleted: number }>();
  const caseSpans = new Map<string, { first: number; last: number; status: string }>();
  for (const row of rows) {
    const entered = Date.parse(row.entered_at ?? '');
    const span = caseSpans.get(row.case_id ?? '') ?? {
      first: Infinity,
      last: -Infinity,
      status: row.case_status ?? '',
    };
    span.first = Math.min(span.first, entered);
    if (row.completed_at) span.last = Math.max(span.last, Date.parse(row.completed_at));
    caseSpans.set(row.case_id ?? '', span);
  }
  let totalLead = 0;
  const leadTimes: number[] = [];
  for (const span of caseSpans.values()) {
    if (span.status !== 'completed') continue;
    totalLead += span.last - span.first;
    leadTimes.push((span.last - span.first) / H);
  }
  for (const row of rows) {
    if (!row.completed_at) continue;
    const entry = byStep.get(row.step ?? '') ?? { waits: [], works: [], inCompleted: 0 };
    const entered = Date.parse(row.entered_at ?? '');
    const completed = Date.parse(row.completed_at);
    const started = row.started_at ? Date.parse(row.started_at) : completed;
    entry.waits.push((started - entered) / H);
    entry.works.push((completed - started) / H);
    if (caseSpans.get(row.case_id ?? '')?.status === 'completed') entry.inCompleted += completed - entered;
    byStep.set(row.step ?? '', entry);
  }

  it('reads every row without issues, with the steps in process order', () => {
    expect(log.issues).toEqual([]);
    expect(log.rowCount).toBe(rows.length);
    expect(log.stepOrder).toEqual(['受理', '分类', '处理', '回访']);
    expect(log.warnings).toEqual([]);
  });

  it('gives the medians, visits and lead-time shares worked out from the raw rows', () => {
    const statuses = [...caseSpans.values()].map((span) => span.status);
    expect(result.cases).toEqual({
      total: caseSpans.size,
      completed: statuses.filter((status) => status === 'completed').length,
      active: statuses.filter((status) => status === 'active').length,
      cancelled: statuses.filter((status) => status === 'cancelled').length,
    });
    expect(result.steps.map((step) => step.step)).toEqual(['受理', '分类', '处理', '回访']);
    for (const step of result.steps) {
      const expected = byStep.get(step.step);
      expect(step.visits).toBe(expected?.waits.length);
      expect(step.medianWaitHours).toBeCloseTo(median(expected?.waits ?? []) ?? NaN, 9);
      expect(step.medianWorkHours).toBeCloseTo(median(expected?.works ?? []) ?? NaN, 9);
      expect(step.leadTimeShare).toBeCloseTo((expected?.inCompleted ?? 0) / totalLead, 12);
    }
    expect(result.leadTime.medianHours).toBeCloseTo(median(leadTimes) ?? NaN, 9);
  });

  it('names the step with the largest share as the bottleneck, with the numbers in its reason', () => {
    const largest = [...result.steps].sort((a, b) => (b.leadTimeShare ?? 0) - (a.leadTimeShare ?? 0))[0];
    expect(result.bottleneck?.step).toBe(largest?.step);
    const percent = Math.round((largest?.leadTimeShare ?? 0) * 100);
    const wait = Math.round((largest?.medianWaitHours ?? 0) * 10) / 10;
    expect(result.bottleneck?.reason).toBe(
      `${largest?.step} takes ${percent}% of lead time, median wait ${wait} h, 0 waiting.`,
    );
    expect(report(log, 'zh-CN').bottleneck?.reason).toBe(
      `${largest?.step} 占用 ${percent}% 的流程周期，等待时间中位数 ${wait} 小时，0 项等待中。`,
    );
  });
});

describe('EventLogReader on generated logs', () => {
  const generated = generateEventLog(600, 7);
  const log = readLog(generated.csv);
  const result = report(log);

  it('reads BOM, CRLF, quoted fields, shuffled columns and rows, and every timestamp form', () => {
    expect(log.issues).toEqual([]);
    expect(log.stepOrder).toEqual(generated.order);
    expect(result.cases).toEqual({ total: 600, ...generated.cases });
    expect(log.warnings.map((warning) => warning.code)).toEqual(['local_times']);
    expect(formatEventLogWarning(log.warnings[0] ?? { code: 'local_times', params: {} }, 'en')).toMatch(
      /^\d+ times without a UTC offset were read in Asia\/Shanghai\.$/,
    );
  });

  it('gives the generator’s medians, visit counts and shares for every step', () => {
    const totalLead = generated.leadTimes.reduce((sum, hours) => sum + hours, 0);
    for (const step of result.steps) {
      const expected = generated.steps.get(step.step);
      expect(step.visits, step.step).toBe(expected?.waits.length);
      expect(step.medianWaitHours, step.step).toBeCloseTo(median(expected?.waits ?? []) ?? NaN, 9);
      expect(step.medianWorkHours, step.step).toBeCloseTo(median(expected?.works ?? []) ?? NaN, 9);
      expect(step.leadTimeShare, step.step).toBeCloseTo(
        (expected?.hoursInCompletedCases ?? 0) / totalLead,
        9,
      );
    }
    expect(result.leadTime.medianHours).toBeCloseTo(median(generated.leadTimes) ?? NaN, 9);
  });

  it('counts rework per step with its hours, and the variants of completed cases', () => {
    const reworkSteps = Object.fromEntries(result.rework.steps.map((step) => [step.step, step]));
    expect(Object.keys(reworkSteps).sort()).toEqual([...generated.rework.keys()].sort());
    for (const [step, expected] of generated.rework) {
      expect(reworkSteps[step]?.visits).toBe(expected.visits);
      expect(reworkSteps[step]?.hours).toBeCloseTo(expected.hours, 9);
    }
    expect(result.variants.distinct).toBe(generated.variants.size);
    expect(result.variants.completedCases).toBe(generated.cases.completed);
    for (const variant of result.variants.top) {
      expect(variant.cases).toBe(generated.variants.get(variant.steps.join(' > ')));
    }
    expect(result.variants.top[0]?.steps).toEqual(generated.order);
  });

  it('gives the same figures whatever the order of the rows', () => {
    const lines = generated.csv.trimEnd().split('\r\n');
    const reversed = [lines[0], ...lines.slice(1).reverse()].join('\n');
    const again = report(readLog(reversed));
    expect(again.steps).toEqual(result.steps);
    expect(again.bottleneck).toEqual(result.bottleneck);
    expect(again.variants.distinct).toBe(result.variants.distinct);
  });
});

describe('EventLogReader cases, steps and columns', () => {
  it('takes a case’s status from the log, else completed when its last visit is, else active', () => {
    const log = readLog(
      [
        'Case_ID , STEP,entered at,startedAt,completed-at,outcome,Case Status',
        'A,a,2026-03-01 09:00,,2026-03-01 10:00,ok,',
        'A,b,2026-03-01 10:00,2026-03-01 11:00,2026-03-01 12:00,ok,',
        'B,a,2026-03-01 09:00,,2026-03-01 10:00,,',
        'B,b,2026-03-01 10:00,,,,',
        'C,a,2026-03-01 09:00,,2026-03-01 10:00,,cancelled',
        'D,a,2026-03-02 09:00,,2026-03-02 10:00,,Active',
      ].join('\n'),
    );
    expect(log.issues).toEqual([]);
    expect(log.runs.map((run) => [run.id, run.status, run.finishedAt !== null])).toEqual([
      ['A', 'completed', true],
      ['B', 'active', false],
      ['C', 'cancelled', true],
      ['D', 'active', false],
    ]);
    const a = log.runs[0];
    expect(a && (a.finishedAt ?? 0) - a.startedAt).toBe(3 * H);
    expect(log.visits[1]?.outcome).toBe('ok');
    // The open, unstarted visit of B is the only one waiting; the visits of every case count.
    const result = report(log);
    expect(result.steps.map((step) => [step.step, step.visits, step.openVisits, step.queued])).toEqual([
      ['a', 4, 0, 0],
      ['b', 1, 1, 1],
    ]);
  });

  it('orders steps by their typical position in cases, and keeps the names as written', () => {
    const rows = [HEADER];
    // Three cases go Review → Draft → Publish; one goes Draft → Review; "Publish" is first seen in the file.
    rows.push('Z,Publish,2026-03-01 12:00,,2026-03-01 13:00');
    for (const id of ['X', 'Y', 'Z']) {
      rows.push(
        `${id},Review ,2026-03-01 09:00,,2026-03-01 10:00`,
        `${id},Draft,2026-03-01 10:00,,2026-03-01 11:00`,
      );
    }
    rows.push('W,Draft,2026-03-01 09:00,,2026-03-01 10:00', 'W,Review,2026-03-01 10:00,,2026-03-01 11:00');
    rows.push('X,Publish,2026-03-01 12:00,,2026-03-01 13:00', 'Y,Publish,2026-03-01 12:00,,2026-03-01 13:00');
    expect(readLog(rows.join('\n')).stepOrder).toEqual(['Review', 'Draft', 'Publish']);
  });

  it('finds the bottleneck by the queue when no case is completed, and none in an idle log', () => {
    const queued = report(
      readLog(
        [
          HEADER,
          'A,a,2026-03-01 09:00,2026-03-01 09:10,2026-03-01 10:00',
          'A,b,2026-03-01 10:00,,',
          'B,a,2026-03-01 09:00,,',
        ].join('\n'),
      ),
    );
    expect(queued.cases).toEqual({ total: 2, completed: 0, active: 2, cancelled: 0 });
    expect(queued.steps.map((step) => step.leadTimeShare)).toEqual([null, null]);
    expect(queued.bottleneck?.step).toBe('a');
    expect(queued.bottleneck?.reason).toMatch(/^a has 1 waiting, the oldest for \d+(\.\d)? h\.$/);
    // Work in hand but nothing waiting and nothing finished: no rule names a step.
    const idle = report(readLog([HEADER, 'A,a,2026-03-01 09:00,2026-03-01 09:10,'].join('\n')));
    expect(idle.bottleneck).toBeNull();
    expect(idle.steps[0]?.openVisits).toBe(1);
    const cancelledOnly = report(
      readLog([HEADER + ',case_status', 'A,a,2026-03-01 09:00,,,cancelled'].join('\n')),
    );
    expect(cancelledOnly.bottleneck).toBeNull();
    expect(cancelledOnly.steps[0]?.visits).toBe(0);
  });
});

describe('EventLogReader issues', () => {
  it('names the row and column of dates it cannot read, in both languages', () => {
    const csv = [
      HEADER,
      'A,a,2026-03-01 09:00,,2026-03-01 10:00',
      'A,b,2026-03-01 10:00,soon,2026-02-30 10:00',
    ].join('\n');
    expect(issueLines(csv)).toEqual([
      'Row 3, column started_at: "soon" is not a date and time (use 2026-03-01T09:00:00+08:00, 2026-03-01 09:00 or a spreadsheet date).',
      'Row 3, column completed_at: "2026-02-30 10:00" is not a date and time (use 2026-03-01T09:00:00+08:00, 2026-03-01 09:00 or a spreadsheet date).',
    ]);
    const [issue] = readLog(csv).issues;
    expect(issue && formatEventLogIssue(issue, 'zh-CN')).toBe(
      '第 3 行，started_at 列：“soon”不是日期时间（请使用 2026-03-01T09:00:00+08:00、2026-03-01 09:00 或电子表格日期）。',
    );
  });

  it('refuses times out of order within a visit', () => {
    expect(
      issueLines(
        [
          HEADER,
          'A,a,2026-03-01 09:00,2026-03-01 08:00,2026-03-01 10:00',
          'A,b,2026-03-01T10:00:00+08:00,,2026-03-01T01:00:00Z',
          'A,c,2026-03-01 11:00,2026-03-01 12:00,2026-03-01 11:30',
        ].join('\n'),
      ),
    ).toEqual([
      'Row 2, column started_at: Started at 2026-03-01 08:00, before the step was entered at 2026-03-01 09:00.',
      'Row 3, column completed_at: Completed at 2026-03-01T01:00:00Z, before the step was entered at 2026-03-01T10:00:00+08:00.',
      'Row 4, column completed_at: Completed at 2026-03-01 11:30, before the step was started at 2026-03-01 12:00.',
    ]);
  });

  it('refuses duplicate rows, empty required cells, unknown and conflicting statuses', () => {
    expect(
      issueLines(
        [
          `${HEADER},Case Status`,
          'A,a,2026-03-01 09:00,,2026-03-01 10:00,completed',
          'A,b,2026-03-01 10:00,,2026-03-01 11:00,',
          'A,a,2026-03-01T01:00:00Z,,2026-03-01 10:00,',
          ',a,2026-03-01 09:00,,,',
          'B,,,,,',
          'C,a,2026-03-01 09:00,,,finished',
          'A,c,2026-03-01 11:00,,,active',
        ].join('\n'),
      ),
    ).toEqual([
      'Row 4, column entered_at: Same case, step and entered time as row 2.',
      'Row 5, column case_id: case_id is empty.',
      'Row 6, column step: step is empty.',
      'Row 6, column entered_at: entered_at is empty.',
      'Row 7, column case_status ("Case Status"): "finished" is not a case status (use completed, cancelled or active).',
      'Row 8, column case_status ("Case Status"): Case A is "active" here but "completed" in row 2.',
    ]);
  });

  it('refuses an empty file, a header without rows, missing and doubled columns', () => {
    expect(readLog('').issues.map((issue) => issue.code)).toEqual(['empty_file']);
    expect(issueLines(`${HEADER}\n\n`)).toEqual(['The file has a header but no data rows.']);
    expect(issueLines('case,step,entered,completed\nA,a,2026-03-01 09:00,')).toEqual([
      'The first row must name the columns case_id, step, entered_at, started_at, completed_at; missing: started_at.',
    ]);
    expect(issueLines(`${HEADER},Step\nA,a,2026-03-01 09:00,,,b`)[0]).toBe(
      'Row 1, column step: Columns "step" and "Step" both name step.',
    );
  });

  it('reads Chinese headers', () => {
    const log = readLog(
      [
        '案例编号,步骤,进入时间,开始时间,完成时间,负责人,案例状态',
        'A,受理,2026-03-01 09:00,,2026-03-01 10:00,李娜,已完成',
      ].join('\n'),
    );
    expect(log.issues).toEqual([]);
    expect(log.runs[0]?.status).toBe('completed');
    expect(log.visits[0]?.assignee).toBe('李娜');
  });

  it('keeps at most issueLimit issues but counts them all', () => {
    const reader = new EventLogReader({ timeZone: 'UTC', issueLimit: 3 });
    reader.header(HEADER.split(','));
    for (let row = 2; row < 12; row += 1) reader.row(['A', 'a', 'never', '', ''], row);
    const log = reader.finish();
    expect(log.issues.map((issue) => issue.row)).toEqual([2, 3, 4]);
    expect(log.issueCount).toBe(10);
  });
});
