import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AT_LEAST_ONE_FIELD } from '../../core/errors/validation.ts';
import { acceptSpreadsheets, FileBody, SPREADSHEET_TYPES, spreadsheetsOnly } from '../files.ts';
import { Day } from '../kpis/schemas.ts';
import {
  epochMs,
  Id,
  limitParam,
  queryFlag,
  requireActor,
  responses,
  WorkspaceParams,
  workspaceContext,
} from '../http.ts';
import * as service from './service.ts';
import {
  UNASSIGNED,
  Step,
  Person,
  RunStatus,
  ProcessDetail,
  RunDetail,
  QueueItem,
  AnalyticsQuery,
  EventLogImportReport,
  Analytics,
  Comparison,
  ProcessParams,
  RunParams,
} from './schemas.ts';

export const processRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  acceptSpreadsheets(app);

  app.get(
    '/w/:workspaceId/process-templates',
    {
      schema: {
        tags: ['processes'],
        summary: 'Ready-made processes: user feedback, e-commerce order, campaign launch, content publishing',
        params: WorkspaceParams,
        response: responses({
          200: z.object({
            items: z.array(
              z.object({ key: z.string(), name: z.string(), description: z.string(), steps: z.array(Step) }),
            ),
          }),
        }),
      },
    },
    async (request) => ({ items: service.listTemplates(request.locale) }),
  );

  app.get(
    '/w/:workspaceId/processes',
    {
      schema: {
        tags: ['processes'],
        summary: 'Processes (SOPs) with their version and open cases',
        params: WorkspaceParams,
        response: responses({
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                description: z.string().nullable(),
                templateKey: z.string().nullable(),
                versionNumber: z.number().int(),
                openRuns: z.number().int(),
                completedRuns: z.number().int(),
                updatedAt: epochMs,
              }),
            ),
          }),
        }),
      },
    },
    async (request) => ({
      items: await service.listProcesses(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.post(
    '/w/:workspaceId/processes',
    {
      schema: {
        tags: ['processes'],
        summary: 'Create a process from a template or from steps; its graph is checked first',
        params: WorkspaceParams,
        body: z.object({
          name: z.string().trim().max(100).optional(),
          description: z.string().max(2000).nullable().optional(),
          templateKey: z.string().max(40).optional(),
          steps: z.array(Step).min(2).max(50).optional(),
        }),
        response: responses({ 201: ProcessDetail }),
      },
    },
    async (request, reply) => {
      return reply
        .status(201)
        .send(await service.createProcess(workspaceContext(services, request), { input: request.body }));
    },
  );

  app.get(
    '/w/:workspaceId/processes/:processId',
    {
      schema: {
        tags: ['processes'],
        summary: 'A process, its current steps and its versions',
        params: ProcessParams,
        response: responses({ 200: ProcessDetail }),
      },
    },
    async (request) =>
      service.getProcess(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.processId,
      ),
  );

  app.put(
    '/w/:workspaceId/processes/:processId/steps',
    {
      schema: {
        tags: ['processes'],
        summary: 'Save the steps: a new version once cases have run on the current one',
        params: ProcessParams,
        body: z.object({
          name: z.string().trim().min(1).max(100).optional(),
          description: z.string().max(2000).nullable().optional(),
          steps: z.array(Step).min(2).max(50),
        }),
        response: responses({ 200: ProcessDetail }),
      },
    },
    async (request) =>
      service.updateProcessSteps(workspaceContext(services, request), {
        processId: request.params.processId,
        input: request.body,
      }),
  );

  app.get(
    '/w/:workspaceId/processes/:processId/compare',
    {
      schema: {
        tags: ['processes'],
        summary: 'Two versions side by side: what changed in the steps and in the measured times',
        params: ProcessParams,
        querystring: z.object({ from: Id, to: Id }),
        response: responses({ 200: Comparison }),
      },
    },
    async (request) =>
      service.compareProcessVersions(workspaceContext(services, request), {
        processId: request.params.processId,
        fromVersionId: request.query.from,
        toVersionId: request.query.to,
      }),
  );

  app.post(
    '/w/:workspaceId/processes/:processId/event-log',
    {
      schema: {
        tags: ['processes'],
        summary:
          'Import an event log (CSV or XLSX: case_id, step, entered_at, started_at, completed_at [, assignee, outcome, case_status]) as cases of the process: dry run, then all or nothing',
        consumes: SPREADSHEET_TYPES,
        params: ProcessParams,
        querystring: z.object({ dryRun: queryFlag(true), createSteps: queryFlag(false) }),
        body: FileBody,
        response: responses({ 200: EventLogImportReport }),
      },
      onRequest: spreadsheetsOnly,
    },
    async (request) =>
      service.importEventLog(workspaceContext(services, request), {
        processId: request.params.processId,
        buffer: request.body,
        options: request.query,
      }),
  );

  app.get(
    '/w/:workspaceId/processes/:processId/analytics',
    {
      schema: {
        tags: ['processes'],
        summary:
          'Per-step waiting and working times, SLA breaches, throughput, lead times and the bottleneck',
        params: ProcessParams,
        querystring: AnalyticsQuery,
        response: responses({ 200: Analytics }),
      },
    },
    async (request) =>
      service.getAnalytics(workspaceContext(services, request), {
        processId: request.params.processId,
        versionId: request.query.versionId,
        window: { from: request.query.from, to: request.query.to },
      }),
  );

  app.get(
    '/w/:workspaceId/processes/:processId/steps/:stepKey/assignees',
    {
      schema: {
        tags: ['processes'],
        summary: "One step's visits, median working time and SLA breaches per person (managers and up)",
        params: ProcessParams.extend({ stepKey: z.string().min(1).max(100) }),
        querystring: AnalyticsQuery,
        response: responses({
          200: z.object({
            stepKey: z.string(),
            window: z.object({ from: Day.nullable(), to: Day.nullable() }),
            assignees: z.array(
              z.object({
                assigneeId: z.string().nullable(),
                name: z.string().nullable(),
                visits: z.number().int(),
                completed: z.number().int(),
                medianWorkingMs: z.number().nullable(),
                withSla: z.number().int(),
                breached: z.number().int(),
                breachRate: z.number().nullable(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) =>
      service.getStepAssignees(workspaceContext(services, request), {
        processId: request.params.processId,
        stepKey: request.params.stepKey,
        versionId: request.query.versionId,
        window: { from: request.query.from, to: request.query.to },
      }),
  );

  app.get(
    '/w/:workspaceId/processes/:processId/runs',
    {
      schema: {
        tags: ['processes'],
        summary: 'Cases of a process, newest first',
        params: ProcessParams,
        querystring: z.object({
          status: z
            .string()
            .max(100)
            .transform((value) => value.split(',').filter(Boolean))
            .pipe(z.array(RunStatus))
            .optional(),
          limit: limitParam,
          cursor: Id.optional(),
        }),
        response: responses({
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                subject: z.string(),
                status: RunStatus,
                currentStepKey: z.string().nullable(),
                versionId: z.string(),
                startedAt: epochMs,
                finishedAt: epochMs.nullable(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        }),
      },
    },
    async (request) =>
      service.listRuns(workspaceContext(services, request), {
        processId: request.params.processId,
        filter: {
          statuses: request.query.status,
          cursor: request.query.cursor,
          limit: request.query.limit,
        },
      }),
  );

  app.post(
    '/w/:workspaceId/processes/:processId/runs',
    {
      schema: {
        tags: ['processes'],
        summary: 'Start a case (a feedback ticket, an order) on the current version',
        params: ProcessParams,
        body: z.object({ subject: z.string().trim().min(1).max(300) }),
        response: responses({ 201: RunDetail }),
      },
    },
    async (request, reply) => {
      const run = await service.startRun(workspaceContext(services, request), {
        processId: request.params.processId,
        subject: request.body.subject,
      });
      return reply.status(201).send(run);
    },
  );

  app.get(
    '/w/:workspaceId/runs/:runId',
    {
      schema: {
        tags: ['processes'],
        summary: 'A case with its current step, every step visit and its history',
        params: RunParams,
        response: responses({ 200: RunDetail }),
      },
    },
    async (request) =>
      service.getRun(services, requireActor(request), request.params.workspaceId, request.params.runId),
  );

  app.post(
    '/w/:workspaceId/runs/:runId/start-step',
    {
      schema: {
        tags: ['processes'],
        summary: 'Start working on the current step (waiting time ends here)',
        params: RunParams,
        body: z.object({ stepKey: z.string().min(1).max(40) }),
        response: responses({ 200: RunDetail }),
      },
    },
    async (request) =>
      service.startStep(workspaceContext(services, request), {
        runId: request.params.runId,
        stepKey: request.body.stepKey,
      }),
  );

  app.post(
    '/w/:workspaceId/runs/:runId/complete-step',
    {
      schema: {
        tags: ['processes'],
        summary: 'Complete the current step: checklist ticked, required fields filled, an outcome chosen',
        params: RunParams,
        body: z.object({
          stepKey: z.string().min(1).max(40),
          outcomeKey: z.string().min(1).max(40),
          checkedItems: z.array(z.string().max(200)).max(30).default([]),
          // Stored as JSON: only the scalar kinds a step field can hold (text, number, date, choice, link).
          values: z
            .record(
              z.string().min(1).max(40),
              z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]),
            )
            .default({}),
        }),
        response: responses({ 200: RunDetail }),
      },
    },
    async (request) =>
      service.completeStep(workspaceContext(services, request), {
        runId: request.params.runId,
        input: request.body,
      }),
  );

  app.post(
    '/w/:workspaceId/runs/:runId/reassign',
    {
      schema: {
        tags: ['processes'],
        summary: 'Give the current step to someone else',
        params: RunParams,
        body: z.object({ userId: Id }),
        response: responses({ 200: RunDetail }),
      },
    },
    async (request) =>
      service.reassignStep(workspaceContext(services, request), {
        runId: request.params.runId,
        userId: request.body.userId,
      }),
  );

  app.post(
    '/w/:workspaceId/runs/:runId/state',
    {
      schema: {
        tags: ['processes'],
        summary: 'Put a case on hold (with a reason), resume it, or cancel it',
        params: RunParams,
        body: z
          .object({
            action: z.enum(['hold', 'resume', 'cancel']),
            reason: z.string().trim().max(500).optional(),
          })
          .refine((body) => body.action !== 'hold' || (body.reason ?? '') !== '', {
            message: AT_LEAST_ONE_FIELD,
            path: ['reason'],
          }),
        response: responses({ 200: RunDetail }),
      },
    },
    async (request) =>
      service.changeRunState(workspaceContext(services, request), {
        runId: request.params.runId,
        change: request.body,
      }),
  );

  app.get(
    '/w/:workspaceId/my-queue',
    {
      schema: {
        tags: ['processes'],
        summary: 'The process steps waiting for me, soonest due first',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(QueueItem) }) }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return {
        items: await service.openSteps(services, actor, request.params.workspaceId, {
          assigneeId: actor.userId,
        }),
      };
    },
  );

  app.get(
    '/w/:workspaceId/open-steps',
    {
      schema: {
        tags: ['processes'],
        summary:
          "The team's open process steps (at most 200, soonest due first; assigneeId=none for nobody's) and the count per person",
        params: WorkspaceParams,
        querystring: z.object({ assigneeId: Id.optional() }),
        response: responses({
          200: z.object({
            items: z.array(QueueItem),
            people: z.array(
              z.object({ assignee: Person.nullable(), open: z.number().int(), overdue: z.number().int() }),
            ),
          }),
        }),
      },
    },
    async (request) =>
      service.teamQueue(services, requireActor(request), request.params.workspaceId, {
        assigneeId: request.query.assigneeId === UNASSIGNED ? null : request.query.assigneeId,
      }),
  );
};
