import {
  FEED_OBJECT_TYPES,
  feedCommentTargets,
  type FeedKind,
  type FeedObjectType,
} from '../../core/activity/index.ts';
import type { CommentTarget } from '../../core/comments/index.ts';
import { selectObjectTitles, type ObjectTitle } from '../audit/queries.ts';
import { rememberedTitle } from '../audit/service.ts';
import { selectCommentTarget } from '../comments/queries.ts';
import type { Actor, Services } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import { selectFeedChanges, selectFeedComments } from './queries.ts';

export type FeedQuery = {
  actorId?: string | undefined;
  kind?: FeedKind | undefined;
  objectType?: FeedObjectType | undefined;
  objectId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};

const ALL_COMMENT_TARGETS = [...new Set(FEED_OBJECT_TYPES.flatMap((type) => feedCommentTargets(type)))];

/**
 * The workspace's activity for every member: comments and changes to the plan's work (goals, KPIs, tasks,
 * routines, processes and cases, meetings, feedback), newest first, one page at a time. Both lists are read
 * past the same cursor (ids sort by time across tables) and merged; members, tokens and settings stay in the
 * admins' audit log.
 */
export async function workspaceActivity(
  services: Services,
  actor: Actor,
  workspaceId: string,
  query: FeedQuery,
) {
  await authorize(services.db, actor, workspaceId, 'workspace.read');
  const filter = { workspaceId, ...query, limit: query.limit + 1 };
  const objectTypes = query.objectType ? [query.objectType] : FEED_OBJECT_TYPES;
  const targetTypes = query.objectType ? feedCommentTargets(query.objectType) : ALL_COMMENT_TARGETS;
  const wantChanges = query.kind !== 'comment';
  const wantComments = (query.kind === undefined || query.kind === 'comment') && targetTypes.length > 0;
  const [changes, comments] = await Promise.all([
    wantChanges
      ? selectFeedChanges(services.db, {
          ...filter,
          objectTypes,
          kind: query.kind === 'comment' ? undefined : query.kind,
        })
      : [],
    wantComments ? selectFeedComments(services.db, { ...filter, targetTypes }) : [],
  ]);
  const merged = [
    ...changes.map((row) => ({ id: row.id, change: row, comment: null })),
    ...comments.map((row) => ({ id: row.id, change: null, comment: row })),
  ].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = merged.slice(0, query.limit);

  // Present titles: one query per object type on the page, one per commented object.
  const idsByType = new Map<string, Set<string>>();
  for (const { change } of page) {
    if (!change) continue;
    const ids = idsByType.get(change.object_type) ?? new Set<string>();
    ids.add(change.object_id);
    idsByType.set(change.object_type, ids);
  }
  const titles = new Map<string, ObjectTitle>();
  for (const [objectType, ids] of idsByType) {
    for (const found of await selectObjectTitles(services.db, workspaceId, objectType, [...ids]))
      titles.set(`${objectType}:${found.id}`, found);
  }
  const targets = new Map<string, { title: string; link: string } | null>();
  for (const { comment } of page) {
    if (!comment) continue;
    const key = `${comment.target_type}:${comment.target_id}`;
    if (targets.has(key)) continue;
    targets.set(
      key,
      (await selectCommentTarget(
        services.db,
        workspaceId,
        comment.target_type as CommentTarget,
        comment.target_id,
      )) ?? null,
    );
  }

  return {
    items: page.map(({ id, change, comment }) => {
      if (comment) {
        const target = targets.get(`${comment.target_type}:${comment.target_id}`) ?? null;
        return {
          id,
          kind: 'comment' as const,
          createdAt: comment.created_at,
          change: null,
          comment: {
            id: comment.id,
            author: comment.author_id ? { id: comment.author_id, name: comment.author_name ?? '' } : null,
            html: comment.body_html,
            editedAt: comment.edited_at,
            target: {
              type: comment.target_type,
              id: comment.target_id,
              title: target?.title ?? null,
              link: target?.link ?? null,
            },
          },
        };
      }
      const row = change;
      if (!row) throw new Error('unreachable: a feed entry is a change or a comment');
      const changes = row.changes ? (JSON.parse(row.changes) as Record<string, unknown>) : null;
      const found = titles.get(`${row.object_type}:${row.object_id}`);
      return {
        id,
        kind: 'change' as const,
        createdAt: row.created_at,
        comment: null,
        change: {
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
        },
      };
    }),
    nextCursor: merged.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
