// Importing a 1,000,000-row event log, as #14 asks: rows per second of the import ÷ rows per second of a bare
// prepared single-row INSERT of the same visits in the same run, on SQLite and (with --postgres) PostgreSQL.
//
//   npm run bench:process-import -- [--cases 166667] [--postgres] [--database-url postgres://…]
//
// The import is `importEventLog` called directly with the CSV's bytes: over HTTP an upload stops at 40 MB and
// 100,000 rows (src/server/files.ts, src/server/processes/import.ts), and a million-row log is about 80 MB. It
// runs everything the endpoint runs after the upload: decoding and parsing the CSV, checking every row (order,
// overlaps, duplicates), matching steps and assignees, one transaction of multi-row INSERTs, and folding the
// finished cases into the analytics summaries. The baseline inserts the same visits one prepared statement per
// row into a bare table of the same columns (no indexes), in one transaction: better-sqlite3 `run` on SQLite,
// a named prepared statement through `pg` on PostgreSQL. Nothing here asserts a time.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { importEventLog } from '../src/server/processes/import.ts';
import { parseArgs } from './lib/args.ts';
import { installCleanup } from './lib/children.ts';
import { createRandom } from './lib/random.ts';
import { printTable, type Row } from './lib/report.ts';
import { DEFAULT_DATABASE_URL, ensureDatabaseExists, type Target } from './lib/target.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const caseCount = args.number('cases', 166_667);
const postgresUrl =
  args.string('database-url') ??
  process.env.DATABASE_URL ??
  (args.flag('postgres') ? DEFAULT_DATABASE_URL : undefined);
const STEPS = ['收集反馈', '分析问题', '制定方案', '复核方案', '回复用户', '关闭工单'];
const KEYS = ['collect', 'analyse', 'solve', 'review', 'reply', 'close'];
const HOUR = 3_600_000;
const START = Date.UTC(2026, 4, 1);
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

type Visit = { caseId: string; step: string; entered: number; started: number; completed: number };

// ---------------------------------------------------------------------------------------------------------
// The log: every case goes through the six steps, each visit entered when the one before completed.

const random = createRandom(14);
const visits: Visit[] = [];
for (let index = 0; index < caseCount; index += 1) {
  const caseId = `CS-${index}`;
  let clock = START + Math.floor((index * 170 * 24 * HOUR) / caseCount);
  for (let stepIndex = 0; stepIndex < STEPS.length; stepIndex += 1) {
    const entered = clock;
    const started = entered + random.int(0, 4) * HOUR + random.int(0, 59) * 60_000;
    const completed = started + random.int(1, 3) * HOUR;
    visits.push({ caseId, step: STEPS[stepIndex] ?? '', entered, started, completed });
    clock = completed;
  }
}
const iso = (instant: number) => new Date(instant).toISOString().replace('.000Z', '+00:00');
const lines = ['case_id,step,entered_at,started_at,completed_at,assignee'];
for (const visit of visits) {
  lines.push(
    `${visit.caseId},${visit.step},${iso(visit.entered)},${iso(visit.started)},${iso(visit.completed)},客服${visit.caseId.length % 7}`,
  );
}
const csv = Buffer.from(lines.join('\n'));
lines.length = 0;
console.log(
  `event log: ${visits.length.toLocaleString('en-US')} rows, ${caseCount.toLocaleString('en-US')} cases, ${(csv.length / 1024 / 1024).toFixed(1)} MB`,
);

// ---------------------------------------------------------------------------------------------------------

