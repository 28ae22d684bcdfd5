import { describe, expect, it } from 'vitest';
import { as } from '../testing/app.ts';
import { createGoal, createKpi, useTestTeam } from '../testing/factories.ts';
import { refreshKpisAndGoals } from './refresh.ts';

// Writes refresh only the KPIs, key results and goals they touch. On random workspaces and random writes, what
// they store must be exactly what a full recomputation of the workspace stores.

const t = useTestTeam([]);

function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = ReturnType<typeof mulberry32>;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, from: number, to: number) => from + Math.floor(random() * (to - from + 1));
const day = (offset: number) =>
  new Date(Date.UTC(2026, 9, 1) + offset * 86_400_000).toISOString().slice(0, 10);

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown) {
  return t.app.inject(
    as(t.owner, {
      method,
      url: t.url(path),
      ...(payload === undefined ? {} : { payload: payload as object }),
    }),
  );
}

async function must(method: 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown) {
  const response = await call(method, path, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.body}`);
  return response;
}

/** Every stored figure a refresh computes. */
async function snapshot() {
  const db = t.database.db;
  const [goals, keyResults, kpis] = await Promise.all([
    db
      .selectFrom('goals')
      .select(['id', 'progress', 'projected_progress', 'health', 'health_reason'])
      .where('workspace_id', '=', t.workspaceId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('key_results')
      .select(['id', 'current', 'progress', 'projected_progress', 'projected_value', 'reach_date'])
      .where('workspace_id', '=', t.workspaceId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('kpis')
      .select(['key', 'status', 'last_value', 'last_period'])
      .where('workspace_id', '=', t.workspaceId)
      .orderBy('key')
      .execute(),
  ]);
  return { goals, keyResults, kpis };
}

async function expectSameAsFullRecomputation() {
  const incremental = await snapshot();
  await t.database.db
    .transaction()
    .execute((trx) => refreshKpisAndGoals(t.app.services, trx, t.workspaceId, 'all'));
  expect(await snapshot()).toEqual(incremental);
  return incremental;
}

const PLAIN = ['orders', 'visits', 'refunds', 'signups', 'churned'];
const AGGREGATIONS = ['sum', 'avg', 'last', 'min', 'max'] as const;

async function buildWorkspace(random: Random) {
  for (const key of PLAIN) {
    await createKpi(t, t.owner, {
      key,
      name: key,
      aggregation: pick(random, AGGREGATIONS),
      direction: random() < 0.3 ? 'lower' : 'higher',
      ...(random() < 0.6 ? { thresholds: { green: 50, amber: 30 } } : {}),
    });
  }
  // Formulas over plain KPIs and over formulas, one of them weekly.
  await createKpi(t, t.owner, {
    key: 'conversion',
    name: '转化率',
    formula: 'orders / (visits + 1) * 100',
    aggregation: 'last',
  });
  await createKpi(t, t.owner, { key: 'net', name: '净单', formula: 'orders - refunds', aggregation: 'sum' });
  await createKpi(t, t.owner, {
    key: 'net_rate',
    name: '净转化',
    formula: 'net / (conversion + 1)',
    aggregation: 'avg',
    frequency: 'week',
    thresholds: { green: 10, amber: 5 },
  });
  const kpiKeys = [...PLAIN, 'conversion', 'net', 'net_rate'];

  const goals: string[] = [];
  for (let index = 0; index < 24; index += 1) {
    const parentId = goals.length > 0 && random() < 0.75 ? pick(random, goals) : null;
    const start = int(random, 0, 50);
    const keyResults = Array.from({ length: int(random, 0, 3) }, (_, kr) =>
      random() < 0.75
        ? {
            title: `KR ${index}.${kr}`,
            kpiKey: pick(random, kpiKeys),
            baseline: int(random, 0, 20),
            target: int(random, 40, 400),
            weight: int(random, 0, 3),
          }
        : { title: `交付 ${index}.${kr}`, isDone: random() < 0.5, weight: int(random, 0, 3) },
    );
    const goal = await createGoal(t, t.owner, {
      title: `目标 ${index}`,
      isTopLevel: false,
      parentId,
      startDate: day(start),
      dueDate: day(start + int(random, 30, 150)),
      weight: int(random, 0, 3),
      keyResults,
    });
    goals.push(goal.id);
  }
  return { kpiKeys, goals };
}

async function randomWrite(random: Random, state: { kpiKeys: string[]; goals: string[] }) {
  const roll = random();
  if (roll < 0.35) {
    const key = pick(random, PLAIN);
    const from = int(random, 0, 50);
    const points = Array.from({ length: int(random, 1, 6) }, (_, index) => ({
      period: day(from + index),
      value: int(random, 0, 120),
    }));
    await must('POST', `/kpis/${key}/measurements`, { points });
  } else if (roll < 0.45) {
    // An import over several KPIs at once.
    const rows = new Map<string, number>();
    for (let row = int(random, 2, 12); row > 0; row -= 1)
      rows.set(`${pick(random, PLAIN)},${day(int(random, 0, 56))}`, int(random, 0, 120));
    const csv = [...rows].map(([kpiAndPeriod, value]) => `${kpiAndPeriod},${value}`);
    const response = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/measurements/import?dryRun=false'),
        payload: Buffer.from(`kpi,period,value\n${csv.join('\n')}\n`),
        headers: { 'content-type': 'text/csv' },
      }),
    );
    if (response.statusCode !== 200) throw new Error(response.body);
  } else if (roll < 0.5) {
    await call('DELETE', `/kpis/${pick(random, PLAIN)}/measurements/${day(int(random, 0, 56))}`);
  } else if (roll < 0.6) {
    const goalId = pick(random, state.goals);
    const parentId = random() < 0.2 ? null : pick(random, state.goals);
    await call('PATCH', `/goals/${goalId}`, { parentId }); // a loop is refused, which is fine
  } else if (roll < 0.68) {
    const start = int(random, 0, 50);
    await must('PATCH', `/goals/${pick(random, state.goals)}`, {
      weight: int(random, 0, 3),
      ...(random() < 0.5 ? { startDate: day(start), dueDate: day(start + int(random, 20, 120)) } : {}),
    });
  } else if (roll < 0.78) {
    await must(
      'POST',
      `/goals/${pick(random, state.goals)}/key-results`,
      random() < 0.7
        ? {
            title: 'KR',
            kpiKey: pick(random, state.kpiKeys),
            baseline: int(random, 0, 10),
            target: int(random, 30, 300),
          }
        : { title: '交付', isDone: random() < 0.5 },
    );
  } else if (roll < 0.9) {
    const keyResults = await t.database.db
      .selectFrom('key_results')
      .select(['id', 'kpi_id'])
      .where('workspace_id', '=', t.workspaceId)
      .orderBy('id')
      .execute();
    if (keyResults.length === 0) return;
    const keyResult = pick(random, keyResults);
    if (random() < 0.3) await must('DELETE', `/key-results/${keyResult.id}`);
    else if (keyResult.kpi_id)
      await must('PATCH', `/key-results/${keyResult.id}`, {
        target: int(random, 30, 500),
        weight: int(random, 0, 3),
        ...(random() < 0.4 ? { kpiKey: pick(random, state.kpiKeys) } : {}),
      });
    else await must('PATCH', `/key-results/${keyResult.id}`, { isDone: random() < 0.5 });
  } else if (roll < 0.95) {
    const green = int(random, 10, 80);
    await must('PATCH', `/kpis/${pick(random, state.kpiKeys)}`, {
      thresholds: { green, amber: green - int(random, 1, 9) },
    });
  } else {
    // A leaf goal goes; a goal with sub-goals is refused.
    const goalId = pick(random, state.goals);
    if ((await call('DELETE', `/goals/${goalId}`)).statusCode === 204)
      state.goals.splice(state.goals.indexOf(goalId), 1);
  }
}

describe('incremental refresh', () => {
  for (const seed of [1, 2, 3]) {
    it(`stores what a full recomputation stores, after random writes (seed ${seed})`, async () => {
      const random = mulberry32(seed * 7_919);
      const state = await buildWorkspace(random);
      await expectSameAsFullRecomputation();
      for (let round = 0; round < 6; round += 1) {
        for (let write = 0; write < 10; write += 1) await randomWrite(random, state);
        await expectSameAsFullRecomputation();
      }
      // The writes reached the figures: goals moved and KPIs turned, so the comparison compared something.
      const final = await snapshot();
      expect(final.goals.filter((goal) => goal.progress > 0).length).toBeGreaterThan(3);
      expect(final.goals.some((goal) => goal.health !== 'no_data')).toBe(true);
      expect(final.kpis.filter((kpi) => kpi.status !== null).length).toBeGreaterThan(1);
    });
  }
});
