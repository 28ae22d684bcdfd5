import { AppError } from '../../core/errors/index.ts';
import { canAssignRole, isRole, type Role } from '../../core/permissions/index.ts';
import { newId } from '../../db/ids.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services } from '../context.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import { authorize } from '../workspaces/access.ts';
import { insertMembership, selectMember, selectWorkspace } from '../workspaces/queries.ts';
import { toWorkspace } from '../workspaces/service.ts';
import * as queries from './queries.ts';

const DAY = 24 * 60 * 60 * 1000;

type Row = NonNullable<Awaited<ReturnType<typeof queries.selectInvitation>>>;
export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

function statusOf(row: Row, now: number): InvitationStatus {
  if (row.accepted_at !== null) return 'accepted';
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'pending';
}

function roleOf(value: string): Role {
  return isRole(value) ? value : 'viewer';
}

function toInvitation(row: Row, now: number) {
  return {
    id: row.id,
    role: roleOf(row.role),
    email: row.email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    createdBy: { id: row.inviter_id, name: row.inviter_name },
    status: statusOf(row, now),
  };
}

export async function listInvitations(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'invitations.read');
  const now = services.now();
  return (await queries.selectInvitations(services.db, workspaceId, 200)).map((row) =>
    toInvitation(row, now),
  );
}

/** Creates a single-use invitation link; the token appears only in this response. */
export async function createInvitation(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { role: Role; email?: string | undefined; expiresInDays: number },
) {
  const access = await authorize(services.db, actor, workspaceId, 'invitations.create');
  if (!canAssignRole(access.role, null, input.role)) {
    throw new AppError('role_not_allowed', { role: input.role }, [{ path: 'role', message: '' }]);
  }
  const now = services.now();
  const token = newSecret();
  const id = newId(now);
  const email = input.email?.trim().toLowerCase() || null;
  await services.db.transaction().execute(async (trx) => {
    await queries.insertInvitation(trx, {
      id,
      workspace_id: workspaceId,
      token_hash: hashSecret(token),
      role: input.role,
      email,
      created_by: actor.userId,
      created_at: now,
      expires_at: now + input.expiresInDays * DAY,
      accepted_by: null,
      accepted_at: null,
      revoked_at: null,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'invitation.created',
      objectType: 'invitation',
      objectId: id,
      changes: { role: input.role, email, expiresInDays: input.expiresInDays },
      now,
    });
  });
  const row = await queries.selectInvitation(services.db, workspaceId, id);
  if (!row) throw new AppError('invitation_not_found');
  // Absolute, from PUBLIC_URL, so the link works wherever it is pasted (chat, e-mail), not only in the app.
  const url = `${services.config.publicUrl.replace(/\/$/, '')}/invite/${token}`;
  return { invitation: toInvitation(row, now), token, url };
}

export async function revokeInvitation(
  services: Services,
  actor: Actor,
  workspaceId: string,
  invitationId: string,
) {
  await authorize(services.db, actor, workspaceId, 'invitations.revoke');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const row = await queries.selectInvitation(trx, workspaceId, invitationId);
    if (!row) throw new AppError('invitation_not_found');
    if (statusOf(row, now) !== 'pending') throw new AppError('invitation_expired');
    await queries.revokeInvitation(trx, invitationId, now);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'invitation.revoked',
      objectType: 'invitation',
      objectId: invitationId,
      now,
    });
  });
}

async function findByToken(services: Services, token: string) {
  const row = await queries.unsafeSelectInvitationByTokenHash(services.db, hashSecret(token));
  if (!row) throw new AppError('invitation_not_found');
  return row;
}

/** What the invitee sees before accepting: enough to decide, nothing more. */
export async function previewInvitation(services: Services, token: string) {
  const row = await findByToken(services, token);
  return {
    workspaceName: row.workspace_name,
    role: roleOf(row.role),
    inviterName: row.inviter_name,
    expiresAt: row.expires_at,
    status: statusOf(row, services.now()),
  };
}

export async function acceptInvitation(services: Services, actor: Actor, token: string) {
  const row = await findByToken(services, token);
  const now = services.now();
  if (statusOf(row, now) !== 'pending') throw new AppError('invitation_expired');
  if (row.email && row.email !== actor.email)
    throw new AppError('invitation_email_mismatch', { email: row.email });
  const workspaceId = row.workspace_id;
  const role = roleOf(row.role);
  await services.db.transaction().execute(async (trx) => {
    if (await selectMember(trx, workspaceId, actor.userId)) throw new AppError('already_member');
    if (!(await queries.markInvitationAccepted(trx, row.id, actor.userId, now)))
      throw new AppError('invitation_expired');
    await insertMembership(trx, {
      workspace_id: workspaceId,
      user_id: actor.userId,
      role,
      title: null,
      weekly_capacity_hours: 40,
      created_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'member.joined',
      objectType: 'member',
      objectId: actor.userId,
      changes: { role, invitationId: row.id },
      now,
    });
    await services.outbox.emit(trx, {
      workspaceId,
      type: 'member.joined',
      payload: { userId: actor.userId, role },
    });
  });
  return { workspace: toWorkspace(await selectWorkspace(services.db, workspaceId)), role };
}