async function scratch(dialect: 'sqlite' | 'postgres'): Promise<{ target: Target; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dataDir = path.resolve('data', `bench-process-import-${process.pid}`);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    return {
      target: { dialect, dataDir, databaseUrl: undefined },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const url = new URL(postgresUrl ?? DEFAULT_DATABASE_URL);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error(`benchmarks only touch 127.0.0.1: refusing ${url.hostname}`);
  }
  url.pathname = `${url.pathname}_process_import`;
  const target: Target = { dialect, dataDir: path.resolve('data'), databaseUrl: url.toString() };
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const drop = async () => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${url.pathname.slice(1)} WITH (FORCE)`);
    await client.end();
  };
  await drop();
  await ensureDatabaseExists(target);
  return { target, drop };
}

const BARE_COLUMNS = [
  'id',
  'run_id',
  'step_key',
  'assignee_name',
  'entered_at',
  'started_at',
  'completed_at',
];

/** One prepared single-row INSERT per visit into a bare table, in one transaction. */
async function bareInsert(target: Target): Promise<number> {
  const params = (visit: Visit, index: number) => [
    `v${index}`,
    visit.caseId,
    visit.step,
    `客服${visit.caseId.length % 7}`,
    visit.entered,
    visit.started,
    visit.completed,
  ];
  if (!target.databaseUrl) {
    const raw = new SQLite(path.join(target.dataDir, 'opsplan.db'));
    raw.exec(
      'CREATE TABLE bench_bare_visits (id text primary key, run_id text, step_key text, assignee_name text, entered_at integer, started_at integer, completed_at integer)',
    );
    const insert = raw.prepare(
      `INSERT INTO bench_bare_visits (${BARE_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const started = performance.now();
    raw.transaction(() => {
      visits.forEach((visit, index) => insert.run(...params(visit, index)));
    })();
    const ms = performance.now() - started;
    raw.exec('DROP TABLE bench_bare_visits');
    raw.close();
    return ms;
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  await client.query(
    'CREATE TABLE bench_bare_visits (id text primary key, run_id text, step_key text, assignee_name text, entered_at bigint, started_at bigint, completed_at bigint)',
  );
  const text = `INSERT INTO bench_bare_visits (${BARE_COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7)`;
  const started = performance.now();
  await client.query('BEGIN');
  for (let index = 0; index < visits.length; index += 1) {
    await client.query({ name: 'bare_visit', text, values: params(visits[index] as Visit, index) });
  }
  await client.query('COMMIT');
  const ms = performance.now() - started;
  await client.query('DROP TABLE bench_bare_visits');
  await client.end();
  return ms;
}

async function measure(dialect: 'sqlite' | 'postgres') {
  const { target, drop } = await scratch(dialect);
  try {
    const app = await buildApp(
      loadConfig(
        {
          dataDir: target.dataDir,
          databaseUrl: target.databaseUrl,
          webDir: null,
          logLevel: 'warn',
          runScheduler: false,
        },
        {},
      ),
    );
    try {
      const inject = async <T>(method: 'POST', url: string, payload: unknown, cookie?: string) => {
        const response = await app.inject({
          method,
          url: `/api/v1${url}`,
          payload: payload as Record<string, unknown>,
          headers: cookie ? { cookie, 'x-csrf-token': /opsplan_csrf=([^;]+)/.exec(cookie)?.[1] ?? '' } : {},
        });
        if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
        return { body: response.json() as T, cookies: response.cookies };
      };
      const email = `bench-import-${process.pid}@example.com`;
      const signedUp = await inject<{ user: { id: string } }>('POST', '/auth/signup', {
        email,
        name: '导入压测',
        password: 'bench import password',
        locale: 'zh-CN',
      });
      const login = await inject('POST', '/auth/login', { email, password: 'bench import password' });
      const cookie = login.cookies.map((entry) => `${entry.name}=${entry.value}`).join('; ');
      const { workspace } = (
        await inject<{ workspace: { id: string } }>('POST', '/workspaces', { name: 'bench' }, cookie)
      ).body;
      const owner = { type: 'person' as const, userId: signedUp.body.user.id };
      const steps = [
        ...KEYS.map((key, index) => ({
          key,
          name: STEPS[index] ?? key,
          kind: index === 0 ? 'start' : 'task',
          owner,
          slaHours: 8,
          checklist: [],
          fields: [],
          outcomes: [{ key: 'done', label: '完成', next: KEYS[index + 1] ?? 'end' }],
        })),
        {
          key: 'end',
          name: '结束',
          kind: 'end',
          owner: null,
          slaHours: null,
          checklist: [],
          fields: [],
          outcomes: [],
        },
      ];
      const created = await inject<{ id: string }>(
        'POST',
        `/w/${workspace.id}/processes`,
        { name: '客服工单', steps },
        cookie,
      );
      const actor = {
        userId: signedUp.body.user.id,
        name: '导入压测',
        email,
        locale: 'zh-CN' as const,
        sessionId: null,
        csrfToken: null,
        tokenWorkspaceId: null,
      };
      console.log(
        `${dialect}: importing ${visits.length.toLocaleString('en-US')} rows through importEventLog`,
      );
      const started = performance.now();
      const report = await importEventLog(
        { services: app.services, actor, workspaceId: workspace.id, locale: 'en' },
        { processId: created.body.id, buffer: csv, options: { dryRun: false, maxRows: visits.length } },
      );
      const importMs = performance.now() - started;
      if (!report.imported || report.cases.total !== caseCount || report.rows !== visits.length) {
        throw new Error(`unexpected import: ${JSON.stringify(report).slice(0, 500)}`);
      }
      const stored = await sql<{ count: number }>`select count(*) as count from process_run_steps`.execute(
        app.services.db,
      );
      if (Number(stored.rows[0]?.count) !== visits.length) throw new Error('not every visit was stored');
      console.log(`  import: ${round(importMs / 1000, 1)} s`);
      const bareMs = await bareInsert(target);
      console.log(`  bare prepared insert: ${round(bareMs / 1000, 1)} s`);
      const importRate = visits.length / (importMs / 1000);
      const bareRate = visits.length / (bareMs / 1000);
      return {
        rows: visits.length,
        cases: caseCount,
        megabytes: round(csv.length / 1024 / 1024, 1),
        importSeconds: round(importMs / 1000, 1),
        importRowsPerSecond: Math.round(importRate),
        bareInsertSeconds: round(bareMs / 1000, 1),
        bareRowsPerSecond: Math.round(bareRate),
        ratio: round(importRate / bareRate, 3),
      };
    } finally {
      await app.close();
    }
  } finally {
    await drop();
  }
}

const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
results.sqlite = await measure('sqlite');
if (postgresUrl) results.postgres = await measure('postgres');

const rows: Row[] = Object.entries(results).map(([dialect, result]) => [
  `import ${result.rows.toLocaleString('en-US')} rows (${dialect})`,
  result.importSeconds * 1000,
  null,
  `${result.importRowsPerSecond.toLocaleString('en-US')} rows/s = × ${result.ratio} of a bare prepared insert (${result.bareRowsPerSecond.toLocaleString('en-US')} rows/s)`,
]);
printTable('Event-log import', ['benchmark', 'ms', '', 'ratio'], rows);
const file = path.resolve('bench', 'results', `${new Date().toISOString().slice(0, 10)}-process-import.json`);
writeFileSync(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), results }, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
