import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './main.ts';
import { generateEventLog, median } from '../core/processes/eventlog.testing.ts';

const BIN = fileURLToPath(new URL('../../bin/opsplan.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../core/processes/fixtures/event-log-example.csv', import.meta.url));

type Result = { code: number | null; stdout: string; stderr: string };

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'opsplan-analyse-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The real binary in a child process: exit code, stdout and stderr as a shell sees them. */
function spawnCli(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' };
    delete env.OPSPLAN_LOCALE;
    delete env.OPSPLAN_TIMEZONE;
    const child = spawn(process.execPath, [BIN, 'process', 'analyse', ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The same command in this process (a child costs seconds of start-up), its output captured. */
async function run(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const saved = {
    OPSPLAN_LOCALE: process.env.OPSPLAN_LOCALE,
    OPSPLAN_TIMEZONE: process.env.OPSPLAN_TIMEZONE,
  };
  delete process.env.OPSPLAN_LOCALE;
  delete process.env.OPSPLAN_TIMEZONE;
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(['node', 'opsplan', 'process', 'analyse', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(root, name);
  writeFileSync(file, content);
  return file;
}

type JsonReport = {
  bottleneck: { step: string; reason: string } | null;
  steps: Array<{
    step: string;
    visits: number;
    medianWaitHours: number | null;
    medianWorkHours: number | null;
    leadTimeShare: number | null;
  }>;
  cases: { completed: number; active: number; cancelled: number };
  variants: { distinct: number; top: Array<{ steps: string[]; cases: number }> };
  rework: { steps: Array<{ step: string; visits: number; hours: number }> };
};

const HEADER = 'case_id,step,entered_at,started_at,completed_at';

describe('opsplan process analyse', () => {
  it('runs as the opsplan binary: JSON on stdout and exit 0, or one line on stderr and exit 2', async () => {
    const bad = write('bin-bad.csv', `${HEADER}\nA,a,2026-03-01 09:00,,2026-03-01 10:00\nA,b,46082.5x,,\n`);
    const [good, refused] = await Promise.all([
      spawnCli([EXAMPLE, '--json', '--lang', 'en']),
      spawnCli([bad, '--lang', 'en']),
    ]);
    expect(good.code).toBe(0);
    const report = JSON.parse(good.stdout) as JsonReport;
    expect(report.bottleneck?.step).toBe('处理');
    expect(report.cases).toEqual({ total: 60, completed: 54, active: 4, cancelled: 2 });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /^opsplan: Row 3, column entered_at: "46082\.5x" is not a date and time .*\n$/,
    );
  }, 180_000);

  it('prints the analysis of a generated log as JSON, matching the figures the log was made with', async () => {
    const generated = generateEventLog(300, 11);
    const file = write('generated.csv', generated.csv);
    const result = await run([file, '--json', '--lang', 'en']);
    expect(result.stderr).toContain('times without a UTC offset were read in Asia/Shanghai');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.cases).toMatchObject(generated.cases);
    expect(report.steps.map((step) => step.step)).toEqual(generated.order);
    const totalLead = generated.leadTimes.reduce((sum, hours) => sum + hours, 0);
    for (const step of report.steps) {
      const expected = generated.steps.get(step.step);
      expect(step.visits).toBe(expected?.waits.length);
      expect(step.medianWaitHours).toBeCloseTo(median(expected?.waits ?? []) ?? NaN, 9);
      expect(step.medianWorkHours).toBeCloseTo(median(expected?.works ?? []) ?? NaN, 9);
      expect(step.leadTimeShare).toBeCloseTo((expected?.hoursInCompletedCases ?? 0) / totalLead, 9);
    }
    const largest = [...report.steps].sort((a, b) => (b.leadTimeShare ?? 0) - (a.leadTimeShare ?? 0))[0];
    expect(report.bottleneck?.step).toBe(largest?.step);
    expect(report.bottleneck?.reason).toContain(
      `${largest?.step} takes ${Math.round((largest?.leadTimeShare ?? 0) * 100)}% of lead time`,
    );
    expect(report.variants.distinct).toBe(generated.variants.size);
    for (const step of report.rework.steps) expect(step.visits).toBe(generated.rework.get(step.step)?.visits);
  });

  it('prints a table in Chinese by default and in English with --lang en', async () => {
    const zh = await run([EXAMPLE]);
    const en = await run([EXAMPLE, '--lang', 'en']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^瓶颈：处理。处理 占用 \d+% 的流程周期/m);
    expect(zh.stdout).toMatch(/^步骤\s+完成次数\s+等待中位数\(小时\)/m);
    expect(zh.stdout).toMatch(/^处理\s+54\s+\d+\.\d\s+\d+\.\d\s+\d+%/m);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^Bottleneck: 处理\. 处理 takes \d+% of lead time/m);
    expect(en.stdout).toMatch(/^Cases: 60 \(54 completed, 4 active, 2 cancelled\)$/m);
    expect(en.stdout).toContain('受理 → 分类 → 处理 → 回访');
  });

  it('reads a GBK file with a warning, an XLSX file, and a semicolon-separated file', async () => {
    const rows = [
      `${HEADER},case_status`,
      '1,受理,2026-03-01 09:00,2026-03-01 09:30,2026-03-01 10:00,completed',
    ];
    const gbk = write('gbk.csv', Buffer.from(new Uint8Array([...encodeGbkSample(rows.join('\r\n'))])));
    const semicolon = write('semicolon.csv', rows.map((row) => row.replaceAll(',', ';')).join('\n'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('log');
    sheet.addRow(['case_id', 'step', 'entered_at', 'started_at', 'completed_at']);
    // A spreadsheet date holds wall-clock time; the log's zone gives it its instant.
    sheet.addRow([
      '1',
      '受理',
      new Date(Date.UTC(2026, 2, 1, 9)),
      null,
      new Date(Date.UTC(2026, 2, 1, 11, 30)),
    ]);
    const xlsx = path.join(root, 'log.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const fromGbk = await run([gbk, '--json', '--lang', 'en']);
    const fromSemicolon = await run([semicolon, '--json']);
    const fromXlsx = await run([xlsx, '--json', '--timezone', 'Europe/London']);
    expect(fromGbk.code).toBe(0);
    expect(fromGbk.stderr).toContain('The file is not UTF-8; it was read as GBK.');
    expect((JSON.parse(fromGbk.stdout) as JsonReport).steps[0]).toMatchObject({
      step: '受理',
      visits: 1,
      medianWaitHours: 0.5,
    });
    expect(fromSemicolon.code).toBe(0);
    expect((JSON.parse(fromSemicolon.stdout) as JsonReport).steps[0]?.step).toBe('受理');
    expect(fromXlsx.code).toBe(0);
    expect((JSON.parse(fromXlsx.stdout) as JsonReport).steps[0]).toMatchObject({
      step: '受理',
      medianWaitHours: 2.5,
    });
  });

  it('exits 2 with one translated line naming the row and column of bad input', async () => {
    const badDate = write(
      'bad-date.csv',
      `${HEADER}\nA,a,2026-03-01 09:00,,2026-03-01 10:00\nA,b,not yet,,\n`,
    );
    const duplicate = write(
      'duplicate.csv',
      `${HEADER}\nA,a,2026-03-01 09:00,,2026-03-01 10:00\nA,a,2026-03-01 09:00,,2026-03-01 10:00\n`,
    );
    const before = write('before.csv', `${HEADER}\nA,a,2026-03-01 09:00,,2026-03-01 08:00\n`);
    const missing = write('missing.csv', 'case_id,step,entered_at\nA,a,2026-03-01 09:00\n');
    const empty = write('empty.csv', '');
    const results: Result[] = [];
    for (const args of [
      [badDate, '--lang', 'en'],
      [badDate, '--lang', 'zh'],
      [duplicate, '--lang', 'en', '--json'],
      [before, '--lang', 'en'],
      [missing, '--lang', 'en'],
      [empty, '--lang', 'en'],
      [path.join(root, 'absent.csv'), '--lang', 'en'],
      [badDate, '--timezone', 'Mars/Olympus', '--lang', 'en'],
    ]) {
      results.push(await run(args));
    }
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const lines = results.map((result) => result.stderr.trim());
    expect(lines[0]).toMatch(/^opsplan: Row 3, column entered_at: "not yet" is not a date and time/);
    expect(lines[1]).toMatch(/^opsplan: 第 3 行，entered_at 列：“not yet”不是日期时间/);
    expect(lines[2]).toBe('opsplan: Row 3, column entered_at: Same case, step and entered time as row 2.');
    expect(lines[3]).toBe(
      'opsplan: Row 2, column completed_at: Completed at 2026-03-01 08:00, before the step was entered at 2026-03-01 09:00.',
    );
    expect(lines[4]).toContain('missing: started_at, completed_at.');
    expect(lines[5]).toBe('opsplan: The file is empty.');
    expect(lines[6]).toMatch(/^opsplan: Cannot read .*absent\.csv/);
    expect(lines[7]).toContain('"Mars/Olympus" is not a time zone');
  });

  it('reads local times in OPSPLAN_TIMEZONE, across a daylight-saving change', async () => {
    // 01:00 → 04:00 on the night New York springs forward is two hours of waiting, not three.
    const file = write('dst.csv', `${HEADER}\nA,a,2026-03-08 01:00,2026-03-08 04:00,2026-03-08 05:00\n`);
    const newYork = await run([file, '--json'], { OPSPLAN_TIMEZONE: 'America/New_York' });
    const shanghai = await run([file, '--json']);
    expect((JSON.parse(newYork.stdout) as JsonReport).steps[0]?.medianWaitHours).toBe(2);
    expect((JSON.parse(shanghai.stdout) as JsonReport).steps[0]?.medianWaitHours).toBe(3);
  });
});

/** GBK bytes of a text whose only non-ASCII characters are 受 (CA DC) and 理 (C0 ED). */
function encodeGbkSample(text: string): number[] {
  const table: Record<string, [number, number]> = { 受: [0xca, 0xdc], 理: [0xc0, 0xed] };
  const bytes: number[] = [];
  for (const char of text) {
    const pair = table[char];
    if (pair) bytes.push(...pair);
    else bytes.push(char.charCodeAt(0));
  }
  return bytes;
}
