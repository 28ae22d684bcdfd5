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
let viewer: TestUser;
let workspaceId: string;

beforeEach(async () => {
  t = await createTestApp(); // today is 2026-11-26
  ({ workspaceId, owner, member, viewer } = await createTestTeam(t.app, ['member', 'viewer']));
});
afterEach(() => t.close());

const url = (suffix: string) => `/api/v1/w/${workspaceId}${suffix}`;

async function call(
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  payload?: object,
  headers?: Record<string, string>,
) {
  return t.app.inject(
    as(user, { method, url: url(path), ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) }),
  );
}

async function ok<T = Record<string, unknown>>(
  response: Awaited<ReturnType<typeof call>>,
  status = 200,
): Promise<T> {
  if (response.statusCode !== status) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json() as T;
}

type Retro = {
  id: string;
  figures: {
    kind: string;
    actual: number | null;
    target: number | null;
    met: boolean | null;
    link: string;
  }[];
  actions: { id: string; taskId: string; isOpen: boolean; owner: { id: string } }[];
  completion: { total: number; done: number; percent: number | null };
  lessons: { text: string; tags: string[] }[];
  causes: { rootCause: string }[];
  suggestions: { lessonId: string; reason: string; text: string }[];
  newVersion: { id: string; number: number } | null;
  processVersion: { id: string; number: number } | null;
  figuresFrozen: boolean;
};

async function campaign(payload: Record<string, unknown> = {}) {
  await ok(
    await call(owner, 'POST', '/kpis', {
      key: 'gmv',
      name: 'GMV',
      unit: '元',
      aggregation: 'sum',
      thresholds: { green: 100, amber: 80 },
    }),
    201,
  );
  const kpis = await ok<{ items: { id: string; key: string }[] }>(await call(owner, 'GET', '/kpis'));
  const gmv = kpis.items.find((kpi) => kpi.key === 'gmv');
  await ok(
    await call(owner, 'POST', '/kpis/gmv/measurements', {
      points: [
        { period: '2026-11-08', value: 90 },
        { period: '2026-11-11', value: 200 },
        { period: '2026-11-12', value: 150 },
      ],
    }),
  );
  return ok<{ retro: Retro }>(
    await call(member, 'POST', '/retros', {
      title: '双十一大促复盘',
      subjectType: 'campaign',
      periodStart: '2026-11-10',
      periodEnd: '2026-11-12',
      kpiIds: [gmv?.id],
      wentWell: ['GMV 超目标', ' '],
      wentBadly: ['客服响应慢'],
      causes: [{ problem: '客服响应慢', whys: ['排班不足', '没有预估咨询量', '  '] }],
      lessons: [{ text: '大促前一周按历史咨询量排班', tags: ['#大促', '客服'] }],
      actions: [
        { title: '建立大促排班模板', ownerId: member.id, dueDate: '2026-12-10' },
        { title: '复盘客服话术', ownerId: owner.id, dueDate: '2026-12-15' },
      ],
      ...payload,
    }),
    201,
  );
}

