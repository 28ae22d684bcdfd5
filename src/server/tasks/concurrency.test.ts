import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import { as } from '../testing/app.ts';
import { TEST_DIALECT } from '../testing/database.ts';
import { createTask, useTestTeam, wholePlanCodes } from '../testing/factories.ts';

// On PostgreSQL requests run on several connections at once: a write that reads before it writes must see
// the one before it. On SQLite the same tests hold because the single connection serialises them.
const t = useTestTeam(['manager']);
const newTask = async (title: string, parentId?: string) =>
  (await createTask(t, t.owner, { title, ...(parentId ? { parentId } : {}) })).id;

/** Whether the stored dependencies of the workspace contain a loop (depth-first search over all of them). */
async function hasStoredCycle(): Promise<boolean> {
  const edges = await t.database.db
    .selectFrom('task_dependencies')
    .select(['from_task_id', 'to_task_id'])
    .where('workspace_id', '=', t.workspaceId)
    .execute();
  const next = new Map<string, string[]>();
  for (const edge of edges)
    next.set(edge.from_task_id, [...(next.get(edge.from_task_id) ?? []), edge.to_task_id]);
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string): boolean => {
    if (state.get(node) === 'open') return true;
    if (state.get(node) === 'done') return false;
    state.set(node, 'open');
    const looped = (next.get(node) ?? []).some(visit);
    state.set(node, 'done');
    return looped;
  };
  return [...next.keys()].some(visit);
}

