import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import { as, createTestTeam } from '../testing/app.ts';
import { createTask, useTestTeam, wholePlanCodes } from '../testing/factories.ts';
import { selectTopRevision } from './queries.ts';

const t = useTestTeam(['viewer']);

type Row = { id: string; wbs: string; childCount: number; parentId: string | null; title: string };

/** mulberry32: the same trees on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

async function list(query: string, user = t.viewer) {
  const response = await t.app.inject(as(user, { method: 'GET', url: t.url(`/tasks?${query}`) }));
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Row[]; nextCursor: string | null };
}

/** Every row of a query, following the cursor. */
async function listAll(query: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** A random tree of `size` tasks, then random positions with ties (as drag-and-drop and imports leave them). */
async function randomTree(seed: number, size: number) {
  const next = random(seed);
  const ids: string[] = [];
  for (let index = 0; index < size; index += 1) {
    const parentId = ids.length > 0 && next() < 0.75 ? ids[Math.floor(next() * ids.length)] : undefined;
    ids.push((await createTask(t, t.owner, { title: `t${index}`, ...(parentId ? { parentId } : {}) })).id);
  }
  const expected = await shufflePositions(ids, next);
  return { ...expected, ids, next, size };
}

/** New random positions for these tasks, and the codes and subtask counts the whole tree then gives. */
async function shufflePositions(ids: readonly string[], next: () => number) {
  for (const id of ids) {
    await t.database.db
      .updateTable('tasks')
      .set({ position: Math.floor(next() * 4) })
      .where('id', '=', id)
      .execute();
  }
  const { rows, codes: expected } = await wholePlanCodes(t);
  const childCounts = new Map<string, number>();
  for (const row of rows)
    if (row.parent_id) childCounts.set(row.parent_id, (childCounts.get(row.parent_id) ?? 0) + 1);
  return { expected, childCounts };
}

describe('task list WBS codes and tree levels', () => {
  it.each([1, 2, 3])(
    'gives every row the code wbsCodes gives the whole plan (random tree %i)',
    async (seed) => {
      const { expected, childCounts, size, ids, next } = await randomTree(seed, 30);
      // A list in another order, a few rows a page: each row's code comes from its own ancestors.
      const byDue = await listAll('sort=due&limit=7');
      expect(byDue).toHaveLength(size);
      for (const row of byDue) {
        expect(row.wbs).toBe(expected.get(row.id));
        expect(row.childCount).toBe(childCounts.get(row.id) ?? 0);
      }
      // The tree a level at a time, in sibling order: codes in order, each level's children under their parent.
      const walked: Row[] = [];
      const walk = async (query: string) => {
        for (const row of await listAll(`${query}&sort=wbs&limit=3`)) {
          walked.push(row);
          expect(row.wbs).toBe(expected.get(row.id));
          expect(row.childCount).toBe(childCounts.get(row.id) ?? 0);
          if (row.childCount > 0) await walk(`parentId=${row.id}`);
        }
      };
      await walk('root=true');
      expect(walked.map((row) => row.wbs)).toEqual(
        [...expected.values()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
      );
      // Filtered, a tree level is no longer a run of siblings: the codes still come right.
      const filtered = await listAll('root=true&sort=wbs&limit=2&q=t1');
      for (const row of filtered) expect(row.wbs).toBe(expected.get(row.id));
      // Reordered, the codes follow at once (the top level's ranks are kept per plan revision).
      const reordered = await shufflePositions(ids, next);
      const changed = [...reordered.expected].filter(([id, code]) => expected.get(id) !== code);
      expect(changed.some(([, code]) => !code.includes('.'))).toBe(true);
      for (const row of await listAll('sort=due&limit=7'))
        expect(row.wbs).toBe(reordered.expected.get(row.id));
    },
  );

  it("keeps the top level's order across appends and reads it again when a rank can move (seeded)", async () => {
    const next = random(7);
    const db = t.database.db;
    const topRevision = () => selectTopRevision(db, t.workspaceId);
    const tops = async () => (await wholePlanCodes(t)).rows.filter((row) => row.parent_id === null);
    const lastPosition = async () => Math.max(-1, ...(await tops()).map((row) => row.position));
    const patch = (id: string, payload: Record<string, unknown>) =>
      t.app.inject(as(t.owner, { method: 'PATCH', url: t.url(`/tasks/${id}`), payload }));
    /** A task written as an import or another writer would, past the API's positions. */
    const insertTop = async (position: number) => {
      const now = Date.now();
      await db
        .insertInto('tasks')
        .values({
          id: newId(),
          workspace_id: t.workspaceId,
          goal_id: null,
          parent_id: null,
          position,
          is_milestone: 0,
          title: 'inserted',
          description: null,
          status: 'todo',
          priority: 2,
          estimate_hours: null,
          start_date: null,
          due_date: null,
          buffer_days: 0,
          checklist: '[]',
          labels: '[]',
          required_skills: '[]',
          recurrence_id: null,
          occurrence: null,
          completed_at: null,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    };
    const pick = async () => {
      const level = await tops();
      return level[Math.floor(next() * level.length)] ?? { id: '' };
    };
    // Each step: a change, and whether it may move a top-level rank (the counter of migration 0037).
    const steps: Array<[string, () => Promise<unknown>, boolean]> = [
      ['create at the end', () => createTask(t, t.owner, { title: 'end' }), false],
      ['insert at the end', async () => insertTop((await lastPosition()) + 1), false],
      ['subtask', async () => createTask(t, t.owner, { title: 'sub', parentId: (await pick()).id }), false],
      ['status', async () => patch((await pick()).id, { status: 'in_progress' }), false],
      ['insert before', async () => insertTop(Math.floor(next() * (await lastPosition()))), true],
      ['move', async () => patch((await pick()).id, { position: (await lastPosition()) + 1 }), true],
      [
        'delete',
        async () =>
          t.app.inject(as(t.owner, { method: 'DELETE', url: t.url(`/tasks/${(await pick()).id}`) })),
        true,
      ],
      ['out of the top level', async () => patch((await pick()).id, { parentId: (await pick()).id }), true],
    ];
    for (let index = 0; index < 6; index += 1) await createTask(t, t.owner, { title: `t${index}` });
    let moved = 0;
    for (let index = 0; index < 60; index += 1) {
      const step = steps[Math.floor(next() * steps.length)];
      if (!step) throw new Error('no step');
      const [name, change, movesRanks] = step;
      const before = await topRevision();
      await change();
      const after = await topRevision();
      if (movesRanks) moved += after > before ? 1 : 0;
      else expect(after, name).toBe(before);
      // The codes a page of the top level and a list in another order show are the whole plan's.
      const { codes: expected } = await wholePlanCodes(t);
      for (const row of await listAll('root=true&sort=wbs&limit=50'))
        expect(row.wbs, `${name} (${index})`).toBe(expected.get(row.id));
      for (const row of await listAll('sort=due&limit=50'))
        expect(row.wbs, `${name} (${index})`).toBe(expected.get(row.id));
    }
    // Inserts before, moves and deletes moved the counter (a parent that was its own child is refused, so not each).
    expect(moved).toBeGreaterThan(10);
  });

  it('lists milestones and the distinct labels, and refuses a bad level or another workspace', async () => {
    const milestone = await createTask(t, t.owner, { title: '上线', isMilestone: true, labels: ['发布'] });
    await createTask(t, t.owner, { title: 'a', parentId: milestone.id, labels: ['调研', '发布'] });
    await createTask(t, t.owner, { title: 'b', labels: ['调研'] });
    const milestones = await list('milestone=true&sort=due');
    expect(milestones.items.map((row) => [row.title, row.wbs, row.childCount])).toEqual([['上线', '1', 1]]);
    const labels = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/tasks/labels') }));
    expect(labels.json()).toEqual({ labels: ['发布', '调研'], truncated: false });
    // A new label shows at once (the cached list follows the plan revision).
    await createTask(t, t.owner, { title: 'c', labels: ['复盘'] });
    const after = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/tasks/labels') }));
    expect(after.json().labels).toEqual(['发布', '复盘', '调研']);

    const noLevel = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/tasks?sort=wbs') }));
    expect(noLevel.statusCode).toBe(400);
    expect(noLevel.json().error.fields).toEqual([
      expect.objectContaining({ path: 'sort', message: expect.stringContaining('parentId') }),
    ]);
    const both = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url(`/tasks?sort=wbs&root=true&parentId=${milestone.id}`) }),
    );
    expect(both.statusCode).toBe(400);

    const other = await createTestTeam(t.app, []);
    for (const suffix of ['/tasks/labels', '/tasks?root=true&sort=wbs'])
      expect(
        (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(suffix, other.workspaceId) })))
          .statusCode,
      ).toBe(404);
    // Another workspace's task as the parent lists nothing of it.
    const foreign = (
      await t.app.inject(
        as(other.owner, {
          method: 'POST',
          url: `/api/v1/w/${other.workspaceId}/tasks`,
          payload: { title: 'f', labels: ['外部'] },
        }),
      )
    ).json().task.id as string;
    await t.app.inject(
      as(other.owner, {
        method: 'POST',
        url: `/api/v1/w/${other.workspaceId}/tasks`,
        payload: { title: 'g', parentId: foreign },
      }),
    );
    expect((await list(`parentId=${foreign}&sort=wbs`)).items).toEqual([]);
    expect(
      (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/tasks/labels') }))).json().labels,
    ).not.toContain('外部');
  });
});
