import { beforeEach, describe, expect, it } from 'vitest';
import { as, signUpUser, type TestUser } from '../testing/app.ts';
import { addMember, useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['admin', 'manager', 'member', 'viewer']);
let peer: TestUser;
let bystander: TestUser;

beforeEach(async () => {
  peer = await addMember(t, t.owner, { role: 'member', name: 'Pat Peer' });
  bystander = await addMember(t, t.owner, { role: 'member', name: 'Bea Bystander' });
});

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing');
  return value;
}

type Cycle = {
  id: string;
  stage: string;
  participants: Array<{
    id: string;
    reviewee: { id: string };
    reviews: Array<{ id: string; kind: string; reviewer: { id: string } | null }>;
  }>;
  myReviews: Array<{ id: string; kind: string; participantId: string }>;
};

async function createCycle(user: TestUser, body: Record<string, unknown> = {}) {
  return t.app.inject(
    as(user, {
      method: 'POST',
      url: t.url('/review-cycles'),
      payload: {
        name: 'Q3 2026',
        kind: 'quarterly',
        periodStart: '2026-07-01',
        builtinTemplate: 'kpi_ops',
        participants: [{ userId: t.member.id, peerIds: [peer.id] }],
        ...body,
      },
    }),
  );
}

const fullAnswers = {
  kr: { rating: 4 },
  delivery: { rating: 3 },
  sla: { rating: 4 },
  routines: { rating: 5 },
  checkins: { rating: 2 },
  teamwork: { rating: 4 },
  highlights: { text: 'Launched the referral campaign' },
  improve: { text: 'Write weekly reports on time' },
};

async function count(table: 'review_cycles' | 'review_participants' | 'reviews') {
  const rows = await t.database.db.selectFrom(table).select('id').execute();
  return rows.length;
}

