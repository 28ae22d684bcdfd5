import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import { as, createTestTeam } from '../testing/app.ts';
import { createProcess, useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['viewer']);

const H = 3_600_000;
// Midnight in China (UTC+8) of a day.
const chinaDay = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

/** A finished case written straight into the tables: [step, hours after the start it is entered, hours spent]. */
async function insertCase(
  process: { id: string; version: { id: string } },
  startedAt: number,
  visits: ReadonlyArray<[string, number, number]>,
) {
  const runId = newId();
  const finishedAt = Math.max(...visits.map(([, entered, spent]) => startedAt + (entered + spent) * H));
  await t.database.db
    .insertInto('process_runs')
    .values({
      id: runId,
      workspace_id: t.workspaceId,
      process_id: process.id,
      version_id: process.version.id,
      subject: `case ${runId}`,
      status: 'completed',
      current_step_key: null,
      hold_reason: null,
      started_by: t.owner.id,
      started_at: startedAt,
      finished_at: finishedAt,
      updated_at: finishedAt,
    })
    .execute();
  await t.database.db
    .insertInto('process_run_steps')
    .values(
      visits.map(([stepKey, entered, spent]) => ({
        id: newId(),
        workspace_id: t.workspaceId,
        run_id: runId,
        step_key: stepKey,
        assignee_id: null,
        entered_at: startedAt + entered * H,
        started_at: null,
        completed_at: startedAt + (entered + spent) * H,
        due_at: null,
        breached_at: null,
        outcome_key: 'done',
        checked_items: '[]',
        field_values: '{}',
      })),
    )
    .execute();
}

const STRAIGHT: Array<[string, number, number]> = [
  ['collect', 0, 1],
  ['analyse', 1, 2],
  ['solve', 3, 1],
  ['reply', 4, 1],
];
// Back to analysis once after a first solution: 3 h of rework in analyse, 2 h in solve.
const WITH_REWORK: Array<[string, number, number]> = [
  ['collect', 0, 1],
  ['analyse', 1, 2],
  ['solve', 3, 1],
  ['analyse', 4, 3],
  ['solve', 7, 2],
  ['reply', 9, 1],
];

describe('process analytics: variants, rework and a time window', () => {
  it('lists variants and rework, and narrows to the cases started in the window', async () => {
    const process = await createProcess(t, t.owner, { locale: 'en' });
    await insertCase(process, chinaDay('2026-09-10') + 10 * H, STRAIGHT);
    await insertCase(process, chinaDay('2026-10-05') + 10 * H, STRAIGHT);
    await insertCase(process, chinaDay('2026-10-20') + 10 * H, WITH_REWORK);
    // Started in the last hour of 31 October in China (still October), and the first of November.
    await insertCase(process, chinaDay('2026-11-01') - H, WITH_REWORK);
    await insertCase(process, chinaDay('2026-11-01'), STRAIGHT);

    const get = (query: string) =>
      t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/processes/${process.id}/analytics${query}`) }));
    const all = (await get('')).json();
    expect(all.window).toEqual({ from: null, to: null });
    expect(all.runs.completed).toBe(5);
    expect(all.variants).toEqual({
      completedRuns: 5,
      distinct: 2,
      top: [
        { steps: ['collect', 'analyse', 'solve', 'reply'], count: 3, share: 0.6, medianLeadTimeMs: 5 * H },
        {
          steps: ['collect', 'analyse', 'solve', 'analyse', 'solve', 'reply'],
          count: 2,
          share: 0.4,
          medianLeadTimeMs: 10 * H,
        },
      ],
    });
    expect(all.rework).toEqual({
      cases: 2,
      visits: 4,
      reworkMs: 10 * H,
      steps: [
        { stepKey: 'analyse', visits: 2, cases: 2, reworkMs: 6 * H },
        { stepKey: 'solve', visits: 2, cases: 2, reworkMs: 4 * H },
      ],
    });

    const october = (await get('?from=2026-10-01&to=2026-10-31')).json();
    expect(october.window).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(october.runs).toMatchObject({ total: 3, completed: 3 });
    expect(october.variants.top.map((variant: { count: number }) => variant.count)).toEqual([2, 1]);
    expect(october.rework).toMatchObject({ cases: 2, visits: 4 });
    // The window's figures are its own: analyse takes 2 of 5 h in the straight case and 5 of 10 h in each loop.
    const analyse = october.steps.find((step: { stepKey: string }) => step.stepKey === 'analyse');
    expect(analyse.leadTimeShare).toBeCloseTo((2 + 5 + 5) / (5 + 10 + 10), 12);

    const fromNovember = (await get('?from=2026-11-01')).json();
    expect(fromNovember.runs.total).toBe(1);
    expect(fromNovember.rework.visits).toBe(0);
    const untilSeptember = (await get('?to=2026-09-30')).json();
    expect(untilSeptember.runs.total).toBe(1);
  });

  it('refuses a window that ends before it starts, or a day that is not one, naming the field', async () => {
    const process = await createProcess(t, t.owner, { locale: 'en' });
    const reversed = await t.app.inject(
      as(t.viewer, {
        method: 'GET',
        url: t.url(`/processes/${process.id}/analytics?from=2026-10-31&to=2026-10-01`),
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields).toEqual([{ path: 'to', message: '不能早于开始日期。' }]);
    const notADay = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url(`/processes/${process.id}/analytics?from=last-week`) }),
    );
    expect(notADay.statusCode).toBe(400);
    expect(notADay.json().error.fields).toEqual([{ path: 'from', message: 'Use a date like 2026-11-30.' }]);
  });

  it('answers 401 without a session and 404 for another workspace’s process', async () => {
    const process = await createProcess(t, t.owner, { locale: 'en' });
    const anonymous = await t.app.inject({ method: 'GET', url: t.url(`/processes/${process.id}/analytics`) });
    expect(anonymous.statusCode).toBe(401);
    const other = await createTestTeam(t.app, []);
    const stranger = await t.app.inject(
      as(other.owner, { method: 'GET', url: t.url(`/processes/${process.id}/analytics?from=2026-01-01`) }),
    );
    expect(stranger.statusCode).toBe(404);
    const wrongWorkspace = await t.app.inject(
      as(other.owner, {
        method: 'GET',
        url: `/api/v1/w/${other.workspaceId}/processes/${process.id}/analytics`,
      }),
    );
    expect(wrongWorkspace.statusCode).toBe(404);
  });
});
