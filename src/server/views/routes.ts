import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, NoContent, requireActor, responses, WorkspaceParams } from '../http.ts';
import { SavedView, SaveViewBody } from './schemas.ts';
import * as service from './service.ts';

export const viewRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/views',
    {
      schema: {
        tags: ['tasks'],
        summary: 'My saved task list views',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(SavedView) }) }),
      },
    },
    async (request) => ({
      items: await service.listViews(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.post(
    '/w/:workspaceId/views',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Save the list’s filters, sort and grouping under a name',
        params: WorkspaceParams,
        body: SaveViewBody,
        response: responses({ 201: z.object({ view: SavedView }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        view: await service.saveView(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.delete(
    '/w/:workspaceId/views/:viewId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Delete a saved view',
        params: WorkspaceParams.extend({ viewId: Id }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteView(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.viewId,
      );
      return reply.status(204).send(null);
    },
  );
};
