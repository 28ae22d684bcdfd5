import { beforeEach, describe, expect, it } from 'vitest';
import { as, createTestWorkspace, dailyPoints, signUpUser } from '../testing/app.ts';
import { createKpi, useTestTeam } from '../testing/factories.ts';
import { selectAttentionGoals } from './queries.ts';

const t = useTestTeam(['member', 'viewer']);
beforeEach(async () => {
  for (const payload of [
    { key: 'new_users', name: '新增用户', aggregation: 'sum' },
    { key: 'active_users', name: '活跃用户', aggregation: 'last' },
    { key: 'users_last_month', name: '上月用户', aggregation: 'last' },
    {
      key: 'growth_rate',
      name: '用户增长率',
      unit: '%',
      aggregation: 'last',
      formula: '(active_users - users_last_month) / users_last_month * 100',
    },
  ]) {
    await createKpi(t, t.owner, payload);
  }
});

async function postGoal(payload: Record<string, unknown>, user = t.owner) {
  return t.app.inject(as(user, { method: 'POST', url: t.url('/goals'), payload }));
}

async function push(key: string, points: Array<{ period: string; value: number }>) {
  const response = await t.app.inject(
    as(t.owner, { method: 'POST', url: t.url(`/kpis/${key}/measurements`), payload: { points } }),
  );
  if (response.statusCode !== 200) throw new Error(response.body);
}

const growthGoal = {
  title: '在三个月内将用户增长率提升20%',
  description: '**重点**:拉新与留存并重',
  isTopLevel: true,
  startDate: '2026-11-01',
  dueDate: '2027-01-30',
  keyResults: [
    { title: '新增用户达到 9000', kpiKey: 'new_users', baseline: 0, target: 9000, weight: 1 },
    { title: '用户增长率达到 20%', kpiKey: 'growth_rate', baseline: 0, target: 20, weight: 1 },
  ],
};

