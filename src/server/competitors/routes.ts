import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OBSERVATION_CATEGORIES } from '../../core/competitors/index.ts';
import { NoContent, requireActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import {
  CompetitorParams,
  CompetitorSchema,
  CreateCompetitorBody,
  CreateObservationBody,
  ObservationListQuery,
  ObservationParams,
  ObservationSchema,
  ObservationTaskBody,
  UpdateCompetitorBody,
  UpdateObservationBody,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['competitors'];

/** Competitor tracking (市场调研 · 竞品): competitors, their SWOT and dated observations that trigger work. */
export const competitorRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/competitors',
    {
      schema: {
        tags,
        summary: 'Competitors by name with their SWOT, counts per category and latest observations',
        params: WorkspaceParams,
        querystring: z.object({ category: z.enum(OBSERVATION_CATEGORIES).optional() }),
        response: responses({ 200: z.object({ competitors: z.array(CompetitorSchema) }) }),
      },
    },
    async (request) =>
      service.listCompetitors(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.query.category,
      ),
  );

  app.post(
    '/w/:workspaceId/competitors',
    {
      schema: {
        tags,
        summary: 'Add a competitor',
        params: WorkspaceParams,
        body: CreateCompetitorBody,
        response: responses({ 201: z.object({ competitor: CompetitorSchema }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        competitor: await service.createCompetitor(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.get(
    '/w/:workspaceId/competitor-observations',
    {
      schema: {
        tags,
        summary: 'Observations newest first: the workspace’s or one competitor’s timeline, of one category',
        params: WorkspaceParams,
        querystring: ObservationListQuery,
        response: responses({ 200: z.object({ observations: z.array(ObservationSchema) }) }),
      },
    },
    async (request) =>
      service.listObservations(services, requireActor(request), request.params.workspaceId, request.query),
  );

  app.get(
    '/w/:workspaceId/competitors/:competitorId',
    {
      schema: {
        tags,
        summary: 'One competitor with its SWOT',
        params: CompetitorParams,
        response: responses({ 200: z.object({ competitor: CompetitorSchema }) }),
      },
    },
    async (request) => ({
      competitor: await service.getCompetitor(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.competitorId,
      ),
    }),
  );

  app.patch(
    '/w/:workspaceId/competitors/:competitorId',
    {
      schema: {
        tags,
        summary: 'Edit a competitor or its SWOT (quadrants given replace the stored ones)',
        params: CompetitorParams,
        body: UpdateCompetitorBody,
        response: responses({ 200: z.object({ competitor: CompetitorSchema }) }),
      },
    },
    async (request) => ({
      competitor: await service.updateCompetitor(workspaceContext(services, request), {
        competitorId: request.params.competitorId,
        input: request.body,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/competitors/:competitorId',
    {
      schema: {
        tags,
        summary: 'Delete a competitor with its observations',
        params: CompetitorParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteCompetitor(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.competitorId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/competitors/:competitorId/observations',
    {
      schema: {
        tags,
        summary: 'Record an observation (date, category, source link; the goal or task it triggered)',
        params: CompetitorParams,
        body: CreateObservationBody,
        response: responses({ 201: z.object({ observation: ObservationSchema }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        observation: await service.createObservation(workspaceContext(services, request), {
          competitorId: request.params.competitorId,
          input: request.body,
        }),
      }),
  );

  app.patch(
    '/w/:workspaceId/competitors/:competitorId/observations/:observationId',
    {
      schema: {
        tags,
        summary: 'Edit an observation; goalId or taskId null removes the link',
        params: ObservationParams,
        body: UpdateObservationBody,
        response: responses({ 200: z.object({ observation: ObservationSchema }) }),
      },
    },
    async (request) => ({
      observation: await service.updateObservation(workspaceContext(services, request), {
        competitorId: request.params.competitorId,
        observationId: request.params.observationId,
        input: request.body,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/competitors/:competitorId/observations/:observationId',
    {
      schema: {
        tags,
        summary: 'Delete an observation (a task it triggered stays)',
        params: ObservationParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteObservation(workspaceContext(services, request), {
        competitorId: request.params.competitorId,
        observationId: request.params.observationId,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/competitors/:competitorId/observations/:observationId/task',
    {
      schema: {
        tags,
        summary: 'Create a task from an observation and link it (the creator accountable)',
        params: ObservationParams,
        body: ObservationTaskBody,
        response: responses({
          201: z.object({ observation: ObservationSchema, taskId: z.string() }),
        }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await service.createTaskFromObservation(workspaceContext(services, request), {
          competitorId: request.params.competitorId,
          observationId: request.params.observationId,
          input: request.body,
        }),
      ),
  );
};
