import { describe, expect, it } from 'vitest';
import { as, createTestWorkspace, signUpUser, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

// Served under a path behind a proxy: invitation links must carry the whole public address.
const PUBLIC_URL = 'https://plan.example.com/ops/';

const t = useTestTeam(['manager', 'member'], { config: { publicUrl: PUBLIC_URL } });

const DAY = 24 * 60 * 60 * 1000;

async function invite(by: TestUser, payload: Record<string, unknown>) {
  return t.app.inject(as(by, { method: 'POST', url: `/api/v1/w/${t.workspaceId}/invitations`, payload }));
}

describe('invitations', () => {
  it('invites by link: preview without signing in, accept as a new user, single use', async () => {
    const created = await invite(t.manager, { role: 'member', expiresInDays: 7 });
    expect(created.statusCode).toBe(201);
    const { token, url, invitation } = created.json();
    expect(url).toBe(`https://plan.example.com/ops/invite/${token}`);
    expect(invitation).toMatchObject({ role: 'member', status: 'pending', createdBy: { id: t.manager.id } });

    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ workspaceName: 'Growth team', role: 'member', status: 'pending' });

    const newcomer = await signUpUser(t.app);
    const accepted = await t.app.inject(
      as(newcomer, { method: 'POST', url: `/api/v1/invitations/${token}/accept` }),
    );
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ workspace: { id: t.workspaceId }, role: 'member' });

    const again = await t.app.inject(
      as(await signUpUser(t.app), { method: 'POST', url: `/api/v1/invitations/${token}/accept` }),
    );
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('invitation_expired');

    const list = await t.app.inject(
      as(t.manager, { method: 'GET', url: `/api/v1/w/${t.workspaceId}/invitations` }),
    );
    expect(list.json().items[0].status).toBe('accepted');
  });

  it('expires after its days', async () => {
    const { token } = (await invite(t.owner, { role: 'viewer', expiresInDays: 1 })).json();
    t.clock.advance(DAY + 1);
    const newcomer = await signUpUser(t.app);
    const response = await t.app.inject(
      as(newcomer, {
        method: 'POST',
        url: `/api/v1/invitations/${token}/accept`,
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(response.statusCode).toBe(410);
    expect(response.json().error.message).toBe('此邀请已过期或已被撤销。');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).json().status).toBe(
      'expired',
    );
  });

  it('can be revoked by a manager, and then does not work', async () => {
    const created = (await invite(t.owner, { role: 'member', expiresInDays: 3 })).json();
    const byMember = await t.app.inject(
      as(t.member, {
        method: 'DELETE',
        url: `/api/v1/w/${t.workspaceId}/invitations/${created.invitation.id}`,
      }),
    );
    expect(byMember.statusCode).toBe(403);
    const revoked = await t.app.inject(
      as(t.manager, {
        method: 'DELETE',
        url: `/api/v1/w/${t.workspaceId}/invitations/${created.invitation.id}`,
      }),
    );
    expect(revoked.statusCode).toBe(204);
    const newcomer = await signUpUser(t.app);
    expect(
      (
        await t.app.inject(
          as(newcomer, { method: 'POST', url: `/api/v1/invitations/${created.token}/accept` }),
        )
      ).statusCode,
    ).toBe(410);
  });

  it('binds an invitation to an e-mail when given one', async () => {
    const { token } = (
      await invite(t.owner, { role: 'member', email: 'Chen@Example.com', expiresInDays: 3 })
    ).json();
    const wrong = await signUpUser(t.app);
    const refused = await t.app.inject(
      as(wrong, { method: 'POST', url: `/api/v1/invitations/${token}/accept` }),
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('chen@example.com');
    const right = await signUpUser(t.app, { email: 'chen@example.com' });
    expect(
      (await t.app.inject(as(right, { method: 'POST', url: `/api/v1/invitations/${token}/accept` })))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a member joining twice', async () => {
    const { token } = (await invite(t.owner, { role: 'member', expiresInDays: 3 })).json();
    const response = await t.app.inject(
      as(t.member, { method: 'POST', url: `/api/v1/invitations/${token}/accept` }),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('already_member');
  });

  it('limits who may invite and to which role', async () => {
    expect((await invite(t.member, { role: 'viewer', expiresInDays: 3 })).statusCode).toBe(403);
    const tooHigh = await invite(t.manager, { role: 'admin', expiresInDays: 3 });
    expect(tooHigh.statusCode).toBe(403);
    expect(tooHigh.json().error.code).toBe('role_not_allowed');
    const invalid = await invite(t.owner, { role: 'member', expiresInDays: 90, email: 'nope' });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['email', 'expiresInDays']);
  });

  it('answers an unknown token with 404', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/invitations/this-token-does-not-exist',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('invitation_not_found');
  });

  it('does not revoke another workspace’s invitation', async () => {
    const otherOwner = await signUpUser(t.app);
    const otherWorkspace = await createTestWorkspace(t.app, otherOwner);
    const foreign = (
      await t.app.inject(
        as(otherOwner, {
          method: 'POST',
          url: `/api/v1/w/${otherWorkspace}/invitations`,
          payload: { role: 'member', expiresInDays: 3 },
        }),
      )
    ).json();
    const response = await t.app.inject(
      as(t.owner, {
        method: 'DELETE',
        url: `/api/v1/w/${t.workspaceId}/invitations/${foreign.invitation.id}`,
      }),
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('invitation_not_found');
  });
});
