import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emitDueEvents } from '../tasks/jobs.ts';
import { as, createTestApp, createTestTeam, type TestApp, type TestUser } from '../testing/app.ts';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp.ts';
import { emitKpiValuesDue } from './reminders.ts';

let smtp: TestSmtpServer;
let t: TestApp;
let owner: TestUser;
let member: TestUser;
let workspaceId: string;

beforeEach(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  ({ workspaceId, owner, member } = await createTestTeam(t.app, ['member']));
});
afterEach(async () => {
  await t.close();
  await smtp.close();
});

const url = (suffix: string) => `/api/v1/w/${workspaceId}${suffix}`;

async function drain() {
  while ((await t.app.services.scheduler.runDue()) > 0);
}

async function inbox(user: TestUser) {
  return (await t.app.inject(as(user, { method: 'GET', url: url('/notifications') }))).json().items as {
    type: string;
    title: string;
  }[];
}

describe('reminders', () => {
  it('tells an overdue task’s R and A, each by the channels they chose', async () => {
    // The owner keeps overdue tasks in the app only; the member keeps the default (app and e-mail).
    await t.app.inject(
      as(owner, {
        method: 'PUT',
        url: '/api/v1/me/notification-settings',
        payload: {
          timezone: 'Asia/Shanghai',
          quietStart: null,
          quietEnd: null,
          digest: false,
          digestHour: 9,
          preferences: [{ eventType: 'task.overdue', channel: 'email', enabled: false }],
        },
      }),
    );
    await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/tasks'),
        payload: {
          title: '提交月度复盘',
          dueDate: '2026-11-25',
          roles: [
            { userId: member.id, role: 'R' },
            { userId: owner.id, role: 'A' },
          ],
        },
      }),
    );
    await drain();
    smtp.messages.length = 0;
    // 2026-11-26 in Shanghai: the due day was yesterday.
    expect(await emitDueEvents(t.app.services)).toBe(1);
    await drain();
    for (const user of [member, owner]) {
      expect((await inbox(user)).map((item) => item.title)).toContain(
        '“提交月度复盘” is overdue (due 2026-11-25)',
      );
    }
    expect(smtp.messages.map((mail) => mail.to[0])).toEqual([member.email]);
    expect(smtp.messages[0]?.subject).toBe('“提交月度复盘” is overdue (due 2026-11-25)');
  });

  it('asks a KPI owner for the value of the period that just ended, once', async () => {
    const created = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/kpis'),
        payload: { key: 'dau', name: '日活跃用户', frequency: 'day', ownerId: member.id },
      }),
    );
    expect(created.statusCode).toBe(201);
    expect(await emitKpiValuesDue(t.app.services)).toBe(1);
    await drain();
    expect((await inbox(member)).map((item) => item.title)).toEqual([
      'KPI “日活跃用户” needs its value for 2026-11-25',
    ]);
    await t.app.inject(
      as(member, {
        method: 'POST',
        url: url('/kpis/dau/measurements'),
        payload: { points: [{ period: '2026-11-25', value: 1200 }] },
      }),
    );
    expect(await emitKpiValuesDue(t.app.services)).toBe(0);
  });
});
