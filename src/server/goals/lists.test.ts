// The goal tree a level at a time and the KPI list a page at a time: paging, expansion, search, filters,
// the compact projection and workspace scoping (run on SQLite, and on PostgreSQL with TEST_DIALECT=postgres).
import { describe, expect, it } from 'vitest';
import { as, createTestWorkspace } from '../testing/app.ts';
import { createGoal, useTestTeam } from '../testing/factories.ts';

const url = (suffix: string, ws = t.workspaceId) => `/api/v1/w/${ws}${suffix}`;

const t = useTestTeam(['viewer']);

type Node = {
  id: string;
  parentId: string | null;
  title: string;
  dueDate: string;
  childCount: number;
  keyResultCount: number;
};
type Page<T> = { items: T[]; nextCursor: string | null };

async function get<T>(path: string, user = t.viewer, ws = t.workspaceId): Promise<T> {
  const response = await t.app.inject(as(user, { method: 'GET', url: url(path, ws) }));
  if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
  return response.json<T>();
}

/** A goal's id, made through the goal factory as the owner, in this test's workspace unless another is given. */
async function goalIn(payload: Record<string, unknown>, workspaceId = t.workspaceId): Promise<string> {
  return (await createGoal({ app: t.app, workspaceId }, t.owner, payload)).id;
}

