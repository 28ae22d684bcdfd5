// Process benchmarks, as the issue asks: analytics over 1,000,000 step visits (166,667 finished cases of a
// 6-step process), and 200 concurrent step completions against one server. Every figure is a ratio against a
// baseline measured in the same invocation; nothing here asserts a time.
//
//   1. core     analyseProcessRuns over in-memory arrays ÷ a bare group-by-step and sort of the same visits;
//   2. endpoint GET …/processes/:id/analytics over real HTTP (in-process server, listening on a port) with the
//               same cases stored in the database, answered from the stored summaries, ÷ the full scan it
//               replaced: every case and visit read by the same SQL through the bare driver (prepared once)
//               and analysed by analyseProcessRuns + analysePaths. Once over all time, once over the last 30
//               days; the answer's figures must equal the full scan's. The fold of the cases (written by SQL,
//               as an upgrade leaves them) is timed on its own, as the minute job runs it, then the first request.
//   3. writes   200 complete-step requests fired at once at a server process ÷ 200 GETs of the same cases,
//               then the database is counted: nothing lost, nothing duplicated; and 100 cases × 2 requests:
//               exactly one of each pair goes through.
//
//   npm run bench:processes -- [--runs 166667] [--repeats 7] [--http-repeats 15] [--scan-repeats 5]
//                              [--requests 200] [--rounds 3]
//                              [--postgres] [--database-url postgres://postgres@127.0.0.1:5432/opsplan_bench]
//
// SQLite runs in a scratch folder under data/, PostgreSQL (with --postgres, --database-url or DATABASE_URL) in
// a scratch database `<name>_processes`; both are removed afterwards.
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import {
  analyseProcessRuns,
  type ProcessRunRecord,
  type StepEventRecord,
} from '../src/core/processes/analytics.ts';
import { analysePaths } from '../src/core/processes/variants.ts';
import type { ProcessStep } from '../src/core/processes/graph.ts';
import { openDatabase } from '../src/db/index.ts';
import type { Database, Db } from '../src/db/types.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { selectRunsForAnalytics } from '../src/server/processes/queries.ts';
import { foldAllProcesses } from '../src/server/processes/summaries.ts';
import type { CapturedQuery } from './baselines/direct-sql.ts';
import { insertRows } from './data/insert.ts';
import { parseArgs } from './lib/args.ts';
import { fireBurst, percentile, type BurstRequest, type BurstResult } from './lib/burst.ts';
import { installCleanup } from './lib/children.ts';
import { createRandom } from './lib/random.ts';
import { printTable, type Row } from './lib/report.ts';
import { signIn, startServer, type Session } from './lib/server.ts';
import { DEFAULT_DATABASE_URL, ensureDatabaseExists, type Target } from './lib/target.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const runCount = args.number('runs', 166_667);
const scanRepeats = args.number('scan-repeats', 5);
const repeats = args.number('repeats', 7);
const httpRepeats = args.number('http-repeats', 15);
const requestCount = args.number('requests', 200);
const rounds = args.number('rounds', 3);
const postgresUrl =
  args.string('database-url') ??
  process.env.DATABASE_URL ??
  (args.flag('postgres') ? DEFAULT_DATABASE_URL : undefined);
const random = createRandom(5_5_5);
const HOUR = 3_600_000;
const STEPS = ['collect', 'analyse', 'solve', 'review', 'reply', 'close'];
const STEP_NAMES = ['收集反馈', '分析问题', '制定方案', '复核方案', '回复用户', '关闭工单'];
const NOW = Date.UTC(2026, 10, 27);
const UTC_OFFSET_MINUTES = 480;
const PASSWORD = 'bench processes password';

type Timing = { medianMs: number; p99Ms: number };

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function timing(samples: number[]): Timing {
  return { medianMs: round(percentile(samples, 0.5)), p99Ms: round(percentile(samples, 0.99)) };
}

const median = (values: readonly number[]) => percentile(values, 0.5);

// ---------------------------------------------------------------------------------------------------------
// The cases: each goes through the six steps once; analysis waits longest, so it is the bottleneck.

