import { beforeEach, describe, expect, it } from 'vitest';
import { as, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['manager', 'member']);

type RunBody = {
  currentStep: { key: string; name: string; description?: string } | null;
  steps: Array<{
    stepKey: string;
    outcome: string | null;
    outcomeLabel: string | null;
    completedBy: { id: string; name: string } | null;
    completedAt: number | null;
    record: Array<{ key: string; label: string; type: string; value: string }>;
    checkedItems: string[];
  }>;
};

beforeEach(async () => {
  await t.app.inject(
    as(t.owner, {
      method: 'PATCH',
      url: t.url(`/members/${t.member.id}`),
      payload: { title: '客服专员' },
    }),
  );
});

async function startFeedbackCase() {
  const process = await t.app.inject(
    as(t.manager, {
      method: 'POST',
      url: t.url('/processes'),
      payload: { templateKey: 'feedback' },
      headers: { 'accept-language': 'zh-CN' },
    }),
  );
  const run = await t.app.inject(
    as(t.manager, {
      method: 'POST',
      url: t.url(`/processes/${process.json<{ id: string }>().id}/runs`),
      payload: { subject: '用户反馈：签到页打不开' },
    }),
  );
  expect(run.statusCode).toBe(201);
  return run.json<{ id: string }>().id;
}

async function act(user: TestUser, runId: string, path: string, payload: Record<string, unknown>) {
  const response = await t.app.inject(
    as(user, { method: 'POST', url: t.url(`/runs/${runId}/${path}`), payload }),
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<RunBody>();
}

describe('a case hands over what each step recorded', () => {
  it('shows a later step the earlier fields, outcomes, who completed them and its own instructions', async () => {
    const runId = await startFeedbackCase();
    t.clock.advance(60_000);
    await act(t.member, runId, 'start-step', { stepKey: 'collect' });
    t.clock.advance(60_000);
    await act(t.member, runId, 'complete-step', {
      stepKey: 'collect',
      outcomeKey: 'done',
      checkedItems: ['记录用户联系方式'],
      values: { channel: '社群', summary: '首页点签到后白屏' },
    });
    t.clock.advance(60_000);
    await act(t.manager, runId, 'complete-step', {
      stepKey: 'analyse',
      outcomeKey: 'done',
      checkedItems: ['确认影响范围'],
      values: {},
    });
    t.clock.advance(60_000);
    const atSolve = await act(t.manager, runId, 'complete-step', {
      stepKey: 'solve',
      outcomeKey: 'done',
      checkedItems: [],
      values: { solution: '修复空值判断，周四热更新' },
    });

    // The reply step reads the summary and the solution before answering the user.
    expect(atSolve.currentStep).toMatchObject({
      key: 'reply',
      description: '把结果告诉用户，并确认问题已经解决。',
    });
    const done = atSolve.steps.filter((visit) => visit.completedAt !== null);
    expect(done.map((visit) => visit.stepKey)).toEqual(['collect', 'analyse', 'solve']);
    expect(done[0]).toMatchObject({
      outcomeLabel: '完成',
      completedBy: { id: t.member.id },
      checkedItems: ['记录用户联系方式'],
      record: [
        { key: 'channel', label: '来源渠道', type: 'choice', value: '社群' },
        { key: 'summary', label: '问题摘要', type: 'text', value: '首页点签到后白屏' },
      ],
    });
    expect(done[1]?.record).toEqual([]);
    expect(done[2]).toMatchObject({
      completedBy: { id: t.manager.id },
      record: [{ key: 'solution', label: '解决方案', value: '修复空值判断，周四热更新' }],
    });
  });

  it('writes starting and completing a step into the audit log, with the case and the step by name', async () => {
    const runId = await startFeedbackCase();
    t.clock.advance(60_000);
    await act(t.member, runId, 'start-step', { stepKey: 'collect' });
    t.clock.advance(60_000);
    await act(t.member, runId, 'complete-step', {
      stepKey: 'collect',
      outcomeKey: 'done',
      checkedItems: ['记录用户联系方式'],
      values: { channel: '社群', summary: '白屏' },
    });
    const audit = await t.app.inject(
      as(t.owner, { method: 'GET', url: t.url(`/audit?objectType=run&objectId=${runId}`) }),
    );
    const items = audit.json<{
      items: Array<{ action: string; actor: { id: string } | null; changes: Record<string, unknown> }>;
    }>().items;
    expect(items.map((item) => item.action)).toEqual([
      'run.step_completed',
      'run.step_started',
      'run.started',
    ]);
    expect(items[0]).toMatchObject({
      actor: { id: t.member.id },
      changes: { subject: '用户反馈：签到页打不开', step: '收集反馈', outcome: '完成', next: '分析问题' },
    });
    expect(items[1]).toMatchObject({ actor: { id: t.member.id }, changes: { step: '收集反馈' } });
    expect(items[2]).toMatchObject({ actor: { id: t.manager.id }, changes: { process: '用户反馈处理流程' } });
  });
});
