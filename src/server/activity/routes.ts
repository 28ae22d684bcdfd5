import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FEED_KINDS, FEED_OBJECT_TYPES } from '../../core/activity/index.ts';
import { AuditEntry } from '../audit/routes.ts';
import { epochMs, Id, limitParam, requireActor, responses, WorkspaceParams } from '../http.ts';
import { workspaceActivity } from './service.ts';

const FeedComment = z
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

const ActivityItem = z
  .object({
    id: z.string(),
    kind: z.enum(['comment', 'change']),
    createdAt: epochMs,
    comment: FeedComment.nullable(),
    change: AuditEntry.nullable(),
  })
  .meta({ id: 'ActivityItem' });

const ActivityQuery = z.object({
  actorId: Id.optional().describe('Who: the author of a comment or the person who made a change'),
  kind: z.enum(FEED_KINDS).optional().describe('A comment, or a change that created, updated or deleted'),
  objectType: z.enum(FEED_OBJECT_TYPES).optional(),
  objectId: Id.optional(),
  cursor: Id.optional(),
  limit: limitParam,
});

export const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/w/:workspaceId/activity',
    {
      schema: {
        tags: ['activity'],
        summary:
          'Workspace activity feed for every member: comments and changes to the plan’s work, newest first, filtered by person, kind and object; paged by cursor',
        params: WorkspaceParams,
        querystring: ActivityQuery,
        response: responses({
          200: z.object({ items: z.array(ActivityItem), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) =>
      workspaceActivity(app.services, requireActor(request), request.params.workspaceId, request.query),
  );
};
