import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp.ts';
import { sendDigests } from './service.ts';

let smtp: TestSmtpServer;
beforeEach(async () => {
  smtp = await startSmtpServer();
});
afterEach(() => smtp.close());
const t = useTestTeam(['member'], {
  config: () => ({ smtpUrl: smtp.url, publicUrl: 'https://ops.example.com' }),
  locales: { member: 'zh-CN' },
});

async function assign(title: string) {
  const response = await t.app.inject(
    as(t.owner, {
      method: 'POST',
      url: t.url('/tasks'),
      payload: {
        title,
        roles: [
          { userId: t.member.id, role: 'R' },
          { userId: t.owner.id, role: 'A' },
        ],
      },
    }),
  );
  expect(response.statusCode).toBe(201);
}

async function settings(user: TestUser, changes: Record<string, unknown>) {
  const response = await t.app.inject(
    as(user, {
      method: 'PUT',
      url: '/api/v1/me/notification-settings',
      payload: {
        timezone: 'Asia/Shanghai',
        quietStart: null,
        quietEnd: null,
        digest: false,
        digestHour: 9,
        preferences: [],
        ...changes,
      },
    }),
  );
  expect(response.statusCode).toBe(200);
}

describe('e-mail notifications', () => {
  it('mails the recipient in their language with a one-click unsubscribe that works', async () => {
    await assign('发布双十二活动');
    await t.drain();
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail?.to).toEqual([t.member.email]);
    expect(mail?.subject).toBe('你被指定为「发布双十二活动」的负责人（R）');
    expect(mail?.text).toContain('在 OpsPlan 中查看: https://ops.example.com/w/');
    expect(mail?.html).toContain('<strong>你被指定为「发布双十二活动」的负责人（R）</strong>');
    expect(mail?.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = /<(https:\/\/ops\.example\.com\/api\/v1\/unsubscribe\?token=[^>]+)>/.exec(
      mail?.headers.get('list-unsubscribe') ?? '',
    )?.[1];
    expect(link).toBeDefined();
    expect(mail?.html).toContain(link?.replace(/&/g, '&amp;'));
    const path = (link ?? '').replace('https://ops.example.com', '');

    // Following the link shows a page with one button; it changes nothing by itself.
    const page = await t.app.inject({ method: 'GET', url: path, headers: { 'accept-language': 'zh-CN' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('退订');
    const forged = await t.app.inject({ method: 'POST', url: `${path.slice(0, -3)}abc` });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('unsubscribe_invalid');
    // What a mail client does for RFC 8058: POST the form field to the header's address.
    const done = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('已退订');

    const after = await t.app.inject(
      as(t.member, { method: 'GET', url: '/api/v1/me/notification-settings' }),
    );
    expect(after.json().settings.preferences).toContainEqual({
      eventType: 'task.assigned',
      channel: 'email',
      enabled: false,
    });
    await assign('第二个任务');
    await t.drain();
    expect(smtp.messages).toHaveLength(1);
  });

  it('holds e-mail during quiet hours in the recipient’s time zone', async () => {
    // The test clock is 09:00 UTC: 17:00 in Shanghai.
    await settings(t.member, { quietStart: '16:30', quietEnd: '18:00' });
    await assign('整理周报');
    await t.drain();
    expect(smtp.messages).toHaveLength(0);
    t.clock.advance(30 * 60_000);
    await t.drain();
    expect(smtp.messages).toHaveLength(0);
    t.clock.advance(30 * 60_000);
    await t.drain();
    expect(smtp.messages).toHaveLength(1);
  });

  it('collects e-mail into one daily digest at the chosen hour', async () => {
    await settings(t.member, { digest: true, digestHour: 18 });
    await assign('一');
    await assign('二');
    await t.drain();
    expect(smtp.messages).toHaveLength(0);
    expect(await sendDigests(t.app.services)).toBe(0);
    t.clock.advance(60 * 60_000);
    expect(await sendDigests(t.app.services)).toBe(1);
    expect(await sendDigests(t.app.services)).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.subject).toBe('OpsPlan：今日 2 条动态');
    expect(smtp.messages[0]?.text).toContain('你被指定为「一」的负责人（R）');
    expect(smtp.messages[0]?.text).toContain('你被指定为「二」的负责人（R）');
  });

  it('retries a message the SMTP server could not take, and records each attempt', async () => {
    await smtp.close();
    await assign('复盘');
    await t.drain();
    const failed = await t.database.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, channel: 'email' });
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    smtp = await startSmtpServer();
    // The address changed with the new server: point the running app at it.
    t.app.services.config.smtpUrl = smtp.url;
    t.clock.advance(3000);
    await t.drain();
    const sent = await t.database.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, response_code: 250, last_error: null });
    expect(smtp.messages).toHaveLength(1);
  });
});
