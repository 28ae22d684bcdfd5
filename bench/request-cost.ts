// `npx tsx bench/request-cost.ts --before DIR [--db sqlite|postgres] [--tasks 1000] [--requests 300] [--rounds 2]
//                                 [--warmup 50] [--only 'one task by id'] [--database-url URL]`
// What one small request costs the server, this checkout's build against another's (`--before`: a checkout of the
// code before a change with its own `npm run build:server`, e.g. `git archive main | tar -x -C DIR`). One workspace
// of `--tasks` tasks is made over the API as the workload bench makes them (phases of nine, each after its
// previous sibling); each round then serves a fresh copy of it (SQLite: the folder copied; PostgreSQL: a database
// made from it as a template) from each build in turn, and times `/healthz`, one task by id and a page of 50,
// `--requests` of each after `--warmup`, one at a time, as a browser asks (`accept-encoding: br, gzip`). Per
// operation: the server process's CPU per request (user + system from /proc, so the client's own cost is not in
// it) and the median wall time. Prints a table; nothing is written. To profile one operation on each side:
// `OPSPLAN_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' … --rounds 1 --only NAME` (one profile per server).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseArgs } from './lib/args.ts';
import { installCleanup, ROOT } from './lib/children.ts';
import { makePhasedPlan } from './lib/plan.ts';
import { signIn, startServer, type Session } from './lib/server.ts';
import { DEFAULT_DATABASE_URL, type Target } from './lib/target.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const before = args.string('before');
if (!before) throw new Error('--before DIR (a checkout with its own build) is required');
const roots = { before: path.resolve(before), after: ROOT };
const db = args.string('db') ?? 'sqlite';
if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db must be sqlite or postgres');
const taskCount = args.number('tasks', 1000);
const requests = args.number('requests', 300);
const rounds = args.number('rounds', 2);
const warmup = args.number('warmup', 50);
const email = `request-cost-${Date.now()}@example.com`;
const password = 'correct horse battery';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'opsplan-request-cost-'));
const baseUrl = new URL(args.string('database-url') ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
if (baseUrl.hostname !== '127.0.0.1' && baseUrl.hostname !== 'localhost') throw new Error('127.0.0.1 only');
const adminUrl = new URL(baseUrl);
adminUrl.pathname = '/postgres';
const pgNames: string[] = [];

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A database of its own (name made here, never taken from input). */
async function newTarget(label: string, template?: Target): Promise<Target> {
  if (db === 'sqlite') {
    const dataDir = path.join(scratch, label);
    if (template) cpSync(template.dataDir, dataDir, { recursive: true });
    return { dialect: 'sqlite', dataDir, databaseUrl: undefined };
  }
  const name = `${baseUrl.pathname.slice(1)}_cost_${label}`.replace(/\W/g, '_');
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const templateName = template ? new URL(template.databaseUrl ?? '').pathname.slice(1) : null;
  await admin(templateName ? `CREATE DATABASE ${name} TEMPLATE ${templateName}` : `CREATE DATABASE ${name}`);
  pgNames.push(name);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { dialect: 'postgres', dataDir: scratch, databaseUrl: url.toString() };
}

type Client = { base: string; session: Session };

async function call(client: Client, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = {
    cookie: client.session.cookie,
    'accept-encoding': 'br, gzip',
    'accept-language': 'zh-CN',
  };
  if (method !== 'GET') {
    headers['x-csrf-token'] = client.session.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${client.base}${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

// The workspace, made once by this checkout's build.
const template = await newTarget('template');
let workspaceId = '';
const taskIds: string[] = [];
{
  const server = await startServer(template);
  try {
    const signup = await fetch(`${server.baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, name: '压测负责人', locale: 'zh-CN' }),
    });
    if (!signup.ok) throw new Error(`sign-up: ${signup.status}`);
    const client = { base: server.baseUrl, session: await signIn(server.baseUrl, email, password) };
    const made = (await call(client, 'POST', '/api/v1/workspaces', { name: '请求成本 · request cost' })) as {
      workspace: { id: string };
    };
    workspaceId = made.workspace.id;
    const ws = `/api/v1/w/${workspaceId}`;
    taskIds.push(...(await makePhasedPlan((url, body) => call(client, 'POST', url, body), ws, taskCount)));
  } finally {
    await server.stop();
  }
}

/** User + system CPU of a process so far, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const ws = `/api/v1/w/${workspaceId}`;
const operations: { name: string; url: (index: number) => string }[] = [
  { name: '/healthz', url: () => '/healthz' },
  { name: 'one task by id', url: (index) => `${ws}/tasks/${taskIds[(index * 7) % taskIds.length]}` },
  { name: 'a page of 50 tasks', url: () => `${ws}/tasks?sort=due&limit=50` },
];
const only = args.string('only');
if (only !== undefined && !operations.some((operation) => operation.name === only))
  throw new Error(`--only: one of ${operations.map((operation) => operation.name).join(', ')}`);
type Figures = { cpu: number[]; median: number[] };
const results = new Map<string, Figures>();
const loads: string[] = [os.loadavg()[0]?.toFixed(1) ?? ''];

for (let round = 0; round < rounds; round += 1) {
  for (const side of ['before', 'after'] as const) {
    const target = await newTarget(`${side}_${round}`, template);
    const server = await startServer(target, { root: roots[side] });
    try {
      const client = { base: server.baseUrl, session: await signIn(server.baseUrl, email, password) };
      for (const operation of operations) {
        if (only !== undefined && operation.name !== only) continue;
        for (let index = 0; index < warmup; index += 1) await call(client, 'GET', operation.url(index));
        const times: number[] = [];
        const cpuBefore = cpuMs(server.pid ?? 0);
        for (let index = 0; index < requests; index += 1) {
          const started = performance.now();
          await call(client, 'GET', operation.url(index));
          times.push(performance.now() - started);
        }
        const cpu = (cpuMs(server.pid ?? 0) - cpuBefore) / requests;
        const key = `${operation.name}\u0000${side}`;
        const figures = results.get(key) ?? { cpu: [], median: [] };
        figures.cpu.push(cpu);
        figures.median.push(median(times));
        results.set(key, figures);
      }
    } finally {
      await server.stop();
    }
    loads.push(os.loadavg()[0]?.toFixed(1) ?? '');
  }
}

const list = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
console.log(
  `\n${db}, ${taskCount} tasks, ${requests} requests × ${rounds} rounds; load average ${loads.join(' → ')}`,
);
console.log(
  '| operation | before CPU ms | after CPU ms | CPU after ÷ before | before median ms | after median ms |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const operation of operations) {
  const a = results.get(`${operation.name}\u0000before`);
  const b = results.get(`${operation.name}\u0000after`);
  if (!a || !b) continue;
  console.log(
    `| ${operation.name} | ${list(a.cpu)} | ${list(b.cpu)} | ${(mean(b.cpu) / mean(a.cpu)).toFixed(2)} | ` +
      `${list(a.median)} | ${list(b.median)} |`,
  );
}

// --keep-template DIR: the SQLite workspace kept for a look afterwards (its user: printed below).
const keep = args.string('keep-template');
if (keep && db === 'sqlite') {
  cpSync(template.dataDir, path.resolve(keep), { recursive: true });
  console.log(`workspace ${workspaceId} kept in ${keep} (${email} / ${password})`);
}
rmSync(scratch, { recursive: true, force: true });
for (const name of pgNames) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
