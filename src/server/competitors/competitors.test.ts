import { describe, expect, it } from 'vitest';
import { as, createTestWorkspace, signUpUser, type TestUser } from '../testing/app.ts';
import { createGoal, createTask, useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['member', 'viewer']);

function call(user: TestUser, method: string, suffix: string, payload?: unknown, lang = 'en') {
  return t.app.inject(
    as(user, {
      method: method as 'GET',
      url: suffix.startsWith('/api/') ? suffix : t.url(suffix),
      headers: { 'accept-language': lang },
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    }),
  );
}

async function ok<T>(response: Awaited<ReturnType<typeof call>>, status = 200): Promise<T> {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

type Observation = {
  id: string;
  competitorId: string;
  category: string;
  title: string;
  note: string;
  sourceUrl: string | null;
  goal: { id: string; title: string } | null;
  task: { id: string; title: string; status: string } | null;
};
type Competitor = {
  id: string;
  name: string;
  swot: Record<string, string[]>;
  observations: number;
  categories: Record<string, number>;
  latest: Observation[];
};

async function addCompetitor(payload: Record<string, unknown>) {
  return (await ok<{ competitor: Competitor }>(await call(t.member, 'POST', '/competitors', payload), 201))
    .competitor;
}

async function observe(competitorId: string, payload: Record<string, unknown>) {
  return (
    await ok<{ observation: Observation }>(
      await call(t.member, 'POST', `/competitors/${competitorId}/observations`, payload),
      201,
    )
  ).observation;
}

describe('competitors', () => {
  it('tracks a competitor: SWOT, observations by category, a timeline and the latest per competitor', async () => {
    const rival = await addCompetitor({
      name: '拼多多',
      website: 'https://www.pinduoduo.com',
      aliases: ['PDD'],
      swot: { strengths: ['低价', '社交裂变'], threats: ['百亿补贴抢走价格敏感用户'] },
    });
    expect(rival.swot).toEqual({
      strengths: ['低价', '社交裂变'],
      weaknesses: [],
      opportunities: [],
      threats: ['百亿补贴抢走价格敏感用户'],
    });
    // A partial SWOT update replaces the quadrants given and keeps the rest.
    const edited = await ok<{ competitor: Competitor }>(
      await call(t.member, 'PATCH', `/competitors/${rival.id}`, { swot: { weaknesses: ['品质口碑弱'] } }),
    );
    expect(edited.competitor.swot.strengths).toEqual(['低价', '社交裂变']);
    expect(edited.competitor.swot.weaknesses).toEqual(['品质口碑弱']);

    const days = ['2026-09-01', '2026-10-15', '2026-11-02', '2026-11-20'];
    for (const [index, day] of days.entries()) {
      await observe(rival.id, {
        observedOn: day,
        category: index % 2 === 0 ? 'pricing' : 'campaign',
        title: `动态 ${index + 1}`,
        sourceUrl: 'https://example.com/news',
        ...(index % 2 === 0 ? { price: 99 - index } : {}),
      });
    }
    const other = await addCompetitor({ name: 'Shopee' });
    await observe(other.id, { observedOn: '2026-11-25', category: 'feature', title: 'Live shopping' });

    const list = await ok<{ competitors: Competitor[] }>(await call(t.viewer, 'GET', '/competitors'));
    expect(list.competitors.map((competitor) => competitor.name)).toEqual(['Shopee', '拼多多']);
    const listed = list.competitors[1];
    expect(listed?.observations).toBe(4);
    expect(listed?.categories).toMatchObject({ pricing: 2, campaign: 2, feature: 0 });
    expect(listed?.latest.map((observation) => observation.title)).toEqual(['动态 4', '动态 3', '动态 2']);

    const pricing = await ok<{ competitors: Competitor[] }>(
      await call(t.viewer, 'GET', '/competitors?category=pricing'),
    );
    expect(pricing.competitors[1]?.latest.map((observation) => observation.title)).toEqual([
      '动态 3',
      '动态 1',
    ]);
    expect(pricing.competitors[0]?.latest).toEqual([]);

    const timeline = await ok<{ observations: Observation[] }>(
      await call(t.viewer, 'GET', `/competitor-observations?competitorId=${rival.id}&category=campaign`),
    );
    expect(timeline.observations.map((observation) => observation.title)).toEqual(['动态 4', '动态 2']);
    const all = await ok<{ observations: Observation[] }>(
      await call(t.viewer, 'GET', '/competitor-observations'),
    );
    expect(all.observations).toHaveLength(5);
    expect(all.observations[0]?.title).toBe('Live shopping');

    // A second competitor of the same name is refused, naming the field.
    const taken = await call(t.member, 'POST', '/competitors', { name: '拼多多' }, 'zh-CN');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'competitor_name_taken', fields: [{ path: 'name' }] });
    expect(taken.json().error.message).toBe('已有同名竞品。');

    // Deleting the competitor takes its observations with it.
    expect((await call(t.member, 'DELETE', `/competitors/${other.id}`)).statusCode).toBe(204);
    const after = await ok<{ observations: Observation[] }>(
      await call(t.viewer, 'GET', '/competitor-observations'),
    );
    expect(after.observations).toHaveLength(4);
  });

  it('links an observation to a goal and a task, and turns one into a task', async () => {
    const goal = {
      goal: await createGoal(t, t.owner, { title: '守住价格带', isTopLevel: false }),
    };
    const rival = await addCompetitor({ name: '京东' });
    const observation = await observe(rival.id, {
      observedOn: '2026-11-11',
      category: 'pricing',
      title: '京东 PLUS 会员免运费门槛降到 39 元',
      note: '<script>alert(1)</script> 运费门槛 & 会员',
      goalId: goal.goal.id,
    });
    expect(observation.goal).toEqual({ id: goal.goal.id, title: '守住价格带' });
    // HTML is kept as the text it is, never interpreted or stripped.
    expect(observation.note).toBe('<script>alert(1)</script> 运费门槛 & 会员');

    const made = await ok<{ observation: Observation; taskId: string }>(
      await call(t.member, 'POST', `/competitors/${rival.id}/observations/${observation.id}/task`, {
        dueDate: '2026-12-01',
      }),
      201,
    );
    expect(made.observation.task).toEqual({
      id: made.taskId,
      title: '京东 PLUS 会员免运费门槛降到 39 元',
      status: 'todo',
    });
    const task = await ok<{ task: { title: string; goalId: string | null; dueDate: string } }>(
      await call(t.member, 'GET', `/tasks/${made.taskId}`),
    );
    expect(task.task).toMatchObject({ goalId: goal.goal.id, dueDate: '2026-12-01' });

    // Unlinking the goal keeps the task; the task's status shows through.
    const unlinked = await ok<{ observation: Observation }>(
      await call(t.member, 'PATCH', `/competitors/${rival.id}/observations/${observation.id}`, {
        goalId: null,
      }),
    );
    expect(unlinked.observation.goal).toBeNull();
    expect(unlinked.observation.task?.id).toBe(made.taskId);

    // A viewer reads but may not write or make tasks.
    const refused = await call(
      t.viewer,
      'POST',
      `/competitors/${rival.id}/observations/${observation.id}/task`,
      {},
    );
    expect(refused.statusCode).toBe(403);
    expect((await call(t.viewer, 'POST', '/competitors', { name: 'x' })).statusCode).toBe(403);
  });

  it('refuses other workspaces’ ids, foreign links, non-web addresses and bad fields, in words', async () => {
    const rival = await addCompetitor({ name: 'Temu' });
    const observation = await observe(rival.id, {
      observedOn: '2026-11-01',
      category: 'channel',
      title: 'TikTok ads',
    });

    const outsider = await signUpUser(t.app);
    const foreignId = await createTestWorkspace(t.app, outsider);
    const foreign = { app: t.app, workspaceId: foreignId };
    const foreignGoal = { goal: await createGoal(foreign, outsider, { title: 'x', isTopLevel: false }) };
    const foreignTask = { task: await createTask(foreign, outsider, { title: 'y' }) };
    const foreignRival = await ok<{ competitor: Competitor }>(
      await t.app.inject(
        as(outsider, { method: 'POST', url: t.url('/competitors', foreignId), payload: { name: 'Theirs' } }),
      ),
      201,
    );

    // The outsider cannot see ours; we cannot reach theirs through our workspace.
    expect((await t.app.inject(as(outsider, { method: 'GET', url: t.url('/competitors') }))).statusCode).toBe(
      404,
    );
    const theirs = await call(t.member, 'GET', `/competitors/${foreignRival.competitor.id}`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('competitor_not_found');
    expect(
      (
        await call(t.member, 'POST', `/competitors/${foreignRival.competitor.id}/observations`, {
          observedOn: '2026-11-01',
          category: 'other',
          title: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call(
          t.member,
          'PATCH',
          `/competitors/${foreignRival.competitor.id}/observations/${observation.id}`,
          {
            title: 'x',
          },
        )
      ).json().error.code,
    ).toBe('observation_not_found');

    for (const [field, id] of [
      ['goalId', foreignGoal.goal.id],
      ['taskId', foreignTask.task.id],
    ] as const) {
      const linked = await call(
        t.member,
        'PATCH',
        `/competitors/${rival.id}/observations/${observation.id}`,
        { [field]: id },
        'zh-CN',
      );
      expect(linked.statusCode).toBe(400);
      expect(linked.json().error).toMatchObject({
        code: 'observation_link_not_found',
        fields: [{ path: field }],
      });
      expect(linked.json().error.message).toBe('关联的目标或任务不在本工作区。');
    }
    const madeForeign = await call(
      t.member,
      'POST',
      `/competitors/${rival.id}/observations/${observation.id}/task`,
      {
        goalId: foreignGoal.goal.id,
      },
    );
    expect(madeForeign.json().error).toMatchObject({ code: 'observation_link_not_found' });
    // Nothing half-saved: no task was made by the refused request.
    const tasks = await ok<{ items: unknown[] }>(await call(t.member, 'GET', '/tasks'));
    expect(tasks.items).toHaveLength(0);

    for (const address of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://example.com/x',
      'example.com',
    ]) {
      const bad = await call(
        t.member,
        'POST',
        `/competitors/${rival.id}/observations`,
        { observedOn: '2026-11-01', category: 'pricing', title: 'x', sourceUrl: address },
        'zh-CN',
      );
      expect(bad.statusCode, address).toBe(400);
      expect(bad.json().error.fields).toEqual([
        { path: 'sourceUrl', message: '请填写以 http:// 或 https:// 开头的网址。' },
      ]);
    }
    const badSite = await call(t.member, 'PATCH', `/competitors/${rival.id}`, {
      website: 'javascript:void(0)',
    });
    expect(badSite.json().error.fields).toEqual([
      { path: 'website', message: 'Use a web address starting with http:// or https://.' },
    ]);

    const badFields = await call(
      t.member,
      'POST',
      `/competitors/${rival.id}/observations`,
      { observedOn: '2026-13-45', category: 'rumour', title: '' },
      'en',
    );
    expect(badFields.statusCode).toBe(400);
    expect(
      badFields
        .json()
        .error.fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(['category', 'observedOn', 'title']);
    const emptyPatch = await call(t.member, 'PATCH', `/competitors/${rival.id}`, {});
    expect(emptyPatch.statusCode).toBe(400);
  });
});
