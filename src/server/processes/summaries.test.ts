import { describe, expect, it } from 'vitest';
import { analyseProcessRuns } from '../../core/processes/analytics.ts';
import { mulberry32 } from '../../core/processes/eventlog.testing.ts';
import { finishAnalytics } from '../../core/processes/summary.ts';
import { analysePaths } from '../../core/processes/variants.ts';
import { newId } from '../../db/ids.ts';
import { as } from '../testing/app.ts';
import { createProcess, useTestTeam } from '../testing/factories.ts';
import { selectRunsForAnalytics } from './queries.ts';
import { foldFinishedRuns, readAnalyticsParts, toRecords, type StartedWindow } from './summaries.ts';

const t = useTestTeam([]);

const H = 3_600_000;
const DAY = 24 * H;
const STEPS = ['collect', 'analyse', 'solve', 'reply'];

type Status = 'active' | 'on_hold' | 'completed' | 'cancelled';

/** Random cases straight into the tables: loops, open visits, held and cancelled cases, several per day. */
async function insertRandomCases(processId: string, versionId: string, seed: number, count: number) {
  const random = mulberry32(seed);
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const start = t.clock.now - 40 * DAY;
  const runs = [];
  const visits = [];
  for (let index = 0; index < count; index += 1) {
    const id = newId();
    const startedAt = start + int(0, 35 * 24) * H + int(0, 59) * 60_000;
    const status = (['completed', 'completed', 'completed', 'active', 'on_hold', 'cancelled'] as const)[
      int(0, 5)
    ] as Status;
    let clock = startedAt;
    const visitCount = int(1, 6);
    for (let visit = 0; visit < visitCount; visit += 1) {
      // Entered strictly after the visit before, so the path of a case does not hang on the read order.
      const enteredAt = clock + int(1, 20) * 60_000 + int(0, 10) * H;
      const open = visit === visitCount - 1 && status !== 'completed' && random() < 0.7;
      const startedVisit = random() < 0.2 ? null : enteredAt + int(0, 12) * H;
      const completedAt = open ? null : (startedVisit ?? enteredAt) + int(0, 8) * H + int(0, 59) * 60_000;
      visits.push({
        id: newId(),
        workspace_id: t.workspaceId,
        run_id: id,
        step_key: STEPS[int(0, STEPS.length - 1)] ?? 'collect',
        assignee_id: null,
        entered_at: enteredAt,
        started_at: startedVisit,
        completed_at: completedAt,
        due_at: random() < 0.3 ? null : enteredAt + int(1, 24) * H,
        breached_at: null,
        outcome_key: null,
        checked_items: '[]',
        field_values: '{}',
      });
      clock = completedAt ?? enteredAt;
    }
    const finishedAt = status === 'completed' || status === 'cancelled' ? clock + int(0, 3) * H : null;
    runs.push({
      id,
      workspace_id: t.workspaceId,
      process_id: processId,
      version_id: versionId,
      subject: `case ${index}`,
      status,
      current_step_key: null,
      hold_reason: null,
      started_by: t.owner.id,
      started_at: startedAt,
      finished_at: finishedAt,
      updated_at: finishedAt ?? startedAt,
    });
  }
  for (let offset = 0; offset < runs.length; offset += 200) {
    await t.database.db
      .insertInto('process_runs')
      .values(runs.slice(offset, offset + 200))
      .execute();
  }
  for (let offset = 0; offset < visits.length; offset += 200) {
    await t.database.db
      .insertInto('process_run_steps')
      .values(visits.slice(offset, offset + 200))
      .execute();
  }
  return runs;
}

const options = () => ({ now: t.clock.now, utcOffsetMinutes: 480, stepOrder: STEPS });

/** The full recomputation: every case and visit read, analysed at once. */
async function recompute(processId: string, versionId: string | undefined, window: StartedWindow) {
  const { runs, events } = toRecords(
    await selectRunsForAnalytics(t.database.db, processId, versionId, window),
  );
  return {
    analytics: analyseProcessRuns(runs, events, options()),
    paths: analysePaths(runs, events, { variantLimit: 20 }),
  };
}

async function fromSummaries(processId: string, versionId: string | undefined, window: StartedWindow) {
  const parts = await readAnalyticsParts(
    t.database.db,
    t.database.dialect,
    t.workspaceId,
    processId,
    versionId,
    window,
    t.clock.now,
  );
  return finishAnalytics(parts, options(), { variantLimit: 20 });
}

