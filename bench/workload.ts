// `npm run bench:workload -- [--db sqlite|postgres] [--tasks 1000] [--requests 200] [--warmup 20]`
// The Kanboard-like workload of issue #15, against the real server (`node bin/opsplan.js serve`, the build) in its
// own process: a fresh workspace of 1,000 tasks (100 parents × 9 subtasks, each subtask after its previous
// sibling) made over the API, then one client sends sequential requests — one task by id, a page of 50, the whole
// schedule (what the board and the timeline read), the schedule right after a task changed (its first read at a
// new plan revision), a new task — and `/healthz` as the in-run baseline. Medians of `--requests` after
// `--warmup`. Requests carry `accept-encoding: br, gzip` like a browser; bytes are what went over the wire.
// SQLite in a scratch folder; PostgreSQL in a scratch database `<name>_workload` (127.0.0.1 only), both removed
// afterwards. Results: bench/results/<date>-workload-<db>.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseArgs } from './lib/args.ts';
import { installCleanup, residentMb, ROOT } from './lib/children.ts';
import { signIn, startServer } from './lib/server.ts';
import { DEFAULT_DATABASE_URL, type Target } from './lib/target.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const db = args.string('db') ?? 'sqlite';
const taskCount = args.number('tasks', 1000);
const requests = args.number('requests', 200);
const warmup = args.number('warmup', 20);
// --identity: no accept-encoding (what a client that does not ask for compression gets).
const acceptEncoding = args.flag('identity') ? 'identity' : 'br, gzip';
if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db must be sqlite or postgres');

