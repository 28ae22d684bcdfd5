import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AT_LEAST_ONE_FIELD } from '../../core/errors/validation.ts';
import { NoContent, requireActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import * as service from './service.ts';
import { Template, Rule, RoutineDay, Backfill, Routine, RoutineParams } from './schemas.ts';

export const routineRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/routines',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Recurring routines (daily data check, weekly report…) with their next occurrences',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(Routine) }) }),
      },
    },
    async (request) => ({
      items: await service.listRoutines(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.post(
    '/w/:workspaceId/routines',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Start a routine: each occurrence becomes a task the day before it is due',
        params: WorkspaceParams,
        body: z.object({ rule: Rule, startsOn: RoutineDay, template: Template }),
        response: responses({ 201: z.object({ routine: Routine, backfill: Backfill }) }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createRoutine(
            services,
            requireActor(request),
            request.params.workspaceId,
            request.body,
          ),
        ),
  );

  app.patch(
    '/w/:workspaceId/routines/:routineId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Edit the series: future occurrences follow; created tasks are edited one by one',
        params: RoutineParams,
        body: z
          .object({ rule: Rule.optional(), template: Template.optional() })
          .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD }),
        response: responses({ 200: z.object({ routine: Routine }) }),
      },
    },
    async (request) => ({
      routine: await service.updateRoutine(workspaceContext(services, request), {
        id: request.params.routineId,
        input: request.body,
      }),
    }),
  );

  app.post(
    '/w/:workspaceId/routines/:routineId/skip',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Skip one occurrence',
        params: RoutineParams,
        body: z.object({ day: RoutineDay }),
        response: responses({ 200: z.object({ routine: Routine }) }),
      },
    },
    async (request) => ({
      routine: await service.skipOccurrence(workspaceContext(services, request), {
        id: request.params.routineId,
        day: request.body.day,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/routines/:routineId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'End a routine',
        params: RoutineParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.endRoutine(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.routineId,
      );
      return reply.status(204).send(null);
    },
  );
};
