import type { Insertable, Updateable } from 'kysely';
import type { CommentTarget } from '../../core/comments/index.ts';
import type { CommentsTable, Executor } from '../../db/types.ts';

/** The commented object's title and where the web shows it; undefined when it is not in this workspace. */
export async function selectCommentTarget(
  executor: Executor,
  workspaceId: string,
  type: CommentTarget,
  id: string,
): Promise<{ title: string; link: string } | undefined> {
  const base = `/w/${workspaceId}`;
  switch (type) {
    case 'goal': {
      const row = await executor
        .selectFrom('goals')
        .select('title')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { title: row.title, link: `${base}/goals/${id}` };
    }
    case 'key_result': {
      const row = await executor
        .selectFrom('key_results')
        .select(['title', 'goal_id'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { title: row.title, link: `${base}/goals/${row.goal_id}` };
    }
    case 'kpi': {
      const row = await executor
        .selectFrom('kpis')
        .select(['name', 'key'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { title: row.name, link: `${base}/kpis/${encodeURIComponent(row.key)}` };
    }
    case 'task': {
      const row = await executor
        .selectFrom('tasks')
        .select('title')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { title: row.title, link: `${base}/tasks?task=${id}` };
    }
    case 'run': {
      const row = await executor
        .selectFrom('process_runs')
        .select('subject')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { title: row.subject, link: `${base}/runs/${id}` };
    }
    case 'meeting': {
      const row = await executor
        .selectFrom('meetings')
        .select(['title', 'date'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { title: `${row.title} · ${row.date}`, link: `${base}/meetings/${id}` };
    }
    case 'feedback': {
      const row = await executor
        .selectFrom('feedback_items')
        .select('title')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { title: row.title, link: `${base}/feedback/${id}` };
    }
    case 'review': {
      const row = await executor
        .selectFrom('review_participants')
        .innerJoin('users', 'users.id', 'review_participants.reviewee_id')
        .innerJoin('review_cycles', 'review_cycles.id', 'review_participants.cycle_id')
        .select(['users.name', 'review_cycles.name as cycle_name'])
        .where('review_participants.workspace_id', '=', workspaceId)
        .where('review_participants.id', '=', id)
        .executeTakeFirst();
      return row && { title: `${row.name} · ${row.cycle_name}`, link: `${base}/reviews/people/${id}` };
    }
  }
}

const commentColumns = [
  'comments.id',
  'comments.target_type',
  'comments.target_id',
  'comments.author_id',
  'users.name as author_name',
  'comments.body',
  'comments.body_html',
  'comments.edited_at',
  'comments.created_at',
] as const;

export function selectComments(
  executor: Executor,
  filter: {
    workspaceId: string;
    targetType?: string;
    targetId?: string;
    cursor?: string | undefined;
    limit: number;
  },
) {
  let query = executor
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .select(commentColumns)
    .where('comments.workspace_id', '=', filter.workspaceId);
  if (filter.targetType) query = query.where('comments.target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('comments.target_id', '=', filter.targetId);
  if (filter.cursor) query = query.where('comments.id', '<', filter.cursor);
  return query.orderBy('comments.id', 'desc').limit(filter.limit).execute();
}

export type CommentRow = Awaited<ReturnType<typeof selectComments>>[number];

export function selectComment(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .select([...commentColumns, 'comments.mentions'])
    .where('comments.workspace_id', '=', workspaceId)
    .where('comments.id', '=', id)
    .executeTakeFirst();
}

export async function insertComment(executor: Executor, row: Insertable<CommentsTable>): Promise<void> {
  await executor.insertInto('comments').values(row).execute();
}

export async function updateComment(executor: Executor, id: string, changes: Updateable<CommentsTable>) {
  await executor.updateTable('comments').set(changes).where('id', '=', id).execute();
}

export async function deleteComment(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom('comments').where('id', '=', id).execute();
}

export function selectReactions(executor: Executor, commentIds: readonly string[]) {
  if (commentIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('comment_reactions')
    .select(['comment_id', 'user_id', 'emoji'])
    .where('comment_id', 'in', commentIds)
    .orderBy('created_at')
    .execute();
}

/** Adds the reaction, or takes it back when it was there: returns whether it is there now. */
export async function toggleReaction(
  executor: Executor,
  row: { comment_id: string; user_id: string; emoji: string; created_at: number },
): Promise<boolean> {
  const removed = await executor
    .deleteFrom('comment_reactions')
    .where('comment_id', '=', row.comment_id)
    .where('user_id', '=', row.user_id)
    .where('emoji', '=', row.emoji)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) > 0) return false;
  await executor
    .insertInto('comment_reactions')
    .values(row)
    .onConflict((c) => c.columns(['comment_id', 'user_id', 'emoji']).doNothing())
    .execute();
  return true;
}

/** Audit entries of one object, or of the workspace's plan objects for the feed, newest first. */
export function selectChanges(
  executor: Executor,
  filter: {
    workspaceId: string;
    objectType?: string;
    objectId?: string;
    cursor?: string | undefined;
    limit: number;
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
      'audit_entries.created_at',
    ])
    .where('audit_entries.workspace_id', '=', filter.workspaceId);
  if (filter.objectType) query = query.where('audit_entries.object_type', '=', filter.objectType);
  else
    query = query.where('audit_entries.object_type', 'in', [
      'goal',
      'kpi',
      'task',
      'run',
      'process',
      'routine',
      'meeting',
      'meeting_series',
      'feedback',
    ]);
  if (filter.objectId) query = query.where('audit_entries.object_id', '=', filter.objectId);
  if (filter.cursor) query = query.where('audit_entries.id', '<', filter.cursor);
  return query.orderBy('audit_entries.id', 'desc').limit(filter.limit).execute();
}

export function selectRunEvents(
  executor: Executor,
  filter: { workspaceId: string; runId: string; limit: number },
) {
  return executor
    .selectFrom('process_run_events')
    .leftJoin('users', 'users.id', 'process_run_events.actor_id')
    .select([
      'process_run_events.id',
      'process_run_events.actor_id',
      'users.name as actor_name',
      'process_run_events.type',
      'process_run_events.step_key',
      'process_run_events.created_at',
    ])
    .where('process_run_events.workspace_id', '=', filter.workspaceId)
    .where('process_run_events.run_id', '=', filter.runId)
    .orderBy('process_run_events.id', 'desc')
    .limit(filter.limit)
    .execute();
}
