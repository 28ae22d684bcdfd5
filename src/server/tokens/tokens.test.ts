import { beforeEach, describe, expect, it } from 'vitest';
import { as, createTestWorkspace, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['viewer']);
let otherWorkspaceId: string;

beforeEach(async () => {
  otherWorkspaceId = await createTestWorkspace(t.app, t.owner);
});

async function createToken(user: TestUser, payload: Record<string, unknown>) {
  return t.app.inject(as(user, { method: 'POST', url: '/api/v1/me/tokens', payload }));
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}`, 'accept-language': 'en' });

describe('API tokens', () => {
  it('creates a token shown once, stored hashed, that works only in its workspace', async () => {
    const created = await createToken(t.owner, {
      name: 'KPI push script',
      workspaceId: t.workspaceId,
      expiresInDays: 30,
    });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^opsp_/);
    expect(token).toMatchObject({
      name: 'KPI push script',
      workspaceId: t.workspaceId,
      prefix: secret.slice(0, 9),
    });
    const stored = await t.database.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret);

    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/w/${t.workspaceId}/members`,
      headers: bearer(secret),
    });
    expect(own.statusCode).toBe(200);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/w/${otherWorkspaceId}/members`,
      headers: bearer(secret),
    });
    expect(other.statusCode).toBe(404);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) });
    expect(me.json().workspaces.map((w: { id: string }) => w.id)).toEqual([t.workspaceId]);
  });

  it('needs no CSRF token but cannot manage accounts', async () => {
    const { secret } = (await createToken(t.owner, { name: 'script', workspaceId: t.workspaceId })).json();
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/w/${t.workspaceId}`,
      headers: bearer(secret),
      payload: { name: 'Renamed' },
    });
    expect(rename.statusCode).toBe(200);
    const mint = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: bearer(secret),
      payload: { name: 'x', workspaceId: t.workspaceId },
    });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().error.code).toBe('token_scope');
  });

  it('stops working when revoked, expired, or its user leaves the workspace', async () => {
    const first = (await createToken(t.owner, { name: 'one', workspaceId: t.workspaceId })).json();
    const revoked = await t.app.inject(
      as(t.owner, { method: 'DELETE', url: `/api/v1/me/tokens/${first.token.id}` }),
    );
    expect(revoked.statusCode).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/w/${t.workspaceId}`,
          headers: bearer(first.secret),
        })
      ).statusCode,
    ).toBe(401);

    const second = (
      await createToken(t.owner, { name: 'two', workspaceId: t.workspaceId, expiresInDays: 1 })
    ).json();
    t.clock.advance(2 * 24 * 60 * 60 * 1000);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/w/${t.workspaceId}`,
          headers: bearer(second.secret),
        })
      ).statusCode,
    ).toBe(401);

    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/w/${t.workspaceId}`,
      headers: bearer('opsp_made-up'),
    });
    expect(bad.statusCode).toBe(401);
  });

  it('lists only the caller’s live tokens and refuses another user’s', async () => {
    await createToken(t.owner, { name: 'mine', workspaceId: t.workspaceId });
    const list = await t.app.inject(as(t.owner, { method: 'GET', url: '/api/v1/me/tokens' }));
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(['mine']);
    const id = list.json().items[0].id as string;
    const theirs = await t.app.inject(as(t.viewer, { method: 'DELETE', url: `/api/v1/me/tokens/${id}` }));
    expect(theirs.statusCode).toBe(404);
    expect(
      (await t.app.inject(as(t.viewer, { method: 'GET', url: '/api/v1/me/tokens' }))).json().items,
    ).toEqual([]);
  });

  it('refuses a viewer, a foreign workspace and bad fields', async () => {
    expect((await createToken(t.viewer, { name: 'x', workspaceId: t.workspaceId })).statusCode).toBe(403);
    const foreign = await createToken(t.viewer, { name: 'x', workspaceId: otherWorkspaceId });
    expect(foreign.statusCode).toBe(404);
    const invalid = await createToken(t.owner, { name: '', workspaceId: t.workspaceId, expiresInDays: 0 });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['expiresInDays', 'name']);
  });
});
