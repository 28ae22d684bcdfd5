// `npm run bench:startup -- [--runs 15] [--data-dir DIR]`: how long `opsplan` takes to start, against `node -e 0`
// measured in the same run. Each command runs from the build (dist/server, what `npm start` and the bin use) and
// from the sources through tsx (OPSPLAN_FROM_SOURCE=1, what the bin did before the build existed); the runs are
// interleaved so a busy machine slows every variant alike. Then the server: spawn → first 200 from /healthz, on
// an existing data folder (--data-dir, e.g. data/bench-medium) or a fresh one migrated by a first start.
// The built server's RSS at idle (2 s after its first answer) beside an idle `node -e`.
// Results: bench/results/<date>-startup.json. Run `npm run build` first (the bench refuses a missing build).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from './lib/args.ts';
import { freePort, installCleanup, residentMb, ROOT, sleep, track } from './lib/children.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const runs = args.number('runs', 15);
const BIN = path.join(ROOT, 'bin', 'opsplan.js');
if (!existsSync(path.join(ROOT, 'dist', 'server', 'main.js'))) {
  console.error('No build in dist/server: run `npm run build` (or `npm run build:server`) first.');
  process.exit(2);
}

const SMART = 'Raise weekly active users from 10000 to 12000 by 2027-03-31';
type Variant = { name: string; argv: string[]; fromSource?: boolean };
const VARIANTS: Variant[] = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'opsplan --help (build)', argv: [BIN, '--help'] },
  { name: 'opsplan smart … (build)', argv: [BIN, 'smart', '--lang', 'en', SMART] },
  { name: 'opsplan --help (sources, tsx)', argv: [BIN, '--help'], fromSource: true },
  { name: 'opsplan smart … (sources, tsx)', argv: [BIN, 'smart', '--lang', 'en', SMART], fromSource: true },
];

function env(fromSource: boolean | undefined): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env };
  if (fromSource) result.OPSPLAN_FROM_SOURCE = '1';
  else delete result.OPSPLAN_FROM_SOURCE;
  return result;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function timeOnce(variant: Variant): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, variant.argv, { env: env(variant.fromSource), stdio: 'ignore' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  // smart exits 1 when the goal has findings; anything else is a broken command.
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${variant.name} exited with ${result.status}`);
  return elapsed;
}

// RSS is read this long after the first 200 from /healthz: the server at idle (issue #15: ≤ 150 MB on medium).
const IDLE_MS = 2000;

async function serverStart(
  dataDir: string,
  fromSource: boolean,
): Promise<{ ms: number; idleRssMb: number | null }> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = track(
    spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      env: {
        ...env(fromSource),
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        OPSPLAN_SCHEDULER: 'off',
      },
      stdio: 'ignore',
    }),
  );
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      await sleep(5);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    await sleep(IDLE_MS);
    return { ms, idleRssMb: residentMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const load = os.loadavg()[0] ?? 0;
const times = new Map<string, number[]>(VARIANTS.map((variant) => [variant.name, []]));
for (const variant of VARIANTS) timeOnce(variant); // warm the file cache
for (let run = 0; run < runs; run += 1) {
  for (const variant of VARIANTS) times.get(variant.name)?.push(timeOnce(variant));
}
const nodeMedian = median(times.get('node -e 0') ?? []);
const commands = VARIANTS.map((variant) => {
  const ms = median(times.get(variant.name) ?? []);
  return { name: variant.name, medianMs: Math.round(ms), timesNode: Number((ms / nodeMedian).toFixed(2)) };
});

const given = args.string('data-dir');
const dataDir = given ? path.resolve(given) : mkdtempSync(path.join(os.tmpdir(), 'opsplan-startup-'));
const serverRuns = Math.max(3, Math.round(runs / 3));
await serverStart(dataDir, false); // migrates a fresh folder; warms the cache
const serverTimes = { build: [] as number[], sources: [] as number[] };
const idleRss: number[] = [];
for (let run = 0; run < serverRuns; run += 1) {
  const build = await serverStart(dataDir, false);
  serverTimes.build.push(build.ms);
  if (build.idleRssMb !== null) idleRss.push(build.idleRssMb);
  serverTimes.sources.push((await serverStart(dataDir, true)).ms);
}
// The baseline for memory: a Node process that loads nothing and waits.
const bare = track(spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }));
await sleep(IDLE_MS);
const bareRssMb = residentMb(bare.pid);
bare.kill('SIGTERM');
if (!given) rmSync(dataDir, { recursive: true, force: true });
const server = {
  dataDir: given ?? '(fresh, migrated)',
  buildMs: Math.round(median(serverTimes.build)),
  sourcesMs: Math.round(median(serverTimes.sources)),
  idleRssMb: Math.round(median(idleRss)),
  bareNodeRssMb: bareRssMb === null ? null : Math.round(bareRssMb),
};

console.log(`load average ${load.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)}, ${runs} runs each\n`);
console.log('| command | median ms | × node -e 0 |\n| --- | ---: | ---: |');
for (const command of commands)
  console.log(`| ${command.name} | ${command.medianMs} | ${command.timesNode} |`);
console.log(`\nserver start → /healthz (${server.dataDir}), median of ${serverRuns}:`);
console.log(`  build ${server.buildMs} ms, sources (tsx) ${server.sourcesMs} ms`);
console.log(
  `  RSS of the built server ${IDLE_MS / 1000} s after it answered: ${server.idleRssMb} MB (an idle \`node -e\`: ${server.bareNodeRssMb} MB)`,
);

const file = path.join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-startup.json`);
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadAverage: [load, os.loadavg()[0]], runs, commands, server }, null, 2)}\n`,
);
console.log(`\n${path.relative(ROOT, file)}`);
