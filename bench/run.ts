// `npm run bench -- --scale small|medium|large [--db sqlite|postgres] [--compare bench/results/<file>.json]`
// Options: --duration 5 (s per load run) --baseline-duration 2 --connections 1,16,64 --render-runs 3
//          --micro / --no-micro (default: on at medium and large) --micro-rows 1000000 --micro-runs 7
//          --skip-web --database-url URL --data-dir DIR
//          --only 'goal tree,KPI list' (endpoints by name) --server-root DIR (serve another checkout, e.g. a
//          `git archive` of the code before a change; no SQL floor then) --label before (in the result's name)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { DirectSqlJob, DirectSqlResult } from './baselines/direct-sql.ts';
import { describeTarget, ensureWorkspace, type WorkspaceInfo } from './data/workspace.ts';
import { parseArgs } from './lib/args.ts';
import { captureEndpointSql, type ReadEndpoint } from './lib/capture.ts';
import {
  collect,
  installCleanup,
  killAllChildren,
  ROOT,
  sleep,
  spawnTs,
  stop,
  waitForLine,
} from './lib/children.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { fixed, printComparison, printTable, type Row } from './lib/report.ts';
import { signIn, startServer, type RunningServer, type Session } from './lib/server.ts';
import { openTarget, parseScale, resolveTarget, SCALES, sqliteFile } from './lib/target.ts';
import type { MicroResult } from './micro.ts';
import { measureBundle, measureRender, type BundleReport, type RenderResult } from './web.ts';

const args = parseArgs(process.argv.slice(2));
const scale = parseScale(args.string('scale'));
const target = resolveTarget(args, scale);
const durationSeconds = args.number('duration', 5);
const baselineSeconds = args.number('baseline-duration', 2);
const levels = (args.string('connections') ?? '1,16,64').split(',').map(Number);
const runMicro = args.flag('micro') || (SCALES[scale].runsMicroByDefault && !args.flag('no-micro'));
const compareFile = args.string('compare');
// Names hold commas inside parentheses ('task list (50, filtered)'): split only on the others.
const only = args
  .string('only')
  ?.split(/,(?![^(]*\))/)
  .map((name) => name.trim());
const serverRoot = args.string('server-root');
const label = args.string('label');
const notes: string[] = [];

type Endpoint = { name: string; method: 'GET' | 'POST'; path: string; body?: string; read?: ReadEndpoint };

type LevelResult = {
  app: LoadResult;
  bareHttp: LoadResult;
  directSql: DirectSqlResult | null;
  /** Endpoint rps / bare node:http rps for a body of the same size (1 = as fast as no framework at all). */
  ceilingRatio: number;
  /** Endpoint rps / direct-SQL operations per second (1 = only the database costs anything). */
  floorRatio: number | null;
};

type EndpointResult = {
  method: string;
  path: string;
  responseBytes: number;
  queries: number | null;
  levels: Record<string, LevelResult>;
};

const BENCH_NOTE = '压测打卡 · benchmark check-in';

