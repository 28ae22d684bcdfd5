// Portal submissions per second on SQLite and PostgreSQL: the real server (`node bin/opsplan.js serve`, its own
// process, scheduler off) takes anonymous portal submissions over HTTP from this process, `--concurrency` at a
// time, each address (X-Forwarded-For, TRUST_PROXY on) within the portal's allowance. The baseline, measured in
// the same run against the same server, is GET /healthz at the same concurrency: the ratio is what a submission
// (rate-limit counter, contact, item, history, nearest common issue, one transaction) costs over a bare request.
//
//   npm run bench:portal -- [--submissions 2000] [--concurrency 8] [--db sqlite,postgres]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { PORTAL_SUBMISSIONS } from '../src/server/feedback/portal.ts';
import { parseArgs } from './lib/args.ts';
import { installCleanup } from './lib/children.ts';
import { fixed, printTable, type Row } from './lib/report.ts';
import { signIn, startServer } from './lib/server.ts';
import { DEFAULT_DATABASE_URL, ensureDatabaseExists, type Target } from './lib/target.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const submissions = args.number('submissions', 2_000);
const concurrency = args.number('concurrency', 8);
const dialects = (args.string('db') ?? 'sqlite,postgres').split(',');
const PASSWORD = 'bench-portal-password';
const log = (message: string) => console.log(`[bench:portal] ${message}`);

const TEXTS = [
  ['快递太慢了', '下单五天还没收到包裹，物流信息也不更新'],
  ['退款一直没到账', '申请退货两周了，钱还没退回来'],
  ['App crashes on launch', 'Since the last update the app closes right after the splash screen'],
  ['验证码收不到', '登录时短信验证码一直收不到'],
  ['Too many notifications', 'I get push alerts at night even after turning them off'],
];

/** Runs `count` requests, `concurrency` at a time; requests per second. */
async function burst(count: number, request: (index: number) => Promise<Response>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const response = await request(index);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`request ${index}: ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - started) / 1000);
}

async function measure(dialect: string) {
  const dataDir = path.resolve('data', `bench-portal-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const target: Target =
    dialect === 'postgres'
      ? { dialect: 'postgres', dataDir, databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL }
      : { dialect: 'sqlite', dataDir, databaseUrl: undefined };
  await ensureDatabaseExists(target);
  process.env.TRUST_PROXY = 'true';
  const server = await startServer(target);
  try {
    const post = async (route: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.baseUrl}/api/v1${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const email = `bench-portal-${process.pid}-${dialect}@example.com`;
    await (
      await post('/auth/signup', { email, name: '门户压测', password: PASSWORD, locale: 'zh-CN' })
    ).text();
    const session = await signIn(server.baseUrl, email, PASSWORD);
    const created = await post(
      '/workspaces',
      { name: 'OpsPlan bench · portal' },
      { cookie: session.cookie, 'x-csrf-token': session.csrf },
    );
    const { workspace } = (await created.json()) as { workspace: { id: string } };

    // Warm-up, then the baseline and the submissions in the same run.
    await burst(200, () => fetch(`${server.baseUrl}/healthz`));
    const healthzPerSecond = await burst(submissions, () => fetch(`${server.baseUrl}/healthz`));
    log(`${dialect}: /healthz ${healthzPerSecond.toFixed(0)}/s; ${submissions} submissions…`);
    const submissionsPerSecond = await burst(submissions, (index) => {
      const [title, body] = TEXTS[index % TEXTS.length] ?? ['', ''];
      // Each address stays within its allowance per window.
      const address = `10.${Math.floor(index / PORTAL_SUBMISSIONS / 65_536) % 256}.${Math.floor(index / PORTAL_SUBMISSIONS / 256) % 256}.${Math.floor(index / PORTAL_SUBMISSIONS) % 256}`;
      return post(
        `/portal/${workspace.id}/items`,
        { title: `${title} #${index}`, body, email: `user${index % 500}@example.com` },
        { 'x-forwarded-for': address },
      );
    });
    log(`${dialect}: ${submissionsPerSecond.toFixed(0)} submissions/s`);
    return { dialect, submissions, concurrency, healthzPerSecond, submissionsPerSecond };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const loadStart = loadavg()[0] ?? 0;
const rows = [];
for (const dialect of dialects) rows.push(await measure(dialect));
const result = { date: new Date().toISOString().slice(0, 10), loadStart, loadEnd: loadavg()[0] ?? 0, rows };
printTable(
  `Portal submissions (${submissions}, ${concurrency} at a time)`,
  ['database', '/healthz per s', 'submissions per s', 'submission ÷ /healthz'],
  rows.map((row): Row => [
    row.dialect,
    Math.round(row.healthzPerSecond),
    Math.round(row.submissionsPerSecond),
    fixed(row.submissionsPerSecond / row.healthzPerSecond, 3),
  ]),
);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/${result.date}-portal.json`, `${JSON.stringify(result, null, 2)}\n`);
