// `npx tsx bench/writes.ts [--scale medium] [--db sqlite|postgres] [--duration 5] [--connections 1,16]
//                          [--server-root DIR] [--label after]`
// Write paths against the insert alone: a measurement push (three points of a KPI that key results read) and a
// goal check-in, each driven by autocannon at every connection count, paired with the bare insert of the same
// rows through the driver (prepared statement, one transaction per operation) measured just before it.
// `--server-root` runs the server of another checkout (e.g. the code before a change, `git archive` into a
// folder with a node_modules link) over the same generated workspace, so before and after share one database.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { ensureWorkspace, type WorkspaceInfo } from './data/workspace.ts';
import { parseArgs } from './lib/args.ts';
import { installCleanup, killAllChildren, ROOT } from './lib/children.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { fixed, printTable, type Row } from './lib/report.ts';
import { signIn, startServer } from './lib/server.ts';
import { openTarget, parseScale, resolveTarget, sqliteFile } from './lib/target.ts';

const args = parseArgs(process.argv.slice(2));
const scale = parseScale(args.string('scale') ?? 'medium');
const target = resolveTarget(args, scale);
const durationSeconds = args.number('duration', 5);
const levels = (args.string('connections') ?? '1,16').split(',').map(Number);
const serverRoot = path.resolve(args.string('server-root') ?? ROOT);
const label = args.string('label') ?? (serverRoot === ROOT ? 'current' : path.basename(serverRoot));

const NOTE = '压测打卡 · benchmark check-in';

type Bare = { opsPerSecond: number; p50Ms: number };
type Operation = { sql: string; parameters: () => unknown[] };

