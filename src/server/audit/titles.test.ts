import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestTeam, type TestApp, type TestUser } from '../testing/app.ts';

let t: TestApp;
let owner: TestUser;
let workspaceId: string;

beforeEach(async () => {
  t = await createTestApp();
  ({ workspaceId, owner } = await createTestTeam(t.app, []));
});
afterEach(() => t.close());

type Entry = {
  action: string;
  objectType: string;
  objectId: string;
  object: { title: string | null; key: string | null; exists: boolean };
};

const url = (suffix: string) => `/api/v1/w/${workspaceId}${suffix}`;

async function entries(query = '') {
  const response = await t.app.inject(as(owner, { method: 'GET', url: url(`/audit${query}`) }));
  expect(response.statusCode).toBe(200);
  return response.json<{ items: Entry[] }>().items;
}

describe('audit entries name their objects', () => {
  it('by the present title, the KPI by its key, and a deleted one by the title it had', async () => {
    const task = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/tasks'),
        payload: { title: '周五例会', roles: [{ userId: owner.id, role: 'A' }] },
      }),
    );
    const taskId = task.json<{ task: { id: string } }>().task.id;
    await t.app.inject(
      as(owner, { method: 'PATCH', url: url(`/tasks/${taskId}`), payload: { title: '周五增长例会与复盘' } }),
    );
    await t.app.inject(
      as(owner, { method: 'POST', url: url('/kpis'), payload: { key: 'dau', name: '日活跃用户' } }),
    );
    const routine = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/routines'),
        payload: { rule: 'FREQ=WEEKLY;BYDAY=FR', startsOn: '2026-11-27', template: { title: '周报' } },
      }),
    );
    expect(routine.statusCode, routine.body).toBe(201);
    const meeting = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/meetings'),
        payload: { title: '运营周会', date: '2026-12-11', attendeeIds: [owner.id] },
      }),
    );
    expect(meeting.statusCode, meeting.body).toBe(201);

    const items = await entries();
    // Created as 周五例会, renamed since: every entry of the task says what it is called now.
    const taskEntries = items.filter((item) => item.objectId === taskId);
    expect(taskEntries.map((item) => item.action)).toEqual(
      expect.arrayContaining(['task.created', 'task.updated']),
    );
    for (const item of taskEntries)
      expect(item.object).toEqual({ title: '周五增长例会与复盘', key: null, exists: true });
    expect(items.find((item) => item.action === 'kpi.created')?.object).toEqual({
      title: '日活跃用户',
      key: 'dau',
      exists: true,
    });
    expect(items.find((item) => item.action === 'routine.created')?.object.title).toBe('周报');
    expect(items.find((item) => item.action === 'meeting.created')?.object).toMatchObject({
      title: '运营周会',
      exists: true,
    });
    expect(items.find((item) => item.action === 'workspace.created')?.object).toMatchObject({
      title: 'Growth team',
      exists: true,
    });

    await t.app.inject(as(owner, { method: 'DELETE', url: url(`/tasks/${taskId}`) }));
    const deleted = (await entries('?objectType=task')).find((item) => item.action === 'task.deleted');
    expect(deleted?.object).toEqual({ title: '周五增长例会与复盘', key: null, exists: false });
  });

  it('a training course by its title and a session by its course and day', async () => {
    const course = await t.app.inject(
      as(owner, { method: 'POST', url: url('/training/courses'), payload: { title: '数据分析入门' } }),
    );
    expect(course.statusCode, course.body).toBe(201);
    const courseId = course.json<{ course: { id: string } }>().course.id;
    const session = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/training/sessions'),
        payload: { courseId, date: '2026-12-18', attendeeIds: [owner.id] },
      }),
    );
    expect(session.statusCode, session.body).toBe(201);
    const items = await entries();
    expect(items.find((item) => item.action === 'training_course.created')?.object).toEqual({
      title: '数据分析入门',
      key: null,
      exists: true,
    });
    expect(items.find((item) => item.action === 'training_session.created')?.object).toEqual({
      title: '数据分析入门 · 2026-12-18',
      key: null,
      exists: true,
    });
  });
});
