import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig, type AppConfig } from '../config.ts';
import { as, createTestWorkspace, signUpUser, type TestUser } from '../testing/app.ts';
import { useTestTeam, type TeamFixture } from '../testing/factories.ts';
import { settlePlanHealth } from './service.ts';

// The stored plan health (migration 0036, healthStore.ts) on the dialect under test: served across a restart and
// instances, stale after a write and fresh once recomputed, one computation at a time, never another workspace's.

type Team = TeamFixture<'member'>;
type Health = {
  score: number;
  computedAt: number | null;
  stale: boolean;
  refreshing: boolean;
  computing: boolean;
  progress: { done: number; total: number } | null;
  chapters: Array<{ chapter: string; total: number; findings: Array<{ rule: string; subject: string }> }>;
};

/** The clean fixture with this team's e-mails in place of its people. */
function cleanPlan(t: Team) {
  return readFileSync(new URL('../../core/plan/fixtures/clean.plan.yaml', import.meta.url), 'utf8')
    .replaceAll('lead@example.com', t.owner.email)
    .replaceAll('analyst@example.com', t.member.email);
}

async function importPlan(t: Team, app = t.app) {
  const response = await app.inject(
    as(t.owner, {
      method: 'POST',
      url: t.url('/plan/import'),
      headers: { 'content-type': 'application/yaml' },
      payload: cleanPlan(t),
    }),
  );
  expect(response.statusCode, response.body).toBe(200);
}

async function health(app: FastifyInstance, user: TestUser, url: string): Promise<Health> {
  const response = await app.inject(as(user, { method: 'GET', url }));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Health>();
}

/** A large plan's first answer: "computing" at once, the answer once the computation is done. */
async function firstHealth(t: Team, user: TestUser) {
  const computing = await health(t.app, user, t.url('/plan/health'));
  expect(computing).toMatchObject({ computing: true, stale: false, computedAt: null, chapters: [] });
  await settlePlanHealth(t.app.services);
  return health(t.app, user, t.url('/plan/health'));
}

const rules = (answer: Health, chapter: string) =>
  answer.chapters.find((part) => part.chapter === chapter)?.findings.map((finding) => finding.rule);

/** Another app instance on the same database and clock: a restart, or a second server behind the balancer. */
function otherInstance(t: Team, overrides: Partial<AppConfig> = {}) {
  const config = loadConfig(
    {
      logLevel: 'silent',
      runScheduler: false,
      webDir: null,
      checkResponses: true,
      now: () => t.clock.now,
      ...overrides,
    },
    {},
  );
  return buildApp(config, { database: t.database });
}

