import { AppError } from '../../core/errors/index.ts';
import { canAssignRole, isRole, permissionsOf, type Role } from '../../core/permissions/index.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { authorize } from './access.ts';
import * as queries from './queries.ts';

type WorkspaceRow = Awaited<ReturnType<typeof queries.selectWorkspace>>;
type MemberRow = NonNullable<Awaited<ReturnType<typeof queries.selectMember>>>;

export function toWorkspace(row: WorkspaceRow) {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

function roleOf(value: string): Role {
  return isRole(value) ? value : 'viewer';
}

function toMember(row: MemberRow) {
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: roleOf(row.role),
    title: row.title,
    weeklyCapacityHours: row.weekly_capacity_hours,
    joinedAt: row.created_at,
  };
}

/** Inserts a workspace with its creator as owner; used by sign-up flows and the demo. */
export async function insertWorkspaceWithOwner(
  services: Services,
  trx: Executor,
  input: { name: string; ownerId: string; title?: string | null },
) {
  const now = services.now();
  const workspaceId = newId(now);
  await queries.insertWorkspace(trx, {
    id: workspaceId,
    name: input.name,
    created_by: input.ownerId,
    created_at: now,
    updated_at: now,
  });
  await queries.insertMembership(trx, {
    workspace_id: workspaceId,
    user_id: input.ownerId,
    role: 'owner',
    title: input.title ?? null,
    weekly_capacity_hours: 40,
    created_at: now,
  });
  await insertAuditEntry(trx, {
    workspaceId,
    actorId: input.ownerId,
    action: 'workspace.created',
    objectType: 'workspace',
    objectId: workspaceId,
    changes: { name: input.name },
    now,
  });
  await services.outbox.emit(trx, {
    workspaceId,
    type: 'workspace.created',
    payload: { workspaceId, ownerId: input.ownerId },
  });
  return workspaceId;
}

export async function createWorkspace(services: Services, actor: Actor, input: { name: string }) {
  const workspaceId = await services.db
    .transaction()
    .execute((trx) =>
      insertWorkspaceWithOwner(services, trx, { name: input.name.trim(), ownerId: actor.userId }),
    );
  return {
    workspace: toWorkspace(await queries.selectWorkspace(services.db, workspaceId)),
    role: 'owner' as const,
  };
}

export async function getWorkspace(services: Services, actor: Actor, workspaceId: string) {
  const access = await authorize(services.db, actor, workspaceId, 'workspace.read');
  return {
    workspace: toWorkspace(await queries.selectWorkspace(services.db, workspaceId)),
    role: access.role,
    permissions: permissionsOf(access.role),
  };
}

export async function renameWorkspace(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { name: string },
) {
  await authorize(services.db, actor, workspaceId, 'workspace.update');
  const now = services.now();
  const name = input.name.trim();
  await services.db.transaction().execute(async (trx) => {
    const before = await queries.selectWorkspace(trx, workspaceId);
    await queries.updateWorkspaceName(trx, workspaceId, name, now);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'workspace.renamed',
      objectType: 'workspace',
      objectId: workspaceId,
      changes: { name: { from: before.name, to: name } },
      now,
    });
  });
  return { workspace: toWorkspace(await queries.selectWorkspace(services.db, workspaceId)) };
}

export async function listMembers(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'members.read');
  return (await queries.selectMembers(services.db, workspaceId)).map(toMember);
}

export type MemberChanges = {
  role?: Role | undefined;
  title?: string | null | undefined;
  weeklyCapacityHours?: number | undefined;
};

export async function updateMember(
  context: WorkspaceContext,
  { userId, changes }: { userId: string; changes: MemberChanges },
) {
  const { services, actor, workspaceId } = context;
  const access = await authorize(services.db, actor, workspaceId, 'members.update');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const member = await queries.selectMember(trx, workspaceId, userId);
    if (!member) throw new AppError('member_not_found');
    const current = roleOf(member.role);
    // An admin may manage members, but an owner's record (title and capacity too) is for owners alone.
    if (current === 'owner' && access.role !== 'owner') throw new AppError('owner_record');
    if (changes.role && changes.role !== current) {
      if (!canAssignRole(access.role, current, changes.role)) {
        throw new AppError('role_not_allowed', { role: changes.role }, [{ path: 'role', message: '' }]);
      }
      if (current === 'owner' && (await queries.countOwners(trx, workspaceId)) <= 1)
        throw new AppError('last_owner');
    }
    await queries.updateMembership(trx, workspaceId, userId, {
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.title !== undefined ? { title: changes.title?.trim() || null } : {}),
      ...(changes.weeklyCapacityHours !== undefined
        ? { weekly_capacity_hours: changes.weeklyCapacityHours }
        : {}),
    });
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    if (changes.role && changes.role !== current) diff.role = { from: current, to: changes.role };
    if (changes.title !== undefined && (changes.title?.trim() || null) !== member.title) {
      diff.title = { from: member.title, to: changes.title?.trim() || null };
    }
    if (
      changes.weeklyCapacityHours !== undefined &&
      changes.weeklyCapacityHours !== member.weekly_capacity_hours
    ) {
      diff.weeklyCapacityHours = { from: member.weekly_capacity_hours, to: changes.weeklyCapacityHours };
    }
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'member.updated',
      objectType: 'member',
      objectId: userId,
      changes: diff,
      now,
    });
    if (diff.role) {
      await services.outbox.emit(trx, {
        workspaceId,
        type: 'member.role_changed',
        payload: { userId, ...diff.role },
      });
    }
  });
  const updated = await queries.selectMember(services.db, workspaceId, userId);
  if (!updated) throw new AppError('member_not_found');
  return toMember(updated);
}

/** Removes a member; anyone may leave on their own, but the last owner may not. */
export async function removeMember(services: Services, actor: Actor, workspaceId: string, userId: string) {
  const isSelf = userId === actor.userId;
  const access = await authorize(
    services.db,
    actor,
    workspaceId,
    isSelf ? 'workspace.read' : 'members.remove',
  );
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const member = await queries.selectMember(trx, workspaceId, userId);
    if (!member) throw new AppError('member_not_found');
    const role = roleOf(member.role);
    if (!isSelf && !canAssignRole(access.role, role, role)) throw new AppError('role_not_allowed', { role });
    if (role === 'owner' && (await queries.countOwners(trx, workspaceId)) <= 1)
      throw new AppError('last_owner');
    await queries.deleteMembership(trx, workspaceId, userId, now);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: isSelf ? 'member.left' : 'member.removed',
      objectType: 'member',
      objectId: userId,
      changes: { role, email: member.email },
      now,
    });
    await services.outbox.emit(trx, { workspaceId, type: 'member.removed', payload: { userId } });
  });
}