const runs: ProcessRunRecord[] = [];
const events: StepEventRecord[] = [];
for (let index = 0; index < runCount; index += 1) {
  let clock = NOW - 180 * 24 * HOUR + Math.floor((index * 170 * 24 * HOUR) / runCount);
  const startedAt = clock;
  const id = `r${index}`;
  for (const step of STEPS) {
    const enteredAt = clock;
    const started =
      enteredAt + Math.round((step === 'analyse' ? random.int(8, 40) : random.int(0, 4)) * HOUR);
    const completed = started + Math.round(random.int(1, 3) * HOUR);
    events.push({
      runId: id,
      stepKey: step,
      enteredAt,
      startedAt: started,
      completedAt: completed,
      dueAt: enteredAt + 8 * HOUR,
    });
    clock = completed;
  }
  runs.push({ id, versionId: 'v1', startedAt, finishedAt: clock, status: 'completed' });
}

// ---------------------------------------------------------------------------------------------------------
// 1. The core function alone.

console.log(`core: analytics over ${runCount.toLocaleString('en-US')} cases × ${STEPS.length} steps`);
const coreSamples: number[] = [];
const groupSamples: number[] = [];
let checksum = 0;
for (let repeat = 0; repeat < repeats; repeat += 1) {
  let started = performance.now();
  const result = analyseProcessRuns(runs, events, { now: NOW, utcOffsetMinutes: 480, stepOrder: STEPS });
  coreSamples.push(performance.now() - started);
  if (result.bottleneck?.stepKey !== 'analyse') throw new Error('the generated bottleneck was not found');
  started = performance.now();
  const byStep = new Map<string, number[]>();
  for (const event of events) {
    const list = byStep.get(event.stepKey) ?? [];
    list.push((event.completedAt ?? 0) - event.enteredAt);
    byStep.set(event.stepKey, list);
  }
  for (const list of byStep.values()) checksum += list.sort((a, b) => a - b)[list.length >> 1] ?? 0;
  groupSamples.push(performance.now() - started);
}
if (checksum < 0) console.error(checksum);
const coreTiming = timing(coreSamples);
const groupTiming = timing(groupSamples);
const core = {
  runs: runCount,
  steps: STEPS.length,
  analytics: coreTiming,
  floor: groupTiming,
  ratio: round(coreTiming.medianMs / groupTiming.medianMs),
};

// ---------------------------------------------------------------------------------------------------------
// 2 and 3, once per database.

type Scratch = { target: Target; drop(): Promise<void> };

