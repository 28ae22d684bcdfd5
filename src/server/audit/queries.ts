import type { Executor } from '../../db/types.ts';
import { newId } from '../../db/ids.ts';

export type AuditRecord = {
  workspaceId: string;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  changes?: Record<string, unknown> | null;
  now: number;
};

/** Written inside the transaction of the change it records. */
export async function insertAuditEntry(executor: Executor, record: AuditRecord): Promise<void> {
  await executor
    .insertInto('audit_entries')
    .values({
      id: newId(record.now),
      workspace_id: record.workspaceId,
      actor_id: record.actorId,
      action: record.action,
      object_type: record.objectType,
      object_id: record.objectId,
      changes: record.changes ? JSON.stringify(record.changes) : null,
      created_at: record.now,
    })
    .execute();
}

export type AuditFilter = {
  workspaceId: string;
  actorId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  cursor?: string | undefined;
  limit: number;
};

export async function selectAuditEntries(executor: Executor, filter: AuditFilter) {
  let query = executor
    .selectFrom('audit_entries')
    .leftJoin('users', 'users.id', 'audit_entries.actor_id')
    .select([
      'audit_entries.id',
      'audit_entries.actor_id',
      'users.name as actor_name',
      'audit_entries.action',
      'audit_entries.object_type',
      'audit_entries.object_id',
      'audit_entries.changes',
      'audit_entries.created_at',
    ])
    .where('audit_entries.workspace_id', '=', filter.workspaceId);
  if (filter.actorId) query = query.where('audit_entries.actor_id', '=', filter.actorId);
  if (filter.objectType) query = query.where('audit_entries.object_type', '=', filter.objectType);
  if (filter.objectId) query = query.where('audit_entries.object_id', '=', filter.objectId);
  if (filter.from !== undefined) query = query.where('audit_entries.created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('audit_entries.created_at', '<=', filter.to);
  if (filter.cursor) query = query.where('audit_entries.id', '<', filter.cursor);
  return query
    .orderBy('audit_entries.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