describe('复盘', () => {
  it('reviews a campaign: KPI figures against the window before, causes, tagged lessons and actions as tasks', async () => {
    const { retro } = await campaign();
    expect(retro.figures[0]).toMatchObject({ kind: 'kpi', actual: 350, target: 300, met: true });
    expect(retro.figures[0]?.link).toBe(`/w/${workspaceId}/kpis/gmv`);
    expect(retro.causes[0]?.rootCause).toBe('没有预估咨询量');
    expect(retro.lessons[0]?.tags).toEqual(['大促', '客服']);
    expect(retro.actions).toHaveLength(2);
    expect(retro.completion).toEqual({ total: 2, done: 0, percent: 0 });

    // The action's task is a real task: its owner answers for it, and finishing it completes the action.
    const [action] = retro.actions;
    if (!action) throw new Error('no action');
    const task = await ok<{ task: { roles: { userId: string; role: string }[] } }>(
      await call(member, 'GET', `/tasks/${action.taskId}`),
    );
    expect(task.task.roles.map((role) => [role.userId, role.role])).toEqual([
      [member.id, 'R'],
      [member.id, 'A'],
    ]);
    await ok(await call(member, 'PATCH', `/tasks/${action.taskId}`, { status: 'done' }));
    const after = await ok<{ retro: Retro }>(await call(viewer, 'GET', `/retros/${retro.id}`));
    expect(after.retro.completion).toEqual({ total: 2, done: 1, percent: 50 });
    expect(after.retro.actions[0]?.isOpen).toBe(false);
    const list = await ok<{ items: { completion: { percent: number } }[] }>(
      await call(viewer, 'GET', '/retros'),
    );
    expect(list.items[0]?.completion.percent).toBe(50);
  });

  it('refuses an action without an owner in the caller’s language and saves nothing', async () => {
    const before = await ok<{ items: unknown[] }>(await call(owner, 'GET', '/tasks'));
    const response = await call(
      owner,
      'POST',
      '/retros',
      {
        title: 'Q4 复盘',
        subjectType: 'period',
        periodStart: '2026-10-01',
        periodEnd: '2026-12-31',
        actions: [
          { title: 'Has owner', ownerId: member.id, dueDate: '2026-12-10' },
          { title: '没人负责', dueDate: '2026-12-10' },
        ],
      },
      { 'accept-language': 'zh-CN' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'retro_action_owner_required',
      fields: [{ path: 'actions.1.ownerId' }],
    });
    expect(response.json().error.message).toContain('行动项“没人负责”需要指定负责人');
    expect((await ok<{ items: unknown[] }>(await call(owner, 'GET', '/retros'))).items).toHaveLength(0);
    const tasks = await ok<{ items: unknown[] }>(await call(owner, 'GET', '/tasks'));
    expect(tasks.items).toHaveLength(before.items.length);

    // Adding to an existing 复盘: the owner's action is not kept either.
    const { retro } = await campaign();
    const english = await call(
      owner,
      'POST',
      `/retros/${retro.id}/actions`,
      {
        actions: [
          { title: 'Fine', ownerId: member.id, dueDate: '2026-12-10' },
          { title: 'Orphan', ownerId: null, dueDate: '2026-12-10' },
        ],
      },
      { 'accept-language': 'en' },
    );
    expect(english.statusCode).toBe(400);
    expect(english.json().error.message).toContain('The action "Orphan" needs an owner');
    expect(
      (await ok<{ retro: Retro }>(await call(owner, 'GET', `/retros/${retro.id}`))).retro.actions,
    ).toHaveLength(2);

    const stranger = await signUpUser(t.app);
    const foreignOwner = await call(owner, 'POST', `/retros/${retro.id}/actions`, {
      actions: [{ title: 'x', ownerId: stranger.id, dueDate: '2026-12-10' }],
    });
    expect(foreignOwner.json().error).toMatchObject({
      code: 'retro_action_owner_not_member',
      fields: [{ path: 'actions.0.ownerId' }],
    });
  });

  it('reads a goal and its key results, and refuses subjects of another workspace', async () => {
    const goal = await ok<{ goal: { id: string } }>(
      await call(owner, 'POST', '/goals', {
        title: '提升留存',
        startDate: '2026-10-01',
        dueDate: '2026-12-31',
        keyResults: [{ title: '上线新手引导' }],
      }),
      201,
    );
    const { retro } = await ok<{ retro: Retro }>(
      await call(member, 'POST', '/retros', {
        title: '留存复盘',
        subjectType: 'goal',
        subjectId: goal.goal.id,
      }),
      201,
    );
    expect(retro.figures.map((figure) => figure.kind)).toEqual(['goal', 'keyResult']);
    expect(retro.figures[0]).toMatchObject({ target: 100, met: false });

    const other = await signUpUser(t.app);
    const foreignWorkspace = await ok<{ workspace: { id: string } }>(
      await t.app.inject(
        as(other, { method: 'POST', url: '/api/v1/workspaces', payload: { name: 'Other' } }),
      ),
      201,
    );
    const foreignGoal = await ok<{ goal: { id: string } }>(
      await t.app.inject(
        as(other, {
          method: 'POST',
          url: `/api/v1/w/${foreignWorkspace.workspace.id}/goals`,
          payload: { title: 'x', startDate: '2026-10-01', dueDate: '2026-12-31' },
        }),
      ),
      201,
    );
    const refused = await call(owner, 'POST', '/retros', {
      title: 'x',
      subjectType: 'goal',
      subjectId: foreignGoal.goal.id,
    });
    expect(refused.json().error).toMatchObject({
      code: 'retro_subject_not_found',
      fields: [{ path: 'subjectId' }],
    });
    const missingPeriod = await call(owner, 'POST', '/retros', { title: 'x', subjectType: 'campaign' });
    expect(missingPeriod.json().error.code).toBe('retro_period_required');
    // Another workspace's member cannot read this one's 复盘.
    const foreignRead = await t.app.inject(as(other, { method: 'GET', url: url(`/retros/${retro.id}`) }));
    expect(foreignRead.statusCode).toBe(404);
    // A viewer reads but does not write.
    expect(
      (await call(viewer, 'POST', '/retros', { title: 'x', subjectType: 'goal', subjectId: goal.goal.id }))
        .statusCode,
    ).toBe(403);
  });

  it('keeps the figures once done, suggests lessons of similar past 复盘, and logs lessons by tag and actions by status', async () => {
    const { retro } = await campaign();
    const done = await ok<{ retro: Retro }>(
      await call(owner, 'PATCH', `/retros/${retro.id}`, { status: 'done' }),
    );
    expect(done.retro.figuresFrozen).toBe(true);
    await ok(
      await call(owner, 'POST', '/kpis/gmv/measurements', {
        points: [{ period: '2026-11-10', value: 1000 }],
      }),
    );
    const later = await ok<{ retro: Retro }>(await call(owner, 'GET', `/retros/${retro.id}`));
    expect(later.retro.figures[0]?.actual).toBe(350);

    const suggestions = await ok<{ items: { text: string; reason: string }[] }>(
      await call(
        member,
        'GET',
        `/retros/suggestions?subjectType=campaign&title=${encodeURIComponent('618 大促复盘')}`,
      ),
    );
    expect(suggestions.items[0]).toMatchObject({
      text: '大促前一周按历史咨询量排班',
      reason: 'similar_title',
    });

    const byTag = await ok<{ lessons: { text: string }[]; tags: { tag: string; count: number }[] }>(
      await call(viewer, 'GET', `/improvement-log?tag=${encodeURIComponent('#大促')}`),
    );
    expect(byTag.lessons).toHaveLength(1);
    expect(byTag.tags).toEqual([
      { tag: '大促', count: 1 },
      { tag: '客服', count: 1 },
    ]);
    expect(
      (await ok<{ lessons: unknown[] }>(await call(viewer, 'GET', '/improvement-log?tag=other'))).lessons,
    ).toHaveLength(0);
    const open = await ok<{ actions: unknown[] }>(await call(viewer, 'GET', '/improvement-log?status=open'));
    expect(open.actions).toHaveLength(2);
    const doneActions = await ok<{ actions: unknown[] }>(
      await call(viewer, 'GET', '/improvement-log?status=done'),
    );
    expect(doneActions.actions).toHaveLength(0);

    // Lessons are replaced as a list; tags follow.
    const edited = await ok<{ retro: Retro }>(
      await call(owner, 'PATCH', `/retros/${retro.id}`, { lessons: [{ text: '提前压测', tags: ['技术'] }] }),
    );
    expect(edited.retro.lessons).toEqual([{ id: expect.any(String), text: '提前压测', tags: ['技术'] }]);
  });

  it('opens the next process version from a process 复盘 and compares the two', async () => {
    const process = await ok<{ id: string; version: { id: string; number: number } }>(
      await call(owner, 'POST', '/processes', { templateKey: 'feedback' }),
      201,
    );
    const { retro } = await ok<{ retro: Retro }>(
      await call(member, 'POST', '/retros', {
        title: '反馈流程复盘',
        subjectType: 'process',
        subjectId: process.id,
        proposedChange: '分派前先自动分类',
      }),
      201,
    );
    expect(retro.processVersion).toEqual({ id: process.version.id, number: 1 });
    expect(retro.figures.map((figure) => figure.kind)).toEqual(['cases', 'leadTime', 'sla']);
    // A member may not change processes; a manager and up may.
    expect((await call(member, 'POST', `/retros/${retro.id}/process-version`, {})).statusCode).toBe(403);
    const opened = await ok<{ retro: Retro }>(
      await call(owner, 'POST', `/retros/${retro.id}/process-version`, {}),
      201,
    );
    expect(opened.retro.newVersion?.number).toBe(2);
    const detail = await ok<{ version: { id: string } }>(
      await call(owner, 'GET', `/processes/${process.id}`),
    );
    expect(detail.version.id).toBe(opened.retro.newVersion?.id);
    const again = await call(owner, 'POST', `/retros/${retro.id}/process-version`, {});
    expect(again.json().error).toMatchObject({ code: 'retro_version_exists' });
    const compare = await call(
      owner,
      'GET',
      `/processes/${process.id}/compare?from=${process.version.id}&to=${opened.retro.newVersion?.id}`,
    );
    expect(compare.statusCode).toBe(200);

    const { retro: notProcess } = await campaign();
    expect(
      (await call(owner, 'POST', `/retros/${notProcess.id}/process-version`, {})).json().error.code,
    ).toBe('retro_not_process');
  });
});