async function scratchTarget(dialect: 'sqlite' | 'postgres'): Promise<Scratch> {
  if (dialect === 'sqlite') {
    const dataDir = path.resolve('data', `bench-processes-${process.pid}`);
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
  url.pathname = `${url.pathname}_processes`;
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

async function postJson<T>(baseUrl: string, session: Session | null, route: string, body: unknown) {
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

function processSteps(ownerId: string): ProcessStep[] {
  const owner = { type: 'person' as const, userId: ownerId };
  return [
    ...STEPS.map((key, index) => ({
      key,
      name: STEP_NAMES[index] ?? key,
      kind: index === 0 ? ('start' as const) : ('task' as const),
      owner,
      slaHours: 8,
      // The first step has a checklist and a required field, so completing it checks something.
      checklist: index === 0 ? ['记录用户联系方式'] : [],
      fields:
        index === 0 ? [{ key: 'summary', label: '问题摘要', type: 'text' as const, required: true }] : [],
      outcomes: [{ key: 'done', label: '完成', next: STEPS[index + 1] ?? 'end' }],
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
}

const COMPLETE_FIRST_STEP = {
  stepKey: STEPS[0],
  outcomeKey: 'done',
  checkedItems: ['记录用户联系方式'],
  values: { summary: '签到页打不开' },
};

type Seeded = {
  workspaceId: string;
  processId: string;
  versionId: string;
  ownerId: string;
  email: string;
  seedSeconds: number;
};

/** A user, a workspace and the 6-step process through the API; the finished cases by bulk INSERTs. */
async function seed(baseUrl: string, db: Db): Promise<Seeded> {
  const started = performance.now();
  const email = `bench-processes-${process.pid}@example.com`;
  const signedUp = await postJson<{ user: { id: string } }>(baseUrl, null, '/auth/signup', {
    email,
    name: '流程压测',
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const session = await signIn(baseUrl, email, PASSWORD);
  const { workspace } = await postJson<{ workspace: { id: string } }>(baseUrl, session, '/workspaces', {
    name: 'OpsPlan bench · processes',
  });
  const created = await postJson<{ id: string; version: { id: string } }>(
    baseUrl,
    session,
    `/w/${workspace.id}/processes`,
    { name: '用户反馈处理（压测）', steps: processSteps(signedUp.user.id) },
  );
  const ids = {
    workspaceId: workspace.id,
    processId: created.id,
    versionId: created.version.id,
    ownerId: signedUp.user.id,
  };
  await insertRows(
    db,
    'process_runs',
    12,
    (function* () {
      for (const run of runs) {
        yield {
          id: run.id,
          workspace_id: ids.workspaceId,
          process_id: ids.processId,
          version_id: ids.versionId,
          subject: `反馈 ${run.id}`,
          status: 'completed',
          current_step_key: null,
          hold_reason: null,
          started_by: ids.ownerId,
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          updated_at: run.finishedAt ?? run.startedAt,
        };
      }
    })(),
    runs.length,
  );
  await insertRows(
    db,
    'process_run_steps',
    14,
    (function* () {
      for (const event of events) {
        yield {
          id: `${event.runId}-${event.stepKey}`,
          workspace_id: ids.workspaceId,
          run_id: event.runId,
          step_key: event.stepKey,
          assignee_id: ids.ownerId,
          entered_at: event.enteredAt,
          started_at: event.startedAt,
          completed_at: event.completedAt,
          due_at: event.dueAt,
          breached_at:
            event.dueAt !== null && event.completedAt !== null && event.completedAt > event.dueAt
              ? event.dueAt
              : null,
          outcome_key: 'done',
          checked_items: '[]',
          field_values: '{}',
        };
      }
    })(),
    events.length,
  );
  // Fresh planner statistics, as autovacuum (PostgreSQL) or `opsplan` maintenance would leave them.
  await sql`ANALYZE`.execute(db);
  return { ...ids, email, seedSeconds: round((performance.now() - started) / 1000, 1) };
}

/** The SQL `selectRunsForAnalytics` runs, taken from the function itself through a logging Kysely. */
async function captureAnalyticsSql(
  target: Target,
  processId: string,
  window: { startedFrom?: number; startedBefore?: number } = {},
): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const log = (event: LogEvent) => {
    captured.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
  };
  const db = target.databaseUrl
    ? new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.databaseUrl, max: 1 }) }),
        log,
      })
    : new Kysely<Database>({
        dialect: new SqliteDialect({ database: new SQLite(path.join(target.dataDir, 'opsplan.db')) }),
        log,
      });
  try {
    await selectRunsForAnalytics(db, processId, undefined, window);
  } finally {
    await db.destroy();
  }
  if (captured.length !== 2) throw new Error(`expected two analytics queries, saw ${captured.length}`);
  return captured;
}

type AnalyticsRows = {
  runs: Array<{
    id: string;
    version_id: string;
    started_at: number;
    finished_at: number | null;
    status: string;
  }>;
  steps: Array<{
    run_id: string;
    step_key: string;
    entered_at: number;
    started_at: number | null;
    completed_at: number | null;
    due_at: number | null;
  }>;
};

const INT8_OID = 20;

/** The full scan: the two SELECTs through the bare driver (prepared once), the rows mapped, the core calls. */
function analyticsFloor(target: Target, queries: CapturedQuery[]) {
  const [runsQuery, stepsQuery] = queries;
  if (!runsQuery || !stepsQuery) throw new Error('analytics SQL missing');
  let read: () => Promise<AnalyticsRows>;
  let close: () => Promise<void>;
  if (target.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: target.databaseUrl,
      max: 1,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID && format !== 'binary'
            ? (value: string) => Number(value)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    read = async () => ({
      runs: (await pool.query({ text: runsQuery.sql, values: [...runsQuery.parameters] }))
        .rows as AnalyticsRows['runs'],
      steps: (await pool.query({ text: stepsQuery.sql, values: [...stepsQuery.parameters] }))
        .rows as AnalyticsRows['steps'],
    });
    close = () => pool.end();
  } else {
    const raw = new SQLite(path.join(target.dataDir, 'opsplan.db'), { readonly: true });
    const runsStatement = raw.prepare(runsQuery.sql);
    const stepsStatement = raw.prepare(stepsQuery.sql);
    read = async () => ({
      runs: runsStatement.all(...runsQuery.parameters) as AnalyticsRows['runs'],
      steps: stepsStatement.all(...stepsQuery.parameters) as AnalyticsRows['steps'],
    });
    close = async () => {
      raw.close();
    };
  }
  const analyse = async (now: number) => {
    const started = performance.now();
    const rows = await read();
    const sqlMs = performance.now() - started;
    const runRecords = rows.runs.map((run) => ({
      id: run.id,
      versionId: run.version_id,
      startedAt: run.started_at,
      finishedAt: run.finished_at,
      status: run.status as 'active' | 'completed' | 'cancelled',
    }));
    const eventRecords = rows.steps.map((step) => ({
      runId: step.run_id,
      stepKey: step.step_key,
      enteredAt: step.entered_at,
      startedAt: step.started_at,
      completedAt: step.completed_at,
      dueAt: step.due_at,
    }));
    const result = analyseProcessRuns(runRecords, eventRecords, {
      now,
      utcOffsetMinutes: UTC_OFFSET_MINUTES,
      stepOrder: STEPS,
      stepNames: Object.fromEntries(STEPS.map((key, index) => [key, STEP_NAMES[index] ?? key])),
    });
    const paths = analysePaths(runRecords, eventRecords, { variantLimit: 20 });
    return { result, paths, sqlMs };
  };
  return { analyse, close };
}

async function measureAnalytics(target: Target) {
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
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the app is not listening on TCP');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    console.log(`  seeding ${runCount.toLocaleString('en-US')} finished cases × ${STEPS.length} steps`);
    const seeded = await seed(baseUrl, app.services.db);
    // Seeding takes a minute: the kept-alive socket of the sign-up may be closed under the first request.
    const session = await signIn(baseUrl, seeded.email, PASSWORD).catch(() =>
      signIn(baseUrl, seeded.email, PASSWORD),
    );
    const url = `${baseUrl}/api/v1/w/${seeded.workspaceId}/processes/${seeded.processId}/analytics`;
    const get = async (query: string) => {
      const started = performance.now();
      const response = await fetch(`${url}${query}`, {
        headers: { cookie: session.cookie, 'accept-language': 'zh-CN' },
      });
      const body = await response.text();
      const ms = performance.now() - started;
      if (!response.ok) throw new Error(`analytics answered ${response.status}: ${body.slice(0, 500)}`);
      return { ms, body };
    };
    // The cases went in by SQL, as an upgrade from before the summaries leaves them: the minute job
    // (processes.fold) folds the backlog, then the first request has nothing left to fold.
    const foldStarted = performance.now();
    const folded = await foldAllProcesses(app.services.db, app.services.dialect, app.services.now);
    const foldMs = performance.now() - foldStarted;
    if (folded !== runCount) throw new Error(`the fold job folded ${folded} cases, not ${runCount}`);
    console.log(`  fold job (${runCount.toLocaleString('en-US')} cases, once): ${round(foldMs)} ms`);
    const first = await get('');
    console.log(`  first GET …/analytics after the fold: ${round(first.ms)} ms`);

    // Last 30 days of the cases, as China days: the window cuts a UTC day at each end.
    const chinaDay = (instant: number) => new Date(instant + 8 * HOUR).toISOString().slice(0, 10);
    const from = chinaDay(NOW - 40 * 24 * HOUR);
    const to = chinaDay(NOW - 11 * 24 * HOUR);
    const startedFrom = Date.parse(`${from}T00:00:00+08:00`);
    const startedBefore = Date.parse(`${to}T00:00:00+08:00`) + 24 * HOUR;
    const windowRuns = runs.filter(
      (run) => run.startedAt >= startedFrom && run.startedAt < startedBefore,
    ).length;

    const measure = async (
      label: string,
      query: string,
      window: { startedFrom?: number; startedBefore?: number },
      expectedRuns: number,
    ) => {
      const scan = analyticsFloor(target, await captureAnalyticsSql(target, seeded.processId, window));
      const endpointSamples: number[] = [];
      const scanSamples: number[] = [];
      const scanSqlSamples: number[] = [];
      let payloadBytes = 0;
      const warmUps = 2;
      console.log(
        `  ${label}: GET …/analytics${query} × ${httpRepeats} (+${warmUps} warm-ups), full scan × ${scanRepeats}`,
      );
      for (let repeat = 0; repeat < httpRepeats + warmUps; repeat += 1) {
        const { ms, body } = await get(query);
        payloadBytes = Buffer.byteLength(body);
        const answer = JSON.parse(body) as Record<string, unknown> & {
          runs: { total: number };
          bottleneck: { stepKey: string } | null;
        };
        if (answer.runs.total !== expectedRuns || answer.bottleneck?.stepKey !== 'analyse') {
          throw new Error(`unexpected analytics: ${body.slice(0, 500)}`);
        }
        if (repeat >= warmUps) endpointSamples.push(ms);
        if (repeat >= warmUps + scanRepeats) continue;
        const started = performance.now();
        const direct = await scan.analyse(app.services.now());
        const scanMs = performance.now() - started;
        if (repeat >= warmUps) {
          scanSamples.push(scanMs);
          scanSqlSamples.push(direct.sqlMs);
        }
        // The summaries' answer must be the full scan's, figure for figure.
        const expected = JSON.parse(JSON.stringify({ ...direct.result, ...direct.paths })) as Record<
          string,
          unknown
        >;
        const served = Object.fromEntries(Object.keys(expected).map((key) => [key, answer[key]]));
        if (!isDeepStrictEqual(served, expected)) {
          throw new Error(`${label}: the summaries' figures differ from the full scan's`);
        }
      }
      await scan.close();
      const endpoint = timing(endpointSamples);
      const fullScan = timing(scanSamples);
      return {
        runs: expectedRuns,
        endpoint,
        fullScan,
        /** The full scan's two SELECTs alone (the rest of it is the core calls). */
        fullScanSql: timing(scanSqlSamples),
        ratio: round(endpoint.medianMs / fullScan.medianMs, 3),
        payloadBytes,
        identical: true,
      };
    };
    const allTime = await measure('all time', '', {}, runCount);
    const lastMonth = await measure(
      `${from}..${to}`,
      `?from=${from}&to=${to}`,
      { startedFrom, startedBefore },
      windowRuns,
    );
    return {
      seeded,
      analytics: {
        via: 'real HTTP (fetch) to the app listening in this process; full scan through the bare driver',
        runs: runCount,
        stepVisits: events.length,
        repeats: httpRepeats,
        scanRepeats,
        seedSeconds: seeded.seedSeconds,
        foldJobMs: round(foldMs),
        firstRequestMs: round(first.ms),
        allTime,
        window: { from, to, ...lastMonth },
      },
    };
  } finally {
    await app.close();
  }
}

/** Counts, in the database, what the completions left: one step_completed and one visit of each step. */
async function verifyCompletions(db: Db, runIds: readonly string[]) {
  const completions = await db
    .selectFrom('process_run_events')
    .select(['run_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('run_id', 'in', runIds)
    .where('type', '=', 'step_completed')
    .groupBy('run_id')
    .execute();
  const visits = await db
    .selectFrom('process_run_steps')
    .select(['run_id', 'step_key', (eb) => eb.fn.countAll<number>().as('count')])
    .where('run_id', 'in', runIds)
    .groupBy(['run_id', 'step_key'])
    .execute();
  const cases = await db
    .selectFrom('process_runs')
    .select(['id', 'current_step_key'])
    .where('id', 'in', runIds)
    .execute();
  const completedCount = new Map(completions.map((row) => [row.run_id, Number(row.count)]));
  const visitCount = new Map(visits.map((row) => [`${row.run_id}:${row.step_key}`, Number(row.count)]));
  const currentStep = new Map(cases.map((row) => [row.id, row.current_step_key]));
  let lost = 0;
  let duplicated = 0;
  let onSecondStepOnce = 0;
  for (const runId of runIds) {
    const completed = completedCount.get(runId) ?? 0;
    const first = visitCount.get(`${runId}:${STEPS[0]}`) ?? 0;
    const second = visitCount.get(`${runId}:${STEPS[1]}`) ?? 0;
    if (completed === 0 || second === 0) lost += 1;
    duplicated += Math.max(0, completed - 1) + Math.max(0, first - 1) + Math.max(0, second - 1);
    if (second === 1 && currentStep.get(runId) === STEPS[1]) onSecondStepOnce += 1;
  }
  return {
    stepCompletedEvents: [...completedCount.values()].reduce((sum, count) => sum + count, 0),
    onSecondStepOnce,
    lost,
    duplicated,
  };
}

async function startCases(
  baseUrl: string,
  session: Session,
  workspaceId: string,
  processId: string,
  count: number,
) {
  const ids: string[] = [];
  // Ten at a time: starting cases is set-up, not what is measured.
  for (let offset = 0; offset < count; offset += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - offset) }, (_, index) =>
        postJson<{ id: string }>(baseUrl, session, `/w/${workspaceId}/processes/${processId}/runs`, {
          subject: `并发反馈 ${offset + index + 1}`,
        }),
      ),
    );
    ids.push(...batch.map((run) => run.id));
  }
  return ids;
}

