// `npm run bench:soak -- [--minutes 10] [--db sqlite|postgres] [--clients 8] [--tasks 500] [--tasks-per-goal 100]
//                        [--mix pages|whole] [--memory] [--label NAME] [--database-url URL]`
// The soak of issue #15: does throughput stay flat as the plan grows? The real server (`node bin/opsplan.js
// serve`, the build: `npm run build` first) in its own process, a fresh workspace with `--tasks` tasks made over
// the API, then `--clients` clients send requests back to back for `--minutes`, each cycling through a steady
// mix where one request in seven creates a task, so the plan grows all along. Every other task belongs to a goal
// and a plan grows by goals too: a new goal opens every `--tasks-per-goal` of them. The reads are what the web
// app's pages ask for (`--mix pages`): a page of 50 tasks, the board (its columns' first 200 tasks), the timeline
// (`/schedule/size`, then the whole plan's schedule up to the page's limit, above it a goal's), one task by id,
// the dashboard and a goal page. `--mix whole` reads the whole plan's schedule for the timeline and board at any
// size, as the pages did before they paged (the first soaks). Every minute: requests, p50/p90, each operation's
// p50, the plan's size, the server's RSS (sampled every 2 s) and the load average. The summary compares the last
// minute with the first. `--memory` loads bench/lib/memoryProbe.mjs into the server and prints what its resident
// memory is made of at each minute's peak.
// SQLite in a scratch folder; PostgreSQL in a scratch database `<name>_soak` (127.0.0.1 only); both removed
// afterwards. A PostgreSQL server with autovacuum off (this machine's CI configuration) never refreshes the planner's
// statistics of a table that grows from 500 rows, so every minute the bench runs `VACUUM (ANALYZE)` on the scratch
// database, as autovacuum would (`--no-vacuum` to see the server as configured); the results say which it was. Results: bench/results/<date>-soak-<db>.json.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseArgs } from './lib/args.ts';
import { installCleanup, residentMb, ROOT } from './lib/children.ts';
import { signUpLead, startServer } from './lib/server.ts';
import { scratchTarget } from './lib/target.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const db = args.string('db') ?? 'sqlite';
const minutes = args.number('minutes', 10);
const clients = args.number('clients', 8);
const initialTasks = args.number('tasks', 500);
const tasksPerGoal = args.number('tasks-per-goal', 100);
const mix = args.string('mix') ?? 'pages';
const label = args.string('label');
const probeFile = args.flag('memory')
  ? path.join(os.tmpdir(), `opsplan-soak-memory-${process.pid}.jsonl`)
  : null;
if (mix !== 'pages' && mix !== 'whole') throw new Error('--mix must be pages or whole');
if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db must be sqlite or postgres');

const { target, cleanup } = await scratchTarget(args, db, 'soak');

/** Autovacuum's stand-in when the server has it off (see the header); null on SQLite or with autovacuum on. */
async function vacuumStandIn(): Promise<{ stop: () => Promise<void> } | null> {
  if (!target.databaseUrl || args.flag('no-vacuum')) return null;
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ autovacuum: string }>('SHOW autovacuum');
  if (rows[0]?.autovacuum === 'on') {
    await client.end();
    return null;
  }
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = client.query('VACUUM (ANALYZE)').catch(() => undefined);
  }, 60_000);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await client.end();
    },
  };
}
const vacuum = await vacuumStandIn();
const maintenance =
  db === 'sqlite'
    ? null
    : vacuum
      ? 'autovacuum off: the bench ran VACUUM (ANALYZE) every minute'
      : args.flag('no-vacuum')
        ? 'as configured (--no-vacuum)'
        : 'autovacuum on';

const server = await startServer(
  target,
  probeFile
    ? {
        env: { OPSPLAN_MEMORY_PROBE: probeFile },
        nodeArgs: ['--import', path.join(ROOT, 'bench', 'lib', 'memoryProbe.mjs')],
      }
    : {},
);
const base = server.baseUrl;
const session = await signUpLead(base, 'soak');

