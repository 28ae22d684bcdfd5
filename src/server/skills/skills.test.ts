import { describe, expect, it } from 'vitest';
import { as, createTestTeam, signUpUser, type TestUser } from '../testing/app.ts';
import { createTask, setMemberTitle, useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['manager', 'member', 'viewer']);

async function call(
  user: TestUser,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  payload?: object,
  headers?: Record<string, string>,
) {
  return t.app.inject(
    as(user, { method, url: t.url(path), ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) }),
  );
}

async function ok<T = Record<string, unknown>>(
  response: Awaited<ReturnType<typeof call>>,
  status = 200,
): Promise<T> {
  if (response.statusCode !== status) throw new Error(`${response.statusCode} ${response.body}`);
  return (status === 204 ? {} : response.json()) as T;
}

type Gap = { personId: string; skill: string; level: number; target: number };
type Matrix = {
  skills: string[];
  people: { userId: string; title: string | null; levels: { skill: string; level: number }[] }[];
  targets: { roleTitle: string; skill: string; level: number }[];
  gaps: {
    people: Gap[];
    tasks: { taskId: string; skill: string; minLevel: number; bestLevel: number }[];
    bySkill: {
      skill: string;
      targetLevel: number;
      people: (Gap & { scheduledOn?: string | null })[];
      toInvite?: number;
    }[];
  };
  developmentGoals: { goalId: string; userId: string; skill: string; targetLevel: number }[];
};
type Session = {
  id: string;
  courseId: string;
  skill: string | null;
  targetLevel: number | null;
  attendees: { userId: string; status: string; completed: boolean; score: number | null; passed: boolean }[];
  summary: { invited: number; attended: number; completed: number; passed: number };
};

/** Titles and levels: member and manager are 内容运营, whose role asks 数据分析 3; a task needs 直播 3. */
async function team() {
  await setMemberTitle(t, t.owner, t.member, '内容运营');
  await setMemberTitle(t, t.owner, t.manager, '内容运营');
  await ok(
    await call(t.owner, 'PUT', '/skills/targets', { roleTitle: '内容运营', skill: '数据分析', level: 3 }),
  );
  await ok(
    await call(t.owner, 'PUT', '/skills/levels', { userId: t.member.id, skill: '数据分析', level: 1 }),
  );
  await ok(
    await call(t.owner, 'PUT', '/skills/levels', { userId: t.manager.id, skill: '数据分析', level: 4 }),
  );
  await ok(await call(t.owner, 'PUT', '/skills/levels', { userId: t.viewer.id, skill: '直播', level: 1 }));
  await createTask(t, t.owner, { title: '双11直播带货', requiredSkills: [{ skill: '直播', minLevel: 3 }] });
}

