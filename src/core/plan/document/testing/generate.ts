// A plan of any size, deterministic, with observations like a workspace's: the bench's medium workspace
// (bench/documents.ts) and the tests that render a large plan (documents/thread.test.ts).
import type { Plan, PlanObservations, PlanProcessStep } from '../../model.ts';

export type PlanSize = { goals: number; kpis: number; tasks: number; people: number };

function day(offset: number): string {
  return new Date(Date.UTC(2026, 0, 5) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A deterministic plan of the given size, with observations like a workspace's. */
export function generatePlan(size: PlanSize): { plan: Plan; observations: PlanObservations } {
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