async function storedGeneration(t: Team, workspaceId = t.workspaceId) {
  const rows = await t.database.db
    .selectFrom('plan_health')
    .select(['generation', 'refreshing_since'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((row) => Number(row.generation));
}

describe('stored plan health of a small plan (recomputed while the request waits)', () => {
  const t = useTestTeam(['member']);

  it('is served after a restart without recomputing, and recomputed at once once out of date', async () => {
    await importPlan(t);
    const first = await health(t.app, t.member, t.url('/plan/health'));
    expect(first).toMatchObject({ score: 100, stale: false, refreshing: false, computedAt: t.clock.now });
    // Nothing the revision or a write counter sees: the routines go behind every instance's back.
    await t.database.db.deleteFrom('recurrences').where('workspace_id', '=', t.workspaceId).execute();
    t.clock.advance(30_000);
    const restarted = await otherInstance(t);
    try {
      // A recomputation would find the plan without routines: this is the stored answer.
      const stored = await health(restarted, t.member, t.url('/plan/health'));
      expect(stored).toMatchObject({ score: 100, stale: false, computedAt: first.computedAt });
      expect(await storedGeneration(t)).toEqual([1]);
      // A minute after it was computed the small plan's answer is computed again before the request is answered.
      t.clock.advance(31_000);
      const aged = await health(restarted, t.member, t.url('/plan/health'));
      expect(aged).toMatchObject({ stale: false, computedAt: t.clock.now });
      expect(rules(aged, 'cadence')).toEqual(['plan-no-routines']);
      expect(await storedGeneration(t)).toEqual([2]);
    } finally {
      await restarted.close();
    }
  });

  it('shows a fix made here at once', async () => {
    await importPlan(t);
    const tasks = (await t.inject(t.member, { method: 'GET', url: t.url('/tasks') })).json();
    const taskId = tasks.items.find((task: { title: string }) => task.title === 'Review the campaign').id;
    const patch = (payload: Record<string, unknown>) =>
      t.inject(t.owner, { method: 'PATCH', url: t.url(`/tasks/${taskId}`), payload });
    expect((await health(t.app, t.member, t.url('/plan/health'))).score).toBe(100);
    await patch({ dueDate: null, startDate: null });
    expect(rules(await health(t.app, t.member, t.url('/plan/health')), 'schedule')).toEqual([
      'task-no-dates',
    ]);
    await patch({ startDate: '2026-12-21', dueDate: '2026-12-22' });
    const fixed = await health(t.app, t.member, t.url('/plan/health'));
    expect(fixed).toMatchObject({ score: 100, stale: false });
  });
});

describe('stored plan health of a large plan (recomputed in the background)', () => {
  // Every plan counts as large here: a stale answer is served and recomputed behind it.
  const t = useTestTeam(['member'], { config: { planHealthWaitItems: 0 } });

  it('answers stale after a write and fresh once recomputed; the findings page from the same answer', async () => {
    await importPlan(t);
    const first = await firstHealth(t, t.member);
    expect(first).toMatchObject({ score: 100, stale: false });
    const tasks = (await t.inject(t.member, { method: 'GET', url: t.url('/tasks') })).json();
    const taskId = tasks.items.find((task: { title: string }) => task.title === 'Review the campaign').id;
    const patched = await t.inject(t.owner, {
      method: 'PATCH',
      url: t.url(`/tasks/${taskId}`),
      payload: { dueDate: null, startDate: null },
    });
    expect(patched.statusCode).toBe(200);
    t.clock.advance(1_000);
    const stale = await health(t.app, t.member, t.url('/plan/health'));
    expect(stale).toMatchObject({ score: 100, stale: true, refreshing: true, computedAt: first.computedAt });
    const page = await t.inject(t.member, {
      method: 'GET',
      url: t.url('/plan/health/findings?chapter=schedule'),
    });
    expect(page.json()).toMatchObject({ total: 0, computedAt: first.computedAt });

    await settlePlanHealth(t.app.services);
    const fresh = await health(t.app, t.member, t.url('/plan/health'));
    expect(fresh).toMatchObject({ stale: false, refreshing: false, computedAt: t.clock.now });
    expect(rules(fresh, 'schedule')).toEqual(['task-no-dates']);
    expect(fresh.score).toBeLessThan(100);
    const later = await t.inject(t.member, {
      method: 'GET',
      url: t.url('/plan/health/findings?chapter=schedule'),
    });
    expect(later.json()).toMatchObject({ total: 1, computedAt: fresh.computedAt });
  });

  it('starts one computation for concurrent requests, here and across instances', async () => {
    // No answer yet: every request waits, for the one computation.
    const firsts = await Promise.all(
      Array.from({ length: 5 }, () => health(t.app, t.member, t.url('/plan/health'))),
    );
    expect(new Set(firsts.map((answer) => answer.computedAt)).size).toBe(1);
    expect(firsts.every((answer) => !answer.stale)).toBe(true);
    expect(await storedGeneration(t)).toEqual([1]);

    await importPlan(t);
    const stale = await Promise.all(
      Array.from({ length: 5 }, () => health(t.app, t.member, t.url('/plan/health'))),
    );
    // The first request finds the answer stale; by the last the new one may be ready.
    expect(stale[0]).toMatchObject({ stale: true, refreshing: true });
    await settlePlanHealth(t.app.services);
    expect(await storedGeneration(t)).toEqual([2]);

    // Two instances find the answer a minute old at once: the row's claim lets one of them recompute.
    const other = await otherInstance(t, { planHealthWaitItems: 0 });
    try {
      expect((await health(other, t.member, t.url('/plan/health'))).stale).toBe(false);
      t.clock.advance(61_000);
      const both = await Promise.all([
        health(t.app, t.member, t.url('/plan/health')),
        health(other, t.member, t.url('/plan/health')),
        health(t.app, t.member, t.url('/plan/health')),
        health(other, t.member, t.url('/plan/health')),
      ]);
      expect(both[0]).toMatchObject({ stale: true, refreshing: true });
      await Promise.all([settlePlanHealth(t.app.services), settlePlanHealth(other.services)]);
      expect(await storedGeneration(t)).toEqual([3]);
      // The instance that did not compute reads the new one from the database.
      const [here, there] = [
        await health(t.app, t.member, t.url('/plan/health')),
        await health(other, t.member, t.url('/plan/health')),
      ];
      expect(here).toMatchObject({ stale: false, computedAt: t.clock.now });
      expect(there).toMatchObject({ stale: false, computedAt: t.clock.now });
    } finally {
      await other.close();
    }
  });

  it('never keeps a failed computation: the old answer is served and the next try succeeds', async () => {
    await importPlan(t);
    const first = await firstHealth(t, t.member);
    // The plan reader's table goes away: the background computation fails.
    await sql`ALTER TABLE plan_keys RENAME TO plan_keys_away`.execute(t.database.db);
    t.clock.advance(61_000);
    expect(await health(t.app, t.member, t.url('/plan/health'))).toMatchObject({
      stale: true,
      refreshing: true,
    });
    await settlePlanHealth(t.app.services);
    // Not kept, the claim let go; no new try for a minute, so nobody is told to wait for one.
    const after = await health(t.app, t.member, t.url('/plan/health'));
    expect(after).toMatchObject({ score: 100, stale: true, refreshing: false, computedAt: first.computedAt });
    expect(await storedGeneration(t)).toEqual([1]);
    const claims = await t.database.db.selectFrom('plan_health').select('refreshing_since').execute();
    expect(claims).toEqual([{ refreshing_since: null }]);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    await sql`ALTER TABLE plan_keys_away RENAME TO plan_keys`.execute(t.database.db);
    t.clock.advance(61_000);
    expect((await health(t.app, t.member, t.url('/plan/health'))).refreshing).toBe(true);
    await settlePlanHealth(t.app.services);
    expect(await health(t.app, t.member, t.url('/plan/health'))).toMatchObject({
      stale: false,
      computedAt: t.clock.now,
    });
  });

  it('answers a first computation with its progress, on every instance, from the claim row', async () => {
    await importPlan(t);
    // Another instance has claimed the first computation and come 40 steps of 100 (migration 0038's row).
    await t.database.db
      .insertInto('plan_health')
      .values({
        workspace_id: t.workspaceId,
        locale: 'en',
        generation: 0,
        revision: 0,
        day: '2026-11-26',
        computed_at: 0,
        items: 20,
        answer: Buffer.alloc(0),
        refreshing_since: t.clock.now,
        progress_done: 40,
        progress_total: 100,
      })
      .execute();
    const waiting = await health(t.app, t.member, t.url('/plan/health'));
    expect(waiting).toMatchObject({ computing: true, refreshing: true, progress: { done: 40, total: 100 } });
    const page = await t.inject(t.member, {
      method: 'GET',
      url: t.url('/plan/health/findings?chapter=tasks'),
    });
    expect(page.json()).toMatchObject({ total: 0, findings: [], computedAt: null });
    await settlePlanHealth(t.app.services);
    // The claim holds: this instance did not compute.
    expect(await storedGeneration(t)).toEqual([0]);

    // That instance died: once its claim is void, this one claims the row and computes.
    t.clock.advance(121_000);
    const claimed = await health(t.app, t.member, t.url('/plan/health'));
    expect(claimed).toMatchObject({ computing: true, refreshing: true });
    await settlePlanHealth(t.app.services);
    expect(await storedGeneration(t)).toEqual([1]);
    const done = await health(t.app, t.member, t.url('/plan/health'));
    expect(done).toMatchObject({ computing: false, stale: false, score: 100, computedAt: t.clock.now });
    const row = await t.database.db
      .selectFrom('plan_health')
      .select(['refreshing_since', 'progress_done', 'progress_total'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ refreshing_since: null, progress_done: null, progress_total: null });

    // A plan as large with nothing stored yet, on this instance: computing, then the answer.
    const zh = await t.app.inject(
      as(t.member, { method: 'GET', url: t.url('/plan/health'), headers: { 'accept-language': 'zh-CN' } }),
    );
    expect(zh.json()).toMatchObject({ computing: true, stale: false });
    await settlePlanHealth(t.app.services);
    const zhDone = await t.app.inject(
      as(t.member, { method: 'GET', url: t.url('/plan/health'), headers: { 'accept-language': 'zh-CN' } }),
    );
    expect(zhDone.json()).toMatchObject({ computing: false, score: 100 });
  });

  it('serves each workspace its own answer and refuses other workspaces', async () => {
    await importPlan(t);
    expect((await firstHealth(t, t.member)).score).toBe(100);
    const stranger = await signUpUser(t.app, { email: 'stranger@example.com' });
    const theirs = await createTestWorkspace(t.app, stranger);
    // Their empty workspace gets its own answer, never this one's.
    const own = await health(t.app, stranger, t.url('/plan/health', theirs));
    expect(own.score).toBeLessThan(20);
    expect(await storedGeneration(t, theirs)).toEqual([1]);
    for (const path of ['/plan/health', '/plan/health/findings?chapter=tasks']) {
      const foreign = await t.app.inject(as(stranger, { method: 'GET', url: t.url(path) }));
      expect(foreign.statusCode).toBe(404);
      expect(foreign.body).not.toContain('"score"');
      const back = await t.app.inject(as(t.member, { method: 'GET', url: t.url(path, theirs) }));
      expect(back.statusCode).toBe(404);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: t.url('/plan/health') });
    expect(anonymous.statusCode).toBe(401);
  });
});
