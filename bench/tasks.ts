// Work-breakdown benchmarks: critical path over 100,000 tasks and 200,000 dependencies against a bare
// topological sort of the same arrays, a task list page of 50 with filters over 100,000 tasks through the real
// service (SQLite in memory), and the workload heatmap for 500 people × 26 weeks. Ratios, not timed asserts.
import { addDays } from '../src/core/days/index.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { scheduleTasks, topologicalOrder } from '../src/core/schedule/cpm.ts';
import { DEFAULT_CALENDAR } from '../src/core/schedule/calendar.ts';
import { workloadByWeek } from '../src/core/workload/index.ts';
import { listTasks } from '../src/server/tasks/service.ts';
import { createTestApp, createTestTeam } from '../src/server/testing/app.ts';
import { parseArgs } from './lib/args.ts';
import { createRandom } from './lib/random.ts';
import { printTable, type Row } from './lib/report.ts';

type Timing = { medianMs: number; p99Ms: number; runs: number };

const args = parseArgs(process.argv.slice(2));
const taskCount = args.number('tasks', 100_000);
const runs = args.number('runs', 7);
const random = createRandom(20_261_127);
const START = '2026-11-30';

const round = (value: number) => Math.round(value * 100) / 100;

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
  return { medianMs: round(at(0.5)), p99Ms: round(at(0.99)), runs: sorted.length };
}

function measure(count: number, run: () => unknown): Timing {
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return timing(samples);
}

// A plan-shaped graph: each task waits for two earlier ones, mostly near it, as milestones chain work.
const ids = Array.from({ length: taskCount }, (_, index) => `t${index}`);
const dependencies: Array<{ from: string; to: string; lagDays: number }> = [];
for (let index = 1; index < taskCount; index += 1) {
  for (let edge = 0; edge < 2; edge += 1) {
    const back = Math.min(index, 1 + Math.floor(random.next() ** 3 * 200));
    dependencies.push({ from: `t${index - back}`, to: `t${index}`, lagDays: random.chance(0.1) ? 1 : 0 });
  }
}
const tasks = ids.map((id, index) => ({
  id,
  durationDays: random.int(0, 5),
  start: index % 1000 === 0 ? addDays(START, random.int(0, 30)) : null,
}));

console.log(
  `critical path: ${taskCount.toLocaleString('en-US')} tasks, ${dependencies.length.toLocaleString('en-US')} dependencies`,
);
const cpm = measure(runs, () =>
  scheduleTasks({ tasks, dependencies, projectStart: START, calendar: DEFAULT_CALENDAR }),
);
const topo = measure(runs, () => topologicalOrder(ids, dependencies));

console.log('workload heatmap: 500 people × 26 weeks');
const people = Array.from({ length: 500 }, (_, index) => ({
  id: `p${index}`,
  weeklyCapacityHours: 40,
  unavailableDays: index % 10 === 0 ? [addDays(START, 3), addDays(START, 4)] : [],
}));
const workloadTasks = ids.map((id) => {
  const start = addDays(START, random.int(0, 170));
  return {
    id,
    assigneeIds: [`p${random.int(0, 499)}`],
    estimateHours: random.int(2, 40),
    start,
    due: addDays(start, random.int(0, 10)),
    status: random.chance(0.2) ? 'done' : 'todo',
  };
});
const heatmap = measure(runs, () =>
  workloadByWeek(people, workloadTasks, { from: START, weeks: 26 }, DEFAULT_CALENDAR),
);

