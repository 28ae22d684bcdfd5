import type { Executor } from '../../db/types.ts';

export type FeedFilter = {
  workspaceId: string;
  actorId?: string | undefined;
  objectId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};

/** Changes to the given object types, newest first; `kind` narrows to created / deleted / the rest. */
export function selectFeedChanges(
  executor: Executor,
  filter: FeedFilter & {
    objectTypes: readonly string[];
    kind?: 'created' | 'updated' | 'deleted' | undefined;
  },
) {
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
    .where('audit_entries.workspace_id', '=', filter.workspaceId)
    .where('audit_entries.object_type', 'in', filter.objectTypes);
  if (filter.actorId) query = query.where('audit_entries.actor_id', '=', filter.actorId);
  if (filter.objectId) query = query.where('audit_entries.object_id', '=', filter.objectId);
  // The same test as changeKind (core): the action's last word.
  if (filter.kind === 'created') query = query.where('audit_entries.action', 'like', '%.created');
  else if (filter.kind === 'deleted') query = query.where('audit_entries.action', 'like', '%.deleted');
  else if (filter.kind === 'updated')
    query = query
      .where('audit_entries.action', 'not like', '%.created')
      .where('audit_entries.action', 'not like', '%.deleted');
  if (filter.cursor) query = query.where('audit_entries.id', '<', filter.cursor);
  return query.orderBy('audit_entries.id', 'desc').limit(filter.limit).execute();
}

export type FeedChangeRow = Awaited<ReturnType<typeof selectFeedChanges>>[number];

/** Comments on the given target types, newest first. */
export function selectFeedComments(
  executor: Executor,
  filter: FeedFilter & { targetTypes: readonly string[] },
) {
  let query = executor
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .select([
      'comments.id',
      'comments.target_type',
      'comments.target_id',
      'comments.author_id',
      'users.name as author_name',
      'comments.body_html',
      'comments.edited_at',
      'comments.created_at',
    ])
    .where('comments.workspace_id', '=', filter.workspaceId)
    .where('comments.target_type', 'in', filter.targetTypes);
  if (filter.actorId) query = query.where('comments.author_id', '=', filter.actorId);
  if (filter.objectId) query = query.where('comments.target_id', '=', filter.objectId);
  if (filter.cursor) query = query.where('comments.id', '<', filter.cursor);
  return query.orderBy('comments.id', 'desc').limit(filter.limit).execute();
}

export type FeedCommentRow = Awaited<ReturnType<typeof selectFeedComments>>[number];
