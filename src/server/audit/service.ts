import type { Actor, Services } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import { selectAuditEntries, selectObjectTitles, type AuditFilter, type ObjectTitle } from './queries.ts';

/** What an entry's own changes remember of the object, for one that has since been deleted or has left. */
export function rememberedTitle(changes: Record<string, unknown> | null): string | null {
  for (const field of ['title', 'subject', 'name', 'email', 'key']) {
    const value = changes?.[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

export async function listAuditEntries(services: Services, actor: Actor, filter: AuditFilter) {
  await authorize(services.db, actor, filter.workspaceId, 'audit.read');
  const rows = await selectAuditEntries(services.db, filter);
  const page = rows.slice(0, filter.limit);
  // One query per object type on the page, not one per entry.
  const idsByType = new Map<string, Set<string>>();
  for (const row of page) {
    const ids = idsByType.get(row.object_type) ?? new Set<string>();
    ids.add(row.object_id);
    idsByType.set(row.object_type, ids);
  }
  const titles = new Map<string, ObjectTitle>();
  for (const [objectType, ids] of idsByType) {
    for (const found of await selectObjectTitles(services.db, filter.workspaceId, objectType, [...ids]))
      titles.set(`${objectType}:${found.id}`, found);
  }
  return {
    items: page.map((row) => {
      const changes = row.changes ? (JSON.parse(row.changes) as Record<string, unknown>) : null;
      const found = titles.get(`${row.object_type}:${row.object_id}`);
      return {
        id: row.id,
        actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        object: {
          title: found?.title || rememberedTitle(changes),
          key: found?.key ?? null,
          exists: found !== undefined,
        },
        changes,
        createdAt: row.created_at,
      };
    }),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
