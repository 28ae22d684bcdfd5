import { describe, expect, it } from 'vitest';
import { runDueRoutines } from './service.ts';
import { as } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['member', 'viewer']);

const DAY = 86_400_000;

async function occurrences() {
  const tasks = await t.database.db
    .selectFrom('tasks')
    .select(['occurrence', 'status', 'title'])
    .orderBy('occurrence')
    .execute();
  return tasks.map((task) => `${task.occurrence} ${task.status}`);
}

describe('routines', () => {
  it('creates each weekly occurrence the day before, once, with the template’s people', async () => {
    const created = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url('/routines'),
        payload: {
          rule: 'FREQ=WEEKLY;BYDAY=FR',
          startsOn: '2026-11-27',
          template: {
            title: '周报',
            estimateHours: 2,
            roles: [
              { userId: t.member.id, role: 'A' },
              { userId: t.member.id, role: 'R' },
            ],
          },
        },
      }),
    );
    expect(created.statusCode).toBe(201);
    expect(created.json().routine.upcoming).toEqual([
      '2026-11-27',
      '2026-12-04',
      '2026-12-11',
      '2026-12-18',
      '2026-12-25',
    ]);
    expect(await occurrences()).toEqual(['2026-11-27 todo']);
    const task = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/tasks') }));
    expect(task.json().items[0]).toMatchObject({
      title: '周报',
      dueDate: '2026-11-27',
      roles: expect.arrayContaining([{ userId: t.member.id, name: t.member.name, role: 'A' }]),
    });

    t.clock.advance(7 * DAY);
    await t.database.db
      .updateTable('jobs')
      .set({ run_at: t.clock.now })
      .where('name', '=', 'tasks.routines')
      .execute();
    await t.app.services.scheduler.runDue();
    await t.app.services.scheduler.runDue();
    expect(await occurrences()).toEqual(['2026-11-27 todo', '2026-12-04 todo']);
  });

  it('skips one occurrence, edits the series and ends it', async () => {
    const routine = (
      await t.app.inject(
        as(t.owner, {
          method: 'POST',
          url: t.url('/routines'),
          payload: { rule: 'FREQ=DAILY', startsOn: '2026-11-27', template: { title: '数据检查' } },
        }),
      )
    ).json().routine;
    expect(await occurrences()).toEqual(['2026-11-27 todo']);
    const skipped = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url(`/routines/${routine.id}/skip`),
        payload: { day: '2026-11-27' },
      }),
    );
    expect(skipped.json().routine.skipped).toEqual(['2026-11-27']);
    expect(await occurrences()).toEqual(['2026-11-27 cancelled']);
    const edited = await t.app.inject(
      as(t.owner, {
        method: 'PATCH',
        url: t.url(`/routines/${routine.id}`),
        payload: { rule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR' },
      }),
    );
    expect(edited.json().routine.upcoming.slice(0, 2)).toEqual(['2026-11-30', '2026-12-01']);
    expect(
      (await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url(`/routines/${routine.id}`) })))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/routines') }))).json().items,
    ).toEqual([]);
  });

  it('explains a broken rule and keeps viewers out', async () => {
    const broken = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/routines'),
        payload: { rule: 'FREQ=SOMETIMES', startsOn: '2026-11-27', template: { title: 'x' } },
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'recurrence_invalid', fields: [{ path: 'rule' }] });
    expect(broken.json().error.message).toContain('重复规则无效');
    const byViewer = await t.app.inject(
      as(t.viewer, {
        method: 'POST',
        url: t.url('/routines'),
        payload: { rule: 'FREQ=DAILY', startsOn: '2026-11-27', template: { title: 'x' } },
      }),
    );
    expect(byViewer.statusCode).toBe(403);
  });

  it('catches up on the last week only for a routine started in 2016, and says what it left out', async () => {
    const created = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url('/routines'),
        payload: { rule: 'FREQ=DAILY', startsOn: '2016-01-01', template: { title: '日报' } },
      }),
    );
    expect(created.statusCode).toBe(201);
    // Today is 2026-11-26: 2026-11-19 … 2026-11-27 (tomorrow's appears today) are made, the 3,975 before not.
    expect(created.json().backfill).toEqual({ created: 9, omitted: 3975, omittedBefore: '2026-11-19' });
    const made = await occurrences();
    expect(made).toHaveLength(9);
    expect(made[0]).toBe('2026-11-19 todo');
    expect(created.json().routine.nextOccurrence).toBe('2026-11-28');
    const audit = await t.database.db
      .selectFrom('audit_entries')
      .select('changes')
      .where('action', '=', 'routine.created')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes ?? '{}').backfill).toEqual(created.json().backfill);
  });

  it('the job catches up on a week only after a long pause, and records what it left out', async () => {
    const routine = (
      await t.app.inject(
        as(t.owner, {
          method: 'POST',
          url: t.url('/routines'),
          payload: { rule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2026-11-30', template: { title: '周会' } },
        }),
      )
    ).json();
    expect(routine.backfill).toEqual({ created: 0, omitted: 0, omittedBefore: null });
    t.clock.advance(365 * DAY); // 2027-11-26, a Friday: 52 Mondays have passed unmade.
    expect(await runDueRoutines(t.app.services)).toBe(1);
    expect(await occurrences()).toEqual(['2027-11-22 todo']);
    const audit = await t.database.db
      .selectFrom('audit_entries')
      .select(['changes', 'actor_id'])
      .where('action', '=', 'routine.backfill_limited')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBeNull();
    expect(JSON.parse(audit.changes ?? '{}')).toEqual({
      created: 1,
      omitted: 51,
      omittedBefore: '2027-11-19',
    });
  });

  it('refuses a start in year 1 and sub-daily rules with a field error', async () => {
    const ancient = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/routines'),
        payload: { rule: 'FREQ=WEEKLY', startsOn: '0001-01-01', template: { title: 'x' } },
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(ancient.statusCode).toBe(400);
    expect(ancient.json().error.fields).toEqual([
      { path: 'startsOn', message: '请使用 2000-01-01 至 2100-12-31 之间的日期。' },
    ]);
    const skipAncient = await t.app.inject(
      as(t.owner, { method: 'POST', url: t.url('/routines/any/skip'), payload: { day: '1999-12-31' } }),
    );
    expect(skipAncient.statusCode).toBe(400);
    expect(skipAncient.json().error.fields[0].path).toBe('day');
    const secondly = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/routines'),
        payload: { rule: 'FREQ=SECONDLY', startsOn: '2026-11-01', template: { title: 'x' } },
      }),
    );
    expect(secondly.statusCode).toBe(400);
    expect(secondly.json().error).toMatchObject({ code: 'recurrence_invalid', fields: [{ path: 'rule' }] });
    expect(await occurrences()).toEqual([]);
  });
});
