import { AppError } from '../../core/errors/index.ts';
import { isLocale, type Locale } from '../../core/i18n/index.ts';
import { isRole } from '../../core/permissions/index.ts';
import { newId } from '../../db/ids.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Executor, User } from '../../db/types.ts';
import type { Actor, Services } from '../context.ts';
import { hashPassword, hashSecret, newSecret, verifyPassword } from '../secrets.ts';
import { checkNewPassword } from './passwords.ts';
import * as queries from './queries.ts';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

export type PublicUser = { id: string; email: string; name: string; locale: Locale };
export type NewSession = { user: PublicUser; sessionToken: string; csrfToken: string; expiresAt: number };

export function toPublicUser(user: Pick<User, 'id' | 'email' | 'name' | 'locale'>): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: isLocale(user.locale) ? user.locale : 'zh-CN',
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function startSession(
  services: Services,
  db: Executor,
  user: PublicUser,
  client: ClientInfo,
): Promise<NewSession> {
  const now = services.now();
  const sessionToken = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = now + services.config.sessionIdleDays * DAY;
  await queries.insertSession(db, {
    id: hashSecret(sessionToken),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { user, sessionToken, csrfToken, expiresAt };
}

export type ClientInfo = { ip: string; userAgent: string | undefined };

export async function signUp(
  services: Services,
  input: { email: string; password: string; name: string; locale: Locale },
  client: ClientInfo,
): Promise<NewSession> {
  await takeAttempt(
    services,
    `signup:address:${client.ip}`,
    services.config.signUpsPerAddress,
    services.config.signUpWindowMinutes * 60 * 1000,
  );
  const email = normaliseEmail(input.email);
  checkNewPassword(input.password, email, 'password');
  const passwordHash = await hashPassword(input.password);
  return services.db.transaction().execute(async (trx) => {
    if (await queries.selectUserByEmail(trx, email)) {
      throw new AppError('email_taken', {}, [{ path: 'email', message: '' }]);
    }
    const now = services.now();
    const user = { id: newId(now), email, name: input.name.trim(), locale: input.locale };
    await queries.insertUser(trx, { ...user, password_hash: passwordHash, created_at: now, updated_at: now });
    return startSession(services, trx, user, client);
  });
}

/** Counts one attempt against `key`; refuses it when the window already holds `limit` of them. */
async function takeAttempt(services: Services, key: string, limit: number, windowMs: number): Promise<void> {
  const now = services.now();
  const entry = await queries.hitRateLimit(services.db, key, now, windowMs);
  if (entry.count > limit) {
    throw new AppError('rate_limited', { minutes: Math.max(1, Math.ceil((entry.reset_at - now) / 60000)) });
  }
}

// A hash to compare against when the account does not exist, so both paths take as long.
const DUMMY_HASH = hashPassword('not-a-real-password');

export async function logIn(
  services: Services,
  input: { email: string; password: string },
  client: ClientInfo,
): Promise<NewSession> {
  const { db, config } = services;
  const email = normaliseEmail(input.email);
  const windowMs = config.loginWindowMinutes * 60 * 1000;
  const accountKey = `login:account:${email}`;
  const addressKey = `login:address:${client.ip}`;

  // Count first, check the password after: a burst of parallel attempts is counted one by one.
  await takeAttempt(services, accountKey, config.loginAttemptsPerAccount, windowMs);
  await takeAttempt(services, addressKey, config.loginAttemptsPerAddress, windowMs);

  const user = await queries.selectUserByEmail(db, email);
  const isValid = await verifyPassword(input.password, user?.password_hash ?? (await DUMMY_HASH));
  if (!user || !isValid) throw new AppError('invalid_credentials');
  await queries.clearRateLimit(db, accountKey);
  await queries.releaseRateLimit(db, addressKey);
  return startSession(services, db, toPublicUser(user), client);
}

export async function logOut(services: Services, sessionId: string): Promise<void> {
  await queries.deleteSession(services.db, sessionId);
}

/**
 * The actor behind a session cookie, or null, sliding its expiry at most once an hour; with `workspaceId`, the
 * caller's role there is read in the same query.
 */
export async function resolveSession(
  services: Services,
  sessionToken: string,
  workspaceId?: string,
): Promise<Actor | null> {
  const now = services.now();
  const session = await queries.selectSessionWithUser(
    services.db,
    services.dialect,
    hashSecret(sessionToken),
    workspaceId,
  );
  if (!session) return null;
  if (session.expires_at <= now) {
    await queries.deleteSession(services.db, session.id);
    return null;
  }
  if (now - session.last_seen_at > HOUR) {
    const expiresAt = Math.min(
      now + services.config.sessionIdleDays * DAY,
      session.created_at + services.config.sessionMaxDays * DAY,
    );
    await queries.extendSession(services.db, session.id, now, expiresAt);
  }
  return {
    userId: session.user_id,
    name: session.name,
    email: session.email,
    locale: isLocale(session.locale) ? session.locale : services.config.defaultLocale,
    sessionId: session.id,
    csrfToken: session.csrf_token,
    tokenWorkspaceId: null,
    membership: workspaceId === undefined ? undefined : { workspaceId, role: session.workspace_role },
  };
}

export async function getMe(services: Services, actor: Actor) {
  const user = await queries.selectUserById(services.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  const workspaces = await queries.selectWorkspacesOfUser(services.db, actor.userId);
  return {
    user: toPublicUser(user),
    workspaces: workspaces
      .filter((workspace) => !actor.tokenWorkspaceId || workspace.id === actor.tokenWorkspaceId)
      .map((workspace) => ({
        id: workspace.id,
        name: workspace.name,
        role: isRole(workspace.role) ? workspace.role : 'viewer',
      })),
    csrfToken: actor.csrfToken,
  };
}

export async function updateProfile(
  services: Services,
  actor: Actor,
  input: { name?: string | undefined; locale?: Locale | undefined },
): Promise<PublicUser> {
  const now = services.now();
  await queries.updateUser(services.db, actor.userId, {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    updated_at: now,
  });
  const user = await queries.selectUserById(services.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  return toPublicUser(user);
}

/**
 * Changing the password signs out every other session of the user, and with `revokeApiTokens` revokes the
 * user's API tokens in every workspace (a leaked password may have been used to create some).
 */
export async function changePassword(
  services: Services,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; revokeApiTokens?: boolean | undefined },
): Promise<void> {
  const user = await queries.selectUserById(services.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new AppError('wrong_password', {}, [{ path: 'currentPassword', message: '' }]);
  }
  checkNewPassword(input.newPassword, user.email, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await queries.updateUser(trx, actor.userId, { password_hash: passwordHash, updated_at: now });
    await queries.deleteOtherSessions(trx, actor.userId, actor.sessionId);
    if (!input.revokeApiTokens) return;
    for (const token of await queries.revokeTokensOfUser(trx, actor.userId, now)) {
      await insertAuditEntry(trx, {
        workspaceId: token.workspace_id,
        actorId: actor.userId,
        action: 'token.revoked',
        objectType: 'api_token',
        objectId: token.id,
        changes: { reason: 'password_changed' },
        now,
      });
    }
  });
}
