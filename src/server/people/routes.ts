import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, requireActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import { Day } from '../kpis/schemas.ts';
import * as service from './service.ts';
import { Skill, Person, CalendarDay, CellTasks, WorkloadHeatmap } from './schemas.ts';

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Members with capacity, skills and days away',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(Person) }) }),
      },
    },
    async (request) => ({
      items: await service.listPeople(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.put(
    '/w/:workspaceId/people/:userId',
    {
      schema: {
        tags: ['people'],
        summary: 'Set a member’s skills (levels 1–5) and days away; anyone may set their own',
        params: WorkspaceParams.extend({ userId: Id }),
        body: z.object({ skills: z.array(Skill).max(30), unavailableDays: z.array(Day).max(366) }),
        response: responses({ 200: z.object({ items: z.array(Person) }) }),
      },
    },
    async (request) => ({
      items: await service.updatePersonProfile(workspaceContext(services, request), {
        userId: request.params.userId,
        profile: request.body,
      }),
    }),
  );

  app.get(
    '/w/:workspaceId/workload',
    {
      schema: {
        tags: ['people'],
        summary:
          'Workload heatmap: people × weeks, planned hours against capacity, and how many tasks are behind each (compact: weeks and people once, a week’s numbers in arrays)',
        params: WorkspaceParams,
        querystring: z.object({
          from: Day.optional(),
          weeks: z.coerce.number().int().min(1).max(52).default(12),
        }),
        response: responses({ 200: WorkloadHeatmap }),
      },
    },
    async (request) =>
      service.getWorkload(services, requireActor(request), request.params.workspaceId, request.query),
  );

  app.get(
    '/w/:workspaceId/workload/cell',
    {
      schema: {
        tags: ['people'],
        summary: 'The tasks behind one heatmap cell: a person’s week, with the hours each puts in it',
        params: WorkspaceParams,
        querystring: z.object({ userId: Id, week: Day }),
        response: responses({ 200: CellTasks }),
      },
    },
    async (request) =>
      service.getWorkloadCell(services, requireActor(request), request.params.workspaceId, request.query),
  );

  app.get(
    '/w/:workspaceId/tasks/:taskId/suggestions',
    {
      schema: {
        tags: ['people'],
        summary:
          'Who should take a task: ranked by required skills and free hours in its window, with reasons',
        params: WorkspaceParams.extend({ taskId: Id }),
        response: responses({
          200: z.object({
            items: z.array(
              z.object({
                userId: z.string(),
                name: z.string(),
                score: z.number(),
                meetsSkills: z.boolean(),
                freeHours: z.number(),
                reasons: z.array(z.string()),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => ({
      items: await service.suggestForTask(workspaceContext(services, request), {
        taskId: request.params.taskId,
      }),
    }),
  );

  app.get(
    '/w/:workspaceId/calendar',
    {
      schema: {
        tags: ['people'],
        summary: 'Holidays and make-up working days （调休） that schedules and workload follow',
        params: WorkspaceParams,
        response: responses({
          200: z.object({ items: z.array(CalendarDay.extend({ name: z.string().nullable() })) }),
        }),
      },
    },
    async (request) => ({
      items: await service.getCalendar(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.put(
    '/w/:workspaceId/calendar',
    {
      schema: {
        tags: ['people'],
        summary: 'Replace the holiday list',
        params: WorkspaceParams,
        body: z.object({ items: z.array(CalendarDay).max(500) }),
        response: responses({
          200: z.object({ items: z.array(CalendarDay.extend({ name: z.string().nullable() })) }),
        }),
      },
    },
    async (request) => ({
      items: await service.setCalendar(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.body.items,
      ),
    }),
  );
};
