// The Plan page's live preview on the large workspace (issue #15): the real server from a build (`--root`, the
// checkout whose build runs; this one by default, so a "before" checkout can be measured by the same script)
// answers GET /plan/preview while this process asks /healthz one request at a time, `--interval` ms apart.
// Reported: the preview's time and size, /healthz p50/p99/max and the server's peak RSS, per run (zh-CN, en and a
// goal's subtree); nothing asserts.
//
//   npm run build && npm run bench:plan-preview -- [--data-dir DIR] [--root DIR] [--runs 3] [--interval 10]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeTarget, ensureWorkspace } from './data/workspace.ts';
import { parseArgs } from './lib/args.ts';
import { percentile } from './lib/burst.ts';
import { installCleanup, ROOT, sampleRss, sleep } from './lib/children.ts';
import { printTable } from './lib/report.ts';
import { probeHealthzWhile, signIn, startServer } from './lib/server.ts';
import { parseScale, resolveTarget } from './lib/target.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const scale = parseScale(args.string('scale') ?? 'large');
const target = resolveTarget(args, scale);
const root = path.resolve(args.string('root') ?? ROOT);
const runs = args.number('runs', 3);
const intervalMs = args.number('interval', 10);
const label = args.string('label') ?? path.basename(root);

type Row = {
  request: string;
  run: number;
  status: number;
  previewMs: number;
  bytes: number;
  healthzN: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  peakRssMb: number | null;
};

console.log(`OpsPlan bench · plan preview · ${label} · scale ${scale} · ${describeTarget(target)}`);
const info = await ensureWorkspace(target, scale);
const server = await startServer(target, { root });
const rows: Row[] = [];
try {
  const session = await signIn(server.baseUrl, info.email, info.password);
  const requests = [
    { request: 'zh-CN', query: 'locale=zh-CN' },
    { request: 'en', query: 'locale=en' },
    { request: 'goal subtree', query: `locale=zh-CN&goalId=${info.goalId}` },
  ];
  const idle = await probeHealthzWhile(server.baseUrl, sleep(2_000), intervalMs);
  const sortedIdle = [...idle].sort((a, b) => a - b);
  rows.push({
    request: '(idle)',
    run: 0,
    status: 0,
    previewMs: 0,
    bytes: 0,
    healthzN: idle.length,
    p50Ms: percentile(sortedIdle, 0.5),
    p99Ms: percentile(sortedIdle, 0.99),
    maxMs: sortedIdle.at(-1) ?? 0,
    peakRssMb: null,
  });
  for (let run = 1; run <= runs; run += 1) {
    for (const { request, query } of requests) {
      const peak = sampleRss(server.pid);
      const started = performance.now();
      const preview = fetch(`${server.baseUrl}/api/v1/w/${info.workspaceId}/plan/preview?${query}`, {
        headers: { cookie: session.cookie },
        signal: AbortSignal.timeout(300_000),
      }).then(async (response) => ({
        status: response.status,
        bytes: (await response.arrayBuffer()).byteLength,
        ms: performance.now() - started,
      }));
      const latencies = (await probeHealthzWhile(server.baseUrl, preview, intervalMs)).sort((a, b) => a - b);
      const answer = await preview;
      rows.push({
        request,
        run,
        status: answer.status,
        previewMs: answer.ms,
        bytes: answer.bytes,
        healthzN: latencies.length,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        maxMs: latencies.at(-1) ?? 0,
        peakRssMb: peak(),
      });
      await sleep(1_000);
    }
  }
} finally {
  await server.stop();
}
printTable(
  `GET /plan/preview on the ${scale} workspace with /healthz beside it (${label})`,
  [
    'request',
    'run',
    'status',
    'preview ms',
    'bytes',
    '/healthz n',
    'p50 ms',
    'p99 ms',
    'max ms',
    'peak RSS MB',
  ],
  rows.map((row) => [
    row.request,
    row.run,
    row.status,
    Math.round(row.previewMs),
    row.bytes,
    row.healthzN,
    Number(row.p50Ms.toFixed(1)),
    Number(row.p99Ms.toFixed(1)),
    Number(row.maxMs.toFixed(1)),
    row.peakRssMb === null ? '—' : Math.round(row.peakRssMb),
  ]),
);
const day = new Date().toISOString().slice(0, 10);
const file = path.join(ROOT, 'bench', 'results', `${day}-plan-preview-${label}.json`);
writeFileSync(file, `${JSON.stringify({ scale, target: describeTarget(target), label, rows }, null, 2)}\n`);
console.log(`written ${path.relative(ROOT, file)}`);
