import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileResponse } from '../files.ts';
import { requireActor, responses, WorkspaceParams } from '../http.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

/** `filename*` carries a Chinese name intact (RFC 6266); `filename` is the ASCII fallback. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The preview is framed by the Plan page: same origin only, and nothing in it may run or load. */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.post(
    '/w/:workspaceId/documents',
    {
      schema: {
        tags: ['plan'],
        summary: 'Render the written plan (DOCX, PDF, HTML, Markdown or XLSX) as a background job',
        description:
          'Answers at once with the queued document; poll it for progress, then download its file.',
        params: WorkspaceParams,
        body: schemas.CreateDocumentBody,
        response: responses({ 202: z.object({ document: schemas.PlanDocument }) }),
      },
    },
    async (request, reply) =>
      reply.status(202).send({
        document: await service.requestDocument(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.get(
    '/w/:workspaceId/documents',
    {
      schema: {
        tags: ['plan'],
        summary: 'The 20 most recent plan documents of the workspace',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(schemas.PlanDocument) }) }),
      },
    },
    async (request) => ({
      items: await service.listDocuments(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.get(
    '/w/:workspaceId/documents/:documentId',
    {
      schema: {
        tags: ['plan'],
        summary: 'A plan document’s status and progress (0–100)',
        params: schemas.DocumentParams,
        response: responses({ 200: z.object({ document: schemas.PlanDocument }) }),
      },
    },
    async (request) => ({
      document: await service.getDocument(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.documentId,
      ),
    }),
  );

  app.get(
    '/w/:workspaceId/documents/:documentId/file',
    {
      schema: {
        tags: ['plan'],
        summary: 'Download a finished plan document',
        params: schemas.DocumentParams,
        response: responses({ 200: FileResponse }),
      },
    },
    async (request, reply) => {
      const file = await service.getDocumentFile(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.documentId,
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );

  app.get(
    '/w/:workspaceId/plan/preview',
    {
      schema: {
        tags: ['plan'],
        summary: 'The written plan as HTML, rendered now from live data, for the live preview',
        params: WorkspaceParams,
        querystring: schemas.PreviewQuery,
        response: responses({ 200: FileResponse }),
      },
    },
    async (request, reply) => {
      const html = await service.previewPlan(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.query,
      );
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', PREVIEW_CSP)
        .header('x-frame-options', 'SAMEORIGIN')
        .header('cache-control', 'private, no-store')
        .send(html);
    },
  );
};
