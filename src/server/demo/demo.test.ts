import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, createTestApp, signUpUser, type TestApp, type TestUser } from '../testing/app.ts';

let t: TestApp;
let owner: TestUser;

beforeEach(async () => {
  t = await createTestApp();
  owner = await signUpUser(t.app, { name: 'Alex Morgan', locale: 'en' });
});
afterEach(() => t.close());

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Every text a person can see in a workspace: each string in each row of each table that has a workspace_id, and its members' names. */
async function workspaceTexts(workspaceId: string): Promise<Array<{ where: string; text: string }>> {
  const { db } = t.database;
  const texts: Array<{ where: string; text: string }> = [];
  for (const table of await db.introspection.getTables()) {
    if (!table.columns.some((column) => column.name === 'workspace_id')) continue;
    // Customers' feedback is what they wrote, in Chinese and English on purpose (clustering reads both).
    if (table.name.startsWith('feedback_')) continue;
    const rows = (await db
      .selectFrom(table.name as 'tasks')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .execute()) as Array<Record<string, unknown>>;
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string') texts.push({ where: `${table.name}.${column}`, text: value });
      }
    }
  }
  const workspace = await db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).execute();
  for (const row of workspace) texts.push({ where: 'workspaces.name', text: row.name });
  const people = await db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select('users.name')
    .where('memberships.workspace_id', '=', workspaceId)
    .execute();
  for (const person of people) texts.push({ where: 'users.name', text: person.name });
  return texts;
}

