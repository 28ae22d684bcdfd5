// Notifications under load (issue #11), each figure a ratio to a bare baseline measured in the same run:
//   1. SSE fan-out: one event to 500 members, each with a browser stream open — from the event's emit until the
//      last stream received it, through the real pipeline (outbox → dispatch job → rules → inbox rows → live bus
//      → SSE) ÷ a bare node:http server writing one message to 500 open streams. On PostgreSQL also with the
//      streams on a second app instance (LISTEN/NOTIFY carries the messages).
//   2. Delivery drain: 10,000 queued chat deliveries (rows and `notifications.deliver` jobs, as the dispatcher
//      writes them) drained by the scheduler against a local webhook receiver: deliveries per second ÷ a bare loop
//      POSTing the same signed bodies at the same concurrency; the receiver counts every event id, so none lost
//      and none duplicated is checked, not assumed. On PostgreSQL with one and with two app instances.
//
// npm run bench:notifications -- [--subscribers 500] [--rounds 5] [--deliveries 10000]
//                                [--postgres | --database-url postgres://postgres@127.0.0.1:5432/opsplan_bench]
// SQLite in a scratch folder data/bench-notifications-<pid>; PostgreSQL in a scratch database
// `<name>_notifications`; both removed afterwards. Results: bench/results/<date>-notifications.json.
import http from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { buildChatRequest } from '../src/server/notifications/chat.ts';
import { DELIVER_JOB } from '../src/server/notifications/service.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { newId } from '../src/db/ids.ts';
import { hashSecret, newSecret } from '../src/server/secrets.ts';
import { insertRows } from './data/insert.ts';
import { parseArgs } from './lib/args.ts';
import { installCleanup, sleep, spawnTs, stop, waitForLine } from './lib/children.ts';
import { fixed, printTable, type Row } from './lib/report.ts';
import { signIn, startServer, type Session } from './lib/server.ts';
import { DEFAULT_DATABASE_URL, ensureDatabaseExists, type Target } from './lib/target.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const subscribers = args.number('subscribers', 500);
const rounds = args.number('rounds', 5);
const deliveries = args.number('deliveries', 10_000);
const postgresUrl =
  args.string('database-url') ??
  (args.flag('postgres') ? (process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) : undefined);
const PASSWORD = 'bench-notifications-1';
const CHILD = 'bench/lib/notify-children.ts';
const scratchDir = path.resolve('data', `bench-notifications-${process.pid}`);
mkdirSync(scratchDir, { recursive: true });

const now = () => performance.timeOrigin + performance.now();
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

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