type Round = {
  read: BurstResult;
  completion: BurstResult;
  completionToReadRatio: number;
  verified: Awaited<ReturnType<typeof verifyCompletions>>;
};

async function measureConcurrency(target: Target, seeded: Seeded) {
  const server = await startServer(target);
  const check = openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, poolSize: 2 });
  try {
    const session = await signIn(server.baseUrl, seeded.email, PASSWORD);
    const { workspaceId, processId } = seeded;
    const getRun = (runId: string): BurstRequest => ({
      path: `/api/v1/w/${workspaceId}/runs/${runId}`,
      method: 'GET',
    });
    const complete = (runId: string): BurstRequest => ({
      path: `/api/v1/w/${workspaceId}/runs/${runId}/complete-step`,
      method: 'POST',
      body: COMPLETE_FIRST_STEP,
    });
    const results: Round[] = [];
    for (let index = 0; index < rounds; index += 1) {
      const runIds = await startCases(server.baseUrl, session, workspaceId, processId, requestCount);
      // The first burst opens the sockets; the second is the baseline.
      await fireBurst(server.baseUrl, session, runIds.map(getRun));
      const read = await fireBurst(server.baseUrl, session, runIds.map(getRun));
      const completion = await fireBurst(server.baseUrl, session, runIds.map(complete));
      const verified = await verifyCompletions(check.db, runIds);
      results.push({
        read,
        completion,
        completionToReadRatio: round(completion.wallMs / read.wallMs),
        verified,
      });
      console.log(
        `  round ${index + 1}: ${requestCount} completions in ${completion.wallMs} ms (reads ${read.wallMs} ms), ` +
          `non-2xx ${completion.non2xx}, lost ${verified.lost}, duplicated ${verified.duplicated}`,
      );
    }

    // Every case asked twice at once: one completion each must go through, the other must be refused.
    const pairCount = Math.floor(requestCount / 2);
    const pairIds = await startCases(server.baseUrl, session, workspaceId, processId, pairCount);
    await fireBurst(server.baseUrl, session, [...pairIds, ...pairIds].map(getRun));
    const pairs = await fireBurst(
      server.baseUrl,
      session,
      pairIds.flatMap((runId) => [complete(runId), complete(runId)]),
    );
    const pairsVerified = await verifyCompletions(check.db, pairIds);
    console.log(
      `  pairs: ${pairCount} cases × 2 → ${pairs.statuses['200'] ?? 0} × 200, ${pairs.statuses['409'] ?? 0} × 409, ` +
        `lost ${pairsVerified.lost}, duplicated ${pairsVerified.duplicated}`,
    );

    const middle = [...results].sort((a, b) => a.completionToReadRatio - b.completionToReadRatio)[
      results.length >> 1
    ];
    if (!middle) throw new Error('no rounds ran');
    return {
      via: 'real HTTP (fetch, one socket per request) to `node bin/opsplan.js serve` in its own process',
      requests: requestCount,
      rounds: results.length,
      read: middle.read,
      completion: middle.completion,
      completionToReadRatio: round(median(results.map((result) => result.completionToReadRatio))),
      totals: {
        completionsAsked: requestCount * results.length,
        non2xx: results.reduce((sum, result) => sum + result.completion.non2xx, 0),
        stepCompletedEvents: results.reduce((sum, result) => sum + result.verified.stepCompletedEvents, 0),
        onSecondStepOnce: results.reduce((sum, result) => sum + result.verified.onSecondStepOnce, 0),
        lost: results.reduce((sum, result) => sum + result.verified.lost, 0),
        duplicated: results.reduce((sum, result) => sum + result.verified.duplicated, 0),
      },
      everyRound: results.map((result) => ({
        readWallMs: result.read.wallMs,
        completionWallMs: result.completion.wallMs,
        completionP50Ms: result.completion.p50Ms,
        completionP99Ms: result.completion.p99Ms,
        completionToReadRatio: result.completionToReadRatio,
      })),
      pairs: {
        cases: pairCount,
        requests: pairs.requests,
        wallMs: pairs.wallMs,
        statuses: pairs.statuses,
        errorCodes: pairs.errorCodes,
        verified: pairsVerified,
      },
    };
  } finally {
    await check.destroy();
    await server.stop();
  }
}