describe('goals', () => {
  it('creates a goal with two key results, one on a formula KPI, and tracks progress, forecast and health', async () => {
    const created = await postGoal(growthGoal, t.member);
    expect(created.statusCode).toBe(201);
    const goalId = created.json().goal.id as string;
    expect(created.json().descriptionHtml).toContain('<strong>重点</strong>');
    expect(created.json().goal).toMatchObject({ health: 'no_data', progress: 0, expectedProgress: 25 / 90 });

    // 26 days of 100 new users a day: 2,600 of 9,000, on a line that reaches 9,000 around the deadline.
    await push(
      'new_users',
      dailyPoints('2026-11-01', 26, () => 100),
    );
    await push(
      'users_last_month',
      dailyPoints('2026-11-01', 26, () => 1000),
    );
    await push(
      'active_users',
      dailyPoints('2026-11-01', 26, (i) => 1000 + i * 4),
    );

    const detail = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/goals/${goalId}`) }))
    ).json();
    const [newUsers, growth] = detail.keyResults;
    expect(newUsers).toMatchObject({ kind: 'kpi', current: 2600, reachDate: '2027-01-29' });
    expect(newUsers.progress).toBeCloseTo(2600 / 9000, 6);
    expect(newUsers.projectedValue).toBeCloseTo(9100, 6);
    expect(growth.current).toBeCloseTo(10, 6);
    expect(growth.progress).toBeCloseTo(0.5, 6);
    expect(detail.goal.progress).toBeCloseTo((2600 / 9000 + 0.5) / 2, 6);
    expect(detail.goal.health).toBe('on_track');
    expect(detail.goal.healthReason.message).toContain('2027-01-30');

    // A flat week drags the forecast below the line.
    await push(
      'new_users',
      dailyPoints('2026-11-20', 7, () => 0),
    );
    const after = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/goals/${goalId}`) }))
    ).json();
    expect(after.keyResults[0].current).toBe(1900);
    expect(['at_risk', 'off_track']).toContain(after.goal.health);
    const events = await t.database.db
      .selectFrom('events')
      .select('type')
      .where('type', '=', 'goal.health_changed')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('rolls progress up an alignment tree by weight', async () => {
    const parent = (
      await postGoal({
        title: '年度增长',
        isTopLevel: true,
        startDate: '2026-11-01',
        dueDate: '2026-12-31',
      })
    ).json().goal.id;
    const childA = await postGoal({
      title: '拉新',
      parentId: parent,
      weight: 3,
      startDate: '2026-11-01',
      dueDate: '2026-12-31',
      keyResults: [{ title: 'done', isDone: true }],
    });
    const childB = await postGoal({
      title: '留存',
      parentId: parent,
      weight: 1,
      startDate: '2026-11-01',
      dueDate: '2026-12-31',
      keyResults: [{ title: 'not yet' }],
    });
    expect(childA.statusCode).toBe(201);
    expect(childB.statusCode).toBe(201);
    const goals = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/goals') }))).json()
      .items as Array<{ id: string; progress: number; parentId: string | null }>;
    expect(goals.find((goal) => goal.id === parent)?.progress).toBeCloseTo(0.75, 6);
    const detail = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/goals/${childA.json().goal.id}`) }))
    ).json();
    expect(detail.ancestors).toEqual([{ id: parent, title: '年度增长' }]);
    // The breadcrumb reads the ancestry only, root first.
    const grandchild = await postGoal({
      title: '渠道拉新',
      parentId: childA.json().goal.id,
      startDate: '2026-11-01',
      dueDate: '2026-12-31',
    });
    expect(grandchild.json().ancestors).toEqual([
      { id: parent, title: '年度增长' },
      { id: childA.json().goal.id, title: '拉新' },
    ]);
    const loop = await t.app.inject(
      as(t.owner, {
        method: 'PATCH',
        url: t.url(`/goals/${parent}`),
        payload: { parentId: grandchild.json().goal.id },
      }),
    );
    expect(loop.json().error).toMatchObject({ code: 'goal_cycle' });
    expect(
      (
        await t.app.inject(
          as(t.owner, { method: 'DELETE', url: t.url(`/goals/${grandchild.json().goal.id}`) }),
        )
      ).statusCode,
    ).toBe(204);

    const tick = childB.json().keyResults[0].id as string;
    await t.app.inject(
      as(t.member, { method: 'PATCH', url: t.url(`/key-results/${tick}`), payload: { isDone: true } }),
    );
    const after = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/goals/${parent}`) }))
    ).json();
    expect(after.goal.progress).toBe(1);
    expect(after.children).toHaveLength(2);
  });

  it('refuses cycles, due before start, equal baseline and target, unknown KPIs and foreign parents', async () => {
    const root = (await postGoal({ title: 'Root', startDate: '2026-11-01', dueDate: '2026-12-31' })).json()
      .goal.id;
    const child = (
      await postGoal({ title: 'Child', parentId: root, startDate: '2026-11-01', dueDate: '2026-12-31' })
    ).json().goal.id;
    const cycle = await t.app.inject(
      as(t.owner, { method: 'PATCH', url: t.url(`/goals/${root}`), payload: { parentId: child } }),
    );
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error).toMatchObject({ code: 'goal_cycle', fields: [{ path: 'parentId' }] });
    const self = await t.app.inject(
      as(t.owner, { method: 'PATCH', url: t.url(`/goals/${root}`), payload: { parentId: root } }),
    );
    expect(self.json().error.code).toBe('goal_cycle');

    const dates = await postGoal({ title: 'X', startDate: '2026-12-01', dueDate: '2026-11-01' });
    expect(dates.json().error).toMatchObject({ code: 'due_before_start', fields: [{ path: 'dueDate' }] });
    const same = await postGoal({
      ...growthGoal,
      keyResults: [{ title: 'flat', kpiKey: 'new_users', baseline: 5, target: 5 }],
    });
    expect(same.json().error).toMatchObject({
      code: 'baseline_equals_target',
      fields: [{ path: 'keyResults.0.target' }],
    });
    const unknown = await postGoal({
      ...growthGoal,
      keyResults: [{ title: 'x', kpiKey: 'no_such_kpi', baseline: 0, target: 1 }],
    });
    expect(unknown.json().error).toMatchObject({
      code: 'kpi_not_found',
      fields: [{ path: 'keyResults.0.kpiKey' }],
    });
    const missing = await postGoal({ ...growthGoal, keyResults: [{ title: 'x', kpiKey: 'new_users' }] });
    expect(missing.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'keyResults.0.baseline',
      'keyResults.0.target',
    ]);
    expect(await t.database.db.selectFrom('goals').selectAll().execute()).toHaveLength(2);

    const stranger = await signUpUser(t.app);
    const otherWorkspace = await createTestWorkspace(t.app, stranger);
    const foreign = (
      await t.app.inject(
        as(stranger, {
          method: 'POST',
          url: `/api/v1/w/${otherWorkspace}/goals`,
          payload: { title: 'F', startDate: '2026-11-01', dueDate: '2026-12-01' },
        }),
      )
    ).json().goal.id;
    const foreignParent = await postGoal({
      title: 'Y',
      parentId: foreign,
      startDate: '2026-11-01',
      dueDate: '2026-12-01',
    });
    expect(foreignParent.statusCode).toBe(404);
    expect(
      (await t.app.inject(as(t.owner, { method: 'GET', url: t.url(`/goals/${foreign}`) }))).statusCode,
    ).toBe(404);
    const bad = await postGoal({ title: '', startDate: '2026-13-01', dueDate: 'soon' });
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['dueDate', 'startDate', 'title']);
  });

  it('deletes only a goal without sub-goals, and only for managers', async () => {
    const root = (await postGoal({ title: 'Root', startDate: '2026-11-01', dueDate: '2026-12-31' })).json()
      .goal.id;
    const child = (
      await postGoal({ title: 'Child', parentId: root, startDate: '2026-11-01', dueDate: '2026-12-31' })
    ).json().goal.id;
    expect(
      (await t.app.inject(as(t.member, { method: 'DELETE', url: t.url(`/goals/${child}`) }))).statusCode,
    ).toBe(403);
    const refused = await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url(`/goals/${root}`) }));
    expect(refused.json().error).toMatchObject({ code: 'goal_has_children' });
    expect(
      (await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url(`/goals/${child}`) }))).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url(`/goals/${root}`) }))).statusCode,
    ).toBe(204);
  });

  it('records check-ins with confidence and blockers, newest first', async () => {
    const goalId = (await postGoal(growthGoal)).json().goal.id;
    await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/goals/${goalId}/check-ins`),
        payload: { note: '第一周', confidence: 7 },
      }),
    );
    t.clock.advance(86_400_000);
    const second = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/goals/${goalId}/check-ins`),
        payload: { note: '渠道投放延迟', confidence: 4, blockers: '预算未批' },
      }),
    );
    expect(second.statusCode).toBe(201);
    // The answer is the check-in and the goal's summary, not the whole goal page.
    expect(second.json()).toMatchObject({
      checkIn: { note: '渠道投放延迟', confidence: 4, blockers: '预算未批', author: { id: t.member.id } },
      goal: { id: goalId, health: 'no_data' },
    });
    expect(second.json().checkIns).toBeUndefined();
    const page = await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/goals/${goalId}`) }));
    expect(page.json().checkIns.map((c: { note: string }) => c.note)).toEqual(['渠道投放延迟', '第一周']);
    const invalid = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/goals/${goalId}/check-ins`),
        payload: { note: 'x', confidence: 11 },
      }),
    );
    expect(invalid.json().error.fields[0].path).toBe('confidence');
    expect(
      (
        await t.app.inject(
          as(t.viewer, {
            method: 'POST',
            url: t.url(`/goals/${goalId}/check-ins`),
            payload: { note: 'x', confidence: 5 },
          }),
        )
      ).statusCode,
    ).toBe(403);
  });

  it('shows the dashboard: goals needing attention and red KPIs', async () => {
    await t.app.inject(
      as(t.owner, {
        method: 'PATCH',
        url: t.url('/kpis/new_users'),
        payload: { thresholds: { green: 100, amber: 80 } },
      }),
    );
    const goalId = (await postGoal(growthGoal)).json().goal.id;
    await push(
      'new_users',
      dailyPoints('2026-11-01', 26, () => 10),
    );
    const dashboard = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/dashboard') }))).json();
    expect(dashboard.counts).toMatchObject({ total: 1, offTrack: 1 });
    expect(dashboard.attention.map((goal: { id: string }) => goal.id)).toEqual([goalId]);
    expect(dashboard.redKpis).toEqual([expect.objectContaining({ key: 'new_users', lastValue: 10 })]);
  });

  it('shows the first six red KPIs by key, not every one (the overview links to the list of them)', async () => {
    for (let index = 1; index <= 8; index += 1) {
      const key = `red_${index}`;
      await createKpi(t, t.owner, {
        key,
        name: `红灯 ${index}`,
        aggregation: 'last',
        thresholds: { green: 100, amber: 80 },
      });
      await push(key, [{ period: '2026-11-01', value: 10 }]);
    }
    const dashboard = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/dashboard') }))).json();
    expect(dashboard.redKpis.map((kpi: { key: string }) => kpi.key)).toEqual([
      'red_1',
      'red_2',
      'red_3',
      'red_4',
      'red_5',
      'red_6',
    ]);
  });

  it('lists the off-track goals before the at-risk ones, each by due day, up to the limit', async () => {
    const made: Array<{ id: string; health: string; status: string; due: string }> = [];
    const plan = [
      ['at_risk', 'active', '2027-01-05'],
      ['off_track', 'active', '2027-03-01'],
      ['at_risk', 'active', '2027-01-01'],
      ['off_track', 'done', '2026-12-01'],
      ['off_track', 'active', '2027-02-01'],
      ['on_track', 'active', '2026-12-02'],
    ] as const;
    for (const [index, [health, status, due]] of plan.entries()) {
      const id = (await postGoal({ title: `关注 ${index}`, startDate: '2026-11-01', dueDate: due })).json()
        .goal.id;
      // Health and status as the rollup would leave them, set directly: this is about the order of the read.
      await t.database.db
        .updateTable('goals')
        .set({ health, status, due_date: due })
        .where('id', '=', id)
        .execute();
      made.push({ id, health, status, due });
    }
    const ids = (limit: number) =>
      selectAttentionGoals(t.database.db, t.workspaceId, limit).then((rows) => rows.map((row) => row.id));
    const [offLater, offEarlier, riskLater, riskEarlier] = [made[1], made[4], made[0], made[2]].map(
      (goal) => goal?.id,
    );
    expect(await ids(10)).toEqual([offEarlier, offLater, riskEarlier, riskLater]);
    expect(await ids(3)).toEqual([offEarlier, offLater, riskEarlier]);
    expect(await ids(1)).toEqual([offEarlier]);
    const dashboard = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/dashboard') }))).json();
    expect(dashboard.counts).toMatchObject({ total: 5, offTrack: 2, atRisk: 2, onTrack: 1 });
  });

  it('analyses a statement live, using the tree and the KPI history', async () => {
    const plain = await t.app.inject(
      as(t.viewer, {
        method: 'POST',
        url: t.url('/smart'),
        payload: { statement: '在三个月内将用户增长率提升20%' },
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(plain.statusCode).toBe(200);
    const analysis = plain.json();
    expect(analysis.extracted).toMatchObject({
      target: { value: 20, unit: '%' },
      direction: 'increase',
      deadline: '2027-02-26',
    });
    expect(analysis.criteria.measurable.status).toBe('pass');
    expect(analysis.criteria.timeBound.status).toBe('pass');
    expect(analysis.criteria.relevant.status).toBe('unknown');
    expect(analysis.criteria.achievable.status).toBe('unknown');
    expect(analysis.locale).toBe('zh-CN');

    await push(
      'active_users',
      dailyPoints('2026-05-27', 184, (i) => 10_000 + i * 10),
    );
    const withHistory = await t.app.inject(
      as(t.viewer, {
        method: 'POST',
        url: t.url('/smart'),
        payload: {
          statement: 'Grow active users to 30,000 by 2027-02-26',
          kpiKey: 'active_users',
          isTopLevel: true,
        },
      }),
    );
    const criteria = withHistory.json().criteria;
    expect(criteria.relevant.status).toBe('pass');
    expect(criteria.achievable.status).toBe('fail');
    expect(criteria.achievable.reason).toMatch(/month/);
    expect(criteria.achievable.reason).toMatch(/\d/);

    // The key result measures sign-ups, the text a growth rate in %: no comparison across the two.
    const mismatch = await t.app.inject(
      as(t.viewer, {
        method: 'POST',
        url: t.url('/smart'),
        payload: {
          statement: '三个月内将用户增长率提升至8%',
          kpiKey: 'new_users',
          keyResult: { baseline: 0, target: 36000 },
        },
      }),
    );
    expect(mismatch.json().extracted.target).toEqual({ value: 8, unit: '%' });
    expect(mismatch.json().criteria.achievable.status).toBe('unknown');

    const vague = await t.app.inject(
      as(t.viewer, { method: 'POST', url: t.url('/smart'), payload: { statement: '做好社群运营工作' } }),
    );
    expect(vague.json().criteria.specific.status).toBe('fail');
    expect(vague.json().criteria.specific.suggestion).toBeTruthy();
    const missingParent = await t.app.inject(
      as(t.viewer, {
        method: 'POST',
        url: t.url('/smart'),
        payload: { statement: 'x', parentGoalId: 'nope' },
      }),
    );
    expect(missingParent.statusCode).toBe(404);
  });

  it('shows the SMART panel on the goal page, with the due date and key results filling the gaps', async () => {
    const goalId = (
      await postGoal({
        title: '提升活跃用户',
        isTopLevel: true,
        startDate: '2026-11-01',
        dueDate: '2027-01-30',
        keyResults: [{ title: 'DAU', kpiKey: 'active_users', baseline: 1000, target: 1200 }],
      })
    ).json().goal.id;
    const smart = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/goals/${goalId}`) }))).json()
      .smart;
    expect(smart.criteria.timeBound.status).toBe('pass');
    expect(smart.criteria.measurable.status).toBe('pass');
    expect(smart.criteria.relevant.status).toBe('pass');
  });

  it('reads the target one way for the SMART verdict and the key result, and names the parent by title', async () => {
    // A growth rate near 2.8 %: "提升20%" alone would read as 2.8 → 3.36, within reach; the key result says 0 → 20.
    await push(
      'active_users',
      dailyPoints('2026-10-01', 57, (i) => 10_000 + i * 5),
    );
    await push(
      'users_last_month',
      dailyPoints('2026-10-01', 57, () => 10_000),
    );
    const parentId = (await postGoal(growthGoal)).json().goal.id;
    const detail = (
      await t.app.inject(
        as(t.viewer, {
          method: 'GET',
          url: t.url(`/goals/${parentId}`),
          headers: { 'accept-language': 'zh-CN' },
        }),
      )
    ).json();
    expect(detail.smart.interpretation).toMatchObject({
      source: 'keyResult',
      baseline: 0,
      target: 20,
      kpiKey: 'growth_rate',
    });
    expect(detail.smart.interpretation.sentence).toContain('以关键结果「用户增长率达到 20%」为准');
    // The verdict compares with the key result's 20 %, not with 120 % of the current rate.
    expect(detail.smart.criteria.achievable.reason).toContain('到 20%');
    expect(detail.smart.criteria.achievable.status).toBe('fail');

    const childId = (
      await postGoal({ ...growthGoal, title: '日活提升到 1.2 万', parentId, isTopLevel: false })
    ).json().goal.id;
    const child = (
      await t.app.inject(
        as(t.viewer, {
          method: 'GET',
          url: t.url(`/goals/${childId}`),
          headers: { 'accept-language': 'en' },
        }),
      )
    ).json();
    expect(child.smart.criteria.relevant.reason).toBe(
      'Aligned to parent goal “在三个月内将用户增长率提升20%”.',
    );
    expect(child.smart.criteria.relevant.reason).not.toContain(parentId);
  });

  it('suggests the KPI the statement names and prefills its baseline and target, in the KPI’s scale', async () => {
    await push(
      'active_users',
      dailyPoints('2026-10-27', 31, (i) => 44_000 + i * 20),
    );
    const ask = (statement: string) =>
      t.app.inject(
        as(t.viewer, {
          method: 'POST',
          url: t.url('/smart'),
          payload: { statement, suggestKpi: true, isTopLevel: true },
          headers: { 'accept-language': 'zh-CN' },
        }),
      );
    const fromTo = (await ask('2027年3月31日前将活跃用户从 4.6 万提升到 6 万')).json();
    expect(fromTo.extracted.deadline).toBe('2027-03-31');
    expect(fromTo.interpretation).toMatchObject({
      kpiKey: 'active_users',
      baseline: 46_000,
      target: 60_000,
      source: 'text',
    });
    // 4.6万 is 46,000 like the KPI's values: 44,600 now has not met it.
    expect(fromTo.criteria.achievable.status).not.toBe('pass');
    expect(fromTo.criteria.achievable.reason).toContain('44,600');

    const relative = (await ask('一季度内将活跃用户提升10%')).json();
    expect(relative.interpretation).toMatchObject({ reading: 'relative', baseline: 44_600, target: 49_060 });
    expect(relative.extracted.deadline).toBe('2027-03-31');

    const vague = (await ask('提升用户活跃')).json();
    expect(vague.criteria.timeBound.status).toBe('fail');
    expect(vague.interpretation).toBeNull();
  });

  it('recomputes health nightly as time passes, and reminds owners weekly to check in', async () => {
    const goalId = (await postGoal({ ...growthGoal, keyResults: [{ title: 'done', isDone: false }] })).json()
      .goal.id;
    const before = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/goals/${goalId}`) }))
    ).json().goal;
    // Sessions idle for 14 days expire: keep the viewer's alive while a month passes.
    for (let day = 0; day < 30; day += 10) {
      t.clock.advance(10 * 86_400_000);
      await t.app.inject(as(t.viewer, { method: 'GET', url: '/api/v1/me' }));
    }
    await t.database.db
      .updateTable('jobs')
      .set({ run_at: t.clock.now })
      .where('name', 'in', ['goals.refresh_all', 'workspaces.mornings'])
      .execute();
    t.clock.advance(1);
    // A month of cron jobs falls due at once, more than one batch: run until nothing is due.
    while ((await t.app.services.scheduler.runDue()) > 0);
    const after = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/goals/${goalId}`) }))).json()
      .goal;
    expect(after.expectedProgress).toBeGreaterThan(before.expectedProgress);
    expect(after.health).toBe('off_track');
    expect(after.healthReason.message).toContain('expected');
    // 30 days after creation is not a 7th day; 5 more days make 35.
    expect(
      await t.database.db.selectFrom('events').selectAll().where('type', '=', 'goal.check_in_due').execute(),
    ).toHaveLength(0);
    t.clock.advance(5 * 86_400_000);
    await t.database.db
      .updateTable('jobs')
      .set({ run_at: t.clock.now })
      // Check-ins are asked for in the workspace's morning: the quarter-hourly mornings row enqueues the day's job.
      .where('name', '=', 'workspaces.mornings')
      .execute();
    while ((await t.app.services.scheduler.runDue()) > 0);
    const reminders = await t.database.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'goal.check_in_due')
      .execute();
    expect(reminders.map((event) => JSON.parse(event.payload).goalId)).toEqual([goalId]);
  });
});
