import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorMessage } from '../../core/errors/index.ts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.literal('ok'), dialect: z.string() }),
          503: z.object({
            status: z.literal('error'),
            database: z.literal('unreachable'),
            message: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      try {
        await app.services.ping();
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
