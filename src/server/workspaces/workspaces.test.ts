import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { heatmapCells, type HeatmapRow } from '../../core/workload/heatmap.ts';
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
let admin: TestUser;
let manager: TestUser;
let member: TestUser;
let viewer: TestUser;
let workspaceId: string;

beforeEach(async () => {
  t = await createTestApp();
  ({ workspaceId, owner, admin, manager, member, viewer } = await createTestTeam(t.app, [
    'admin',
    'manager',
    'member',
    'viewer',
  ]));
});
afterEach(() => t.close());

const url = (suffix = '') => `/api/v1/w/${workspaceId}${suffix}`;

describe('workspaces', () => {
  it('creates a workspace with the creator as owner and lists it under /me', async () => {
    const response = await t.app.inject(
      as(owner, { method: 'POST', url: '/api/v1/workspaces', payload: { name: ' 内容运营组 ' } }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ workspace: { name: '内容运营组' }, role: 'owner' });
    const me = await t.app.inject(as(owner, { method: 'GET', url: '/api/v1/me' }));
    expect(me.json().workspaces.map((w: { name: string }) => w.name)).toEqual(['Growth team', '内容运营组']);
  });

  it('shows each member their role and permissions', async () => {
    const asViewer = await t.app.inject(as(viewer, { method: 'GET', url: url() }));
    expect(asViewer.statusCode).toBe(200);
    expect(asViewer.json().role).toBe('viewer');
    expect(asViewer.json().permissions).toContain('members.read');
    expect(asViewer.json().permissions).not.toContain('workspace.update');
    const asOwner = await t.app.inject(as(owner, { method: 'GET', url: url() }));
    expect(asOwner.json().permissions).toContain('audit.read');
  });

  it('lets admins rename, not members, and validates the name', async () => {
    expect(
      (await t.app.inject(as(member, { method: 'PATCH', url: url(), payload: { name: 'X' } }))).statusCode,
    ).toBe(403);
    const blank = await t.app.inject(as(admin, { method: 'PATCH', url: url(), payload: { name: '   ' } }));
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields[0]).toEqual({ path: 'name', message: 'Required.' });
    const renamed = await t.app.inject(
      as(admin, { method: 'PATCH', url: url(), payload: { name: '增长组' } }),
    );
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().workspace.name).toBe('增长组');
  });
});