function endpointsFor(info: WorkspaceInfo): Endpoint[] {
  const ws = `/api/v1/w/${info.workspaceId}`;
  const day = (offset: number) => {
    const date = new Date(`${info.anchorDay}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + offset);
    return date.toISOString().slice(0, 10);
  };
  return [
    { name: 'dashboard', method: 'GET', path: `${ws}/dashboard`, read: 'dashboard' },
    // What the goal tree page asks for on opening: the top level, compact (sub-goals come on expanding).
    { name: 'goal tree', method: 'GET', path: `${ws}/goals?parentId=root`, read: 'goals' },
    { name: 'goal list (no parameters: first 1,000)', method: 'GET', path: `${ws}/goals`, read: 'goalsAll' },
    { name: 'goal page', method: 'GET', path: `${ws}/goals/${info.goalId}`, read: 'goal' },
    {
      name: 'KPI series (1 year)',
      method: 'GET',
      path: `${ws}/kpis/${info.seriesKpiKey}/series?from=${info.seriesFrom}&to=${info.seriesTo}`,
      read: 'series',
    },
    // The KPI list page's first page of 50; pickers search with ?q=.
    { name: 'KPI list', method: 'GET', path: `${ws}/kpis?limit=50`, read: 'kpis' },
    { name: 'KPI list (no parameters: first 200)', method: 'GET', path: `${ws}/kpis`, read: 'kpisAll' },
    { name: 'members', method: 'GET', path: `${ws}/members`, read: 'members' },
    {
      name: 'measurement push',
      method: 'POST',
      path: `${ws}/kpis/${info.pushKpiKey}/measurements`,
      // Three days after the generated data: the first push adds them, every later one is an idempotent upsert.
      body: JSON.stringify({
        points: [1, 2, 3].map((offset) => ({ period: day(offset), value: 300 + offset })),
      }),
    },
    {
      name: 'task list (50, filtered)',
      method: 'GET',
      path: `${ws}/tasks?status=todo,in_progress&sort=due&limit=50`,
    },
    // What the board page asks for on opening: its four columns' first 200 cards (it was 200 full tasks by
    // priority, "board (200 by priority)", until the cards of issue #15).
    // The same page as full list rows: what the board read before its cards, measured beside them in each run.
    {
      name: 'task list (200, the board filter)',
      method: 'GET',
      path: `${ws}/tasks?limit=200&sort=due&status=todo,in_progress,blocked,done`,
    },
    {
      name: 'board (200 cards)',
      method: 'GET',
      path: `${ws}/tasks/cards?limit=200&sort=due&status=todo,in_progress,blocked,done`,
    },
    // The task page's default: the WBS tree's top level, and the label filter's choices.
    { name: 'task tree (top level)', method: 'GET', path: `${ws}/tasks?sort=wbs&root=true&limit=50` },
    { name: 'task labels', method: 'GET', path: `${ws}/tasks/labels` },
    { name: 'RACI (first page)', method: 'GET', path: `${ws}/raci?limit=50` },
    { name: 'workload (8 weeks)', method: 'GET', path: `${ws}/workload?weeks=8` },
    { name: 'timeline size', method: 'GET', path: `${ws}/schedule/size` },
    // The header's search (Ctrl/⌘+K) as the user types: a word in thousands of titles, a rare fragment, English.
    ...['留存', '#4242', 'budget'].map((query) => ({
      name: `global search "${query}"`,
      method: 'GET' as const,
      path: `${ws}/search?q=${encodeURIComponent(query)}&limit=20`,
    })),
    // The overview, the plan page and plan health: cached per workspace after the first read.
    { name: 'plan health', method: 'GET', path: `${ws}/plan/health` },
    ...(info.timelineGoalId
      ? [
          {
            name: 'timeline (one goal)',
            method: 'GET' as const,
            path: `${ws}/schedule?goalId=${info.timelineGoalId}`,
          },
        ]
      : []),
    {
      name: 'task create',
      method: 'POST',
      path: `${ws}/tasks`,
      body: JSON.stringify({ title: '压测任务 · benchmark task', estimateHours: 4, dueDate: day(7) }),
    },
    {
      name: 'goal check-in',
      method: 'POST',
      path: `${ws}/goals/${info.goalId}/check-ins`,
      body: JSON.stringify({ note: BENCH_NOTE, confidence: 7, blockers: null }),
    },
  ];
}

function headersFor(endpoint: Endpoint, session: Session): Record<string, string> {
  const headers: Record<string, string> = { cookie: session.cookie, 'accept-language': 'zh-CN' };
  if (endpoint.method === 'POST') {
    headers['x-csrf-token'] = session.csrf;
    headers['content-type'] = 'application/json';
  }
  return headers;
}

/**
 * One request before the load, so what is computed once (plan health) is measured as served. An answer that says
 * it is still `computing` (plan health's first on a large plan) is asked again until it is the answer itself.
 */
async function probe(baseUrl: string, endpoint: Endpoint, session: Session): Promise<number> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const response = await fetch(`${baseUrl}${endpoint.path}`, {
      method: endpoint.method,
      headers: headersFor(endpoint, session),
      body: endpoint.body,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${endpoint.name}: ${response.status} ${text.slice(0, 500)}`);
    const isComputing =
      endpoint.method === 'GET' && text.startsWith('{') && JSON.parse(text).computing === true;
    if (!isComputing) return Buffer.byteLength(text);
    if (Date.now() > deadline) throw new Error(`${endpoint.name}: still computing after 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function startBareHttp(): Promise<{ port: number; stop(): Promise<void> }> {
  const child = spawnTs('bench/baselines/bare-http.ts', []);
  const match = await waitForLine(child, /listening (\d+)/, 30_000);
  return { port: Number(match[1]), stop: () => stop(child) };
}

async function directSql(queries: DirectSqlJob['queries'], connections: number): Promise<DirectSqlResult> {
  const job: DirectSqlJob = {
    dialect: target.dialect,
    sqliteFile: target.databaseUrl ? null : sqliteFile(target),
    databaseUrl: target.databaseUrl ?? null,
    queries,
    connections,
    durationMs: baselineSeconds * 1000,
  };
  const file = path.join(os.tmpdir(), `opsplan-bench-sql-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(job));
  const output = await collect(spawnTs('bench/baselines/direct-sql.ts', [file]), 'direct-sql');
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as DirectSqlResult;
}

/** Puts the workspace back as generated: check-ins, audit entries and events written by the write paths go. */
async function removeBenchWrites(info: WorkspaceInfo, since: number): Promise<void> {
  const handle = openTarget(target);
  try {
    await handle.db
      .deleteFrom('check_ins')
      .where('workspace_id', '=', info.workspaceId)
      .where('note', '=', BENCH_NOTE)
      .execute();
    await handle.db
      .deleteFrom('audit_entries')
      .where('workspace_id', '=', info.workspaceId)
      .where('created_at', '>=', since)
      .execute();
    await handle.db
      .deleteFrom('jobs')
      .where('key', 'like', 'event:%')
      .where('created_at', '>=', since)
      .execute();
    await handle.db
      .deleteFrom('events')
      .where('workspace_id', '=', info.workspaceId)
      .where('created_at', '>=', since)
      .execute();
    if (target.dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(handle.db);
  } finally {
    await handle.destroy();
  }
}

function machine() {
  let model = os.cpus()[0]?.model ?? 'unknown';
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8' });
    model = /Model name:\s*(.+)/.exec(lscpu)?.[1]?.trim() ?? model;
  } catch {
    // lscpu missing: keep os.cpus()
  }
  return {
    cpus: os.availableParallelism(),
    model,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((value) => round(value)),
  };
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  installCleanup();
  const machineInfo = machine();
  if ((machineInfo.loadAverageAtStart[0] ?? 0) > 0.5) {
    notes.push(
      `load average ${machineInfo.loadAverageAtStart.join(' / ')} at start: something else was running; compare ratios, not raw figures`,
    );
  }
  console.log(
    `OpsPlan bench · scale ${scale} · ${describeTarget(target)} · ${machineInfo.cpus} CPUs (${machineInfo.model}) · Node ${process.version}`,
  );
  const info = await ensureWorkspace(target, scale);

  const webDir = path.join(ROOT, 'dist', 'web');
  if (!args.flag('skip-web') && !existsSync(path.join(webDir, 'index.html'))) {
    console.log('No dist/web: building the web app (npm run build)');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }

  const runStarted = Date.now();
  const servers: RunningServer[] = [];
  const results: Record<string, EndpointResult> = {};
  let scaling: Record<
    string,
    { oneInstanceRps: number; twoInstancesRps: number; twoToOneRatio: number }
  > | null = null;
  let render: RenderResult[] | { skipped: string } | null = null;
  try {
    const server = await startServer(target, serverRoot ? { root: path.resolve(serverRoot) } : {});
    servers.push(server);
    const session = await signIn(server.baseUrl, info.email, info.password);
    console.log(`Server ${server.baseUrl} (pid ${server.pid}), signed in as ${info.email}`);
    const captured = await captureEndpointSql(target, info, session.token);
    const bare = await startBareHttp();
    try {
      for (const endpoint of endpointsFor(info).filter((item) => !only || only.includes(item.name))) {
        const bytes = await probe(server.baseUrl, endpoint, session);
        // Another checkout's SQL is not what this one captured: no floor for it.
        const queries = endpoint.read && !serverRoot ? captured[endpoint.read] : null;
        console.log(
          `\n${endpoint.name}: ${endpoint.method} ${endpoint.path.replace(info.workspaceId, '{ws}')} · ${bytes.toLocaleString('en-US')} bytes${queries ? ` · ${queries.length} SQL queries` : ''}`,
        );
        const levelResults: Record<string, LevelResult> = {};
        let sqliteFloor: DirectSqlResult | null = null;
        for (const connections of levels) {
          const app = await runLoad(
            {
              url: `${server.baseUrl}${endpoint.path}`,
              connections,
              durationSeconds,
              method: endpoint.method,
              body: endpoint.body,
              headers: headersFor(endpoint, session),
            },
            [server.pid],
          );
          const bareHttp = await runLoad({
            url: `http://127.0.0.1:${bare.port}/?bytes=${bytes}`,
            connections,
            durationSeconds: baselineSeconds,
          });
          let floor: DirectSqlResult | null = null;
          if (queries) {
            // better-sqlite3 is synchronous (one connection, like the app's): measure once, use for every level.
            if (target.dialect === 'sqlite') floor = sqliteFloor ??= await directSql(queries, 1);
            else floor = await directSql(queries, connections);
          }
          levelResults[String(connections)] = {
            app,
            bareHttp,
            directSql: floor,
            ceilingRatio: round(app.requestsPerSecond / bareHttp.requestsPerSecond, 4),
            floorRatio: floor ? round(app.requestsPerSecond / floor.opsPerSecond, 4) : null,
          };
          console.log(
            `  c=${String(connections).padStart(2)}  ${fixed(app.requestsPerSecond)} req/s  p50 ${app.p50Ms} ms  p99 ${app.p99Ms} ms  errors ${app.errors} non-2xx ${app.non2xx}  RSS ${fixed(app.serverRssMb, 0)} MB | bare ${fixed(bareHttp.requestsPerSecond, 0)} req/s${floor ? ` | SQL ${fixed(floor.opsPerSecond)} op/s` : ''}`,
          );
        }
        results[endpoint.name] = {
          method: endpoint.method,
          path: endpoint.path.replace(info.workspaceId, '{ws}'),
          responseBytes: bytes,
          queries: queries?.length ?? null,
          levels: levelResults,
        };
      }
    } finally {
      await bare.stop();
    }

    if (target.dialect === 'postgres') {
      const second = await startServer(target);
      servers.push(second);
      const top = Math.max(...levels);
      const half = Math.max(1, Math.floor(top / 2));
      scaling = {};
      console.log(
        `\nTwo app instances on one PostgreSQL (pids ${server.pid}, ${second.pid}): c=${half} on each vs c=${top} on one`,
      );
      for (const endpoint of endpointsFor(info).filter((item) =>
        ['dashboard', 'goal page', 'KPI series (1 year)'].includes(item.name),
      )) {
        const one = results[endpoint.name]?.levels[String(top)]?.app.requestsPerSecond ?? 0;
        const both = await Promise.all(
          [server, second].map((instance) =>
            runLoad(
              {
                url: `${instance.baseUrl}${endpoint.path}`,
                connections: half,
                durationSeconds,
                headers: headersFor(endpoint, session),
              },
              [instance.pid],
            ),
          ),
        );
        const two = both.reduce((sum, result) => sum + result.requestsPerSecond, 0);
        scaling[endpoint.name] = {
          oneInstanceRps: round(one, 1),
          twoInstancesRps: round(two, 1),
          twoToOneRatio: round(two / Math.max(1, one), 3),
        };
        console.log(
          `  ${endpoint.name}: one ${fixed(one)} req/s, two ${fixed(two)} req/s → ×${fixed(two / Math.max(1, one), 2)}`,
        );
      }
      // autocannon stops at its deadline with requests still queued in the servers: let them drain first.
      await sleep(3000);
      await second.stop();
    }

    if (!args.flag('skip-web')) {
      console.log('\nTime to render in headless Chromium');
      render = await measureRender(server.baseUrl, info, session, args.number('render-runs', 3));
    }
  } finally {
    await sleep(1000);
    for (const server of servers) await server.stop();
  }
  await removeBenchWrites(info, runStarted);

  const bundle: BundleReport | null = args.flag('skip-web') ? null : measureBundle(webDir);

  let micro: MicroResult | null = null;
  if (runMicro) {
    console.log(
      `\nModule micro-benchmarks (${args.number('micro-rows', 1_000_000).toLocaleString('en-US')} rows)`,
    );
    const passThrough = [
      '--db',
      target.dialect,
      '--rows',
      String(args.number('micro-rows', 1_000_000)),
      '--runs',
      String(args.number('micro-runs', 7)),
    ];
    if (target.databaseUrl) passThrough.push('--database-url', target.databaseUrl);
    const child = spawnTs('bench/micro.ts', passThrough, {}, ['--max-old-space-size=6144']);
    const output = await collect(child, 'micro');
    const line = output.split('\n').find((item) => item.startsWith('RESULT '));
    micro = line ? (JSON.parse(line.slice('RESULT '.length)) as MicroResult) : null;
  } else {
    notes.push('module micro-benchmarks skipped at this scale (pass --micro to run them)');
  }

  const machineEnd = os.loadavg().map((value) => round(value));
  const result = {
    version: 1,
    date: new Date().toISOString(),
    scale,
    db: target.dialect,
    machine: { ...machineInfo, loadAverageAtEnd: machineEnd },
    settings: { durationSeconds, baselineDurationSeconds: baselineSeconds, connections: levels },
    dataset: {
      counts: info.counts,
      generatedThisRun: info.generatedNow,
      generationSeconds: info.generationSeconds,
      refreshSeconds: info.refreshSeconds,
    },
    endpoints: results,
    twoInstances: scaling,
    web: { bundle, render },
    micro,
    notes,
  };
  printResults(result.endpoints, scaling, bundle, render, micro);
  const outDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(
    outDir,
    `${result.date.slice(0, 10)}-${scale}-${target.dialect}${label ? `-${label}` : ''}.json`,
  );
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nResults: ${path.relative(ROOT, file)}`);
  for (const note of notes) console.log(`Note: ${note}`);
  if (compareFile) printComparison(compareFile, result);
}

function printResults(
  endpoints: Record<string, EndpointResult>,
  scaling: Record<string, { oneInstanceRps: number; twoInstancesRps: number; twoToOneRatio: number }> | null,
  bundle: BundleReport | null,
  render: RenderResult[] | { skipped: string } | null,
  micro: MicroResult | null,
): void {
  const rows: Row[] = [];
  for (const [name, endpoint] of Object.entries(endpoints)) {
    for (const [connections, level] of Object.entries(endpoint.levels)) {
      rows.push([
        name,
        connections,
        fixed(level.app.requestsPerSecond),
        level.app.p50Ms,
        level.app.p99Ms,
        level.app.errors + level.app.non2xx,
        fixed(level.app.serverRssMb, 0),
        fixed(level.ceilingRatio, 3),
        fixed(level.floorRatio, 3),
      ]);
    }
  }
  printTable(
    `Endpoints · ${scale} · ${target.dialect}`,
    ['endpoint', 'c', 'req/s', 'p50 ms', 'p99 ms', 'err', 'RSS MB', '÷ bare http', '÷ direct SQL'],
    rows,
  );
  if (scaling) {
    printTable(
      'Two instances vs one (PostgreSQL)',
      ['endpoint', 'one req/s', 'two req/s', 'two ÷ one'],
      Object.entries(scaling).map(([name, item]) => [
        name,
        item.oneInstanceRps,
        item.twoInstancesRps,
        item.twoToOneRatio,
      ]),
    );
  }
  if (bundle) {
    printTable(
      'Web bundle (gzip)',
      ['part', 'KB'],
      [
        ['first screen JS', fixed(bundle.firstScreen.jsGzipBytes / 1024)],
        ['first screen CSS', fixed(bundle.firstScreen.cssGzipBytes / 1024)],
        ...bundle.routeChunks.map((chunk): Row => [`route ${chunk.name}`, fixed(chunk.gzipBytes / 1024)]),
        ...bundle.sharedChunks
          .slice(0, 8)
          .map((chunk): Row => [`shared ${chunk.name}`, fixed(chunk.gzipBytes / 1024)]),
      ],
    );
  }
  if (render && 'skipped' in render) console.log(`\nTime to render: ${render.skipped}`);
  else if (render) {
    printTable(
      'Time to render (headless Chromium, cold)',
      ['page', 'median ms', 'runs', 'note'],
      render.map((item) => [item.page, fixed(item.medianMs, 0), item.runsMs.join(' '), item.note]),
    );
  }
  if (micro) {
    printTable(
      'Module micro-benchmarks',
      ['benchmark', 'app', 'baseline', 'app ÷ baseline (throughput)'],
      [
        [
          `import ${micro.import.rows.toLocaleString('en-US')} rows`,
          `${micro.import.appRowsPerSecond.toLocaleString('en-US')} rows/s`,
          `${micro.import.baselineRowsPerSecond.toLocaleString('en-US')} rows/s`,
          micro.import.ratio,
        ],
        [
          `series ${micro.series.points.toLocaleString('en-US')} points`,
          `p50 ${micro.series.app.medianMs} / p99 ${micro.series.app.p99Ms} ms`,
          `p50 ${micro.series.directSql.medianMs} / p99 ${micro.series.directSql.p99Ms} ms`,
          micro.series.ratio,
        ],
        [
          `rollupProgress ${micro.rollup.goals} goals`,
          `p50 ${micro.rollup.rollupProgress.medianMs} / p99 ${micro.rollup.rollupProgress.p99Ms} ms`,
          `p50 ${micro.rollup.bareTraversal.medianMs} ms (bare traversal)`,
          micro.rollup.inMemoryRatio,
        ],
        [
          `rollupGoals ${micro.rollup.goals} goals`,
          `p50 ${micro.rollup.rollupGoals.medianMs} / p99 ${micro.rollup.rollupGoals.p99Ms} ms (first ${micro.rollup.rollupGoalsFirstRunMs} ms)`,
          `p50 ${micro.rollup.directSql.medianMs} ms (its 2 SELECTs)`,
          micro.rollup.databaseRatio,
        ],
      ],
    );
  }
}

try {
  await main();
} finally {
  killAllChildren();
}