describe('review cycles', () => {
  it('a manager starts a quarterly cycle: self, peer and manager reviews, stage reminders scheduled', async () => {
    const response = await createCycle(t.manager);
    expect(response.statusCode).toBe(201);
    const cycle = response.json<{
      cycle: Cycle & { periodEnd: string; stages: Array<{ stage: string; dueDate: string }> };
    }>().cycle;
    expect(cycle).toMatchObject({ stage: 'self', periodEnd: '2026-09-30' });
    expect(cycle.stages.map((s) => s.stage)).toEqual(['self', 'peer', 'manager', 'calibration', 'sign_off']);
    const reviews = cycle.participants[0]?.reviews ?? [];
    expect(reviews.map((r) => [r.kind, r.reviewer?.id])).toEqual([
      ['self', t.member.id],
      ['peer', peer.id],
      ['manager', t.manager.id],
    ]);
    const jobs = await t.database.db
      .selectFrom('jobs')
      .select(['key'])
      .where('name', '=', 'reviews.stage_reminder')
      .execute();
    expect(jobs).toHaveLength(4);
    // The deadlines are past (the test clock is in November), so the reminders are due now: only the stage the
    // cycle is at (self) reminds anyone, and only the reviewee.
    while ((await t.app.services.scheduler.runDue()) > 0);
    const inbox = await t.app.inject(as(t.member, { method: 'GET', url: t.url('/notifications') }));
    const items = inbox.json<{ items: Array<{ type: string; title: string; link: string }> }>().items;
    expect(items.filter((item) => item.type === 'review.stage_due')).toEqual([
      expect.objectContaining({
        title: expect.stringContaining('Q3 2026'),
        link: `/w/${t.workspaceId}/reviews/${reviews[0]?.id}`,
      }),
    ]);
    const managerInbox = await t.app.inject(as(t.manager, { method: 'GET', url: t.url('/notifications') }));
    expect(
      managerInbox
        .json<{ items: Array<{ type: string }> }>()
        .items.some((i) => i.type === 'review.stage_due'),
    ).toBe(false);
  });

  it('schedules each stage reminder at 09:00 in the workspace time zone, two days before its deadline', async () => {
    const put = await t.app.inject(
      as(t.owner, {
        method: 'PUT',
        url: t.url('/work-time'),
        payload: {
          timeZone: 'America/New_York',
          workStart: '09:00',
          workEnd: '18:00',
          weekPattern: 'five_day',
        },
      }),
    );
    expect(put.statusCode).toBe(200);
    const response = await createCycle(t.manager, { name: 'Q1 2027', periodStart: '2027-01-01' });
    expect(response.statusCode).toBe(201);
    const stages = response.json<{ cycle: { stages: Array<{ stage: string; dueDate: string }> } }>().cycle
      .stages;
    const self = must(stages.find((s) => s.stage === 'self'));
    const job = await t.database.db
      .selectFrom('jobs')
      .select(['run_at'])
      .where('key', 'like', '%:self')
      .executeTakeFirstOrThrow();
    // New York is UTC−5 in winter and spring before March: 09:00 there is 14:00 UTC.
    const [year, month, day] = self.dueDate.split('-').map(Number);
    const twoDaysBefore = Date.UTC(must(year), must(month) - 1, must(day) - 2, 9, 0, 0);
    const offsetHours = self.dueDate >= '2027-03-16' ? 4 : 5;
    expect(new Date(Number(job.run_at)).toISOString()).toBe(
      new Date(twoDaysBefore + offsetHours * 3_600_000).toISOString(),
    );
  });

  it('refuses overlapping cycles for the same person, naming them, and saves nothing', async () => {
    expect((await createCycle(t.manager)).statusCode).toBe(201);
    const before = [await count('review_cycles'), await count('review_participants'), await count('reviews')];
    const overlap = await createCycle(t.manager, {
      name: 'September',
      kind: 'monthly',
      periodStart: '2026-09-01',
      participants: [{ userId: peer.id }, { userId: t.member.id }],
    });
    expect(overlap.statusCode).toBe(409);
    const body = overlap.json<{ error: { code: string; message: string; fields: Array<{ path: string }> } }>()
      .error;
    expect(body.code).toBe('review_cycle_overlap');
    expect(body.message).toContain('Q3 2026');
    expect(body.fields.map((f) => f.path)).toEqual(['participants.1.userId']);
    expect([
      await count('review_cycles'),
      await count('review_participants'),
      await count('reviews'),
    ]).toEqual(before);
    const zh = await t.app.inject(
      as(t.manager, {
        method: 'POST',
        url: t.url('/review-cycles'),
        headers: { 'accept-language': 'zh-CN' },
        payload: {
          name: '九月',
          kind: 'monthly',
          periodStart: '2026-09-01',
          participants: [{ userId: t.member.id }],
        },
      }),
    );
    expect(zh.json<{ error: { message: string } }>().error.message).toContain('不能重叠');
    // The month after the quarter is free.
    expect(
      (await createCycle(t.manager, { name: 'October', kind: 'monthly', periodStart: '2026-10-01' }))
        .statusCode,
    ).toBe(201);
  });

  it('refuses people outside the workspace and peers who are the reviewee, naming the field', async () => {
    const stranger = await signUpUser(t.app);
    const outside = await createCycle(t.manager, {
      participants: [{ userId: t.member.id, peerIds: [stranger.id] }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({
      code: 'review_person_not_member',
      fields: [{ path: 'participants.0.peerIds.0' }],
    });
    const self = await createCycle(t.manager, {
      participants: [{ userId: t.member.id, peerIds: [t.member.id] }],
    });
    expect(self.json().error).toMatchObject({
      code: 'review_peer_invalid',
      fields: [{ path: 'participants.0.peerIds.0' }],
    });
    const dates = await createCycle(t.manager, {
      kind: 'custom',
      periodStart: '2026-07-01',
      periodEnd: '2026-07-31',
      stages: [
        { stage: 'self', dueDate: '2026-08-05' },
        { stage: 'peer', dueDate: '2026-08-04' },
        { stage: 'manager', dueDate: '2026-08-10' },
        { stage: 'calibration', dueDate: '2026-08-12' },
        { stage: 'sign_off', dueDate: '2026-08-15' },
      ],
    });
    expect(dates.json().error).toMatchObject({
      code: 'review_dates_invalid',
      fields: [{ path: 'stages.1.dueDate' }],
    });
    expect(await count('review_cycles')).toBe(0);
  });

  it('refuses a template whose weights do not add up to 100 %, in the caller’s language', async () => {
    const templates = await t.app.inject(as(t.manager, { method: 'GET', url: t.url('/review-templates') }));
    const okr = templates
      .json<{
        builtin: Array<{ key: string; name: string; definition: { sections: Array<{ weight: number }> } }>;
      }>()
      .builtin.find((b) => b.key === 'okr');
    expect(okr?.name).toBe('OKR-style review');
    const broken = {
      ...must(okr).definition,
      sections: must(okr).definition.sections.map((s, i) => (i === 0 ? { ...s, weight: 60 } : s)),
    };
    const response = await t.app.inject(
      as(t.manager, {
        method: 'POST',
        url: t.url('/review-templates'),
        headers: { 'accept-language': 'zh-CN' },
        payload: { name: '我的模板', definition: broken },
      }),
    );
    expect(response.statusCode).toBe(400);
    const error = response.json<{
      error: { code: string; fields: Array<{ path: string; message: string }> };
    }>().error;
    expect(error.code).toBe('review_template_invalid');
    expect(error.fields[0]).toMatchObject({
      path: 'definition.sections',
      message: '各部分权重合计 90%，必须等于 100%。',
    });
    expect(await t.database.db.selectFrom('review_templates').select('id').execute()).toHaveLength(0);
    const good = await t.app.inject(
      as(t.manager, {
        method: 'POST',
        url: t.url('/review-templates'),
        payload: { name: 'Mine', definition: must(okr).definition },
      }),
    );
    expect(good.statusCode).toBe(201);
    const id = good.json<{ template: { id: string } }>().template.id;
    expect((await createCycle(t.manager, { templateId: id })).statusCode).toBe(201);
    expect((await createCycle(t.member)).statusCode).toBe(403);
  });
});

async function walk(cycleId: string, to: string) {
  for (let i = 0; i < 6; i += 1) {
    const cycle = (
      await t.app.inject(as(t.manager, { method: 'GET', url: t.url(`/review-cycles/${cycleId}`) }))
    ).json<{ cycle: Cycle }>().cycle;
    if (cycle.stage === to) return;
    expect(
      (await t.app.inject(as(t.manager, { method: 'POST', url: t.url(`/review-cycles/${cycleId}/advance`) })))
        .statusCode,
    ).toBe(200);
  }
}

describe('one review, end to end', () => {
  it('self, peer, manager with an override, calibration audited, sign-off, acknowledgement; nothing after sign-off', async () => {
    const cycle = (await createCycle(t.manager)).json<{ cycle: Cycle }>().cycle;
    const participant = must(cycle.participants[0]);
    const reviewOf = (kind: string) => must(participant.reviews.find((r) => r.kind === kind)).id;
    const save = (user: TestUser, id: string, payload: Record<string, unknown>) =>
      t.app.inject(as(user, { method: 'PUT', url: t.url(`/reviews/${id}`), payload }));

    // Only the reviewer writes; a draft may be partial; a submission must be complete.
    expect((await save(t.manager, reviewOf('self'), { answers: {} })).json().error.code).toBe(
      'review_not_reviewer',
    );
    expect((await save(t.member, reviewOf('self'), { answers: { kr: { rating: 4 } } })).statusCode).toBe(200);
    const incomplete = await save(t.member, reviewOf('self'), {
      answers: { kr: { rating: 4 } },
      submit: true,
    });
    expect(incomplete.json().error.code).toBe('review_answers_invalid');
    expect(incomplete.json().error.fields.map((f: { path: string }) => f.path)).toContain('answers.delivery');
    expect((await save(t.member, reviewOf('self'), { answers: fullAnswers, submit: true })).statusCode).toBe(
      200,
    );
    expect((await save(peer, reviewOf('peer'), { answers: fullAnswers, submit: true })).statusCode).toBe(200);

    // The member's own review shows the numbers beside the questions; the peer's does not.
    const selfView = (
      await t.app.inject(as(t.member, { method: 'GET', url: t.url(`/reviews/${reviewOf('self')}`) }))
    ).json().review;
    expect(selfView.scorecard.metrics).toHaveLength(5);
    const peerView = (
      await t.app.inject(as(peer, { method: 'GET', url: t.url(`/reviews/${reviewOf('peer')}`) }))
    ).json().review;
    expect(peerView.scorecard).toBeNull();

    // Overrides: the manager's only, and only with a reason.
    const noReason = await save(t.manager, reviewOf('manager'), {
      answers: fullAnswers,
      overrides: { routines: { score: 90, reason: ' ' } },
    });
    expect(noReason.json().error).toMatchObject({
      code: 'review_override_invalid',
      fields: [{ path: 'overrides.routines.reason' }],
    });
    const peerOverride = await t.app.inject(
      as(peer, { method: 'GET', url: t.url(`/reviews/${reviewOf('peer')}`) }),
    );
    expect(peerOverride.statusCode).toBe(200);
    const withReason = await save(t.manager, reviewOf('manager'), {
      answers: fullAnswers,
      overrides: { routines: { score: 90, reason: 'Covered the daily report for a colleague on leave' } },
      submit: true,
    });
    expect(withReason.statusCode).toBe(200);
    expect(withReason.json().review.score).toBeGreaterThan(3);

    // Calibration: a change of the final rating is in the audit log, with from and to.
    await walk(cycle.id, 'calibration');
    const calibration = (
      await t.app.inject(
        as(t.manager, { method: 'GET', url: t.url(`/review-cycles/${cycle.id}/calibration`) }),
      )
    ).json().calibration;
    expect(calibration.scale).toBe(5);
    expect(calibration.distribution.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    const patch = (rating: number, reason = 'Calibrated against the team’s evidence') =>
      t.app.inject(
        as(t.manager, {
          method: 'PATCH',
          url: t.url(`/review-participants/${participant.id}`),
          payload: { finalRating: rating, finalComment: 'Strong quarter', reason },
        }),
      );
    // A final rating away from the manager's needs a written reason.
    expect((await patch(1, ' ')).json().error).toMatchObject({
      code: 'review_final_reason_required',
      fields: [{ path: 'reason' }],
    });
    expect((await patch(7)).json().error).toMatchObject({
      code: 'review_final_rating_invalid',
      fields: [{ path: 'finalRating' }],
    });
    expect((await patch(4)).statusCode).toBe(200);
    expect((await patch(3.5)).statusCode).toBe(200);
    const audit = (
      await t.app.inject(
        as(t.admin, {
          method: 'GET',
          url: t.url(`/audit?objectType=review_participant&objectId=${participant.id}`),
        }),
      )
    ).json();
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual([
      'review.final_rating_changed',
      'review.final_rating_changed',
    ]);

    // Sign-off only at its stage; then nothing changes; the reviewee acknowledges.
    const early = await t.app.inject(
      as(t.manager, { method: 'POST', url: t.url(`/review-participants/${participant.id}/sign-off`) }),
    );
    expect(early.json().error.code).toBe('review_stage');
    await walk(cycle.id, 'sign_off');
    expect(
      (
        await t.app.inject(
          as(t.member, {
            method: 'POST',
            url: t.url(`/review-participants/${participant.id}/acknowledge`),
            payload: {},
          }),
        )
      ).json().error.code,
    ).toBe('review_not_signed_off');
    expect(
      (
        await t.app.inject(
          as(t.manager, { method: 'POST', url: t.url(`/review-participants/${participant.id}/sign-off`) }),
        )
      ).statusCode,
    ).toBe(200);
    const late = await save(t.member, reviewOf('self'), { answers: fullAnswers });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'review_signed_off', fields: [{ path: 'answers' }] });
    expect((await patch(5)).json().error.code).toBe('review_signed_off');
    const ack = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/review-participants/${participant.id}/acknowledge`),
        payload: { note: 'Thanks' },
      }),
    );
    expect(ack.statusCode).toBe(200);
    expect(ack.json().participant).toMatchObject({ finalRating: 3.5, acknowledgement: 'Thanks' });
  });
});

describe('privacy per role', () => {
  it('member, peer, bystander, viewer, manager and admin each see what they should', async () => {
    const cycle = (await createCycle(t.manager)).json<{ cycle: Cycle }>().cycle;
    const participant = must(cycle.participants[0]);
    const get = (user: TestUser, path: string) => t.app.inject(as(user, { method: 'GET', url: t.url(path) }));

    // The reviewee sees their own self review only, until sign-off.
    const own = (await get(t.member, `/review-participants/${participant.id}`)).json().participant;
    expect(own.reviews.map((r: { kind: string }) => r.kind)).toEqual(['self']);
    expect(own.scorecard).not.toBeNull();
    // The peer sees the review they write, not the scorecard or the others.
    const asPeer = (await get(peer, `/review-participants/${participant.id}`)).json().participant;
    expect(asPeer.reviews.map((r: { kind: string }) => r.kind)).toEqual(['peer']);
    expect(asPeer.scorecard).toBeNull();
    expect(asPeer.finalRating).toBeNull();
    // Someone with no part learns nothing: not the participant, the review, nor the cycle.
    expect((await get(bystander, `/review-participants/${participant.id}`)).statusCode).toBe(404);
    expect((await get(bystander, `/reviews/${must(participant.reviews[0]).id}`)).statusCode).toBe(404);
    expect((await get(bystander, `/review-cycles/${cycle.id}`)).statusCode).toBe(404);
    expect((await get(bystander, '/review-cycles')).json().items).toEqual([]);
    expect((await get(t.viewer, `/review-participants/${participant.id}`)).statusCode).toBe(404);
    // Calibration is for managers of the people in it.
    expect((await get(bystander, `/review-cycles/${cycle.id}/calibration`)).statusCode).toBe(403);
    // The manager and admins see everything, with names.
    for (const user of [t.manager, t.admin, t.owner]) {
      const all = (await get(user, `/review-participants/${participant.id}`)).json().participant;
      expect(all.reviews.map((r: { reviewer: { id: string } | null }) => r.reviewer?.id)).toEqual([
        t.member.id,
        peer.id,
        t.manager.id,
      ]);
    }
    expect((await get(t.admin, '/review-cycles')).json().items).toHaveLength(1);

    // After sign-off the reviewee sees the peer's answers without the peer's name (the template says so).
    const answers = { ...fullAnswers };
    for (const review of participant.reviews) {
      const user = review.kind === 'self' ? t.member : review.kind === 'peer' ? peer : t.manager;
      await t.app.inject(
        as(user, { method: 'PUT', url: t.url(`/reviews/${review.id}`), payload: { answers, submit: true } }),
      );
    }
    await walk(cycle.id, 'sign_off');
    await t.app.inject(
      as(t.manager, {
        method: 'PATCH',
        url: t.url(`/review-participants/${participant.id}`),
        payload: { finalRating: 4, reason: 'Calibrated with the team' },
      }),
    );
    await t.app.inject(
      as(t.manager, { method: 'POST', url: t.url(`/review-participants/${participant.id}/sign-off`) }),
    );
    const after = (await get(t.member, `/review-participants/${participant.id}`)).json().participant;
    expect(after.finalRating).toBe(4);
    const peerReview = after.reviewDetails.find((r: { kind: string }) => r.kind === 'peer');
    expect(peerReview.reviewer).toBeNull();
    expect(peerReview.answers.highlights.text).toBe('Launched the referral campaign');
    expect(JSON.stringify(after)).not.toContain(peer.id);
    expect(after.reviewDetails.find((r: { kind: string }) => r.kind === 'manager').reviewer.id).toBe(
      t.manager.id,
    );
  });

  it('refuses ids from another workspace', async () => {
    const cycle = (await createCycle(t.manager)).json<{ cycle: Cycle }>().cycle;
    const other = await signUpUser(t.app);
    const created = await t.app.inject(
      as(other, { method: 'POST', url: '/api/v1/workspaces', payload: { name: 'Other' } }),
    );
    const otherId = created.json<{ workspace: { id: string } }>().workspace.id;
    const participant = must(cycle.participants[0]);
    for (const path of [
      `/review-cycles/${cycle.id}`,
      `/review-participants/${participant.id}`,
      `/reviews/${must(participant.reviews[0]).id}`,
    ]) {
      const response = await t.app.inject(as(other, { method: 'GET', url: `/api/v1/w/${otherId}${path}` }));
      expect(response.statusCode).toBe(404);
    }
    const put = await t.app.inject(
      as(other, {
        method: 'PUT',
        url: `/api/v1/w/${otherId}/reviews/${must(participant.reviews[0]).id}`,
        payload: { answers: {} },
      }),
    );
    expect(put.statusCode).toBe(404);
    // A person of another workspace cannot be named as a participant either.
    const foreign = await createCycle(t.manager, {
      name: 'Other',
      kind: 'monthly',
      periodStart: '2026-11-01',
      participants: [{ userId: other.id }],
    });
    expect(foreign.json().error.code).toBe('review_person_not_member');
  });
});

describe('scorecard from data', () => {
  it('reads key results, tasks, check-ins and routines of the period, with evidence links', async () => {
    const db = t.database.db;
    const now = t.clock.now;
    await db
      .insertInto('goals')
      .values({
        id: 'goal-1',
        workspace_id: t.workspaceId,
        parent_id: null,
        title: 'Grow sign-ups',
        description: null,
        owner_id: t.member.id,
        start_date: '2026-07-01',
        due_date: '2026-09-30',
        status: 'active',
        weight: 1,
        is_top_level: 1,
        progress: 0.5,
        projected_progress: null,
        health: 'on_track',
        health_reason: null,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await db
      .insertInto('key_results')
      .values({
        id: 'kr-1',
        workspace_id: t.workspaceId,
        goal_id: 'goal-1',
        title: 'Sign-ups',
        kpi_id: null,
        baseline: null,
        target: null,
        weight: 1,
        is_done: 0,
        current: null,
        progress: 0.8,
        projected_progress: null,
        projected_value: null,
        reach_date: null,
        position: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('check_ins')
      .values({
        id: 'ci-1',
        workspace_id: t.workspaceId,
        goal_id: 'goal-1',
        author_id: t.member.id,
        progress: 0.5,
        confidence: 3,
        note: 'ok',
        blockers: null,
        created_at: Date.UTC(2026, 6, 2, 3),
      })
      .execute();
    const task = (
      id: string,
      due: string,
      status: string,
      completedAt: number | null,
      recurrence: string | null = null,
    ) => ({
      id,
      workspace_id: t.workspaceId,
      goal_id: null,
      parent_id: null,
      position: 0,
      is_milestone: 0,
      title: id,
      description: null,
      status,
      priority: 2,
      estimate_hours: null,
      start_date: null,
      due_date: due,
      buffer_days: 0,
      checklist: '[]',
      labels: '[]',
      required_skills: '[]',
      recurrence_id: recurrence,
      occurrence: recurrence ? due : null,
      completed_at: completedAt,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    await db
      .insertInto('recurrences')
      .values({
        id: 'rec-1',
        workspace_id: t.workspaceId,
        rule: 'FREQ=DAILY',
        starts_on: '2026-07-01',
        template: '{}',
        next_occurrence: null,
        skipped: '[]',
        ended_at: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('tasks')
      .values([
        task('on-time', '2026-07-10', 'done', Date.UTC(2026, 6, 10, 2)),
        task('late', '2026-07-10', 'done', Date.UTC(2026, 6, 12, 2)),
        task('outside', '2026-10-10', 'done', Date.UTC(2026, 9, 10, 2)),
        task('daily-1', '2026-07-02', 'done', Date.UTC(2026, 6, 2, 2), 'rec-1'),
        task('daily-2', '2026-07-03', 'todo', null, 'rec-1'),
      ] as never)
      .execute();
    await db
      .insertInto('task_roles')
      .values(
        ['on-time', 'late', 'outside', 'daily-1', 'daily-2'].flatMap((taskId) => [
          { workspace_id: t.workspaceId, task_id: taskId, user_id: t.member.id, role: 'R' },
          { workspace_id: t.workspaceId, task_id: taskId, user_id: t.member.id, role: 'A' },
        ]),
      )
      .execute();
    const cycle = (await createCycle(t.manager)).json<{ cycle: Cycle }>().cycle;
    const participant = (
      await t.app.inject(
        as(t.manager, {
          method: 'GET',
          url: t.url(`/review-participants/${must(cycle.participants[0]).id}`),
        }),
      )
    ).json().participant;
    const metric = (key: string) => participant.scorecard.metrics.find((m: { key: string }) => m.key === key);
    expect(metric('kr_achievement')).toMatchObject({ score: 80 });
    expect(metric('kr_achievement').evidence[0]).toMatchObject({
      kind: 'goal',
      id: 'goal-1',
      path: '/goals/goal-1',
    });
    expect(metric('on_time_tasks')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(metric('on_time_tasks').evidence.map((e: { id: string }) => e.id)).toEqual(['late', 'on-time']);
    expect(metric('routines')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(metric('check_ins').numerator).toBe(1);
    expect(metric('sla_adherence').score).toBeNull();
    expect(participant.dataScore).not.toBeNull();
  });
});

describe('comments on a review', () => {
  it('only the person, their manager and admins read and write the discussion; mentions stay among them', async () => {
    const cycle = (await createCycle(t.manager)).json<{ cycle: Cycle }>().cycle;
    const participant = must(cycle.participants[0]);
    const post = (user: TestUser, body: string) =>
      t.app.inject(
        as(user, {
          method: 'POST',
          url: t.url('/comments'),
          payload: { targetType: 'review', targetId: participant.id, body },
        }),
      );
    const read = (user: TestUser) =>
      t.app.inject(
        as(user, {
          method: 'GET',
          url: t.url(`/comments?targetType=review&targetId=${participant.id}`),
        }),
      );
    const timeline = (user: TestUser) =>
      t.app.inject(
        as(user, {
          method: 'GET',
          url: t.url(`/timeline?targetType=review&targetId=${participant.id}`),
        }),
      );

    const first = await post(t.manager, 'Let us go through the on-time figure together');
    expect(first.statusCode).toBe(201);
    const commentId = first.json().comment.id as string;
    expect((await post(t.member, 'Two of those tasks waited on the supplier')).statusCode).toBe(201);
    for (const user of [t.manager, t.member, t.admin, t.owner]) {
      const items = (await read(user)).json().items;
      expect(items).toHaveLength(2);
    }
    // The peer writes a piece of the review, not its discussion; bystanders and viewers do not know it exists.
    for (const user of [peer, bystander, t.viewer]) {
      expect((await read(user)).statusCode).toBe(404);
      expect((await timeline(user)).statusCode).toBe(404);
    }
    for (const user of [peer, bystander]) expect((await post(user, 'Hello')).statusCode).toBe(404);
    // Reacting to or editing a comment by its id is refused as if it did not exist.
    const react = await t.app.inject(
      as(peer, { method: 'POST', url: t.url(`/comments/${commentId}/reactions`), payload: { emoji: '👍' } }),
    );
    expect(react.statusCode).toBe(404);
    // A mention would send an excerpt: only to people who may read the review.
    const mentionPeer = await post(t.manager, `@[Peer](user:${peer.id}) what do you think?`);
    expect(mentionPeer.json().error).toMatchObject({
      code: 'mention_not_allowed',
      fields: [{ path: 'body' }],
    });
    expect((await post(t.manager, `@[Admin](user:${t.admin.id}) please check`)).statusCode).toBe(201);
    // The reviewee reads the discussion, not the history of their ratings before sign-off.
    const memberTimeline = (await timeline(t.member)).json().items;
    expect(memberTimeline.every((item: { kind: string }) => item.kind === 'comment')).toBe(true);
    // Another workspace's member learns nothing either.
    const stranger = await signUpUser(t.app, { name: 'Stranger' });
    expect((await read(stranger)).statusCode).toBe(404);
  });
});
