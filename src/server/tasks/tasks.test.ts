import { describe, expect, it } from 'vitest';
import { as, createTestTeam, signUpUser } from '../testing/app.ts';
import { raciMatrixWarnings, type RaciRole } from '../../core/raci/index.ts';
import { createGoal, createTask, useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['member', 'viewer']);

async function postTask(payload: Record<string, unknown>, user = t.owner) {
  const response = await t.app.inject(as(user, { method: 'POST', url: t.url('/tasks'), payload }));
  return response;
}

async function taskId(payload: Record<string, unknown>) {
  return (await createTask(t, t.owner, payload)).id;
}

async function depend(toTaskId: string, fromTaskId: string, lagDays = 0) {
  return t.app.inject(
    as(t.owner, {
      method: 'POST',
      url: t.url(`/tasks/${toTaskId}/dependencies`),
      payload: { fromTaskId, lagDays },
    }),
  );
}

describe('tasks', () => {
  it('builds a milestone → task → subtask tree with WBS codes, the creator Accountable by default', async () => {
    const milestone = await taskId({ title: '活动上线', isMilestone: true, dueDate: '2026-12-15' });
    const first = await taskId({ title: '市场调研', parentId: milestone, estimateHours: 16 });
    await taskId({ title: '竞品分析', parentId: milestone });
    const sub = await postTask({
      title: '整理问卷',
      parentId: first,
      checklist: [{ text: '发放', done: false }],
      labels: ['调研'],
    });
    expect(sub.statusCode).toBe(201);
    expect(sub.json().task).toMatchObject({
      wbs: '1.1.1',
      labels: ['调研'],
      roles: [{ userId: t.owner.id, role: 'A' }],
    });
    const detail = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/tasks/${milestone}`) }))
    ).json();
    expect(detail.task).toMatchObject({ wbs: '1', isMilestone: true });
    expect(
      detail.children.map((child: { wbs: string; title: string }) => `${child.wbs} ${child.title}`),
    ).toEqual(['1.1 市场调研', '1.2 竞品分析']);
  });

  it('enforces exactly one Accountable and members only', async () => {
    const id = await taskId({ title: '周报' });
    const two = await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url(`/tasks/${id}/roles`),
        payload: {
          roles: [
            { userId: t.owner.id, role: 'A' },
            { userId: t.member.id, role: 'A' },
          ],
        },
      }),
    );
    expect(two.statusCode).toBe(400);
    expect(two.json().error).toMatchObject({ code: 'raci_accountable', fields: [{ path: 'roles' }] });
    expect(two.json().error.message).toContain('2');
    const none = await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url(`/tasks/${id}/roles`),
        payload: { roles: [{ userId: t.member.id, role: 'R' }] },
      }),
    );
    expect(none.json().error.code).toBe('raci_accountable');
    const stranger = await signUpUser(t.app);
    const outsider = await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url(`/tasks/${id}/roles`),
        payload: { roles: [{ userId: stranger.id, role: 'A' }] },
      }),
    );
    expect(outsider.json().error).toMatchObject({
      code: 'assignee_not_member',
      fields: [{ path: 'roles.0.userId' }],
    });
    const clash = await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url(`/tasks/${id}/roles`),
        payload: {
          roles: [
            { userId: t.owner.id, role: 'A' },
            { userId: t.member.id, role: 'R' },
            { userId: t.member.id, role: 'C' },
          ],
        },
      }),
    );
    expect(clash.statusCode).toBe(400);
    const ok = await t.app.inject(
      as(t.member, {
        method: 'PUT',
        url: t.url(`/tasks/${id}/roles`),
        payload: {
          roles: [
            { userId: t.owner.id, role: 'A' },
            { userId: t.member.id, role: 'R' },
            { userId: t.viewer.id, role: 'I' },
          ],
        },
      }),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().task.roles).toHaveLength(3);
    const events = await t.database.db
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'task.assigned')
      .execute();
    expect(events.map((event) => JSON.parse(event.payload).role).sort()).toEqual(['A', 'R']);
  });

  it('refuses a dependency that closes a loop, naming it', async () => {
    const a = await taskId({ title: '调研' });
    const b = await taskId({ title: '方案' });
    const c = await taskId({ title: '执行' });
    expect((await depend(b, a)).statusCode).toBe(201);
    expect((await depend(c, b, 2)).statusCode).toBe(201);
    const loop = await depend(a, c);
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.code).toBe('dependency_cycle');
    expect(loop.json().error.message).toContain('执行 → 调研 → 方案 → 执行');
    expect((await depend(a, a)).json().error.code).toBe('dependency_self');
    const detail = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/tasks/${b}`) }))).json();
    // Each link carries its task's WBS code (the dependency list shows it without the whole plan).
    expect(detail.predecessors).toEqual([{ taskId: a, title: '调研', wbs: '1', lagDays: 0 }]);
    expect(detail.successors).toEqual([{ taskId: c, title: '执行', wbs: '3', lagDays: 2 }]);
    expect(
      (await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url(`/tasks/${c}/dependencies/${b}`) })))
        .statusCode,
    ).toBe(204);
  });

  it('refuses moving a task under its own subtask, due before start, and bad fields', async () => {
    const parent = await taskId({ title: 'Parent' });
    const child = await taskId({ title: 'Child', parentId: parent });
    const cycle = await t.app.inject(
      as(t.owner, { method: 'PATCH', url: t.url(`/tasks/${parent}`), payload: { parentId: child } }),
    );
    expect(cycle.json().error).toMatchObject({ code: 'task_parent_cycle', fields: [{ path: 'parentId' }] });
    const dates = await postTask({ title: 'X', startDate: '2026-12-10', dueDate: '2026-12-01' });
    expect(dates.json().error).toMatchObject({ code: 'due_before_start', fields: [{ path: 'dueDate' }] });
    const bad = await postTask({ title: '', estimateHours: -2, priority: 'now', status: 'later' });
    expect(
      bad
        .json()
        .error.fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(['estimateHours', 'priority', 'status', 'title']);
    expect(await t.database.db.selectFrom('tasks').selectAll().execute()).toHaveLength(2);
  });

  it('lists with filters, sorts and cursor paging without gaps; "my work" by assignee', async () => {
    for (let index = 0; index < 7; index += 1) {
      await taskId({
        title: `任务 ${index}`,
        dueDate: `2026-12-0${index + 1}`,
        priority: index % 2 ? 'high' : 'low',
        roles: [{ userId: index < 3 ? t.member.id : t.owner.id, role: 'A' }],
      });
    }
    await taskId({ title: '无截止', status: 'done' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ title: string }>; nextCursor: string | null } = (
        await t.app.inject(
          as(t.viewer, { method: 'GET', url: t.url(`/tasks?limit=3${cursor ? `&cursor=${cursor}` : ''}`) }),
        )
      ).json();
      seen.push(...page.items.map((item) => item.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['任务 0', '任务 1', '任务 2', '任务 3', '任务 4', '任务 5', '任务 6', '无截止']);
    const mine = (
      await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/tasks?assigneeId=${t.member.id}`) }))
    ).json();
    expect(mine.items).toHaveLength(3);
    const open = (
      await t.app.inject(
        as(t.viewer, {
          method: 'GET',
          url: t.url('/tasks?status=todo,in_progress&q=任务&dueBefore=2026-12-03'),
        }),
      )
    ).json();
    expect(open.items.map((item: { title: string }) => item.title)).toEqual(['任务 0', '任务 1', '任务 2']);
    const byPriority = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/tasks?sort=priority&limit=2') }))
    ).json();
    expect(byPriority.items.every((item: { priority: string }) => item.priority === 'high')).toBe(true);
    const badStatus = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url('/tasks?status=todo,nope') }),
    );
    expect(badStatus.statusCode).toBe(400);
  });

  it('pages every order through ties to the same rows as a full sort, and gives each task the WBS code of the whole tree', async () => {
    // Seeded: repeated due days, priorities and positions, so ties by id and index ranges are exercised.
    let seed = 11;
    const next = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % below;
    };
    const priorities = ['low', 'medium', 'high', 'urgent'] as const;
    const statuses = ['todo', 'in_progress', 'blocked', 'done'] as const;
    const made: Array<{
      id: string;
      parentId: string | null;
      due: string | null;
      rank: number;
      status: string;
    }> = [];
    for (let index = 0; index < 30; index += 1) {
      const parent = index > 3 && next(2) === 0 ? made[next(made.length)] : undefined;
      const due = next(4) === 0 ? null : `2026-12-0${1 + next(3)}`;
      const rank = next(4);
      const status = statuses[next(4)] ?? 'todo';
      const task = await createTask(t, t.owner, {
        title: `排序 ${index}`,
        ...(parent ? { parentId: parent.id } : {}),
        ...(due ? { dueDate: due } : {}),
        priority: priorities[rank],
        status,
        roles: [{ userId: next(3) === 0 ? t.member.id : t.owner.id, role: 'A' }],
      });
      made.push({ id: task.id, parentId: parent?.id ?? null, due, rank, status });
      if (next(3) === 0) {
        const moved = await t.app.inject(
          as(t.owner, { method: 'PATCH', url: t.url(`/tasks/${task.id}`), payload: { position: next(2) } }),
        );
        expect(moved.statusCode).toBe(200);
      }
    }
    const pages = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await t.app.inject(
          as(t.viewer, {
            method: 'GET',
            url: t.url(`/tasks?${query}&limit=4${cursor ? `&cursor=${cursor}` : ''}`),
          }),
        );
        expect(response.statusCode).toBe(200);
        const page: { items: Array<{ id: string }>; nextCursor: string | null } = response.json();
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const open = made.filter((task) => task.status === 'todo' || task.status === 'in_progress');
    expect(await pages('status=todo,in_progress&sort=due')).toEqual(
      [...open]
        .sort((a, b) => (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') || byId(a, b))
        .map((task) => task.id),
    );
    expect(await pages('status=todo,in_progress,blocked,done&sort=priority')).toEqual(
      [...made].sort((a, b) => b.rank - a.rank || byId(a, b)).map((task) => task.id),
    );
    const mine = await pages(`status=todo,in_progress&sort=due&assigneeId=${t.member.id}`);
    expect(mine.length).toBeGreaterThan(0);
    const mineSet = new Set(mine);
    expect(mine).toEqual((await pages('status=todo,in_progress&sort=due')).filter((id) => mineSet.has(id)));

    const schedule: { tasks: Array<{ id: string; wbs: string }> } = (
      await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/schedule') }))
    ).json();
    const wbs = new Map(schedule.tasks.map((task) => [task.id, task.wbs]));
    for (const task of made) {
      const detail: { task: { wbs: string }; children: Array<{ id: string; wbs: string }> } = (
        await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/tasks/${task.id}`) }))
      ).json();
      expect(detail.task.wbs).toBe(wbs.get(task.id));
      for (const child of detail.children) expect(child.wbs).toBe(wbs.get(child.id));
    }
  });

  it("answers the board's cards: exactly the card fields of the list rows, the R and A only, in the list's pages", async () => {
    const goal = await createGoal(t, t.owner);
    const milestone = await taskId({
      title: '活动上线',
      isMilestone: true,
      dueDate: '2026-12-15',
      goalId: goal.id,
    });
    const child = await taskId({
      title: '投放素材',
      parentId: milestone,
      goalId: goal.id,
      status: 'in_progress',
      priority: 'urgent',
      dueDate: '2026-12-10',
      description: '不在卡片上',
      checklist: [{ text: '初稿', done: false }],
      labels: ['投放'],
      requiredSkills: [{ skill: '设计', minLevel: 3 }],
      estimateHours: 8,
      roles: [
        { userId: t.owner.id, role: 'A' },
        { userId: t.member.id, role: 'R' },
        { userId: t.viewer.id, role: 'C' },
      ],
    });
    for (let index = 0; index < 4; index += 1)
      await taskId({ title: `卡片 ${index}`, status: index === 3 ? 'cancelled' : 'todo' });
    const board = 'status=todo,in_progress,blocked,done&sort=due';
    const cards = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/tasks/cards?${board}`) }));
    expect(cards.statusCode).toBe(200);
    const items: Array<Record<string, unknown>> = cards.json().items;
    const cardFields = [
      'dueDate',
      'goalId',
      'id',
      'isMilestone',
      'priority',
      'roles',
      'status',
      'title',
      'wbs',
    ];
    for (const item of items) expect(Object.keys(item).sort()).toEqual(cardFields);
    expect(items.find((item) => item.id === child)).toEqual({
      id: child,
      goalId: goal.id,
      isMilestone: false,
      title: '投放素材',
      status: 'in_progress',
      priority: 'urgent',
      dueDate: '2026-12-10',
      wbs: '1.1',
      roles: [
        { userId: t.member.id, name: t.member.name, role: 'R' },
        { userId: t.owner.id, name: t.owner.name, role: 'A' },
      ],
    });
    // A card is its list row cut to the card's fields (roles to R and A), page by page through the cursor.
    const rows: Array<Record<string, unknown> & { roles: Array<{ role: string }> }> = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/tasks?${board}`) }))
    ).json().items;
    const picked = rows.map((row) => ({
      ...Object.fromEntries(cardFields.map((field) => [field, row[field]])),
      roles: row.roles.filter((role) => role.role === 'R' || role.role === 'A'),
    }));
    expect(items).toEqual(picked);
    expect(items).toHaveLength(5);
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: unknown[]; nextCursor: string | null } = (
        await t.app.inject(
          as(t.viewer, {
            method: 'GET',
            url: t.url(`/tasks/cards?${board}&limit=2${cursor ? `&cursor=${cursor}` : ''}`),
          }),
        )
      ).json();
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(items);
    const milestones = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/tasks/cards?milestone=true') }))
    ).json().items;
    expect(milestones).toMatchObject([{ id: milestone, wbs: '1', isMilestone: true }]);
    const bad = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/tasks/cards?status=nope') }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toMatch(/^status/);
  });

  it("keeps the board's cards to the workspace: other workspaces' ids are refused or match nothing", async () => {
    const mine = await taskId({ title: '本空间' });
    const other = await createTestTeam(t.app, []);
    const otherGoal = await createGoal({ app: t.app, workspaceId: other.workspaceId }, other.owner);
    const foreign = await createTask({ app: t.app, workspaceId: other.workspaceId }, other.owner, {
      title: '别的空间',
      goalId: otherGoal.id,
    });
    await createTask({ app: t.app, workspaceId: other.workspaceId }, other.owner, {
      title: '别的空间的子任务',
      parentId: foreign.id,
    });
    const cards = async (user: typeof t.owner, url: string) => t.app.inject(as(user, { method: 'GET', url }));
    expect((await cards(t.owner, t.url('/tasks/cards', other.workspaceId))).statusCode).toBe(404);
    expect((await cards(other.owner, t.url('/tasks/cards'))).statusCode).toBe(404);
    expect((await cards(await signUpUser(t.app), t.url('/tasks/cards'))).statusCode).toBe(404);
    const ids = async (query: string) => {
      const response = await cards(t.owner, t.url(`/tasks/cards?${query}`));
      expect(response.statusCode, query).toBe(200);
      return response.json().items.map((item: { id: string }) => item.id);
    };
    expect(await ids('limit=200')).toEqual([mine]);
    expect(await ids(`goalId=${otherGoal.id}`)).toEqual([]);
    expect(await ids(`parentId=${foreign.id}`)).toEqual([]);
    expect(await ids(`assigneeId=${other.owner.id}`)).toEqual([]);
    expect(await ids('q=别的空间')).toEqual([]);
    expect(await ids('milestone=false&sort=priority')).toEqual([mine]);
  });

  it('computes the critical path on the timeline', async () => {
    // a (2 days) → b (3 days) → d (milestone); a → c (1 day) → d: the path through b is critical.
    const a = await taskId({ title: 'A', startDate: '2026-11-30', estimateHours: 16 });
    const b = await taskId({ title: 'B', estimateHours: 24 });
    const c = await taskId({ title: 'C', estimateHours: 8 });
    const d = await taskId({ title: 'D', isMilestone: true });
    await depend(b, a);
    await depend(c, a);
    await depend(d, b);
    await depend(d, c);
    const schedule = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/schedule') }))).json();
    expect(schedule.criticalPath.slice(0, 2)).toEqual([a, b]);
    expect(schedule.criticalPath).not.toContain(c);
    const byId = new Map(schedule.tasks.map((task: { id: string }) => [task.id, task]));
    expect(byId.get(b)).toMatchObject({
      earlyStart: '2026-12-02',
      earlyFinish: '2026-12-04',
      isCritical: true,
      totalSlack: 0,
    });
    expect(byId.get(c)).toMatchObject({ isCritical: false, totalSlack: 2 });
    expect(byId.get(d)).toMatchObject({ isMilestone: true, earlyStart: '2026-12-04', isCritical: true });
    expect(schedule.dependencies).toHaveLength(4);
  });

  it('keeps finished tasks at their actual dates and off the critical path, and a missed due day to its task', async () => {
    // Today is Thursday 26 November 2026. A was started on Monday and is done today; B (3 days) waits for
    // A; C was due on 20 November and has not started, so it runs from today and is late on its own.
    const a = await taskId({ title: 'A', startDate: '2026-11-23', dueDate: '2026-11-24', status: 'done' });
    const b = await taskId({ title: 'B', estimateHours: 24 });
    const c = await taskId({ title: 'C', startDate: '2026-11-18', dueDate: '2026-11-20' });
    await depend(b, a);
    const schedule = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/schedule') }))).json();
    const byId = new Map(schedule.tasks.map((task: { id: string }) => [task.id, task]));
    expect(byId.get(a)).toMatchObject({
      earlyStart: '2026-11-23',
      earlyFinish: '2026-11-26',
      isFinished: true,
      isCritical: false,
    });
    expect(byId.get(b)).toMatchObject({
      earlyStart: '2026-11-27',
      earlyFinish: '2026-12-01',
      isCritical: true,
    });
    expect(byId.get(c)).toMatchObject({
      earlyStart: '2026-11-26',
      earlyFinish: '2026-11-30',
      isCritical: false,
    });
    expect((byId.get(c) as { totalSlack: number }).totalSlack).toBeLessThan(0);
    expect(schedule.criticalPath).toEqual([b]);
  });

  it('shows the RACI matrix with its gaps', async () => {
    const covered = await taskId({
      title: '数据周报',
      roles: [
        { userId: t.owner.id, role: 'A' },
        { userId: t.member.id, role: 'R' },
      ],
    });
    const gap = await taskId({ title: '社群活动' });
    const matrix = (
      await t.app.inject(
        as(t.viewer, {
          method: 'GET',
          url: t.url('/raci?maxAccountable=1'),
          headers: { 'accept-language': 'zh-CN' },
        }),
      )
    ).json();
    // A small workspace shows every member as a column.
    expect(matrix.allPeople).toBe(true);
    expect(matrix.people.map((person: { userId: string }) => person.userId).sort()).toEqual(
      [t.owner.id, t.member.id, t.viewer.id].sort(),
    );
    expect(matrix).toMatchObject({ total: 2, offset: 0, gapCount: 1, peopleWarningCount: 1 });
    expect(matrix.tasks.map((task: { wbs: string }) => task.wbs)).toEqual(['1', '2']);
    expect(matrix.tasks.find((task: { id: string }) => task.id === covered).cells).toHaveLength(2);
    expect(matrix.taskWarnings).toEqual([
      { taskId: gap, issues: [{ code: 'raci_no_responsible', message: '没有执行人（R）来完成这项工作。' }] },
    ]);
    expect(matrix.peopleWarnings).toEqual([
      { userId: t.owner.id, count: 2, message: expect.stringContaining('2') },
    ]);
  });

  it('pages the RACI matrix and scopes it by person, title and gaps, with sums equal to the core rules', async () => {
    const parent = await taskId({ title: 'raci 总任务' });
    const ids: string[] = [parent];
    for (let index = 0; index < 11; index += 1)
      ids.push(await taskId({ title: `raci 子任务 ${index}`, parentId: parent }));
    // Random roles straight into the table (the API refuses most gaps), from a fixed seed.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const people = [t.owner.id, t.member.id, t.viewer.id];
    const assignments = new Map<string, Array<{ personId: string; role: RaciRole }>>();
    await t.database.db.deleteFrom('task_roles').where('task_id', 'in', ids).execute();
    for (const id of ids) {
      const list: Array<{ personId: string; role: RaciRole }> = [];
      for (const personId of people)
        for (const role of ['R', 'A', 'C', 'I'] as const) if (random() < 0.3) list.push({ personId, role });
      assignments.set(id, list);
      if (list.length > 0)
        await t.database.db
          .insertInto('task_roles')
          .values(
            list.map((item) => ({
              workspace_id: t.workspaceId,
              task_id: id,
              user_id: item.personId,
              role: item.role,
            })),
          )
          .execute();
    }
    await t.database.db
      .updateTable('tasks')
      .set({ status: 'done' })
      .where('id', '=', ids[3] ?? '')
      .execute();
    const read = async (query: string) =>
      (await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/raci?${query}`) }))).json();
    const expected = raciMatrixWarnings(
      ids.map((id, index) => ({
        id,
        status: index === 3 ? 'done' : 'todo',
        assignments: assignments.get(id) ?? [],
      })),
      { maxAccountablePerPerson: 1 },
    );
    const first = await read('limit=5&maxAccountable=1');
    expect(first).toMatchObject({ total: 12, limit: 5, gapCount: expected.tasks.length });
    expect(
      first.peopleWarnings.map((item: { userId: string; count: number }) => [item.userId, item.count]),
    ).toEqual(expected.people.map((item) => [item.personId, item.taskIds.length]));
    const pages = [first, await read('limit=5&offset=5&maxAccountable=1'), await read('limit=5&offset=10')];
    const seen = pages.flatMap((page) => page.tasks.map((task: { id: string }) => task.id));
    expect(seen).toEqual(ids);
    expect(pages[2].tasks.map((task: { wbs: string }) => task.wbs)).toEqual(['1.10', '1.11']);
    const gaps = await read('gaps=true&limit=200');
    expect(gaps.tasks.map((task: { id: string }) => task.id)).toEqual(
      expected.tasks.map((item) => item.taskId),
    );
    expect(gaps.taskWarnings.map((item: { taskId: string }) => item.taskId)).toEqual(
      expected.tasks.map((item) => item.taskId),
    );
    const viewerTasks = ids.filter((id) =>
      (assignments.get(id) ?? []).some((item) => item.personId === t.viewer.id),
    );
    const byPerson = await read(`personId=${t.viewer.id}&limit=200`);
    expect(byPerson.tasks.map((task: { id: string }) => task.id)).toEqual(viewerTasks);
    expect(byPerson.total).toBe(viewerTasks.length);
    const searched = await read(`q=${encodeURIComponent('子任务 1')}&limit=200`);
    expect(searched.tasks.map((task: { title: string }) => task.title)).toEqual([
      'raci 子任务 1',
      'raci 子任务 10',
    ]);
    // A role change moves the plan revision: the sums are read again.
    await t.database.db
      .deleteFrom('task_roles')
      .where('task_id', '=', ids[0] ?? '')
      .execute();
    const after = await read('limit=5&maxAccountable=1');
    const open = (id: string) => id !== ids[3];
    expect(after.gapCount).toBe(
      expected.tasks.filter((item) => item.taskId !== ids[0]).length + (open(ids[0] ?? '') ? 1 : 0),
    );
  });

  it('refuses bad RACI queries and other workspaces', async () => {
    for (const query of [
      'limit=0',
      'limit=500',
      'offset=-1',
      `people=${Array(21).fill(t.owner.id).join(',')}`,
      'gaps=yes',
      'maxAccountable=0',
    ]) {
      const response = await t.app.inject(
        as(t.owner, { method: 'GET', url: t.url(`/raci?${query}`), headers: { 'accept-language': 'zh-CN' } }),
      );
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const other = await createTestTeam(t.app, []);
    expect(
      (await t.app.inject(as(t.owner, { method: 'GET', url: `/api/v1/w/${other.workspaceId}/raci` })))
        .statusCode,
    ).toBe(404);
  });

  it('keeps viewers to reading and other workspaces out', async () => {
    expect((await postTask({ title: 'x' }, t.viewer)).statusCode).toBe(403);
    const id = await taskId({ title: 'mine' });
    expect(
      (await t.app.inject(as(t.member, { method: 'DELETE', url: t.url(`/tasks/${id}`) }))).statusCode,
    ).toBe(403);
    const stranger = await signUpUser(t.app);
    const other = await createTestTeam(t.app, []);
    const foreign = (
      await t.app.inject(
        as(other.owner, {
          method: 'POST',
          url: `/api/v1/w/${other.workspaceId}/tasks`,
          payload: { title: 'f' },
        }),
      )
    ).json().task.id;
    expect(
      (await t.app.inject(as(t.owner, { method: 'GET', url: t.url(`/tasks/${foreign}`) }))).statusCode,
    ).toBe(404);
    expect((await depend(id, foreign)).statusCode).toBe(404);
    expect((await postTask({ title: 'y', parentId: foreign })).statusCode).toBe(404);
    expect((await t.app.inject(as(stranger, { method: 'GET', url: t.url('/tasks') }))).statusCode).toBe(404);
    expect(
      (await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url(`/tasks/${id}`) }))).statusCode,
    ).toBe(204);
  });
});