describe('task writes under concurrency', () => {
  it('stores no loop when opposite dependencies are added at once, 25 rounds', async () => {
    for (let round = 0; round < 25; round += 1) {
      const first = await newTask(`发布预热 ${round}`);
      const second = await newTask(`正式上线 ${round}`);
      const [forward, backward] = await Promise.all([
        t.app.inject(
          as(t.owner, {
            method: 'POST',
            url: t.url(`/tasks/${second}/dependencies`),
            payload: { fromTaskId: first },
          }),
        ),
        t.app.inject(
          as(t.manager, {
            method: 'POST',
            url: t.url(`/tasks/${first}/dependencies`),
            payload: { fromTaskId: second },
          }),
        ),
      ]);
      const statuses = [forward.statusCode, backward.statusCode].sort();
      expect(statuses).toEqual([201, 400]);
      const refused = forward.statusCode === 400 ? forward : backward;
      expect(refused.json().error.code).toBe('dependency_cycle');
      // The loop is named by its tasks' titles.
      expect(refused.json().error.message).toContain(`发布预热 ${round}`);
      expect(refused.json().error.message).toContain(`正式上线 ${round}`);
    }
    expect(await hasStoredCycle()).toBe(false);
    expect(
      await t.database.db
        .selectFrom('task_dependencies')
        .selectAll()
        .where('workspace_id', '=', t.workspaceId)
        .execute(),
    ).toHaveLength(25);
    expect((await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/schedule') }))).statusCode).toBe(
      200,
    );
  });

  it('gives 50 tasks created at once under one parent distinct positions', async () => {
    const parentId = await newTask('双十一活动');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        t.app.inject(
          as(index % 2 ? t.owner : t.manager, {
            method: 'POST',
            url: t.url('/tasks'),
            payload: { title: `子任务 ${index}`, parentId },
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(50).fill(201));
    const positions = await t.database.db
      .selectFrom('tasks')
      .select('position')
      .where('workspace_id', '=', t.workspaceId)
      .where('parent_id', '=', parentId)
      .execute();
    expect(positions.map((row) => row.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, index) => index),
    );
  });
});

describe('calendar writes under concurrency', () => {
  it('answers 20 simultaneous replacements of the holiday list without a server error', async () => {
    const lists = Array.from({ length: 20 }, (_, index) => [
      { day: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
      {
        day: `2027-02-${String(index + 1).padStart(2, '0')}`,
        kind: 'holiday' as const,
        name: `春节 ${index}`,
      },
      { day: '2027-02-28', kind: 'workday' as const, name: '调休' },
    ]);
    const responses = await Promise.all(
      lists.map((items) =>
        t.app.inject(as(t.owner, { method: 'PUT', url: t.url('/calendar'), payload: { items } })),
      ),
    );
    for (const response of responses) expect([200, 409]).toContain(response.statusCode);
    expect(responses.filter((response) => response.statusCode === 200).length).toBeGreaterThan(0);
    // What is stored is exactly one of the lists, not a mixture.
    const stored = await t.database.db
      .selectFrom('workspace_calendar_days')
      .select(['day', 'name'])
      .where('workspace_id', '=', t.workspaceId)
      .orderBy('day')
      .execute();
    expect(stored).toHaveLength(3);
    const winner = lists.find((items) => items[1]?.name === stored[1]?.name);
    expect(stored).toEqual(winner?.map(({ day, name }) => ({ day, name })));
  });
});

describe('calendar feed rotation under concurrency', () => {
  it('leaves one working URL after 10 simultaneous rotations', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.inject(as(t.manager, { method: 'POST', url: t.url('/calendar-feed') })),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(10).fill(201));
    const feeds = await t.database.db
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .where('user_id', '=', t.manager.id)
      .execute();
    expect(feeds).toHaveLength(1);
    const working = [];
    for (const response of responses) {
      const feed = await t.app.inject({ method: 'GET', url: new URL(response.json().url).pathname });
      if (feed.statusCode === 200) working.push(response);
    }
    expect(working).toHaveLength(1);
  });
});

describe('replacing lists under concurrency', () => {
  it('answers 20 simultaneous RACI replacements of one task without a server error', async () => {
    const taskId = await newTask('活动复盘');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        t.app.inject(
          as(t.owner, {
            method: 'PUT',
            url: t.url(`/tasks/${taskId}/roles`),
            payload: {
              roles:
                index % 2
                  ? [
                      { userId: t.owner.id, role: 'A' },
                      { userId: t.manager.id, role: 'R' },
                    ]
                  : [
                      { userId: t.manager.id, role: 'A' },
                      { userId: t.owner.id, role: 'R' },
                    ],
            },
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(200));
    const roles = await t.database.db
      .selectFrom('task_roles')
      .select('role')
      .where('task_id', '=', taskId)
      .execute();
    expect(roles.map((role) => role.role).sort()).toEqual(['A', 'R']);
  });

  it('answers 20 simultaneous replacements of a person’s skills and days away without a server error', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        t.app.inject(
          as(t.owner, {
            method: 'PUT',
            url: t.url(`/people/${t.manager.id}`),
            payload: {
              skills: [{ skill: '数据分析', level: 1 + (index % 5) }],
              unavailableDays: ['2027-01-04', '2027-01-05'],
            },
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(200));
    const days = await t.database.db
      .selectFrom('member_unavailable_days')
      .select('day')
      .where('workspace_id', '=', t.workspaceId)
      .where('user_id', '=', t.manager.id)
      .execute();
    expect(days).toHaveLength(2);
  });

  it('gives the right WBS codes while top-level tasks are created and listed at once, 5 rounds', async () => {
    const codesShown = async () => {
      const response = await t.app.inject(
        as(t.manager, { method: 'GET', url: t.url('/tasks?root=true&sort=wbs&limit=200') }),
      );
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: Array<{ id: string; wbs: string }> }).items;
    };
    for (let round = 0; round < 5; round += 1) {
      // Creates that commit in another order than their positions and ids (PostgreSQL), with reads between.
      await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          index % 3 === 2 ? codesShown() : newTask(`活动 ${round}.${index}`),
        ),
      );
      const { rows, codes: expected } = await wholePlanCodes(t);
      const shown = await codesShown();
      expect(shown).toHaveLength(rows.filter((row) => row.parent_id === null).length);
      for (const row of shown) expect(row.wbs, `round ${round}`).toBe(expected.get(row.id));
      // A task by id takes its code from the same kept order.
      const last = shown.at(-1)?.id ?? '';
      const one = await t.app.inject(as(t.manager, { method: 'GET', url: t.url(`/tasks/${last}`) }));
      expect(one.json().task.wbs).toBe(expected.get(last));
    }
  });

  // Two writers that each see themselves last: the later commit must find the earlier one and move the counter.
  it.runIf(TEST_DIALECT === 'postgres')(
    'moves the top-level counter when an insert commits after a later-placed one committed just ahead of it',
    async () => {
      const db = t.database.db;
      const counter = async () =>
        Number(
          (
            await db
              .selectFrom('plan_revisions')
              .select('top_revision')
              .where('workspace_id', '=', t.workspaceId)
              .executeTakeFirstOrThrow()
          ).top_revision,
        );
      const model = await db
        .selectFrom('tasks')
        .selectAll()
        .where('id', '=', await newTask('起点'))
        .executeTakeFirstOrThrow();
      const top = await db
        .selectFrom('tasks')
        .select((eb) => eb.fn.max('position').as('position'))
        .where('workspace_id', '=', t.workspaceId)
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow();
      const insert = (trx: typeof db, position: number) =>
        trx
          .insertInto('tasks')
          .values({ ...model, id: newId(), position, parent_id: null })
          .execute();
      const signal = () => {
        let done = () => {};
        const promise = new Promise<void>((resolve) => (done = resolve));
        return { promise, done };
      };
      const aHolds = signal();
      const bInserted = signal();
      const release = signal();
      // A: after every task, then holding the counter row (as its commit will) until B has inserted.
      const a = db.transaction().execute(async (trx) => {
        await insert(trx, Number(top.position) + 2);
        await sql`SELECT 1 FROM plan_revisions WHERE workspace_id = ${t.workspaceId} FOR UPDATE`.execute(trx);
        aHolds.done();
        await release.promise;
      });
      await aHolds.promise;
      const before = await counter();
      // B: before A's task, inserted while A is uncommitted, committed after A.
      const b = db.transaction().execute(async (trx) => {
        await insert(trx, Number(top.position) + 1);
        bInserted.done();
      });
      await bInserted.promise;
      release.done();
      await Promise.all([a, b]);
      expect(await counter()).toBeGreaterThan(before);
    },
  );
});
