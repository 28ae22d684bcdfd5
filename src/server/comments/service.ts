import {
  commentExcerpt,
  interleave,
  MAX_COMMENT_LENGTH,
  mentionedUserIds,
  renderComment,
  type CommentTarget,
} from '../../core/comments/index.ts';
import { AppError } from '../../core/errors/index.ts';
import type { Permission } from '../../core/permissions/index.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMemberIds } from '../notifications/queries.ts';
import { reviewDiscussionAccess, reviewDiscussionMembers } from '../reviews/service.ts';
import * as queries from './queries.ts';

/** Who may read comments on a kind of object: whoever may read the object. */
const READ_PERMISSION: Record<CommentTarget, Permission> = {
  goal: 'goals.read',
  key_result: 'goals.read',
  kpi: 'kpis.read',
  task: 'tasks.read',
  run: 'processes.read',
  meeting: 'meetings.read',
  feedback: 'feedback.read',
  review: 'reviews.read',
};

/**
 * Beyond the role, a person's review is discussed only by those who may see it (reviews' privacy rules); anyone
 * else gets 404 as if it did not exist. `full`: the caller also sees the object's change history.
 */
async function checkTargetAccess(
  services: Services,
  executor: Executor,
  actor: Actor,
  workspaceId: string,
  type: CommentTarget,
  id: string,
): Promise<{ full: boolean }> {
  if (type !== 'review') return { full: true };
  return reviewDiscussionAccess(executor, actor, workspaceId, id);
}

async function requireTarget(executor: Executor, workspaceId: string, type: CommentTarget, id: string) {
  const target = await queries.selectCommentTarget(executor, workspaceId, type, id);
  if (!target) throw new AppError('comment_target_not_found', {}, [{ path: 'targetId', message: '' }]);
  return target;
}

function checkBody(body: string) {
  if (body.length > MAX_COMMENT_LENGTH) {
    throw new AppError('comment_too_long', { limit: MAX_COMMENT_LENGTH }, [{ path: 'body', message: '' }]);
  }
}

/** Mentions must name members of this workspace: a stranger's id is refused, naming the field. */
async function checkMentions(
  executor: Executor,
  workspaceId: string,
  body: string,
  target: { type: CommentTarget; id: string },
): Promise<string[]> {
  const ids = mentionedUserIds(body);
  const members = await selectMemberIds(executor, workspaceId, ids);
  if (ids.some((id) => !members.has(id))) {
    throw new AppError('mention_not_member', {}, [{ path: 'body', message: '' }]);
  }
  // A mention sends an excerpt: in a review's discussion only to people who may read it.
  if (target.type === 'review' && ids.length > 0) {
    const allowed = await reviewDiscussionMembers(executor, workspaceId, target.id);
    if (ids.some((id) => !allowed.has(id)))
      throw new AppError('mention_not_allowed', {}, [{ path: 'body', message: '' }]);
  }
  return ids;
}

async function withReactions(services: Services, actor: Actor, rows: readonly queries.CommentRow[]) {
  const reactions = await queries.selectReactions(
    services.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => {
    const mine = reactions.filter((r) => r.comment_id === row.id);
    const counts = new Map<string, { emoji: string; count: number; isMine: boolean }>();
    for (const reaction of mine) {
      const entry = counts.get(reaction.emoji) ?? { emoji: reaction.emoji, count: 0, isMine: false };
      entry.count += 1;
      entry.isMine ||= reaction.user_id === actor.userId;
      counts.set(reaction.emoji, entry);
    }
    return {
      id: row.id,
      targetType: row.target_type,
      targetId: row.target_id,
      author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
      body: row.body,
      html: row.body_html,
      isMine: row.author_id === actor.userId,
      editedAt: row.edited_at,
      createdAt: row.created_at,
      reactions: [...counts.values()],
    };
  });
}

