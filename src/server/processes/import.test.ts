import { describe, expect, it } from 'vitest';
import { as, createTestTeam, type TestUser } from '../testing/app.ts';
import { createProcess, useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['manager', 'viewer']);

function upload(
  user: TestUser,
  processId: string,
  csv: string | Buffer,
  dryRun: boolean,
  workspace = t.workspaceId,
  createSteps = false,
) {
  return t.app.inject(
    as(user, {
      method: 'POST',
      url: `/api/v1/w/${workspace}/processes/${processId}/event-log?dryRun=${dryRun}${createSteps ? '&createSteps=true' : ''}`,
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    }),
  );
}

const HEADER = 'case_id,step,entered_at,started_at,completed_at,assignee,outcome';

/** Three finished cases where analysis (分析问题) waits longest, and one still open at 制定解决方案. */
function feedbackLog(assignee: string): string {
  const rows = [HEADER];
  for (const [index, day] of ['2026-10-05', '2026-10-06', '2026-10-07'].entries()) {
    const id = `FB-${index}`;
    rows.push(
      `${id},collect,${day} 09:00,${day} 09:10,${day} 09:30,${assignee},done`,
      `${id},分析问题,${day} 09:30,${day} 15:30,${day} 16:00,李雷,`,
      `${id},制定解决方案,${day} 16:00,${day} 16:30,${day} 17:00,,`,
      `${id},反馈用户,${day} 17:00,,${day} 17:30,,`,
    );
  }
  rows.push('FB-3,collect,2026-10-08 09:00,,2026-10-08 09:30,,', 'FB-3,分析问题,2026-10-08 09:30,,,,');
  return rows.join('\n');
}

async function importedRuns(processId: string) {
  return t.database.db
    .selectFrom('process_runs')
    .select(['external_id', 'source', 'status', 'current_step_key'])
    .where('process_id', '=', processId)
    .orderBy('external_id')
    .execute();
}

