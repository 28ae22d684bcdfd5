import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, responses, WorkspaceParams } from '../http.ts';
import { workspaceActivity } from './service.ts';
import { ActivityItem, ActivityQuery } from './schemas.ts';

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