console.log(`task list page of 50 over ${taskCount.toLocaleString('en-US')} tasks (SQLite, real service)`);
const t = await createTestApp();
const team = await createTestTeam(t.app, ['member']);
const statuses = ['todo', 'in_progress', 'blocked', 'done'];
const now = Date.UTC(2026, 10, 26);
for (let start = 0; start < taskCount; start += 1000) {
  const batch = ids.slice(start, start + 1000).map((id, offset) => ({
    id: `${team.workspaceId}-${id}`,
    workspace_id: team.workspaceId,
    goal_id: null,
    parent_id: null,
    position: start + offset,
    is_milestone: 0,
    title: `任务 ${start + offset} 用户增长`,
    description: null,
    status: statuses[(start + offset) % 4] ?? 'todo',
    priority: 1 + ((start + offset) % 4),
    estimate_hours: 8,
    start_date: null,
    due_date: addDays(START, (start + offset) % 180),
    buffer_days: 0,
    checklist: '[]',
    labels: '[]',
    required_skills: '[]',
    recurrence_id: null,
    occurrence: null,
    completed_at: null,
    created_by: team.owner.id,
    created_at: now,
    updated_at: now,
  }));
  await t.database.db.insertInto('tasks').values(batch).execute();
  await t.database.db
    .insertInto('task_roles')
    .values(
      batch.map((task, offset) => ({
        workspace_id: team.workspaceId,
        task_id: task.id,
        user_id: offset % 2 ? team.owner.id : team.member.id,
        role: 'A',
      })),
    )
    .execute();
}
const actor = {
  userId: team.owner.id,
  name: '',
  email: '',
  locale: 'zh-CN' as const,
  sessionId: null,
  csrfToken: null,
  tokenWorkspaceId: null,
};
const listSamples: number[] = [];
const queries = [
  { sort: 'due' as const, statuses: ['todo', 'in_progress'] },
  { sort: 'priority' as const, assigneeId: team.member.id },
  { sort: 'created' as const, search: '用户', dueBefore: addDays(START, 60) },
];
for (let run = 0; run < runs * 3; run += 1) {
  const query = queries[run % queries.length] ?? { sort: 'due' as const };
  const started = performance.now();
  await listTasks(t.app.services, actor, { workspaceId: team.workspaceId, limit: 50, ...query });
  listSamples.push(performance.now() - started);
}
// Title search for a rare fragment: the task list's `q` through the search index against the scan it replaced
// (the same page read with `instr` over every title), both over the same 100,000 rows in this run.
const rare = '任务 4242';
const searchSamples: number[] = [];
const scanSamples: number[] = [];
for (let run = 0; run < runs * 3; run += 1) {
  let started = performance.now();
  await listTasks(t.app.services, actor, {
    workspaceId: team.workspaceId,
    limit: 50,
    sort: 'created',
    search: rare,
  });
  searchSamples.push(performance.now() - started);
  started = performance.now();
  await t.database.db
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', team.workspaceId)
    .where(sql<boolean>`instr(lower(title), ${rare}) > 0`)
    .orderBy('created_at')
    .limit(50)
    .execute();
  scanSamples.push(performance.now() - started);
}
await t.close();
const list = timing(listSamples);
const search = timing(searchSamples);
const scan = timing(scanSamples);

const result = {
  date: new Date().toISOString().slice(0, 10),
  tasks: taskCount,
  dependencies: dependencies.length,
  criticalPath: { cpm, topologicalSort: topo, ratio: round(cpm.medianMs / topo.medianMs) },
  workloadHeatmap: { people: 500, weeks: 26, tasks: taskCount, timing: heatmap },
  taskListPage: { rows: taskCount, page: 50, timing: list },
  titleSearch: { term: rare, timing: search, scan, ratio: round(search.medianMs / scan.medianMs) },
};
const rows: Row[] = [
  [
    'critical path (CPM)',
    cpm.medianMs,
    cpm.p99Ms,
    `× ${result.criticalPath.ratio} of a bare topological sort (${topo.medianMs} ms)`,
  ],
  ['workload heatmap 500 × 26', heatmap.medianMs, heatmap.p99Ms, '—'],
  ['task list page of 50, filtered', list.medianMs, list.p99Ms, '—'],
  [
    `title search "${rare}" (search index)`,
    search.medianMs,
    search.p99Ms,
    `× ${result.titleSearch.ratio} of a scan of every title (${scan.medianMs} ms)`,
  ],
];
printTable('Work breakdown', ['benchmark', 'median ms', 'p99 ms', 'ratio'], rows);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/${result.date}-tasks.json`, `${JSON.stringify(result, null, 2)}\n`);