describe('skills matrix', () => {
  it('shows levels, role targets and gaps from targets and from tasks nobody can cover', async () => {
    await team();
    const matrix = await ok<Matrix>(await call(t.viewer, 'GET', '/skills'));
    expect(matrix.skills).toEqual(expect.arrayContaining(['数据分析', '直播']));
    expect(matrix.targets).toEqual([{ roleTitle: '内容运营', skill: '数据分析', level: 3 }]);
    expect(matrix.gaps.people).toEqual([
      expect.objectContaining({ personId: t.member.id, level: 1, target: 3 }),
    ]);
    expect(matrix.gaps.tasks).toEqual([
      expect.objectContaining({ skill: '直播', minLevel: 3, bestLevel: 1 }),
    ]);
    // Taking a level away: the person has the skill no more.
    await ok(
      await call(t.owner, 'PUT', '/skills/levels', { userId: t.viewer.id, skill: '直播', level: null }),
    );
    const after = await ok<Matrix>(await call(t.owner, 'GET', '/skills'));
    expect(after.gaps.tasks[0]?.bestLevel).toBe(0);
  });

  it('lets anyone set their own level, managers everyone’s, and training managers the targets', async () => {
    await ok(await call(t.member, 'PUT', '/skills/levels', { userId: t.member.id, skill: '文案', level: 3 }));
    const other = await call(t.member, 'PUT', '/skills/levels', {
      userId: t.manager.id,
      skill: '文案',
      level: 3,
    });
    expect(other.statusCode).toBe(403);
    await ok(
      await call(t.manager, 'PUT', '/skills/levels', { userId: t.member.id, skill: '文案', level: 4 }),
    );
    const target = await call(t.member, 'PUT', '/skills/targets', {
      roleTitle: '内容运营',
      skill: '文案',
      level: 4,
    });
    expect(target.statusCode).toBe(403);
    await ok(
      await call(t.manager, 'PUT', '/skills/targets', { roleTitle: '内容运营', skill: '文案', level: 4 }),
    );
  });

  it('answers bad levels with a translated error naming the field', async () => {
    const response = await call(
      t.owner,
      'PUT',
      '/skills/levels',
      { userId: t.member.id, skill: '文案', level: 6 },
      { 'accept-language': 'zh-CN' },
    );
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; message: string; fields: { path: string }[] } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields.map((field) => field.path)).toEqual(['level']);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses people and sessions of another workspace', async () => {
    const stranger = await signUpUser(t.app);
    const setLevel = await call(t.owner, 'PUT', '/skills/levels', {
      userId: stranger.id,
      skill: '文案',
      level: 3,
    });
    expect(setLevel.statusCode).toBe(404);
    expect(setLevel.json().error.code).toBe('member_not_found');

    const other = await createTestTeam(t.app, []);
    const course = await ok<{ course: { id: string } }>(
      await t.app.inject(
        as(other.owner, {
          method: 'POST',
          url: t.url('/training/courses', other.workspaceId),
          payload: { title: 'X' },
        }),
      ),
      201,
    );
    const session = await ok<{ session: Session }>(
      await t.app.inject(
        as(other.owner, {
          method: 'POST',
          url: t.url('/training/sessions', other.workspaceId),
          payload: { courseId: course.course.id, date: '2026-12-01', attendeeIds: [other.owner.id] },
        }),
      ),
      201,
    );
    // Their course and session are not found here; their people cannot be invited here.
    const foreignCourse = await call(t.owner, 'POST', '/training/sessions', {
      courseId: course.course.id,
      date: '2026-12-01',
      attendeeIds: [],
    });
    expect(foreignCourse.json().error.code).toBe('training_course_not_found');
    for (const response of [
      await call(t.owner, 'PATCH', `/training/sessions/${session.session.id}`, { date: '2026-12-02' }),
      await call(t.owner, 'DELETE', `/training/sessions/${session.session.id}`),
      await call(t.owner, 'PUT', `/training/sessions/${session.session.id}/attendance`, {
        items: [{ userId: other.owner.id, status: 'attended', completed: true, score: 5 }],
      }),
    ])
      expect(response.json().error.code).toBe('training_session_not_found');
    const ownCourse = await ok<{ course: { id: string } }>(
      await call(t.owner, 'POST', '/training/courses', { title: 'Y' }),
      201,
    );
    const invite = await call(t.owner, 'POST', '/training/sessions', {
      courseId: ownCourse.course.id,
      date: '2026-12-01',
      attendeeIds: [t.member.id, other.owner.id],
    });
    expect(invite.statusCode).toBe(400);
    expect(invite.json().error.code).toBe('training_person_not_member');
    expect(invite.json().error.fields[0].path).toBe('attendeeIds.1');
    const trainer = await call(t.owner, 'POST', '/training/sessions', {
      courseId: ownCourse.course.id,
      date: '2026-12-01',
      trainerId: other.owner.id,
      attendeeIds: [],
    });
    expect(trainer.json().error.fields[0].path).toBe('trainerId');
    // Nothing half-saved: no session was made by the refused calls.
    const training = await ok<{ sessions: Session[] }>(await call(t.owner, 'GET', '/training'));
    expect(training.sessions).toEqual([]);
  });
});

