import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPlan, readPlanPreview } from '../plans/service.ts';
import { as, createTestApp, createTestTeam, type TestApp, type TestUser } from '../testing/app.ts';

// The demo workspace (dozens of tasks, a few goals and KPIs) over limits lowered for the test stands for a large
// plan: the preview reads only its first items and says how many more the document holds.
const LIMITS = { goals: 2, tasks: 5, kpis: 2 };

let t: TestApp;
let owner: TestUser;
let workspaceId: string;

beforeEach(async () => {
  t = await createTestApp({ planPreviewLimits: LIMITS });
  ({ owner } = await createTestTeam(t.app, []));
  const demo = await t.app.inject(
    as(owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
  );
  expect(demo.statusCode).toBe(201);
  workspaceId = demo.json().workspace.id;
});
afterEach(() => t.close());

const url = (suffix: string) => `/api/v1/w/${workspaceId}${suffix}`;

describe('the live preview of a plan over the preview limits', () => {
  it('reads the first goals in outline order and tasks in WBS order, with the whole plan’s keys', async () => {
    const services = t.app.services;
    const full = await readPlan(services, { workspaceId }, 'zh-CN');
    expect(full.plan.tasks.length).toBeGreaterThan(LIMITS.tasks);
    expect(full.plan.goals.length).toBeGreaterThan(LIMITS.goals);
    const preview = await readPlanPreview(services, { workspaceId }, 'zh-CN', LIMITS);
    const brief = (task: { key: string; title: string; parent?: string | undefined }) =>
      `${task.key} ${task.title} ${task.parent ?? ''}`;
    expect(preview.plan.tasks.map(brief)).toEqual(full.plan.tasks.slice(0, LIMITS.tasks).map(brief));
    expect(preview.plan.goals.map((goal) => goal.key)).toEqual(
      full.plan.goals.slice(0, LIMITS.goals).map((goal) => goal.key),
    );
    expect(preview.plan.goals).toEqual(full.plan.goals.slice(0, LIMITS.goals));
    // Every key result of a shown goal finds its KPI; no dependency names a task the preview left out.
    const kpiKeys = new Set(preview.plan.kpis.map((kpi) => kpi.key));
    for (const goal of preview.plan.goals)
      for (const keyResult of goal.keyResults) if (keyResult.kpi) expect(kpiKeys).toContain(keyResult.kpi);
    const taskKeys = new Set(preview.plan.tasks.map((task) => task.key));
    for (const task of preview.plan.tasks)
      for (const dependency of task.dependsOn ?? []) expect(taskKeys).toContain(dependency.task);
    expect(Object.keys(preview.observations.kpis).sort()).toEqual([...kpiKeys].sort());
    expect(preview.cut.tasks).toEqual({ shown: LIMITS.tasks, total: full.plan.tasks.length });
    expect(preview.cut.goals).toEqual({ shown: LIMITS.goals, total: full.plan.goals.length });
    expect(preview.cut.kpis?.total).toBe(full.plan.kpis.length);

    // A goal's subtree: its first goals and tasks, keyed as in the whole workspace.
    const goalKey = full.plan.goals.find((goal) => !goal.parent)?.key ?? '';
    const goalScope = { workspaceId, goalId: full.ids.goals[goalKey] };
    const fullScoped = await readPlan(services, goalScope, 'zh-CN');
    expect(fullScoped.plan.tasks.length).toBeGreaterThan(LIMITS.tasks);
    const scoped = await readPlanPreview(services, goalScope, 'zh-CN', LIMITS);
    expect(scoped.plan.tasks.map(brief)).toEqual(fullScoped.plan.tasks.slice(0, LIMITS.tasks).map(brief));
    expect(scoped.plan.goals.map((goal) => goal.key)).toEqual(
      fullScoped.plan.goals.slice(0, LIMITS.goals).map((goal) => goal.key),
    );
    expect(scoped.cut.tasks).toEqual({ shown: LIMITS.tasks, total: fullScoped.plan.tasks.length });
  });

  it('previews the first tasks with a note in Chinese and English, and a goal’s subtree', async () => {
    const full = await readPlan(t.app.services, { workspaceId }, 'zh-CN');
    const zh = await t.app.inject(as(owner, { method: 'GET', url: url('/plan/preview?locale=zh-CN') }));
    expect(zh.statusCode).toBe(200);
    const more = (full.plan.tasks.length - LIMITS.tasks).toLocaleString('en-US');
    expect(zh.body).toContain(`预览仅显示按 WBS 顺序的前 ${LIMITS.tasks} 个任务，另有 ${more} 个未显示`);
    expect(zh.body).toContain('<h1>1 目标</h1>');
    const titles = full.plan.tasks.map((task) => task.title);
    for (const title of titles.slice(0, LIMITS.tasks)) expect(zh.body).toContain(title);
    const unique = (title: string) => titles.filter((other) => title.includes(other)).length === 1;
    const leftOut = titles.slice(LIMITS.tasks).filter(unique);
    expect(leftOut.length).toBeGreaterThan(0);
    for (const title of leftOut) expect(zh.body).not.toContain(`>${title}<`);

    const en = await t.app.inject(as(owner, { method: 'GET', url: url('/plan/preview?locale=en') }));
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain(
      `… and ${more} more tasks: the preview shows the first ${LIMITS.tasks} in WBS order.`,
    );

    const goal = full.ids.goals[full.plan.goals[0]?.key ?? ''];
    const scoped = await t.app.inject(
      as(owner, { method: 'GET', url: url(`/plan/preview?locale=zh-CN&goalId=${goal}`) }),
    );
    expect(scoped.statusCode).toBe(200);
    expect(scoped.body).toContain('<h1>1 目标</h1>');
  }, 60_000);

  it('previews a plan within the limits whole, without a note', async () => {
    const services = t.app.services;
    const full = await readPlan(services, { workspaceId }, 'zh-CN');
    const limits = {
      goals: full.plan.goals.length,
      tasks: full.plan.tasks.length,
      kpis: full.plan.kpis.length,
    };
    const preview = await readPlanPreview(services, { workspaceId }, 'zh-CN', limits);
    expect(preview.cut).toEqual({});
    expect(preview.plan).toEqual(full.plan);
  });
});
