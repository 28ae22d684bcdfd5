import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  createTestTeam,
  createTestWorkspace,
  signUpUser,
  type TestApp,
  type TestUser,
} from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp.ts';
import { prepareUpcomingMeetings } from './agenda-job.ts';

const t = useTestTeam(['member', 'viewer']);

async function call(
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  payload?: object,
) {
  return t.app.inject(as(user, { method, url: t.url(path), ...(payload ? { payload } : {}) }));
}

async function startWeekly() {
  const created = await call(t.owner, 'POST', '/meeting-series', {
    title: '运营周会',
    rule: 'FREQ=WEEKLY;BYDAY=MO',
    startsOn: '2026-11-30',
    startTime: '10:00',
    attendeeIds: [t.owner.id, t.member.id],
  });
  expect(created.statusCode).toBe(201);
  return created.json() as {
    series: { id: string; nextDate: string };
    meeting: { id: string; date: string };
  };
}

describe('meetings', () => {
  it('starts a weekly series from an RRULE and refuses bad rules and strangers, naming the field', async () => {
    const { series, meeting } = await startWeekly();
    expect(meeting.date).toBe('2026-11-30');
    expect(series.nextDate).toBe('2026-12-07');

    const badRule = await call(t.owner, 'POST', '/meeting-series', {
      title: 'x',
      rule: 'FREQ=HOURLY',
      startsOn: '2026-11-30',
      startTime: '10:00',
      attendeeIds: [],
    });
    expect(badRule.statusCode).toBe(400);
    expect(badRule.json().error).toMatchObject({ code: 'recurrence_invalid', fields: [{ path: 'rule' }] });
    expect(badRule.json().error.message).toMatch(/repeat rule is not valid/);

    const stranger = await signUpUser(t.app);
    const foreign = await call(t.owner, 'POST', '/meetings', {
      title: '临时会',
      date: '2026-12-01',
      startTime: '15:00',
      attendeeIds: [stranger.id],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error).toMatchObject({
      code: 'attendee_not_member',
      fields: [{ path: 'attendeeIds' }],
    });

    const tooLong = await call(t.owner, 'PATCH', `/meetings/${meeting.id}`, { minutes: '字'.repeat(50_001) });
    expect(tooLong.statusCode).toBe(413);
    expect(tooLong.json().error).toMatchObject({ code: 'minutes_too_long', fields: [{ path: 'minutes' }] });
  });

  it('builds the agenda from live data, each item linked, and keeps the topics people wrote', async () => {
    const { meeting } = await startWeekly();
    const overdue = await call(t.owner, 'POST', '/tasks', { title: '上线新手引导', dueDate: '2026-11-20' });
    const taskId = overdue.json().task.id as string;
    const goal = await call(t.owner, 'POST', '/goals', {
      title: '提升新用户留存',
      startDate: '2026-10-01',
      dueDate: '2026-12-31',
    });
    const goalId = goal.json().goal.id as string;
    // Health and KPI status are kept by jobs on measurements; the test sets the outcome they would reach.
    await t.app.services.db
      .updateTable('goals')
      .set({ health: 'off_track' })
      .where('id', '=', goalId)
      .execute();

    await call(t.owner, 'PATCH', `/meetings/${meeting.id}`, {
      agenda: [{ id: 'manual-1', kind: 'topic', source: 'manual', title: '预算', detail: null, link: null }],
    });
    const built = await call(t.owner, 'POST', `/meetings/${meeting.id}/agenda/build`, {});
    expect(built.statusCode).toBe(200);
    const agenda = built.json().meeting.agenda as Array<{ kind: string; title: string; link: string | null }>;
    expect(agenda).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'goal', link: `/w/${t.workspaceId}/goals/${goalId}` }),
        expect.objectContaining({ kind: 'task', link: `/w/${t.workspaceId}/tasks?task=${taskId}` }),
        expect.objectContaining({ kind: 'topic', title: '预算' }),
      ]),
    );
    expect(agenda.find((item) => item.kind === 'task')?.title).toBe('Overdue: 上线新手引导');
    // Building again replaces the live items, not duplicates them.
    const again = await call(t.owner, 'POST', `/meetings/${meeting.id}/agenda/build`, {});
    expect(again.json().meeting.agenda).toHaveLength(agenda.length);
  });

  it('turns action items into tasks and opens the next meeting with the open ones', async () => {
    const { series, meeting } = await startWeekly();
    const first = await call(t.owner, 'POST', `/meetings/${meeting.id}/actions`, {
      title: '整理流失用户访谈',
      ownerId: t.member.id,
      dueDate: '2026-12-04',
    });
    expect(first.statusCode).toBe(201);
    await call(t.owner, 'POST', `/meetings/${meeting.id}/actions`, {
      title: '更新预算表',
      ownerId: t.owner.id,
      dueDate: '2026-12-03',
    });
    const actions = first.json().meeting.actions as Array<{ taskId: string; isOpen: boolean }>;
    const [open] = actions;
    expect(open).toMatchObject({ isOpen: true, taskStatus: 'todo', owner: { id: t.member.id } });

    const task = await call(t.owner, 'GET', `/tasks/${open?.taskId}`);
    expect(task.json().task).toMatchObject({ title: '整理流失用户访谈', dueDate: '2026-12-04' });
    const roles = (task.json().task.roles as Array<{ userId: string; role: string }>).map(
      (role) => `${role.role}:${role.userId}`,
    );
    expect(roles.sort()).toEqual([`A:${t.member.id}`, `R:${t.member.id}`]);

    // The second action is done before the next meeting: only the first is carried over.
    const refreshed = await call(t.owner, 'GET', `/meetings/${meeting.id}`);
    const done = (refreshed.json().meeting.actions as Array<{ taskId: string; title: string }>).find(
      (action) => action.title === '更新预算表',
    );
    await call(t.owner, 'PATCH', `/tasks/${done?.taskId}`, { status: 'done' });

    const next = await call(t.owner, 'POST', `/meeting-series/${series.id}/next`, {});
    expect(next.statusCode).toBe(201);
    expect(next.json().meeting).toMatchObject({ date: '2026-12-07', title: '运营周会' });
    const carried = next.json().meeting.agenda as Array<{ kind: string; source: string; title: string }>;
    expect(carried).toEqual([
      expect.objectContaining({ kind: 'action', source: 'carried', title: 'Open action: 整理流失用户访谈' }),
    ]);

    const stranger = await signUpUser(t.app);
    const badOwner = await call(t.owner, 'POST', `/meetings/${meeting.id}/actions`, {
      title: 'x',
      ownerId: stranger.id,
      dueDate: '2026-12-04',
    });
    expect(badOwner.statusCode).toBe(400);
    expect(badOwner.json().error).toMatchObject({
      code: 'action_owner_not_member',
      fields: [{ path: 'ownerId' }],
    });
  });

  it('sends the agenda and the minutes to the attendees and exports the minutes', async () => {
    const { meeting } = await startWeekly();
    await call(t.owner, 'PATCH', `/meetings/${meeting.id}`, {
      minutes: '讨论了 **留存**。',
      decisions: ['新手引导下周上线'],
    });
    const sent = await call(t.owner, 'POST', `/meetings/${meeting.id}/send-agenda`, {});
    expect(sent.json().meeting.agendaSentAt).toBe(t.clock.now);
    await call(t.owner, 'POST', `/meetings/${meeting.id}/send-minutes`, {});
    await t.drain();

    const inbox = await call(t.member, 'GET', '/notifications');
    const items = inbox.json().items as Array<{ type: string }>;
    // Both were made at the same instant: their order is the dispatcher's, so compare as a set.
    expect(items.map((item) => item.type).sort()).toEqual(['meeting.agenda_ready', 'meeting.minutes_ready']);
    expect(items.find((item) => item.type === 'meeting.minutes_ready')).toMatchObject({
      reason: 'informed',
      link: `/w/${t.workspaceId}/meetings/${meeting.id}`,
      title: 'Minutes of “运营周会” (2026-11-30): 1 decisions, 0 action items',
    });
    // The sender is not told of what they sent.
    expect((await call(t.owner, 'GET', '/notifications')).json().items).toHaveLength(0);
    expect((await call(t.owner, 'GET', `/meetings/${meeting.id}`)).json().meeting.status).toBe('held');

    const markdown = await call(t.owner, 'GET', `/meetings/${meeting.id}/minutes?format=md`);
    expect(markdown.headers['content-type']).toMatch(/text\/markdown/);
    expect(markdown.body).toContain('# 运营周会');
    expect(markdown.body).toContain('- 新手引导下周上线');
    const docx = await call(t.owner, 'GET', `/meetings/${meeting.id}/minutes?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('scopes every route to the workspace and checks roles', async () => {
    const { series, meeting } = await startWeekly();
    const other = await createTestTeam(t.app, []);
    const theirs = await t.app.inject(
      as(other.owner, {
        method: 'POST',
        url: `/api/v1/w/${other.workspaceId}/meetings`,
        payload: { title: 'x', date: '2026-12-01', startTime: '09:00', attendeeIds: [] },
      }),
    );
    const theirId = theirs.json().meeting.id as string;
    for (const [method, path] of [
      ['GET', `/meetings/${theirId}`],
      ['PATCH', `/meetings/${theirId}`],
      ['POST', `/meetings/${theirId}/agenda/build`],
      ['POST', `/meetings/${theirId}/send-agenda`],
      ['GET', `/meetings/${theirId}/minutes`],
      ['DELETE', `/meetings/${theirId}`],
    ] as const) {
      const response = await call(
        t.owner,
        method,
        path,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );
      expect(response.statusCode, `${method} ${path}`).toBe(404);
      expect(response.json().error.code).toBe('meeting_not_found');
    }
    const foreignSeries = await t.app.inject(
      as(other.owner, {
        method: 'POST',
        url: `/api/v1/w/${t.workspaceId}/meeting-series/${series.id}/next`,
        payload: {},
      }),
    );
    expect(foreignSeries.statusCode).toBe(404);
    expect(foreignSeries.json().error.code).toBe('workspace_not_found');

    const viewerWrite = await call(t.viewer, 'PATCH', `/meetings/${meeting.id}`, { minutes: 'x' });
    expect(viewerWrite.statusCode).toBe(403);
    expect((await call(t.viewer, 'GET', `/meetings/${meeting.id}`)).statusCode).toBe(200);
    const anonymous = await t.app.inject({ method: 'GET', url: t.url('/meetings') });
    expect(anonymous.statusCode).toBe(401);
    const listed = await call(t.member, 'GET', '/meetings');
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([meeting.id]);
  });
});

describe('the agenda before the meeting', () => {
  it('is built and sent by the scheduler a day ahead, once, and the series’ next meeting opens with open actions', async () => {
    const { meeting } = await startWeekly(); // Mondays 10:00 in Asia/Shanghai, from 2026-11-30
    const overdue = await call(t.owner, 'POST', '/tasks', { title: '上线新手引导', dueDate: '2026-11-20' });
    const overdueId = overdue.json().task.id as string;
    await call(t.owner, 'PATCH', `/meetings/${meeting.id}`, {
      agenda: [{ id: 'manual-1', kind: 'topic', source: 'manual', title: '预算', detail: null, link: null }],
    });

    // Thursday: more than a day ahead, nothing is sent.
    expect(await prepareUpcomingMeetings(t.app.services)).toEqual({ created: 0, sent: 0 });

    // Sunday 11:00 in Shanghai (03:00 UTC): less than 24 hours before Monday 10:00.
    t.clock.now = Date.UTC(2026, 10, 29, 3, 0);
    expect(await prepareUpcomingMeetings(t.app.services)).toEqual({ created: 0, sent: 1 });
    const sent = (await call(t.member, 'GET', `/meetings/${meeting.id}`)).json().meeting;
    expect(sent.agendaSentAt).toBe(t.clock.now);
    expect(sent.agenda).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'task', link: `/w/${t.workspaceId}/tasks?task=${overdueId}` }),
        expect.objectContaining({ kind: 'topic', title: '预算' }),
      ]),
    );
    await t.drain();
    for (const attendee of [t.owner, t.member]) {
      const inbox = (await call(attendee, 'GET', '/notifications')).json().items as Array<{
        type: string;
        link: string;
      }>;
      expect(inbox.filter((item) => item.type === 'meeting.agenda_ready')).toEqual([
        expect.objectContaining({ link: `/w/${t.workspaceId}/meetings/${meeting.id}` }),
      ]);
    }
    // Not again, whoever runs it.
    expect(await prepareUpcomingMeetings(t.app.services)).toEqual({ created: 0, sent: 0 });

    // At the meeting an action is agreed; it stays open.
    await call(t.owner, 'POST', `/meetings/${meeting.id}/actions`, {
      title: '整理流失用户访谈',
      ownerId: t.member.id,
      dueDate: '2026-12-04',
    });
    await call(t.owner, 'PATCH', `/meetings/${meeting.id}`, { status: 'held' });

    // The next Sunday the scheduler (its cron row, not a direct call) makes the 12-07 meeting and sends its agenda.
    t.clock.now = Date.UTC(2026, 11, 6, 3, 0);
    await t.drain();
    const meetings = (await call(t.member, 'GET', '/meetings')).json().items as Array<{
      id: string;
      date: string;
      agendaSentAt: number | null;
    }>;
    const next = meetings.find((item) => item.date === '2026-12-07');
    expect(next?.agendaSentAt).not.toBeNull();
    const nextAgenda = (await call(t.member, 'GET', `/meetings/${next?.id}`)).json().meeting.agenda as Array<{
      source: string;
      title: string;
    }>;
    expect(
      nextAgenda
        .filter((item) => item.source === 'carried')
        .map((item) => item.title)
        .join(),
    ).toContain('整理流失用户访谈');
    const feed = (await call(t.viewer, 'GET', '/activity?objectType=meeting&kind=updated')).json()
      .items as Array<{
      change: { action: string; actor: unknown };
    }>;
    expect(feed.filter((item) => item.change.action === 'meeting.agenda_auto_sent')).toHaveLength(2);
    expect(feed.find((item) => item.change.action === 'meeting.agenda_auto_sent')?.change.actor).toBeNull();
  });

  it('leaves a meeting alone whose agenda someone already sent', async () => {
    const { meeting } = await startWeekly();
    await call(t.owner, 'POST', `/meetings/${meeting.id}/send-agenda`, {});
    t.clock.now = Date.UTC(2026, 10, 29, 3, 0);
    expect(await prepareUpcomingMeetings(t.app.services)).toEqual({ created: 0, sent: 0 });
  });
});

describe('agenda and minutes by e-mail', () => {
  let smtp: TestSmtpServer;
  let mail: TestApp;
  let lead: TestUser;
  let colleague: TestUser;
  let teamId: string;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    mail = await createTestApp({ smtpUrl: smtp.url, publicUrl: 'https://ops.example.com' });
    lead = await signUpUser(mail.app, { locale: 'en' });
    colleague = await signUpUser(mail.app, { locale: 'zh-CN' });
    teamId = await createTestWorkspace(mail.app, lead, { member: colleague });
  });
  afterEach(async () => {
    await mail.close();
    await smtp.close();
  });

  const teamCall = (
    user: TestUser,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    path: string,
    payload?: object,
  ) =>
    mail.app.inject(as(user, { method, url: `/api/v1/w/${teamId}${path}`, ...(payload ? { payload } : {}) }));
  const drainMail = async () => {
    while ((await mail.app.services.scheduler.runDue()) > 0);
  };

  it('sends the agenda items ahead by the series’ own lead, in the team’s zone, and the minutes after, in each reader’s language', async () => {
    // The team works in London; its weekly meeting is Mondays 10:00 there, the agenda 48 hours ahead.
    expect(
      (
        await teamCall(lead, 'PUT', '/work-time', {
          timeZone: 'Europe/London',
          workStart: '09:00',
          workEnd: '18:00',
          weekPattern: 'five_day',
        })
      ).statusCode,
    ).toBe(200);
    const created = await teamCall(lead, 'POST', '/meeting-series', {
      title: '运营周会',
      rule: 'FREQ=WEEKLY;BYDAY=MO',
      startsOn: '2026-11-30',
      startTime: '10:00',
      attendeeIds: [lead.id, colleague.id],
      agendaLeadHours: 48,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().series.agendaLeadHours).toBe(48);
    const meetingId = created.json().meeting.id as string;
    const overdue = await teamCall(lead, 'POST', '/tasks', { title: '上线新手引导', dueDate: '2026-11-20' });
    const overdueId = overdue.json().task.id as string;
    await teamCall(lead, 'PATCH', `/meetings/${meetingId}`, {
      agenda: [
        { id: 'manual-1', kind: 'topic', source: 'manual', title: '预算', detail: '下季度', link: null },
      ],
    });
    await drainMail();
    smtp.messages.length = 0;

    // Saturday 10:30 London is 48 hours less 30 minutes before: sent. (09:30 was still too early.)
    mail.clock.now = Date.UTC(2026, 10, 28, 9, 30);
    expect(await prepareUpcomingMeetings(mail.app.services)).toEqual({ created: 0, sent: 0 });
    mail.clock.now = Date.UTC(2026, 10, 28, 10, 30);
    expect(await prepareUpcomingMeetings(mail.app.services)).toEqual({ created: 0, sent: 1 });
    await drainMail();
    const agendaMails = smtp.messages.filter((message) => message.subject.includes('运营周会'));
    expect(agendaMails.map((message) => message.to[0]).sort()).toEqual([colleague.email, lead.email].sort());
    const toColleague = agendaMails.find((message) => message.to[0] === colleague.email);
    expect(toColleague?.subject).toMatch(/^「运营周会」（2026-11-30 10:00）的议程：共 \d+ 项$/);
    expect(toColleague?.text).toContain('议程');
    expect(toColleague?.text).toContain('预算 (下季度)');
    expect(toColleague?.text).toContain('上线新手引导');
    expect(toColleague?.html).toContain(`https://ops.example.com/w/${teamId}/tasks?task=${overdueId}`);
    const toLead = agendaMails.find((message) => message.to[0] === lead.email);
    expect(toLead?.text).toContain('Agenda');
    expect(toLead?.text).toContain('预算 (下季度)');

    // After the meeting: minutes, a decision and an action with its owner go to the attendees but the sender.
    mail.clock.now = Date.UTC(2026, 10, 30, 12, 0);
    await teamCall(lead, 'PATCH', `/meetings/${meetingId}`, {
      minutes: '讨论了 **留存** 与 <script>x</script> 预算。',
      decisions: ['新手引导下周上线'],
    });
    await teamCall(lead, 'POST', `/meetings/${meetingId}/actions`, {
      title: '整理流失用户访谈',
      ownerId: colleague.id,
      dueDate: '2026-12-04',
    });
    smtp.messages.length = 0;
    expect((await teamCall(lead, 'POST', `/meetings/${meetingId}/send-minutes`, {})).statusCode).toBe(200);
    await drainMail();
    const minutes = smtp.messages.filter((message) => message.subject.includes('纪要'));
    expect(minutes.map((message) => message.to[0])).toEqual([colleague.email]);
    const [sent] = minutes;
    expect(sent?.subject).toBe('「运营周会」（2026-11-30）的纪要：1 项决定，1 个行动项');
    for (const part of [
      '纪要',
      '讨论了',
      '决定',
      '新手引导下周上线',
      '行动项',
      '整理流失用户访谈',
      '截止: 2026-12-04',
    ]) {
      expect(sent?.text).toContain(part);
    }
    expect(sent?.html).toContain('<strong>留存</strong>');
    expect(sent?.html).not.toContain('<script>');
  });

  it('changes a series’ lead, refusing what is out of range and other roles', async () => {
    const created = await teamCall(lead, 'POST', '/meeting-series', {
      title: 'Weekly sync',
      rule: 'FREQ=WEEKLY;BYDAY=MO',
      startsOn: '2026-11-30',
      startTime: '10:00',
      attendeeIds: [lead.id],
    });
    const seriesId = created.json().series.id as string;
    expect(created.json().series.agendaLeadHours).toBe(24);
    const changed = await teamCall(lead, 'PATCH', `/meeting-series/${seriesId}`, { agendaLeadHours: 4 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().series.agendaLeadHours).toBe(4);
    const tooLong = await teamCall(lead, 'PATCH', `/meeting-series/${seriesId}`, { agendaLeadHours: 169 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields).toEqual([expect.objectContaining({ path: 'agendaLeadHours' })]);
    const byMember = await teamCall(colleague, 'PATCH', `/meeting-series/${seriesId}`, {
      agendaLeadHours: 8,
    });
    expect(byMember.statusCode).toBe(200);
    const stranger = await signUpUser(mail.app);
    const foreign = await mail.app.inject(
      as(stranger, {
        method: 'PATCH',
        url: `/api/v1/w/${teamId}/meeting-series/${seriesId}`,
        payload: { agendaLeadHours: 8 },
      }),
    );
    expect(foreign.statusCode).toBe(404);
  });
});

describe('demo communication', () => {
  it('holds comments, a weekly series with minutes and actions, paused bot targets, and the plan communication section', async () => {
    const demo = await t.app.inject(
      as(t.owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
    );
    const demoId = demo.json().workspace.id as string;
    const get = (path: string) =>
      t.app.inject(as(t.owner, { method: 'GET', url: `/api/v1/w/${demoId}${path}` }));

    const feed = await get('/activity?limit=200');
    expect(
      feed.json().items.filter((item: { kind: string }) => item.kind === 'comment').length,
    ).toBeGreaterThanOrEqual(4);
    const series = (await get('/meeting-series')).json().items;
    expect(series).toHaveLength(1);
    const meetings = (await get('/meetings')).json().items as Array<{ id: string; status: string }>;
    expect(meetings.map((meeting) => meeting.status)).toEqual(['planned', 'held', 'held']);
    const last = (await get(`/meetings/${meetings[1]?.id}`)).json().meeting;
    expect(last.minutes).toContain('老带新');
    expect(last.actions.length).toBe(2);
    const next = (await get(`/meetings/${meetings[0]?.id}`)).json().meeting;
    const carried = next.agenda.filter((item: { source: string }) => item.source === 'carried');
    const carriedText = carried.map((item: { title: string }) => item.title).join('\n');
    // Open actions of earlier meetings are carried; done ones are not.
    expect(carriedText).toContain('新手引导 3 步方案原型');
    expect(carriedText).toContain('老带新奖励 A/B 测试方案');
    expect(carriedText).not.toContain('活动页面文案初稿');
    expect(next.agenda.some((item: { source: string }) => item.source === 'live')).toBe(true);

    const targets = (await get('/chat-targets')).json().items as Array<{ kind: string; enabled: boolean }>;
    expect(targets.map((target) => target.kind).sort()).toEqual(['dingtalk', 'wecom']);
    expect(targets.every((target) => !target.enabled)).toBe(true);

    const plan = await get('/plan/export?format=json');
    expect(plan.json().plan.sections.communication.meetings[0]).toMatchObject({
      rule: 'FREQ=WEEKLY;BYDAY=MO',
    });
  });
});