describe('training', () => {
  it('turns a gap into a session with attendance; a passed assessment closes the gap', async () => {
    await team();
    const planned = await ok<{ session: Session }>(
      await call(
        t.manager,
        'POST',
        '/skills/gap-training',
        {
          skill: '数据分析',
          date: '2026-12-03',
          trainerId: t.manager.id,
          materialsUrl: 'https://example.com/sql',
        },
        { 'accept-language': 'zh-CN' },
      ),
      201,
    );
    expect(planned.session.skill).toBe('数据分析');
    expect(planned.session.targetLevel).toBe(3);
    expect(planned.session.attendees.map((attendee) => attendee.userId)).toEqual([t.member.id]);
    expect(planned.session.attendees[0]?.status).toBe('invited');
    const scheduled = await ok<Matrix>(await call(t.owner, 'GET', '/skills'));
    const analysis = scheduled.gaps.bySkill.find((gap) => gap.skill === '数据分析');
    expect(analysis?.people.find((gap) => gap.personId === t.member.id)?.scheduledOn).toBe('2026-12-03');
    expect(analysis?.toInvite).toBe(0);

    // Completion or a score for someone not attending is refused, and the whole batch with it.
    await ok(
      await call(t.owner, 'PATCH', `/training/sessions/${planned.session.id}`, {
        attendeeIds: [t.member.id, t.viewer.id],
      }),
    );
    const refused = await call(t.owner, 'PUT', `/training/sessions/${planned.session.id}/attendance`, {
      items: [
        { userId: t.member.id, status: 'attended', completed: true, score: 4 },
        { userId: t.viewer.id, status: 'absent', completed: false, score: 2 },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('training_not_attended');
    expect(refused.json().error.fields[0].path).toBe('items.1.score');
    const untouched = await ok<{ sessions: Session[] }>(await call(t.owner, 'GET', '/training'));
    expect(untouched.sessions[0]?.summary.attended).toBe(0);

    const recorded = await ok<{ session: Session }>(
      await call(t.manager, 'PUT', `/training/sessions/${planned.session.id}/attendance`, {
        items: [
          { userId: t.member.id, status: 'attended', completed: true, score: 4, note: '能独立写 SQL' },
          { userId: t.viewer.id, status: 'absent', completed: false, score: null },
        ],
      }),
    );
    expect(recorded.session.summary).toMatchObject({ invited: 2, attended: 1, completed: 1, passed: 1 });
    expect(recorded.session.attendees.find((row) => row.userId === t.member.id)?.passed).toBe(true);

    const matrix = await ok<Matrix>(await call(t.owner, 'GET', '/skills'));
    const levels = matrix.people.find((person) => person.userId === t.member.id)?.levels;
    expect(levels).toContainEqual({ skill: '数据分析', level: 3 });
    expect(matrix.gaps.people).toEqual([]);
    // No gap left: nobody to plan for.
    const again = await call(t.owner, 'POST', '/skills/gap-training', {
      skill: '数据分析',
      date: '2026-12-10',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('skill_gap_not_found');

    // A task gap nobody's role targets: those closest to the level are invited; the course is reused per level.
    const live = await ok<{ session: Session }>(
      await call(t.owner, 'POST', '/skills/gap-training', {
        skill: '直播',
        date: '2026-12-10',
        trainerName: '外聘讲师',
      }),
      201,
    );
    expect(live.session.attendees.map((row) => row.userId)).toEqual([t.viewer.id]);
    // Invited to the coming session: the gap says so and nobody is invited twice.
    const invited = await ok<Matrix>(await call(t.owner, 'GET', '/skills'));
    expect(invited.gaps.bySkill.find((gap) => gap.skill === '直播')?.toInvite).toBe(0);
    const twice = await call(t.owner, 'POST', '/skills/gap-training', { skill: '直播', date: '2026-12-17' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('skill_gap_already_planned');
    // Once the session is recorded (absent), a new one may be planned, on the same course.
    await ok(
      await call(t.owner, 'PUT', `/training/sessions/${live.session.id}/attendance`, {
        items: [{ userId: t.viewer.id, status: 'absent', completed: false, score: null }],
      }),
    );
    const second = await ok<{ session: Session }>(
      await call(t.owner, 'POST', '/skills/gap-training', { skill: '直播', date: '2026-12-17' }),
      201,
    );
    expect(second.session.courseId).toBe(live.session.courseId);
  });

  it('leaves training to training managers; viewers read it', async () => {
    await team();
    expect(
      (await call(t.member, 'POST', '/skills/gap-training', { skill: '数据分析', date: '2026-12-03' }))
        .statusCode,
    ).toBe(403);
    expect((await call(t.member, 'POST', '/training/courses', { title: 'SQL' })).statusCode).toBe(403);
    expect((await call(t.viewer, 'GET', '/training')).statusCode).toBe(200);
    const planned = await ok<{ session: Session }>(
      await call(t.owner, 'POST', '/skills/gap-training', { skill: '数据分析', date: '2026-12-03' }),
      201,
    );
    const attendance = await call(t.member, 'PUT', `/training/sessions/${planned.session.id}/attendance`, {
      items: [{ userId: t.member.id, status: 'attended', completed: true, score: 5 }],
    });
    expect(attendance.statusCode).toBe(403);
    await ok(await call(t.manager, 'DELETE', `/training/sessions/${planned.session.id}`), 204);
  });

  it('keeps personal development goals in the goal tree, owned by the person', async () => {
    const { goalId } = await ok<{ goalId: string }>(
      await call(
        t.member,
        'POST',
        '/skills/development-goals',
        {
          userId: t.member.id,
          skill: '数据分析',
          targetLevel: 3,
          startDate: '2026-12-01',
          dueDate: '2027-02-28',
        },
        { 'accept-language': 'en' },
      ),
      201,
    );
    const goal = await ok<{ goal: { title: string; owner: { id: string } | null } }>(
      await call(t.owner, 'GET', `/goals/${goalId}`),
    );
    expect(goal.goal.title).toContain('数据分析 to level 3');
    const matrix = await ok<Matrix>(await call(t.viewer, 'GET', '/skills'));
    expect(matrix.developmentGoals).toEqual([
      expect.objectContaining({ goalId, userId: t.member.id, skill: '数据分析', targetLevel: 3 }),
    ]);
    const forOther = await call(t.member, 'POST', '/skills/development-goals', {
      userId: t.manager.id,
      skill: '文案',
      targetLevel: 3,
      startDate: '2026-12-01',
      dueDate: '2027-02-28',
    });
    expect(forOther.statusCode).toBe(403);
    const backwards = await call(t.manager, 'POST', '/skills/development-goals', {
      userId: t.member.id,
      skill: '文案',
      targetLevel: 3,
      startDate: '2026-12-01',
      dueDate: '2026-11-01',
    });
    expect(backwards.json().error.fields[0].path).toBe('dueDate');
  });

  it('writes the matrix, gaps and sessions into the plan’s training section and chapter 8', async () => {
    await team();
    const planned = await ok<{ session: Session }>(
      await call(t.owner, 'POST', '/skills/gap-training', {
        skill: '数据分析',
        date: '2026-12-03',
        trainerId: t.manager.id,
      }),
      201,
    );
    await ok(
      await call(t.owner, 'PUT', `/training/sessions/${planned.session.id}/attendance`, {
        items: [{ userId: t.member.id, status: 'attended', completed: false, score: null }],
      }),
    );
    const exported = await ok<{ plan: { sections?: { training?: Record<string, unknown[]> } } }>(
      await call(t.owner, 'GET', '/plan/export?format=json'),
    );
    const training = exported.plan.sections?.training;
    expect(training?.matrix).toEqual(
      expect.arrayContaining([expect.objectContaining({ skill: '数据分析', belowTarget: 1 })]),
    );
    expect(training?.sessions).toEqual([
      expect.objectContaining({ date: '2026-12-03', invited: 1, attended: 1, completed: 0 }),
    ]);
    expect(training?.gaps).toEqual(
      expect.arrayContaining([expect.objectContaining({ skill: '直播', target: 3 })]),
    );
  });
});
