import { AppError } from '../../core/errors/index.ts';
import type { ChatKind } from '../../core/notifications/chat.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import { authorize } from '../workspaces/access.ts';
import { checkTargetUrl, selfOrigins } from './chat.ts';
import * as queries from './queries.ts';
import { postTarget } from './service.ts';

type TargetRow = NonNullable<Awaited<ReturnType<typeof queries.selectTarget>>>;

/** The last four characters of a secret, so a person can tell which one is stored without reading it. */
function hint(secret: string): string {
  return secret.length > 8 ? `••••${secret.slice(-4)}` : '••••';
}

/** A URL with every query value masked: DingTalk's access_token and WeCom's key are secrets too. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    for (const [name, parameter] of [...url.searchParams]) url.searchParams.set(name, hint(parameter));
    return decodeURI(url.toString());
  } catch {
    return '••••';
  }
}

function toTarget(row: TargetRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ChatKind,
    url: redactUrl(row.url),
    secret: row.secret ? hint(row.secret) : null,
    eventTypes: JSON.parse(row.event_types) as string[],
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type TargetInput = {
  name: string;
  kind: ChatKind;
  url: string;
  secret?: string | null | undefined;
  eventTypes: string[];
  enabled?: boolean | undefined;
};

/** Where this instance listens, so a target pointing back at it is refused. */
export type SelfAddress = { listening: readonly string[] };

async function requireTarget(services: Services, workspaceId: string, targetId: string) {
  const row = await queries.selectTarget(services.db, workspaceId, targetId);
  if (!row) throw new AppError('chat_target_not_found');
  return row;
}

function checkSecret(kind: ChatKind, secret: string | null) {
  if (kind === 'webhook' && !secret) {
    throw new AppError('chat_target_secret_missing', {}, [{ path: 'secret', message: '' }]);
  }
}

export async function listTargets(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'chat.manage');
  return (await queries.selectTargets(services.db, workspaceId)).map(toTarget);
}

export async function createTarget(
  context: WorkspaceContext,
  { input, self }: { input: TargetInput; self: SelfAddress },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'chat.manage');
  checkTargetUrl(input.url, selfOrigins(services.config, self.listening));
  checkSecret(input.kind, input.secret ?? null);
  const now = services.now();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    await queries.insertTarget(trx, {
      id,
      workspace_id: workspaceId,
      name: input.name,
      kind: input.kind,
      url: input.url,
      secret: input.secret ?? null,
      event_types: JSON.stringify(input.eventTypes),
      enabled: input.enabled === false ? 0 : 1,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'chat_target.created',
      objectType: 'chat_target',
      objectId: id,
      changes: { name: input.name, kind: input.kind, eventTypes: input.eventTypes },
      now,
    });
  });
  return toTarget(await requireTarget(services, workspaceId, id));
}

export async function updateTarget(
  context: WorkspaceContext,
  { targetId, input, self }: { targetId: string; input: Partial<TargetInput>; self: SelfAddress },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'chat.manage');
  const row = await requireTarget(services, workspaceId, targetId);
  if (input.url !== undefined) checkTargetUrl(input.url, selfOrigins(services.config, self.listening));
  const kind = input.kind ?? (row.kind as ChatKind);
  // Undefined keeps the stored secret (the page never has it); null removes it.
  const secret = input.secret === undefined ? row.secret : input.secret;
  checkSecret(kind, secret);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await queries.updateTarget(trx, targetId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      kind,
      ...(input.url !== undefined ? { url: input.url } : {}),
      secret,
      ...(input.eventTypes !== undefined ? { event_types: JSON.stringify(input.eventTypes) } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'chat_target.updated',
      objectType: 'chat_target',
      objectId: targetId,
      changes: { ...input, url: input.url ? redactUrl(input.url) : undefined, secret: undefined },
      now,
    });
  });
  return toTarget(await requireTarget(services, workspaceId, targetId));
}

export async function deleteTarget(services: Services, actor: Actor, workspaceId: string, targetId: string) {
  await authorize(services.db, actor, workspaceId, 'chat.manage');
  await requireTarget(services, workspaceId, targetId);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await queries.deleteTarget(trx, targetId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'chat_target.deleted',
      objectType: 'chat_target',
      objectId: targetId,
      now,
    });
  });
}

const TEST_MESSAGE = {
  en: 'OpsPlan test message: this group will receive the notifications routed to it.',
  'zh-CN': 'OpsPlan 测试消息：此群将收到路由到这里的通知。',
} as const;

/**
 * The test button: posts one message now, logs it like any delivery, and answers the receiver's verdict as a
 * translated error when it fails (refused, timed out, or rejected with the platform's own code).
 */
export async function testTarget(context: WorkspaceContext, { targetId }: { targetId: string }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'chat.manage');
  const target = await requireTarget(services, workspaceId, targetId);
  const now = services.now();
  const id = newId(now);
  const delivery = {
    event_id: null,
    event_type: 'chat.test',
    data: JSON.stringify({ message: TEST_MESSAGE[locale], link: `/w/${workspaceId}/settings` }),
    created_at: now,
  };
  const result = await postTarget(services, target, delivery);
  const finished = services.now();
  await queries.insertDeliveries(services.db, [
    {
      id,
      workspace_id: workspaceId,
      dedupe_key: `test:${id}`,
      channel: 'chat',
      target_id: targetId,
      ...delivery,
      status: result.ok ? 'sent' : 'failed',
      send_after: now,
      attempts: 1,
      response_code: result.status,
      last_error: result.ok ? null : `${result.reason}: ${result.detail}`.slice(0, 1000),
      sent_at: result.ok ? finished : null,
      updated_at: finished,
    },
  ]);
  if (result.ok) return { status: result.status };
  if (result.reason === 'timeout') {
    throw new AppError('chat_target_timeout', { seconds: services.config.webhookTimeoutMs / 1000 });
  }
  throw new AppError(result.reason === 'refused' ? 'chat_target_refused' : 'chat_target_rejected', {
    detail: result.detail,
  });
}

export async function listTargetDeliveries(
  context: WorkspaceContext,
  { targetId, options }: { targetId: string; options: { cursor?: string | undefined; limit: number } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'chat.manage');
  await requireTarget(services, workspaceId, targetId);
  const rows = await queries.selectTargetDeliveries(services.db, targetId, options);
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      eventType: row.event_type,
      status: row.status,
      attempts: row.attempts,
      responseCode: row.response_code,
      lastError: row.last_error,
      sentAt: row.sent_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    })),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