async function emitMentions(
  services: Services,
  trx: Executor,
  context: {
    actor: Actor;
    workspaceId: string;
    commentId: string;
    targetType: CommentTarget;
    targetId: string;
    target: { title: string; link: string };
    body: string;
    mentionedIds: string[];
  },
) {
  if (context.mentionedIds.length === 0) return;
  await services.outbox.emit(trx, {
    workspaceId: context.workspaceId,
    type: 'comment.mentioned',
    payload: {
      commentId: context.commentId,
      targetType: context.targetType,
      targetId: context.targetId,
      title: context.target.title,
      link: context.target.link,
      author: context.actor.name,
      excerpt: commentExcerpt(context.body),
      mentionedIds: context.mentionedIds,
      actorId: context.actor.userId,
    },
  });
}

export async function listComments(
  services: Services,
  actor: Actor,
  workspaceId: string,
  filter: { targetType: CommentTarget; targetId: string; cursor?: string | undefined; limit: number },
) {
  await authorize(services.db, actor, workspaceId, READ_PERMISSION[filter.targetType]);
  await requireTarget(services.db, workspaceId, filter.targetType, filter.targetId);
  await checkTargetAccess(services, services.db, actor, workspaceId, filter.targetType, filter.targetId);
  const rows = await queries.selectComments(services.db, { workspaceId, ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return {
    items: await withReactions(services, actor, page),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

async function requireComment(services: Services, actor: Actor, workspaceId: string, commentId: string) {
  const row = await queries.selectComment(services.db, workspaceId, commentId);
  if (!row) throw new AppError('comment_not_found');
  if (row.target_type === 'review') {
    await checkTargetAccess(services, services.db, actor, workspaceId, 'review', row.target_id).catch(
      (error: unknown) => {
        throw error instanceof AppError ? new AppError('comment_not_found') : error;
      },
    );
  }
  return row;
}

async function oneComment(services: Services, actor: Actor, workspaceId: string, commentId: string) {
  const [comment] = await withReactions(services, actor, [
    await requireComment(services, actor, workspaceId, commentId),
  ]);
  if (!comment) throw new AppError('comment_not_found');
  return comment;
}

export async function createComment(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { targetType: CommentTarget; targetId: string; body: string },
) {
  await authorize(services.db, actor, workspaceId, 'comments.write');
  checkBody(input.body);
  const now = services.now();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    const target = await requireTarget(trx, workspaceId, input.targetType, input.targetId);
    await checkTargetAccess(services, trx, actor, workspaceId, input.targetType, input.targetId);
    const mentionedIds = await checkMentions(trx, workspaceId, input.body, {
      type: input.targetType,
      id: input.targetId,
    });
    await queries.insertComment(trx, {
      id,
      workspace_id: workspaceId,
      target_type: input.targetType,
      target_id: input.targetId,
      author_id: actor.userId,
      body: input.body,
      body_html: renderComment(input.body),
      mentions: JSON.stringify(mentionedIds),
      edited_at: null,
      created_at: now,
    });
    await emitMentions(services, trx, { actor, workspaceId, commentId: id, ...input, target, mentionedIds });
  });
  return oneComment(services, actor, workspaceId, id);
}

/** Only the author edits; people mentioned for the first time by the edit are told, the others not again. */
export async function updateComment(
  context: WorkspaceContext,
  { commentId, body }: { commentId: string; body: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'comments.write');
  checkBody(body);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const row = await queries.selectComment(trx, workspaceId, commentId);
    if (!row) throw new AppError('comment_not_found');
    if (row.author_id !== actor.userId) throw new AppError('comment_not_author');
    const targetType = row.target_type as CommentTarget;
    const target = await requireTarget(trx, workspaceId, targetType, row.target_id);
    await checkTargetAccess(services, trx, actor, workspaceId, targetType, row.target_id);
    const mentionedIds = await checkMentions(trx, workspaceId, body, { type: targetType, id: row.target_id });
    const before = new Set(JSON.parse(row.mentions) as string[]);
    await queries.updateComment(trx, commentId, {
      body,
      body_html: renderComment(body),
      mentions: JSON.stringify(mentionedIds),
      edited_at: now,
    });
    await emitMentions(services, trx, {
      actor,
      workspaceId,
      commentId,
      targetType,
      targetId: row.target_id,
      target,
      body,
      mentionedIds: mentionedIds.filter((id) => !before.has(id)),
    });
  });
  return oneComment(services, actor, workspaceId, commentId);
}