function day(anchor: string, offset: number): string {
  const date = new Date(`${anchor}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

/** The rows each write inserts, as one statement with the app's columns. */
async function operations(info: WorkspaceInfo): Promise<Record<'push' | 'checkIn', Operation>> {
  const handle = openTarget(target);
  try {
    const kpi = await handle.db
      .selectFrom('kpis')
      .select('id')
      .where('workspace_id', '=', info.workspaceId)
      .where('key', '=', info.pushKpiKey)
      .executeTakeFirstOrThrow();
    const user = await handle.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', info.email)
      .executeTakeFirstOrThrow();
    const pgStyle = target.dialect === 'postgres';
    let index = 0;
    const slot = () => (pgStyle ? `$${(index += 1)}` : '?');
    const values = [1, 2, 3].map(() => `(${Array.from({ length: 8 }, slot).join(', ')})`).join(', ');
    const push = {
      sql:
        `INSERT INTO measurements (kpi_id, period, workspace_id, value, source, created_by, created_at, updated_at) ` +
        `VALUES ${values} ON CONFLICT (kpi_id, period) DO UPDATE SET value = excluded.value, ` +
        `source = excluded.source, created_by = excluded.created_by, updated_at = excluded.updated_at`,
      parameters: () => {
        const now = Date.now();
        return [1, 2, 3].flatMap((offset) => [
          kpi.id,
          day(info.anchorDay, offset),
          info.workspaceId,
          300 + offset,
          'api',
          user.id,
          now,
          now,
        ]);
      },
    };
    index = 0;
    const checkIn = {
      sql:
        `INSERT INTO check_ins (id, workspace_id, goal_id, author_id, progress, confidence, note, blockers, created_at) ` +
        `VALUES (${Array.from({ length: 9 }, slot).join(', ')})`,
      parameters: () => [
        randomUUID(),
        info.workspaceId,
        info.goalId,
        user.id,
        0.5,
        7,
        NOTE,
        null,
        Date.now(),
      ],
    };
    return { push, checkIn };
  } finally {
    await handle.destroy();
  }
}

/** The insert alone, through the driver, one transaction per operation, for `durationSeconds`. */
async function bareInsert(operation: Operation, connections: number): Promise<Bare> {
  const latencies: number[] = [];
  const deadline = performance.now() + durationSeconds * 1000;
  const started = performance.now();
  if (target.dialect === 'sqlite') {
    // One connection, as the app's: concurrency does not apply to SQLite's single writer.
    const db = new SQLite(sqliteFile(target));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const statement = db.prepare(operation.sql);
    const run = db.transaction((parameters: unknown[]) => statement.run(...parameters));
    while (performance.now() < deadline) {
      const at = performance.now();
      run(operation.parameters());
      latencies.push(performance.now() - at);
    }
    db.close();
  } else {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: Math.min(10, connections) });
    const worker = async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        await pool.query(operation.sql, operation.parameters());
        latencies.push(performance.now() - at);
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    await pool.end();
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    opsPerSecond: (latencies.length * 1000) / elapsed,
    p50Ms: latencies[Math.floor(latencies.length / 2)] ?? 0,
  };
}

async function removeWrites(info: WorkspaceInfo, since: number): Promise<void> {
  const handle = openTarget(target);
  try {
    await handle.db
      .deleteFrom('check_ins')
      .where('workspace_id', '=', info.workspaceId)
      .where('note', '=', NOTE)
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
  } finally {
    await handle.destroy();
  }
}

async function main(): Promise<void> {
  installCleanup();
  const loadAverage = os.loadavg().map((value) => Math.round(value * 100) / 100);
  console.log(
    `Writes · ${label} · scale ${scale} · ${target.dialect} · load average ${loadAverage.join(' / ')}`,
  );
  const info = await ensureWorkspace(target, scale);
  const ops = await operations(info);
  const since = Date.now();
  const server = await startServer(target, { root: serverRoot, env: { OPSPLAN_FROM_SOURCE: '1' } });
  const results: Record<string, Record<string, { app: LoadResult; bare: Bare; appToBareRatio: number }>> = {};
  try {
    const session = await signIn(server.baseUrl, info.email, info.password);
    const headers = {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': 'application/json',
      'accept-language': 'zh-CN',
    };
    const ws = `${server.baseUrl}/api/v1/w/${info.workspaceId}`;
    const endpoints = [
      {
        name: 'measurement push',
        url: `${ws}/kpis/${info.pushKpiKey}/measurements`,
        body: JSON.stringify({
          points: [1, 2, 3].map((offset) => ({ period: day(info.anchorDay, offset), value: 300 + offset })),
        }),
        bare: ops.push,
      },
      {
        name: 'goal check-in',
        url: `${ws}/goals/${info.goalId}/check-ins`,
        body: JSON.stringify({ note: NOTE, confidence: 7, blockers: null }),
        bare: ops.checkIn,
      },
    ];
    for (const endpoint of endpoints) {
      const first = await fetch(endpoint.url, { method: 'POST', headers, body: endpoint.body });
      const bytes = (await first.text()).length;
      if (!first.ok) throw new Error(`${endpoint.name}: ${first.status}`);
      console.log(`\n${endpoint.name}: ${bytes.toLocaleString('en-US')} bytes answered`);
      const byLevel: (typeof results)[string] = {};
      results[endpoint.name] = byLevel;
      for (const connections of levels) {
        const bare = await bareInsert(endpoint.bare, connections);
        const app = await runLoad(
          {
            url: endpoint.url,
            connections,
            durationSeconds,
            method: 'POST',
            body: endpoint.body,
            headers,
          },
          [server.pid],
        );
        const appToBareRatio = app.requestsPerSecond / bare.opsPerSecond;
        byLevel[String(connections)] = { app, bare, appToBareRatio };
        console.log(
          `  c=${connections}: ${app.requestsPerSecond.toFixed(1)} req/s (p50 ${app.p50Ms} ms, non-2xx ${app.non2xx}) · bare insert ${bare.opsPerSecond.toFixed(0)} op/s · ratio ${appToBareRatio.toFixed(4)}`,
        );
      }
    }
  } finally {
    await server.stop();
    await removeWrites(info, since);
  }
  const rows: Row[] = Object.entries(results).flatMap(([name, byLevel]) =>
    Object.entries(byLevel).map(([connections, result]) => [
      name,
      connections,
      fixed(result.app.requestsPerSecond),
      result.app.p50Ms,
      result.app.p99Ms,
      result.app.non2xx,
      fixed(result.bare.opsPerSecond, 0),
      fixed(result.appToBareRatio, 4),
    ]),
  );
  printTable(
    `Writes (${label}, ${scale}, ${target.dialect})`,
    ['write', 'c', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'bare insert op/s', 'app ÷ bare'],
    rows,
  );
  const outDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(
    outDir,
    `${new Date().toISOString().slice(0, 10)}-writes-${label}-${scale}-${target.dialect}.json`,
  );
  writeFileSync(
    file,
    `${JSON.stringify({ label, scale, dialect: target.dialect, loadAverage, loadAverageAtEnd: os.loadavg(), results }, null, 2)}\n`,
  );
  console.log(`\nWrote ${path.relative(ROOT, file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  killAllChildren();
  process.exitCode = 1;
});
