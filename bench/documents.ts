// `npm run bench:documents -- [--goals 1000] [--kpis 2000] [--tasks 10000] [--people 100] [--phases md,docx]`
//
// Renders a generated plan of the medium bench workspace's size (1,000 goals, 2,000 KPIs with a year of weekly
// values, 10,000 tasks, 100 people, 10 processes with measured cases) to each format, each in its own process,
// and reports wall time, CPU time and peak RSS as ratios to rendering the Markdown alone. Building the
// document (reading the plan, SMART, critical path) is measured on its own as `build`. CPU counts Chromium's
// processes too (PDF, and the pictures of DOCX and XLSX), as `childCpuMs`; `docx-resvg` renders the DOCX's
// pictures without a browser (resvg). `maxLoopDelayMs` is the longest the event loop was held up while rendering:
// what a request arriving meanwhile (/healthz) waits at worst. The `@worker` phases render as the server does,
// on a worker thread (src/server/documents/thread.ts), where the loop stays free.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync as writeFile } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPlanDocument } from '../src/core/plan/document/build.ts';
import { generatePlan, type PlanSize } from '../src/core/plan/document/testing/generate.ts';
import { renderDocument, type DocumentFormat } from '../src/server/documents/render.ts';
import { renderPlanOffThread } from '../src/server/documents/thread.ts';

type Size = PlanSize;
type Measure = {
  phase: string;
  wallMs: number;
  cpuMs: number;
  childCpuMs: number;
  peakRssMb: number;
  maxLoopDelayMs: number;
  bytes: number;
};

/** CPU of this process's finished children and their children (Chromium's), from /proc/self/stat, in ms. */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime are fields 16 and 17 of stat(5), 14 and 15 after the name.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return 0;
  }
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function child(phase: string, size: Size): Promise<Measure> {
  const { plan, observations } = generatePlan(size);
  if (phase === 'docx-resvg') process.env.CHROMIUM_PATH = '/nonexistent/chromium';
  const before = process.cpuUsage();
  const childrenBefore = childrenCpuMs();
  const started = performance.now();
  let bytes = 0;
  let maxLoopDelayMs = 0;
  if (phase === 'build') {
    buildPlanDocument(plan, observations, { locale: 'zh-CN', now: Date.UTC(2026, 0, 20) });
  } else {
    // The loop is watched while the worker renders: a timer every 5 ms, and the longest gap between its ticks
    // (or to the end) is how long a request arriving meanwhile would wait.
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxLoopDelayMs = Math.max(maxLoopDelayMs, now - last);
      last = now;
    }, 5);
    const format = phase.replace(/-resvg$|@worker$/, '') as DocumentFormat;
    const options = { locale: 'zh-CN' as const, now: Date.UTC(2026, 0, 20) };
    if (phase.endsWith('@worker')) {
      // As the server does: built and rendered on a worker thread (its CPU and memory count here too; from the
      // sources the thread first compiles the TypeScript it loads, which a build does not).
      bytes = (await renderPlanOffThread({ plan, observations, options, format })).bytes.length;
    } else {
      // On this thread, for the cost of each renderer alone (and how long it would hold up a server's loop).
      bytes = (await renderDocument(buildPlanDocument(plan, observations, options), format)).length;
    }
    maxLoopDelayMs = Math.max(maxLoopDelayMs, performance.now() - last);
    clearInterval(timer);
  }
  const cpu = process.cpuUsage(before);
  return {
    phase,
    wallMs: Math.round(performance.now() - started),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000) + Math.round(childrenCpuMs() - childrenBefore),
    childCpuMs: Math.round(childrenCpuMs() - childrenBefore),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    maxLoopDelayMs: Math.round(maxLoopDelayMs),
    bytes,
  };
}

async function main(): Promise<void> {
  const size: Size = {
    goals: argument('goals', 1000),
    kpis: argument('kpis', 2000),
    tasks: argument('tasks', 10_000),
    people: argument('people', 100),
  };
  const phaseIndex = process.argv.indexOf('--child');
  if (phaseIndex >= 0) {
    process.stdout.write(JSON.stringify(await child(process.argv[phaseIndex + 1] ?? 'md', size)));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const results: Measure[] = [];
  const phasesIndex = process.argv.indexOf('--phases');
  const phases =
    phasesIndex >= 0
      ? (process.argv[phasesIndex + 1] ?? '').split(',')
      : ['build', 'md', 'html', 'docx', 'docx-resvg', 'xlsx', 'pdf', 'md@worker', 'docx@worker'];
  for (const phase of phases) {
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', self, '--child', phase, ...process.argv.slice(2)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    results.push(JSON.parse(output) as Measure);
    process.stderr.write(`${phase} done\n`);
  }
  const markdown = results.find((result) => result.phase === 'md');
  const rows = results.map((result) => ({
    ...result,
    timeRatio: markdown ? +(result.wallMs / markdown.wallMs).toFixed(2) : null,
    cpuRatio: markdown ? +(result.cpuMs / markdown.cpuMs).toFixed(2) : null,
    memoryRatio: markdown ? +(result.peakRssMb / markdown.peakRssMb).toFixed(2) : null,
  }));
  const file = `bench/results/${new Date().toISOString().slice(0, 10)}-documents.json`;
  writeFile(file, `${JSON.stringify({ size, load: (await import('node:os')).loadavg(), rows }, null, 2)}\n`);
  console.table(rows);
  process.stdout.write(`written ${file}\n`);
}

await main();