function writeJson(name: string, value: unknown): string {
  const file = path.join(scratchDir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** Reads ROUND lines from the SSE client child, one promise per round. */
function roundReader(child: ChildProcess) {
  const waiting: Array<(value: { first: number; last: number }) => void> = [];
  const done: Array<{ first: number; last: number }> = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer | string) => {
    buffer += chunk.toString();
    let end = buffer.indexOf('\n');
    while (end >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const match = /^ROUND (\S+) (\S+)/.exec(line);
      if (match) {
        const value = { first: Number(match[1]), last: Number(match[2]) };
        const resolve = waiting.shift();
        if (resolve) resolve(value);
        else done.push(value);
      }
      end = buffer.indexOf('\n');
    }
  });
  return () =>
    new Promise<{ first: number; last: number }>((resolve, reject) => {
      const ready = done.shift();
      if (ready) return resolve(ready);
      const timer = setTimeout(
        () => reject(new Error('the streams did not all receive within 60 s')),
        60_000,
      );
      waiting.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
}

async function openClients(url: string, cookies: readonly string[]) {
  const child = spawnTs(CHILD, ['sse', writeJson(`sse-${Date.now()}.json`, { url, cookies })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const next = roundReader(child);
  await waitForLine(child, /READY/, 120_000);
  return { child, next };
}

// ——— 1. The bare SSE broadcast: the floor under any fan-out ———

async function bareFanOut(payloadBytes: number) {
  const streams = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write('retry: 3000\n\nevent: ready\ndata: {"unread":0}\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bare server not on TCP');
  const cookies = Array.from({ length: subscribers }, (_, index) => `c=${index}`);
  const clients = await openClients(`http://127.0.0.1:${address.port}/stream`, cookies);
  const data = JSON.stringify({ id: 'x', text: 'x'.repeat(Math.max(0, payloadBytes - 20)) });
  const samples: number[] = [];
  for (let index = 0; index < rounds + 1; index += 1) {
    const started = now();
    for (const stream of streams) stream.write(`event: notification\ndata: ${data}\n\n`);
    const { last } = await clients.next();
    if (index > 0) samples.push(last - started); // the first round warms up
    await sleep(200);
  }
  await stop(clients.child);
  for (const stream of streams) stream.end();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return samples;
}

// ——— The app ———

type Seeded = {
  baseUrl: string;
  workspaceId: string;
  ownerId: string;
  session: Session;
  memberIds: string[];
  cookies: string[];
};

async function seed(app: Awaited<ReturnType<typeof buildApp>>, baseUrl: string): Promise<Seeded> {
  const email = `bench-notify-${process.pid}@example.com`;
  const signedUp = await postJson<{ user: { id: string } }>(baseUrl, null, '/auth/signup', {
    email,
    name: '通知压测',
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const session = await signIn(baseUrl, email, PASSWORD);
  const { workspace } = await postJson<{ workspace: { id: string } }>(baseUrl, session, '/workspaces', {
    name: 'OpsPlan bench · notifications',
  });
  // 500 members with a session each, written directly: signing up 500 people would time scrypt, not fan-out.
  const at = Date.now();
  const members = Array.from({ length: subscribers }, (_, index) => ({
    id: newId(at),
    token: newSecret(),
    index,
  }));
  const db = app.services.db;
  await insertRows(
    db,
    'users',
    7,
    members.map((member) => ({
      id: member.id,
      email: `member-${member.index}-${process.pid}@example.com`,
      name: `成员 ${member.index}`,
      password_hash: 'not-used',
      locale: 'zh-CN',
      created_at: at,
      updated_at: at,
    })),
  );
  await insertRows(
    db,
    'memberships',
    6,
    members.map((member) => ({
      workspace_id: workspace.id,
      user_id: member.id,
      role: 'member',
      title: null,
      weekly_capacity_hours: 40,
      created_at: at,
    })),
  );
  await insertRows(
    db,
    'sessions',
    8,
    members.map((member) => ({
      id: hashSecret(member.token),
      user_id: member.id,
      csrf_token: newSecret(24),
      created_at: at,
      last_seen_at: at,
      expires_at: at + 30 * 86_400_000,
      ip: null,
      user_agent: null,
    })),
  );
  return {
    baseUrl,
    workspaceId: workspace.id,
    ownerId: signedUp.user.id,
    session,
    memberIds: members.map((member) => member.id),
    cookies: members.map((member) => `opsplan_session=${member.token}`),
  };
}

/** One event to every member, through the real pipeline; the clock runs from the emit to the last stream. */
async function appFanOut(
  app: Awaited<ReturnType<typeof buildApp>>,
  seeded: Seeded,
  streamBase: string,
): Promise<number[]> {
  const clients = await openClients(
    `${streamBase}/api/v1/w/${seeded.workspaceId}/notifications/stream`,
    seeded.cookies,
  );
  const samples: number[] = [];
  for (let index = 0; index < rounds + 1; index += 1) {
    const started = now();
    await app.services.db.transaction().execute(async (trx) => {
      await app.services.outbox.emit(trx, {
        workspaceId: seeded.workspaceId,
        type: 'meeting.agenda_ready',
        payload: {
          meetingId: `bench-${index}`,
          title: '运营周会',
          date: '2026-12-07',
          time: '10:00',
          count: 7,
          decisions: 0,
          actions: 0,
          attendeeIds: seeded.memberIds,
          actorId: seeded.ownerId,
        },
      });
    });
    while ((await app.services.scheduler.runDue()) > 0);
    const { last } = await clients.next();
    if (index > 0) samples.push(last - started);
    await sleep(200);
  }
  await stop(clients.child);
  return samples;
}

// ——— 2. Delivery drain ———

type Receiver = {
  url: string;
  received: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
  waitFor(count: number): Promise<number>;
};

async function startReceiver(): Promise<Receiver> {
  const received = new Map<string, number>();
  let total = 0;
  let waiter: { count: number; resolve: (at: number) => void } | null = null;
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const eventId = (JSON.parse(body) as { eventId?: string }).eventId ?? '';
      received.set(eventId, (received.get(eventId) ?? 0) + 1);
      total += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
      if (waiter && total >= waiter.count) {
        waiter.resolve(now());
        waiter = null;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('receiver not on TCP');
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    received,
    reset() {
      received.clear();
      total = 0;
      waiter = null;
    },
    waitFor(count) {
      if (total >= count) return Promise.resolve(now());
      return new Promise((resolve) => {
        waiter = { count, resolve };
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Queued = { eventIds: string[]; targetId: string; secret: string };

/** Rows as the dispatcher writes them for a routed chat group: a delivery and its job, keyed by the delivery. */
async function queueDeliveries(
  app: Awaited<ReturnType<typeof buildApp>>,
  seeded: Seeded,
  target: { id: string; secret: string },
): Promise<Queued> {
  const at = app.services.now();
  const rows = Array.from({ length: deliveries }, (_, index) => ({
    id: newId(at),
    eventId: newId(at),
    index,
  }));
  await insertRows(
    app.services.db,
    'notification_deliveries',
    18,
    rows.map((row) => ({
      id: row.id,
      workspace_id: seeded.workspaceId,
      dedupe_key: `chat:${row.eventId}:${target.id}`,
      event_id: row.eventId,
      channel: 'chat',
      notification_id: null,
      recipient_id: null,
      target_id: target.id,
      event_type: 'meeting.agenda_ready',
      data: JSON.stringify({
        title: '运营周会',
        date: '2026-12-07',
        time: '10:00',
        count: 7,
        link: `/w/${seeded.workspaceId}/meetings/m-${row.index}`,
      }),
      status: 'queued',
      send_after: at,
      attempts: 0,
      response_code: null,
      last_error: null,
      sent_at: null,
      created_at: at,
      updated_at: at,
    })),
  );
  await insertRows(
    app.services.db,
    'jobs',
    15,
    rows.map((row) => ({
      id: newId(at),
      name: DELIVER_JOB,
      payload: JSON.stringify({ deliveryId: row.id }),
      key: `delivery:${row.id}`,
      cron: null,
      status: 'queued',
      run_at: at,
      attempts: 0,
      max_attempts: 8,
      last_error: null,
      locked_by: null,
      locked_until: null,
      created_at: at,
      updated_at: at,
    })),
  );
  return { eventIds: rows.map((row) => row.eventId), targetId: target.id, secret: target.secret };
}

async function drainWith(instances: number, target: Target, receiver: Receiver, queued: Queued) {
  receiver.reset();
  const file = writeJson(`drain-${Date.now()}.json`, target);
  const children = Array.from({ length: instances }, () =>
    spawnTs(CHILD, ['drain', file], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  await Promise.all(children.map((child) => waitForLine(child, /READY/, 120_000)));
  const started = now();
  for (const child of children) child.stdin?.write('GO\n');
  const finished = await receiver.waitFor(queued.eventIds.length);
  const jobs = await Promise.all(
    children.map((child) => waitForLine(child, /DONE (\d+)/, 120_000).then((match) => Number(match[1]))),
  );
  for (const child of children) await stop(child);
  const seconds = (finished - started) / 1000;
  let lost = 0;
  let duplicated = 0;
  for (const eventId of queued.eventIds) {
    const count = receiver.received.get(eventId) ?? 0;
    if (count === 0) lost += 1;
    if (count > 1) duplicated += count - 1;
  }
  return {
    instances,
    seconds: round(seconds, 2),
    perSecond: round(queued.eventIds.length / seconds, 0),
    lost,
    duplicated,
    jobsRun: jobs,
  };
}

async function barePost(concurrency: number, receiver: Receiver, queued: Queued, seeded: Seeded) {
  receiver.reset();
  const at = Date.now();
  const requests = queued.eventIds.map((eventId, index) =>
    buildChatRequest(
      { kind: 'webhook', url: receiver.url, secret: queued.secret },
      {
        eventId,
        eventType: 'meeting.agenda_ready',
        title: '「运营周会」（2026-12-07 10:00）的议程：共 7 项',
        url: `http://127.0.0.1/w/${seeded.workspaceId}/meetings/m-${index}`,
        linkLabel: '在 OpsPlan 中查看',
        createdAt: at,
      },
      at,
    ),
  );
  const child = spawnTs(CHILD, ['post', writeJson(`post-${Date.now()}.json`, { concurrency, requests })], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await waitForLine(child, /READY/, 60_000);
  const started = now();
  child.stdin?.write('GO\n');
  const finished = await receiver.waitFor(requests.length);
  await waitForLine(child, /DONE/, 120_000).catch(() => undefined);
  await stop(child);
  const seconds = (finished - started) / 1000;
  return { concurrency, seconds: round(seconds, 2), perSecond: round(requests.length / seconds, 0) };
}

// ——— Per database ———

async function scratchTarget(
  dialect: 'sqlite' | 'postgres',
): Promise<{ target: Target; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dataDir = path.join(scratchDir, 'sqlite');
    mkdirSync(dataDir, { recursive: true });
    return { target: { dialect, dataDir, databaseUrl: undefined }, drop: async () => undefined };
  }
  const url = new URL(postgresUrl ?? DEFAULT_DATABASE_URL);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error(`benchmarks only touch 127.0.0.1: refusing ${url.hostname}`);
  }
  url.pathname = `${url.pathname}_notifications`;
  const target: Target = { dialect, dataDir: scratchDir, databaseUrl: url.toString() };
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

async function measure(dialect: 'sqlite' | 'postgres') {
  console.log(`\n${dialect}`);
  const scratch = await scratchTarget(dialect);
  const app = await buildApp(
    loadConfig(
      {
        dataDir: scratch.target.dataDir,
        databaseUrl: scratch.target.databaseUrl,
        webDir: null,
        logLevel: 'error',
        runScheduler: false,
      },
      {},
    ),
  );
  const receiver = await startReceiver();
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the app is not listening on TCP');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const seeded = await seed(app, baseUrl);

    console.log(`  SSE fan-out to ${subscribers} streams × ${rounds} rounds (+1 warm-up)`);
    const appSamples = await appFanOut(app, seeded, baseUrl);
    const bareSamples = await bareFanOut(260);
    const fanOut: Record<string, unknown> = {
      subscribers,
      appMedianMs: round(median(appSamples)),
      bareMedianMs: round(median(bareSamples)),
      ratio: round(median(appSamples) / median(bareSamples)),
      appSamplesMs: appSamples.map((value) => round(value)),
      bareSamplesMs: bareSamples.map((value) => round(value)),
    };
    if (dialect === 'postgres') {
      // The streams on a second instance: the event is dispatched here, the messages cross by NOTIFY.
      const second = await startServer(scratch.target);
      try {
        const crossSamples = await appFanOut(app, seeded, second.baseUrl);
        fanOut.otherInstanceMedianMs = round(median(crossSamples));
        fanOut.otherInstanceRatio = round(median(crossSamples) / median(bareSamples));
        fanOut.otherInstanceSamplesMs = crossSamples.map((value) => round(value));
      } finally {
        await second.stop();
      }
    }

    console.log(`  ${deliveries.toLocaleString('en-US')} chat deliveries against a local receiver`);
    const { target: chatTarget } = await postJson<{ target: { id: string } }>(
      baseUrl,
      seeded.session,
      `/w/${seeded.workspaceId}/chat-targets`,
      {
        name: '压测接收端',
        kind: 'webhook',
        url: receiver.url,
        secret: 'bench-secret',
        eventTypes: ['meeting.agenda_ready'],
      },
    );
    const drains: Array<Awaited<ReturnType<typeof drainWith>> & Record<string, unknown>> = [];
    const bare: Array<Awaited<ReturnType<typeof barePost>>> = [];
    for (const instances of dialect === 'postgres' ? [1, 2] : [1]) {
      const queued = await queueDeliveries(app, seeded, { id: chatTarget.id, secret: 'bench-secret' });
      const drained = await drainWith(instances, scratch.target, receiver, queued);
      const sent = await app.services.db
        .selectFrom('notification_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('target_id', '=', chatTarget.id)
        .where('status', '=', 'sent')
        .executeTakeFirst();
      const allRowsSent: boolean = Number(sent?.count ?? 0) === deliveries * (drains.length + 1);
      const floor = await barePost(instances, receiver, queued, seeded);
      drains.push({
        ...drained,
        allRowsSent,
        floorPerSecond: floor.perSecond,
        ratio: round(drained.perSecond / floor.perSecond),
      });
      bare.push(floor);
    }
    const result: Record<string, unknown> = { fanOut, drain: drains, bare };
    if (drains.length === 2) {
      const [one, two] = drains;
      result.twoInstancesRatio = round((two?.perSecond ?? 0) / (one?.perSecond ?? 1));
    }
    return result;
  } finally {
    await receiver.close();
    await app.close();
    await scratch.drop();
  }
}

const started = Date.now();
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  load: loadavg().map((value) => round(value)),
  subscribers,
  rounds,
  deliveries,
  sqlite: await measure('sqlite'),
};
if (postgresUrl) results.postgres = await measure('postgres');
rmSync(scratchDir, { recursive: true, force: true });

const rows: Row[] = [];
for (const dialect of ['sqlite', 'postgres'] as const) {
  const result = results[dialect] as
    { fanOut: Record<string, number>; drain: Array<Record<string, number>> } | undefined;
  if (!result) continue;
  rows.push([
    dialect,
    `SSE fan-out to ${subscribers}`,
    `${fixed(result.fanOut.appMedianMs)} ms`,
    `${fixed(result.fanOut.bareMedianMs)} ms`,
    fixed(result.fanOut.ratio, 2),
    '—',
  ]);
  if (result.fanOut.otherInstanceMedianMs !== undefined) {
    rows.push([
      dialect,
      'SSE fan-out, streams on instance 2',
      `${fixed(result.fanOut.otherInstanceMedianMs)} ms`,
      `${fixed(result.fanOut.bareMedianMs)} ms`,
      fixed(result.fanOut.otherInstanceRatio, 2),
      '—',
    ]);
  }
  for (const drain of result.drain) {
    rows.push([
      dialect,
      `drain ${deliveries} with ${drain.instances} instance(s)`,
      `${drain.perSecond}/s`,
      `${drain.floorPerSecond}/s`,
      fixed(drain.ratio, 2),
      `lost ${drain.lost}, dup ${drain.duplicated}, rows ${drain.allRowsSent ? 'sent' : 'NOT all sent'}`,
    ]);
  }
}
printTable(
  'Notifications (ratio = app ÷ bare baseline in this run)',
  ['db', 'measure', 'app', 'bare', 'ratio', 'check'],
  rows,
);
if (results.postgres) {
  console.log(
    `two instances ÷ one (drain, PostgreSQL): ${(results.postgres as { twoInstancesRatio: number }).twoInstancesRatio}`,
  );
}
console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s`);
mkdirSync('bench/results', { recursive: true });
const out = `bench/results/${new Date().toISOString().slice(0, 10)}-notifications.json`;
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${out}`);
