import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { as, createTestTeam } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';
import { startReceiver, type ReceivedRequest, type TestReceiver } from '../testing/receiver.ts';

const t = useTestTeam(['admin', 'member'], {
  config: { webhookTimeoutMs: 300, publicUrl: 'https://ops.example.com' },
});
const receivers: TestReceiver[] = [];

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

const SECRET = 'SEC0123456789abcdef';
const json = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });

async function receiver(reply: Parameters<typeof startReceiver>[0]) {
  const started = await startReceiver(reply);
  receivers.push(started);
  return started;
}

// Each receiver checks the signature the way its platform documents it, and answers as the platform does.
function dingTalk(request: ReceivedRequest) {
  const timestamp = request.url.searchParams.get('timestamp') ?? '';
  const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
  const body = JSON.parse(request.body) as { msgtype: string };
  if (request.url.searchParams.get('access_token') !== 'tok123')
    return json({ errcode: 300001, errmsg: 'token is not exist' });
  if (request.url.searchParams.get('sign') !== expected)
    return json({ errcode: 310000, errmsg: 'sign not match' });
  return body.msgtype === 'markdown'
    ? json({ errcode: 0, errmsg: 'ok' })
    : json({ errcode: 40035, errmsg: 'bad' });
}

function feishu(request: ReceivedRequest) {
  const body = JSON.parse(request.body) as { timestamp: string; sign: string; msg_type: string };
  const expected = createHmac('sha256', `${body.timestamp}\n${SECRET}`).update('').digest('base64');
  if (body.sign !== expected)
    return json({
      code: 19021,
      msg: 'sign match fail or timestamp is not within one hour from current time',
    });
  return body.msg_type === 'interactive'
    ? json({ code: 0, msg: 'success' })
    : json({ code: 19002, msg: 'params error' });
}

function weCom(request: ReceivedRequest) {
  const body = JSON.parse(request.body) as { msgtype: string; markdown: { content: string } };
  if (request.url.searchParams.get('key') !== 'wecom-key')
    return json({ errcode: 93000, errmsg: 'invalid webhook url' });
  return body.msgtype === 'markdown' && body.markdown.content
    ? json({ errcode: 0, errmsg: 'ok' })
    : json({ errcode: 40008 });
}

function slack(request: ReceivedRequest) {
  const body = JSON.parse(request.body) as { blocks?: { text: { type: string } }[] };
  return body.blocks?.[0]?.text.type === 'mrkdwn'
    ? { status: 200, body: 'ok' }
    : { status: 400, body: 'invalid_blocks' };
}

function webhook(request: ReceivedRequest) {
  const timestamp = String(request.headers['x-opsplan-timestamp']);
  const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${request.body}`).digest('hex')}`;
  return request.headers['x-opsplan-signature'] === expected
    ? { status: 204, body: '' }
    : { status: 401, body: 'bad signature' };
}

async function addTarget(payload: Record<string, unknown>, user = t.admin) {
  return t.app.inject(as(user, { method: 'POST', url: t.url('/chat-targets'), payload }));
}

async function assignTask(title: string) {
  const response = await t.app.inject(
    as(t.owner, {
      method: 'POST',
      url: t.url('/tasks'),
      payload: { title, roles: [{ userId: t.member.id, role: 'A' }] },
    }),
  );
  expect(response.statusCode).toBe(201);
}