/** Reads every page of a paged list, following nextCursor. */
async function allPages<T>(path: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: Page<T> = await get<Page<T>>(
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { items, pages };
}

/** A 400 in both languages naming `field`, the message translated (not zod's own English). */
async function expectRefused(path: string, field: string) {
  const messages: string[] = [];
  for (const language of ['en', 'zh-CN']) {
    const response = await t.app.inject(
      as(t.viewer, { method: 'GET', url: url(path), headers: { 'accept-language': language } }),
    );
    expect(response.statusCode, path).toBe(400);
    const fields = response.json<{ error: { fields: { path: string; message: string }[] } }>().error.fields;
    expect(
      fields.map((entry) => entry.path),
      path,
    ).toContain(field);
    messages.push(fields.map((entry) => entry.message).join());
  }
  expect(messages[0], path).not.toBe(messages[1]);
}

describe('goal tree, a level at a time', () => {
  it('pages the top level, expands a goal into its sub-goals, counts them, and searches every level', async () => {
    // 7 top-level goals, several sharing a due date (the cursor must break ties by id); the second has 3
    // sub-goals, one of which has a sub-goal of its own.
    const roots: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      roots.push(
        await goalIn({
          title: `Top ${index}`,
          description: 'A long description the tree does not send',
          isTopLevel: true,
          startDate: '2026-11-01',
          dueDate: index < 4 ? '2026-12-31' : `2027-0${index - 3}-28`,
        }),
      );
    }
    const parent = roots[1] ?? '';
    const children: string[] = [];
    for (const title of ['渠道拉新', 'Retention', '渠道留存']) {
      children.push(
        await goalIn({
          title,
          parentId: parent,
          startDate: '2026-11-01',
          dueDate: '2026-12-31',
          keyResults: [{ title: 'Done' }],
        }),
      );
    }
    const grandchild = await goalIn({
      title: 'Deep 渠道 work',
      parentId: children[0],
      startDate: '2026-11-01',
      dueDate: '2026-12-15',
    });

    // The top level in pages of 3: every root once, in due-date-then-id order, and nothing below it.
    const top = await allPages<Node>('/goals?parentId=root', 3);
    expect(top.pages).toBe(3);
    expect(top.items.map((goal) => goal.id).sort()).toEqual([...roots].sort());
    const order = top.items.map((goal) => `${goal.dueDate}~${goal.id}`);
    expect(order).toEqual([...order].sort());
    expect(top.items.find((goal) => goal.id === parent)?.childCount).toBe(3);
    expect(top.items.filter((goal) => goal.id !== parent).every((goal) => goal.childCount === 0)).toBe(true);

    // The compact projection: no description, health reason or SMART text.
    const first = (await get<Page<Record<string, unknown>>>('/goals?parentId=root&limit=1')).items[0] ?? {};
    expect(Object.keys(first)).not.toContain('description');
    expect(Object.keys(first)).not.toContain('healthReason');
    expect(Object.keys(first)).not.toContain('smart');

    // Expanding the parent reads its sub-goals only; expanding a sub-goal reads the next level.
    const level = await get<Page<Node>>(`/goals?parentId=${parent}`);
    expect(level.nextCursor).toBeNull();
    expect(level.items.map((goal) => goal.id).sort()).toEqual([...children].sort());
    expect(level.items.find((goal) => goal.id === children[0])).toMatchObject({
      childCount: 1,
      keyResultCount: 1,
      parentId: parent,
    });
    expect((await get<Page<Node>>(`/goals?parentId=${children[0]}`)).items.map((goal) => goal.id)).toEqual([
      grandchild,
    ]);
    const pagedLevel = await allPages<Node>(`/goals?parentId=${parent}`, 2);
    expect(pagedLevel.pages).toBe(2);
    expect(pagedLevel.items.map((goal) => goal.id).sort()).toEqual([...children].sort());

    // A search finds titles at every level, ignoring case; filters combine with it.
    const found = await get<Page<Node>>(`/goals?q=${encodeURIComponent('渠道')}`);
    expect(found.items.map((goal) => goal.title).sort()).toEqual(['Deep 渠道 work', '渠道拉新', '渠道留存']);
    expect((await get<Page<Node>>('/goals?q=retention')).items.map((goal) => goal.id)).toEqual([children[1]]);
    expect((await get<Page<Node>>('/goals?q=%25')).items).toEqual([]); // % is a character, not a wildcard
    expect((await get<Page<Node>>('/goals?status=done')).items).toEqual([]);
    expect((await get<Page<Node>>('/goals?status=active&q=top&limit=100')).items).toHaveLength(7);

    // No parameters: the first 1,000 goals at any level (here all of them).
    const all = await get<Page<Node>>('/goals');
    expect(all.items).toHaveLength(11);
    expect(all.nextCursor).toBeNull();
  });

  it('keeps to the workspace and names a bad parameter', async () => {
    const mine = await goalIn({
      title: 'Mine',
      isTopLevel: true,
      startDate: '2026-11-01',
      dueDate: '2026-12-31',
    });
    await goalIn({
      title: 'Child of mine',
      parentId: mine,
      startDate: '2026-11-01',
      dueDate: '2026-12-31',
    });
    const other = await createTestWorkspace(t.app, t.owner);
    await goalIn(
      { title: 'Theirs', isTopLevel: true, startDate: '2026-11-01', dueDate: '2026-12-31' },
      other,
    );
    // Another workspace's goal as the parent lists nothing there, and its goals are not searched here.
    expect((await get<Page<Node>>(`/goals?parentId=${mine}`, t.owner, other)).items).toEqual([]);
    expect((await get<Page<Node>>('/goals?q=Theirs')).items).toEqual([]);
    expect((await get<Page<Node>>('/goals?parentId=root')).items.map((goal) => goal.title)).toEqual(['Mine']);
    // Not a member: refused.
    const stranger = await t.app.inject(
      as(t.viewer, { method: 'GET', url: url('/goals?parentId=root', other) }),
    );
    expect(stranger.statusCode).toBe(404);

    for (const [query, field] of [
      ['cursor=nonsense', 'cursor'],
      ['limit=0', 'limit'],
      ['parentId=bad%20id', 'parentId'],
      ['health=purple', 'health'],
    ] as const) {
      const response = await t.app.inject(as(t.viewer, { method: 'GET', url: url(`/goals?${query}`) }));
      expect(response.statusCode, query).toBe(400);
      expect(JSON.stringify(response.json().error.fields), query).toContain(field);
    }
  });

  it('answers the goals asked by id, only in this workspace, and names a bad list', async () => {
    const dates = { startDate: '2026-11-01', dueDate: '2026-12-31' };
    const first = await goalIn({ title: 'First', isTopLevel: true, ...dates });
    const second = await goalIn({ title: 'Second', parentId: first, ...dates });
    await goalIn({ title: 'Not asked', isTopLevel: true, ...dates });
    const other = await createTestWorkspace(t.app, t.owner);
    const theirs = await goalIn({ title: 'Theirs', isTopLevel: true, ...dates }, other);

    const asked = await get<Page<Node>>(`/goals?ids=${second},${theirs},${first},${second}`);
    expect(asked.items.map((goal) => goal.title).sort()).toEqual(['First', 'Second']);
    expect(asked.nextCursor).toBeNull();
    expect(asked.items.find((goal) => goal.id === first)?.childCount).toBe(1);
    // Another workspace's id alone finds nothing; with a search, both must hold.
    expect((await get<Page<Node>>(`/goals?ids=${theirs}`)).items).toEqual([]);
    expect(
      (await get<Page<Node>>(`/goals?ids=${first},${second}&q=sec`)).items.map((goal) => goal.id),
    ).toEqual([second]);

    const tooMany = Array.from({ length: 101 }, (_, index) => `goal-${index}`).join(',');
    for (const [query, field] of [
      [`ids=${tooMany}`, 'ids'],
      ['ids=', 'ids'],
      [`ids=${first},bad%20id`, 'ids.1'],
    ] as const) {
      await expectRefused(`/goals?${query}`, field);
    }
  });
  it('answers at most 1,000 goals without parameters, and pages on from there', async () => {
    const model = await t.database.db
      .selectFrom('goals')
      .selectAll()
      .where(
        'id',
        '=',
        await goalIn({ title: 'Model', isTopLevel: true, startDate: '2026-11-01', dueDate: '2026-12-31' }),
      )
      .executeTakeFirstOrThrow();
    // 1,000 more rows like it, written directly: 1,001 goals through the API would take the test's time.
    for (let batch = 0; batch < 10; batch += 1) {
      await t.database.db
        .insertInto('goals')
        .values(
          Array.from({ length: 100 }, (_, index) => ({
            ...model,
            id: `${model.id}-${String(batch * 100 + index).padStart(4, '0')}`,
            title: `Copy ${batch * 100 + index}`,
          })),
        )
        .execute();
    }
    const first = await get<Page<Node>>('/goals');
    expect(first.items).toHaveLength(1000);
    expect(first.nextCursor).not.toBeNull();
    const rest = await get<Page<Node>>(`/goals?cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...first.items, ...rest.items].map((goal) => goal.id)).size).toBe(1001);
  });
});

describe('KPI list, a page at a time', () => {
  async function createKpi(payload: Record<string, unknown>, ws = t.workspaceId) {
    const response = await t.app.inject(as(t.owner, { method: 'POST', url: url('/kpis', ws), payload }));
    if (response.statusCode !== 201) throw new Error(response.body);
  }

  it('pages by key, searches name and key, filters, and sends slim rows', async () => {
    const keys: string[] = [];
    for (let index = 0; index < 12; index += 1) {
      const key = `kpi_${String(index).padStart(2, '0')}`;
      keys.push(key);
      await createKpi({
        key,
        name: index % 3 === 0 ? `新增用户 ${index}` : `Revenue ${index}`,
        frequency: index % 2 === 0 ? 'day' : 'week',
        description: 'Long text the list does not send',
        thresholds: { green: 10, amber: 5 },
      });
    }
    await createKpi({ key: 'ratio', name: 'Ratio', formula: 'kpi_00 / kpi_01' });
    await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: url('/kpis/kpi_00/measurements'),
        payload: { points: [{ period: '2026-11-20', value: 1 }] },
      }),
    );

    const paged = await allPages<{ key: string }>('/kpis', 5);
    expect(paged.pages).toBe(3);
    expect(paged.items.map((kpi) => kpi.key)).toEqual([...keys, 'ratio']);

    const first = (await get<Page<Record<string, unknown>>>('/kpis?limit=1')).items[0] ?? {};
    expect(Object.keys(first)).not.toContain('description');
    expect(Object.keys(first)).not.toContain('thresholds');
    expect(first).toMatchObject({ key: 'kpi_00', status: 'red', lastValue: 1 });

    const search = await get<Page<{ key: string }>>(`/kpis?q=${encodeURIComponent('新增')}`);
    expect(search.items.map((kpi) => kpi.key)).toEqual(['kpi_00', 'kpi_03', 'kpi_06', 'kpi_09']);
    expect((await get<Page<{ key: string }>>('/kpis?q=KPI_1')).items.map((kpi) => kpi.key)).toEqual([
      'kpi_10',
      'kpi_11',
    ]);
    expect((await get<Page<{ key: string }>>('/kpis?q=_0')).items).toHaveLength(10); // _ is not a wildcard
    expect((await get<Page<{ key: string }>>('/kpis?kind=formula')).items.map((kpi) => kpi.key)).toEqual([
      'ratio',
    ]);
    expect((await get<Page<{ key: string }>>('/kpis?status=red')).items.map((kpi) => kpi.key)).toEqual([
      'kpi_00',
    ]);
    expect((await get<Page<{ key: string }>>('/kpis?status=none&kind=measured')).items).toHaveLength(11);
    expect(
      (await get<Page<{ key: string }>>('/kpis?frequency=week&q=revenue')).items.map((kpi) => kpi.key),
    ).toEqual(['kpi_01', 'kpi_05', 'kpi_07', 'kpi_11']);

    // No parameters: the first 200 KPIs (here all of them).
    const all = await get<Page<{ key: string }>>('/kpis');
    expect(all.items).toHaveLength(13);
    expect(all.nextCursor).toBeNull();
  });

  it('keeps to the workspace and names a bad parameter', async () => {
    await createKpi({ key: 'mine', name: 'Mine' });
    const other = await createTestWorkspace(t.app, t.owner);
    await createKpi({ key: 'theirs', name: 'Theirs' }, other);
    expect((await get<Page<{ key: string }>>('/kpis?q=t&limit=10')).items.map((kpi) => kpi.key)).toEqual([]);
    expect((await get<Page<{ key: string }>>('/kpis?limit=10')).items.map((kpi) => kpi.key)).toEqual([
      'mine',
    ]);
    for (const [query, field] of [
      ['cursor=Bad Key', 'cursor'],
      ['limit=201', 'limit'],
      ['status=blue', 'status'],
      ['kind=guess', 'kind'],
    ] as const) {
      const response = await t.app.inject(
        as(t.viewer, { method: 'GET', url: url(`/kpis?${query.replace(' ', '%20')}`) }),
      );
      expect(response.statusCode, query).toBe(400);
      expect(JSON.stringify(response.json().error.fields), query).toContain(field);
    }
  });

  it('answers the KPIs asked by key or id, only in this workspace, and names a bad list', async () => {
    for (const key of ['alpha', 'beta', 'gamma']) await createKpi({ key, name: key.toUpperCase() });
    const other = await createTestWorkspace(t.app, t.owner);
    await createKpi({ key: 'beta', name: 'Their beta' }, other);
    await createKpi({ key: 'delta', name: 'Delta' }, other);
    const theirs = await get<Page<{ id: string; key: string }>>('/kpis?keys=beta,delta', t.owner, other);
    expect(theirs.items.map((kpi) => kpi.key)).toEqual(['beta', 'delta']);

    const byKey = await get<Page<{ id: string; key: string; name: string }>>('/kpis?keys=gamma,delta,alpha');
    expect(byKey.items.map((kpi) => kpi.name)).toEqual(['ALPHA', 'GAMMA']);
    expect(byKey.nextCursor).toBeNull();
    const alphaId = byKey.items[0]?.id ?? '';
    const theirIds = theirs.items.map((kpi) => kpi.id).join(',');
    const byId = await get<Page<{ key: string; name: string }>>(`/kpis?ids=${theirIds},${alphaId}`);
    expect(byId.items.map((kpi) => kpi.name)).toEqual(['ALPHA']);
    expect((await get<Page<{ key: string }>>(`/kpis?ids=${theirIds}`)).items).toEqual([]);

    const tooMany = Array.from({ length: 101 }, (_, index) => `k${index}`).join(',');
    for (const [query, field] of [
      [`keys=${tooMany}`, 'keys'],
      ['keys=alpha,Bad', 'keys.1'],
      ['ids=bad%20id', 'ids.0'],
    ] as const) {
      await expectRefused(`/kpis?${query}`, field);
    }
  });

  it('answers at most 200 KPIs without parameters, with the cursor of the next', async () => {
    for (let index = 0; index < 201; index += 1) {
      const key = `k_${String(index).padStart(3, '0')}`;
      await createKpi({ key, name: key });
    }
    const first = await get<Page<{ key: string }>>('/kpis');
    expect(first.items).toHaveLength(200);
    expect(first.nextCursor).toBe('k_199');
    const rest = await get<Page<{ key: string }>>(`/kpis?cursor=${first.nextCursor ?? ''}`);
    expect(rest.items.map((kpi) => kpi.key)).toEqual(['k_200']);
  });
});
