import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptSpreadsheets,
  FileBody,
  FileResponse,
  sendSpreadsheet,
  SPREADSHEET_TYPES,
  spreadsheetsOnly,
} from '../files.ts';
import {
  limitParam,
  NoContent,
  requireActor,
  responses,
  WorkspaceParams,
  workspaceContext,
} from '../http.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

export const kpiRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  acceptSpreadsheets(app);

  app.get(
    '/w/:workspaceId/kpis',
    {
      schema: {
        tags: ['kpis'],
        summary:
          'KPIs with their latest value and status, slim: searched (?q=), filtered and paged (?limit=, ?cursor=); with no parameters every KPI',
        params: WorkspaceParams,
        querystring: schemas.KpiListQuery,
        response: responses({ 200: schemas.KpiList }),
      },
    },
    async (request) =>
      service.listKpis(services, requireActor(request), request.params.workspaceId, request.query),
  );

  app.post(
    '/w/:workspaceId/kpis',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Define a KPI, measured or computed by a formula over other KPIs',
        params: WorkspaceParams,
        body: schemas.CreateKpiBody,
        response: responses({ 201: z.object({ kpi: schemas.KpiSchema }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        kpi: await service.createKpi(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.get(
    '/w/:workspaceId/kpis/:key',
    {
      schema: {
        tags: ['kpis'],
        summary: 'One KPI',
        params: schemas.KpiParams,
        response: responses({ 200: z.object({ kpi: schemas.KpiSchema }) }),
      },
    },
    async (request) => ({
      kpi: await service.getKpi(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.key,
      ),
    }),
  );

  app.patch(
    '/w/:workspaceId/kpis/:key',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Change a KPI’s definition',
        params: schemas.KpiParams,
        body: schemas.UpdateKpiBody,
        response: responses({ 200: z.object({ kpi: schemas.KpiSchema }) }),
      },
    },
    async (request) => ({
      kpi: await service.updateKpi(workspaceContext(services, request), {
        key: request.params.key,
        input: request.body,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/kpis/:key',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Delete a KPI no key result or formula uses',
        params: schemas.KpiParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteKpi(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.key,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/w/:workspaceId/kpis/:key/series',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Values per period, bucketed by day, week, month or quarter',
        params: schemas.KpiParams,
        querystring: schemas.SeriesQuery,
        response: responses({ 200: schemas.SeriesResponse }),
      },
    },
    async (request) =>
      service.getSeries(workspaceContext(services, request), {
        key: request.params.key,
        query: request.query,
      }),
  );

  app.get(
    '/w/:workspaceId/kpis/:key/measurements',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Measurements, newest period first, paged by cursor',
        params: schemas.KpiParams,
        querystring: z.object({ limit: limitParam, cursor: schemas.Day.optional() }),
        response: responses({
          200: z.object({ items: z.array(schemas.MeasurementRow), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) =>
      service.listMeasurements(workspaceContext(services, request), {
        key: request.params.key,
        page: request.query,
      }),
  );

  app.post(
    '/w/:workspaceId/kpis/:key/measurements',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Record or push up to 10,000 values; idempotent per period, all or nothing',
        params: schemas.KpiParams,
        body: schemas.PushMeasurementsBody,
        response: responses({ 200: z.object({ saved: z.number().int() }) }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return service.recordMeasurements(workspaceContext(services, request), {
        key: request.params.key,
        points: request.body.points,
        source: actor.tokenWorkspaceId ? 'api' : 'manual',
      });
    },
  );

  app.delete(
    '/w/:workspaceId/kpis/:key/measurements/:period',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Delete one period’s value',
        params: schemas.KpiParams.extend({ period: schemas.Day }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { key, period } = request.params;
      await service.deleteMeasurement(workspaceContext(services, request), { key, period });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/measurements/import',
    {
      schema: {
        tags: ['kpis'],
        summary:
          'Import measurements from CSV or XLSX (columns kpi, period, value): preview with dryRun, then commit',
        consumes: SPREADSHEET_TYPES,
        params: WorkspaceParams,
        querystring: schemas.ImportQuery,
        body: FileBody,
        response: responses({ 200: schemas.ImportReport }),
      },
      onRequest: spreadsheetsOnly,
    },
    async (request) =>
      service.importMeasurements(workspaceContext(services, request), {
        file: request.body,
        options: request.query,
      }),
  );

  app.get(
    '/w/:workspaceId/kpis/:key/export',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Download a KPI’s measurements as CSV or XLSX',
        params: schemas.KpiParams,
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
        response: responses({ 200: FileResponse }),
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      const file = await service.exportMeasurements(workspaceContext(services, request), {
        key,
        format: request.query.format,
      });
      return sendSpreadsheet(reply, file, request.query.format, key);
    },
  );
};