describe('analytics from stored summaries', () => {
  it('equals a full recomputation over random cases, whole or in windows, as cases finish and arrive', async () => {
    const process = await createProcess(t, t.owner, { locale: 'en' });
    const runs = await insertRandomCases(process.id, process.version.id, 11, 400);
    const now = t.clock.now;
    const windows: StartedWindow[] = [
      {},
      // Local midnights (UTC+8): each cuts a UTC day.
      { startedFrom: now - 30 * DAY - 8 * H },
      { startedFrom: now - 30 * DAY - 8 * H, startedBefore: now - 10 * DAY - 8 * H },
      { startedBefore: now - 20 * DAY + 5 * H },
      // Inside one UTC day, and exactly on UTC days.
      { startedFrom: now - 25 * DAY + H, startedBefore: now - 25 * DAY + 9 * H },
      { startedFrom: Math.floor((now - 20 * DAY) / DAY) * DAY, startedBefore: Math.floor(now / DAY) * DAY },
    ];
    const check = async () => {
      for (const window of windows) {
        for (const versionId of [undefined, process.version.id]) {
          expect(await fromSummaries(process.id, versionId, window)).toEqual(
            await recompute(process.id, versionId, window),
          );
        }
      }
    };
    await check();
    const stored = await t.database.db.selectFrom('process_summaries').selectAll().execute();
    expect(stored.length).toBeGreaterThan(20);
    const closed = runs.filter((run) => run.status === 'completed' || run.status === 'cancelled');
    expect(stored.reduce((sum, row) => sum + row.runs, 0)).toBe(closed.length);

    // Open cases finish and new finished cases arrive on days already folded: both are folded in on the next read.
    const open = runs.filter((run) => run.status === 'active' || run.status === 'on_hold').slice(0, 30);
    for (const run of open) {
      await t.database.db
        .updateTable('process_run_steps')
        .set({ completed_at: t.clock.now })
        .where('run_id', '=', run.id)
        .where('completed_at', 'is', null)
        .execute();
      await t.database.db
        .updateTable('process_runs')
        .set({ status: 'completed', finished_at: t.clock.now })
        .where('id', '=', run.id)
        .execute();
    }
    await insertRandomCases(process.id, process.version.id, 12, 150);
    t.clock.advance(3 * H);
    await check();
    const unfolded = await t.database.db
      .selectFrom('process_runs')
      .select('id')
      .where('summarised', '=', 0)
      .where('status', 'in', ['completed', 'cancelled'])
      .execute();
    expect(unfolded).toEqual([]);
  });

  it('folds each finished case once when folds run at the same time', async () => {
    const process = await createProcess(t, t.owner, { locale: 'en' });
    await insertRandomCases(process.id, process.version.id, 21, 300);
    const counts = await Promise.all(
      Array.from({ length: 4 }, () =>
        foldFinishedRuns(t.database.db, t.database.dialect, t.workspaceId, process.id, t.clock.now),
      ),
    );
    const closed = await t.database.db
      .selectFrom('process_runs')
      .select('id')
      .where('status', 'in', ['completed', 'cancelled'])
      .execute();
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(closed.length);
    const stored = await t.database.db.selectFrom('process_summaries').select('runs').execute();
    expect(stored.reduce((sum, row) => sum + row.runs, 0)).toBe(closed.length);
    expect(await fromSummaries(process.id, undefined, {})).toEqual(
      await recompute(process.id, undefined, {}),
    );
  });

  it('folds a backlog in the minute job, so the first request finds nothing left to fold', async () => {
    const process = await createProcess(t, t.owner, { locale: 'en' });
    await insertRandomCases(process.id, process.version.id, 41, 200);
    const unfolded = () =>
      t.database.db
        .selectFrom('process_runs')
        .select('id')
        .where('summarised', '=', 0)
        .where('status', 'in', ['completed', 'cancelled'])
        .execute();
    expect((await unfolded()).length).toBeGreaterThan(0);
    t.clock.advance(2 * 60_000);
    await t.app.services.scheduler.runDue();
    expect(await unfolded()).toEqual([]);
    expect(
      await foldFinishedRuns(t.database.db, t.database.dialect, t.workspaceId, process.id, t.clock.now),
    ).toBe(0);
    expect(await fromSummaries(process.id, undefined, {})).toEqual(
      await recompute(process.id, undefined, {}),
    );
  });

  it('answers the analytics page from summaries with the same figures', async () => {
    const process = await createProcess(t, t.owner, { locale: 'en' });
    await insertRandomCases(process.id, process.version.id, 31, 120);
    const response = await t.app.inject(
      as(t.owner, { method: 'GET', url: `/api/v1/w/${t.workspaceId}/processes/${process.id}/analytics` }),
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const expected = await recompute(process.id, undefined, {});
    expect(body.runs).toEqual(expected.analytics.runs);
    expect(body.leadTime).toEqual(expected.analytics.leadTime);
    expect(body.variants).toEqual(expected.paths.variants);
    expect(body.rework).toEqual(expected.paths.rework);
  });
});
