import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { as } from '../testing/app.ts';
import { createGoal, useTestTeam } from '../testing/factories.ts';
import { dayInTimezone } from '../time.ts';
import {
  cachedSchedules,
  computeSchedule,
  scheduleComputations,
  WHOLE_PLAN_TIMELINE_LIMIT,
  type Schedule,
} from './schedule.ts';
import { selectPlanRevision } from './queries.ts';
import { ScheduleResponse } from './schemas.ts';

const t = useTestTeam(['member']);

async function send(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  payload?: unknown,
  user = t.owner,
) {
  const response = await t.app.inject(
    as(user, { method, url: path, ...(payload === undefined ? {} : { payload: payload as object }) }),
  );
  if (response.statusCode >= 300)
    throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
  return response;
}

async function newTask(payload: Record<string, unknown>): Promise<string> {
  return (await send('POST', t.url('/tasks'), payload)).json().task.id as string;
}

/** The schedule as served (through the cache) and as computed afresh from the database now. */
async function servedAndFresh(goalId?: string) {
  const response = await t.app.inject(
    as(t.owner, { method: 'GET', url: t.url(`/schedule${goalId ? `?goalId=${goalId}` : ''}`) }),
  );
  expect(response.statusCode).toBe(200);
  const served: unknown = response.json();
  // What is sent, though serialised once and cached, is what the documented schema says.
  expect(ScheduleResponse.safeParse(served).success).toBe(true);
  const today = dayInTimezone(t.clock.now, 'Asia/Shanghai');
  const fresh = JSON.parse(
    JSON.stringify(await computeSchedule(t.database.db, t.workspaceId, today, 'Asia/Shanghai', goalId)),
  );
  return { served, fresh };
}

