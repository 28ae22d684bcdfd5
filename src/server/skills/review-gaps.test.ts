import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  createTestTeam,
  signUpUser,
  type TestApp,
  type TestUser,
} from '../testing/app.ts';

/**
 * Skill gaps from review answers: a rating question tagged with a skill, once the review is signed off, gives an
 * assessed level; below the person's role target it is a gap — shown only to those who may read the review.
 */

let t: TestApp;
let owner: TestUser;
let admin: TestUser;
let manager: TestUser;
let member: TestUser;
let viewer: TestUser;
let peer: TestUser;
let bystander: TestUser;
let workspaceId: string;

async function join(user: TestUser, role: 'member' | 'viewer') {
  const invitation = await t.app.inject(
    as(owner, {
      method: 'POST',
      url: `/api/v1/w/${workspaceId}/invitations`,
      payload: { role, expiresInDays: 7 },
    }),
  );
  const { token } = invitation.json<{ token: string }>();
  await t.app.inject(as(user, { method: 'POST', url: `/api/v1/invitations/${token}/accept` }));
}

beforeEach(async () => {
  t = await createTestApp(); // today is 2026-11-26
  ({ workspaceId, owner, admin, manager, member, viewer } = await createTestTeam(t.app, [
    'admin',
    'manager',
    'member',
    'viewer',
  ]));
  peer = await signUpUser(t.app, { name: 'Pat Peer' });
  bystander = await signUpUser(t.app, { name: 'Bea Bystander' });
  await join(peer, 'member');
  await join(bystander, 'member');
});
afterEach(() => t.close());

const url = (path: string, workspace = workspaceId) => `/api/v1/w/${workspace}${path}`;

async function call(
  user: TestUser,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  payload?: object,
  headers?: Record<string, string>,
) {
  return t.app.inject(
    as(user, { method, url: url(path), ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) }),
  );
}

async function ok<T = Record<string, unknown>>(
  response: Awaited<ReturnType<typeof call>>,
  status = 200,
): Promise<T> {
  if (response.statusCode !== status) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json() as T;
}

type Review = { participantId: string; cycleId: string; cycleName: string } | null;
type Gap = { personId: string; skill: string; level: number; target: number; review: Review };
type Matrix = {
  gaps: {
    people: Gap[];
    bySkill: { skill: string; people: Gap[]; toInvite: number }[];
  };
};
type Definition = {
  peerAnonymous: boolean;
  sections: { id: string; questions: { id: string; type: string; skill?: string | null }[] }[];
};

/** The OKR template with its first question ("achievement of key results") tagged with a skill. */
async function okrTaggedWith(skill: string, questionIndex = 0): Promise<Definition> {
  const templates = await ok<{ builtin: { key: string; definition: Definition }[] }>(
    await call(manager, 'GET', '/review-templates'),
  );
  const okr = templates.builtin.find((b) => b.key === 'okr');
  if (!okr) throw new Error('no okr template');
  return {
    ...okr.definition,
    sections: okr.definition.sections.map((section, s) =>
      s === 0
        ? {
            ...section,
            questions: section.questions.map((q, i) => (i === questionIndex ? { ...q, skill } : q)),
          }
        : section,
    ),
  };
}

const answers = (achievement: number) => ({
  achievement: { rating: achievement },
  ambition: { rating: 3 },
  checkins: { rating: 3 },
  ownership: { rating: 4 },
  collaboration: { rating: 4 },
  learned: { text: 'Funnels need a weekly review' },
});

/** The member is 内容运营 (数据分析 target 3) with level 4 in the matrix: no gap until a review says otherwise. */
async function team() {
  await ok(await call(owner, 'PATCH', `/members/${member.id}`, { title: '内容运营' }));
  await ok(
    await call(owner, 'PUT', '/skills/targets', { roleTitle: '内容运营', skill: '数据分析', level: 3 }),
  );
  await ok(await call(owner, 'PUT', '/skills/levels', { userId: member.id, skill: '数据分析', level: 4 }));
}

