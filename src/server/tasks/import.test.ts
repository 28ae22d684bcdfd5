import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { emitDueEvents } from './jobs.ts';
import { as } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['member']);

async function upload(body: Buffer, query: string, contentType = 'text/csv') {
  return t.app.inject(
    as(t.owner, {
      method: 'POST',
      url: t.url(`/tasks/import?${query}`),
      payload: body,
      headers: { 'content-type': contentType },
    }),
  );
}

function wbsCsv(rows: string[]) {
  return Buffer.from(['wbs,title,owner,estimate,start,due,predecessors', ...rows].join('\n'));
}

describe('WBS import and export', () => {
  it('previews, then saves a milestone plan with owners, estimates and dependencies', async () => {
    const file = wbsCsv([
      `1,拉新活动,${t.owner.email},,,2026-12-31,`,
      `1.1,市场调研,${t.member.email},16,2026-12-01,2026-12-02,`,
      `1.2,活动方案,${t.member.email},24,,,1.1`,
      `1.3,渠道投放,${t.owner.email},40,,,"1.2+2"`,
      `2,复盘,${t.owner.email},4,,,1.3`,
    ]);
    const preview = await upload(file, 'dryRun=true');
    expect(preview.json()).toMatchObject({ totalRows: 5, validRows: 5, issueCount: 0, saved: 0 });
    expect(await t.database.db.selectFrom('tasks').selectAll().execute()).toHaveLength(0);
    const saved = await upload(file, 'dryRun=false');
    expect(saved.json().saved).toBe(5);
    const schedule = (await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/schedule') }))).json();
    const byTitle = new Map(schedule.tasks.map((task: { title: string }) => [task.title, task]));
    expect(byTitle.get('活动方案')).toMatchObject({
      wbs: '1.2',
      roles: expect.arrayContaining([{ userId: t.member.id, name: t.member.name, role: 'R' }]),
    });
    expect(schedule.dependencies.find((d: { lagDays: number }) => d.lagDays === 2)).toBeTruthy();
    const exported = await t.app.inject(
      as(t.owner, { method: 'GET', url: t.url('/tasks/export?format=csv') }),
    );
    const lines = exported.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('wbs,title,owner,estimate,start,due,predecessors,status');
    expect(lines).toContain(`1.3,渠道投放,${t.owner.email},40,,,1.2+2,todo`);
  });

  it('names every faulty row and column, and saves nothing', async () => {
    const file = wbsCsv([
      `1,拉新活动,${t.owner.email},,,,`,
      `1.1,,nobody@example.com,-3,2026-12-05,2026-12-01,9.9`,
      `3.1,孤儿,,,,,`,
      `1,重复,,,,,`,
    ]);
    const preview = (await upload(file, 'dryRun=true')).json();
    const byRow = preview.issues.map(
      (issue: { row: number; column: string }) => `${issue.row}:${issue.column}`,
    );
    expect(byRow).toEqual(
      expect.arrayContaining([
        '3:title',
        '3:owner',
        '3:estimate',
        '3:due',
        '3:predecessors',
        '4:wbs',
        '5:wbs',
      ]),
    );
    const commit = await upload(file, 'dryRun=false');
    expect(commit.statusCode).toBe(400);
    expect(commit.json().error.code).toBe('import_invalid');
    expect(await t.database.db.selectFrom('tasks').selectAll().execute()).toHaveLength(0);
  });

  it('refuses predecessors that go in a circle, and reads XLSX', async () => {
    const loop = await upload(wbsCsv(['1,A,,,,,2', '2,B,,,,,1']), 'dryRun=true');
    expect(loop.json().issues[0].message).toContain('1 → 2 → 1');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('wbs');
    sheet.addRow(['编号', '任务', '负责人', '预估工时', '开始', '截止', '前置任务']);
    sheet.addRow([
      '1',
      '周报',
      t.member.email,
      2,
      new Date(Date.UTC(2026, 11, 4)),
      new Date(Date.UTC(2026, 11, 4)),
      '',
    ]);
    const xlsx = await upload(
      Buffer.from(await workbook.xlsx.writeBuffer()),
      'dryRun=false',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.json()).toMatchObject({ saved: 1, issueCount: 0 });
  });
});

describe('calendar feed, saved views and due events', () => {
  it('publishes my due tasks as an iCalendar feed another parser reads', async () => {
    const created = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/tasks'),
        payload: { title: '月度复盘会', dueDate: '2026-12-31', isMilestone: true },
      }),
    );
    expect(created.statusCode).toBe(201);
    await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url('/tasks'),
        payload: { title: '别人的任务', dueDate: '2026-12-30' },
      }),
    );
    const { url: feedUrl } = (
      await t.app.inject(as(t.owner, { method: 'POST', url: t.url('/calendar-feed') }))
    ).json();
    const path = new URL(feedUrl).pathname;
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
    expect(events.map((event) => event.summary)).toEqual(['◆ 月度复盘会']);
    expect(events[0]?.startDate.toString()).toBe('2026-12-31');
    // Rotating the link retires the old one.
    await t.app.inject(as(t.owner, { method: 'POST', url: t.url('/calendar-feed') }));
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
  });

  it('stops serving a feed when its person leaves the workspace', async () => {
    const created = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/tasks'),
        payload: {
          title: '内部定价方案',
          dueDate: '2026-12-31',
          roles: [
            { userId: t.member.id, role: 'R' },
            { userId: t.owner.id, role: 'A' },
          ],
        },
      }),
    );
    expect(created.statusCode).toBe(201);
    const { url: feedUrl } = (
      await t.app.inject(as(t.member, { method: 'POST', url: t.url('/calendar-feed') }))
    ).json();
    const path = new URL(feedUrl).pathname;
    expect((await t.app.inject({ method: 'GET', url: path })).body).toContain('内部定价方案');

    const removed = await t.app.inject(
      as(t.owner, { method: 'DELETE', url: t.url(`/members/${t.member.id}`) }),
    );
    expect(removed.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: path });
    expect(after.statusCode).toBe(404);
    expect(after.body).not.toContain('内部定价方案');
    // Revoked with the membership, not merely hidden: re-inviting the person does not revive the old URL.
    expect(
      await t.database.db
        .selectFrom('calendar_feeds')
        .selectAll()
        .where('user_id', '=', t.member.id)
        .execute(),
    ).toHaveLength(0);
  });

  it('checks membership on every feed read, whatever left the feed behind', async () => {
    const { url: feedUrl } = (
      await t.app.inject(as(t.member, { method: 'POST', url: t.url('/calendar-feed') }))
    ).json();
    // A membership gone without its feed (as in a database from before feeds were revoked with it).
    await t.database.db
      .deleteFrom('memberships')
      .where('workspace_id', '=', t.workspaceId)
      .where('user_id', '=', t.member.id)
      .execute();
    expect((await t.app.inject({ method: 'GET', url: new URL(feedUrl).pathname })).statusCode).toBe(404);
  });

  it('keeps each person’s saved views to themselves', async () => {
    const saved = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url('/views'),
        payload: { name: '我的逾期', query: { status: ['todo'], sort: 'due' } },
      }),
    );
    expect(saved.statusCode).toBe(201);
    expect(
      (await t.app.inject(as(t.member, { method: 'GET', url: t.url('/views') }))).json().items,
    ).toHaveLength(1);
    expect(
      (await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/views') }))).json().items,
    ).toHaveLength(0);
    const id = saved.json().view.id as string;
    expect(
      (await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url(`/views/${id}`) }))).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject(as(t.member, { method: 'DELETE', url: t.url(`/views/${id}`) }))).statusCode,
    ).toBe(204);
  });

  it('emits due-soon and overdue events once, from the morning job', async () => {
    // Today is 2026-11-26 in the test clock.
    for (const [title, dueDate] of [
      ['明天截止', '2026-11-27'],
      ['昨天截止', '2026-11-25'],
      ['下周', '2026-12-03'],
    ]) {
      await t.app.inject(as(t.owner, { method: 'POST', url: t.url('/tasks'), payload: { title, dueDate } }));
    }
    expect(await emitDueEvents(t.app.services)).toBe(2);
    const events = await t.database.db
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('type', 'in', ['task.due_soon', 'task.overdue'])
      .execute();
    expect(events.map((event) => `${event.type} ${JSON.parse(event.payload).dueDate}`).sort()).toEqual([
      'task.due_soon 2026-11-27',
      'task.overdue 2026-11-25',
    ]);
  });
});
