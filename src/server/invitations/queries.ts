import type { Insertable } from 'kysely';
import type { Executor, InvitationsTable } from '../../db/types.ts';

export async function insertInvitation(
  executor: Executor,
  invitation: Insertable<InvitationsTable>,
): Promise<void> {
  await executor.insertInto('invitations').values(invitation).execute();
}

function invitationsWithInviter(executor: Executor) {
  return executor
    .selectFrom('invitations')
    .innerJoin('users as inviter', 'inviter.id', 'invitations.created_by')
    .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .select([
      'invitations.id',
      'invitations.workspace_id',
      'workspaces.name as workspace_name',
      'invitations.role',
      'invitations.email',
      'invitations.created_at',
      'invitations.expires_at',
      'invitations.accepted_at',
      'invitations.revoked_at',
      'inviter.id as inviter_id',
      'inviter.name as inviter_name',
    ]);
}

export type InvitationRow = Awaited<ReturnType<typeof selectInvitation>> & object;

export function selectInvitations(executor: Executor, workspaceId: string, limit: number) {
  return invitationsWithInviter(executor)
    .where('invitations.workspace_id', '=', workspaceId)
    .orderBy('invitations.created_at', 'desc')
    .limit(limit)
    .execute();
}

export function selectInvitation(executor: Executor, workspaceId: string, invitationId: string) {
  return invitationsWithInviter(executor)
    .where('invitations.workspace_id', '=', workspaceId)
    .where('invitations.id', '=', invitationId)
    .executeTakeFirst();
}

/** Not yet scoped: the token itself is the proof of access. */
export function unsafeSelectInvitationByTokenHash(executor: Executor, tokenHash: string) {
  return invitationsWithInviter(executor).where('invitations.token_hash', '=', tokenHash).executeTakeFirst();
}

export async function revokeInvitation(executor: Executor, invitationId: string, now: number): Promise<void> {
  await executor.updateTable('invitations').set({ revoked_at: now }).where('id', '=', invitationId).execute();
}

/** Marks an invitation used; false when someone else used it, or it was revoked, in the meantime. */
export async function markInvitationAccepted(
  executor: Executor,
  invitationId: string,
  userId: string,
  now: number,
) {
  const result = await executor
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_by: userId })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
