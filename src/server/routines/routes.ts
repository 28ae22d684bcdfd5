import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AT_LEAST_ONE_FIELD, DAY_OUT_OF_RANGE } from '../../core/errors/validation.ts';
import { isRoutineDay, ROUTINE_DAYS } from '../../core/tasks/routineDays.ts';
import { epochMs, Id, NoContent, requireActor, responses, WorkspaceParams } from '../http.ts';
import { Day } from '../kpis/schemas.ts';
import { RoleAssignment } from '../tasks/schemas.ts';
import * as service from './service.ts';

const Template = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(20_000).nullable().optional(),
  estimateHours: z.number().min(0).max(1000).nullable().optional(),
  goalId: Id.nullable().optional(),
  parentId: Id.nullable().optional(),
  roles: z.array(RoleAssignment).max(50).optional(),
});

const Rule = z.string().trim().min(5).max(500).describe('RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO');

// Bounded so no request makes the rule walk from year 1 (see ROUTINE_DAYS).
const RoutineDay = Day.refine(isRoutineDay, { message: DAY_OUT_OF_RANGE }).describe(
  `Calendar day, YYYY-MM-DD, from ${ROUTINE_DAYS.first} to ${ROUTINE_DAYS.last}`,
);

const Backfill = z
  .object({
    created: z.number().int().describe('Occurrences created as tasks now'),
    omitted: z
      .number()
      .int()
      .describe('Past occurrences not created: a routine catches up on 7 days at most'),
    omittedBefore: z.string().nullable().describe('The omitted occurrences are those before this day'),
  })
  .meta({ id: 'RoutineBackfill' });

const Routine = z
  .object({
    id: z.string(),
    rule: z.string(),
    startsOn: z.string(),
    template: Template.extend({ roles: z.array(RoleAssignment) }),
    nextOccurrence: z.string().nullable(),
    upcoming: z.array(z.string()).describe('The next five occurrences'),
    skipped: z.array(z.string()),
    updatedAt: epochMs,
  })
  .meta({ id: 'Routine' });

const RoutineParams = WorkspaceParams.extend({ routineId: Id });

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
      routine: await service.updateRoutine(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.routineId,
        request.body,
      ),
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
      routine: await service.skipOccurrence(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.routineId,
        request.body.day,
      ),
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
