import { AppError } from '../../core/errors/index.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, Services } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';

/** Saved views of the task list: each person's own named filters, sort and grouping. */
export async function listViews(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const rows = await queries.selectViews(services.db, workspaceId, actor.userId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    query: JSON.parse(row.query) as Record<string, unknown>,
  }));
}

export async function saveView(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { name: string; query: Record<string, unknown> },
) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const id = newId(services.now());
  await queries.insertView(services.db, {
    id,
    workspace_id: workspaceId,
    user_id: actor.userId,
    name: input.name.trim(),
    query: JSON.stringify(input.query),
    created_at: services.now(),
  });
  return { id, name: input.name.trim(), query: input.query };
}

export async function deleteView(services: Services, actor: Actor, workspaceId: string, viewId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const deleted = await queries.deleteView(services.db, workspaceId, actor.userId, viewId);
  if (deleted === 0) throw new AppError('view_not_found');
}
