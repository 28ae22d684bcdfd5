import type { Insertable } from 'kysely';
import type { ApiTokensTable, Executor } from '../../db/types.ts';

export async function insertApiToken(executor: Executor, token: Insertable<ApiTokensTable>): Promise<void> {
  await executor.insertInto('api_tokens').values(token).execute();
}

const tokenColumns = [
  'api_tokens.id',
  'api_tokens.name',
  'api_tokens.workspace_id',
  'workspaces.name as workspace_name',
  'api_tokens.prefix',
  'api_tokens.created_at',
  'api_tokens.expires_at',
  'api_tokens.last_used_at',
] as const;

export function selectActiveTokensOfUser(executor: Executor, userId: string, now: number) {
  return executor
    .selectFrom('api_tokens')
    .innerJoin('workspaces', 'workspaces.id', 'api_tokens.workspace_id')
    .select(tokenColumns)
    .where('api_tokens.user_id', '=', userId)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .orderBy('api_tokens.created_at', 'desc')
    .execute();
}

export function selectTokenOfUser(executor: Executor, userId: string, tokenId: string) {
  return executor
    .selectFrom('api_tokens')
    .innerJoin('workspaces', 'workspaces.id', 'api_tokens.workspace_id')
    .select([...tokenColumns, 'api_tokens.revoked_at'])
    .where('api_tokens.user_id', '=', userId)
    .where('api_tokens.id', '=', tokenId)
    .executeTakeFirst();
}

export async function revokeToken(executor: Executor, tokenId: string, now: number): Promise<void> {
  await executor.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', tokenId).execute();
}

/** A live token and its user, found by the hash of the secret; membership is checked separately. */
export function selectLiveTokenByHash(executor: Executor, tokenHash: string, now: number) {
  return executor
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.workspace_id',
      'api_tokens.user_id',
      'api_tokens.last_used_at',
      'users.name',
      'users.email',
      'users.locale',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function touchToken(executor: Executor, tokenId: string, now: number): Promise<void> {
  await executor.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}
