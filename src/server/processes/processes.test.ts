import { beforeEach, describe, expect, it } from 'vitest';
import { as, createTestTeam, signUpUser, type TestUser } from '../testing/app.ts';
import { createProcess, setMemberTitle, useTestTeam } from '../testing/factories.ts';
import { beginRun } from './service.ts';

// Twenty cases take weeks of simulated time: sessions must outlive them.
const t = useTestTeam(['manager', 'member', 'viewer'], {
  config: { sessionIdleDays: 365, sessionMaxDays: 365 },
}); // Thursday 2026-11-26 17:00 in China

const HOUR = 3_600_000;

beforeEach(async () => {
  // Titles decide who a role-owned step goes to.
  await setMemberTitle(t, t.owner, t.member, '客服专员');
  await setMemberTitle(t, t.owner, t.manager, '数据分析师');
});

async function act(user: TestUser, runId: string, path: string, payload: Record<string, unknown>) {
  return t.app.inject(as(user, { method: 'POST', url: t.url(`/runs/${runId}/${path}`), payload }));
}

const collectValues = {
  checkedItems: ['记录用户联系方式'],
  values: { channel: '社群', summary: '签到页打不开' },
};

async function runToEnd(runId: string, waitHours: Record<string, number>) {
  const steps: Array<[string, Record<string, unknown>]> = [
    ['collect', collectValues],
    ['analyse', { checkedItems: ['确认影响范围'], values: {} }],
    ['solve', { checkedItems: [], values: { solution: '修复缓存配置' } }],
    ['reply', { checkedItems: ['告知处理结果并致谢'], values: {} }],
  ];
  for (const [stepKey, input] of steps) {
    t.clock.advance((waitHours[stepKey] ?? 1) * HOUR);
    await act(t.member, runId, 'start-step', { stepKey });
    t.clock.advance(HOUR / 2);
    const done = await act(t.member, runId, 'complete-step', { stepKey, outcomeKey: 'done', ...input });
    if (done.statusCode !== 200) throw new Error(done.body);
  }
}

