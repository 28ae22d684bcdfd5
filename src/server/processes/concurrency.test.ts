import { beforeEach, describe, expect, it } from 'vitest';
import { markRunStepBreached } from './queries.ts';
import { createProcess, useTestTeam } from '../testing/factories.ts';
import { as } from '../testing/app.ts';

// On PostgreSQL requests run on several connections at once: each transition must see the one before it.
const t = useTestTeam(['member']);
let processId: string;

const completeCollect = {
  stepKey: 'collect',
  outcomeKey: 'done',
  checkedItems: ['记录用户联系方式'],
  values: { channel: '社群', summary: '签到页打不开' },
};

beforeEach(async () => {
  processId = (await createProcess(t, t.owner)).id;
});

async function startRuns(count: number) {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/processes/${processId}/runs`),
        payload: { subject: `反馈 #${index}` },
      }),
    );
    if (started.statusCode !== 201) throw new Error(started.body);
    ids.push(started.json<{ id: string }>().id);
  }
  return ids;
}

function completeAll(runIds: readonly string[]) {
  return Promise.all(
    runIds.map((runId) =>
      t.app.inject(
        as(t.member, {
          method: 'POST',
          url: t.url(`/runs/${runId}/complete-step`),
          payload: completeCollect,
        }),
      ),
    ),
  );
}

async function countRows(table: 'process_run_events' | 'process_run_steps', runIds: readonly string[]) {
  const rows = await t.database.db
    .selectFrom(table)
    .select(['run_id', 'step_key'])
    .where('run_id', 'in', runIds)
    .$if(table === 'process_run_events', (query) => query.where('type', '=', 'step_completed'))
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.run_id}:${row.step_key ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('process transitions under concurrency', () => {
  it('lets exactly one of 20 simultaneous completions of the same step through', async () => {
    const [runId = ''] = await startRuns(1);
    const responses = await completeAll(Array.from({ length: 20 }, () => runId));

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, ...Array.from({ length: 19 }, () => 409)]);
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.json().error).toMatchObject({
        code: 'step_not_current',
        message: 'Step "收集反馈" is not the current step of this case.',
      });
    }
    const completed = await countRows('process_run_events', [runId]);
    expect(Object.fromEntries(completed)).toEqual({ [`${runId}:collect`]: 1 });
    const visits = await countRows('process_run_steps', [runId]);
    expect(Object.fromEntries(visits)).toEqual({ [`${runId}:collect`]: 1, [`${runId}:analyse`]: 1 });
    const run = (await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/runs/${runId}`) }))).json();
    expect(run.currentStep.key).toBe('analyse');
  });

  it('moves each of 30 cases completed at once exactly one step', async () => {
    const runIds = await startRuns(30);
    const responses = await completeAll(runIds);

    expect(responses.map((response) => response.statusCode)).toEqual(runIds.map(() => 200));
    const completed = await countRows('process_run_events', runIds);
    expect([...completed.values()]).toEqual(runIds.map(() => 1));
    expect([...completed.keys()].sort()).toEqual(runIds.map((runId) => `${runId}:collect`).sort());
    const visits = await countRows('process_run_steps', runIds);
    expect(visits.size).toBe(60);
    expect([...visits.values()].every((count) => count === 1)).toBe(true);
    const current = await t.database.db
      .selectFrom('process_runs')
      .select('current_step_key')
      .where('id', 'in', runIds)
      .execute();
    expect(current.map((row) => row.current_step_key)).toEqual(runIds.map(() => 'analyse'));
  });

  it('keeps one hold and one step start when each is asked for several times at once', async () => {
    const [runId = ''] = await startRuns(1);
    const act = (path: string, payload: Record<string, unknown>) =>
      t.app.inject(as(t.member, { method: 'POST', url: t.url(`/runs/${runId}/${path}`), payload }));

    const starts = await Promise.all(
      Array.from({ length: 10 }, () => act('start-step', { stepKey: 'collect' })),
    );
    expect(starts.map((response) => response.statusCode)).toEqual(starts.map(() => 200));
    const holds = await Promise.all(
      Array.from({ length: 10 }, () => act('state', { action: 'hold', reason: '等待用户补充截图' })),
    );
    expect(holds.map((response) => response.statusCode).sort()).toEqual([
      200,
      ...Array.from({ length: 9 }, () => 409),
    ]);
    const history = (await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/runs/${runId}`) }))).json()
      .history as Array<{ type: string }>;
    expect(history.map((event) => event.type)).toEqual(['started', 'step_started', 'held']);
  });

  it('marks a step breached once, and never one completed since the SLA job looked', async () => {
    const [runId = ''] = await startRuns(1);
    const visit = async (stepKey: string) =>
      t.database.db
        .selectFrom('process_run_steps')
        .select('id')
        .where('run_id', '=', runId)
        .where('step_key', '=', stepKey)
        .executeTakeFirstOrThrow();
    const collect = await visit('collect');
    expect((await completeAll([runId]))[0]?.statusCode).toBe(200);
    expect(await markRunStepBreached(t.database.db, collect.id, t.clock.now)).toBe(false);
    const analyse = await visit('analyse');
    const marks = await Promise.all(
      Array.from({ length: 5 }, () => markRunStepBreached(t.database.db, analyse.id, t.clock.now)),
    );
    expect(marks.filter(Boolean)).toHaveLength(1);
  });
});
