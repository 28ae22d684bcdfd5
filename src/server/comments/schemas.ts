import { z } from 'zod';
import { COMMENT_TARGETS } from '../../core/comments/index.ts';
import { epochMs, WorkspaceParams } from '../http.ts';

export const Person = z.object({ id: z.string(), name: z.string() });

export const Comment = z
  .object({
    id: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    author: Person.nullable(),
    body: z.string().describe('Markdown as written; mentions as @[name](user:ID)'),
    html: z.string().describe('Sanitised HTML rendered on the server'),
    isMine: z.boolean(),
    editedAt: epochMs.nullable(),
    createdAt: epochMs,
    reactions: z.array(z.object({ emoji: z.string(), count: z.number().int(), isMine: z.boolean() })),
  })
  .meta({ id: 'Comment' });

export const Change = z
  .object({
    id: z.string(),
    actor: Person.nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    createdAt: epochMs,
  })
  .meta({ id: 'Change' });

export const TimelineItem = z
  .object({
    kind: z.enum(['comment', 'change']),
    id: z.string(),
    comment: Comment.nullable(),
    change: Change.nullable(),
  })
  .meta({ id: 'TimelineItem' });

export const Target = z.object({
  targetType: z.enum(COMMENT_TARGETS),
  targetId: z.string().min(1).max(64),
});

// Far above the limit the service enforces (413 comment_too_long), so the limit is reported in words.
export const Body = z.string().trim().min(1).max(200_000);

export const CommentParams = WorkspaceParams.extend({ commentId: z.string().min(1).max(64) });
