import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/processes/eventlog.testing.ts';
import { as } from '../testing/app.ts';
import { addMember, createTask, useTestTeam, wholePlanCodes } from '../testing/factories.ts';
import { selectRoles } from './queries.ts';
import { rolesByTask, toTask } from './service.ts';

const t = useTestTeam(['member', 'viewer']);

const ROLES = ['R', 'A', 'C', 'I'] as const;

/**
 * A random plan: a tree with tied positions, several roles per task among people whose names tie or differ only by
 * case, dependencies with several predecessors and successors per task, fractional estimates, checklists, labels;
 * with `loop`, two tasks that are each other's parent (no code for them or below them).
 */
async function randomPlan(seed: number, size: number, loop: boolean) {
  const next = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const people = [
    t.owner,
    t.member,
    t.viewer,
    await addMember(t, t.owner, { role: 'member', name: '王芳' }),
    await addMember(t, t.owner, { role: 'member', name: '王芳' }),
    await addMember(t, t.owner, { role: 'member', name: 'ann' }),
    await addMember(t, t.owner, { role: 'member', name: 'Ann' }),
  ];
  const ids: string[] = [];
  for (let index = 0; index < size; index += 1) {
    const parentId = ids.length > 0 && next() < 0.7 ? pick(ids) : undefined;
    const task = await createTask(t, t.owner, {
      title: `任务 ${index} · task "${index}"`,
      ...(parentId ? { parentId } : {}),
      ...(next() < 0.5 ? { description: `说明 ${index}\nline two <b>` } : {}),
      ...(next() < 0.7 ? { estimateHours: Math.round(next() * 400) / 10 + 0.1 } : {}),
      ...(next() < 0.6 ? { dueDate: `2026-12-${String(10 + Math.floor(next() * 9))}` } : {}),
      ...(next() < 0.3 ? { startDate: '2026-12-01' } : {}),
      priority: pick(['low', 'medium', 'high', 'urgent'] as const),
      status: pick(['todo', 'in_progress', 'blocked', 'done'] as const),
      isMilestone: next() < 0.1,
      checklist: next() < 0.5 ? [{ text: '准备', done: next() < 0.5 }] : [],
      labels: next() < 0.5 ? [pick(['ops', '运营', 'x'])] : [],
    });
    ids.push(task.id);
  }
  const db = t.database.db;
  for (const id of ids) {
    await db
      .updateTable('tasks')
      .set({ position: Math.floor(next() * 3) })
      .where('id', '=', id)
      .execute();
    // Roles written as an import would: any mix, several people per role.
    const roles = new Map<string, { user_id: string; role: string }>();
    for (let count = Math.floor(next() * 5); count > 0; count -= 1) {
      const role = { user_id: pick(people).id, role: pick(ROLES) };
      roles.set(`${role.user_id}:${role.role}`, role);
    }
    await db.deleteFrom('task_roles').where('task_id', '=', id).execute();
    if (roles.size > 0)
      await db
        .insertInto('task_roles')
        .values([...roles.values()].map((role) => ({ ...role, workspace_id: t.workspaceId, task_id: id })))
        .execute();
  }
  // Dependencies from an earlier task to a later one (no loop), inserted out of id order.
  const links = new Map<string, { from_task_id: string; to_task_id: string; lag_days: number }>();
  for (let count = 0; count < size * 1.5; count += 1) {
    const [a, b] = [Math.floor(next() * size), Math.floor(next() * size)];
    if (a === b) continue;
    const from = ids[Math.min(a, b)] ?? '';
    const to = ids[Math.max(a, b)] ?? '';
    links.set(`${from}:${to}`, { from_task_id: from, to_task_id: to, lag_days: Math.floor(next() * 3) });
  }
  const shuffled = [...links.values()].sort(() => next() - 0.5);
  for (const link of shuffled)
    await db
      .insertInto('task_dependencies')
      .values({ ...link, workspace_id: t.workspaceId })
      .execute();
  if (loop) {
    const [a, b] = [ids[1] ?? '', ids[2] ?? ''];
    await db.updateTable('tasks').set({ parent_id: b }).where('id', '=', a).execute();
    await db.updateTable('tasks').set({ parent_id: a }).where('id', '=', b).execute();
  }
  return { ids, links: [...links.values()] };
}

