import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import { createProcess, useTestTeam } from '../testing/factories.ts';
import { as, createTestTeam } from '../testing/app.ts';

const t = useTestTeam(['admin', 'manager', 'member', 'viewer']);

const H = 3_600_000;

/** A finished case whose analyse step one person (or a name from a log) did: [entered, started, completed, due] hours. */
async function insertVisit(
  process: { id: string; version: { id: string } },
  who: { assignee_id: string | null; assignee_name: string | null },
  [entered, started, completed, due]: [number, number | null, number, number | null],
) {
  const runId = newId();
  const base = t.clock.now - 10 * 24 * H;
  await t.database.db
    .insertInto('process_runs')
    .values({
      id: runId,
      workspace_id: t.workspaceId,
      process_id: process.id,
      version_id: process.version.id,
      subject: 'case',
      status: 'completed',
      current_step_key: null,
      hold_reason: null,
      started_by: null,
      started_at: base,
      finished_at: base + (completed + 1) * H,
      updated_at: base,
    })
    .execute();
  await t.database.db
    .insertInto('process_run_steps')
    .values({
      id: newId(),
      workspace_id: t.workspaceId,
      run_id: runId,
      step_key: 'analyse',
      ...who,
      entered_at: base + entered * H,
      started_at: started === null ? null : base + started * H,
      completed_at: base + completed * H,
      due_at: due === null ? null : base + due * H,
      breached_at: null,
      outcome_key: null,
      checked_items: '[]',
      field_values: '{}',
    })
    .execute();
}

describe('per-person figures of a process step', () => {
  it('shows managers and up each person’s visits, median working time and breaches; members and viewers are refused', async () => {
    const process = await createProcess(t, t.owner, { locale: 'en' });
    const member = { assignee_id: t.member.id, assignee_name: null };
    await insertVisit(process, member, [0, 1, 3, 2]);
    await insertVisit(process, member, [0, 1, 5, 8]);
    await insertVisit(process, { assignee_id: null, assignee_name: '赵六' }, [0, null, 2, null]);
    const path = t.url(`/processes/${process.id}/steps/analyse/assignees`);
    for (const user of [t.owner, t.admin, t.manager]) {
      const response = await t.app.inject(as(user, { method: 'GET', url: path }));
      expect(response.statusCode).toBe(200);
      expect(response.json().assignees).toEqual([
        {
          assigneeId: t.member.id,
          name: expect.any(String),
          visits: 2,
          completed: 2,
          medianWorkingMs: 3 * H,
          withSla: 2,
          breached: 1,
          breachRate: 0.5,
        },
        {
          assigneeId: null,
          name: '赵六',
          visits: 1,
          completed: 1,
          medianWorkingMs: 0,
          withSla: 0,
          breached: 0,
          breachRate: null,
        },
      ]);
    }
    for (const user of [t.member, t.viewer]) {
      const response = await t.app.inject(
        as(user, { method: 'GET', url: path, headers: { 'accept-language': 'zh-CN' } }),
      );
      expect(response.statusCode).toBe(403);
    }
    // A window that holds none of the cases.
    const empty = await t.app.inject(as(t.manager, { method: 'GET', url: `${path}?to=2020-01-01` }));
    expect(empty.json()).toEqual({
      stepKey: 'analyse',
      window: { from: null, to: '2020-01-01' },
      assignees: [],
    });
  });

  it('refuses another workspace’s process and answers 401 without a session', async () => {
    const process = await createProcess(t, t.owner, { locale: 'en' });
    const other = await createTestTeam(t.app, []);
    const foreign = await t.app.inject(
      as(other.owner, {
        method: 'GET',
        url: t.url(`/processes/${process.id}/steps/analyse/assignees`, other.workspaceId),
      }),
    );
    expect(foreign.statusCode).toBe(404);
    const anonymous = await t.app.inject({
      method: 'GET',
      url: t.url(`/processes/${process.id}/steps/analyse/assignees`),
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
