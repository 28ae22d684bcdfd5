import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor, responses, WorkspaceParams } from '../http.ts';
import { SearchQuery, SearchResponse } from './schemas.ts';
import { searchWorkspace } from './service.ts';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/w/:workspaceId/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Find goals, KPIs, tasks, processes, cases and people by title and text (Chinese substrings too)',
        params: WorkspaceParams,
        querystring: SearchQuery,
        response: responses({ 200: SearchResponse }),
      },
    },
    async (request) =>
      searchWorkspace(
        app.services,
        requireActor(request),
        request.params.workspaceId,
        request.query.q,
        request.query.limit,
      ),
  );
};
