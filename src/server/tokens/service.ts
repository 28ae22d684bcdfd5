import { AppError } from '../../core/errors/index.ts';
import { isLocale } from '../../core/i18n/index.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, Services } from '../context.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;
export const TOKEN_PREFIX = 'opsp_';

type TokenRow = Awaited<ReturnType<typeof queries.selectActiveTokensOfUser>>[number];

function toApiToken(row: TokenRow) {
  return {
    id: row.id,
    name: row.name,
    workspaceId: row.workspace_id,
    workspaceName: row.workspace_name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function listApiTokens(services: Services, actor: Actor) {
  const rows = await queries.selectActiveTokensOfUser(services.db, actor.userId, services.now());
  return rows.map(toApiToken);
}

/** The secret is returned once and stored only as a hash. */
export async function createApiToken(
  services: Services,
  actor: Actor,
  input: { name: string; workspaceId: string; expiresInDays?: number | undefined },
) {
  await authorize(services.db, actor, input.workspaceId, 'tokens.create');
  const now = services.now();
  const secret = TOKEN_PREFIX + newSecret();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    await queries.insertApiToken(trx, {
      id,
      workspace_id: input.workspaceId,
      user_id: actor.userId,
      name: input.name.trim(),
      token_hash: hashSecret(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 4),
      created_at: now,
      expires_at: input.expiresInDays ? now + input.expiresInDays * DAY : null,
      last_used_at: null,
      revoked_at: null,
    });
    await insertAuditEntry(trx, {
      workspaceId: input.workspaceId,
      actorId: actor.userId,
      action: 'token.created',
      objectType: 'api_token',
      objectId: id,
      changes: { name: input.name.trim(), expiresInDays: input.expiresInDays ?? null },
      now,
    });
  });
  const row = await queries.selectTokenOfUser(services.db, actor.userId, id);
  if (!row) throw new AppError('token_not_found');
  return { token: toApiToken(row), secret };
}

export async function revokeApiToken(services: Services, actor: Actor, tokenId: string): Promise<void> {
  const row = await queries.selectTokenOfUser(services.db, actor.userId, tokenId);
  if (!row || row.revoked_at !== null) throw new AppError('token_not_found');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await queries.revokeToken(trx, tokenId, now);
    await insertAuditEntry(trx, {
      workspaceId: row.workspace_id,
      actorId: actor.userId,
      action: 'token.revoked',
      objectType: 'api_token',
      objectId: tokenId,
      now,
    });
  });
}

/** The actor behind a Bearer token, bound to the token's workspace. */
export async function resolveApiToken(services: Services, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const now = services.now();
  const token = await queries.selectLiveTokenByHash(services.db, hashSecret(secret), now);
  if (!token) return null;
  // Recording use on every request would turn reads into writes; a minute's precision is enough.
  if (!token.last_used_at || now - token.last_used_at > MINUTE)
    await queries.touchToken(services.db, token.id, now);
  return {
    userId: token.user_id,
    name: token.name,
    email: token.email,
    locale: isLocale(token.locale) ? token.locale : services.config.defaultLocale,
    sessionId: null,
    csrfToken: null,
    tokenWorkspaceId: token.workspace_id,
  };
}