describe('demo workspace', () => {
  it('in English is an English team: no Chinese in any title, name, label or value', async () => {
    const response = await t.app.inject(
      as(owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'en' } }),
    );
    expect(response.statusCode).toBe(201);
    const workspaceId = response.json().workspace.id as string;
    const texts = await workspaceTexts(workspaceId);
    expect(texts.length).toBeGreaterThan(200);
    const chinese = texts.filter((entry) => CJK.test(entry.text));
    // Each leftover named with its table and column, so the seeder that wrote it is easy to find.
    expect(chinese.map((entry) => `${entry.where}: ${entry.text.slice(0, 80)}`)).toEqual([]);
  });

  it('in Chinese stays Chinese', async () => {
    const response = await t.app.inject(
      as(owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
    );
    const texts = await workspaceTexts(response.json().workspace.id as string);
    const titles = texts.filter((entry) => entry.where === 'tasks.title' || entry.where === 'goals.title');
    expect(titles.length).toBeGreaterThan(30);
    expect(titles.every((entry) => CJK.test(entry.text))).toBe(true);
  });

  it('declares the review cadence it lives, so plan health finds none missing', async () => {
    const response = await t.app.inject(
      as(owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
    );
    const workspaceId = response.json().workspace.id as string;
    const health = await t.app.inject(
      as(owner, { method: 'GET', url: `/api/v1/w/${workspaceId}/plan/health` }),
    );
    expect(health.statusCode).toBe(200);
    const chapters = health.json<{
      chapters: Array<{ chapter: string; findings: Array<{ rule: string }> }>;
    }>().chapters;
    const rules = chapters.flatMap((chapter) => chapter.findings.map((finding) => finding.rule));
    expect(rules.length).toBeGreaterThan(0);
    expect(rules).not.toContain('plan-no-review-cadence');

    // Each team goal's SMART score is the one its own page gives (both read the KPI history the same way). A
    // personal development goal without a parent is top-level in the plan but not on its page, so it is left out.
    const { smart, ids } = health.json<{
      smart: Array<{ goal: string; score: number }>;
      ids: { goals: Record<string, string> };
    }>();
    let compared = 0;
    for (const verdict of smart) {
      const page = await t.app.inject(
        as(owner, { method: 'GET', url: `/api/v1/w/${workspaceId}/goals/${ids.goals[verdict.goal] ?? ''}` }),
      );
      expect(page.statusCode).toBe(200);
      const detail = page.json<{ smart: { score: number }; keyResults: unknown[] }>();
      if (detail.keyResults.length === 0) continue;
      compared += 1;
      const pageScore = detail.smart.score;
      expect({ goal: verdict.goal, score: pageScore }).toEqual({ goal: verdict.goal, score: verdict.score });
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('fills its cases: each has a history, and each finished step with a form recorded what it asks for', async () => {
    const response = await t.app.inject(
      as(owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
    );
    const workspaceId = response.json().workspace.id as string;
    const get = async (path: string) =>
      (await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${workspaceId}${path}` }))).json();
    const processes = (await get('/processes')).items as Array<{ id: string }>;
    let checkedSteps = 0;
    for (const process of processes) {
      const detail = (await get(`/processes/${process.id}`)) as {
        version: { steps: Array<{ key: string; fields?: unknown[] }> } | null;
      };
      const withForm = new Set(
        (detail.version?.steps ?? [])
          .filter((step) => (step.fields ?? []).length > 0)
          .map((step) => step.key),
      );
      const runs = (await get(`/processes/${process.id}/runs?limit=20`)).items as Array<{ id: string }>;
      for (const { id } of runs.slice(0, 5)) {
        const run = (await get(`/runs/${id}`)) as {
          subject: string;
          history: unknown[];
          steps: Array<{ stepKey: string; completedAt: number | null; record: unknown[] }>;
        };
        expect(run.history.length, run.subject).toBeGreaterThan(0);
        for (const step of run.steps.filter((visit) => visit.completedAt !== null)) {
          if (!withForm.has(step.stepKey)) continue;
          expect(step.record.length, `${run.subject} · ${step.stepKey}`).toBeGreaterThan(0);
          checkedSteps += 1;
        }
      }
    }
    // Not vacuous: the demo's finished steps do carry their forms' values.
    expect(checkedSteps).toBeGreaterThan(5);
  });

  it('has a quarterly review cycle at the manager stage whose scorecards link their evidence', async () => {
    const response = await t.app.inject(
      as(owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'en' } }),
    );
    const workspaceId = response.json().workspace.id as string;
    const url = (path: string) => `/api/v1/w/${workspaceId}${path}`;
    const cycles = (await t.app.inject(as(owner, { method: 'GET', url: url('/review-cycles') }))).json()
      .items;
    // The current quarter at the manager stage, and the quarter before closed (its skill-tagged review below).
    expect(cycles).toHaveLength(2);
    expect(cycles[0]).toMatchObject({ kind: 'quarterly', stage: 'manager', participantCount: 6 });
    expect(cycles[1]).toMatchObject({ kind: 'quarterly', stage: 'closed', participantCount: 1 });
    const cycle = (
      await t.app.inject(as(owner, { method: 'GET', url: url(`/review-cycles/${cycles[0].id}`) }))
    ).json().cycle;
    const statuses = cycle.participants.flatMap((p: { reviews: Array<{ kind: string; status: string }> }) =>
      p.reviews.map((r) => `${r.kind}:${r.status}`),
    );
    expect(statuses.filter((s: string) => s === 'self:submitted')).toHaveLength(6);
    expect(statuses).toContain('manager:pending');
    expect(cycle.myReviews.some((r: { status: string }) => r.status !== 'submitted')).toBe(true);
    // Every figure a manager rates on can be traced: evidence rows with links into the app.
    const participant = (
      await t.app.inject(
        as(owner, { method: 'GET', url: url(`/review-participants/${cycle.participants[0].id}`) }),
      )
    ).json().participant;
    const evidence = participant.scorecard.metrics.flatMap((m: { evidence: unknown[] }) => m.evidence);
    expect(evidence.length).toBeGreaterThan(3);
    // Calibration has something to talk about: one rating well above its data.
    const calibration = (
      await t.app.inject(as(owner, { method: 'GET', url: url(`/review-cycles/${cycles[0].id}/calibration`) }))
    ).json().calibration;
    expect(calibration.entries.some((e: { outlier: unknown }) => e.outlier !== null)).toBe(true);
    // The closed quarter's signed-off review rated 赵敏's paid channels below her role's target: the owner, her
    // manager, sees that gap on the skills page, sourced from the review.
    const matrix = (await t.app.inject(as(owner, { method: 'GET', url: url('/skills') }))).json();
    const fromReview = matrix.gaps.people.filter((gap: { review: unknown }) => gap.review !== null);
    expect(fromReview).toEqual([
      expect.objectContaining({
        name: 'Min Zhao',
        skill: 'Paid channels',
        level: 2,
        target: 3,
        review: expect.objectContaining({ cycleId: cycles[1].id, cycleName: cycles[1].name }),
      }),
    ]);
  });
});
