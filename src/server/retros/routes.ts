import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NoContent, requireActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import { dayInTimezone } from '../time.ts';
import {
  ActionsBody,
  ImprovementLog,
  ImprovementQuery,
  LessonSuggestion,
  Retro,
  RetroBody,
  RetroChanges,
  RetroListQuery,
  RetroParams,
  RetroSummary,
  SuggestionQuery,
} from './schemas.ts';
import * as service from './service.ts';

export const retroRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/retros',
    {
      schema: {
        tags: ['retros'],
        summary: '复盘 retrospectives, newest first, with their actions’ completion',
        params: WorkspaceParams,
        querystring: RetroListQuery,
        response: responses({ 200: z.object({ items: z.array(RetroSummary) }) }),
      },
    },
    async (request) => ({
      items: await service.listRetros(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.query,
      ),
    }),
  );

  app.post(
    '/w/:workspaceId/retros',
    {
      schema: {
        tags: ['retros'],
        summary:
          'Start a 复盘 on a goal, milestone, process version, campaign or period; actions become tasks',
        params: WorkspaceParams,
        body: RetroBody,
        response: responses({ 201: z.object({ retro: Retro }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        retro: await service.createRetro(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.get(
    '/w/:workspaceId/retros/suggestions',
    {
      schema: {
        tags: ['retros'],
        summary: 'Lessons from similar past 复盘 for one about to start on a subject',
        params: WorkspaceParams,
        querystring: SuggestionQuery,
        response: responses({ 200: z.object({ items: z.array(LessonSuggestion) }) }),
      },
    },
    async (request) => ({
      items: await service.suggestLessons(services, requireActor(request), request.params.workspaceId, {
        ...request.query,
        tags: request.query.tags?.split(','),
      }),
    }),
  );

  app.get(
    '/w/:workspaceId/improvement-log',
    {
      schema: {
        tags: ['retros'],
        summary: 'The improvement log: lessons by tag, actions by status, across every 复盘',
        params: WorkspaceParams,
        querystring: ImprovementQuery,
        response: responses({ 200: ImprovementLog }),
      },
    },
    async (request) =>
      service.improvementLog(workspaceContext(services, request), {
        filter: request.query,
        today: dayInTimezone(services.now(), services.config.timezone),
      }),
  );

  app.get(
    '/w/:workspaceId/retros/:retroId',
    {
      schema: {
        tags: ['retros'],
        summary:
          'A 复盘: figures, the four steps, lessons, actions with their tasks’ status, similar lessons',
        params: RetroParams,
        response: responses({ 200: z.object({ retro: Retro }) }),
      },
    },
    async (request) => ({
      retro: await service.getRetro(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.retroId,
      ),
    }),
  );

  app.patch(
    '/w/:workspaceId/retros/:retroId',
    {
      schema: {
        tags: ['retros'],
        summary: 'Change the steps, the lessons (the list replaces the stored one) or the status',
        params: RetroParams,
        body: RetroChanges,
        response: responses({ 200: z.object({ retro: Retro }) }),
      },
    },
    async (request) => ({
      retro: await service.updateRetro(workspaceContext(services, request), {
        retroId: request.params.retroId,
        changes: request.body,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/retros/:retroId',
    {
      schema: {
        tags: ['retros'],
        summary: 'Delete a 复盘; the tasks its actions became stay',
        params: RetroParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteRetro(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.retroId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/retros/:retroId/actions',
    {
      schema: {
        tags: ['retros'],
        summary:
          'Add actions: each becomes a task (owner as R and A, due date); one without an owner refuses all',
        params: RetroParams,
        body: ActionsBody,
        response: responses({ 201: z.object({ retro: Retro }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        retro: await service.addActions(workspaceContext(services, request), {
          retroId: request.params.retroId,
          actions: request.body.actions,
        }),
      }),
  );

  app.post(
    '/w/:workspaceId/retros/:retroId/process-version',
    {
      schema: {
        tags: ['retros'],
        summary:
          'Open the next version of the reviewed process (a copy to change in the editor), linked to the 复盘',
        params: RetroParams,
        body: z.object({}).describe('Nothing: the version copies the reviewed one'),
        response: responses({ 201: z.object({ retro: Retro }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        retro: await service.openProcessVersion(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.params.retroId,
        ),
      }),
  );
};
