import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  createTestTeam,
  signUpUser,
  type TestApp,
  type TestUser,
} from '../testing/app.ts';

let t: TestApp;
let owner: TestUser;
let member: TestUser;
let workspaceId: string;

const url = (suffix: string, workspace = workspaceId) => `/api/v1/w/${workspace}${suffix}`;

type Hit = { kind: string; id: string; title: string; snippet: string | null; ref: string | null };

beforeEach(async () => {
  t = await createTestApp();
  ({ workspaceId, owner, member } = await createTestTeam(t.app, ['member']));
});
afterEach(() => t.close());

async function send<T>(user: TestUser, method: 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object) {
  const response = await t.app.inject(as(user, { method, url: path, ...(payload ? { payload } : {}) }));
  if (response.statusCode >= 300) throw new Error(`${path}: ${response.body}`);
  return (response.body === '' ? null : response.json()) as T;
}

async function search(user: TestUser, q: string, workspace = workspaceId) {
  const response = await t.app.inject(
    as(user, { method: 'GET', url: `${url('/search', workspace)}?q=${encodeURIComponent(q)}` }),
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: Hit[] }>().items;
}

const found = (hits: Hit[]) => hits.map((hit) => `${hit.kind}:${hit.title}`);

describe('global search', () => {
  it('finds goals, KPIs, tasks, processes, cases and people by Chinese substrings and English words', async () => {
    const { goal } = await send<{ goal: { id: string } }>(owner, 'POST', url('/goals'), {
      title: '提升社群活跃度',
      description: '通过短视频投放拉新',
      startDate: '2026-11-01',
      dueDate: '2027-03-31',
    });
    await send(owner, 'POST', url('/kpis'), { key: 'wau', name: 'Weekly Active Users', frequency: 'week' });
    const task = await send<{ task: { id: string } }>(owner, 'POST', url('/tasks'), {
      title: '调整投放策略',
      goalId: goal.id,
    });
    await send(owner, 'POST', url('/tasks'), { title: '社群周报' });
    const process = await send<{ id: string; name: string }>(owner, 'POST', url('/processes'), {
      templateKey: 'feedback',
    });
    const run = await send<{ id: string }>(member, 'POST', url(`/processes/${process.id}/runs`), {
      subject: '投放素材审核慢',
    });

    // Two characters (below the trigram index) and three or more (through it) both find substrings; a title
    // starting with the term comes first, a match in the text only last.
    expect(found(await search(member, '投放'))).toEqual([
      'case:投放素材审核慢',
      'task:调整投放策略',
      'goal:提升社群活跃度',
    ]);
    const [byText] = await search(member, '短视频投放');
    expect(byText).toMatchObject({ kind: 'goal', id: goal.id, snippet: '通过短视频投放拉新' });
    expect(found(await search(member, '社群 周报'))).toEqual(['task:社群周报']);
    expect(await search(member, 'active USERS')).toEqual([
      { kind: 'kpi', id: expect.any(String), title: 'Weekly Active Users', snippet: null, ref: 'wau' },
    ]);
    // A KPI's key is searched too (PostgreSQL matches it by its own index, migration 0039).
    expect(found(await search(member, 'WAU'))).toEqual(['kpi:Weekly Active Users']);
    expect((await search(member, '审核慢'))[0]).toMatchObject({ kind: 'case', id: run.id, ref: process.id });
    expect(found(await search(member, member.name))).toContain(`person:${member.name}`);
    expect(found(await search(member, process.name.slice(1, 4)))).toContain(`process:${process.name}`);

    // Renamed and deleted objects follow at once.
    await send(owner, 'PATCH', url(`/tasks/${task.task.id}`), { title: '复盘渠道效果' });
    expect(found(await search(member, '投放策略'))).toEqual([]);
    expect(found(await search(member, '渠道效果'))).toEqual(['task:复盘渠道效果']);
    await send(owner, 'DELETE', url(`/tasks/${task.task.id}`));
    expect(await search(member, '渠道效果')).toEqual([]);
  });

  it('never shows another workspace’s objects, refuses outsiders, and reads odd queries as text', async () => {
    await send(owner, 'POST', url('/tasks'), { title: '100%_完成率 "核对"' });
    const stranger = await signUpUser(t.app);
    const other = await send<{ workspace: { id: string } }>(stranger, 'POST', '/api/v1/workspaces', {
      name: 'Other',
    });
    await send(stranger, 'POST', url('/tasks', other.workspace.id), { title: '100%_完成率 别人的' });

    expect(found(await search(member, '完成率'))).toEqual(['task:100%_完成率 "核对"']);
    expect(found(await search(member, '%_'))).toEqual(['task:100%_完成率 "核对"']);
    expect(found(await search(member, '"核对"'))).toEqual(['task:100%_完成率 "核对"']);
    expect(await search(member, '   ')).toEqual([]);

    // The task list's title filter reads the same index: literal %, any case, short and long terms.
    await send(owner, 'POST', url('/tasks'), { title: 'Review Ad Spend' });
    const listed = async (q: string) => {
      const response = await t.app.inject(
        as(member, { method: 'GET', url: `${url('/tasks')}?q=${encodeURIComponent(q)}` }),
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: Array<{ title: string }> }>().items.map((task) => task.title);
    };
    expect(await listed('%_完成')).toEqual(['100%_完成率 "核对"']);
    expect(await listed('ad spend')).toEqual(['Review Ad Spend']);
    expect(await listed('AD')).toEqual(['Review Ad Spend']);
    expect(await listed('别人')).toEqual([]);
    const refused = await t.app.inject(
      as(stranger, { method: 'GET', url: `${url('/search')}?q=${encodeURIComponent('完成率')}` }),
    );
    expect([403, 404]).toContain(refused.statusCode);
    expect(refused.body).not.toContain('完成率');
    const tooLong = await t.app.inject(
      as(member, { method: 'GET', url: `${url('/search')}?q=${'x'.repeat(201)}` }),
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields).toEqual([expect.objectContaining({ path: 'q' })]);
  });
});
