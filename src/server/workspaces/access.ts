import { AppError } from '../../core/errors/index.ts';
import { can, isRole, type Permission, type Role } from '../../core/permissions/index.ts';
import type { Executor } from '../../db/types.ts';
import type { Actor } from '../context.ts';
import { selectMembershipRole } from './queries.ts';

export type Access = { workspaceId: string; userId: string; role: Role };

/** The caller's role in a workspace, or 404 when they are not a member (or their token is for another one). */
export async function requireMembership(
  executor: Executor,
  actor: Actor,
  workspaceId: string,
): Promise<Role> {
  if (actor.tokenWorkspaceId && actor.tokenWorkspaceId !== workspaceId)
    throw new AppError('workspace_not_found');
  // The role read with the session when this request began, unless the caller is inside a transaction: a write
  // that checks there sees the membership as of its own snapshot.
  const known = actor.membership;
  const role =
    known && known.workspaceId === workspaceId && !executor.isTransaction
      ? known.role
      : (await selectMembershipRole(executor, workspaceId, actor.userId))?.role;
  if (!role || !isRole(role)) throw new AppError('workspace_not_found');
  return role;
}

/**
 * The first step of every workspace-scoped service: the caller must be a member (else 404, so ids of
 * other workspaces reveal nothing) and their role must allow the permission (else 403).
 */
export async function authorize(
  executor: Executor,
  actor: Actor,
  workspaceId: string,
  permission: Permission,
): Promise<Access> {
  const role = await requireMembership(executor, actor, workspaceId);
  if (!can(role, permission)) throw new AppError('forbidden');
  return { workspaceId, userId: actor.userId, role };
}
