import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planJsonSchema } from '../../core/plan/schema.ts';
import { writePlanYaml } from '../../core/plan/yaml.ts';
import { PlanSchema } from '../../core/plan/schema.ts';
import type { Plan } from '../../core/plan/model.ts';
import { FileResponse } from '../files.ts';
import { requireActor, responses, WorkspaceParams } from '../http.ts';
import * as schemas from './schemas.ts';
import { PLAN_TEMPLATES } from '../../core/plan/templates/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { importPlanBody } from './import.ts';
import * as service from './service.ts';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

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

export const planImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  // plan.yaml comes as text; the route reads it with line numbers.
  app.addContentTypeParser(
    YAML_TYPES,
    { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/w/:workspaceId/plan/import',
    {
      schema: {
        tags: ['plan'],
        summary:
          'Load a plan.yaml (as text/yaml) or a plan (as JSON) in one transaction; dryRun reports only',
        params: WorkspaceParams,
        querystring: schemas.ImportQuery,
        body: z.union([
          z
            .string()
            .min(1)
            .max(10 * 1024 * 1024),
          PlanSchema,
        ]),
        response: responses({ 200: schemas.ImportReport }),
      },
    },
    async (request) =>
      importPlanBody(
        { services, actor: requireActor(request), locale: request.locale },
        {
          workspaceId: request.params.workspaceId,
          body: request.body as string | Plan,
          dryRun: request.query.dryRun,
        },
      ),
  );

  app.get(
    '/w/:workspaceId/plan/templates',
    {
      schema: {
        tags: ['plan'],
        summary: 'The five plan templates with their roles and key results, in the caller’s language',
        params: WorkspaceParams,
        response: responses({ 200: schemas.TemplateList }),
      },
    },
    async (request) => {
      requireActor(request);
      return templateList(request.locale);
    },
  );

  // The same list before there is a workspace: onboarding offers the templates as a way to start.
  app.get(
    '/plan/templates',
    {
      schema: {
        tags: ['plan'],
        summary: 'The five plan templates, for a signed-in person choosing how to start a new workspace',
        response: responses({ 200: schemas.TemplateList }),
      },
    },
    async (request) => {
      requireActor(request);
      return templateList(request.locale);
    },
  );

  app.post(
    '/w/:workspaceId/plan/from-template',
    {
      schema: {
        tags: ['plan'],
        summary: 'New plan from a template: numbers, start date and a member per role, imported in one go',
        params: WorkspaceParams,
        body: schemas.FromTemplateBody,
        response: responses({ 200: schemas.ImportReport }),
      },
    },
    async (request) =>
      service.createPlanFromTemplate(
        { services, actor: requireActor(request), locale: request.locale },
        { workspaceId: request.params.workspaceId, ...request.body },
      ),
  );

  app.get(
    '/w/:workspaceId/plan/health',
    {
      schema: {
        tags: ['plan'],
        summary: 'The linter on the live workspace: a score, findings by chapter and each goal’s SMART score',
        params: WorkspaceParams,
        response: responses({ 200: schemas.PlanHealth }),
      },
    },
    async (request) =>
      service.planHealth(
        { services, actor: requireActor(request), locale: request.locale },
        request.params.workspaceId,
      ),
  );

  app.get(
    '/w/:workspaceId/plan/health/findings',
    {
      schema: {
        tags: ['plan'],
        summary: 'A page of one chapter’s plan health findings, most severe first',
        params: WorkspaceParams,
        querystring: schemas.PlanHealthFindingsQuery,
        response: responses({ 200: schemas.PlanHealthFindings }),
      },
    },
    async (request) =>
      service.planHealthFindings(
        { services, actor: requireActor(request), locale: request.locale },
        request.params.workspaceId,
        request.query,
      ),
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

/** The templates in the caller's language: names, roles and key results with their numbers. */
function templateList(locale: Locale) {
  const pick = (value: { zh: string; en: string }) => (locale === 'en' ? value.en : value.zh);
  return {
    items: PLAN_TEMPLATES.map((template) => ({
      key: template.key,
      name: pick(template.name),
      description: pick(template.description),
      roles: template.roles.map((role) => ({ key: role.key, name: pick(role.name) })),
      keyResults: template.goal.keyResults.map((kr) => ({
        kpi: kr.kpi,
        title: pick(kr.title),
        unit: pick(template.kpis.find((kpi) => kpi.key === kr.kpi)?.unit ?? { zh: '', en: '' }),
        baseline: kr.baseline,
        target: kr.target,
      })),
    })),
  };
}
