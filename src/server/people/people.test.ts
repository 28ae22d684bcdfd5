import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/days/index.ts';
import { workloadByWeek } from '../../core/workload/index.ts';
import { heatmapCells, type HeatmapRow, type HeatmapWeeks } from '../../core/workload/heatmap.ts';
import { selectAllTasks, selectRoles } from '../tasks/queries.ts';
import { as } from '../testing/app.ts';
import { createTask, useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['manager', 'member']);
const task = async (fields: Record<string, unknown>) => (await createTask(t, t.owner, fields)).id;

type Heatmap = HeatmapWeeks & { people: Array<HeatmapRow & { userId: string; name: string }> };

/** The heatmap as the page reads it: each person's row back into cells. */
const cellsOf = (heatmap: Heatmap) =>
  heatmap.people.map(({ userId, name, ...row }) => ({ userId, name, weeks: heatmapCells(heatmap, row) }));

describe('people, workload and suggestions', () => {
  it('keeps skills and days away: one’s own, or anyone’s for managers', async () => {
    const own = await t.app.inject(
      as(t.member, {
        method: 'PUT',
        url: t.url(`/people/${t.member.id}`),
        payload: { skills: [{ skill: '数据分析', level: 5 }], unavailableDays: ['2026-12-01'] },
      }),
    );
    expect(own.statusCode).toBe(200);
    expect(own.json().items.find((p: { userId: string }) => p.userId === t.member.id)).toMatchObject({
      skills: [{ skill: '数据分析', level: 5 }],
      unavailableDays: ['2026-12-01'],
    });
    expect(
      (
        await t.app.inject(
          as(t.member, {
            method: 'PUT',
            url: t.url(`/people/${t.manager.id}`),
            payload: { skills: [], unavailableDays: [] },
          }),
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject(
          as(t.manager, {
            method: 'PUT',
            url: t.url(`/people/${t.member.id}`),
            payload: { skills: [{ skill: '文案', level: 3 }], unavailableDays: [] },
          }),
        )
      ).statusCode,
    ).toBe(200);
    const invalid = await t.app.inject(
      as(t.member, {
        method: 'PUT',
        url: t.url(`/people/${t.member.id}`),
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
        { userId: t.owner.id, role: 'A' },
        { userId: t.member.id, role: 'R' },
      ],
    });
    await task({
      title: '日报',
      estimateHours: 5,
      startDate: '2026-11-30',
      dueDate: '2026-12-04',
      roles: [
        { userId: t.owner.id, role: 'A' },
        { userId: t.manager.id, role: 'R' },
      ],
    });
    const heatmap = (
      await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/workload?from=2026-11-30&weeks=2') }))
    ).json() as Heatmap;
    expect(heatmap).toMatchObject({
      weekStarts: ['2026-11-30', '2026-12-07'],
      workingDays: [5, 5],
      workingDaysPerWeek: 5,
    });
    // Weeks and people once; the owner, with no load, sends capacity only.
    expect(heatmap.people.find((person) => person.userId === t.owner.id)).toEqual({
      userId: t.owner.id,
      name: expect.any(String),
      capacity: 40,
    });
    expect(heatmap.people.find((person) => person.userId === t.member.id)).toMatchObject({
      capacity: 40,
      hours: [60, 0],
      tasks: [1, 0],
    });
    const row = cellsOf(heatmap).find((person) => person.userId === t.member.id);
    if (!row) throw new Error('no row for the member');
    expect(row.weeks[0]).toMatchObject({
      plannedHours: 60,
      capacityHours: 40,
      isOverAllocated: true,
      taskCount: 1,
    });
    const cell = await t.app.inject(
      as(t.member, { method: 'GET', url: t.url(`/workload/cell?userId=${t.member.id}&week=2026-11-30`) }),
    );
    expect(cell.json()).toEqual({ tasks: [{ taskId: big, title: '大促活动策划', hours: 60 }] });
    const foreign = await t.app.inject(
      as(t.member, {
        method: 'GET',
        url: `/api/v1/w/00000000-0000-7000-8000-000000000000/workload/cell?userId=${t.member.id}&week=2026-11-30`,
      }),
    );
    expect(foreign.statusCode).toBe(404);
    const bad = await t.app.inject(
      as(t.member, { method: 'GET', url: t.url('/workload/cell?userId=&week=someday') }),
    );
    expect(bad.statusCode).toBe(400);
    expect(row.weeks[1]).toMatchObject({ plannedHours: 0, isOverAllocated: false });
    const managerRow = cellsOf(heatmap).find((person) => person.userId === t.manager.id);
    expect(managerRow?.weeks[0]).toMatchObject({ plannedHours: 5, isOverAllocated: false });
  });

  it('reads only the tasks that load the window, and sends what the whole plan gives', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const people = [t.owner, t.manager, t.member];
    const day = () => addDays('2026-11-02', Math.floor(random() * 70));
    // A holiday and a 调休 Saturday move everyone's capacity; days away move the manager's.
    const holidays = ['2026-12-01', '2026-12-02'];
    const workdays = ['2026-12-05'];
    const away = ['2026-11-03', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12'];
    expect(
      (
        await t.app.inject(
          as(t.owner, {
            method: 'PUT',
            url: t.url('/calendar'),
            payload: {
              items: [
                ...holidays.map((holiday) => ({ day: holiday, kind: 'holiday' })),
                ...workdays.map((workday) => ({ day: workday, kind: 'workday' })),
              ],
            },
          }),
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject(
          as(t.owner, {
            method: 'PUT',
            url: t.url(`/people/${t.manager.id}`),
            payload: { skills: [], unavailableDays: away },
          }),
        )
      ).statusCode,
    ).toBe(200);
    for (let index = 0; index < 60; index += 1) {
      const due = random() < 0.15 ? null : day();
      const start = random() < 0.3 ? null : day();
      const responsible = random() < 0.3 ? [pick(people), pick(people)] : [pick(people)];
      await task({
        title: `负载 ${index} · load`,
        estimateHours: pick([null, 4, 10, 24]),
        status: pick(['todo', 'in_progress', 'blocked', 'done', 'cancelled']),
        ...(due ? { dueDate: due } : {}),
        ...(start && due && start <= due ? { startDate: start } : {}),
        roles: [
          ...[...new Set(responsible)].map((person) => ({ userId: person.id, role: 'R' })),
          { userId: t.owner.id, role: 'A' },
        ],
      });
    }
    // The old reading: every task and role of the workspace through the same core computation.
    const tasks = await selectAllTasks(t.database.db, t.workspaceId);
    const roles = await selectRoles(t.database.db, t.workspaceId);
    let awayRows = 0;
    for (const [from, weeks] of [
      ['2026-11-30', 2],
      ['2026-12-09', 3],
      ['2026-10-05', 8],
      ['2026-10-26', 12],
    ] as const) {
      const served = (
        await t.app.inject(
          as(t.owner, { method: 'GET', url: t.url(`/workload?from=${from}&weeks=${weeks}`) }),
        )
      ).json() as Heatmap;
      const whole = workloadByWeek(
        people.map((person) => ({
          id: person.id,
          weeklyCapacityHours: 40,
          unavailableDays: person === t.manager ? away : [],
        })),
        tasks.map((row) => ({
          id: row.id,
          assigneeIds: roles
            .filter((role) => role.task_id === row.id && role.role === 'R')
            .map((role) => role.user_id),
          estimateHours: row.estimate_hours,
          start: row.start_date,
          due: row.due_date,
          status: row.status,
        })),
        { from, weeks },
        { weekendDays: [0, 6], holidays, workdays },
      );
      // Every cell the page shows is the whole computation's, its tasks counted.
      const cells = cellsOf(served);
      const byPerson = (userId: string) => cells.find((person) => person.userId === userId);
      expect(
        people.map((person) => byPerson(person.id)?.weeks),
        `${from} + ${weeks} weeks`,
      ).toEqual(
        whole.people.map((person) =>
          person.weeks.map(({ tasks: list, ...cell }) => ({ ...cell, taskCount: list.length })),
        ),
      );
      expect(whole.people.flatMap((person) => person.weeks).some((week) => week.plannedHours > 0)).toBe(true);
      // Only what differs from the defaults is sent: hours for people with load, days for people away.
      for (const [index, person] of people.entries()) {
        const sent = served.people.find((row) => row.userId === person.id);
        const weeksOf = whole.people[index]?.weeks ?? [];
        expect(sent?.hours !== undefined).toBe(weeksOf.some((week) => week.tasks.length > 0));
        expect(sent?.days !== undefined).toBe(
          weeksOf.some((week, weekIndex) => week.availableDays !== served.workingDays[weekIndex]),
        );
        if (sent?.days) awayRows += 1;
      }
      // Each cell's tasks, read on their own, are the ones the whole computation puts there.
      for (const [index, person] of people.entries()) {
        for (const week of whole.people[index]?.weeks ?? []) {
          const cell = (
            await t.app.inject(
              as(t.owner, {
                method: 'GET',
                url: t.url(`/workload/cell?userId=${person.id}&week=${week.week}`),
              }),
            )
          ).json() as { tasks: Array<{ taskId: string; hours: number }> };
          const byId = (list: ReadonlyArray<{ taskId: string; hours: number }>) =>
            [...list]
              .map(({ taskId, hours }) => ({ taskId, hours }))
              .sort((a, b) => a.taskId.localeCompare(b.taskId));
          expect(byId(cell.tasks), `${person.id} ${week.week}`).toEqual(byId(week.tasks));
        }
      }
    }
    expect(awayRows).toBeGreaterThan(0);
  });

  it('keeps a heatmap only while nothing it reads has changed', async () => {
    const read = async () =>
      (
        await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/workload?from=2026-11-30&weeks=2') }))
      ).json() as Heatmap;
    const member = async () => (await read()).people.find((person) => person.userId === t.member.id);
    const roles = (userId: string) => [
      { userId, role: 'R' },
      { userId: t.owner.id, role: 'A' },
    ];
    await task({
      title: 'A',
      estimateHours: 20,
      startDate: '2026-11-30',
      dueDate: '2026-12-04',
      roles: roles(t.member.id),
    });
    expect(await member()).toMatchObject({ capacity: 40, hours: [20, 0], tasks: [1, 0] });
    expect(await member()).toMatchObject({ hours: [20, 0] });
    // A task: the plan revision moves.
    const b = await task({
      title: 'B',
      estimateHours: 10,
      startDate: '2026-12-07',
      dueDate: '2026-12-11',
      roles: roles(t.member.id),
    });
    expect(await member()).toMatchObject({ hours: [20, 10], tasks: [1, 1] });
    // A role: B goes to the manager.
    const moved = await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url(`/tasks/${b}/roles`),
        payload: { roles: roles(t.manager.id) },
      }),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await member()).toMatchObject({ hours: [20, 0], tasks: [1, 0] });
    // Days away and capacity are not in the plan revision: they are in the key.
    await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url(`/people/${t.member.id}`),
        payload: { skills: [], unavailableDays: ['2026-12-03', '2026-12-04'] },
      }),
    );
    expect(await member()).toMatchObject({ days: [3, 5], hours: [20, 0] });
    const capacity = await t.app.inject(
      as(t.owner, {
        method: 'PATCH',
        url: t.url(`/members/${t.member.id}`),
        payload: { weeklyCapacityHours: 30 },
      }),
    );
    expect(capacity.statusCode, capacity.body).toBe(200);
    expect(await member()).toMatchObject({ capacity: 30 });
    // The calendar.
    await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url('/calendar'),
        payload: { items: [{ day: '2026-12-08', kind: 'holiday' }] },
      }),
    );
    expect((await read()).workingDays).toEqual([5, 4]);
  });

  it('suggests who should take a task, with reasons in the caller’s language', async () => {
    await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url(`/people/${t.member.id}`),
        payload: { skills: [{ skill: '数据分析', level: 5 }], unavailableDays: [] },
      }),
    );
    await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url(`/people/${t.manager.id}`),
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
      as(t.owner, {
        method: 'GET',
        url: t.url(`/tasks/${id}/suggestions`),
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    const [first, second] = response.json().items;
    expect(first).toMatchObject({ userId: t.member.id, meetsSkills: true });
    expect(first.reasons).toContain('数据分析 5 级');
    expect(second.meetsSkills).toBe(false);
  });

  it('follows the workspace calendar: holidays and 调休 working days', async () => {
    const set = await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url('/calendar'),
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
      (await t.app.inject(as(t.member, { method: 'PUT', url: t.url('/calendar'), payload: { items: [] } })))
        .statusCode,
    ).toBe(403);
    const a = await task({ title: 'A', startDate: '2026-11-30', estimateHours: 24 });
    const schedule = (await t.app.inject(as(t.member, { method: 'GET', url: t.url('/schedule') }))).json();
    // Three working days from Monday 30 Nov skip the Tuesday holiday.
    expect(schedule.tasks.find((item: { id: string }) => item.id === a)).toMatchObject({
      earlyStart: '2026-11-30',
      earlyFinish: '2026-12-03',
    });
  });
});