async function benchDatabase(dialect: 'sqlite' | 'postgres') {
  console.log(`\n${dialect}:`);
  const scratch = await scratchTarget(dialect);
  try {
    const { seeded, analytics } = await measureAnalytics(scratch.target);
    console.log(`  ${requestCount} concurrent step completions against one server process`);
    const concurrency = await measureConcurrency(scratch.target, seeded);
    return { analytics, concurrency };
  } finally {
    await scratch.drop();
  }
}

const databases: Record<string, Awaited<ReturnType<typeof benchDatabase>>> = {};
databases.sqlite = await benchDatabase('sqlite');
if (postgresUrl) databases.postgres = await benchDatabase('postgres');

// ---------------------------------------------------------------------------------------------------------
// Report.

const cases = runCount.toLocaleString('en-US');
const rows: Row[] = [
  [
    `core analytics, ${cases} cases × 6 steps (arrays)`,
    coreTiming.medianMs,
    coreTiming.p99Ms,
    `× ${core.ratio} of grouping and sorting alone (${groupTiming.medianMs} ms)`,
  ],
];
for (const [dialect, result] of Object.entries(databases)) {
  const { analytics } = result;
  rows.push([
    `fold job over ${cases} cases written by SQL (${dialect})`,
    analytics.foldJobMs,
    null,
    'once, in the minute job, not on a request',
  ]);
  rows.push([
    `first GET analytics after the fold (${dialect})`,
    analytics.firstRequestMs,
    null,
    'reads and decodes every stored part',
  ]);
  for (const [label, figures] of [
    ['all time', analytics.allTime],
    [
      `${analytics.window.from}..${analytics.window.to}, ${analytics.window.runs.toLocaleString('en-US')} cases`,
      analytics.window,
    ],
  ] as const) {
    rows.push([
      `GET analytics ${label}, ${(analytics.stepVisits / 1e6).toFixed(2)}M visits stored (${dialect}, ${(figures.payloadBytes / 1024).toFixed(1)} KB)`,
      figures.endpoint.medianMs,
      figures.endpoint.p99Ms,
      `× ${figures.ratio} of the full scan (${figures.fullScan.medianMs} ms, SQL ${figures.fullScanSql.medianMs}); figures identical`,
    ]);
  }
}
printTable('Process analytics', ['benchmark', 'median ms', 'p99 ms', 'ratio'], rows);

