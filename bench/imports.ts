// /healthz latency while the largest allowed imports run, as the hardening issue asks: the real server
// (`node bin/opsplan.js serve`, its own process, SQLite in a scratch folder) takes a CSV dry run, the same CSV
// committed, and an XLSX dry run, each at the import's row limit, while this process asks /healthz over HTTP
// every few milliseconds. Reported as numbers (p50/p99/max, import time, server peak RSS); nothing asserts.
//
//   npm run bench:imports -- [--rows 200000] [--xlsx-rows 200000] [--kpis 100] [--interval 10]
import { addDays } from '../src/core/days/index.ts';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { XLSX_TYPE } from '../src/server/files.ts';
import { MEASUREMENT_IMPORT_MAX_ROWS } from '../src/server/kpis/files.ts';
import { parseArgs } from './lib/args.ts';
import { percentile } from './lib/burst.ts';
import { installCleanup, sampleRss, sleep } from './lib/children.ts';
import { printTable } from './lib/report.ts';
import { probeHealthzWhile, signIn, startServer, type Session } from './lib/server.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const rows = args.number('rows', MEASUREMENT_IMPORT_MAX_ROWS);
const xlsxRows = args.number('xlsx-rows', MEASUREMENT_IMPORT_MAX_ROWS);
const kpiCount = args.number('kpis', 100);
const intervalMs = args.number('interval', 10);
const PASSWORD = 'bench-imports-password';

type Probe = { samples: number; p50Ms: number; p99Ms: number; maxMs: number };
type Scenario = {
  name: string;
  rows: number;
  bytes: number;
  status: number;
  importSeconds: number;
  healthz: Probe;
  serverPeakRssMb: number | null;
};

const log = (message: string) => console.log(`[bench:imports] ${message}`);

function probe(latencies: number[]): Probe {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
  };
}

async function api<T>(baseUrl: string, session: Session | null, route: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${route}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

function measurementRows(keys: readonly string[], count: number): string[][] {
  const days = Math.ceil(count / keys.length);
  const table: string[][] = [];
  for (const key of keys)
    for (let day = 0; day < days && table.length < count; day += 1)
      table.push([key, addDays('2026-11-01', day - days + 1), String(100 + ((day * 37) % 500) / 10)]);
  return table;
}

async function main() {
  const dataDir = path.resolve('data', `bench-imports-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const server = await startServer({ dialect: 'sqlite', dataDir, databaseUrl: undefined });
  try {
    const email = `bench-imports-${process.pid}@example.com`;
    await api(server.baseUrl, null, '/auth/signup', {
      email,
      name: '导入压测',
      password: PASSWORD,
      locale: 'zh-CN',
    });
    const session = await signIn(server.baseUrl, email, PASSWORD);
    const { workspace } = await api<{ workspace: { id: string } }>(server.baseUrl, session, '/workspaces', {
      name: 'OpsPlan bench · imports',
    });
    const keys = Array.from({ length: kpiCount }, (_, index) => `imp_${String(index).padStart(3, '0')}`);
    for (const key of keys)
      await api(server.baseUrl, session, `/w/${workspace.id}/kpis`, { key, name: `导入指标 ${key}` });

    log(
      `building a ${rows.toLocaleString('en-US')}-row CSV and a ${xlsxRows.toLocaleString('en-US')}-row XLSX`,
    );
    const csv = Buffer.from(
      `kpi,period,value\n${measurementRows(keys, rows)
        .map((row) => row.join(','))
        .join('\n')}\n`,
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('measurements');
    sheet.addRow(['kpi', 'period', 'value']);
    for (const [key, period, value] of measurementRows(keys, xlsxRows))
      sheet.addRow([key, new Date(`${period}T00:00:00Z`), Number(value)]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    const idle = probe(await probeHealthzWhile(server.baseUrl, sleep(2_000), intervalMs));
    log(`/healthz idle: p50 ${idle.p50Ms.toFixed(1)} ms, p99 ${idle.p99Ms.toFixed(1)} ms`);

    const scenarios: Scenario[] = [];
    const run = async (name: string, file: Buffer, type: string, query: string, count: number) => {
      log(`${name}: ${(file.length / 1024 / 1024).toFixed(1)} MB`);
      const peak = sampleRss(server.pid);
      const started = performance.now();
      const imported = fetch(`${server.baseUrl}/api/v1/w/${workspace.id}/measurements/import?${query}`, {
        method: 'POST',
        headers: { 'content-type': type, cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: new Uint8Array(file),
      }).then(async (response) => {
        await response.arrayBuffer();
        return { status: response.status, seconds: (performance.now() - started) / 1000 };
      });
      const latencies = await probeHealthzWhile(server.baseUrl, imported, intervalMs);
      const { status, seconds } = await imported;
      scenarios.push({
        name,
        rows: count,
        bytes: file.length,
        status,
        importSeconds: seconds,
        healthz: probe(latencies),
        serverPeakRssMb: peak(),
      });
    };
    await run('CSV dry run', csv, 'text/csv', 'dryRun=true', rows);
    await run('CSV commit', csv, 'text/csv', 'dryRun=false', rows);
    await run('XLSX dry run', xlsx, XLSX_TYPE, 'dryRun=true', xlsxRows);

    printTable(
      '/healthz during the largest allowed imports (SQLite, real server)',
      [
        'import',
        'rows',
        'MB',
        'status',
        'import s',
        'healthz n',
        'p50 ms',
        'p99 ms',
        'max ms',
        'peak RSS MB',
      ],
      [
        [
          '(idle)',
          null,
          null,
          null,
          null,
          idle.samples,
          ...[idle.p50Ms, idle.p99Ms, idle.maxMs].map((ms) => Number(ms.toFixed(1))),
          null,
        ],
        ...scenarios.map((scenario) => [
          scenario.name,
          scenario.rows,
          Number((scenario.bytes / 1024 / 1024).toFixed(1)),
          scenario.status,
          Number(scenario.importSeconds.toFixed(1)),
          scenario.healthz.samples,
          Number(scenario.healthz.p50Ms.toFixed(1)),
          Number(scenario.healthz.p99Ms.toFixed(1)),
          Number(scenario.healthz.maxMs.toFixed(1)),
          scenario.serverPeakRssMb === null ? null : Math.round(scenario.serverPeakRssMb),
        ]),
      ],
    );
    const resultsDir = path.resolve('bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${new Date().toISOString().slice(0, 10)}-imports.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ when: new Date().toISOString(), load: os.loadavg(), intervalMs, idle, scenarios }, null, 2)}\n`,
    );
    log(`results in ${path.relative(process.cwd(), file)}`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