describe('chat targets', () => {
  it('posts routed events to DingTalk, Feishu, WeCom, Slack and a webhook, each signed as its platform checks', async () => {
    const platforms = {
      dingtalk: { check: dingTalk, path: '/robot/send?access_token=tok123', secret: SECRET },
      feishu: { check: feishu, path: '/open-apis/bot/v2/hook/abc', secret: SECRET },
      wecom: { check: weCom, path: '/cgi-bin/webhook/send?key=wecom-key', secret: null },
      slack: { check: slack, path: '/services/T0/B0/X', secret: null },
      webhook: { check: webhook, path: '/hooks/opsplan', secret: SECRET },
    };
    const started: Record<string, TestReceiver> = {};
    for (const [kind, platform] of Object.entries(platforms)) {
      started[kind] = await receiver(platform.check);
      const created = await addTarget({
        name: `${kind} 运营群`,
        kind,
        url: `${started[kind].url}${platform.path}`,
        secret: platform.secret,
        eventTypes: ['task.assigned'],
      });
      expect(created.statusCode).toBe(201);
    }
    const quiet = await receiver(() => json({ errcode: 0 }));
    await addTarget({
      name: 'KPI 群',
      kind: 'dingtalk',
      url: `${quiet.url}/robot/send`,
      eventTypes: ['kpi.turned_red'],
    });

    await assignTask('双十二活动预热');
    await t.drain();
    for (const kind of Object.keys(platforms)) {
      expect(started[kind]?.requests, kind).toHaveLength(1);
      expect(started[kind]?.requests[0]?.body, kind).toContain(
        `${t.member.name} 被指定为「双十二活动预热」的批准人（A）`,
      );
    }
    expect(quiet.requests).toHaveLength(0);
    const targets = (await t.app.inject(as(t.admin, { method: 'GET', url: t.url('/chat-targets') }))).json()
      .items as { id: string; name: string }[];
    for (const target of targets) {
      const log = await t.app.inject(
        as(t.admin, { method: 'GET', url: t.url(`/chat-targets/${target.id}/deliveries`) }),
      );
      const expected =
        target.name === 'KPI 群' ? [] : [{ status: 'sent', attempts: 1, eventType: 'task.assigned' }];
      expect(log.json().items, target.name).toMatchObject(expected);
    }
  });

  it('never returns secrets or tokens in full', async () => {
    const target = await receiver(dingTalk);
    const created = await addTarget({
      name: '钉钉群',
      kind: 'dingtalk',
      url: `${target.url}/robot/send?access_token=tok123-very-secret`,
      secret: SECRET,
      eventTypes: ['task.overdue'],
    });
    const body = created.body;
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain('tok123-very-secret');
    expect(created.json().target).toMatchObject({
      secret: '••••cdef',
      url: `${target.url}/robot/send?access_token=••••cret`,
    });
    // Renaming keeps the stored secret and address.
    const renamed = await t.app.inject(
      as(t.admin, {
        method: 'PATCH',
        url: t.url(`/chat-targets/${created.json().target.id}`),
        payload: { name: '运营群' },
      }),
    );
    expect(renamed.statusCode).toBe(200);
    const row = await t.database.db.selectFrom('chat_targets').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: '运营群',
      secret: SECRET,
      url: `${target.url}/robot/send?access_token=tok123-very-secret`,
    });
  });

  it('tests a target and reports refusal, time-out and platform rejection as translated errors', async () => {
    const ok = await receiver(dingTalk);
    const okTarget = (
      await addTarget({
        name: 'ok',
        kind: 'dingtalk',
        url: `${ok.url}/robot/send?access_token=tok123`,
        secret: SECRET,
        eventTypes: [],
      })
    ).json().target;
    const tested = await t.app.inject(
      as(t.admin, { method: 'POST', url: t.url(`/chat-targets/${okTarget.id}/test`), payload: {} }),
    );
    expect(tested.statusCode).toBe(200);
    expect(ok.requests[0]?.body).toContain('OpsPlan test message');

    const wrong = (
      await addTarget({
        name: 'wrong',
        kind: 'dingtalk',
        url: `${ok.url}/robot/send?access_token=tok123`,
        secret: 'not-the-secret',
        eventTypes: [],
      })
    ).json().target;
    const rejected = await t.app.inject(
      as(t.admin, {
        method: 'POST',
        url: t.url(`/chat-targets/${wrong.id}/test`),
        payload: {},
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(rejected.statusCode).toBe(502);
    expect(rejected.json().error).toMatchObject({
      code: 'chat_target_rejected',
      message: '接收方拒绝了该消息：310000 sign not match。',
    });

    const closed = await receiver(() => json({}));
    await closed.close();
    const refusedTarget = (
      await addTarget({ name: 'gone', kind: 'slack', url: `${closed.url}/x`, eventTypes: [] })
    ).json().target;
    const refused = await t.app.inject(
      as(t.admin, { method: 'POST', url: t.url(`/chat-targets/${refusedTarget.id}/test`), payload: {} }),
    );
    expect(refused.json().error.code).toBe('chat_target_refused');

    const slow = await receiver(() => 'hang');
    const slowTarget = (
      await addTarget({ name: 'slow', kind: 'wecom', url: `${slow.url}/send?key=k`, eventTypes: [] })
    ).json().target;
    const started = Date.now();
    const timeout = await t.app.inject(
      as(t.admin, { method: 'POST', url: t.url(`/chat-targets/${slowTarget.id}/test`), payload: {} }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(timeout.json().error).toMatchObject({
      code: 'chat_target_timeout',
      message: 'The receiver did not answer within 0.3 seconds.',
    });

    const log = await t.app.inject(
      as(t.admin, { method: 'GET', url: t.url(`/chat-targets/${wrong.id}/deliveries`) }),
    );
    expect(log.json().items[0]).toMatchObject({
      status: 'failed',
      responseCode: 200,
      attempts: 1,
      lastError: 'rejected: 310000 sign not match',
    });
  });

  it('refuses addresses that are not http(s) or point at the app itself', async () => {
    const cases = [
      ['ftp://files.example.com/hook', 'chat_target_url_invalid'],
      ['javascript:alert(1)', 'chat_target_url_invalid'],
      ['https://user:pw@hooks.example.com/x', 'chat_target_url_invalid'],
      ['https://ops.example.com/api/v1/w/x', 'chat_target_url_self'],
      ['https://OPS.example.com:443/anything', 'chat_target_url_self'],
    ];
    for (const [address, code] of cases) {
      const response = await addTarget({ name: 'x', kind: 'slack', url: address, eventTypes: [] });
      expect(response.statusCode, address).toBe(400);
      expect(response.json().error.code, address).toBe(code);
      expect(response.json().error.fields[0].path).toBe('url');
    }
    // The address this instance listens on is itself too, whatever PUBLIC_URL says.
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const self = await addTarget({
      name: 'x',
      kind: 'slack',
      url: `http://localhost:${port}/api/v1/hook`,
      eventTypes: [],
    });
    expect(self.json().error.code).toBe('chat_target_url_self');
    const webhookWithoutSecret = await addTarget({
      name: 'x',
      kind: 'webhook',
      url: 'https://hooks.example.com/x',
      eventTypes: [],
    });
    expect(webhookWithoutSecret.json().error).toMatchObject({
      code: 'chat_target_secret_missing',
      fields: [{ path: 'secret' }],
    });
    const badEvent = await addTarget({
      name: 'x',
      kind: 'slack',
      url: 'https://hooks.example.com/x',
      eventTypes: ['nope'],
    });
    expect(badEvent.json().error.fields[0].path).toBe('eventTypes.0');
  });

  it('keeps a failing receiver from failing the change, retries with back-off and logs each attempt', async () => {
    let answers = 0;
    const flaky = await receiver(() =>
      ++answers === 1 ? { status: 500, body: 'oops' } : { status: 200, body: 'ok' },
    );
    await addTarget({
      name: 'flaky',
      kind: 'slack',
      url: `${flaky.url}/hook`,
      eventTypes: ['task.assigned'],
    });
    await assignTask('周报');
    await t.drain();
    const first = await t.database.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({
      status: 'queued',
      attempts: 1,
      response_code: 500,
      last_error: 'rejected: HTTP 500 oops',
    });
    t.clock.advance(2500);
    await t.drain();
    const second = await t.database.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(second).toMatchObject({ status: 'sent', attempts: 2, response_code: 200, last_error: null });
    expect(flaky.requests).toHaveLength(2);
  });

  it('is for admins, and for this workspace only', async () => {
    const forbidden = await addTarget(
      { name: 'x', kind: 'slack', url: 'https://hooks.example.com/x', eventTypes: [] },
      t.member,
    );
    expect(forbidden.statusCode).toBe(403);
    const other = await createTestTeam(t.app, []);
    const theirs = await t.app.inject(
      as(other.owner, {
        method: 'POST',
        url: `/api/v1/w/${other.workspaceId}/chat-targets`,
        payload: { name: 'x', kind: 'slack', url: 'https://hooks.example.com/x', eventTypes: [] },
      }),
    );
    const id = theirs.json().target.id as string;
    const test = await t.app.inject(
      as(t.admin, { method: 'POST', url: t.url(`/chat-targets/${id}/test`), payload: {} }),
    );
    expect(test.statusCode).toBe(404);
    expect(test.json().error.code).toBe('chat_target_not_found');
    const cross = await t.app.inject(
      as(t.admin, { method: 'GET', url: `/api/v1/w/${other.workspaceId}/chat-targets/${id}/deliveries` }),
    );
    expect(cross.statusCode).toBe(404);
  });
});
