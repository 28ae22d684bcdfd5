import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { responses, WorkspaceParams, workspaceContext } from '../http.ts';
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
      searchWorkspace(workspaceContext(app.services, request), {
        query: request.query.q,
        limit: request.query.limit,
      }),
  );
};
