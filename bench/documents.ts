// `npm run bench:documents -- [--goals 1000] [--kpis 2000] [--tasks 10000] [--people 100]`
//
// Renders a generated plan of the medium bench workspace's size (1,000 goals, 2,000 KPIs with a year of weekly
// values, 10,000 tasks, 100 people, 10 processes with measured cases) to each format, each in its own process,
// and reports wall time, CPU time and peak RSS as ratios to rendering the Markdown alone. Building the
// document (reading the plan, SMART, critical path) is measured on its own as `build`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPlanDocument } from '../src/core/plan/document/build.ts';
import type { Plan, PlanObservations, PlanProcessStep } from '../src/core/plan/model.ts';
import { renderDocument, type DocumentFormat } from '../src/server/documents/render.ts';

type Size = { goals: number; kpis: number; tasks: number; people: number };
type Measure = { phase: string; wallMs: number; cpuMs: number; peakRssMb: number; bytes: number };

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function day(offset: number): string {
  return new Date(Date.UTC(2026, 0, 5) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A deterministic plan of the given size, with observations like a workspace's. */
export function generatePlan(size: Size): { plan: Plan; observations: PlanObservations } {
  const people = Array.from({ length: size.people }, (_, index) => ({
    email: `p${index}@bench.local`,
    name: `成员${index}`,
    role: index === 0 ? 'owner' : 'member',
  }));
  const email = (index: number) => `p${index % size.people}@bench.local`;
  const kpis = Array.from({ length: size.kpis }, (_, index) => ({
    key: `k${index}`,
    name: `指标 ${index}`,
    unit: index % 3 === 0 ? '%' : '人',
    direction: (index % 5 === 0 ? 'lower' : 'higher') as 'lower' | 'higher',
    aggregation: 'last' as const,
    frequency: 'week' as const,
    owner: email(index),
    green: 100,
    amber: 80,
  }));
  const goals = Array.from({ length: size.goals }, (_, index) => ({
    key: `g${index}`,
    title: `在三个月内将指标 ${index} 提升${10 + (index % 20)}%`,
    ...(index >= 10 ? { parent: `g${index % 10}` } : {}),
    owner: email(index),
    start: '2026-01-05',
    due: '2026-04-03',
    keyResults: [
      { title: `指标 ${index * 2} 达到 120`, kpi: `k${(index * 2) % size.kpis}`, baseline: 90, target: 120 },
      {
        title: `指标 ${index * 2 + 1} 达到 110`,
        kpi: `k${(index * 2 + 1) % size.kpis}`,
        baseline: 95,
        target: 110,
      },
    ],
  }));
  const tasks = Array.from({ length: size.tasks }, (_, index) => {
    const isMilestone = index % 100 === 0;
    const parent = isMilestone || index % 10 === 0 ? undefined : `t${index - (index % 10)}`;
    return {
      key: `t${index}`,
      title: `任务 ${index}`,
      ...(parent ? { parent } : {}),
      goal: `g${index % size.goals}`,
      ...(isMilestone ? { milestone: true } : { estimateHours: 4 + (index % 5) * 4 }),
      ...(index % 10 === 0 && index > 0 ? { dependsOn: [{ task: `t${index - 10}` }] } : {}),
      ...(index % 50 === 5 ? { bufferDays: 2 } : {}),
      raci:
        index % 17 === 0
          ? { responsible: [email(index)] }
          : { accountable: [email(index)], responsible: [email(index + 1)] },
    };
  });
  const steps = (process: number): PlanProcessStep[] => [
    { key: 'start', name: '开始', kind: 'start', outcomes: [{ key: 'go', label: '开始', next: 's1' }] },
    ...Array.from({ length: 6 }, (_, index) => ({
      key: `s${index + 1}`,
      name: `步骤 ${process}.${index + 1}`,
      kind: 'task' as const,
      owner: 'role:member',
      slaHours: 8,
      outcomes: [{ key: 'done', label: '完成', next: index === 5 ? 'end' : `s${index + 2}` }],
    })),
    { key: 'end', name: '结束', kind: 'end' },
  ];
  const processes = Array.from({ length: 10 }, (_, index) => ({
    key: `p${index}`,
    name: `流程 ${index}`,
    owner: email(index),
    steps: steps(index),
  }));
  const series = (index: number) =>
    Array.from({ length: 52 }, (_, week) => ({
      period: day(week * 7 - 364),
      value: 80 + ((index + week) % 40),
    }));
  const observations: PlanObservations = {
    at: Date.UTC(2026, 0, 20),
    kpis: Object.fromEntries(
      kpis.map((kpi, index) => [
        kpi.key,
        { lastValue: 100, lastPeriod: day(-7), status: 'green', series: series(index) },
      ]),
    ),
    goals: Object.fromEntries(
      goals.map((goal, index) => [
        goal.key,
        { progress: (index % 10) / 10, projectedProgress: null, health: 'on_track', healthReason: null },
      ]),
    ),
    processes: Object.fromEntries(
      processes.map((process) => [
        process.key,
        {
          cases: 1000,
          medianLeadHours: 30,
          bottleneck: { step: 's3', reason: 'median wait 9 h' },
          steps: ['s1', 's2', 's3'].map((step) => ({
            step,
            medianWaitHours: 2,
            medianWorkHours: 1,
            breachRate: 0.1,
          })),
        },
      ]),
    ),
  };
  const plan: Plan = {
    version: 1,
    name: 'Bench plan',
    locale: 'zh-CN',
    people,
    kpis,
    goals,
    tasks,
    processes,
    routines: [],
  };
  return { plan, observations };
}

async function child(phase: string, size: Size): Promise<Measure> {
  const { plan, observations } = generatePlan(size);
  const before = process.cpuUsage();
  const started = performance.now();
  const document = buildPlanDocument(plan, observations, { locale: 'zh-CN', now: Date.UTC(2026, 0, 20) });
  let bytes = 0;
  if (phase !== 'build') bytes = (await renderDocument(document, phase as DocumentFormat)).length;
  const cpu = process.cpuUsage(before);
  return {
    phase,
    wallMs: Math.round(performance.now() - started),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
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
  for (const phase of ['build', 'md', 'html', 'docx', 'xlsx', 'pdf']) {
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
  writeFileSync(
    file,
    `${JSON.stringify({ size, load: (await import('node:os')).loadavg(), rows }, null, 2)}\n`,
  );
  console.table(rows);
  process.stdout.write(`written ${file}\n`);
}

await main();