/** The author deletes their own; admins delete anyone's, and that is audited. */
export async function deleteComment(
  services: Services,
  actor: Actor,
  workspaceId: string,
  commentId: string,
) {
  const access = await authorize(services.db, actor, workspaceId, 'comments.write');
  const row = await requireComment(services, actor, workspaceId, commentId);
  if (row.author_id !== actor.userId) await authorize(services.db, actor, workspaceId, 'comments.moderate');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await queries.deleteComment(trx, commentId);
    if (row.author_id !== access.userId) {
      await insertAuditEntry(trx, {
        workspaceId,
        actorId: actor.userId,
        action: 'comment.deleted',
        objectType: 'comment',
        objectId: commentId,
        changes: { authorId: row.author_id, targetType: row.target_type, targetId: row.target_id },
        now,
      });
    }
  });
}

export async function toggleReaction(
  context: WorkspaceContext,
  { commentId, emoji }: { commentId: string; emoji: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'comments.write');
  await requireComment(services, actor, workspaceId, commentId);
  await queries.toggleReaction(services.db, {
    comment_id: commentId,
    user_id: actor.userId,
    emoji,
    created_at: services.now(),
  });
  return oneComment(services, actor, workspaceId, commentId);
}

type Change = {
  id: string;
  actor: { id: string; name: string } | null;
  action: string;
  objectType: string;
  objectId: string;
  createdAt: number;
};

/** One object's comments interleaved with its changes (audit log; a case's own history), newest first. */
export async function objectTimeline(
  services: Services,
  actor: Actor,
  workspaceId: string,
  filter: { targetType: CommentTarget; targetId: string; limit: number },
) {
  await authorize(services.db, actor, workspaceId, READ_PERMISSION[filter.targetType]);
  await requireTarget(services.db, workspaceId, filter.targetType, filter.targetId);
  const { full } = await checkTargetAccess(
    services,
    services.db,
    actor,
    workspaceId,
    filter.targetType,
    filter.targetId,
  );
  const comments = await withReactions(
    services,
    actor,
    await queries.selectComments(services.db, { workspaceId, ...filter }),
  );
  let changes: Change[];
  if (filter.targetType === 'run') {
    changes = (
      await queries.selectRunEvents(services.db, { workspaceId, runId: filter.targetId, limit: filter.limit })
    ).map((row) => ({
      id: row.id,
      actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
      action: `run.${row.type}`,
      objectType: 'run',
      objectId: filter.targetId,
      createdAt: row.created_at,
    }));
  } else if (!full) {
    // The reviewee reads the discussion of their review, not how its ratings moved before sign-off.
    changes = [];
  } else {
    // Key results are audited under their goal; a person's review under its participant row.
    const objectType =
      filter.targetType === 'key_result'
        ? 'goal'
        : filter.targetType === 'review'
          ? 'review_participant'
          : filter.targetType;
    changes = (
      await queries.selectChanges(services.db, {
        workspaceId,
        objectType,
        objectId: filter.targetId,
        limit: filter.limit,
      })
    ).map(toChange);
  }
  return { items: interleave(comments, changes, filter.limit).map(toTimelineItem) };
}

function toChange(row: Awaited<ReturnType<typeof queries.selectChanges>>[number]): Change {
  return {
    id: row.id,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    createdAt: row.created_at,
  };
}

function toTimelineItem(
  entry: ReturnType<typeof interleave<Awaited<ReturnType<typeof withReactions>>[number], Change>>[number],
) {
  return entry.kind === 'comment'
    ? { kind: 'comment' as const, id: entry.id, comment: entry.item, change: null }
    : { kind: 'change' as const, id: entry.id, comment: null, change: entry.item };
}
