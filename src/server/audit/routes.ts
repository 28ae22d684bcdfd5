import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { epochMs, Id, limitParam, requireActor, responses, WorkspaceParams } from '../http.ts';
import { listAuditEntries } from './service.ts';

export const AuditEntry = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    object: z
      .object({
        title: z.string().nullable().describe('Its present title, else the one the entry remembers'),
        key: z.string().nullable().describe('A KPI’s key, which its page is addressed by'),
        exists: z.boolean().describe('False once the object is deleted (or the member has left)'),
      })
      .describe('The logged object, for a sentence and a link'),
    changes: z.record(z.string(), z.unknown()).nullable(),
    createdAt: epochMs,
  })
  .meta({ id: 'AuditEntry' });

const AuditQuery = z.object({
  actorId: Id.optional(),
  objectType: z.string().max(64).optional(),
  objectId: Id.optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  cursor: Id.optional(),
  limit: limitParam,
});

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
