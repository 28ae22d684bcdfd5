import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorMessage } from '../../core/errors/index.ts';
import { HealthDown, HealthOk } from './schemas.ts';
import { pingDatabase } from './service.ts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and database reachability',
        response: { 200: HealthOk, 503: HealthDown },
      },
    },
    async (request, reply) => {
      try {
        await pingDatabase(app.services);
        return { status: 'ok' as const, database: 'ok' as const, dialect: app.services.dialect };
      } catch (error) {
        request.log.error({ err: error }, 'database health check failed');
        return reply.status(503).send({
          status: 'error' as const,
          database: 'unreachable' as const,
          message: errorMessage('database_unavailable', request.locale),
        });
      }
    },
  );
};