const writeRows: Row[] = [];
for (const [dialect, { concurrency }] of Object.entries(databases)) {
  const { completion, read, totals, pairs } = concurrency;
  writeRows.push([
    `${requestCount} × complete-step at once (${dialect})`,
    completion.wallMs,
    Math.round(completion.requestsPerSecond),
    completion.p50Ms,
    completion.p99Ms,
    completion.non2xx,
    `× ${concurrency.completionToReadRatio} of ${requestCount} GETs (${read.wallMs} ms)`,
  ]);
  writeRows.push([
    `  checked over ${concurrency.rounds} rounds`,
    null,
    null,
    null,
    null,
    totals.non2xx,
    `${totals.stepCompletedEvents} step_completed, lost ${totals.lost}, duplicated ${totals.duplicated}`,
  ]);
  writeRows.push([
    `${pairs.cases} cases × 2 requests at once (${dialect})`,
    pairs.wallMs,
    null,
    null,
    null,
    pairs.requests - (pairs.statuses['200'] ?? 0),
    `${pairs.statuses['200'] ?? 0} × 200, ${pairs.statuses['409'] ?? 0} × 409; lost ${pairs.verified.lost}, duplicated ${pairs.verified.duplicated}`,
  ]);
}
printTable(
  'Concurrent step completions (median round)',
  ['benchmark', 'wall ms', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'ratio / check'],
  writeRows,
);

const date = execSync('date +%F', { encoding: 'utf8' }).trim();
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${date}-processes.json`;
writeFileSync(
  file,
  `${JSON.stringify(
    { date, machine: { cpus: os.cpus().length, node: process.version }, core, ...databases },
    null,
    2,
  )}\n`,
);
console.log(`\nwrote ${file}`);
