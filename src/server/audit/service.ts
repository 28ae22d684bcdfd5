import type { Actor, Services } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import { selectAuditEntries, type AuditFilter } from './queries.ts';

export async function listAuditEntries(services: Services, actor: Actor, filter: AuditFilter) {
  await authorize(services.db, actor, filter.workspaceId, 'audit.read');
  const rows = await selectAuditEntries(services.db, filter);
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      changes: row.changes ? (JSON.parse(row.changes) as Record<string, unknown>) : null,
      createdAt: row.created_at,
    })),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
