import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, NoContent, requireSessionActor, responses } from '../http.ts';
import * as service from './service.ts';
import { ApiToken, CreateTokenBody } from './schemas.ts';

export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/me/tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'My active API tokens',
        response: responses({ 200: z.object({ items: z.array(ApiToken) }) }),
      },
    },
    async (request) => ({ items: await service.listApiTokens(services, requireSessionActor(request)) }),
  );

  app.post(
    '/me/tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Create an API token bound to one workspace; the secret is shown once',
        body: CreateTokenBody,
        response: responses({ 201: z.object({ token: ApiToken, secret: z.string() }) }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createApiToken(services, requireSessionActor(request), request.body)),
  );

  app.delete(
    '/me/tokens/:tokenId',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Revoke an API token',
        params: z.object({ tokenId: Id }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.revokeApiToken(services, requireSessionActor(request), request.params.tokenId);
      return reply.status(204).send(null);
    },
  );
};