async function adminQuery(url: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

let target: Target;
let cleanup: () => Promise<void>;
if (db === 'sqlite') {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opsplan-workload-'));
  target = { dialect: 'sqlite', dataDir, databaseUrl: undefined };
  cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
} else {
  const base = new URL(args.string('database-url') ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  if (base.hostname !== '127.0.0.1' && base.hostname !== 'localhost') throw new Error('127.0.0.1 only');
  const name = `${base.pathname.slice(1)}_workload`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new URL(base);
  admin.pathname = '/postgres';
  await adminQuery(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(admin.toString(), `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  target = { dialect: 'postgres', dataDir: os.tmpdir(), databaseUrl: url.toString() };
  cleanup = () => adminQuery(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

const server = await startServer(target);
const base = server.baseUrl;
const email = `workload-${Date.now()}@example.com`;
const password = 'correct horse battery';
const signup = await fetch(`${base}/api/v1/auth/signup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email, password, name: '压测负责人', locale: 'zh-CN' }),
});
if (!signup.ok) throw new Error(`sign-up: ${signup.status} ${await signup.text()}`);
const session = await signIn(base, email, password);

type Answer = { status: number; bytes: number; ms: number; body: unknown };

async function call(method: string, url: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {
    cookie: session.cookie,
    'accept-encoding': acceptEncoding,
    'accept-language': 'zh-CN',
  };
  if (method !== 'GET') {
    headers['x-csrf-token'] = session.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
  }
  const started = performance.now();
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  const bytes = Number(response.headers.get('content-length') ?? Buffer.byteLength(text));
  if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return { status: response.status, bytes, ms, body: text ? JSON.parse(text) : null };
}

const { workspace } = (await call('POST', '/api/v1/workspaces', { name: '工作量 · workload' })).body as {
  workspace: { id: string };
};
const ws = `/api/v1/w/${workspace.id}`;
const setupStarted = performance.now();
const ids: string[] = [];
const day = (offset: number) => new Date(Date.UTC(2026, 11, 1 + offset)).toISOString().slice(0, 10);
for (let parent = 0; ids.length < taskCount; parent += 1) {
  const parentTask = (
    await call('POST', `${ws}/tasks`, {
      title: `阶段 ${parent + 1} · Phase ${parent + 1}`,
      description: `第 ${parent + 1} 阶段的目标与交付物 · goals and deliverables of phase ${parent + 1}`,
      estimateHours: 8,
      labels: [`phase-${(parent % 5) + 1}`],
    })
  ).body as { task: { id: string } };
  ids.push(parentTask.task.id);
  let previous: string | null = null;
  for (let child = 0; child < 9 && ids.length < taskCount; child += 1) {
    const created = (
      await call('POST', `${ws}/tasks`, {
        title: `任务 ${parent + 1}.${child + 1} · Task ${parent + 1}.${child + 1}`,
        description:
          '按计划完成并在周会上汇报进展。Finish as planned and report at the weekly meeting. '.repeat(3),
        parentId: parentTask.task.id,
        estimateHours: 4 + ((parent + child) % 5) * 4,
        dueDate: day(parent + child * 2),
        priority: (['urgent', 'high', 'medium', 'low'] as const)[(parent + child) % 4],
        labels: [`phase-${(parent % 5) + 1}`, child % 2 ? 'ops' : 'content'],
        checklist: [
          { text: '准备 · prepare', done: child % 3 === 0 },
          { text: '复核 · review', done: false },
        ],
      })
    ).body as { task: { id: string } };
    ids.push(created.task.id);
    if (previous) await call('POST', `${ws}/tasks/${created.task.id}/dependencies`, { fromTaskId: previous });
    previous = created.task.id;
  }
}
const setupMs = performance.now() - setupStarted;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

type Operation = { name: string; run: (index: number) => Promise<Answer> };
const operations: Operation[] = [
  { name: '/healthz (baseline)', run: () => call('GET', '/healthz') },
  { name: 'one task by id', run: (index) => call('GET', `${ws}/tasks/${ids[(index * 7) % ids.length]}`) },
  { name: 'a page of 50 tasks', run: () => call('GET', `${ws}/tasks?sort=due&limit=50`) },
  { name: 'whole schedule (board, timeline)', run: () => call('GET', `${ws}/schedule`) },
  {
    name: 'whole schedule after a task changed',
    run: async (index) => {
      // The write is not timed: only the first read at the new plan revision.
      await call('PATCH', `${ws}/tasks/${ids[(index * 13) % ids.length]}`, {
        estimateHours: 4 + (index % 7),
      });
      return call('GET', `${ws}/schedule`);
    },
  },
  {
    name: 'create a task',
    run: (index) => call('POST', `${ws}/tasks`, { title: `新任务 ${index} · new task`, estimateHours: 4 }),
  },
];

const results = [];
for (const operation of operations) {
  for (let index = 0; index < warmup; index += 1) await operation.run(index);
  const times: number[] = [];
  let bytes = 0;
  for (let index = 0; index < requests; index += 1) {
    const answer = await operation.run(warmup + index);
    times.push(answer.ms);
    bytes = answer.bytes;
  }
  results.push({
    name: operation.name,
    medianMs: Number(median(times).toFixed(2)),
    p90Ms: Number(percentile(times, 90).toFixed(2)),
    bytes,
  });
}
const rssMb = residentMb(server.pid);
await server.stop();
await cleanup();

const baseline = results[0]?.medianMs ?? 1;
console.log(
  `${db}: ${taskCount} tasks (set up over the API in ${(setupMs / 1000).toFixed(1)} s), ${requests} sequential requests after ${warmup}, load ${os.loadavg()[0]?.toFixed(1)}\n`,
);
console.log(
  '| operation | median ms | p90 ms | bytes (wire) | ÷ /healthz |\n| --- | ---: | ---: | ---: | ---: |',
);
for (const result of results) {
  console.log(
    `| ${result.name} | ${result.medianMs} | ${result.p90Ms} | ${result.bytes.toLocaleString('en')} | ${(result.medianMs / baseline).toFixed(1)} |`,
  );
}
console.log(`\nserver RSS after the run: ${rssMb?.toFixed(0)} MB`);
const file = path.join(
  ROOT,
  'bench',
  'results',
  `${new Date().toISOString().slice(0, 10)}-workload-${db}${args.flag('identity') ? '-identity' : ''}.json`,
);
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), db, taskCount, requests, warmup, loadAverage: os.loadavg()[0], setupMs: Math.round(setupMs), rssMb, results }, null, 2)}\n`,
);
console.log(path.relative(ROOT, file));
