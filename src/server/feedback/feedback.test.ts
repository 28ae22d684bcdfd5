import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, createTestTeam, signUpUser, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp.ts';

const t = useTestTeam(['admin', 'member', 'viewer']);

async function create(user: TestUser, payload: Record<string, unknown>) {
  return t.app.inject(as(user, { method: 'POST', url: t.url('/feedback/items'), payload }));
}

async function createItem(user: TestUser, payload: Record<string, unknown>) {
  const response = await create(user, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().item as { id: string; contact: { id: string } | null } & Record<string, unknown>;
}

async function patch(user: TestUser, itemId: string, payload: Record<string, unknown>) {
  return t.app.inject(as(user, { method: 'PATCH', url: t.url(`/feedback/items/${itemId}`), payload }));
}

function portal(
  suffix: string,
  options: { method?: 'GET' | 'POST'; payload?: unknown; ip?: string; lang?: string } = {},
) {
  return t.app.inject({
    method: options.method ?? 'GET',
    url: `/api/v1/portal/${t.workspaceId}${suffix}`,
    ...(options.payload !== undefined && { payload: options.payload as Record<string, unknown> }),
    remoteAddress: options.ip ?? '203.0.113.7',
    headers: { 'accept-language': options.lang ?? 'en' },
  });
}

describe('feedback inbox', () => {
  it('records items with their submitter, filters and pages the inbox, and keeps the status history', async () => {
    const first = await createItem(t.member, {
      title: '快递太慢了',
      body: '下单五天还没收到包裹',
      channel: 'support',
      category: '物流',
      tags: ['配送'],
      contact: { email: 'Li.Lei@Example.com', name: '李雷' },
    });
    expect(first).toMatchObject({ status: 'new', channel: 'support', sentiment: 'negative', votes: 0 });
    expect(first.contact).toMatchObject({ email: 'li.lei@example.com', name: '李雷' });
    await createItem(t.member, { title: 'Refund never arrived', channel: 'email', category: 'billing' });
    await createItem(t.member, {
      title: '物流信息不更新',
      channel: 'app_store',
      category: '物流',
      contact: { email: 'li.lei@example.com' },
    });

    const page1 = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/feedback/items?limit=2') }));
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items.map((item: { title: string }) => item.title)).toEqual([
      '物流信息不更新',
      'Refund never arrived',
    ]);
    const page2 = await t.app.inject(
      as(t.viewer, {
        method: 'GET',
        url: t.url(`/feedback/items?limit=2&cursor=${page1.json().nextCursor}`),
      }),
    );
    expect(page2.json()).toMatchObject({ items: [{ title: '快递太慢了' }], nextCursor: null });
    const filtered = await t.app.inject(
      as(t.viewer, {
        method: 'GET',
        url: t.url('/feedback/items?category=%E7%89%A9%E6%B5%81&q=%E5%8C%85%E8%A3%B9'),
      }),
    );
    expect(filtered.json().items.map((item: { id: string }) => item.id)).toEqual([first.id]);

    // The same address is the same contact: their history spans both items.
    const contact = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url(`/feedback/contacts/${first.contact?.id}`) }),
    );
    expect(contact.json().contact).toMatchObject({ email: 'li.lei@example.com', itemCount: 2 });

    const triaged = await patch(t.member, first.id, {
      status: 'triaged',
      assigneeId: t.member.id,
      note: '已确认',
    });
    expect(triaged.statusCode).toBe(200);
    expect(triaged.json().item).toMatchObject({ status: 'triaged', assignee: { id: t.member.id } });
    expect(triaged.json().item.history.map((entry: { toStatus: string }) => entry.toStatus)).toEqual([
      'new',
      'triaged',
    ]);
    const unresolved = await patch(t.member, first.id, { status: 'done' });
    expect(unresolved.statusCode).toBe(400);
    expect(unresolved.json().error).toMatchObject({
      code: 'feedback_resolution_required',
      fields: [{ path: 'note' }],
    });
  });

  it('refuses anonymous callers, weaker roles, strangers as assignees and ids of other workspaces', async () => {
    const item = await createItem(t.member, { title: 'Dark mode please' });
    expect((await t.app.inject({ method: 'GET', url: t.url('/feedback/items') })).statusCode).toBe(401);
    expect((await create(t.viewer, { title: 'x' })).statusCode).toBe(403);
    expect(
      (
        await t.app.inject(
          as(t.member, {
            method: 'PATCH',
            url: t.url('/feedback/settings'),
            payload: { portalEnabled: false },
          }),
        )
      ).statusCode,
    ).toBe(403);
    const invalid = await create(t.member, { title: '', channel: 'pigeon' });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .error.fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(['channel', 'title']);
    const stranger = await signUpUser(t.app);
    const assign = await patch(t.member, item.id, { assigneeId: stranger.id });
    expect(assign.json().error).toMatchObject({
      code: 'feedback_assignee_not_member',
      fields: [{ path: 'assigneeId' }],
    });

    // Another workspace: its ids are refused in this one, and this one is not reachable from there.
    const other = await createTestTeam(t.app, []);
    const foreign = await t.app.inject(
      as(other.owner, {
        method: 'POST',
        url: t.url('/feedback/items', other.workspaceId),
        payload: { title: 'Theirs' },
      }),
    );
    const foreignId = foreign.json().item.id as string;
    expect(
      (await t.app.inject(as(t.owner, { method: 'GET', url: t.url(`/feedback/items/${foreignId}`) })))
        .statusCode,
    ).toBe(404);
    expect((await patch(t.owner, foreignId, { status: 'triaged' })).statusCode).toBe(404);
    const merge = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url(`/feedback/items/${item.id}/merge`),
        payload: { duplicateIds: [foreignId] },
      }),
    );
    expect(merge.json().error).toMatchObject({
      code: 'feedback_not_found',
      fields: [{ path: 'duplicateIds' }],
    });
    const bulk = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/feedback/items/bulk'),
        payload: { itemIds: [item.id, foreignId], status: 'triaged' },
      }),
    );
    expect(bulk.statusCode).toBe(404);
    // All or nothing: this workspace's item did not move either.
    expect(
      (await t.app.inject(as(t.owner, { method: 'GET', url: t.url(`/feedback/items/${item.id}`) }))).json()
        .item.status,
    ).toBe('new');
    expect(
      (
        await t.app.inject(
          as(t.owner, { method: 'GET', url: t.url(`/feedback/items/${item.id}`, other.workspaceId) }),
        )
      ).statusCode,
    ).toBe(404);
  });

  it('triages in bulk, merges duplicates with their votes and submitters, and starts the feedback process', async () => {
    const main = await createItem(t.member, { title: '退款太慢', contact: { email: 'a@example.com' } });
    const dup = await createItem(t.member, { title: '退款一直没到账', contact: { email: 'b@example.com' } });
    const bulk = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url('/feedback/items/bulk'),
        payload: { itemIds: [main.id, dup.id], status: 'triaged', category: '售后' },
      }),
    );
    expect(bulk.json()).toEqual({ updated: 2 });

    await t.app.services.db
      .updateTable('feedback_items')
      .set({ votes: 3 })
      .where('id', '=', dup.id)
      .execute();
    const merged = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/feedback/items/${main.id}/merge`),
        payload: { duplicateIds: [dup.id] },
      }),
    );
    expect(merged.statusCode).toBe(200);
    expect(merged.json().item).toMatchObject({ votes: 3, duplicates: [{ id: dup.id }], category: '售后' });
    expect(
      merged
        .json()
        .item.submitters.map((contact: { email: string }) => contact.email)
        .sort(),
    ).toEqual(['a@example.com', 'b@example.com']);
    const inbox = await t.app.inject(as(t.member, { method: 'GET', url: t.url('/feedback/items') }));
    expect(inbox.json().items.map((item: { id: string }) => item.id)).toEqual([main.id]);
    expect((await patch(t.member, dup.id, { title: 'edit' })).json().error.code).toBe('feedback_merged');

    const started = await t.app.inject(
      as(t.member, { method: 'POST', url: t.url(`/feedback/items/${main.id}/process`) }),
    );
    expect(started.statusCode).toBe(201);
    const { runId, item } = started.json();
    expect(item).toMatchObject({
      status: 'in_progress',
      links: [{ targetType: 'run', targetId: runId, title: '退款太慢' }],
    });
    const run = await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/runs/${runId}`) }));
    expect(run.statusCode).toBe(200);
    // A second case reuses the workspace's feedback process made from the template the first time.
    await t.app.inject(as(t.member, { method: 'POST', url: t.url(`/feedback/items/${dup.id}/process`) }));
    const processes = await t.app.inject(as(t.member, { method: 'GET', url: t.url('/processes') }));
    expect(JSON.stringify(processes.json())).toContain('"templateKey":"feedback"');
    expect(
      processes.json().items.filter((p: { templateKey: string }) => p.templateKey === 'feedback'),
    ).toHaveLength(1);
  });

  it('keeps a per-workspace synonym list and refuses a parent that is not in it', async () => {
    const bad = await t.app.inject(
      as(t.admin, {
        method: 'PATCH',
        url: t.url('/feedback/settings'),
        payload: { synonyms: [{ id: 'delivery', terms: ['快递', '物流'], parent: 'nowhere' }] },
      }),
    );
    expect(bad.json().error).toMatchObject({
      code: 'feedback_synonym_parent',
      fields: [{ path: 'synonyms.0.parent' }],
    });
    const good = await t.app.inject(
      as(t.admin, {
        method: 'PATCH',
        url: t.url('/feedback/settings'),
        payload: { synonyms: [{ id: 'delivery', terms: ['快递', '物流'] }], publicCategories: ['物流'] },
      }),
    );
    expect(good.json().settings).toMatchObject({ synonymsAreDefault: false, publicCategories: ['物流'] });
    const reset = await t.app.inject(
      as(t.admin, { method: 'PATCH', url: t.url('/feedback/settings'), payload: { synonyms: null } }),
    );
    expect(reset.json().settings.synonymsAreDefault).toBe(true);
    expect(reset.json().settings.synonyms.length).toBeGreaterThan(10);
  });
});

