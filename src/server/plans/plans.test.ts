import { parse } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Plan, PlanObservations } from '../../core/plan/model.ts';
import { readPlanText } from '../../core/plan/yaml.ts';
import { as, signUpUser, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

let workspaceId: string;

const t = useTestTeam(['viewer']);
beforeEach(async () => {
  const demo = await t.app.inject(
    as(t.owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
  );
  expect(demo.statusCode).toBe(201);
  workspaceId = demo.json().workspace.id;
  await t.database.db
    .insertInto('memberships')
    .values({
      workspace_id: workspaceId,
      user_id: t.viewer.id,
      role: 'viewer',
      title: null,
      weekly_capacity_hours: 40,
      created_at: 0,
    })
    .execute();
});

const url = (suffix: string, id = workspaceId) => `/api/v1/w/${id}${suffix}`;

async function exportJson(user: TestUser, query = '') {
  const response = await t.app.inject(
    as(user, { method: 'GET', url: url(`/plan/export?format=json${query}`) }),
  );
  expect(response.statusCode).toBe(200);
  return response.json<{ plan: Plan; observations: PlanObservations }>();
}

describe('plan export', () => {
  it('reads the demo workspace as a plan keyed by e-mail, WBS and KPI key, with what was measured', async () => {
    const { plan, observations } = await exportJson(t.owner);
    expect(plan.version).toBe(1);
    expect(plan.people.map((person) => person.email)).toContain(t.owner.email);
    const emails = new Set(plan.people.map((person) => person.email));

    // Goals: outline keys, parents before children, key results on KPIs the plan defines.
    expect(plan.goals[0]?.key).toBe('g1');
    expect(plan.goals.some((goal) => goal.parent === 'g1')).toBe(true);
    const kpiKeys = new Set(plan.kpis.map((kpi) => kpi.key));
    const keyResultKpis = plan.goals.flatMap((goal) =>
      goal.keyResults.flatMap((kr) => (kr.kpi ? [kr.kpi] : [])),
    );
    expect(keyResultKpis.length).toBeGreaterThan(0);
    for (const key of keyResultKpis) expect(kpiKeys.has(key)).toBe(true);

    // Tasks: WBS keys in reading order, one accountable each, dependencies on keys that exist.
    expect(plan.tasks[0]?.key).toBe('t1');
    expect(plan.tasks.length).toBeGreaterThanOrEqual(31);
    const taskKeys = new Set(plan.tasks.map((task) => task.key));
    for (const task of plan.tasks) {
      if (task.parent) expect(taskKeys.has(task.parent)).toBe(true);
      for (const dependency of task.dependsOn ?? []) expect(taskKeys.has(dependency.task)).toBe(true);
      for (const email of task.raci?.accountable ?? []) expect(emails.has(email)).toBe(true);
    }
    expect(plan.tasks.filter((task) => task.dependsOn?.length).length).toBeGreaterThan(0);
    expect(plan.tasks.some((task) => task.key.startsWith('t1.'))).toBe(true);

    // Processes: the current version's steps with owners as e-mail, role:… or skill:…; SLAs kept.
    expect(plan.processes.length).toBeGreaterThanOrEqual(2);
    const steps = plan.processes.flatMap((process) => process.steps);
    expect(steps.some((step) => step.slaHours !== undefined)).toBe(true);
    for (const step of steps) {
      if (step.owner) expect(emails.has(step.owner) || /^(role|skill):/.test(step.owner)).toBe(true);
    }
    // Routines are plan routines; their occurrences are not tasks of the WBS.
    expect(plan.routines.length).toBe(2);
    expect(plan.routines[0]?.key).toBe('r1');

    // Observations: KPI series of at most 12 periods, goal progress and health, process analytics.
    const firstKpi = plan.kpis.find((kpi) => !kpi.formula);
    const seen = observations.kpis[firstKpi?.key ?? ''];
    expect(seen?.series.length).toBeGreaterThan(0);
    expect(seen?.series.length).toBeLessThanOrEqual(12);
    expect(seen?.lastValue).not.toBeNull();
    expect(observations.goals.g1?.health).toMatch(/on_track|at_risk|off_track|no_data/);
    const withCases = Object.values(observations.processes).find((process) => process.cases > 0);
    expect(withCases?.steps.length).toBeGreaterThan(0);
    expect(withCases?.medianLeadHours).toBeGreaterThan(0);
  });

  it('fills chapters 9 and 10 from the surveys, competitors and the feedback loop', async () => {
    const { plan } = await exportJson(t.owner);
    const research = plan.sections?.research as {
      surveys: { title: string; waves: { nps: number | null }[] }[];
      competitors: {
        name: string;
        swot: { strengths: string[] };
        observations: { task?: string; goal?: string }[];
      }[];
    };
    const nps = research.surveys.find((survey) => survey.waves.length === 2);
    expect(nps?.waves.every((wave) => wave.nps !== null)).toBe(true);
    expect(research.competitors.map((competitor) => competitor.name)).toHaveLength(3);
    expect(research.competitors.every((competitor) => competitor.swot.strengths.length > 0)).toBe(true);
    const triggered = research.competitors
      .flatMap((competitor) => competitor.observations)
      .find((o) => o.task);
    expect(triggered).toMatchObject({ task: '竞品拉新活动调研', goal: '在三个月内将用户增长率提升20%' });

    const feedback = plan.sections?.feedback as {
      channels: { channel: string; items: number }[];
      issues?: { items: number; weekly: number[] }[];
      loop: { process: string };
    };
    expect(feedback.channels.length).toBeGreaterThan(1);
    // Common issues come from the clustering job; each carries eight weekly counts once it has run.
    for (const issue of feedback.issues ?? []) expect(issue.weekly).toHaveLength(8);
    // The loop names the feedback process by its plan key, whose steps carry the SLAs.
    const process = plan.processes.find((candidate) => candidate.key === feedback.loop.process);
    expect(process?.steps.some((step) => step.slaHours !== undefined)).toBe(true);
  });

  it('writes the same valid plan.yaml every time, for a viewer too', async () => {
    const first = await t.app.inject(as(t.viewer, { method: 'GET', url: url('/plan/export') }));
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('application/yaml');
    const second = await t.app.inject(as(t.owner, { method: 'GET', url: url('/plan/export?format=yaml') }));
    expect(second.body).toBe(first.body);
    const read = readPlanText(first.body);
    expect(read.ok).toBe(true);
    expect(parse(first.body).tasks.length).toBeGreaterThan(30);
  });

  it("narrows to one goal's subtree and the tasks and KPIs it touches", async () => {
    const whole = (await exportJson(t.owner)).plan;
    const child = whole.goals.find((goal) => goal.parent === 'g1' && goal.keyResults.some((kr) => kr.kpi));
    expect(child).toBeDefined();
    const goals = await t.database.db.selectFrom('goals').select(['id', 'title']).execute();
    const goalId = goals.find((goal) => goal.title === child?.title)?.id ?? '';
    const { plan } = await exportJson(t.owner, `&goalId=${goalId}`);
    expect(plan.goals.map((goal) => goal.key)).toEqual([child?.key]);
    // Its key is the whole workspace's key; its parent is outside the scope.
    expect(plan.goals[0]?.parent).toBeUndefined();
    const used = new Set(child?.keyResults.flatMap((kr) => (kr.kpi ? [kr.kpi] : [])));
    for (const key of used) expect(plan.kpis.some((kpi) => kpi.key === key)).toBe(true);
    expect(plan.kpis.length).toBeLessThan(whole.kpis.length);
    for (const task of plan.tasks) {
      const same = whole.tasks.find((other) => other.key === task.key);
      expect(same?.title).toBe(task.title);
    }
    expect(plan.tasks.length).toBeLessThan(whole.tasks.length);
  });

  it('refuses another workspace with 404 and an unknown goal with 404', async () => {
    const stranger = await signUpUser(t.app);
    const refused = await t.app.inject(as(stranger, { method: 'GET', url: url('/plan/export') }));
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('workspace_not_found');
    const unknown = await t.app.inject(as(t.owner, { method: 'GET', url: url('/plan/export?goalId=nope') }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('goal_not_found');
  });

  it('publishes the JSON Schema of plan.yaml without signing in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/plan.schema.json' });
    expect(response.statusCode).toBe(200);
    const schema = response.json();
    expect(schema.properties.tasks.type).toBe('array');
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'people', 'goals', 'tasks']));
    expect(schema.additionalProperties).toBe(false);
  });
});
