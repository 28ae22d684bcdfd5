import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/days/index.ts';
import type { Plan, PlanGoal, PlanKpi, PlanTask } from '../../core/plan/model.ts';
import { writePlanYaml } from '../../core/plan/yaml.ts';
import { mulberry32 } from '../../core/processes/eventlog.testing.ts';
import { as } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';
import { computePlanHealth } from './service.ts';

// Plan health reads the plan lean (healthPlan.ts: only what the linter reads, tasks a page at a time, KPI history
// only from where each goal's SMART check reads it). On random plans, with the errors an import would refuse written
// into the database behind it, its answer must be exactly the one the whole plan (readPlan) gives.

const t = useTestTeam(['member']);

type Random = ReturnType<typeof mulberry32>;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, from: number, to: number) => from + Math.floor(random() * (to - from + 1));
const maybe = <T>(random: Random, chance: number, value: T): T | undefined =>
  random() < chance ? value : undefined;

const AGGREGATIONS = ['sum', 'avg', 'last', 'min', 'max'] as const;
const FREQUENCIES = ['day', 'week', 'month'] as const;
const METRICS = ['orders', 'visits', 'signups', 'refunds', 'revenue', 'churn'];

/** A plan a manager might write, with the usual gaps: goals without owners or key results, tasks without dates. */
function randomPlan(random: Random, today: string, people: readonly string[]): Plan {
  const kpis: PlanKpi[] = METRICS.map((key) => {
    const kpi: PlanKpi = {
      key,
      name: key,
      direction: random() < 0.3 ? 'lower' : 'higher',
      aggregation: pick(random, AGGREGATIONS),
      frequency: pick(random, FREQUENCIES),
    };
    if (random() < 0.5) kpi.unit = pick(random, ['people', '元', '%']);
    if (random() < 0.6) kpi.owner = pick(random, people);
    if (random() < 0.4) kpi.green = int(random, 50, 200);
    return kpi;
  });
  kpis.push(
    {
      key: 'conversion',
      name: '转化率',
      direction: 'higher',
      aggregation: 'last',
      frequency: 'day',
      formula: 'orders / (visits + 1) * 100',
    },
    {
      key: 'net',
      name: 'net',
      direction: 'higher',
      aggregation: 'sum',
      frequency: 'week',
      formula: 'orders - refunds',
      unit: 'people',
    },
  );
  const kpiKeys = kpis.map((kpi) => kpi.key);
  const goals: PlanGoal[] = [];
  for (let index = 0; index < 14; index += 1) {
    const start = addDays(today, int(random, -200, 40));
    const metric = pick(random, kpiKeys);
    const goal: PlanGoal = {
      key: `g${index + 1}`,
      title: pick(random, [
        `Raise ${metric} from ${int(random, 10, 50)} to ${int(random, 60, 400)} by ${addDays(start, 120)}`,
        `把 ${metric} 提升到 ${int(random, 60, 400)}`,
        `Improve the ${metric} process`,
        `Grow ${metric} 20%`,
      ]),
      start,
      due: addDays(start, int(random, 30, 240)),
      keyResults: Array.from({ length: int(random, 0, 3) }, (_, kr) =>
        random() < 0.8
          ? {
              title: `KR ${index + 1}.${kr + 1}`,
              kpi: pick(random, kpiKeys),
              baseline: int(random, 0, 40),
              target: int(random, 40, 400),
            }
          : { title: `Deliverable ${index + 1}.${kr + 1}` },
      ),
    };
    if (index > 0 && random() < 0.6) goal.parent = pick(random, goals).key;
    if (random() < 0.8) goal.owner = pick(random, people);
    goals.push(goal);
  }
  const tasks: PlanTask[] = [];
  for (let index = 0; index < 70; index += 1) {
    const start = addDays(today, int(random, -60, 60));
    const task: PlanTask = { key: `t${index + 1}`, title: `Task ${index + 1} ${pick(random, METRICS)}` };
    if (index > 0 && random() < 0.5) task.parent = pick(random, tasks).key;
    if (random() < 0.6) task.goal = pick(random, goals).key;
    if (random() < 0.8) task.start = start;
    if (random() < 0.85) task.due = addDays(start, int(random, 0, 30));
    if (random() < 0.8) task.estimateHours = int(random, 4, 80);
    task.status = maybe(random, 0.4, pick(random, ['in_progress', 'done', 'blocked', 'cancelled'] as const));
    task.milestone = maybe(random, 0.1, true);
    task.description = maybe(random, 0.3, 'What and why');
    task.labels = maybe(random, 0.3, ['ops']);
    const earlier = tasks
      .filter(() => random() < 0.05)
      .map((other) => ({ task: other.key, lagDays: int(random, 0, 2) }));
    if (earlier.length > 0) task.dependsOn = earlier;
    const raci = {
      responsible: random() < 0.8 ? [pick(random, people)] : undefined,
      accountable: [pick(random, people)],
    };
    if (raci.responsible || raci.accountable)
      task.raci = Object.fromEntries(Object.entries(raci).filter(([, value]) => value !== undefined));
    tasks.push(
      Object.fromEntries(Object.entries(task).filter(([, value]) => value !== undefined)) as PlanTask,
    );
  }
  return {
    version: 1,
    name: 'Random plan',
    locale: 'en',
    people: people.map((email, index) => ({
      email,
      name: `Person ${index + 1}`,
      role: index === 0 ? 'owner' : 'member',
      weeklyCapacityHours: int(random, 10, 40),
    })),
    kpis,
    goals,
    tasks,
    processes: [],
    routines:
      random() < 0.5 ? [{ key: 'r1', title: 'Daily check', rule: 'FREQ=DAILY', startsOn: today }] : [],
  };
}