describe('event log import', () => {
  it('reports a dry run, imports all of it as marked cases that feed the analytics, and refuses it twice', async () => {
    const process = await createProcess(t, t.manager);
    const log = feedbackLog(t.manager.email);
    const dry = await upload(t.manager, process.id, log, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      rows: 14,
      cases: { total: 4, completed: 3, active: 1, cancelled: 0 },
      steps: [
        { name: 'collect', stepKey: 'collect' },
        { name: '分析问题', stepKey: 'analyse' },
        { name: '制定解决方案', stepKey: 'solve' },
        { name: '反馈用户', stepKey: 'reply' },
      ],
      missingSteps: [],
      assignees: { matched: 1, unmatched: ['李雷'] },
      issues: [],
      issueCount: 0,
      imported: false,
    });
    expect(await importedRuns(process.id)).toEqual([]);

    const done = await upload(t.manager, process.id, log, false);
    expect(done.statusCode).toBe(200);
    expect(done.json().imported).toBe(true);
    // The three finished cases are in the analytics summaries already; the active one is read raw.
    const summarised = await t.database.db
      .selectFrom('process_runs')
      .select(['external_id', 'summarised'])
      .where('process_id', '=', process.id)
      .orderBy('external_id')
      .execute();
    expect(summarised.map((run) => run.summarised)).toEqual([1, 1, 1, 0]);
    expect(await importedRuns(process.id)).toEqual([
      { external_id: 'FB-0', source: 'imported', status: 'completed', current_step_key: null },
      { external_id: 'FB-1', source: 'imported', status: 'completed', current_step_key: null },
      { external_id: 'FB-2', source: 'imported', status: 'completed', current_step_key: null },
      { external_id: 'FB-3', source: 'imported', status: 'active', current_step_key: 'analyse' },
    ]);
    const visits = await t.database.db
      .selectFrom('process_run_steps')
      .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
      .select(['process_run_steps.step_key', 'assignee_id', 'assignee_name', 'outcome_key'])
      .where('process_runs.external_id', '=', 'FB-0')
      .orderBy('process_run_steps.entered_at')
      .execute();
    expect(visits).toEqual([
      { step_key: 'collect', assignee_id: t.manager.id, assignee_name: null, outcome_key: 'done' },
      { step_key: 'analyse', assignee_id: null, assignee_name: '李雷', outcome_key: null },
      { step_key: 'solve', assignee_id: null, assignee_name: null, outcome_key: null },
      { step_key: 'reply', assignee_id: null, assignee_name: null, outcome_key: null },
    ]);

    const analytics = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/processes/${process.id}/analytics`) }))
    ).json();
    expect(analytics.runs).toMatchObject({ total: 4, completed: 3, active: 1 });
    expect(analytics.bottleneck.stepKey).toBe('analyse');
    // Analysis waits 6 h of the 8.5 h each finished case takes.
    const analyse = analytics.steps.find((step: { stepKey: string }) => step.stepKey === 'analyse');
    expect(analyse.waiting.medianMs).toBe(6 * 3_600_000);
    expect(analyse.queued).toBe(1);

    const again = await upload(t.manager, process.id, log, true);
    expect(again.json().issueCount).toBe(4);
    expect(again.json().issues[0]).toEqual({
      row: 2,
      column: 'case_id',
      message: 'Case FB-0 was imported into this process before.',
    });
    const twice = await upload(t.manager, process.id, log, false);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.code).toBe('import_invalid');
    expect(await importedRuns(process.id)).toHaveLength(4);
  });

  it('names bad rows by row and column and imports nothing, and lists steps the process lacks', async () => {
    const process = await createProcess(t, t.manager);
    const bad = `${HEADER}\nA,collect,2026-10-05 09:00,,2026-10-05 08:00,,\nA,分析问题,someday,,,,\n`;
    const dry = (await upload(t.owner, process.id, bad, true)).json();
    expect(dry.issues).toEqual([
      {
        row: 2,
        column: 'completed_at',
        message: 'Completed at 2026-10-05 08:00, before the step was entered at 2026-10-05 09:00.',
      },
      {
        row: 3,
        column: 'entered_at',
        message:
          '"someday" is not a date and time (use 2026-03-01T09:00:00+08:00, 2026-03-01 09:00 or a spreadsheet date).',
      },
    ]);
    const refused = await upload(t.owner, process.id, bad, false);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'import_invalid',
      message: '2 rows have problems; nothing was saved.',
    });

    const unknownStep = `${HEADER}\nB,collect,2026-10-05 09:00,,2026-10-05 10:00,,\nB,回访,2026-10-05 10:00,,2026-10-05 11:00,,\n`;
    expect((await upload(t.owner, process.id, unknownStep, true)).json().missingSteps).toEqual(['回访']);
    const missing = await upload(t.owner, process.id, unknownStep, false);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('event_log_unknown_steps');
    expect(missing.json().error.message).toContain('回访');
    expect(await importedRuns(process.id)).toEqual([]);
  });

  it('creates the steps the log names that the process lacks, with the import, when asked', async () => {
    const process = await createProcess(t, t.manager);
    // A native case ran on the current version, so the created steps make the next version.
    const started = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url(`/processes/${process.id}/runs`),
        payload: { subject: 'native' },
      }),
    );
    expect(started.statusCode).toBe(201);
    const before = await t.database.db
      .selectFrom('processes')
      .select('current_version_id')
      .where('id', '=', process.id)
      .executeTakeFirstOrThrow();
    const log = `${HEADER}\nB,collect,2026-10-05 09:00,,2026-10-05 10:00,,\nB,回访,2026-10-05 10:00,,2026-10-05 11:00,,\nB,分析问题,2026-10-05 11:00,,2026-10-05 12:00,,\nB,归档,2026-10-05 12:00,,2026-10-05 12:30,,\n`;
    const dry = (await upload(t.owner, process.id, log, true)).json();
    expect(dry).toMatchObject({ missingSteps: ['回访', '归档'], canCreateSteps: true });
    const done = await upload(t.owner, process.id, log, false, t.workspaceId, true);
    expect(done.statusCode).toBe(200);
    const detail = (
      await t.app.inject(as(t.owner, { method: 'GET', url: t.url(`/processes/${process.id}`) }))
    ).json();
    expect(detail.version.id).not.toBe(before.current_version_id);
    const steps = detail.version.steps as Array<{
      key: string;
      name: string;
      outcomes: Array<{ next: string }>;
    }>;
    const revisit = steps.find((step) => step.name === '回访');
    const archive = steps.find((step) => step.name === '归档');
    // Placed where the log shows them: after collect, and after analysis.
    expect(steps.find((step) => step.key === 'collect')?.outcomes.map((o) => o.next)).toEqual([revisit?.key]);
    expect(revisit?.outcomes.map((o) => o.next)).toEqual(['analyse']);
    expect(archive).toBeDefined();
    const visits = await t.database.db
      .selectFrom('process_run_steps')
      .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
      .select(['process_run_steps.step_key', 'process_runs.version_id'])
      .where('process_runs.external_id', '=', 'B')
      .orderBy('process_run_steps.entered_at')
      .execute();
    expect(visits.map((visit) => visit.step_key)).toEqual(['collect', revisit?.key, 'analyse', archive?.key]);
    expect(new Set(visits.map((visit) => visit.version_id))).toEqual(new Set([detail.version.id]));
  });

  it('reads a GBK file, spreadsheet serial dates and mixed offsets, and refuses a case whose visits overlap', async () => {
    const process = await createProcess(t, t.manager);
    // 李雷 in GBK bytes (C0 EE C0 D7); 46298.375 is 2026-10-03 09:00 in the workspace's zone.
    const gbk = Buffer.concat([
      Buffer.from(`${HEADER}\nG-1,collect,46298.375,,2026-10-03T10:00:00+08:00,`),
      Buffer.from([0xc0, 0xee, 0xc0, 0xd7]),
      Buffer.from(`,\nG-1,analyse,2026-10-03T03:00:00Z,,2026-10-03 12:00,,\n`),
    ]);
    const read = (await upload(t.owner, process.id, gbk, true)).json();
    expect(read.issues).toEqual([]);
    expect(read.assignees.unmatched).toEqual(['李雷']);
    expect(read.warnings.join(' ')).toContain('GBK');
    expect(read.cases).toMatchObject({ total: 1, completed: 1 });

    // The second visit starts at 09:30, before the first was completed at 10:00.
    const overlapping = `${HEADER}\nO-1,collect,2026-10-05 09:00,,2026-10-05 10:00,,\nO-1,analyse,2026-10-05 09:30,,2026-10-05 11:00,,\n`;
    const dry = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: `/api/v1/w/${t.workspaceId}/processes/${process.id}/event-log?dryRun=true`,
        payload: overlapping,
        headers: { 'content-type': 'text/csv', 'accept-language': 'zh-CN' },
      }),
    );
    expect(dry.json().issues).toEqual([
      {
        row: 3,
        column: 'entered_at',
        message: '案例 O-1 在第 2 行的步骤完成之前就进入了此步骤，一个案例同一时间只能处于一个步骤。',
      },
    ]);
    expect((await upload(t.owner, process.id, overlapping, false)).statusCode).toBe(400);
    expect(await importedRuns(process.id)).toEqual([]);
  });

  it('needs a session, a role that may change processes, and the process’s own workspace', async () => {
    const process = await createProcess(t, t.manager);
    const log = feedbackLog('nobody');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: t.url(`/processes/${process.id}/event-log`),
      payload: log,
      headers: { 'content-type': 'text/csv' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await upload(t.viewer, process.id, log, true)).statusCode).toBe(403);
    const other = await createTestTeam(t.app, []);
    expect((await upload(other.owner, process.id, log, true)).statusCode).toBe(404);
    expect((await upload(other.owner, process.id, log, true, other.workspaceId)).statusCode).toBe(404);
  });
});
