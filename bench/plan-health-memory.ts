// `npx tsx --expose-gc bench/plan-health-memory.ts --data-dir DIR --reader lean|full [--workspace ID]`
//
// What plan health's computation holds: the app is built on DIR's SQLite database (a copy: migrations run), then
// one computation of the workspace's plan health runs (computePlanHealth, `lean` = what the server runs, `full` =
// the whole plan read as the export reads it) while the process's RSS and V8 heap are sampled every 50 ms. Prints
// the peaks and the time; then, after a full GC (`--expose-gc`), the heap the read plan alone keeps alive
// (`retainedPlanMb`: what the lint works on). One reader per process, so one's garbage does not count against the
// other. Reports, no assertion.
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { computePlanHealth, readPlan } from '../src/server/plans/service.ts';
import { readHealthPlan } from '../src/server/plans/healthPlan.ts';
import { parseArgs } from './lib/args.ts';

const args = parseArgs(process.argv.slice(2));
const dataDir = args.string('data-dir');
if (!dataDir) throw new Error('--data-dir: a copy of a generated data set');
const reader = args.string('reader') === 'full' ? 'full' : 'lean';
const app = await buildApp(
  loadConfig({ dataDir, logLevel: 'silent', runScheduler: false, webDir: null }, {}),
);
const workspaceId =
  args.string('workspace') ??
  (await app.services.db.selectFrom('workspaces').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
const mb = (bytes: number) => Math.round(bytes / 1048576);
globalThis.gc?.();
const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  peakRss = Math.max(peakRss, now.rss);
  peakHeap = Math.max(peakHeap, now.heapUsed);
}, 50);
const started = performance.now();
const health = await computePlanHealth(app.services, workspaceId, 'zh-CN', { reader });
const ms = Math.round(performance.now() - started);
clearInterval(sampler);
const after = process.memoryUsage();
// The plan as read, alone: what the lint holds on to beside its own work.
globalThis.gc?.();
const bare = process.memoryUsage().heapUsed;
const read =
  reader === 'full'
    ? await readPlan(app.services, { workspaceId }, 'zh-CN', { observations: 'keyResults' })
    : await readHealthPlan(app.services, workspaceId, 'zh-CN', { onTotal: () => {}, onTasksRead: () => {} });
globalThis.gc?.();
const retainedPlanMb = mb(process.memoryUsage().heapUsed - bare);
console.log(
  JSON.stringify({
    reader,
    ms,
    score: health.score,
    findings: health.chapters.reduce((total, chapter) => total + chapter.total, 0),
    rssMb: { before: mb(before.rss), peak: mb(peakRss), after: mb(after.rss) },
    heapMb: { before: mb(before.heapUsed), peak: mb(peakHeap), after: mb(after.heapUsed) },
    retainedPlanMb,
    tasks: read.plan.tasks.length,
  }),
);
await app.close();
