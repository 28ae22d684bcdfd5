import type { Insertable } from 'kysely';
import { preparedStatement } from '../../db/prepared.ts';
import type { Dialect, Executor, SessionsTable, UsersTable } from '../../db/types.ts';

export function selectUserByEmail(executor: Executor, email: string) {
  return executor.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function selectUserById(executor: Executor, id: string) {
  return executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(executor: Executor, user: Insertable<UsersTable>): Promise<void> {
  await executor.insertInto('users').values(user).execute();
}

export async function updateUser(
  executor: Executor,
  id: string,
  changes: Partial<Pick<UsersTable, 'name' | 'locale' | 'password_hash' | 'updated_at'>>,
): Promise<void> {
  await executor.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function insertSession(executor: Executor, session: Insertable<SessionsTable>): Promise<void> {
  await executor.insertInto('sessions').values(session).execute();
}

type SessionWithUser = {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  name: string;
  email: string;
  locale: string;
  workspace_role: string | null;
};

const SESSION_COLUMNS = `sessions.id, sessions.user_id, sessions.csrf_token, sessions.created_at,
  sessions.last_seen_at, sessions.expires_at, users.name, users.email, users.locale`;

// Prepared once (see preparedStatement): every request signed in by a cookie starts with one of these.
const sessionAlone = preparedStatement<{ session: string }, SessionWithUser>(
  () => `SELECT ${SESSION_COLUMNS}, NULL AS workspace_role
FROM sessions JOIN users ON users.id = sessions.user_id
WHERE sessions.id = :session`,
);
const sessionInWorkspace = preparedStatement<{ session: string; workspace: string }, SessionWithUser>(
  () => `SELECT ${SESSION_COLUMNS}, memberships.role AS workspace_role
FROM sessions JOIN users ON users.id = sessions.user_id
LEFT JOIN memberships ON memberships.user_id = sessions.user_id AND memberships.workspace_id = :workspace
WHERE sessions.id = :session`,
);

/**
 * A session with its user and, when `workspaceId` is given, the user's role there (null when not a member): what
 * every workspace request checks first, in one read.
 */
export async function selectSessionWithUser(
  executor: Executor,
  dialect: Dialect,
  sessionId: string,
  workspaceId?: string,
): Promise<SessionWithUser | undefined> {
  const rows =
    workspaceId === undefined
      ? await sessionAlone(executor, dialect, { session: sessionId })
      : await sessionInWorkspace(executor, dialect, { session: sessionId, workspace: workspaceId });
  return rows[0];
}

export async function extendSession(
  executor: Executor,
  sessionId: string,
  lastSeenAt: number,
  expiresAt: number,
) {
  await executor
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(executor: Executor, sessionId: string): Promise<void> {
  await executor.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteOtherSessions(executor: Executor, userId: string, keepSessionId: string | null) {
  let query = executor.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}

export function selectWorkspacesOfUser(executor: Executor, userId: string) {
  return executor
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('workspaces.created_at')
    .execute();
}

/**
 * Counts one attempt against a key within a window, atomically: the statement that adds the attempt also
 * answers the new count, so parallel requests each see a different number and at most the limit get through.
 */
export function hitRateLimit(executor: Executor, key: string, now: number, windowMs: number) {
  return executor
    .insertInto('rate_limits')
    .values({ key, count: 1, reset_at: now + windowMs })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('rate_limits.reset_at', '<=', now)
          .then(1)
          .else(eb('rate_limits.count', '+', 1))
          .end(),
        reset_at: eb
          .case()
          .when('rate_limits.reset_at', '<=', now)
          .then(now + windowMs)
          .else(eb.ref('rate_limits.reset_at'))
          .end(),
      })),
    )
    .returning(['count', 'reset_at'])
    .executeTakeFirstOrThrow();
}

/** Gives back one counted attempt (a successful log-in does not use up its address's allowance). */
export async function releaseRateLimit(executor: Executor, key: string): Promise<void> {
  await executor
    .updateTable('rate_limits')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('key', '=', key)
    .where('count', '>', 0)
    .execute();
}

export async function clearRateLimit(executor: Executor, key: string): Promise<void> {
  await executor.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Revokes every live API token of a user, in all workspaces; answers which. */
export function revokeTokensOfUser(executor: Executor, userId: string, now: number) {
  return executor
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'workspace_id'])
    .execute();
}

export async function deleteExpiredSessions(executor: Executor, now: number): Promise<void> {
  await executor.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function deleteExpiredRateLimits(executor: Executor, now: number): Promise<void> {
  await executor.deleteFrom('rate_limits').where('reset_at', '<', now).execute();
}
