import type { Insertable } from 'kysely';
import type { Executor, MembershipsTable, WorkspaceSettingsTable, WorkspacesTable } from '../../db/types.ts';

export async function insertWorkspace(
  executor: Executor,
  workspace: Insertable<WorkspacesTable>,
): Promise<void> {
  await executor.insertInto('workspaces').values(workspace).execute();
}

export async function insertMembership(
  executor: Executor,
  membership: Insertable<MembershipsTable>,
): Promise<void> {
  await executor.insertInto('memberships').values(membership).execute();
}

export function selectWorkspace(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('workspaces')
    .select(['id', 'name', 'created_at'])
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow();
}

export async function updateWorkspaceName(
  executor: Executor,
  workspaceId: string,
  name: string,
  now: number,
) {
  await executor
    .updateTable('workspaces')
    .set({ name, updated_at: now })
    .where('id', '=', workspaceId)
    .execute();
}

const memberColumns = [
  'memberships.user_id',
  'users.email',
  'users.name',
  'memberships.role',
  'memberships.title',
  'memberships.weekly_capacity_hours',
  'memberships.created_at',
] as const;

export function selectMembers(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(memberColumns)
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('memberships.created_at')
    .orderBy('users.name')
    .execute();
}

export function selectMember(executor: Executor, workspaceId: string, userId: string) {
  return executor
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(memberColumns)
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}

export async function updateMembership(
  executor: Executor,
  workspaceId: string,
  userId: string,
  changes: Partial<Pick<MembershipsTable, 'role' | 'title' | 'weekly_capacity_hours'>>,
): Promise<void> {
  await executor
    .updateTable('memberships')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMembership(executor: Executor, workspaceId: string, userId: string, now: number) {
  await executor
    .deleteFrom('memberships')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  // Tokens act as their user in this workspace: they go with the membership.
  await executor
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  // So do calendar feed URLs, which would otherwise keep publishing the workspace's task titles.
  await executor
    .deleteFrom('calendar_feeds')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

export async function countOwners(executor: Executor, workspaceId: string): Promise<number> {
  const row = await executor
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The caller's role in a workspace, the access check of every workspace-scoped service. */
export function selectMembershipRole(executor: Executor, workspaceId: string, userId: string) {
  return executor
    .selectFrom('memberships')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Workspaces with their zone and work start; the server's defaults where none is stored. */
export function selectWorkspaceMornings(executor: Executor) {
  return executor
    .selectFrom('workspaces')
    .leftJoin('workspace_settings', 'workspace_settings.workspace_id', 'workspaces.id')
    .select(['workspaces.id', 'workspace_settings.time_zone', 'workspace_settings.work_start_minutes'])
    .execute();
}

/** A workspace's time zone, working hours and week pattern, when it has set them. */
export function selectWorkTime(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('workspace_settings')
    .select(['time_zone', 'work_start_minutes', 'work_end_minutes', 'week_pattern', 'big_week_of'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

/** Every workspace's stored time zone. */
export function selectTimeZones(executor: Executor) {
  return executor.selectFrom('workspace_settings').select(['workspace_id', 'time_zone']).execute();
}

export async function upsertWorkTime(
  executor: Executor,
  workspaceId: string,
  row: Omit<Insertable<WorkspaceSettingsTable>, 'workspace_id'>,
): Promise<void> {
  await executor
    .insertInto('workspace_settings')
    .values({ workspace_id: workspaceId, ...row })
    .onConflict((conflict) => conflict.column('workspace_id').doUpdateSet(row))
    .execute();
}