/** A cycle on the tagged template, every review submitted (the manager rates the skill `rating`), at sign-off. */
async function reviewedCycle(rating: number, name = 'Q3 2026') {
  const template = await ok<{ template: { id: string } }>(
    await call(manager, 'POST', '/review-templates', {
      name: 'OKR + skills',
      definition: await okrTaggedWith('数据分析'),
    }),
    201,
  );
  const cycle = (
    await ok<{
      cycle: {
        id: string;
        participants: { id: string; reviews: { id: string; kind: string }[] }[];
      };
    }>(
      await call(manager, 'POST', '/review-cycles', {
        name,
        kind: 'quarterly',
        periodStart: '2026-07-01',
        templateId: template.template.id,
        participants: [{ userId: member.id, peerIds: [peer.id] }],
      }),
      201,
    )
  ).cycle;
  const participant = cycle.participants[0];
  if (!participant) throw new Error('no participant');
  for (const review of participant.reviews) {
    const user = review.kind === 'self' ? member : review.kind === 'peer' ? peer : manager;
    await ok(
      await call(user, 'PUT', `/reviews/${review.id}`, {
        answers: answers(review.kind === 'manager' ? rating : 5),
        submit: true,
      }),
    );
  }
  for (let i = 0; i < 4; i += 1) await ok(await call(manager, 'POST', `/review-cycles/${cycle.id}/advance`));
  await ok(
    await call(manager, 'PATCH', `/review-participants/${participant.id}`, {
      finalRating: 3.5,
      reason: 'Calibrated with the team',
    }),
  );
  return { cycleId: cycle.id, participantId: participant.id };
}

const signOff = (participantId: string) =>
  call(manager, 'POST', `/review-participants/${participantId}/sign-off`);

const reviewGaps = (matrix: Matrix) => matrix.gaps.people.filter((gap) => gap.review !== null);

