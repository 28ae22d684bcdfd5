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
  Id,
  NoContent,
  queryFlag,
  requireActor,
  responses,
  WorkspaceParams,
  workspaceContext,
} from '../http.ts';
import * as feeds from './feeds.ts';
import { exportWbs, importWbs } from './import.ts';
import * as schedule from './schedule.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

const TaskParams = WorkspaceParams.extend({ taskId: Id });

const ImportReport = z
  .object({
    dryRun: z.boolean(),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    saved: z.number().int(),
    issueCount: z.number().int(),
    issues: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
    sample: z.array(
      z.object({
        row: z.number().int(),
        wbs: z.string(),
        title: z.string(),
        start: z.string().nullable(),
        due: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'WbsImportReport' });

/** The list's query as the service reads it (the list and the board's cards share it). */
function listFilter(
  params: z.infer<typeof WorkspaceParams>,
  { status, milestone, q, root, ...query }: z.output<typeof schemas.TaskListQuery>,
) {
  return {
    ...query,
    workspaceId: params.workspaceId,
    statuses: status,
    search: q,
    root: root === 'true',
    isMilestone: milestone === undefined ? undefined : milestone === 'true',
  };
}

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  acceptSpreadsheets(app);

  app.post(
    '/w/:workspaceId/tasks/import',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Import a WBS from CSV or XLSX (wbs, title, owner, estimate, start, due, predecessors): dry run, then all or nothing',
        consumes: SPREADSHEET_TYPES,
        params: WorkspaceParams,
        querystring: z.object({
          dryRun: queryFlag(true),
          goalId: Id.optional(),
        }),
        body: FileBody,
        response: responses({ 200: ImportReport }),
      },
      onRequest: spreadsheetsOnly,
    },
    async (request) =>
      importWbs(workspaceContext(services, request), { file: request.body, options: request.query }),
  );

  app.get(
    '/w/:workspaceId/tasks/export',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Download the task tree as CSV or XLSX, in the columns the import reads',
        params: WorkspaceParams,
        querystring: z.object({
          format: z.enum(['csv', 'xlsx']).default('csv'),
          goalId: Id.optional(),
        }),
        response: responses({ 200: FileResponse }),
      },
    },
    async (request, reply) => {
      const { format, goalId } = request.query;
      const file = await exportWbs(workspaceContext(services, request), { format, goalId });
      return sendSpreadsheet(reply, file, format, 'wbs');
    },
  );

  app.post(
    '/w/:workspaceId/calendar-feed',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A new secret iCalendar URL of my due tasks and milestones (the old one stops working)',
        params: WorkspaceParams,
        response: responses({ 201: z.object({ url: z.string() }) }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await feeds.rotateCalendarFeed(services, requireActor(request), request.params.workspaceId)),
  );

  app.get(
    '/calendar/:file',
    {
      config: { isPublic: true },
      schema: {
        tags: ['tasks'],
        summary: 'iCalendar feed behind a secret URL, for calendar apps',
        params: z.object({ file: z.string().regex(/^[\w-]{20,100}\.ics$/) }),
        response: responses({ 200: z.any().meta({ type: 'string', description: 'text/calendar' }) }),
      },
    },
    async (request, reply) => {
      const body = await feeds.renderCalendarFeed(services, request.params.file.replace(/\.ics$/, ''));
      return reply.header('content-type', 'text/calendar; charset=utf-8').send(body);
    },
  );

  app.get(
    '/w/:workspaceId/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks filtered and sorted, paged by cursor ("my work": assigneeId = me)',
        params: WorkspaceParams,
        querystring: schemas.TaskListQuery,
        response: responses({
          200: z.object({ items: z.array(schemas.TaskListItem), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) =>
      service.listTasks(services, requireActor(request), listFilter(request.params, request.query)),
  );

  // A path of its own, not a `?view=` of the list: one route, one answer schema, so the OpenAPI document and the
  // compiled serializer describe exactly what each sends.
  app.get(
    '/w/:workspaceId/tasks/cards',
    {
      schema: {
        tags: ['tasks'],
        summary:
          "The board's cards: the task list's filters, order and cursor, each task with the fields a card shows",
        params: WorkspaceParams,
        querystring: schemas.TaskListQuery,
        response: responses({
          200: z.object({ items: z.array(schemas.TaskCard), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) =>
      service.listTaskCards(services, requireActor(request), listFilter(request.params, request.query)),
  );

  app.get(
    '/w/:workspaceId/tasks/labels',
    {
      schema: {
        tags: ['tasks'],
        summary: "The workspace's distinct task labels, sorted (the filters' choices; capped)",
        params: WorkspaceParams,
        response: responses({ 200: schemas.TaskLabels }),
      },
    },
    async (request) => service.listLabels(services, requireActor(request), request.params.workspaceId),
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
      return reply
        .status(201)
        .send(
          await service.createTask(services, requireActor(request), request.params.workspaceId, request.body),
        );
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
    async (request) =>
      service.updateTask(workspaceContext(services, request), {
        taskId: request.params.taskId,
        input: request.body,
      }),
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
    async (request) =>
      service.setRoles(workspaceContext(services, request), {
        taskId: request.params.taskId,
        roles: request.body.roles,
      }),
  );

  app.post(
    '/w/:workspaceId/tasks/:taskId/dependencies',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Make this task start after another finishes (plus lag days); loops are refused',
        params: TaskParams,
        body: z.object({
          fromTaskId: Id,
          lagDays: z.number().int().min(-365).max(365).default(0),
        }),
        response: responses({ 201: schemas.TaskDetail }),
      },
    },
    async (request, reply) => {
      const { workspaceId, taskId } = request.params;
      const task = await service.addDependency(services, requireActor(request), workspaceId, {
        ...request.body,
        toTaskId: taskId,
      });
      return reply.status(201).send(task);
    },
  );

  app.delete(
    '/w/:workspaceId/tasks/:taskId/dependencies/:fromTaskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Remove a dependency',
        params: TaskParams.extend({ fromTaskId: Id }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { taskId, fromTaskId } = request.params;
      await service.removeDependency(workspaceContext(services, request), { fromTaskId, toTaskId: taskId });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/w/:workspaceId/schedule',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Board and timeline data: every task (compact: no description, checklist or skills) with critical-path dates and slack, and dependencies',
        params: WorkspaceParams,
        querystring: z.object({ goalId: Id.optional() }),
        response: responses({ 200: schemas.ScheduleResponse }),
      },
    },
    async (request, reply) => {
      const body = await schedule.scheduleBody(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.query.goalId,
      );
      // Already JSON (and compressed once per plan revision): sent as is, past the serializer.
      const { payload, encoding } = await schedule.encodeSchedule(body, request.headers['accept-encoding']);
      reply.type('application/json; charset=utf-8').header('vary', 'Accept-Encoding');
      if (encoding) reply.header('content-encoding', encoding);
      // The type provider knows the object form only; this is the same object, serialised once.
      return reply.send(payload as never);
    },
  );

  app.get(
    '/w/:workspaceId/schedule/size',
    {
      schema: {
        tags: ['tasks'],
        summary: 'How many tasks the plan has, and above how many the timeline shows one goal at a time',
        params: WorkspaceParams,
        response: responses({ 200: schemas.ScheduleSize }),
      },
    },
    async (request) => schedule.scheduleSize(services, requireActor(request), request.params.workspaceId),
  );

  app.get(
    '/w/:workspaceId/raci',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'RACI matrix, a page of tasks at a time: their roles and gaps, the people columns, and sums over the scope',
        params: WorkspaceParams,
        querystring: schemas.RaciQuery,
        response: responses({ 200: schemas.RaciMatrix }),
      },
    },
    async (request) => {
      const { q, gaps, ...query } = request.query;
      return service.getRaciMatrix(workspaceContext(services, request), {
        filter: { ...query, search: q, onlyGaps: gaps === 'true' },
      });
    },
  );
};
