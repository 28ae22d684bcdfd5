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

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let member: TestUser;
let admin: TestUser;
let workspaceId: string;

const DAY = 86_400_000;
const url = (suffix: string) => `/api/v1/w/${workspaceId}${suffix}`;

type Item = {
  kind: string;
  id: string;
  title: string;
  dueDay: string | null;
  roles: string[];
  isMilestone: boolean;
  period: string | null;
  stepName: string | null;
  context: string | null;
};
type MyDayData = {
  today: string;
  groups: Record<'overdue' | 'today' | 'week' | 'later', Item[]>;
  milestones: Array<{ title: string; dueDay: string }>;
};

beforeEach(async () => {
  // The test clock starts on Thursday 2026-11-26, 17:00 in China.
  t = await createTestApp({ sessionIdleDays: 365, sessionMaxDays: 365 });
  ({ workspaceId, owner, admin, manager, member } = await createTestTeam(t.app, [
    'admin',
    'manager',
    'member',
  ]));
});
afterEach(() => t.close());

async function post<T>(user: TestUser, path: string, payload: Record<string, unknown>) {
  const response = await t.app.inject(as(user, { method: 'POST', url: url(path), payload }));
  if (response.statusCode >= 300) throw new Error(`${path}: ${response.body}`);
  return response.json<T>();
}

async function myDayOf(user: TestUser) {
  const response = await t.app.inject(as(user, { method: 'GET', url: url('/my-day') }));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<MyDayData>();
}

const titles = (items: Item[]) => items.map((item) => item.title);

describe('my day', () => {
  it('gathers the caller’s tasks (R or A), steps, check-ins and KPI values, grouped by when they are due', async () => {
    // A goal set up eight days ago without a check-in, and a weekly KPI from the same day.
    await post(owner, '/goals', {
      title: '提升次日留存',
      ownerId: member.id,
      startDate: '2026-11-01',
      dueDate: '2027-03-31',
    });
    await post(owner, '/kpis', { key: 'dau', name: '日活', frequency: 'week', ownerId: member.id });
    t.clock.advance(8 * DAY); // Friday 2026-12-04

    // Every task needs one Accountable: the admin, unless the task names another.
    const task = (title: string, dueDate: string | null, roles: Array<[TestUser, string]>, extra = {}) =>
      post(owner, '/tasks', {
        title,
        dueDate,
        roles: [
          ...roles.map(([user, role]) => ({ userId: user.id, role })),
          ...(roles.some(([, role]) => role === 'A') ? [] : [{ userId: admin.id, role: 'A' }]),
        ],
        ...extra,
      });
    await task('整理上周用户反馈', '2026-12-02', [[member, 'R']]);
    await task('周五增长例会', '2026-12-04', [
      [owner, 'R'],
      [member, 'A'],
    ]);
    await task('准备双十二活动物料', '2026-12-08', [[member, 'R']]);
    await task('年度复盘', null, [[member, 'R']]);
    await task('只是知会我', '2026-12-04', [[member, 'I']]);
    await task('已经做完', '2026-12-03', [[member, 'R']], { status: 'done' });
    await task('别人的任务', '2026-12-04', [[manager, 'R']]);
    await task('双十二上线', '2026-12-12', [[manager, 'A']], { isMilestone: true });

    // A feedback case whose first step goes to whoever carries the template's role in their title: the member
    // (the workspace is English, so the role is "Customer service").
    await t.app.inject(
      as(owner, {
        method: 'PATCH',
        url: url(`/members/${member.id}`),
        payload: { title: 'Customer service agent' },
      }),
    );
    const process = await post<{ id: string }>(owner, '/processes', { templateKey: 'feedback' });
    const run = await post<{ id: string }>(owner, `/processes/${process.id}/runs`, {
      subject: '用户反馈：积分没到账',
    });

    const myDay = await myDayOf(member);
    expect(myDay.today).toBe('2026-12-04');
    // Overdue: the task due Wednesday, the check-in due Thursday, last week's KPI value (due Monday).
    expect(titles(myDay.groups.overdue)).toEqual(['日活', '整理上周用户反馈', '提升次日留存']);
    expect(myDay.groups.overdue.find((item) => item.kind === 'kpi_value')).toMatchObject({
      id: 'dau',
      period: '2026-11-23',
    });
    expect(myDay.groups.overdue.find((item) => item.kind === 'check_in')).toMatchObject({
      dueDay: '2026-12-03',
    });
    // Today: the task she is Accountable for. The case's step is due within its SLA on Monday.
    expect(myDay.groups.today).toEqual([
      expect.objectContaining({ kind: 'task', title: '周五增长例会', roles: ['A'] }),
    ]);
    expect(titles(myDay.groups.week)).toEqual(['用户反馈：积分没到账', '准备双十二活动物料']);
    expect(myDay.groups.week[0]).toMatchObject({
      kind: 'step',
      id: run.id,
      stepName: 'Collect feedback',
      context: 'User feedback handling',
    });
    expect(titles(myDay.groups.later)).toEqual(['年度复盘']);
    // The team's milestone is on everyone's overview, not in anyone's queue but its owner's.
    expect(myDay.milestones).toEqual([
      expect.objectContaining({ title: '双十二上线', dueDay: '2026-12-12' }),
    ]);

    // Another member sees none of hers; the owner sees the task he is Responsible for.
    const managers = await myDayOf(manager);
    const all = (value: MyDayData) => Object.values(value.groups).flat();
    expect(titles(all(managers)).sort()).toEqual(['别人的任务', '双十二上线'].sort());
    const owners = await myDayOf(owner);
    expect(titles(all(owners))).toEqual(['周五增长例会']);
  });

  it('needs a session and refuses another workspace', async () => {
    expect((await t.app.inject({ method: 'GET', url: url('/my-day') })).statusCode).toBe(401);
    const stranger = await signUpUser(t.app);
    const elsewhere = await createTestWorkspace(t.app, stranger);
    const refused = await t.app.inject(as(member, { method: 'GET', url: `/api/v1/w/${elsewhere}/my-day` }));
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('workspace_not_found');
  });
});
