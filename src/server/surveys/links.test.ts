import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBED_SCRIPT } from '../embed.ts';
import { as, createTestTeam, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['member', 'viewer'], {
  config: () => {
    // A web build of one page, so the app serves its client-side routes (the embed pages among them).
    const webDir = mkdtempSync(path.join(tmpdir(), 'opsplan-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    return { webDir };
  },
});

async function openSurvey(payload: Record<string, unknown> = {}) {
  const created = await t.app.inject(
    as(t.member, {
      method: 'POST',
      url: t.url('/surveys'),
      payload: {
        title: 'NPS',
        questions: [{ id: 'nps', type: 'nps', title: '推荐意愿', required: true }],
        ...payload,
      },
    }),
  );
  const id = created.json().survey.id as string;
  await t.app.inject(
    as(t.owner, { method: 'PATCH', url: t.url(`/surveys/${id}`), payload: { status: 'open' } }),
  );
  return id;
}

function respond(surveyId: string, payload: Record<string, unknown>, ip = '198.51.100.4') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/public/surveys/${surveyId}/responses`,
    payload,
    remoteAddress: ip,
    headers: { 'accept-language': 'en' },
  });
}

describe('survey links', () => {
  it('takes one response per one-use link per wave, and a personal link answers as its contact', async () => {
    const surveyId = await openSurvey({ onePerContact: true });
    const made = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/surveys/${surveyId}/links`),
        payload: { count: 2, emails: ['Li@Example.com'] },
      }),
    );
    expect(made.statusCode, made.body).toBe(201);
    const links = made.json().links as Array<{ token: string; email: string | null; path: string }>;
    expect(links.map((link) => link.email)).toEqual([null, null, 'li@example.com']);
    const [first, second, personal] = links as [(typeof links)[0], (typeof links)[0], (typeof links)[0]];
    expect(first.path).toBe(`/survey/${surveyId}?t=${first.token}`);

    expect((await respond(surveyId, { answers: { nps: 9 }, token: first.token })).statusCode).toBe(201);
    const again = await respond(surveyId, { answers: { nps: 3 }, token: first.token }, '198.51.100.5');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('survey_already_answered');
    expect((await respond(surveyId, { answers: { nps: 7 }, token: second.token })).statusCode).toBe(201);

    const page = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/surveys/${surveyId}?t=${personal.token}`,
    });
    expect(page.json().survey).toMatchObject({ viaLink: true, contactEmail: 'li@example.com' });
    expect((await respond(surveyId, { answers: { nps: 10 }, token: personal.token })).statusCode).toBe(201);
    const contact = await t.app.services.db
      .selectFrom('survey_responses')
      .innerJoin('feedback_contacts', 'feedback_contacts.id', 'survey_responses.contact_id')
      .select('feedback_contacts.email')
      .execute();
    expect(contact).toEqual([{ email: 'li@example.com' }]);

    // Asking again for the same address keeps its link; the list shows who answered this wave.
    const list = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: t.url(`/surveys/${surveyId}/links`),
        payload: { emails: ['li@example.com'] },
      }),
    );
    expect(list.json().links.map((link: { answered: boolean }) => link.answered)).toEqual([true, true, true]);
    // A new wave: each link may answer once more.
    await t.app.inject(
      as(t.member, { method: 'POST', url: t.url(`/surveys/${surveyId}/waves`), payload: {} }),
    );
    expect((await respond(surveyId, { answers: { nps: 8 }, token: first.token })).statusCode).toBe(201);
  });

  it('refuses respondents without a link when the survey takes links only, and unknown tokens', async () => {
    const surveyId = await openSurvey({ linkOnly: true });
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${surveyId}` });
    expect(page.statusCode).toBe(403);
    expect(page.json().error.code).toBe('survey_link_required');
    expect((await respond(surveyId, { answers: { nps: 9 } })).statusCode).toBe(403);
    const bad = await respond(surveyId, { answers: { nps: 9 }, token: 'not-a-token' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([404, 'survey_link_invalid']);
    expect(await t.app.services.db.selectFrom('survey_responses').selectAll().execute()).toHaveLength(0);
  });

  it('keeps links to members who may write, in their own workspace', async () => {
    const surveyId = await openSurvey();
    const post = (
      user: TestUser,
      workspace = t.workspaceId,
      payload: Record<string, unknown> = { count: 1 },
    ) =>
      t.app.inject(
        as(user, { method: 'POST', url: t.url(`/surveys/${surveyId}/links`, workspace), payload }),
      );
    expect((await post(t.viewer)).statusCode).toBe(403);
    expect((await post(t.member, t.workspaceId, {})).statusCode).toBe(400);
    expect((await post(t.member, t.workspaceId, { count: 501 })).statusCode).toBe(400);
    const other = await createTestTeam(t.app, []);
    expect((await post(other.owner, other.workspaceId)).statusCode).toBe(404);
    expect(
      (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url(`/surveys/${surveyId}/links`) })))
        .statusCode,
    ).toBe(403);
  });
});

describe('embedding', () => {
  it('lets other sites frame the embed pages only, and serves the loader script', async () => {
    const embed = await t.app.inject({ method: 'GET', url: `/embed/feedback/${t.workspaceId}` });
    expect(embed.statusCode).toBe(200);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    const survey = await t.app.inject({ method: 'GET', url: '/embed/survey/abc?t=x' });
    expect(survey.headers['content-security-policy']).toContain('frame-ancestors *');

    for (const page of ['/portal/x', '/survey/abc', `/w/${t.workspaceId}/feedback`]) {
      const response = await t.app.inject({ method: 'GET', url: page });
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }

    const script = await t.app.inject({ method: 'GET', url: '/embed.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(script.body).toBe(EMBED_SCRIPT);
    expect(script.body).toContain("'/embed/feedback/'");
  });
});