describe('members', () => {
  it('lists members with roles, titles and capacity', async () => {
    const response = await t.app.inject(as(viewer, { method: 'GET', url: url('/members') }));
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{
      userId: string;
      role: string;
      weeklyCapacityHours: number;
    }>;
    expect(items).toHaveLength(5);
    expect(items.find((m) => m.userId === manager.id)).toMatchObject({
      role: 'manager',
      weeklyCapacityHours: 40,
    });
  });

  it('lets an admin change roles up to admin, title and capacity, and records it', async () => {
    const response = await t.app.inject(
      as(admin, {
        method: 'PATCH',
        url: url(`/members/${member.id}`),
        payload: { role: 'manager', title: '社群运营', weeklyCapacityHours: 32 },
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().member).toMatchObject({
      role: 'manager',
      title: '社群运营',
      weeklyCapacityHours: 32,
    });
    const audit = await t.database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'member.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes ?? '{}')).toMatchObject({ role: { from: 'member', to: 'manager' } });
    const event = await t.database.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'member.role_changed')
      .execute();
    expect(event).toHaveLength(1);
  });

  it('keeps owners in the hands of owners', async () => {
    const promote = await t.app.inject(
      as(admin, { method: 'PATCH', url: url(`/members/${member.id}`), payload: { role: 'owner' } }),
    );
    expect(promote.statusCode).toBe(403);
    expect(promote.json().error.code).toBe('role_not_allowed');
    const demote = await t.app.inject(
      as(admin, { method: 'PATCH', url: url(`/members/${owner.id}`), payload: { role: 'member' } }),
    );
    expect(demote.statusCode).toBe(403);
    const byManager = await t.app.inject(
      as(manager, { method: 'PATCH', url: url(`/members/${member.id}`), payload: { title: 'x' } }),
    );
    expect(byManager.statusCode).toBe(403);
    expect(byManager.json().error.code).toBe('forbidden');
  });

  it('lets only owners edit an owner’s record, title and capacity included', async () => {
    for (const payload of [{ title: '实习生' }, { weeklyCapacityHours: 1 }, { role: 'viewer' }]) {
      const edited = await t.app.inject(
        as(admin, {
          method: 'PATCH',
          url: url(`/members/${owner.id}`),
          payload,
          headers: { 'accept-language': 'zh-CN' },
        }),
      );
      expect(edited.statusCode).toBe(403);
      expect(edited.json().error).toMatchObject({
        code: 'owner_record',
        message: '只有所有者可以修改所有者的成员信息。',
      });
    }
    const stored = await t.database.db
      .selectFrom('memberships')
      .select(['role', 'title', 'weekly_capacity_hours'])
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', owner.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ role: 'owner', title: null });
    expect(stored.weekly_capacity_hours).not.toBe(1);
    // Admins still manage everyone below the owners, and owners their own record.
    const byAdmin = await t.app.inject(
      as(admin, { method: 'PATCH', url: url(`/members/${member.id}`), payload: { title: '内容运营' } }),
    );
    expect(byAdmin.statusCode).toBe(200);
    const byOwner = await t.app.inject(
      as(owner, { method: 'PATCH', url: url(`/members/${owner.id}`), payload: { title: '负责人' } }),
    );
    expect(byOwner.statusCode).toBe(200);
  });

  it('never leaves a workspace without an owner', async () => {
    const demoteSelf = await t.app.inject(
      as(owner, { method: 'PATCH', url: url(`/members/${owner.id}`), payload: { role: 'admin' } }),
    );
    expect(demoteSelf.statusCode).toBe(409);
    expect(demoteSelf.json().error.code).toBe('last_owner');
    const leave = await t.app.inject(as(owner, { method: 'DELETE', url: url(`/members/${owner.id}`) }));
    expect(leave.statusCode).toBe(409);
    await t.app.inject(
      as(owner, { method: 'PATCH', url: url(`/members/${admin.id}`), payload: { role: 'owner' } }),
    );
    expect(
      (await t.app.inject(as(owner, { method: 'DELETE', url: url(`/members/${owner.id}`) }))).statusCode,
    ).toBe(204);
  });

  it('removes a member, who then cannot see the workspace', async () => {
    expect(
      (await t.app.inject(as(member, { method: 'DELETE', url: url(`/members/${viewer.id}`) }))).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject(as(admin, { method: 'DELETE', url: url(`/members/${viewer.id}`) }))).statusCode,
    ).toBe(204);
    const gone = await t.app.inject(as(viewer, { method: 'GET', url: url() }));
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('workspace_not_found');
  });

  it('reads the session and role afresh on every request, whoever changed them', async () => {
    const newTask = { method: 'POST', url: url('/tasks'), payload: { title: 'Weekly report' } } as const;
    expect((await t.app.inject(as(member, newTask))).statusCode).toBe(201);
    // Changed behind the app's back (another instance on the same database): the next request sees it.
    await t.database.db
      .updateTable('memberships')
      .set({ role: 'viewer' })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', member.id)
      .execute();
    expect((await t.app.inject(as(member, newTask))).statusCode).toBe(403);
    await t.database.db
      .deleteFrom('memberships')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', member.id)
      .execute();
    expect((await t.app.inject(as(member, { method: 'GET', url: url('/tasks') }))).statusCode).toBe(404);
    // Signed out: the same cookie is refused on the next workspace request.
    expect((await t.app.inject(as(viewer, { method: 'GET', url: url('/tasks') }))).statusCode).toBe(200);
    expect((await t.app.inject(as(viewer, { method: 'POST', url: '/api/v1/auth/logout' }))).statusCode).toBe(
      204,
    );
    expect((await t.app.inject(as(viewer, { method: 'GET', url: url('/tasks') }))).statusCode).toBe(401);
  });

  it('lets anyone leave on their own', async () => {
    expect(
      (await t.app.inject(as(viewer, { method: 'DELETE', url: url(`/members/${viewer.id}`) }))).statusCode,
    ).toBe(204);
    const actions = await t.database.db.selectFrom('audit_entries').select('action').execute();
    expect(actions.map((a) => a.action)).toContain('member.left');
  });

  it('answers 404 for a user who is not a member, and validates fields', async () => {
    const stranger = await signUpUser(t.app);
    const missing = await t.app.inject(
      as(owner, { method: 'PATCH', url: url(`/members/${stranger.id}`), payload: { title: 'x' } }),
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('member_not_found');
    const invalid = await t.app.inject(
      as(owner, {
        method: 'PATCH',
        url: url(`/members/${member.id}`),
        payload: { weeklyCapacityHours: 500, role: 'boss' },
      }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['role', 'weeklyCapacityHours']);
  });
});

describe('demo workspace', () => {
  it('creates a Chinese user-growth team with the caller as owner, in one go', async () => {
    const response = await t.app.inject(
      as(owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
    );
    expect(response.statusCode).toBe(201);
    const demoId = response.json().workspace.id as string;
    expect(response.json().workspace.name).toContain('用户增长');
    const members = await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/members` }));
    const items = members.json().items as Array<{ role: string; title: string | null; name: string }>;
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(items.filter((m) => m.role === 'owner')).toHaveLength(1);
    expect(items.map((m) => m.title)).toContain('数据分析师');
    expect(new Set(items.map((m) => m.role)).size).toBeGreaterThanOrEqual(4);

    const goals = (await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/goals` }))).json()
      .items;
    const root = goals.find((goal: { parentId: string | null }) => goal.parentId === null);
    expect(root.title).toBe('在三个月内将用户增长率提升20%');
    expect(
      goals.filter((goal: { parentId: string | null }) => goal.parentId === root.id).length,
    ).toBeGreaterThanOrEqual(3);
    // The team's goal tree has data throughout; the intern's personal development goal (skills demo) stands
    // apart from it, without key results yet.
    type Listed = { id: string; parentId: string | null; health: string };
    const byId = new Map<string, Listed>(goals.map((goal: Listed) => [goal.id, goal]));
    const rootOf = (goal: Listed): Listed => (goal.parentId ? rootOf(byId.get(goal.parentId) ?? goal) : goal);
    const tree = goals.filter((goal: Listed) => rootOf(goal).id === root.id);
    expect(tree.length).toBeGreaterThanOrEqual(4);
    expect(tree.every((goal: Listed) => goal.health !== 'no_data')).toBe(true);
    const kpis = (await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/kpis` }))).json()
      .items;
    expect(kpis.find((kpi: { key: string }) => kpi.key === 'growth_rate').formula).toContain('active_users');
    const series = (
      await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/kpis/active_users/series` }))
    ).json();
    expect(series.points.length).toBe(365);

    const schedule = (
      await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/schedule` }))
    ).json();
    expect(schedule.tasks.length).toBeGreaterThanOrEqual(30);
    expect(
      schedule.tasks.filter((task: { isMilestone: boolean }) => task.isMilestone).length,
    ).toBeGreaterThanOrEqual(3);
    expect(schedule.criticalPath.length).toBeGreaterThanOrEqual(3);
    const workload = (
      await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/workload?weeks=6` }))
    ).json();
    const overloaded = workload.people.filter((person: HeatmapRow) =>
      heatmapCells(workload, person).some((week) => week.isOverAllocated),
    );
    expect(overloaded.length).toBeGreaterThanOrEqual(1);
    const routines = (
      await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/routines` }))
    ).json();
    expect(routines.items).toHaveLength(2);

    const processes = (
      await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/processes` }))
    ).json();
    expect(processes.items.map((process: { templateKey: string }) => process.templateKey).sort()).toEqual([
      'feedback',
      'order',
    ]);
    const feedback = processes.items.find(
      (process: { templateKey: string }) => process.templateKey === 'feedback',
    );
    expect(feedback.completedRuns).toBeGreaterThanOrEqual(200);
    const analytics = (
      await t.app.inject(
        as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/processes/${feedback.id}/analytics` }),
      )
    ).json();
    expect(analytics.bottleneck.stepKey).toBe('analyse');
    const order = processes.items.find((process: { templateKey: string }) => process.templateKey === 'order');
    expect(order.versionNumber).toBe(2);
    expect(order.openRuns).toBeGreaterThan(0);
    // Nothing seeded lies in the future, and the lead has open steps of their own waiting.
    const future = await t.database.db
      .selectFrom('process_run_steps')
      .select('id')
      .where('workspace_id', '=', demoId)
      .where((eb) => eb.or([eb('entered_at', '>', t.clock.now), eb('completed_at', '>', t.clock.now)]))
      .execute();
    expect(future).toEqual([]);
    const queue = (
      await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${demoId}/my-queue` }))
    ).json();
    expect(queue.items.length).toBeGreaterThanOrEqual(3);
  });
});