async function call(method: string, url: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {
    cookie: session.cookie,
    'accept-encoding': 'br, gzip',
    'accept-language': 'zh-CN',
  };
  if (method !== 'GET') {
    headers['x-csrf-token'] = session.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const { workspace } = (await call('POST', '/api/v1/workspaces', { name: '长稳 · soak' })) as {
  workspace: { id: string };
};
const ws = `/api/v1/w/${workspace.id}`;
const day = (offset: number) => new Date(Date.UTC(2026, 11, 1 + offset)).toISOString().slice(0, 10);
const goalIds: string[] = [];
const goals = new Map<number, Promise<string>>();
/** Goal number `number`, made over the API the first time a task needs it. */
function goal(number: number): Promise<string> {
  let id = goals.get(number);
  if (!id) {
    id = (
      call('POST', `${ws}/goals`, {
        title: `季度目标 ${number + 1} · Quarter goal ${number + 1}`,
        startDate: day(0),
        dueDate: day(90),
      }) as Promise<{ goal: { id: string } }>
    ).then(({ goal: created }) => {
      goalIds.push(created.id);
      return created.id;
    });
    goals.set(number, id);
  }
  return id;
}
await goal(0);

const taskIds: string[] = [];
let counter = 0;
/** One new task: every other one under the newest goal, due dates spread over a quarter. */
async function createTask(): Promise<void> {
  const index = counter++;
  const goalId = index % 2 === 0 ? await goal(Math.floor(index / 2 / tasksPerGoal)) : null;
  const created = (await call('POST', `${ws}/tasks`, {
    title: `任务 ${index + 1} · Task ${index + 1}`,
    description: '按计划完成并在周会上汇报进展。Finish as planned and report at the weekly meeting.',
    goalId,
    estimateHours: 4 + (index % 5) * 4,
    dueDate: day(index % 90),
    priority: (['urgent', 'high', 'medium', 'low'] as const)[index % 4],
    labels: [`phase-${(index % 5) + 1}`],
  })) as { task: { id: string } };
  taskIds.push(created.task.id);
}

const setupStarted = performance.now();
for (let index = 0; index < initialTasks; index += 1) await createTask();
const setupMs = performance.now() - setupStarted;

type Operation = { name: string; run: (n: number) => Promise<unknown> };
/** The timeline page: the plan's size first, then the whole plan up to the page's limit, else one goal. */
async function timelineReads(n: number): Promise<unknown> {
  if (mix === 'whole') return call('GET', `${ws}/schedule`);
  const size = (await call('GET', `${ws}/schedule/size`)) as { tasks: number; wholePlanLimit: number };
  if (size.tasks <= size.wholePlanLimit) return call('GET', `${ws}/schedule`);
  return call('GET', `${ws}/schedule?goalId=${goalIds[n % goalIds.length]}`);
}
// One in seven creates a task; the rest read what the web app's pages read.
const operations: Operation[] = [
  { name: 'create a task', run: () => createTask() },
  { name: 'task list (page of 50)', run: () => call('GET', `${ws}/tasks?sort=due&limit=50`) },
  {
    name: 'board',
    run: () =>
      mix === 'whole'
        ? call('GET', `${ws}/schedule`)
        : call('GET', `${ws}/tasks/cards?limit=200&sort=due&status=todo,in_progress,blocked,done`),
  },
  { name: 'timeline', run: (n) => timelineReads(n) },
  { name: 'one task by id', run: (n) => call('GET', `${ws}/tasks/${taskIds[(n * 7919) % taskIds.length]}`) },
  { name: 'dashboard', run: () => call('GET', `${ws}/dashboard`) },
  { name: 'goal page', run: (n) => call('GET', `${ws}/goals/${goalIds[n % goalIds.length]}`) },
];

type Minute = {
  minute: number;
  requests: number;
  errors: number;
  times: number[];
  byOperation: Map<string, number[]>;
  tasksAtEnd: number;
  rssMaxMb: number;
  rssEndMb: number;
  load: number;
};
const timeline: Minute[] = Array.from({ length: minutes }, (_, minute) => ({
  minute: minute + 1,
  requests: 0,
  errors: 0,
  times: [],
  byOperation: new Map(operations.map((operation) => [operation.name, []])),
  tasksAtEnd: 0,
  rssMaxMb: 0,
  rssEndMb: 0,
  load: 0,
}));

const startedAt = performance.now();
const endsAt = startedAt + minutes * 60_000;
const minuteOf = (instant: number) => Math.min(minutes - 1, Math.floor((instant - startedAt) / 60_000));
let firstError: string | null = null;

const rssTimer = setInterval(() => {
  const rss = residentMb(server.pid);
  const entry = timeline[minuteOf(performance.now())];
  if (rss !== null && entry) {
    entry.rssMaxMb = Math.max(entry.rssMaxMb, rss);
    entry.rssEndMb = rss;
    entry.load = os.loadavg()[0] ?? 0;
    entry.tasksAtEnd = taskIds.length;
  }
}, 2_000);
const progressTimer = setInterval(() => {
  const entry = timeline[minuteOf(performance.now()) - 1];
  if (entry) {
    console.error(
      `  [soak] minute ${entry.minute}: ${entry.requests} requests, p50 ${median(entry.times).toFixed(1)} ms, ${entry.tasksAtEnd} tasks, ${entry.rssMaxMb.toFixed(0)} MB`,
    );
  }
}, 60_000);

async function client(id: number): Promise<void> {
  for (let n = id; performance.now() < endsAt; n += 1) {
    const operation = operations[n % operations.length] as Operation;
    const started = performance.now();
    let failed = false;
    try {
      await operation.run(n);
    } catch (error) {
      failed = true;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
    const finished = performance.now();
    if (finished > endsAt) break;
    const entry = timeline[minuteOf(finished)] as Minute;
    entry.requests += 1;
    if (failed) entry.errors += 1;
    else {
      entry.times.push(finished - started);
      entry.byOperation.get(operation.name)?.push(finished - started);
    }
  }
}

console.error(
  `  [soak] ${db}: ${initialTasks} tasks set up in ${(setupMs / 1000).toFixed(1)} s; ${clients} clients for ${minutes} min`,
);
await Promise.all(Array.from({ length: clients }, (_, id) => client(id)));
clearInterval(rssTimer);
clearInterval(progressTimer);
await vacuum?.stop();
await server.stop();
await cleanup();

function median(values: readonly number[]): number {
  return percentile(values, 50);
}
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

type MemorySample = {
  at: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  v8Physical: number;
  v8Malloced: number;
  spaces: Record<string, number>;
  smaps: Record<string, number>;
};
/** The probe's sample with the most RSS in each minute of the soak (`--memory`). */
function memoryPeaks(): Array<MemorySample | null> {
  if (!probeFile || !existsSync(probeFile)) return [];
  const samples = readFileSync(probeFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MemorySample);
  rmSync(probeFile, { force: true });
  const wallStart = Date.now() - (performance.now() - startedAt);
  return timeline.map((_, minute) =>
    samples
      .filter((sample) => Math.floor((sample.at - wallStart) / 60_000) === minute)
      .reduce<MemorySample | null>((peak, sample) => (peak && peak.rss >= sample.rss ? peak : sample), null),
  );
}
const memory = memoryPeaks();

const perMinute = timeline.map((entry) => ({
  minute: entry.minute,
  requestsPerMinute: entry.requests,
  errors: entry.errors,
  p50Ms: round(median(entry.times)),
  p90Ms: round(percentile(entry.times, 90)),
  p50ByOperationMs: Object.fromEntries(
    [...entry.byOperation].map(([name, times]) => [name, round(median(times))]),
  ),
  tasks: entry.tasksAtEnd,
  rssMaxMb: round(entry.rssMaxMb, 0),
  rssEndMb: round(entry.rssEndMb, 0),
  loadAverage: round(entry.load, 1),
}));
const first = perMinute[0];
const last = perMinute.at(-1);
const summary = {
  lastOverFirstRequests: first && last ? round(last.requestsPerMinute / first.requestsPerMinute, 2) : null,
  p50ByOperationLastOverFirst: Object.fromEntries(
    operations.map(({ name }) => {
      const before = first?.p50ByOperationMs[name] ?? 0;
      const after = last?.p50ByOperationMs[name] ?? 0;
      return [name, before > 0 ? round(after / before, 2) : null];
    }),
  ),
  tasksAtStart: initialTasks,
  tasksAtEnd: taskIds.length,
  rssPeakMb: Math.max(...perMinute.map((entry) => entry.rssMaxMb)),
  errors: perMinute.reduce((sum, entry) => sum + entry.errors, 0),
  firstError,
};

console.log(
  `${db}${maintenance ? ` (${maintenance})` : ''}: ${clients} clients, ${minutes} min, mix ${mix}, one request in seven a new task, a goal every ${tasksPerGoal} goal tasks; ${initialTasks} tasks set up over the API in ${(setupMs / 1000).toFixed(1)} s\n`,
);
const names = operations.map((operation) => operation.name);
console.log(
  `| minute | req/min | p50 ms | p90 ms | ${names.map((name) => `p50 ${name}`).join(' | ')} | tasks | RSS max MB | load |`,
);
console.log(`| ---: | ---: | ---: | ---: | ${names.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
for (const entry of perMinute) {
  console.log(
    `| ${entry.minute} | ${entry.requestsPerMinute.toLocaleString('en')} | ${entry.p50Ms} | ${entry.p90Ms} | ${names.map((name) => entry.p50ByOperationMs[name]).join(' | ')} | ${entry.tasks.toLocaleString('en')} | ${entry.rssMaxMb} | ${entry.loadAverage} |`,
  );
}
if (memory.length > 0) {
  console.log(
    "\nMemory at each minute's peak (MB): rss = file-backed + main arena + thread arenas (count) + other anonymous (V8 pages, large mallocs) + stacks",
  );
  console.log(
    '| minute | rss | V8 physical | new | old | code | large objects | V8 malloc | external | array buffers | file | main arena | thread arenas | other anon |',
  );
  console.log(
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  memory.forEach((sample, minute) => {
    if (!sample) return;
    const { spaces, smaps } = sample;
    console.log(
      `| ${minute + 1} | ${sample.rss} | ${sample.v8Physical} | ${spaces.new ?? 0} | ${spaces.old ?? 0} | ${spaces.code ?? 0} | ${round((spaces.large_object ?? 0) + (spaces.new_large_object ?? 0) + (spaces.code_large_object ?? 0))} | ${sample.v8Malloced} | ${sample.external} | ${sample.arrayBuffers} | ${smaps.file} | ${smaps.mainArena} | ${smaps.threadArenas} (${smaps.arenaCount}) | ${smaps.otherAnonymous} |`,
    );
  });
}
console.log(
  `\nlast ÷ first minute: ${summary.lastOverFirstRequests} (requests); p50 per operation ${JSON.stringify(summary.p50ByOperationLastOverFirst)}; RSS peak ${summary.rssPeakMb} MB; errors ${summary.errors}${firstError ? ` (first: ${firstError})` : ''}`,
);
const file = path.join(
  ROOT,
  'bench',
  'results',
  `${new Date().toISOString().slice(0, 10)}-soak-${db}-${mix}${label ? `-${label}` : ''}.json`,
);
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), db, maintenance, mix, clients, minutes, initialTasks, tasksPerGoal, goals: goalIds.length, setupMs: Math.round(setupMs), summary, perMinute, ...(memory.length > 0 ? { memoryAtPeak: memory } : {}) }, null, 2)}\n`,
);
console.log(path.relative(ROOT, file));