describe('processes', () => {
  it('builds the feedback flow from its template, in Chinese, as version 1', async () => {
    const process = await createProcess(t, t.manager);
    expect(process.version.steps.map((step) => step.name)).toEqual([
      '收集反馈',
      '分析问题',
      '制定解决方案',
      '反馈用户',
      '结束',
    ]);
    const templates = (
      await t.app.inject(
        as(t.viewer, {
          method: 'GET',
          url: t.url('/process-templates'),
          headers: { 'accept-language': 'en' },
        }),
      )
    ).json();
    expect(templates.items.map((template: { key: string }) => template.key)).toEqual([
      'feedback',
      'order',
      'campaign',
      'content',
    ]);
  });

  it('refuses a graph with unreachable steps or no end, naming them', async () => {
    const step = (key: string, kind: string, next?: string) => ({
      key,
      name: key,
      kind,
      owner: { type: 'role', role: '客服' },
      slaHours: 4,
      checklist: [],
      fields: [],
      outcomes: next ? [{ key: 'done', label: 'Done', next }] : [],
    });
    const response = await t.app.inject(
      as(t.manager, {
        method: 'POST',
        url: t.url('/processes'),
        payload: {
          name: 'Broken',
          steps: [step('a', 'start', 'b'), step('b', 'task'), step('orphan', 'task', 'b')],
        },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('process_invalid');
    const messages = response
      .json()
      .error.fields.map((field: { message: string }) => field.message)
      .join(' ');
    expect(messages).toContain('orphan');
    expect(await t.database.db.selectFrom('processes').selectAll().execute()).toHaveLength(0);
  });

  it('gives steps only to members of the workspace, when created and when versioned', async () => {
    const outsider = await signUpUser(t.app);
    const withOwner = (steps: Array<Record<string, unknown>>, key: string, userId: string) =>
      steps.map((step) => (step.key === key ? { ...step, owner: { type: 'person', userId } } : step));
    const process = await createProcess(t, t.manager);
    const steps = process.version.steps as unknown as Array<Record<string, unknown>>;
    const analyseIndex = steps.findIndex((step) => step.key === 'analyse');

    const created = await t.app.inject(
      as(t.manager, {
        method: 'POST',
        url: t.url('/processes'),
        payload: { name: '外包流程', steps: withOwner(steps, 'analyse', outsider.id) },
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(created.statusCode).toBe(400);
    expect(created.json().error).toMatchObject({
      code: 'step_owner_not_member',
      fields: [{ path: `steps.${analyseIndex}.owner.userId`, message: '步骤只能指定给本工作区的成员。' }],
    });
    expect(await t.database.db.selectFrom('processes').selectAll().execute()).toHaveLength(1);

    const versioned = await t.app.inject(
      as(t.manager, {
        method: 'PUT',
        url: t.url(`/processes/${process.id}/steps`),
        payload: { steps: withOwner(steps, 'analyse', outsider.id) },
      }),
    );
    expect(versioned.statusCode).toBe(400);
    expect(versioned.json().error.fields).toEqual([
      {
        path: `steps.${analyseIndex}.owner.userId`,
        message: 'A step can only be given to a member of this workspace.',
      },
    ]);
    // A member is fine.
    const toMember = await t.app.inject(
      as(t.manager, {
        method: 'PUT',
        url: t.url(`/processes/${process.id}/steps`),
        payload: { steps: withOwner(steps, 'analyse', t.member.id) },
      }),
    );
    expect(toMember.statusCode).toBe(200);
  });

  it('runs 20 cases, enforces checklists and fields, names the bottleneck, then compares version 2', async () => {
    const process = await createProcess(t, t.manager);
    const start = async (subject: string) => {
      const started = await t.app.inject(
        as(t.member, { method: 'POST', url: t.url(`/processes/${process.id}/runs`), payload: { subject } }),
      );
      expect(started.statusCode).toBe(201);
      return started.json().id as string;
    };
    const firstId = await start('反馈 #0');
    const first = (
      await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/runs/${firstId}`) }))
    ).json();
    expect(first.currentStep).toMatchObject({ key: 'collect', assignee: { id: t.member.id } });
    // 17:00 Thursday + 4 working hours = 12:00 Friday in China = 04:00 UTC.
    expect(first.currentStep.dueAt).toBe(Date.UTC(2026, 10, 27, 4, 0, 0));
    expect(
      (await t.app.inject(as(t.member, { method: 'GET', url: t.url('/my-queue') }))).json().items,
    ).toHaveLength(1);

    const missing = await act(t.member, firstId, 'complete-step', {
      stepKey: 'collect',
      outcomeKey: 'done',
      checkedItems: [],
      values: { channel: '微博' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('step_incomplete');
    expect(
      missing
        .json()
        .error.fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(['checkedItems', 'values.channel', 'values.summary']);
    const notCurrent = await act(t.member, firstId, 'complete-step', {
      stepKey: 'reply',
      outcomeKey: 'done',
    });
    expect(notCurrent.statusCode).toBe(409);
    expect(notCurrent.json().error.code).toBe('step_not_current');

    // Analysis waits long in every case: it is the bottleneck.
    await runToEnd(firstId, { collect: 1, analyse: 20, solve: 2, reply: 1 });
    for (let index = 1; index < 20; index += 1) {
      await runToEnd(await start(`反馈 #${index}`), { collect: 1, analyse: 20, solve: 2, reply: 1 });
    }
    const finished = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/runs/${firstId}`) }))
    ).json();
    expect(finished.status).toBe('completed');
    expect(finished.history.map((event: { type: string }) => event.type)).toEqual([
      'started',
      'step_started',
      'step_completed',
      'step_started',
      'step_completed',
      'step_started',
      'step_completed',
      'step_started',
      'step_completed',
      'completed',
    ]);
    const analytics = (
      await t.app.inject(
        as(t.viewer, {
          method: 'GET',
          url: t.url(`/processes/${process.id}/analytics`),
          headers: { 'accept-language': 'zh-CN' },
        }),
      )
    ).json();
    expect(analytics.runs).toMatchObject({ total: 20, completed: 20 });
    expect(analytics.bottleneck.stepKey).toBe('analyse');
    expect(analytics.steps.map((step: { stepKey: string }) => step.stepKey)).toEqual([
      'collect',
      'analyse',
      'solve',
      'reply',
    ]);
    expect(analytics.bottleneckMessage).toContain('分析问题');
    const analyse = analytics.steps.find((step: { stepKey: string }) => step.stepKey === 'analyse');
    expect(analyse.breachRate).toBeGreaterThan(0);
    expect(analytics.runs.completed).toBe(20);

    // Editing a process with cases makes version 2; old cases stay on version 1.
    const steps = process.version.steps.map((step) =>
      step.key === 'analyse' ? { ...step, slaHours: 24 } : step,
    );
    const edited = await t.app.inject(
      as(t.manager, { method: 'PUT', url: t.url(`/processes/${process.id}/steps`), payload: { steps } }),
    );
    expect(edited.json().versions.map((version: { number: number }) => version.number)).toEqual([1, 2]);
    const v2 = edited.json().version.id as string;
    const newRun = (
      await t.app.inject(
        as(t.member, {
          method: 'POST',
          url: t.url(`/processes/${process.id}/runs`),
          payload: { subject: '新反馈' },
        }),
      )
    ).json();
    expect(newRun.version.number).toBe(2);
    await runToEnd(newRun.id, { collect: 1, analyse: 2, solve: 2, reply: 1 });
    const compared = (
      await t.app.inject(
        as(t.viewer, {
          method: 'GET',
          url: t.url(`/processes/${process.id}/compare?from=${process.version.id}&to=${v2}`),
        }),
      )
    ).json();
    expect(compared.diff.changed.map((change: { key: string }) => change.key)).toEqual(['analyse']);
    expect(compared.comparison.leadTime.medianChangeMs).toBeLessThan(0);
    expect(compared.afterSteps.map((step: { key: string }) => step.key)).toEqual(
      steps.map((step) => step.key),
    );
    expect(compared.afterSteps.find((step: { key: string }) => step.key === 'analyse').slaHours).toBe(24);

    // Analytics of one version: its cases only, drawn on its own steps.
    const ofVersion = async (versionId: string) =>
      t.app.inject(
        as(t.viewer, {
          method: 'GET',
          url: t.url(`/processes/${process.id}/analytics?versionId=${versionId}`),
        }),
      );
    const firstVersion = (await ofVersion(process.version.id)).json();
    expect(firstVersion.runs.total).toBe(20);
    expect(firstVersion.flow.find((step: { key: string }) => step.key === 'analyse').slaHours).not.toBe(24);
    const secondVersion = (await ofVersion(v2)).json();
    expect(secondVersion.runs.total).toBe(1);
    expect(secondVersion.flow.find((step: { key: string }) => step.key === 'analyse').slaHours).toBe(24);
    expect((await ofVersion('no-such-version')).statusCode).toBe(404);
  });

  it('marks SLA breaches once from the job, and announces them', async () => {
    const process = await createProcess(t, t.manager);
    await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/processes/${process.id}/runs`),
        payload: { subject: '慢反馈' },
      }),
    );
    t.clock.advance(30 * HOUR);
    await t.database.db
      .updateTable('jobs')
      .set({ run_at: t.clock.now })
      .where('name', '=', 'processes.sla')
      .execute();
    await t.app.services.scheduler.runDue();
    await t.database.db
      .updateTable('jobs')
      .set({ run_at: t.clock.now })
      .where('name', '=', 'processes.sla')
      .execute();
    await t.app.services.scheduler.runDue();
    const events = await t.database.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'process.step_overdue')
      .execute();
    expect(events).toHaveLength(1);
    const queue = (await t.app.inject(as(t.member, { method: 'GET', url: t.url('/my-queue') }))).json();
    expect(queue.items[0].isOverdue).toBe(true);
  });

  it('holds, resumes, reassigns and cancels, keeping the history', async () => {
    const process = await createProcess(t, t.manager);
    const run = (
      await t.app.inject(
        as(t.member, {
          method: 'POST',
          url: t.url(`/processes/${process.id}/runs`),
          payload: { subject: '订单问题' },
        }),
      )
    ).json();
    const noReason = await act(t.member, run.id, 'state', { action: 'hold' });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await act(t.member, run.id, 'state', { action: 'hold', reason: '等待用户补充截图' })).json().status,
    ).toBe('on_hold');
    const whileHeld = await act(t.member, run.id, 'complete-step', {
      stepKey: 'collect',
      outcomeKey: 'done',
      ...collectValues,
    });
    expect(whileHeld.json().error.code).toBe('run_not_active');
    expect((await act(t.member, run.id, 'state', { action: 'resume' })).json().status).toBe('active');
    const moved = await act(t.member, run.id, 'reassign', { userId: t.owner.id });
    expect(moved.json().currentStep.assignee.id).toBe(t.owner.id);
    const stranger = await signUpUser(t.app);
    expect((await act(t.member, run.id, 'reassign', { userId: stranger.id })).json().error.code).toBe(
      'assignee_not_member',
    );
    const cancelled = await act(t.member, run.id, 'state', { action: 'cancel', reason: '重复反馈' });
    expect(cancelled.json().status).toBe('cancelled');
    expect(cancelled.json().history.map((event: { type: string }) => event.type)).toEqual([
      'started',
      'held',
      'resumed',
      'reassigned',
      'cancelled',
    ]);
  });

  it('hands a skill-owned step round-robin to the members with the skill', async () => {
    for (const user of [t.owner, t.manager, t.member]) {
      const skills = user === t.owner ? [] : [{ skill: '用户访谈', level: 3 }];
      const saved = await t.app.inject(
        as(user, {
          method: 'PUT',
          url: t.url(`/people/${user.id}`),
          payload: { skills, unavailableDays: [] },
        }),
      );
      expect(saved.statusCode).toBe(200);
    }
    const created = await t.app.inject(
      as(t.manager, {
        method: 'POST',
        url: t.url('/processes'),
        payload: {
          name: '用户访谈',
          steps: [
            {
              key: 'talk',
              name: '访谈用户',
              description: '按提纲访谈 30 分钟',
              kind: 'start',
              owner: { type: 'skill', skill: '用户访谈' },
              slaHours: 8,
              checklist: [],
              fields: [],
              outcomes: [{ key: 'done', label: '完成', next: 'end' }],
            },
            {
              key: 'end',
              name: '结束',
              kind: 'end',
              owner: null,
              slaHours: null,
              checklist: [],
              fields: [],
              outcomes: [],
            },
          ],
        },
      }),
    );
    expect(created.statusCode).toBe(201);
    expect(created.json().version.steps[0].description).toBe('按提纲访谈 30 分钟');
    const assignees: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const run = await t.app.inject(
        as(t.owner, {
          method: 'POST',
          url: t.url(`/processes/${created.json().id}/runs`),
          payload: { subject: `访谈 ${index + 1}` },
        }),
      );
      assignees.push(run.json().currentStep.assignee.id);
      // Finished at once, so nobody is busier than anyone else: only taking turns spreads the work.
      const done = await act(t.owner, run.json().id, 'complete-step', {
        stepKey: 'talk',
        outcomeKey: 'done',
        checkedItems: [],
        values: {},
      });
      expect(done.json().status).toBe('completed');
    }
    // Both skilled members take turns; the owner, without the skill, gets none.
    expect(new Set(assignees.slice(0, 2))).toEqual(new Set([t.manager.id, t.member.id]));
    expect(assignees.slice(2)).toEqual(assignees.slice(0, 2));
  });

  it("shows the team's open steps with a count per person, overdue first", async () => {
    const process = await createProcess(t, t.manager);
    for (const subject of ['反馈 A', '反馈 B']) {
      await t.app.inject(
        as(t.member, { method: 'POST', url: t.url(`/processes/${process.id}/runs`), payload: { subject } }),
      );
    }
    t.clock.advance(30 * HOUR); // past the 4-hour SLA of 收集反馈
    const fresh = await t.app.inject(
      as(t.manager, {
        method: 'POST',
        url: t.url(`/processes/${process.id}/runs`),
        payload: { subject: '反馈 C' },
      }),
    );
    await act(t.manager, fresh.json().id, 'reassign', { userId: t.owner.id });

    const team = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/open-steps') }))).json();
    expect(team.items.map((item: { subject: string }) => item.subject)).toEqual([
      '反馈 A',
      '反馈 B',
      '反馈 C',
    ]);
    expect(team.items[0]).toMatchObject({
      stepName: '收集反馈',
      isOverdue: true,
      assignee: { id: t.member.id },
    });
    expect(team.people).toEqual([
      { assignee: { id: t.member.id, name: t.member.name }, open: 2, overdue: 2 },
      { assignee: { id: t.owner.id, name: t.owner.name }, open: 1, overdue: 0 },
    ]);
    const onlyOwner = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/open-steps?assigneeId=${t.owner.id}`) }))
    ).json();
    expect(onlyOwner.items.map((item: { subject: string }) => item.subject)).toEqual(['反馈 C']);
    const mine = (await t.app.inject(as(t.member, { method: 'GET', url: t.url('/my-queue') }))).json();
    expect(mine.items).toHaveLength(2);
  });

  it('lets another module start a case inside its own transaction, rolled back with it', async () => {
    const process = await createProcess(t, t.manager);
    const services = t.app.services;
    const start = (subject: string) =>
      services.db.transaction().execute((trx) =>
        beginRun(services, trx, {
          workspaceId: t.workspaceId,
          processId: process.id,
          subject,
          startedBy: null,
        }),
      );
    const runId = await start('门户反馈：无法登录');
    const run = (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/runs/${runId}`) }))).json();
    expect(run.currentStep).toMatchObject({ key: 'collect', assignee: { id: t.member.id } });
    expect(run.history).toMatchObject([{ type: 'started', actor: null }]);

    const failing = services.db.transaction().execute(async (trx) => {
      await beginRun(services, trx, {
        workspaceId: t.workspaceId,
        processId: process.id,
        subject: '不会留下',
        startedBy: null,
      });
      throw new Error('the ticket could not be saved');
    });
    await expect(failing).rejects.toThrow('the ticket could not be saved');
    const subjects = await t.database.db.selectFrom('process_runs').select('subject').execute();
    expect(subjects).toEqual([{ subject: '门户反馈：无法登录' }]);
  });

  it('hands a held case to someone else, but not a finished one', async () => {
    const process = await createProcess(t, t.manager);
    const run = (
      await t.app.inject(
        as(t.member, {
          method: 'POST',
          url: t.url(`/processes/${process.id}/runs`),
          payload: { subject: '请假交接' },
        }),
      )
    ).json();
    await act(t.member, run.id, 'state', { action: 'hold', reason: '等待用户回复' });
    const handedOver = await act(t.manager, run.id, 'reassign', { userId: t.owner.id });
    expect(handedOver.statusCode).toBe(200);
    expect(handedOver.json()).toMatchObject({
      status: 'on_hold',
      currentStep: { assignee: { id: t.owner.id } },
    });
    await act(t.member, run.id, 'state', { action: 'cancel', reason: '重复反馈' });
    const afterCancel = await act(t.manager, run.id, 'reassign', { userId: t.member.id });
    expect(afterCancel.statusCode).toBe(409);
    expect(afterCancel.json().error.code).toBe('run_not_active');
  });

  it('lists the steps nobody was given, such as a system-started case no member matched', async () => {
    const created = await t.app.inject(
      as(t.manager, {
        method: 'POST',
        url: t.url('/processes'),
        payload: {
          name: '门户反馈',
          steps: [
            {
              key: 'triage',
              name: '分拣',
              kind: 'start',
              owner: { type: 'role', role: '门户值班' },
              slaHours: 2,
              checklist: [],
              fields: [],
              outcomes: [{ key: 'done', label: '完成', next: 'end' }],
            },
            {
              key: 'end',
              name: '结束',
              kind: 'end',
              owner: null,
              slaHours: null,
              checklist: [],
              fields: [],
              outcomes: [],
            },
          ],
        },
      }),
    );
    const services = t.app.services;
    await services.db.transaction().execute((trx) =>
      beginRun(services, trx, {
        workspaceId: t.workspaceId,
        processId: created.json().id,
        subject: '无人认领',
        startedBy: null,
      }),
    );
    const nobody = (
      await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/open-steps?assigneeId=none') }))
    ).json();
    expect(nobody.items).toMatchObject([{ subject: '无人认领', assignee: null }]);
    expect(nobody.people).toEqual([{ assignee: null, open: 1, overdue: 0 }]);
  });

  it('keeps viewers from acting and other workspaces out', async () => {
    const process = await createProcess(t, t.manager);
    expect(
      (
        await t.app.inject(
          as(t.viewer, {
            method: 'POST',
            url: t.url(`/processes/${process.id}/runs`),
            payload: { subject: 'x' },
          }),
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject(
          as(t.member, { method: 'POST', url: t.url('/processes'), payload: { templateKey: 'order' } }),
        )
      ).statusCode,
    ).toBe(403);
    const other = await createTestTeam(t.app, []);
    const foreign = (
      await t.app.inject(
        as(other.owner, {
          method: 'POST',
          url: `/api/v1/w/${other.workspaceId}/processes`,
          payload: { templateKey: 'order' },
        }),
      )
    ).json();
    expect(
      (await t.app.inject(as(t.owner, { method: 'GET', url: t.url(`/processes/${foreign.id}`) }))).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject(
          as(t.owner, {
            method: 'POST',
            url: t.url(`/processes/${foreign.id}/runs`),
            payload: { subject: 'x' },
          }),
        )
      ).statusCode,
    ).toBe(404);
  });
});
