import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../../db/index.ts';
import { as, signUpUser, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';
import { TEST_DIALECT } from '../testing/database.ts';
import { openSse } from '../testing/sse.ts';
import { notifyEvent } from './service.ts';

const t = useTestTeam(['member', 'viewer']);

async function createTask(roles: { userId: string; role: string }[], title = '整理周报', app = t.app) {
  const response = await app.inject(
    as(t.owner, { method: 'POST', url: t.url('/tasks'), payload: { title, dueDate: '2026-11-30', roles } }),
  );
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().task.id as string;
}

async function inbox(user: TestUser, query = '') {
  const response = await t.app.inject(as(user, { method: 'GET', url: t.url(`/notifications${query}`) }));
  expect(response.statusCode).toBe(200);
  return response.json() as {
    items: { id: string; type: string; title: string; link: string; reason: string; readAt: number | null }[];
    unread: number;
    nextCursor: string | null;
  };
}

describe('notifications', () => {
  it('tells the R and A of a new task, never the person who assigned it, in their language', async () => {
    const taskId = await createTask([
      { userId: t.member.id, role: 'R' },
      { userId: t.owner.id, role: 'A' },
      { userId: t.viewer.id, role: 'I' },
    ]);
    await t.drain();
    const memberInbox = await inbox(t.member);
    expect(memberInbox.unread).toBe(1);
    expect(memberInbox.items[0]).toMatchObject({
      type: 'task.assigned',
      reason: 'act',
      title: 'You are Responsible for “整理周报”',
      link: `/w/${t.workspaceId}/tasks?task=${taskId}`,
    });
    const chinese = await t.app.inject(
      as(t.member, { method: 'GET', url: t.url('/notifications'), headers: { 'accept-language': 'zh-CN' } }),
    );
    expect(chinese.json().items[0].title).toBe('你被指定为「整理周报」的负责人（R）');
    expect((await inbox(t.owner)).items).toHaveLength(0);
    expect((await inbox(t.viewer)).items).toHaveLength(0);
  });

  it('shows an event once however often it is dispatched (a crash re-runs the subscriber)', async () => {
    await createTask([
      { userId: t.member.id, role: 'R' },
      { userId: t.owner.id, role: 'A' },
    ]);
    const event = await t.database.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'task.assigned')
      .executeTakeFirstOrThrow();
    const domainEvent = {
      ...event,
      workspaceId: event.workspace_id,
      payload: JSON.parse(event.payload) as unknown,
      createdAt: event.created_at,
    };
    // The subscriber ran and committed, then the process died before the outbox recorded it.
    await notifyEvent(t.app.services, domainEvent);
    await t.drain();
    await notifyEvent(t.app.services, domainEvent);
    const rows = await t.database.db.selectFrom('notifications').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect((await inbox(t.member)).unread).toBe(1);
  });

  it('pages the inbox, marks one and all read, and keeps each person to their own', async () => {
    // Each a second apart, delivered as they come: the inbox is in the order people were told.
    for (const title of ['一', '二', '三']) {
      await createTask(
        [
          { userId: t.member.id, role: 'R' },
          { userId: t.owner.id, role: 'A' },
        ],
        title,
      );
      await t.drain();
      t.clock.advance(1000);
    }
    const first = await inbox(t.member, '?limit=2');
    expect(first.items.map((item) => item.title)).toEqual([
      'You are Responsible for “三”',
      'You are Responsible for “二”',
    ]);
    expect(first.nextCursor).not.toBeNull();
    const second = await inbox(t.member, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.title)).toEqual(['You are Responsible for “一”']);
    expect(second.nextCursor).toBeNull();

    const someoneElses = await t.app.inject(
      as(t.viewer, {
        method: 'POST',
        url: t.url(`/notifications/${second.items[0]?.id}/read`),
        payload: { read: true },
      }),
    );
    expect(someoneElses.statusCode).toBe(404);
    expect(someoneElses.json().error.code).toBe('notification_not_found');

    const read = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/notifications/${second.items[0]?.id}/read`),
        payload: {},
      }),
    );
    expect(read.json()).toEqual({ updated: 1 });
    const count = await t.app.inject(
      as(t.member, { method: 'GET', url: t.url('/notifications/unread-count') }),
    );
    expect(count.json()).toEqual({ count: 2 });
    expect((await inbox(t.member, '?unread=true')).items).toHaveLength(2);
    const upTo = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url('/notifications/read-all'),
        payload: { upToId: first.items[1]?.id },
      }),
    );
    expect(upTo.json()).toEqual({ updated: 1 });
    const all = await t.app.inject(
      as(t.member, { method: 'POST', url: t.url('/notifications/read-all'), payload: {} }),
    );
    expect(all.json()).toEqual({ updated: 1 });
    expect((await inbox(t.member)).unread).toBe(0);
  });

  it('refuses strangers: 401 without a session, 404 for another workspace', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: t.url('/notifications') });
    expect(anonymous.statusCode).toBe(401);
    const stranger = await signUpUser(t.app);
    const other = await t.app.inject(as(stranger, { method: 'GET', url: t.url('/notifications') }));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('workspace_not_found');
    const stream = await t.app.inject(as(stranger, { method: 'GET', url: t.url('/notifications/stream') }));
    expect(stream.statusCode).toBe(404);
  });

  it('respects a person turning the in-app channel off for an event type', async () => {
    const settings = await t.app.inject(
      as(t.member, { method: 'GET', url: '/api/v1/me/notification-settings' }),
    );
    expect(settings.statusCode).toBe(200);
    const body = settings.json().settings;
    expect(body.preferences).toContainEqual({ eventType: 'task.assigned', channel: 'in_app', enabled: true });
    const update = await t.app.inject(
      as(t.member, {
        method: 'PUT',
        url: '/api/v1/me/notification-settings',
        payload: {
          timezone: 'Asia/Shanghai',
          quietStart: '22:00',
          quietEnd: '08:00',
          digest: false,
          digestHour: 9,
          preferences: [{ eventType: 'task.assigned', channel: 'in_app', enabled: false }],
        },
      }),
    );
    expect(update.statusCode).toBe(200);
    expect(update.json().settings).toMatchObject({ quietStart: '22:00', quietEnd: '08:00' });
    await createTask([
      { userId: t.member.id, role: 'R' },
      { userId: t.owner.id, role: 'A' },
    ]);
    await t.drain();
    expect((await inbox(t.member)).items).toHaveLength(0);

    const bad = await t.app.inject(
      as(t.member, {
        method: 'PUT',
        url: '/api/v1/me/notification-settings',
        payload: {
          timezone: 'Mars/Base',
          quietStart: '22:00',
          quietEnd: null,
          digest: false,
          digestHour: 9,
          preferences: [],
        },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('timezone');
  });

  it('streams a new notification live to the recipient over a real HTTP connection', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const client = await openSse(`http://127.0.0.1:${port}${t.url('/notifications/stream')}`, {
      cookie: t.member.cookie,
      'accept-language': 'zh-CN',
    });
    try {
      expect((await client.next('ready')).data).toEqual({ unread: 0 });
      await createTask(
        [
          { userId: t.member.id, role: 'R' },
          { userId: t.owner.id, role: 'A' },
        ],
        '发布活动',
      );
      await t.drain();
      const live = await client.next('notification');
      expect(live.data).toMatchObject({
        type: 'task.assigned',
        title: '你被指定为「发布活动」的负责人（R）',
      });
      await t.app.inject(
        as(t.member, { method: 'POST', url: t.url('/notifications/read-all'), payload: {} }),
      );
      await client.next('read');
    } finally {
      client.close();
    }
  });

  it.runIf(TEST_DIALECT === 'postgres')(
    'reaches a browser connected to another app instance on the same PostgreSQL database',
    async () => {
      const connectionString = t.database.connectionString ?? '';
      const second = openDatabase({ databaseUrl: connectionString, poolSize: 3 });
      const instanceB = await buildApp(
        loadConfig({ logLevel: 'silent', runScheduler: false, webDir: null, now: () => t.clock.now }, {}),
        { database: second },
      );
      try {
        await instanceB.listen({ port: 0, host: '127.0.0.1' });
        const { port } = instanceB.server.address() as AddressInfo;
        const client = await openSse(`http://127.0.0.1:${port}${t.url('/notifications/stream')}`, {
          cookie: t.member.cookie,
        });
        try {
          await client.next('ready');
          // The change and its delivery both happen on instance A.
          await createTask(
            [
              { userId: t.member.id, role: 'R' },
              { userId: t.owner.id, role: 'A' },
            ],
            'Launch',
          );
          await t.drain();
          const live = await client.next('notification');
          expect(live.data).toMatchObject({
            type: 'task.assigned',
            title: 'You are Responsible for “Launch”',
          });
        } finally {
          client.close();
        }
      } finally {
        await instanceB.close();
        await second.destroy();
      }
    },
  );
});
