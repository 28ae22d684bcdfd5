import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
let viewer: TestUser;
let workspaceId: string;

type DocumentBody = {
  id: string;
  status: string;
  progress: number;
  fileName: string | null;
  error: string | null;
};

beforeEach(async () => {
  t = await createTestApp();
  ({ owner, viewer } = await createTestTeam(t.app, ['viewer']));
  const demo = await t.app.inject(
    as(owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
  );
  expect(demo.statusCode).toBe(201);
  workspaceId = demo.json().workspace.id;
  await t.database.db
    .insertInto('memberships')
    .values({
      workspace_id: workspaceId,
      user_id: viewer.id,
      role: 'viewer',
      title: null,
      weekly_capacity_hours: 40,
      created_at: 0,
    })
    .execute();
});
afterEach(() => t.close());

const url = (suffix: string, id = workspaceId) => `/api/v1/w/${id}${suffix}`;

async function request(user: TestUser, payload: object): Promise<DocumentBody> {
  const response = await t.app.inject(as(user, { method: 'POST', url: url('/documents'), payload }));
  expect(response.statusCode).toBe(202);
  return response.json<{ document: DocumentBody }>().document;
}

/** Runs due jobs (the demo's own events first) until the document has finished. */
async function finish(documentId: string): Promise<DocumentBody> {
  for (let round = 0; round < 50; round += 1) {
    const response = await t.app.inject(as(owner, { method: 'GET', url: url(`/documents/${documentId}`) }));
    const document = response.json<{ document: DocumentBody }>().document;
    if (document.status === 'done' || document.status === 'failed') return document;
    if ((await t.app.services.scheduler.runDue()) === 0) break;
  }
  throw new Error('document never finished');
}

describe('plan documents', () => {
  it('renders the demo workspace to DOCX as a job and serves the file with its name', async () => {
    const queued = await request(owner, { format: 'docx', locale: 'zh-CN' });
    expect(queued).toMatchObject({ status: 'queued', progress: 0 });
    const pending = await t.app.inject(
      as(owner, { method: 'GET', url: url(`/documents/${queued.id}/file`) }),
    );
    expect(pending.statusCode).toBe(409);
    expect(pending.json().error.code).toBe('document_not_ready');

    const done = await finish(queued.id);
    expect(done).toMatchObject({ status: 'done', progress: 100, error: null });
    expect(done.fileName).toMatch(/^运营细化工作计划 .+ \d{4}-\d{2}-\d{2}\.docx$/);

    const file = await t.app.inject(as(owner, { method: 'GET', url: url(`/documents/${queued.id}/file`) }));
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(file.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(done.fileName ?? '')}`,
    );
    const zip = await JSZip.loadAsync(file.rawPayload);
    const body = (await zip.file('word/document.xml')?.async('string')) ?? '';
    for (const heading of ['1 目标', '2 任务分解与责任分配', '4 流程设计', '10 用户反馈'])
      expect(body).toContain(heading);
    expect(body).toContain('在三个月内将用户增长率提升20%');
    expect(body).toContain('<w:tbl>');

    const list = await t.app.inject(as(viewer, { method: 'GET', url: url('/documents') }));
    expect(list.json().items.map((item: DocumentBody) => item.id)).toEqual([queued.id]);
  }, 120_000);

  it('writes one goal’s subtree in the chosen language', async () => {
    const goal = await t.database.db
      .selectFrom('goals')
      .select(['id', 'title'])
      .where('workspace_id', '=', workspaceId)
      .where('parent_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const queued = await request(owner, { format: 'md', locale: 'en', goalId: goal.id });
    const done = await finish(queued.id);
    expect(done.status).toBe('done');
    const file = await t.app.inject(as(owner, { method: 'GET', url: url(`/documents/${queued.id}/file`) }));
    expect(file.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(file.body).toContain('## 1 Goals');
    expect(file.body).toContain('## 2 Work breakdown and responsibilities');
    expect(file.body).toContain(`- **Scope**: ${goal.title}`);
  }, 120_000);

  it('writes the failure on the document in its language when PDF has no browser', async () => {
    const previous = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const queued = await request(owner, { format: 'pdf', locale: 'zh-CN' });
      const done = await finish(queued.id);
      expect(done.status).toBe('failed');
      expect(done.error).toContain('/nonexistent/chromium');
      expect(done.error).toMatch(/HTML.*DOCX/);
      expect(done.error).toContain('生成 PDF 需要 Chromium');
    } finally {
      if (previous === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = previous;
    }
  }, 120_000);

  it('previews the plan as HTML the Plan page may frame', async () => {
    const response = await t.app.inject(
      as(viewer, { method: 'GET', url: url('/plan/preview?locale=zh-CN') }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(response.body).toContain('<h1>1 目标</h1>');
    expect(response.body).toContain('<svg ');
  }, 60_000);

  it('lets viewers read but not render, refuses bad input by field, and hides other workspaces', async () => {
    const refused = await t.app.inject(
      as(viewer, { method: 'POST', url: url('/documents'), payload: { format: 'md' } }),
    );
    expect(refused.statusCode).toBe(403);

    const invalid = await t.app.inject(
      as(owner, { method: 'POST', url: url('/documents'), payload: { format: 'rtf' } }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields.map((field: { path: string }) => field.path)).toEqual(['format']);

    const unknownGoal = await t.app.inject(
      as(owner, { method: 'POST', url: url('/documents'), payload: { format: 'md', goalId: 'nope' } }),
    );
    expect(unknownGoal.statusCode).toBe(404);
    expect(unknownGoal.json().error.code).toBe('goal_not_found');

    const anonymous = await t.app.inject({ method: 'GET', url: url('/documents') });
    expect(anonymous.statusCode).toBe(401);

    const mine = await request(owner, { format: 'html' });
    const stranger = await signUpUser(t.app);
    const theirs = await t.app.inject(
      as(stranger, { method: 'POST', url: '/api/v1/workspaces', payload: { name: 'Other team' } }),
    );
    const otherWorkspace = theirs.json().workspace.id;
    for (const path of [`/documents/${mine.id}`, `/documents/${mine.id}/file`]) {
      const crossed = await t.app.inject(as(stranger, { method: 'GET', url: url(path, otherWorkspace) }));
      expect(crossed.statusCode).toBe(404);
      expect(crossed.json().error.code).toBe('document_not_found');
      const outside = await t.app.inject(as(stranger, { method: 'GET', url: url(path) }));
      expect(outside.statusCode).toBe(404);
      expect(outside.json().error.code).toBe('workspace_not_found');
    }
    const preview = await t.app.inject(as(stranger, { method: 'GET', url: url('/plan/preview') }));
    expect(preview.statusCode).toBe(404);
  }, 60_000);
});
