import { beforeEach, describe, expect, it } from 'vitest';
import { useTestTeam } from '../testing/factories.ts';
import { as, createTestWorkspace } from '../testing/app.ts';

// A shop's order system starts and moves cases with an API token, the way a script would.
const t = useTestTeam([]);
let otherWorkspaceId: string;
let secret: string;
let otherProcessId: string;

beforeEach(async () => {
  otherWorkspaceId = await createTestWorkspace(t.app, t.owner);
  const token = await t.app.inject(
    as(t.owner, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'order sync', workspaceId: t.workspaceId },
    }),
  );
  secret = token.json().secret;
  const other = await t.app.inject(
    as(t.owner, {
      method: 'POST',
      url: `/api/v1/w/${otherWorkspaceId}/processes`,
      payload: { templateKey: 'order' },
    }),
  );
  otherProcessId = other.json().id;
});

function call(method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${secret}`, 'accept-language': 'zh-CN' },
    ...(payload ? { payload } : {}),
  });
}

describe('cases over the API with a token', () => {
  it('creates the order process, starts a case and completes its first step', async () => {
    const process = await call('POST', `/w/${t.workspaceId}/processes`, { templateKey: 'order' });
    expect(process.statusCode).toBe(201);
    const started = await call('POST', `/w/${t.workspaceId}/processes/${process.json().id}/runs`, {
      subject: '订单 #20261127-001',
    });
    expect(started.statusCode).toBe(201);
    const run = started.json();
    expect(run.currentStep.key).toBe('accept');

    const notCurrent = await call('POST', `/w/${t.workspaceId}/runs/${run.id}/complete-step`, {
      stepKey: 'payment',
      outcomeKey: 'done',
      checkedItems: [],
      values: {},
    });
    expect(notCurrent.statusCode).toBe(409);
    expect(notCurrent.json().error.code).toBe('step_not_current');
    expect(notCurrent.json().error.message).toMatch(/[\u4e00-\u9fff]/);

    const done = await call('POST', `/w/${t.workspaceId}/runs/${run.id}/complete-step`, {
      stepKey: 'accept',
      outcomeKey: 'done',
      checkedItems: [],
      values: {},
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().currentStep.key).toBe('payment');
    expect(done.json().history.map((event: { type: string }) => event.type)).toEqual([
      'started',
      'step_completed',
    ]);
  });

  it("refuses another workspace's process, even when named under its own workspace", async () => {
    const foreign = await call('POST', `/w/${otherWorkspaceId}/processes/${otherProcessId}/runs`, {
      subject: 'x',
    });
    expect(foreign.statusCode).toBe(404);
    const smuggled = await call('POST', `/w/${t.workspaceId}/processes/${otherProcessId}/runs`, {
      subject: 'x',
    });
    expect(smuggled.statusCode).toBe(404);
    expect(smuggled.json().error.code).toBe('process_not_found');
    const runs = await t.database.db.selectFrom('process_runs').select('id').execute();
    expect(runs).toEqual([]);
  });
});
