import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planJsonSchema } from '../../core/plan/schema.ts';
import { writePlanYaml } from '../../core/plan/yaml.ts';
import { FileResponse } from '../files.ts';
import { requireActor, responses, WorkspaceParams } from '../http.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/plan/export',
    {
      schema: {
        tags: ['plan'],
        summary: 'The workspace (or one goal’s subtree) as plan.yaml, or as JSON with what was measured',
        description:
          '`format=yaml` (default) answers the plan.yaml file; `format=json` answers `{ plan, observations }`.',
        params: WorkspaceParams,
        querystring: schemas.ExportQuery,
        response: responses({ 200: FileResponse }),
      },
    },
    async (request, reply) => {
      const { plan, observations } = await service.exportPlan(
        { services, actor: requireActor(request), locale: request.locale },
        { workspaceId: request.params.workspaceId, goalId: request.query.goalId },
      );
      if (request.query.format === 'json') return reply.send({ plan, observations });
      return reply
        .header('content-type', 'application/yaml; charset=utf-8')
        .header('content-disposition', 'attachment; filename="plan.yaml"')
        .send(writePlanYaml(plan));
    },
  );
};

/** The JSON Schema of plan.yaml, public like the OpenAPI document, for editors to validate against. */
export const planSchemaRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = planJsonSchema();
  app.get(
    '/api/plan.schema.json',
    { schema: { hide: true, response: { 200: z.any() } } },
    async (_request, reply) =>
      reply.header('content-type', 'application/schema+json; charset=utf-8').send(JSON.stringify(schema)),
  );
};
