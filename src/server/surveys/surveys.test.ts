import { describe, expect, it } from 'vitest';
import { as, createTestTeam, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['member', 'viewer']);

const questions = [
  { id: 'nps', type: 'nps', title: '推荐意愿', required: true },
  {
    id: 'why',
    type: 'text',
    title: '原因',
    showIf: { questionId: 'nps', values: ['0', '1', '2', '3', '4', '5', '6'] },
  },
  {
    id: 'plan',
    type: 'single',
    title: 'Plan',
    options: [
      { id: 'free', label: 'Free' },
      { id: 'pro', label: 'Pro' },
    ],
  },
];

async function createSurvey(user: TestUser, payload: Record<string, unknown>) {
  const response = await t.app.inject(as(user, { method: 'POST', url: t.url('/surveys'), payload }));
  expect(response.statusCode, response.body).toBe(201);
  return response.json().survey as { id: string; status: string; waves: { id: string }[] };
}

function respond(surveyId: string, payload: unknown, ip = '198.51.100.4', lang = 'en') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/public/surveys/${surveyId}/responses`,
    payload: payload as Record<string, unknown>,
    remoteAddress: ip,
    headers: { 'accept-language': lang },
  });
}

async function open(surveyId: string) {
  const response = await t.app.inject(
    as(t.owner, { method: 'PATCH', url: t.url(`/surveys/${surveyId}`), payload: { status: 'open' } }),
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json().survey as { waves: { id: string; nps: number | null }[] };
}

describe('surveys', () => {
  it('builds a survey, takes public responses, scores NPS per wave and shows its trend', async () => {
    const survey = await createSurvey(t.member, { title: '季度 NPS', questions, feedFeedback: true });
    expect(survey.status).toBe('draft');
    // A draft has no public page yet.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${survey.id}` })).statusCode,
    ).toBe(404);
    await open(survey.id);
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${survey.id}` });
    expect(page.json().survey).toMatchObject({ title: '季度 NPS', questions: [{ id: 'nps' }, {}, {}] });

    for (const [index, score] of [10, 9, 8, 3].entries()) {
      const answers =
        score < 7 ? { nps: score, why: '快递太慢，物流信息不更新' } : { nps: score, plan: 'pro' };
      const response = await respond(survey.id, { answers }, `198.51.100.${index}`);
      expect(response.statusCode, response.body).toBe(201);
    }
    // Wave 2: worse.
    const second = await t.app.inject(
      as(t.member, { method: 'POST', url: t.url(`/surveys/${survey.id}/waves`), payload: { label: 'Q2' } }),
    );
    expect(second.statusCode, second.body).toBe(201);
    for (const score of [2, 10]) {
      expect((await respond(survey.id, { answers: { nps: score, why: '退款太慢' } })).statusCode).toBe(201);
    }

    const results = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url(`/surveys/${survey.id}/results`) }),
    );
    expect(results.statusCode, results.body).toBe(200);
    const body = results.json().results;
    expect(body.responses).toBe(2);
    expect(body.trend.map((wave: { score: number; label: string }) => [wave.label, wave.score])).toEqual([
      ['', 25],
      ['Q2', 0],
    ]);
    expect(body.questions[0].nps).toMatchObject({ promoters: 1, detractors: 1, passives: 0 });
    const firstWave = await t.app.inject(
      as(t.viewer, {
        method: 'GET',
        url: t.url(`/surveys/${survey.id}/results?waveId=${body.trend[0].waveId}`),
      }),
    );
    expect(firstWave.json().results.questions[2].counts).toEqual({ free: 0, pro: 3 });

    // Text answers fed the inbox (channel survey).
    const inbox = await t.app.inject(
      as(t.owner, { method: 'GET', url: t.url('/feedback/items?channel=survey') }),
    );
    expect(inbox.json().items).toHaveLength(2); // the 10's "why" was hidden, so dropped

    const csv = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url(`/surveys/${survey.id}/responses/export?format=csv`) }),
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\n')[0]).toContain('推荐意愿');
    expect(csv.body.trim().split('\n')).toHaveLength(7);
  });

  it('refuses bad answers, the honeypot, a second response per contact, floods and closed surveys, in words', async () => {
    const survey = await createSurvey(t.member, { title: 'Once', questions, onePerContact: true });
    await open(survey.id);
    const missing = await respond(survey.id, { answers: {}, email: 'a@example.com' }, undefined, 'zh-CN');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([{ path: 'answers.nps', message: '此题为必答题。' }]);
    expect(
      (await respond(survey.id, { answers: { nps: 12 }, email: 'a@example.com' })).json().error.code,
    ).toBe('survey_answers_invalid');
    expect((await respond(survey.id, { answers: { nps: 9 } })).json().error.code).toBe(
      'survey_email_required',
    );
    expect(
      (await respond(survey.id, { answers: { nps: 9 }, email: 'a@example.com', website: 'x' })).statusCode,
    ).toBe(400);
    expect((await respond(survey.id, { answers: { nps: 9 }, email: 'a@example.com' })).statusCode).toBe(201);
    const again = await respond(survey.id, { answers: { nps: 9 }, email: 'A@example.com' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('survey_already_answered');

    const open2 = await createSurvey(t.member, { title: 'Flood', questions });
    await open(open2.id);
    const codes: number[] = [];
    for (let index = 0; index < 22; index += 1) {
      codes.push((await respond(open2.id, { answers: { nps: 5 } }, '192.0.2.77')).statusCode);
    }
    expect(codes.filter((code) => code === 201)).toHaveLength(20);
    expect(codes.at(-1)).toBe(429);

    await t.app.inject(
      as(t.owner, { method: 'PATCH', url: t.url(`/surveys/${open2.id}`), payload: { status: 'closed' } }),
    );
    expect((await respond(open2.id, { answers: { nps: 5 } }, '192.0.2.78')).json().error.code).toBe(
      'survey_closed',
    );
    const past = await createSurvey(t.member, {
      title: 'Past',
      questions,
      closesAt: t.app.services.now() - 1000,
    });
    await open(past.id);
    expect((await respond(past.id, { answers: { nps: 5 } })).statusCode).toBe(409);
  });

  it('checks the questionnaire, permissions and workspace scope', async () => {
    const bad = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url('/surveys'),
        headers: { 'accept-language': 'zh-CN' },
        payload: { title: 'x', questions: [{ id: 'a', type: 'single', title: 'x', options: [] }] },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'questions.0.options', message: '请至少填写两个选项。' },
    ]);
    const empty = await createSurvey(t.member, { title: 'Empty' });
    const opening = await t.app.inject(
      as(t.owner, { method: 'PATCH', url: t.url(`/surveys/${empty.id}`), payload: { status: 'open' } }),
    );
    expect(opening.json().error.code).toBe('survey_no_questions');
    expect(
      (await t.app.inject(as(t.viewer, { method: 'POST', url: t.url('/surveys'), payload: { title: 'x' } })))
        .statusCode,
    ).toBe(403);

    const other = await createTestTeam(t.app, []);
    const foreign = await t.app.inject(
      as(other.owner, { method: 'GET', url: t.url(`/surveys/${empty.id}`, other.workspaceId) }),
    );
    expect(foreign.statusCode).toBe(404);
    const patchForeign = await t.app.inject(
      as(other.owner, {
        method: 'PATCH',
        url: t.url(`/surveys/${empty.id}`, other.workspaceId),
        payload: { title: 'mine' },
      }),
    );
    expect(patchForeign.statusCode).toBe(404);
    const deleted = await t.app.inject(
      as(t.member, { method: 'DELETE', url: t.url(`/surveys/${empty.id}`) }),
    );
    expect(deleted.statusCode).toBe(204);
  });
});

describe('demo surveys', () => {
  it('hold a quarterly NPS survey whose second wave scores better than the first', async () => {
    const demo = await t.app.inject(
      as(t.owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
    );
    expect(demo.statusCode, demo.body).toBe(201);
    const demoId = demo.json().workspace.id as string;
    const list = await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/surveys', demoId) }));
    const surveys = list.json().surveys as { id: string; title: string; waves: { nps: number }[] }[];
    const nps = surveys.find((survey) => survey.title.includes('NPS'));
    expect(nps?.waves).toHaveLength(2);
    const results = await t.app.inject(
      as(t.owner, { method: 'GET', url: t.url(`/surveys/${nps?.id}/results`, demoId) }),
    );
    const trend = results.json().results.trend as { score: number; count: number }[];
    expect(trend[1]?.score).toBeGreaterThan(trend[0]?.score ?? 100);
    expect(results.json().results.questions[1].clusters.length).toBeGreaterThan(0);
  });
});