/** What an import would refuse, written behind it: wrong RACI, dates, cycles, a dependency on a routine's task. */
async function breakPlan(random: Random, today: string) {
  const db = t.database.db;
  const tasks = await db
    .selectFrom('tasks')
    .select('id')
    .where('workspace_id', '=', t.workspaceId)
    .orderBy('id')
    .execute();
  const ids = tasks.map((task) => task.id);
  for (const id of ids.filter(() => random() < 0.1))
    await db.deleteFrom('task_roles').where('task_id', '=', id).where('role', '=', 'A').execute();
  for (const id of ids.filter(() => random() < 0.1))
    await db
      .insertInto('task_roles')
      .values({ workspace_id: t.workspaceId, task_id: id, user_id: t.member.id, role: 'A' })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  for (const id of ids.filter(() => random() < 0.05))
    await db
      .updateTable('tasks')
      .set({ start_date: addDays(today, 10), due_date: addDays(today, 2) })
      .where('id', '=', id)
      .execute();
  const [a, b] = [pick(random, ids), pick(random, ids)];
  if (a && b && a !== b) {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const)
      await db
        .insertInto('task_dependencies')
        .values({ workspace_id: t.workspaceId, from_task_id: from, to_task_id: to, lag_days: 0 })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
  }
  const goals = await db.selectFrom('goals').select('id').where('workspace_id', '=', t.workspaceId).execute();
  const goal = pick(random, goals);
  if (goal)
    await db
      .updateTable('goals')
      .set({ due_date: addDays(today, -400) })
      .where('id', '=', goal.id)
      .execute();
}

/** Measurements of every stored KPI over the last ten months, a point a period, with gaps. */
async function measure(random: Random, today: string) {
  const db = t.database.db;
  const kpis = await db
    .selectFrom('kpis')
    .select(['id', 'frequency', 'formula'])
    .where('workspace_id', '=', t.workspaceId)
    .execute();
  const rows = [];
  for (const kpi of kpis) {
    if (kpi.formula) continue;
    for (let offset = -300; offset <= 0; offset += 1) {
      const day = addDays(today, offset);
      const isPeriodStart =
        kpi.frequency === 'day' ||
        (kpi.frequency === 'week' && new Date(`${day}T00:00:00Z`).getUTCDay() === 1) ||
        (kpi.frequency === 'month' && day.endsWith('-01'));
      if (!isPeriodStart || random() < 0.15) continue;
      rows.push({
        kpi_id: kpi.id,
        period: day,
        workspace_id: t.workspaceId,
        value: int(random, 0, 300),
        source: 'import',
        created_by: null,
        created_at: t.clock.now,
        updated_at: t.clock.now,
      });
    }
  }
  for (let index = 0; index < rows.length; index += 200)
    await db
      .insertInto('measurements')
      .values(rows.slice(index, index + 200))
      .execute();
}

describe('plan health read lean', () => {
  it.each([1, 2, 3])('answers exactly what the whole plan answers (random plan %i)', async (seed) => {
    const today = new Date(t.clock.now).toISOString().slice(0, 10);
    {
      const random = mulberry32(seed);
      const plan = randomPlan(random, today, [t.owner.email, t.member.email]);
      const imported = await t.app.inject(
        as(t.owner, {
          method: 'POST',
          url: t.url('/plan/import'),
          headers: { 'content-type': 'application/yaml' },
          payload: writePlanYaml(plan),
        }),
      );
      expect(imported.statusCode, imported.body).toBe(200);
      await measure(random, today);
      await breakPlan(random, today);
      for (const locale of ['en', 'zh-CN'] as const) {
        const progress: Array<[number, number]> = [];
        const lean = await computePlanHealth(t.app.services, t.workspaceId, locale, {
          onProgress: (done, total) => progress.push([done, total]),
        });
        const full = await computePlanHealth(t.app.services, t.workspaceId, locale, { reader: 'full' });
        expect(lean).toEqual(full);
        // The comparison is only worth something if the plan has findings of most kinds.
        expect(lean.counts.error).toBeGreaterThan(0);
        expect(lean.smart.some((goal) => goal.score < 100)).toBe(true);
        // Progress rises to its total.
        expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
        expect(
          progress.every(([done], index) => index === 0 || done >= (progress[index - 1]?.[0] ?? 0)),
        ).toBe(true);
      }
    }
  });
});
