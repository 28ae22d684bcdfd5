import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeActivity } from '../../core/activity/index.ts';
import { selectPlanRevision } from '../tasks/queries.ts';
import {
  as,
  createTestApp,
  createTestTeam,
  signUpUser,
  type TestApp,
  type TestUser,
} from '../testing/app.ts';

let t: TestApp;
let owner: TestUser;
let member: TestUser;
let workspaceId: string;

beforeEach(async () => {
  t = await createTestApp(); // Thursday 2026-11-26 09:00 UTC = 17:00 in Shanghai
  ({ workspaceId, owner, member } = await createTestTeam(t.app, ['member']));
});
afterEach(() => t.close());

const url = (suffix: string) => `/api/v1/w/${workspaceId}${suffix}`;

const london = {
  timeZone: 'Europe/London',
  workStart: '09:00',
  workEnd: '17:30',
  weekPattern: 'five_day',
  bigWeekOf: null,
};

async function setWorkTime(payload: Record<string, unknown>, user = owner) {
  return t.app.inject(as(user, { method: 'PUT', url: url('/work-time'), payload }));
}

/** Starts a feedback case; its first step (收集反馈) has a 4-hour SLA. */
async function firstStepDue(): Promise<number> {
  const process = await t.app.inject(
    as(owner, { method: 'POST', url: url('/processes'), payload: { templateKey: 'feedback' } }),
  );
  const run = await t.app.inject(
    as(owner, {
      method: 'POST',
      url: url(`/processes/${process.json().id}/runs`),
      payload: { subject: 'Check-in page' },
    }),
  );
  expect(run.statusCode).toBe(201);
  const detail = await t.app.inject(as(owner, { method: 'GET', url: url(`/runs/${run.json().id}`) }));
  return detail.json().currentStep.dueAt as number;
}

describe('work time', () => {
  it('keeps the server’s defaults until set, then reads the stored zone, hours and week', async () => {
    const before = await t.app.inject(as(member, { method: 'GET', url: url('/work-time') }));
    expect(before.json().workTime).toEqual({
      timeZone: 'Asia/Shanghai',
      workStart: '09:00',
      workEnd: '18:00',
      weekPattern: 'five_day',
      bigWeekOf: null,
      today: '2026-11-26',
    });
    const saved = await setWorkTime({ ...london, timeZone: 'Pacific/Honolulu' });
    expect(saved.statusCode).toBe(200);
    // UTC−10: still Wednesday there.
    expect(saved.json().workTime).toMatchObject({ timeZone: 'Pacific/Honolulu', today: '2026-11-25' });
    const audit = await t.app.inject(as(owner, { method: 'GET', url: url('/audit?limit=1') }));
    const [entry] = audit.json().items;
    const described = describeActivity(
      { ...entry, actorName: 'Wang Lei', objectTitle: entry.object.title },
      'zh-CN',
    );
    expect(described.parts.map((part: { text: string }) => part.text).join('')).toBe(
      'Wang Lei 修改了工作区的时区、工作时间与工作周',
    );
    expect(described.details).toEqual(['时区：Asia/Shanghai → Pacific/Honolulu', '下班时间：18:00 → 17:30']);
  });

  it('counts SLAs in the workspace’s time zone and hours', async () => {
    // 17:00 Thursday in Shanghai: one hour today and three on Friday, due 12:00 Friday = 04:00 UTC.
    expect(await firstStepDue()).toBe(Date.UTC(2026, 10, 27, 4));
    expect((await setWorkTime(london)).statusCode).toBe(200);
    // 09:00 Thursday in London: due 13:00 the same day.
    expect(await firstStepDue()).toBe(Date.UTC(2026, 10, 26, 13));
  });

  it('works Saturdays in the big weeks of a 大小周, and the schedule’s revision moves with the pattern', async () => {
    t.clock.advance(24 * 3_600_000); // Friday 17:00 in Shanghai
    const revision = await selectPlanRevision(t.database.db, workspaceId);
    const shanghai = { ...london, timeZone: 'Asia/Shanghai', workEnd: '18:00' };
    expect(
      (await setWorkTime({ ...shanghai, weekPattern: 'alternating', bigWeekOf: '2026-11-23' })).statusCode,
    ).toBe(200);
    expect(await selectPlanRevision(t.database.db, workspaceId)).toBeGreaterThan(revision);
    expect(await firstStepDue()).toBe(Date.UTC(2026, 10, 28, 4)); // Saturday 12:00
    expect(
      (await setWorkTime({ ...shanghai, weekPattern: 'alternating', bigWeekOf: '2026-11-30' })).statusCode,
    ).toBe(200);
    expect(await firstStepDue()).toBe(Date.UTC(2026, 10, 30, 4)); // Monday 12:00: this Saturday is off
    const stored = await t.app.inject(as(owner, { method: 'GET', url: url('/work-time') }));
    expect(stored.json().workTime).toMatchObject({ weekPattern: 'alternating', bigWeekOf: '2026-11-30' });
  });

  it('names each wrong field, in the caller’s language', async () => {
    const response = await t.app.inject({
      ...as(owner, {
        method: 'PUT',
        url: url('/work-time'),
        payload: {
          timeZone: 'Mars/Olympus',
          workStart: '09:00',
          workEnd: '08:00',
          weekPattern: 'alternating',
        },
      }),
      headers: { ...as(owner, { method: 'GET', url: '/' }).headers, 'accept-language': 'zh-CN' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual(
      expect.arrayContaining([
        { path: 'timeZone', message: '请使用 Asia/Shanghai、Europe/London 这样的时区名称。' },
        { path: 'workEnd', message: '下班时间应晚于上班时间。' },
        { path: 'bigWeekOf', message: '必填。' },
      ]),
    );
  });

  it('lets only admins change it, and hides other workspaces', async () => {
    expect((await setWorkTime(london, member)).statusCode).toBe(403);
    const outsider = await signUpUser(t.app);
    expect((await t.app.inject(as(outsider, { method: 'GET', url: url('/work-time') }))).statusCode).toBe(
      404,
    );
    expect((await setWorkTime(london, outsider)).statusCode).toBe(404);
  });
});