describe('schedule cache', () => {
  it('serves what a fresh computation gives after every kind of write, each of which moves the plan revision', async () => {
    const revisions: number[] = [await selectPlanRevision(t.database.db, t.workspaceId)];
    const check = async (what: string) => {
      const { served, fresh } = await servedAndFresh();
      expect(served, what).toEqual(fresh);
      // Read twice: the second comes from the cache and must be the same.
      expect((await servedAndFresh()).served, `${what} (cached)`).toEqual(fresh);
      const revision = await selectPlanRevision(t.database.db, t.workspaceId);
      expect(revision, `${what} moves the revision`).toBeGreaterThan(revisions.at(-1) ?? -1);
      revisions.push(revision);
    };

    const phase = await newTask({ title: '活动上线 · launch', isMilestone: true, dueDate: '2026-12-15' });
    const design = await newTask({ title: '设计', parentId: phase, estimateHours: 16, labels: ['设计'] });
    const build = await newTask({
      title: '开发',
      parentId: phase,
      estimateHours: 40,
      startDate: '2026-11-30',
    });
    await check('create');

    await send('PATCH', t.url(`/tasks/${design}`), {
      estimateHours: 24,
      title: '设计稿',
      dueDate: '2026-12-04',
    });
    await check('update fields');
    await send('PATCH', t.url(`/tasks/${build}`), { position: 0 });
    await check('move (position)');
    await send('PATCH', t.url(`/tasks/${design}`), { status: 'done' });
    await check('status');

    await send('POST', t.url(`/tasks/${build}/dependencies`), { fromTaskId: design, lagDays: 2 });
    await check('add dependency');
    await send('DELETE', t.url(`/tasks/${build}/dependencies/${design}`));
    await check('remove dependency');
    await send('POST', t.url(`/tasks/${build}/dependencies`), { fromTaskId: design, lagDays: 0 });
    await check('add dependency again');

    await send('PUT', t.url(`/tasks/${build}/roles`), {
      roles: [
        { userId: t.member.id, role: 'R' },
        { userId: t.owner.id, role: 'A' },
      ],
    });
    await check('roles');

    await send('PUT', t.url('/calendar'), { items: [{ day: '2026-12-01', kind: 'holiday', name: '假日' }] });
    await check('calendar');

    await send('PATCH', '/api/v1/me', { name: '新名字 · renamed' }, t.member);
    await check('a role holder renamed');

    await send('DELETE', t.url(`/tasks/${design}`));
    await check('delete');
  });

  it('keeps one goal’s schedule apart from the whole plan, and sends the cached JSON compressed', async () => {
    const goalId = (await createGoal(t, t.owner, { title: '提升次日留存 · retention' })).id;
    await newTask({ title: '全局任务 · plan-wide', estimateHours: 8 });
    await newTask({ title: '目标任务 · goal task', goalId, estimateHours: 8 });
    const whole = await servedAndFresh();
    expect(whole.served).toEqual(whole.fresh);
    const one = await servedAndFresh(goalId);
    expect(one.served).toEqual(one.fresh);
    expect((one.served as { tasks: Array<{ title: string }> }).tasks.map((task) => task.title)).toEqual([
      '目标任务 · goal task',
    ]);

    for (let index = 0; index < 30; index += 1)
      await newTask({ title: `任务 ${index} · task`, estimateHours: 4 });
    const plain = await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/schedule') }));
    const br = await t.app.inject({
      ...as(t.owner, { method: 'GET', url: t.url('/schedule') }),
      headers: { ...as(t.owner, { method: 'GET', url: '/' }).headers, 'accept-encoding': 'br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('a goal’s schedule reads its own dependencies and roles, the same as the whole plan’s for those tasks', async () => {
    const goalId = (await createGoal(t, t.owner, { title: '拉新 · acquisition' })).id;
    const outside = await newTask({ title: '外部 · outside', estimateHours: 8 });
    const first = await newTask({ title: '一 · one', goalId, estimateHours: 8 });
    const second = await newTask({ title: '二 · two', goalId, estimateHours: 16 });
    await send('POST', t.url(`/tasks/${second}/dependencies`), { fromTaskId: first, lagDays: 1 });
    await send('POST', t.url(`/tasks/${second}/dependencies`), { fromTaskId: outside, lagDays: 0 });
    await send('PUT', t.url(`/tasks/${second}/roles`), {
      roles: [
        { userId: t.member.id, role: 'R' },
        { userId: t.owner.id, role: 'A' },
      ],
    });
    const goal = (await servedAndFresh(goalId)).served as Schedule;
    const whole = (await servedAndFresh()).served as Schedule;
    expect(goal.dependencies).toEqual([{ fromTaskId: first, toTaskId: second, lagDays: 1 }]);
    expect(whole.dependencies).toHaveLength(2);
    const rolesOf = (schedule: Schedule, id: string) => schedule.tasks.find((task) => task.id === id)?.roles;
    expect(rolesOf(goal, second)).toEqual(rolesOf(whole, second));
    expect(rolesOf(goal, second)?.map((role) => role.role)).toEqual(['R', 'A']);

    const size = await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/schedule/size') }));
    expect(size.json()).toEqual({ tasks: 3, wholePlanLimit: WHOLE_PLAN_TIMELINE_LIMIT });
    // The count is kept per plan revision: a new task moves it at once.
    await newTask({ title: '复核 · check', estimateHours: 1 });
    const grown = await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/schedule/size') }));
    expect(grown.json().tasks).toBe(4);
    const foreign = await t.app.inject(
      as(t.owner, { method: 'GET', url: '/api/v1/w/00000000-0000-7000-8000-000000000000/schedule/size' }),
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('keeps one copy of a plan: a new revision replaces the one before instead of piling up beside it', async () => {
    await servedAndFresh();
    const held = cachedSchedules(t.app.services);
    for (let index = 0; index < 5; index += 1) {
      await newTask({ title: `改版 ${index} · revision`, estimateHours: 2 });
      const { served, fresh } = await servedAndFresh();
      expect(served).toEqual(fresh);
    }
    expect(cachedSchedules(t.app.services)).toBe(held);
  });

  it('readers who arrive together share one computation, and a reader after a write always sees it', async () => {
    await newTask({ title: '起点 · start', estimateHours: 8 });
    const read = async () =>
      (await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/schedule') }))).json() as {
        tasks: Array<{ title: string }>;
      };
    await read();
    await newTask({ title: '新增 · added', estimateHours: 8 });
    const before = scheduleComputations(t.app.services);
    const together = await Promise.all(Array.from({ length: 6 }, () => read()));
    expect(scheduleComputations(t.app.services) - before).toBe(1);
    for (const schedule of together)
      expect(schedule.tasks.map((task) => task.title)).toEqual(['起点 · start', '新增 · added']);

    // Reads and writes interleaved: whatever is running, a read that starts after a write has returned
    // includes it.
    const pending: Array<Promise<unknown>> = [];
    for (let index = 0; index < 8; index += 1) {
      pending.push(read());
      const title = `并发 ${index} · concurrent`;
      await newTask({ title, estimateHours: 4 });
      const after = await read();
      expect(after.tasks.map((task) => task.title)).toContain(title);
    }
    await Promise.all(pending);
    const { served, fresh } = await servedAndFresh();
    expect(served).toEqual(fresh);
  });

  it('a plan with a dependency loop (written past the API) is refused each time, not kept, and fixed by a write', async () => {
    const one = await newTask({ title: '甲 · A', estimateHours: 8 });
    const two = await newTask({ title: '乙 · B', estimateHours: 8 });
    await send('POST', t.url(`/tasks/${two}/dependencies`), { fromTaskId: one, lagDays: 0 });
    await t.database.db
      .insertInto('task_dependencies')
      .values({ workspace_id: t.workspaceId, from_task_id: two, to_task_id: one, lag_days: 0 })
      .execute();
    const read = () => t.app.inject(as(t.owner, { method: 'GET', url: t.url('/schedule') }));
    const [first, second] = await Promise.all([read(), read()]);
    for (const refused of [first, second, await read()]) {
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('dependency_cycle');
    }
    await send('DELETE', t.url(`/tasks/${one}/dependencies/${two}`));
    const { served, fresh } = await servedAndFresh();
    expect(served).toEqual(fresh);
  });

  it('a second app instance on the same database never serves a plan another instance changed', async () => {
    // A second app on the same database, as a second server would be: its own cache, the one revision counter.
    const second = await buildApp(
      loadConfig({ logLevel: 'silent', runScheduler: false, webDir: null, now: () => t.clock.now }, {}),
      { database: t.database },
    );
    try {
      const first = await newTask({ title: '第一 · first', estimateHours: 8 });
      const read = async (app: typeof t.app) =>
        (await app.inject(as(t.owner, { method: 'GET', url: t.url('/schedule') }))).json() as {
          tasks: Array<{ id: string; title: string }>;
        };
      expect((await read(second)).tasks.map((task) => task.title)).toEqual(['第一 · first']);
      // The write goes through the first instance; the second has the old plan cached.
      await send('PATCH', t.url(`/tasks/${first}`), { title: '改过 · changed' });
      expect((await read(second)).tasks.map((task) => task.title)).toEqual(['改过 · changed']);
    } finally {
      await second.close();
    }
  });
});
