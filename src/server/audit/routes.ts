import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, responses, WorkspaceParams } from '../http.ts';
import { listAuditEntries } from './service.ts';
import { AuditEntry, AuditQuery } from './schemas.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/w/:workspaceId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first, filtered by person, object and date; paged by cursor',
        params: WorkspaceParams,
        querystring: AuditQuery,
        response: responses({
          200: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) =>
      listAuditEntries(app.services, requireActor(request), {
        workspaceId: request.params.workspaceId,
        ...request.query,
      }),
  );
};
