import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocaleSchema } from '../auth/schemas.ts';
import { createDemoWorkspace } from '../demo/service.ts';
import {
  Id,
  NoContent,
  requireActor,
  requireSessionActor,
  responses,
  WorkspaceParams,
  workspaceContext,
} from '../http.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';
import * as worktime from './worktime.ts';
import { parseClockTime } from '../../core/schedule/worktime.ts';
import type { WeekPattern } from '../../core/schedule/calendar.ts';

const MemberParams = WorkspaceParams.extend({ userId: Id });

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.post(
    '/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace; the caller becomes its owner',
        body: z.object({ name: schemas.WorkspaceName }),
        response: responses({ 201: schemas.WorkspaceWithRole }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createWorkspace(services, requireSessionActor(request), request.body)),
  );

  app.post(
    '/workspaces/demo',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Create a realistic demo workspace owned by the caller',
        body: z.object({ locale: LocaleSchema.optional() }).optional(),
        response: responses({ 201: schemas.WorkspaceWithRole }),
      },
    },
    async (request, reply) => {
      const actor = requireSessionActor(request);
      const result = await createDemoWorkspace(services, actor, {
        locale: request.body?.locale ?? request.locale,
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/w/:workspaceId',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'A workspace with the caller’s role and permissions',
        params: WorkspaceParams,
        response: responses({ 200: schemas.WorkspaceDetail }),
      },
    },
    async (request) => service.getWorkspace(services, requireActor(request), request.params.workspaceId),
  );

  app.patch(
    '/w/:workspaceId',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Rename a workspace',
        params: WorkspaceParams,
        body: z.object({ name: schemas.WorkspaceName }),
        response: responses({ 200: z.object({ workspace: schemas.WorkspaceSchema }) }),
      },
    },
    async (request) =>
      service.renameWorkspace(services, requireActor(request), request.params.workspaceId, request.body),
  );

  app.get(
    '/w/:workspaceId/work-time',
    {
      schema: {
        tags: ['workspaces'],
        summary:
          'The working time SLAs, schedules and reminders follow: time zone, hours, working week (大小周)',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ workTime: schemas.WorkTimeSchema }) }),
      },
    },
    async (request) => ({
      workTime: await worktime.getWorkTime(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.put(
    '/w/:workspaceId/work-time',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Set the time zone, working hours and working week',
        params: WorkspaceParams,
        body: schemas.WorkTimeBody,
        response: responses({ 200: z.object({ workTime: schemas.WorkTimeSchema }) }),
      },
    },
    async (request) => ({
      workTime: await worktime.updateWorkTime(services, requireActor(request), request.params.workspaceId, {
        timeZone: request.body.timeZone,
        workStartMinutes: parseClockTime(request.body.workStart) ?? 0,
        workEndMinutes: parseClockTime(request.body.workEnd) ?? 0,
        weekPattern: request.body.weekPattern as WeekPattern,
        bigWeekOf: request.body.bigWeekOf ?? null,
      }),
    }),
  );

  app.get(
    '/w/:workspaceId/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Members of a workspace',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(schemas.MemberSchema) }) }),
      },
    },
    async (request) => ({
      items: await service.listMembers(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.patch(
    '/w/:workspaceId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: 'Change a member’s role, title or weekly capacity',
        params: MemberParams,
        body: schemas.UpdateMemberBody,
        response: responses({ 200: z.object({ member: schemas.MemberSchema }) }),
      },
    },
    async (request) => ({
      member: await service.updateMember(workspaceContext(services, request), {
        userId: request.params.userId,
        changes: request.body,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove a member, or leave the workspace',
        params: MemberParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.removeMember(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.userId,
      );
      return reply.status(204).send(null);
    },
  );
};
