import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestTeam, type TestApp, type TestUser } from '../testing/app.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let member: TestUser;
let workspaceId: string;

beforeEach(async () => {
  t = await createTestApp();
  ({ workspaceId, owner, manager, member } = await createTestTeam(t.app, ['manager', 'member']));
});
afterEach(() => t.close());

const url = (suffix: string) => `/api/v1/w/${workspaceId}${suffix}`;

async function task(payload: Record<string, unknown>) {
  const response = await t.app.inject(as(owner, { method: 'POST', url: url('/tasks'), payload }));
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().task.id as string;
}

describe('people, workload and suggestions', () => {
  it('keeps skills and days away: one’s own, or anyone’s for managers', async () => {
    const own = await t.app.inject(
      as(member, {
        method: 'PUT',
        url: url(`/people/${member.id}`),
        payload: { skills: [{ skill: '数据分析', level: 5 }], unavailableDays: ['2026-12-01'] },
      }),
    );
    expect(own.statusCode).toBe(200);
    expect(own.json().items.find((p: { userId: string }) => p.userId === member.id)).toMatchObject({
      skills: [{ skill: '数据分析', level: 5 }],
      unavailableDays: ['2026-12-01'],
    });
    expect(
      (
        await t.app.inject(
          as(member, {
            method: 'PUT',
            url: url(`/people/${manager.id}`),
            payload: { skills: [], unavailableDays: [] },
          }),
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject(
          as(manager, {
            method: 'PUT',
            url: url(`/people/${member.id}`),
            payload: { skills: [{ skill: '文案', level: 3 }], unavailableDays: [] },
          }),
        )
      ).statusCode,
    ).toBe(200);
    const invalid = await t.app.inject(
      as(member, {
        method: 'PUT',
        url: url(`/people/${member.id}`),
        payload: { skills: [{ skill: 'x', level: 9 }], unavailableDays: ['someday'] },
      }),
    );
    expect(
      invalid
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['skills.0.level', 'unavailableDays.0']);
  });

  it('shows who is over-allocated in which week, and which tasks cause it', async () => {
    // 60 hours over one working week for someone with 40: over-allocated.
    const big = await task({
      title: '大促活动策划',
      estimateHours: 60,
      startDate: '2026-11-30',
      dueDate: '2026-12-04',
      roles: [
        { userId: owner.id, role: 'A' },
        { userId: member.id, role: 'R' },
      ],
    });
    await task({
      title: '日报',
      estimateHours: 5,
      startDate: '2026-11-30',
      dueDate: '2026-12-04',
      roles: [
        { userId: owner.id, role: 'A' },
        { userId: manager.id, role: 'R' },
      ],
    });
    const heatmap = (
      await t.app.inject(as(owner, { method: 'GET', url: url('/workload?from=2026-11-30&weeks=2') }))
    ).json();
    expect(heatmap.weekStarts).toEqual(['2026-11-30', '2026-12-07']);
    const row = heatmap.people.find((person: { userId: string }) => person.userId === member.id);
    expect(row.weeks[0]).toMatchObject({
      plannedHours: 60,
      capacityHours: 40,
      isOverAllocated: true,
      tasks: [{ taskId: big, title: '大促活动策划', hours: 60 }],
    });
    expect(row.weeks[1]).toMatchObject({ plannedHours: 0, isOverAllocated: false });
    const managerRow = heatmap.people.find((person: { userId: string }) => person.userId === manager.id);
    expect(managerRow.weeks[0]).toMatchObject({ plannedHours: 5, isOverAllocated: false });
  });

  it('suggests who should take a task, with reasons in the caller’s language', async () => {
    await t.app.inject(
      as(owner, {
        method: 'PUT',
        url: url(`/people/${member.id}`),
        payload: { skills: [{ skill: '数据分析', level: 5 }], unavailableDays: [] },
      }),
    );
    await t.app.inject(
      as(owner, {
        method: 'PUT',
        url: url(`/people/${manager.id}`),
        payload: { skills: [{ skill: '数据分析', level: 2 }], unavailableDays: [] },
      }),
    );
    const id = await task({
      title: '用户留存分析',
      estimateHours: 16,
      startDate: '2026-11-30',
      dueDate: '2026-12-04',
      requiredSkills: [{ skill: '数据分析', minLevel: 4 }],
    });
    const response = await t.app.inject(
      as(owner, {
        method: 'GET',
        url: url(`/tasks/${id}/suggestions`),
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    const [first, second] = response.json().items;
    expect(first).toMatchObject({ userId: member.id, meetsSkills: true });
    expect(first.reasons).toContain('数据分析 5 级');
    expect(second.meetsSkills).toBe(false);
  });

  it('follows the workspace calendar: holidays and 调休 working days', async () => {
    const set = await t.app.inject(
      as(owner, {
        method: 'PUT',
        url: url('/calendar'),
        payload: {
          items: [
            { day: '2026-12-01', kind: 'holiday', name: '假期' },
            { day: '2026-12-05', kind: 'workday', name: '调休' },
          ],
        },
      }),
    );
    expect(set.statusCode).toBe(200);
    expect(
      (await t.app.inject(as(member, { method: 'PUT', url: url('/calendar'), payload: { items: [] } })))
        .statusCode,
    ).toBe(403);
    const a = await task({ title: 'A', startDate: '2026-11-30', estimateHours: 24 });
    const schedule = (await t.app.inject(as(member, { method: 'GET', url: url('/schedule') }))).json();
    // Three working days from Monday 30 Nov skip the Tuesday holiday.
    expect(schedule.tasks.find((item: { id: string }) => item.id === a)).toMatchObject({
      earlyStart: '2026-11-30',
      earlyFinish: '2026-12-03',
    });
  });
});