/** What a task read and a list row answered before one statement served them: rows, roles and codes read apart. */
async function expectedShape(
  links: ReadonlyArray<{ from_task_id: string; to_task_id: string; lag_days: number }>,
) {
  const db = t.database.db;
  const rows = await db.selectFrom('tasks').selectAll().where('workspace_id', '=', t.workspaceId).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  // The roles in selectRoles' order (R, A, C, I, then name, then id), as the database orders names.
  const roles = rolesByTask(await selectRoles(db, t.workspaceId));
  const { codes } = await wholePlanCodes(t);
  const code = (id: string) => codes.get(id) ?? '';
  const byWbs = (a: { position: number; id: string }, b: { position: number; id: string }) =>
    a.position - b.position || (a.id < b.id ? -1 : 1);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const childrenOf = (id: string) => rows.filter((row) => row.parent_id === id).sort(byWbs);
  const listRow = (id: string) => {
    const row = byId.get(id);
    if (!row) throw new Error(`no task ${id}`);
    return { ...toTask(row, roles, code(id)), childCount: childrenOf(id).length };
  };
  const detail = (id: string) => {
    const row = byId.get(id);
    if (!row) throw new Error(`no task ${id}`);
    const link = (taskId: string, lagDays: number) => ({
      taskId,
      title: byId.get(taskId)?.title,
      wbs: code(taskId),
      lagDays,
    });
    return {
      task: toTask(row, roles, code(id)),
      predecessors: links
        .filter((dependency) => dependency.to_task_id === id)
        .sort((a, b) => byText(a.from_task_id, b.from_task_id))
        .map((dependency) => link(dependency.from_task_id, dependency.lag_days)),
      successors: links
        .filter((dependency) => dependency.from_task_id === id)
        .sort((a, b) => byText(a.to_task_id, b.to_task_id))
        .map((dependency) => link(dependency.to_task_id, dependency.lag_days)),
      children: childrenOf(id).map((child) => toTask(child, roles, code(child.id))),
    };
  };
  return { detail, listRow };
}

async function get(url: string) {
  const response = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(url) }));
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('one task and a page of tasks, each in one read', () => {
  it.each([
    [1, false],
    [2, false],
    [3, true],
  ])(
    'answers what rows, roles, dependencies and whole-plan codes read apart give (random plan %i)',
    async (seed, loop) => {
      const { ids, links } = await randomPlan(seed, 24, loop);
      const expected = await expectedShape(links);
      for (const id of ids) expect(await get(`/tasks/${id}`), id).toEqual(expected.detail(id));
      // The list: pages in due order and a tree level in sibling order (only its first row's code is read).
      for (const query of ['sort=due&limit=5', 'sort=wbs&root=true&limit=3', 'sort=priority&limit=50']) {
        let cursor: string | null = null;
        let seen = 0;
        do {
          const page: { items: Array<{ id: string }>; nextCursor: string | null } = await get(
            `/tasks?${query}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          for (const item of page.items) expect(item, query).toEqual(expected.listRow(item.id));
          seen += page.items.length;
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toBeGreaterThan(0);
      }
    },
  );

  it('answers 404 for a task of another workspace or none, and reads an empty page', async () => {
    const other = await t.app.inject(
      as(t.owner, { method: 'POST', url: '/api/v1/workspaces', payload: { name: '别处' } }),
    );
    const otherId = other.json<{ workspace: { id: string } }>().workspace.id;
    const theirs = await createTask({ app: t.app, workspaceId: otherId }, t.owner, { title: '别处的任务' });
    const response = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/tasks/${theirs.id}`) }));
    expect(response.statusCode).toBe(404);
    expect((await get('/tasks?sort=due&limit=5')).items).toEqual([]);
  });
});
