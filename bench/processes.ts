// Process analytics over 100,000 finished cases of a 6-step process, against a bare single pass that only
// groups the same step visits by step (the floor any analytics must pay). Ratios, never timed assertions.
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  analyseProcessRuns,
  type ProcessRunRecord,
  type StepEventRecord,
} from '../src/core/processes/analytics.ts';
import { parseArgs } from './lib/args.ts';
import { createRandom } from './lib/random.ts';
import { printTable } from './lib/report.ts';

const args = parseArgs(process.argv.slice(2));
const runCount = args.number('runs', 100_000);
const repeats = args.number('repeats', 7);
const random = createRandom(5_5_5);
const HOUR = 3_600_000;
const STEPS = ['collect', 'analyse', 'solve', 'review', 'reply', 'close'];
const NOW = Date.UTC(2026, 10, 27);

const runs: ProcessRunRecord[] = [];
const events: StepEventRecord[] = [];
for (let index = 0; index < runCount; index += 1) {
  let clock = NOW - 180 * 24 * HOUR + Math.floor((index * 170 * 24 * HOUR) / runCount);
  const startedAt = clock;
  const id = `r${index}`;
  for (const step of STEPS) {
    const enteredAt = clock;
    const started =
      enteredAt + Math.round((step === 'analyse' ? random.int(8, 40) : random.int(0, 4)) * HOUR);
    const completed = started + Math.round(random.int(1, 3) * HOUR);
    events.push({
      runId: id,
      stepKey: step,
      enteredAt,
      startedAt: started,
      completedAt: completed,
      dueAt: enteredAt + 8 * HOUR,
    });
    clock = completed;
  }
  runs.push({ id, versionId: 'v1', startedAt, finishedAt: clock, status: 'completed' });
}

function timing(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
  return { medianMs: Math.round(at(0.5) * 100) / 100, p99Ms: Math.round(at(0.99) * 100) / 100 };
}

const appSamples: number[] = [];
const floorSamples: number[] = [];
let checksum = 0;
for (let repeat = 0; repeat < repeats; repeat += 1) {
  let started = performance.now();
  const result = analyseProcessRuns(runs, events, { now: NOW, utcOffsetMinutes: 480, stepOrder: STEPS });
  appSamples.push(performance.now() - started);
  if (result.bottleneck?.stepKey !== 'analyse') throw new Error('the generated bottleneck was not found');
  started = performance.now();
  const byStep = new Map<string, number[]>();
  for (const event of events) {
    const list = byStep.get(event.stepKey) ?? [];
    list.push((event.completedAt ?? 0) - event.enteredAt);
    byStep.set(event.stepKey, list);
  }
  for (const list of byStep.values()) checksum += list.sort((a, b) => a - b)[list.length >> 1] ?? 0;
  floorSamples.push(performance.now() - started);
}
if (checksum < 0) console.error(checksum);

const app = timing(appSamples);
const floor = timing(floorSamples);
const ratio = Math.round((app.medianMs / floor.medianMs) * 100) / 100;
printTable(
  'Process analytics',
  ['benchmark', 'median ms', 'p99 ms', 'ratio'],
  [
    [
      `analytics over ${runCount.toLocaleString('en-US')} cases × 6 steps`,
      app.medianMs,
      app.p99Ms,
      `× ${ratio} of grouping and sorting alone (${floor.medianMs} ms)`,
    ],
  ],
);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/${new Date().toISOString().slice(0, 10)}-processes.json`,
  `${JSON.stringify({ runs: runCount, steps: STEPS.length, analytics: app, floor, ratio }, null, 2)}\n`,
);