describe('public portal', () => {
  beforeEach(async () => {
    await t.app.inject(
      as(t.admin, {
        method: 'PATCH',
        url: t.url('/feedback/settings'),
        payload: { publicCategories: ['功能建议'] },
      }),
    );
  });

  it('takes submissions without login, stores HTML as text and shows only public categories', async () => {
    const info = await portal('');
    expect(info.json()).toEqual({ name: 'Growth team', categories: ['功能建议'] });
    const body = '<script>alert(1)</script><b>希望</b>支持导出 Excel';
    const submitted = await portal('/items', {
      method: 'POST',
      payload: {
        title: '导出 <img src=x onerror=alert(1)>',
        body,
        category: '功能建议',
        email: 'fan@example.com',
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json().item).toMatchObject({ body, votes: 0, status: 'new' });
    expect(submitted.json().item).not.toHaveProperty('contact');
    await createItem(t.member, { title: 'internal only', category: 'secret' });
    const listed = await portal('/items');
    expect(listed.json().items.map((item: { body: string }) => item.body)).toEqual([body]);
    const inbox = await t.app.inject(
      as(t.member, { method: 'GET', url: t.url('/feedback/items?channel=portal') }),
    );
    expect(inbox.json().items[0]).toMatchObject({ isPublic: true, contact: { email: 'fan@example.com' } });
    const privateCategory = await portal('/items', {
      method: 'POST',
      payload: { title: 'x', category: 'secret' },
    });
    expect(privateCategory.json().error).toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'category' }],
    });
  });

  it('refuses honeypots, floods, oversized bodies and second votes with translated errors', async () => {
    const honeypot = await portal('/items', {
      method: 'POST',
      payload: { title: 'buy now', website: 'http://spam' },
      lang: 'zh-CN',
    });
    expect(honeypot.json().error).toEqual({ code: 'portal_spam', message: '提交被拒绝。' });
    for (let i = 0; i < 5; i += 1) {
      expect(
        (await portal('/items', { method: 'POST', payload: { title: `idea ${i}`, category: '功能建议' } }))
          .statusCode,
      ).toBe(201);
    }
    const flooded = await portal('/items', { method: 'POST', payload: { title: 'idea 6' }, lang: 'zh-CN' });
    expect(flooded.statusCode).toBe(429);
    expect(flooded.json().error).toMatchObject({
      code: 'portal_rate_limited',
      message: '你的地址提交过于频繁，请 10 分钟后再试。',
    });
    // Another address still gets through; the window passes.
    expect(
      (await portal('/items', { method: 'POST', payload: { title: 'other' }, ip: '198.51.100.2' }))
        .statusCode,
    ).toBe(201);
    t.clock.advance(10 * 60_000 + 1);
    expect((await portal('/items', { method: 'POST', payload: { title: 'later' } })).statusCode).toBe(201);

    const huge = await portal('/items', {
      method: 'POST',
      payload: { title: 'big', body: 'x'.repeat(1024 * 1024) },
      lang: 'zh-CN',
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
    expect(huge.json().error.message).toContain('请求内容过大');

    const listed = (await portal('/items')).json().items as Array<{ id: string }>;
    const target = listed[0]?.id ?? '';
    const first = await portal(`/items/${target}/votes`, { method: 'POST' });
    expect(first.json().item.votes).toBe(1);
    const again = await portal(`/items/${target}/votes`, { method: 'POST', lang: 'zh-CN' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({
      code: 'portal_already_voted',
      message: '你已经为这条反馈投过票了。',
    });
    expect(
      (await portal(`/items/${target}/votes`, { method: 'POST', ip: '198.51.100.9' })).json().item.votes,
    ).toBe(2);
    const privateItem = await createItem(t.member, { title: 'internal' });
    expect((await portal(`/items/${privateItem.id}/votes`, { method: 'POST' })).statusCode).toBe(404);
  });

  it('is closed when the workspace turns it off, and unknown portals are 404', async () => {
    await t.app.inject(
      as(t.admin, { method: 'PATCH', url: t.url('/feedback/settings'), payload: { portalEnabled: false } }),
    );
    expect((await portal('')).json().error.code).toBe('portal_not_found');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/portal/nope' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('closing the loop', () => {
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    smtp = await startSmtpServer();
    t.app.services.config.smtpUrl = smtp.url;
  });
  afterEach(() => smtp.close());

  it('tells the submitters what was done with one-click rating links; a low rating reopens the item', async () => {
    const item = await createItem(t.member, {
      title: '快递三天没更新',
      body: '物流信息一直不动 <b>急</b>',
      contact: { email: 'buyer@example.com' },
    });
    const resolved = await patch(t.member, item.id, {
      status: 'done',
      note: '已联系快递公司补发，<i>并</i>优化了物流同步',
    });
    expect(resolved.json().item).toMatchObject({
      status: 'done',
      resolution: '已联系快递公司补发，<i>并</i>优化了物流同步',
    });
    await t.drain();
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail?.to).toEqual(['buyer@example.com']);
    expect(mail?.subject).toBe('你的反馈已处理：快递三天没更新');
    expect(mail?.html).toContain('&lt;i&gt;并&lt;/i&gt;');
    const link = /https?:\/\/\S+rate\?token=(\S+)&score=1/.exec(mail?.text ?? '');
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';

    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/ratings',
      payload: { token: `${token.split('.')[0]}.forged-signature`, score: 5 },
    });
    expect(forged.json().error.code).toBe('feedback_rating_invalid');
    const rated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/ratings',
      payload: { token, score: 1 },
    });
    expect(rated.json()).toMatchObject({
      rating: 1,
      alreadyRated: false,
      reopened: true,
      itemTitle: '快递三天没更新',
    });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/ratings',
      payload: { token, score: 5 },
    });
    expect(again.json()).toMatchObject({ rating: 1, alreadyRated: true, reopened: false });
    const detail = (
      await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/feedback/items/${item.id}`) }))
    ).json().item;
    expect(detail.status).toBe('triaged');
    expect(detail.history.at(-1)).toMatchObject({
      fromStatus: 'done',
      toStatus: 'triaged',
      note: 'CSAT 1/5',
      actor: null,
    });
    expect(detail.ratings).toMatchObject([{ rating: 1 }]);
  });

  it('closes the loop when the linked feedback case reaches its end step', async () => {
    const item = await createItem(t.member, {
      title: '物流信息不更新',
      body: '包裹三天没动',
      contact: { email: 'waiting@example.com' },
    });
    const started = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/feedback/items/${item.id}/process`),
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(started.statusCode).toBe(201);
    const runId = started.json().runId as string;
    // The team's own notifications (a step assigned) go out too; the submitter's mail is the one that counts.
    const toSubmitter = () => smtp.messages.filter((mail) => mail.to.includes('waiting@example.com'));
    const steps: Array<[string, Record<string, unknown>]> = [
      ['collect', { checkedItems: ['记录用户联系方式'], values: { channel: '社群', summary: '物流不更新' } }],
      ['analyse', { checkedItems: ['确认影响范围'], values: {} }],
      ['solve', { checkedItems: [], values: { solution: '已补发包裹，并修好了物流同步' } }],
      ['reply', { checkedItems: ['告知处理结果并致谢'], values: {} }],
    ];
    for (const [stepKey, input] of steps) {
      const done = await t.app.inject(
        as(t.member, {
          method: 'POST',
          url: t.url(`/runs/${runId}/complete-step`),
          payload: { stepKey, outcomeKey: 'done', ...input },
        }),
      );
      expect(done.statusCode, done.body).toBe(200);
      await t.drain();
      // Until the end step the item stays in progress and nobody is written to.
      if (stepKey !== 'reply') {
        const open = await t.app.inject(
          as(t.member, { method: 'GET', url: t.url(`/feedback/items/${item.id}`) }),
        );
        expect(open.json().item.status).toBe('in_progress');
        expect(toSubmitter()).toHaveLength(0);
      }
    }
    const detail = (
      await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/feedback/items/${item.id}`) }))
    ).json().item;
    expect(detail).toMatchObject({ status: 'done', resolution: '已补发包裹，并修好了物流同步' });
    expect(detail.history.at(-1)).toMatchObject({
      fromStatus: 'in_progress',
      toStatus: 'done',
      actor: { id: t.member.id },
    });
    expect(toSubmitter()).toHaveLength(1);
    expect(toSubmitter()[0]?.subject).toBe('你的反馈已处理：物流信息不更新');
    expect(toSubmitter()[0]?.text).toContain('已补发包裹，并修好了物流同步');
    const token = /rate\?token=(\S+)&score=5/.exec(toSubmitter()[0]?.text ?? '')?.[1] ?? '';
    const rated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/ratings',
      payload: { token, score: 5 },
    });
    expect(rated.json()).toMatchObject({ rating: 5, reopened: false, itemId: item.id });
    // The event delivered again (at least once) neither resolves twice nor writes again.
    const event = await t.app.services.db
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'process.run_finished')
      .executeTakeFirstOrThrow();
    await t.app.services.db.deleteFrom('event_deliveries').where('event_id', '=', event.id).execute();
    await t.app.services.scheduler.enqueue(t.app.services.db, {
      name: 'events.dispatch',
      payload: { eventId: event.id },
      key: `event:${event.id}:again`,
    });
    await t.drain();
    expect(toSubmitter()).toHaveLength(1);
    const after = (
      await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/feedback/items/${item.id}`) }))
    ).json().item;
    expect(after.history).toHaveLength(detail.history.length);
    expect(after.ratings).toHaveLength(1);
  });

  it('resolves a whole common issue at once and tells each submitter once', async () => {
    const delivery = [
      ['快递太慢了，五天还没到', 'twice@example.com'],
      ['物流信息三天没更新', 'twice@example.com'],
      ['包裹一直没有送到', 'once@example.com'],
      ['配送太慢，快递员不接电话', null],
      ['The parcel never arrived, shipping is slow', 'early@example.com'],
    ] as const;
    const ids: string[] = [];
    for (const [title, email] of delivery) {
      const item = await createItem(t.member, { title, ...(email ? { contact: { email } } : {}) });
      ids.push(item.id);
    }
    for (const title of [
      'App 打开就闪退',
      '更新后一直闪退',
      'The app crashes when I open it',
      '登录页面闪退',
    ]) {
      await createItem(t.member, { title, contact: { email: 'crash@example.com' } });
    }
    await t.app.inject(as(t.member, { method: 'POST', url: t.url('/feedback/clusters/recompute') }));
    await t.drain();
    const rows = await t.app.services.db
      .selectFrom('feedback_items')
      .select(['id', 'cluster_id'])
      .where('id', 'in', ids)
      .execute();
    const clusterId = rows[0]?.cluster_id ?? '';
    expect(clusterId).not.toBe('');
    // Every delivery item in that cluster, whatever the clustering did with them.
    for (const id of ids) {
      await t.app.inject(
        as(t.member, { method: 'PUT', url: t.url(`/feedback/items/${id}/cluster`), payload: { clusterId } }),
      );
    }
    // One was resolved by hand before: it is not resolved again, its submitter not told again.
    await patch(t.member, ids[4] ?? '', { status: 'done', note: 'Reshipped' });
    await t.drain();
    expect(smtp.messages).toHaveLength(1);

    const resolve = (user: TestUser, payload: Record<string, unknown>, cluster = clusterId) =>
      t.app.inject(
        as(user, { method: 'POST', url: t.url(`/feedback/clusters/${cluster}/resolve`), payload }),
      );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: t.url(`/feedback/clusters/${clusterId}/resolve`),
          payload: { note: 'x' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await resolve(t.viewer, { note: '换了快递公司' })).statusCode).toBe(403);
    const missing = await resolve(t.member, { note: '  ' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toMatchObject([{ path: 'note' }]);
    const other = await createTestTeam(t.app, []);
    await t.app.inject(
      as(other.owner, {
        method: 'POST',
        url: t.url('/feedback/items', other.workspaceId),
        payload: { title: '快递太慢了' },
      }),
    );
    await t.app.inject(
      as(other.owner, { method: 'POST', url: t.url('/feedback/clusters/recompute', other.workspaceId) }),
    );
    await t.drain();
    const foreignCluster = await t.app.services.db
      .selectFrom('feedback_clusters')
      .select('id')
      .where('workspace_id', '=', other.workspaceId)
      .executeTakeFirst();
    if (foreignCluster) {
      const foreign = await resolve(t.member, { note: '换了快递公司' }, foreignCluster.id);
      expect(foreign.statusCode).toBe(404);
    }
    expect((await resolve(t.member, { note: '换了快递公司' }, '01J0000000000000000000ZZZZ')).statusCode).toBe(
      404,
    );

    const resolved = await resolve(t.member, { note: '换了一家快递公司，并每天同步物流信息' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toEqual({ resolved: 4, notified: 2 });
    await t.drain();
    const statuses = await t.app.services.db
      .selectFrom('feedback_items')
      .select(['id', 'status', 'resolution'])
      .where('id', 'in', ids)
      .execute();
    expect(statuses.every((row) => row.status === 'done')).toBe(true);
    expect(statuses.find((row) => row.id === ids[4])?.resolution).toBe('Reshipped');
    const mails = smtp.messages.slice(1);
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['once@example.com', 'twice@example.com']);
    expect(mails.every((mail) => mail.text.includes('换了一家快递公司，并每天同步物流信息'))).toBe(true);
    // The crash reports in another cluster stay open.
    const crash = await t.app.inject(
      as(t.member, { method: 'GET', url: t.url('/feedback/items?status=new') }),
    );
    expect(crash.json().items).toHaveLength(4);
    // Nothing left to resolve: a second call changes nothing and tells nobody.
    expect((await resolve(t.member, { note: 'again' })).json()).toEqual({ resolved: 0, notified: 0 });
  });
});
