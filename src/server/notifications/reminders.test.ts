import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emitDueEvents } from '../tasks/jobs.ts';
import { as, createTestTeam, type TestUser } from '../testing/app.ts';
import { createKpi, useTestTeam } from '../testing/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp.ts';
import { MORNINGS_JOB } from '../workspaces/mornings.ts';
import { emitKpiValuesDue } from './reminders.ts';

let smtp: TestSmtpServer;
beforeEach(async () => {
  smtp = await startSmtpServer();
});
afterEach(() => smtp.close());
const t = useTestTeam(['member'], { config: () => ({ smtpUrl: smtp.url }) });

async function inbox(user: TestUser, workspace = t.workspaceId) {
  const path = `/api/v1/w/${workspace}/notifications`;
  return (await t.app.inject(as(user, { method: 'GET', url: path }))).json().items as {
    type: string;
    title: string;
  }[];
}

describe('reminders', () => {
  it('tells an overdue task’s R and A, each by the channels they chose', async () => {
    // The owner keeps overdue tasks in the app only; the member keeps the default (app and e-mail).
    await t.app.inject(
      as(t.owner, {
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
      as(t.owner, {
        method: 'POST',
        url: t.url('/tasks'),
        payload: {
          title: '提交月度复盘',
          dueDate: '2026-11-25',
          roles: [
            { userId: t.member.id, role: 'R' },
            { userId: t.owner.id, role: 'A' },
          ],
        },
      }),
    );
    await t.drain();
    smtp.messages.length = 0;
    // 2026-11-26 in Shanghai: the due day was yesterday.
    expect(await emitDueEvents(t.app.services)).toBe(1);
    await t.drain();
    for (const user of [t.member, t.owner]) {
      expect((await inbox(user)).map((item) => item.title)).toContain(
        '“提交月度复盘” is overdue (due 2026-11-25)',
      );
    }
    expect(smtp.messages.map((mail) => mail.to[0])).toEqual([t.member.email]);
    expect(smtp.messages[0]?.subject).toBe('“提交月度复盘” is overdue (due 2026-11-25)');
  });

  it('asks a KPI owner for the value of the period that just ended, once', async () => {
    await createKpi(t, t.owner, { key: 'dau', name: '日活跃用户', frequency: 'day', ownerId: t.member.id });
    expect(await emitKpiValuesDue(t.app.services)).toBe(1);
    await t.drain();
    expect((await inbox(t.member)).map((item) => item.title)).toEqual([
      'KPI “日活跃用户” needs its value for 2026-11-25',
    ]);
    await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url('/kpis/dau/measurements'),
        payload: { points: [{ period: '2026-11-25', value: 1200 }] },
      }),
    );
    expect(await emitKpiValuesDue(t.app.services)).toBe(0);
  });

  it('sends each workspace its reminders in its own morning, once a day, and counts check-in days in its zone', async () => {
    // A second team works in New York; the first keeps the server's zone (Asia/Shanghai, 09:00).
    const newYork = await createTestTeam(t.app, []);
    const put = await t.app.inject(
      as(newYork.owner, {
        method: 'PUT',
        url: `/api/v1/w/${newYork.workspaceId}/work-time`,
        payload: {
          timeZone: 'America/New_York',
          workStart: '08:30',
          workEnd: '17:30',
          weekPattern: 'five_day',
        },
      }),
    );
    expect(put.statusCode).toBe(200);
    for (const [team, title] of [
      [{ workspaceId: t.workspaceId, owner: t.owner }, '上海的逾期任务'],
      [newYork, 'New York overdue task'],
    ] as const) {
      const created = await t.app.inject(
        as(team.owner, {
          method: 'POST',
          url: `/api/v1/w/${team.workspaceId}/tasks`,
          payload: {
            title,
            dueDate: '2026-11-26',
            roles: [
              { userId: team.owner.id, role: 'R' },
              { userId: team.owner.id, role: 'A' },
            ],
          },
        }),
      );
      expect(created.statusCode).toBe(201);
    }
    // A goal made on 2026-11-26 at 15:00 in New York — already the 27th in Shanghai.
    t.clock.now = Date.UTC(2026, 10, 26, 20, 0);
    const goal = await t.app.inject(
      as(newYork.owner, {
        method: 'POST',
        url: `/api/v1/w/${newYork.workspaceId}/goals`,
        payload: {
          title: 'Grow weekly actives by 20%',
          isTopLevel: true,
          startDate: '2026-11-01',
          dueDate: '2027-03-31',
        },
      }),
    );
    expect(goal.statusCode).toBe(201);
    await t.drain();

    const overdueTitles = async () =>
      (
        await t.database.db
          .selectFrom('events')
          .select('payload')
          .where('type', '=', 'task.overdue')
          .execute()
      ).map((event) => JSON.parse(event.payload).taskId as string);
    const runMornings = async (iso: string) => {
      t.clock.now = Date.parse(iso);
      await t.database.db
        .updateTable('jobs')
        .set({ run_at: t.clock.now })
        .where('key', '=', `cron:${MORNINGS_JOB}`)
        .execute();
      await t.drain();
    };

    // 01:00 UTC on the 27th: 09:00 in Shanghai, 20:00 the day before in New York.
    await runMornings('2026-11-27T01:00:00Z');
    expect(await overdueTitles()).toHaveLength(1);
    expect((await inbox(t.owner)).map((item) => item.title)).toContain(
      '“上海的逾期任务” is overdue (due 2026-11-26)',
    );
    expect((await inbox(newYork.owner, newYork.workspaceId)).map((item) => item.title)).toEqual([]);
    // 13:29 UTC is 08:29 in New York: not yet; 13:30 is its work start.
    await runMornings('2026-11-27T13:29:00Z');
    expect(await overdueTitles()).toHaveLength(1);
    await runMornings('2026-11-27T13:30:00Z');
    expect(await overdueTitles()).toHaveLength(2);
    expect((await inbox(newYork.owner, newYork.workspaceId)).map((item) => item.title)).toContain(
      '“New York overdue task” is overdue (due 2026-11-26)',
    );
    // Later runs the same day add nothing; no cron row fires at 01:00 UTC any more.
    await runMornings('2026-11-27T20:00:00Z');
    expect(await overdueTitles()).toHaveLength(2);
    expect(
      await t.database.db
        .selectFrom('jobs')
        .select('key')
        .where('key', 'in', [
          'cron:tasks.due_events',
          'cron:goals.check_in_reminders',
          'cron:notifications.kpi_values_due',
        ])
        .execute(),
    ).toEqual([]);

    // Seven New York days after the goal was made: its owner is asked to check in that morning
    // (six days in Shanghai's count, so a reminder on the server's day would not come).
    await runMornings('2026-12-03T13:30:00Z');
    expect((await inbox(newYork.owner, newYork.workspaceId)).map((item) => item.title)).toContain(
      'Time to check in on “Grow weekly actives by 20%” (7 days since the last one)',
    );
  });
});
