// `npx tsx bench/plan-health.ts --workspace ID --email E [--db sqlite|postgres] [--data-dir DIR] [--server-root DIR]
//    [--starts 2] [--pause-ms 0] [--label after]`
//
// Plan health's first request after each start of the server on a generated workspace (`npm run bench:data`): the
// first start may find nothing stored, the next ones are restarts on the same database. For each start: the time
// to the first answer and whether it was stale, the slowest /healthz meanwhile (asked every 50 ms), the server's
// RSS before and after the answer and its peak until the answer is fresh again (polled every 500 ms), and the time
// until then. A large plan's first answer (nothing stored) comes back `computing` with its progress at once: the
// bench polls like the page until the answer is there (`freshAfterMs`, with the progress seen on the way).
// `--pause-ms` waits between starts (65000: the stored answer is over a minute old, so stale). Reports,
// no assertion. `--server-root` serves another checkout's build (the code before a change).
import { parseArgs } from './lib/args.ts';
import { installCleanup, residentMb, sampleRss, sleep } from './lib/children.ts';
import { signIn, startServer } from './lib/server.ts';
import { resolveTarget } from './lib/target.ts';
import { BENCH_PASSWORD } from './data/workspace.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const workspaceId = args.string('workspace');
const email = args.string('email');
if (!workspaceId || !email) throw new Error('--workspace and --email: what `npm run bench:data` printed');
const target = resolveTarget(args, 'large');
const root = args.string('server-root');
const starts = args.number('starts', 2);
const pauseMs = args.number('pause-ms', 0);

type Answer = {
  stale?: boolean;
  computing?: boolean;
  progress?: { done: number; total: number } | null;
  computedAt?: number | null;
  score: number;
};

/** Asks /healthz every 50 ms until stopped; returns the slowest answer in ms. */
function probeHealthz(baseUrl: string): () => Promise<number> {
  let slowest = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${baseUrl}/healthz`).then((response) => response.arrayBuffer());
      slowest = Math.max(slowest, performance.now() - started);
      await sleep(50);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return slowest;
  };
}

const results = [];
for (let start = 1; start <= starts; start += 1) {
  if (start > 1) await sleep(pauseMs);
  const server = await startServer(target, root ? { root } : {});
  try {
    const rssStarted = residentMb(server.pid);
    const session = await signIn(server.baseUrl, email, BENCH_PASSWORD);
    const ask = async () => {
      const started = performance.now();
      const response = await fetch(`${server.baseUrl}/api/v1/w/${workspaceId}/plan/health`, {
        headers: { cookie: session.cookie, 'accept-encoding': 'br, gzip' },
      });
      const body = (await response.json()) as Answer;
      if (!response.ok) throw new Error(`plan health: ${response.status}`);
      return { ms: performance.now() - started, body };
    };
    const peak = sampleRss(server.pid);
    const stopProbe = probeHealthz(server.baseUrl);
    const first = await ask();
    const rssAnswered = residentMb(server.pid);
    const slowestHealthz = await stopProbe();
    // The answer a stale one promised: polled as the page does, until it is current.
    const fresh = performance.now();
    let polls = 0;
    let last = first;
    const progressSeen: string[] = [];
    while (last.body.stale === true || last.body.computing === true) {
      if (last.body.progress) progressSeen.push(`${last.body.progress.done}/${last.body.progress.total}`);
      await sleep(500);
      last = await ask();
      polls += 1;
    }
    const result = {
      start,
      firstMs: Math.round(first.ms),
      firstStale: first.body.stale ?? null,
      firstComputing: first.body.computing ?? null,
      progressSeen: progressSeen.filter((_, index) => index % 10 === 0),
      slowestHealthzMs: Math.round(slowestHealthz),
      freshAfterMs: polls > 0 ? Math.round(performance.now() - fresh) : 0,
      nextMs: Math.round((await ask()).ms),
      rssMb: {
        started: Math.round(rssStarted ?? 0),
        answered: Math.round(rssAnswered ?? 0),
        peak: Math.round(peak() ?? 0),
        end: Math.round(residentMb(server.pid) ?? 0),
      },
    };
    console.log(JSON.stringify(result));
    results.push(result);
  } finally {
    await server.stop();
  }
}
console.log(JSON.stringify({ label: args.string('label') ?? null, root: root ?? null, results }, null, 2));
