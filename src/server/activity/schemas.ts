import { z } from 'zod';
import { FEED_KINDS, FEED_OBJECT_TYPES } from '../../core/activity/index.ts';
import { AuditEntry } from '../audit/schemas.ts';
import { epochMs, Id, limitParam } from '../http.ts';

export const FeedComment = z
  .object({
    id: z.string(),
    author: z.object({ id: z.string(), name: z.string() }).nullable(),
    html: z.string().describe('Sanitised HTML rendered on the server'),
    editedAt: epochMs.nullable(),
    target: z.object({
      type: z.string(),
      id: z.string(),
      title: z.string().nullable().describe('Null once the object is deleted'),
      link: z.string().nullable(),
    }),
  })
  .meta({ id: 'FeedComment' });

export const ActivityItem = z
  .object({
    id: z.string(),
    kind: z.enum(['comment', 'change']),
    createdAt: epochMs,
    comment: FeedComment.nullable(),
    change: AuditEntry.nullable(),
  })
  .meta({ id: 'ActivityItem' });

export const ActivityQuery = z.object({
  actorId: Id.optional().describe('Who: the author of a comment or the person who made a change'),
  kind: z.enum(FEED_KINDS).optional().describe('A comment, or a change that created, updated or deleted'),
  objectType: z.enum(FEED_OBJECT_TYPES).optional(),
  objectId: Id.optional(),
  cursor: Id.optional(),
  limit: limitParam,
});