describe('skill gaps from review answers', () => {
  it('a signed-off manager rating below the role target is a gap, shown only to who may read the review', async () => {
    await team();
    const { cycleId, participantId } = await reviewedCycle(2);
    // Submitted and calibrated is not yet authoritative: no one sees a gap from it.
    expect(reviewGaps(await ok<Matrix>(await call(manager, 'GET', '/skills')))).toEqual([]);
    await ok(await signOff(participantId));

    const everyone = { owner, admin, manager, member, viewer, peer, bystander };
    const seen: Record<string, Gap[]> = {};
    for (const [role, user] of Object.entries(everyone))
      seen[role] = reviewGaps(await ok<Matrix>(await call(user, 'GET', '/skills')));
    const expected = [
      {
        personId: member.id,
        skill: '数据分析',
        level: 2,
        target: 3,
        gap: 1,
        name: expect.any(String),
        review: { participantId, cycleId, cycleName: 'Q3 2026' },
      },
    ];
    // The admins, the reviewing manager (who wrote it) and the reviewee see it, with its source.
    for (const role of ['owner', 'admin', 'manager', 'member']) expect(seen[role]).toEqual(expected);
    // An unrelated member, a peer who wrote only their own piece and a viewer: no gap and no trace of it.
    for (const role of ['viewer', 'peer', 'bystander']) {
      expect(seen[role]).toEqual([]);
      const body = (await call(everyone[role as keyof typeof everyone], 'GET', '/skills')).body;
      expect(body).not.toContain(participantId);
      expect(body).not.toContain('Q3 2026');
      const matrix = JSON.parse(body) as Matrix;
      // The matrix alone has no 数据分析 gap (level 4 ≥ 3): not even an empty card or a count.
      expect(matrix.gaps.bySkill.find((card) => card.skill === '数据分析')).toBeUndefined();
    }
    const card = (await ok<Matrix>(await call(manager, 'GET', '/skills'))).gaps.bySkill.find(
      (gap) => gap.skill === '数据分析',
    );
    expect(card?.toInvite).toBe(1);

    // The assessed level is kept with the review it came from; the audit says what sign-off recorded.
    const rows = await t.database.db.selectFrom('review_skill_assessments').selectAll().execute();
    expect(rows.map((row) => ({ ...row, rating: Number(row.rating), assessed_at: 0 }))).toEqual([
      expect.objectContaining({ user_id: member.id, skill: '数据分析', level: 2, rating: 2, scale: 5 }),
    ]);

    // "Plan training" works on it like on any gap: the reviewee is invited; passing closes the gap.
    const planned = await ok<{ session: { id: string; attendees: { userId: string }[] } }>(
      await call(manager, 'POST', '/skills/gap-training', { skill: '数据分析', date: '2026-12-03' }),
      201,
    );
    expect(planned.session.attendees.map((a) => a.userId)).toEqual([member.id]);
    await ok(
      await call(manager, 'PUT', `/training/sessions/${planned.session.id}/attendance`, {
        items: [{ userId: member.id, status: 'attended', completed: true, score: 4 }],
      }),
    );
    expect(reviewGaps(await ok<Matrix>(await call(manager, 'GET', '/skills')))).toEqual([]);
  });

  it('lets a training planner invite only the review gaps they may read', async () => {
    await team();
    // Another manager runs this cycle; the workspace's other manager may plan training but not read the review.
    const { participantId } = await reviewedCycle(1);
    await ok(await signOff(participantId));
    const other = await signUpUser(t.app, { name: 'Olga Other' });
    const invitation = await ok<{ token: string }>(
      await call(owner, 'POST', '/invitations', { role: 'manager', expiresInDays: 7 }),
      201,
    );
    await t.app.inject(as(other, { method: 'POST', url: `/api/v1/invitations/${invitation.token}/accept` }));
    const refused = await call(other, 'POST', '/skills/gap-training', {
      skill: '数据分析',
      date: '2026-12-03',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('skill_gap_not_found');
  });

  it('maps the rating scale onto levels 1–5 and keeps the latest review per person and skill', async () => {
    await team();
    const first = await reviewedCycle(1, 'Q3 2026');
    await ok(await signOff(first.participantId));
    expect(reviewGaps(await ok<Matrix>(await call(member, 'GET', '/skills')))[0]?.level).toBe(1);
    // A later cycle rates the skill 3 (meets the target): the gap from the first one no longer counts.
    const template = (await ok<{ items: { id: string }[] }>(await call(manager, 'GET', '/review-templates')))
      .items[0];
    const later = await ok<{
      cycle: { id: string; participants: { id: string; reviews: { id: string; kind: string }[] }[] };
    }>(
      await call(manager, 'POST', '/review-cycles', {
        name: 'Q4 2026',
        kind: 'quarterly',
        periodStart: '2026-10-01',
        templateId: template?.id,
        participants: [{ userId: member.id }],
      }),
      201,
    );
    const participant = later.cycle.participants[0];
    for (const review of participant?.reviews ?? []) {
      const user = review.kind === 'self' ? member : manager;
      await ok(await call(user, 'PUT', `/reviews/${review.id}`, { answers: answers(3), submit: true }));
    }
    for (let i = 0; i < 4; i += 1)
      await ok(await call(manager, 'POST', `/review-cycles/${later.cycle.id}/advance`));
    await ok(
      await call(manager, 'PATCH', `/review-participants/${participant?.id ?? ''}`, {
        finalRating: 3,
        reason: 'Calibrated with the team',
      }),
    );
    await t.clock.advance(60_000);
    await ok(await signOff(participant?.id ?? ''));
    expect(reviewGaps(await ok<Matrix>(await call(member, 'GET', '/skills')))).toEqual([]);
  });

  it('refuses a skill from another workspace and a skill on a text question, naming the field, in both languages', async () => {
    await team();
    const other = await createTestTeam(t.app, []);
    await ok(
      await t.app.inject(
        as(other.owner, {
          method: 'PUT',
          url: url('/skills/targets', other.workspaceId),
          payload: { roleTitle: '主播', skill: '直播', level: 3 },
        }),
      ),
    );
    const foreign = await call(
      manager,
      'POST',
      '/review-templates',
      { name: 'Foreign', definition: await okrTaggedWith('直播') },
      { 'accept-language': 'zh-CN' },
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error).toMatchObject({
      code: 'review_template_invalid',
      fields: [
        {
          path: 'definition.sections.0.questions.0.skill',
          message: '“直播”不是本工作区的技能，请从技能矩阵中选择。',
        },
      ],
    });
    const definition = await okrTaggedWith('数据分析');
    const reflection = definition.sections[2];
    if (!reflection) throw new Error('no reflection section');
    const textTagged = {
      ...definition,
      sections: definition.sections.map((section, s) =>
        s === 2
          ? {
              ...section,
              questions: section.questions.map((q, i) => (i === 0 ? { ...q, skill: '数据分析' } : q)),
            }
          : section,
      ),
    };
    const text = await call(
      manager,
      'POST',
      '/review-templates',
      { name: 'Text', definition: textTagged },
      { 'accept-language': 'en' },
    );
    expect(text.statusCode).toBe(400);
    expect(text.json().error.fields).toEqual([
      {
        path: 'definition.sections.2.questions.0.skill',
        message: 'Only a rating question can be tagged with a skill: its rating becomes the skill’s level.',
      },
    ]);
    expect(await t.database.db.selectFrom('review_templates').select('id').execute()).toHaveLength(0);
    // The workspace's own skill on a rating question is kept.
    const good = await ok<{ template: { definition: Definition } }>(
      await call(manager, 'POST', '/review-templates', { name: 'Good', definition }),
      201,
    );
    expect(good.template.definition.sections[0]?.questions[0]?.skill).toBe('数据分析');
  });
});
