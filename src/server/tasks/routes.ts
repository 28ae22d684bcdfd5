import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NoContent, requireActor, responses, WorkspaceParams } from '../http.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

const TaskParams = WorkspaceParams.extend({ taskId: z.string().min(1).max(64) });

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks filtered and sorted, paged by cursor ("my work": assigneeId = me)',
        params: WorkspaceParams,
        querystring: schemas.TaskListQuery,
        response: responses({
          200: z.object({ items: z.array(schemas.TaskSchema), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) => {
      const { status, milestone, q, ...query } = request.query;
      return service.listTasks(services, requireActor(request), {
        ...query,
        workspaceId: request.params.workspaceId,
        statuses: status,
        search: q,
        isMilestone: milestone === undefined ? undefined : milestone === 'true',
      });
    },
  );

  app.post(
    '/w/:workspaceId/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a milestone, task or subtask; without roles the creator is Accountable',
        params: WorkspaceParams,
        body: schemas.CreateTaskBody,
        response: responses({ 201: schemas.TaskDetail }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const taskId = await service.createTask(services, actor, request.params.workspaceId, request.body);
      return reply
        .status(201)
        .send(await service.getTask(services, actor, request.params.workspaceId, taskId));
    },
  );

  app.get(
    '/w/:workspaceId/tasks/:taskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A task with its WBS code, people, dependencies and subtasks',
        params: TaskParams,
        response: responses({ 200: schemas.TaskDetail }),
      },
    },
    async (request) =>
      service.getTask(services, requireActor(request), request.params.workspaceId, request.params.taskId),
  );

  app.patch(
    '/w/:workspaceId/tasks/:taskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Change a task: fields, status, or its place in the tree',
        params: TaskParams,
        body: schemas.UpdateTaskBody,
        response: responses({ 200: schemas.TaskDetail }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId, taskId } = request.params;
      await service.updateTask(services, actor, workspaceId, taskId, request.body);
      return service.getTask(services, actor, workspaceId, taskId);
    },
  );

  app.delete(
    '/w/:workspaceId/tasks/:taskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Delete a task and its subtasks',
        params: TaskParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteTask(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.taskId,
      );
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/w/:workspaceId/tasks/:taskId/roles',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Set the RACI of a task: exactly one Accountable',
        params: TaskParams,
        body: z.object({ roles: z.array(schemas.RoleAssignment).min(1).max(50) }),
        response: responses({ 200: schemas.TaskDetail }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId, taskId } = request.params;
      await service.setRoles(services, actor, workspaceId, taskId, request.body.roles);
      return service.getTask(services, actor, workspaceId, taskId);
    },
  );

  app.post(
    '/w/:workspaceId/tasks/:taskId/dependencies',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Make this task start after another finishes (plus lag days); loops are refused',
        params: TaskParams,
        body: z.object({
          fromTaskId: z.string().min(1).max(64),
          lagDays: z.number().int().min(-365).max(365).default(0),
        }),
        response: responses({ 201: schemas.TaskDetail }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { workspaceId, taskId } = request.params;
      await service.addDependency(services, actor, workspaceId, { ...request.body, toTaskId: taskId });
      return reply.status(201).send(await service.getTask(services, actor, workspaceId, taskId));
    },
  );

  app.delete(
    '/w/:workspaceId/tasks/:taskId/dependencies/:fromTaskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Remove a dependency',
        params: TaskParams.extend({ fromTaskId: z.string().min(1).max(64) }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { workspaceId, taskId, fromTaskId } = request.params;
      await service.removeDependency(services, requireActor(request), workspaceId, fromTaskId, taskId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/w/:workspaceId/schedule',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Timeline data: tasks with critical-path dates and slack, and dependencies',
        params: WorkspaceParams,
        querystring: z.object({ goalId: z.string().max(64).optional() }),
        response: responses({ 200: schemas.ScheduleResponse }),
      },
    },
    async (request) =>
      service.getSchedule(services, requireActor(request), request.params.workspaceId, request.query.goalId),
  );

  app.get(
    '/w/:workspaceId/raci',
    {
      schema: {
        tags: ['tasks'],
        summary: 'RACI matrix: people × tasks, with gaps and overloaded Accountables',
        params: WorkspaceParams,
        querystring: z.object({
          goalId: z.string().max(64).optional(),
          parentId: z.string().max(64).optional(),
          maxAccountable: z.coerce.number().int().min(1).max(1000).default(8),
        }),
        response: responses({ 200: schemas.RaciMatrix }),
      },
    },
    async (request) =>
      service.getRaciMatrix(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.query,
        request.locale,
      ),
  );
};
