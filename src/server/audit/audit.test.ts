import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestTeam, type TestApp, type TestUser } from '../testing/app.ts';

let t: TestApp;
let owner: TestUser;
let admin: TestUser;
let manager: TestUser;
let workspaceId: string;

beforeEach(async () => {
  t = await createTestApp();
  ({ workspaceId, owner, admin, manager } = await createTestTeam(t.app, ['admin', 'manager']));
});
afterEach(() => t.close());

type Page = {
  items: Array<{ id: string; action: string; actor: { id: string } | null; createdAt: number }>;
  nextCursor: string | null;
};

async function audit(user: TestUser, query = '') {
  return t.app.inject(as(user, { method: 'GET', url: `/api/v1/w/${workspaceId}/audit${query}` }));
}

describe('audit log', () => {
  it('records every change with who, what and when, newest first', async () => {
    t.clock.advance(1000);
    await t.app.inject(
      as(admin, { method: 'PATCH', url: `/api/v1/w/${workspaceId}`, payload: { name: '新名字' } }),
    );
    const page = (await audit(owner)).json<Page>();
    expect(page.items[0]).toMatchObject({ action: 'workspace.renamed', actor: { id: admin.id } });
    const actions = page.items.map((i) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining(['workspace.created', 'invitation.created', 'member.joined']),
    );
    const times = page.items.map((i) => i.createdAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by person, object and date', async () => {
    t.clock.advance(60_000);
    const from = t.clock.now;
    await t.app.inject(
      as(admin, { method: 'PATCH', url: `/api/v1/w/${workspaceId}`, payload: { name: 'A' } }),
    );
    await t.app.inject(
      as(owner, {
        method: 'PATCH',
        url: `/api/v1/w/${workspaceId}/members/${manager.id}`,
        payload: { title: '主管' },
      }),
    );
    const byAdmin = (await audit(owner, `?actorId=${admin.id}`)).json<Page>();
    expect(byAdmin.items.every((i) => i.actor?.id === admin.id)).toBe(true);
    expect(byAdmin.items.map((i) => i.action)).toContain('workspace.renamed');
    const members = (await audit(owner, `?objectType=member&objectId=${manager.id}`)).json<Page>();
    expect(members.items.map((i) => i.action)).toEqual(['member.updated', 'member.joined']);
    const recent = (await audit(owner, `?from=${from}`)).json<Page>();
    expect(recent.items).toHaveLength(2);
    const early = (await audit(owner, `?to=${from - 1}`)).json<Page>();
    expect(early.items.some((i) => i.action === 'workspace.renamed')).toBe(false);
  });

  it('pages by cursor without gaps or repeats', async () => {
    for (let i = 0; i < 7; i += 1) {
      await t.app.inject(
        as(owner, { method: 'PATCH', url: `/api/v1/w/${workspaceId}`, payload: { name: `Name ${i}` } }),
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (await audit(owner, `?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).json<Page>();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await audit(owner, '?limit=200')).json<Page>();
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(8);
  });

  it('is for admins only, and validates its query', async () => {
    expect((await audit(manager)).statusCode).toBe(403);
    const bad = await audit(owner, '?limit=5000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('limit');
  });
});
