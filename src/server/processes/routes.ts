import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AT_LEAST_ONE_FIELD, RANGE_ENDS_BEFORE_START } from '../../core/errors/validation.ts';
import { acceptSpreadsheets, FileBody, SPREADSHEET_TYPES, spreadsheetsOnly } from '../files.ts';
import { Day } from '../kpis/schemas.ts';
import { epochMs, Id, limitParam, queryFlag, requireActor, responses, WorkspaceParams } from '../http.ts';
import { importEventLog } from './import.ts';
import * as service from './service.ts';

/** Stands for "nobody" where a person's id is asked for; ids are UUIDs, so it cannot clash. */
const UNASSIGNED = 'none';
const Text = z.string().trim().min(1).max(200);

const Owner = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('person'), userId: Id }),
    z.object({ type: z.literal('role'), role: z.string().trim().min(1).max(50) }),
    z.object({ type: z.literal('skill'), skill: z.string().trim().min(1).max(50) }),
  ])
  .nullable();
const Kind = z.enum(['start', 'task', 'decision', 'end']);

const Step = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    name: Text,
    description: z.string().trim().max(2000).optional(),
    kind: Kind,
    owner: Owner,
    slaHours: z.number().min(0).max(10_000).nullable(),
    checklist: z.array(z.string().trim().min(1).max(200)).max(30).readonly(),
    fields: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
          label: Text,
          type: z.enum(['text', 'number', 'date', 'choice', 'link']),
          required: z.boolean(),
          options: z.array(z.string().trim().min(1).max(100)).max(50).readonly().optional(),
        }),
      )
      .max(30)
      .readonly(),
    outcomes: z
      .array(
        z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), label: Text, next: z.string().max(40) }),
      )
      .max(10)
      .readonly(),
  })
  .meta({ id: 'ProcessStep' });

const Person = z.object({ id: z.string(), name: z.string() });
const RunStatus = z.enum(['active', 'on_hold', 'completed', 'cancelled']);

const ProcessDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    templateKey: z.string().nullable(),
    version: z
      .object({ id: z.string(), number: z.number().int(), steps: z.array(Step), createdAt: epochMs })
      .nullable(),
    versions: z.array(
      z.object({ id: z.string(), number: z.number().int(), createdAt: epochMs, runCount: z.number().int() }),
    ),
    updatedAt: epochMs,
  })
  .meta({ id: 'Process' });

const RunDetail = z
  .object({
    id: z.string(),
    processId: z.string(),
    processName: z.string(),
    version: z.object({ id: z.string(), number: z.number().int() }),
    subject: z.string(),
    status: RunStatus,
    holdReason: z.string().nullable(),
    startedAt: epochMs,
    finishedAt: epochMs.nullable(),
    currentStep: Step.extend({
      assignee: Person.nullable(),
      enteredAt: epochMs,
      startedAt: epochMs.nullable(),
      dueAt: epochMs.nullable(),
      isOverdue: z.boolean(),
    }).nullable(),
    steps: z.array(
      z.object({
        stepKey: z.string(),
        name: z.string(),
        assignee: Person.nullable(),
        enteredAt: epochMs,
        startedAt: epochMs.nullable(),
        completedAt: epochMs.nullable(),
        dueAt: epochMs.nullable(),
        outcome: z.string().nullable(),
        outcomeLabel: z.string().nullable(),
        completedBy: Person.nullable(),
        isBreached: z.boolean(),
        values: z.record(z.string(), z.unknown()),
        record: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            type: z.enum(['text', 'number', 'date', 'choice', 'link']),
            value: z.string(),
          }),
        ),
        checkedItems: z.array(z.string()),
      }),
    ),
    history: z.array(
      z.object({
        type: z.string(),
        stepKey: z.string().nullable(),
        actor: Person.nullable(),
        data: z.record(z.string(), z.unknown()).nullable(),
        createdAt: epochMs,
      }),
    ),
  })
  .meta({ id: 'ProcessRun' });

const QueueItem = z
  .object({
    runId: z.string(),
    processName: z.string(),
    subject: z.string(),
    status: RunStatus,
    stepKey: z.string(),
    stepName: z.string(),
    assignee: Person.nullable(),
    enteredAt: epochMs,
    startedAt: epochMs.nullable(),
    dueAt: epochMs.nullable(),
    isOverdue: z.boolean(),
  })
  .meta({ id: 'ProcessQueueItem' });

const Duration = z.object({
  count: z.number().int(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});
const StepMetrics = z.object({
  stepKey: z.string(),
  count: z.number().int(),
  completed: z.number().int(),
  waiting: Duration,
  working: Duration,
  withSla: z.number().int(),
  breached: z.number().int(),
  breachRate: z.number().nullable(),
  workInProgress: z.number().int(),
  queued: z.number().int(),
  oldestQueuedMs: z.number().nullable(),
  leadTimeShare: z.number().nullable(),
});
const AnalyticsCore = z.object({
  runs: z.object({
    total: z.number().int(),
    active: z.number().int(),
    completed: z.number().int(),
    cancelled: z.number().int(),
  }),
  ignoredEvents: z.number().int(),
  leadTime: Duration.extend({
    totalMs: z.number(),
    buckets: z.array(
      z.object({ key: z.string(), minMs: z.number(), maxMs: z.number().nullable(), count: z.number().int() }),
    ),
  }),
  throughput: z.array(
    z.object({
      week: z.string(),
      weekStart: z.string(),
      count: z.number().int(),
      medianLeadTimeMs: z.number().nullable(),
    }),
  ),
  steps: z.array(StepMetrics),
  bottleneck: z
    .object({
      stepKey: z.string(),
      leadTimeShare: z.number().nullable(),
      medianWaitingMs: z.number().nullable(),
      queued: z.number().int(),
      reason: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
    })
    .nullable(),
});
const Variants = z.object({
  completedRuns: z.number().int(),
  distinct: z.number().int(),
  /** The 20 most common paths (step keys in order), with how many completed cases took each. */
  top: z.array(
    z.object({
      steps: z.array(z.string()),
      count: z.number().int(),
      share: z.number(),
      medianLeadTimeMs: z.number().nullable(),
    }),
  ),
});
const Rework = z.object({
  cases: z.number().int(),
  visits: z.number().int(),
  reworkMs: z.number(),
  steps: z.array(
    z.object({
      stepKey: z.string(),
      visits: z.number().int(),
      cases: z.number().int(),
      reworkMs: z.number(),
    }),
  ),
});
const AnalyticsQuery = z
  .object({
    versionId: Id.optional(),
    from: Day.optional().describe('First day of the window (cases started from it), YYYY-MM-DD'),
    to: Day.optional().describe('Last day of the window, included'),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    path: ['to'],
    message: RANGE_ENDS_BEFORE_START,
  });

const EventLogImportReport = z
  .object({
    rows: z.number().int(),
    cases: z.object({
      total: z.number().int(),
      completed: z.number().int(),
      active: z.number().int(),
      cancelled: z.number().int(),
    }),
    /** The log's steps in their typical order, with the process step each means (null when none). */
    steps: z.array(z.object({ name: z.string(), stepKey: z.string().nullable() })),
    missingSteps: z.array(z.string()),
    canCreateSteps: z.boolean(),
    assignees: z.object({ matched: z.number().int(), unmatched: z.array(z.string()) }),
    issues: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })),
    issueCount: z.number().int(),
    warnings: z.array(z.string()),
    imported: z.boolean(),
  })
  .meta({ id: 'EventLogImportReport' });

const Analytics = AnalyticsCore.extend({
  variants: Variants,
  rework: Rework,
  window: z.object({ from: Day.nullable(), to: Day.nullable() }),
  /** The steps of the version analysed (the current one unless a version was asked for). */
  flow: z.array(Step),
  bottleneckMessage: z.string().nullable(),
  stepNames: z.record(z.string(), z.string()),
}).meta({ id: 'ProcessAnalytics' });

const KeyedChanges = {
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
};
const StepChange = z
  .discriminatedUnion('aspect', [
    z.object({ aspect: z.literal('name'), before: z.string(), after: z.string() }),
    z.object({ aspect: z.literal('description'), before: z.string(), after: z.string() }),
    z.object({ aspect: z.literal('kind'), before: Kind, after: Kind }),
    z.object({ aspect: z.literal('owner'), before: Owner, after: Owner }),
    z.object({ aspect: z.literal('slaHours'), before: z.number().nullable(), after: z.number().nullable() }),
    z.object({
      aspect: z.literal('checklist'),
      added: z.array(z.string()),
      removed: z.array(z.string()),
      reordered: z.boolean(),
    }),
    z.object({ aspect: z.literal('fields'), ...KeyedChanges }),
    z.object({ aspect: z.literal('outcomes'), ...KeyedChanges }),
  ])
  .meta({ id: 'ProcessStepChange' });

const Comparison = z
  .object({
    comparison: z.object({
      before: AnalyticsCore,
      after: AnalyticsCore,
      leadTime: z.object({ medianChangeMs: z.number().nullable(), medianChangeRatio: z.number().nullable() }),
      steps: z.array(
        z.object({
          stepKey: z.string(),
          before: StepMetrics.nullable(),
          after: StepMetrics.nullable(),
          medianWaitingChangeMs: z.number().nullable(),
          medianWorkingChangeMs: z.number().nullable(),
        }),
      ),
    }),
    diff: z.object({
      added: z.array(Step),
      removed: z.array(Step),
      changed: z.array(
        z.object({
          key: z.string(),
          before: Step,
          after: Step,
          changes: z.array(StepChange),
        }),
      ),
      unchangedKeys: z.array(z.string()),
    }),
    /** The later version's steps in its order: names and order for the side-by-side table. */
    afterSteps: z.array(Step),
  })
  .meta({ id: 'ProcessComparison' });

const ProcessParams = WorkspaceParams.extend({ processId: Id });
const RunParams = WorkspaceParams.extend({ runId: Id });

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
      const actor = requireActor(request);
      const id = await service.createProcess(
        services,
        actor,
        request.params.workspaceId,
        request.body,
        request.locale,
      );
      return reply
        .status(201)
        .send(await service.getProcess(services, actor, request.params.workspaceId, id));
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
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId, processId } = request.params;
      await service.updateProcessSteps(services, actor, workspaceId, processId, request.body);
      return service.getProcess(services, actor, workspaceId, processId);
    },
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
      service.compareProcessVersions(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.processId,
        request.query.from,
        request.query.to,
      ),
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
      importEventLog(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.processId,
        request.body,
        request.query,
        request.locale,
      ),
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
      service.getAnalytics(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.processId,
        request.query.versionId,
        request.locale,
        { from: request.query.from, to: request.query.to },
      ),
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
      service.getStepAssignees(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.processId,
        request.params.stepKey,
        request.query.versionId,
        { from: request.query.from, to: request.query.to },
      ),
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
      service.listRuns(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.processId,
        {
          statuses: request.query.status,
          cursor: request.query.cursor,
          limit: request.query.limit,
        },
      ),
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
      const actor = requireActor(request);
      const { workspaceId, processId } = request.params;
      const runId = await service.startRun(services, actor, workspaceId, processId, request.body.subject);
      return reply.status(201).send(await service.getRun(services, actor, workspaceId, runId));
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
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId, runId } = request.params;
      await service.startStep(services, actor, workspaceId, runId, request.body.stepKey);
      return service.getRun(services, actor, workspaceId, runId);
    },
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
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId, runId } = request.params;
      await service.completeStep(services, actor, workspaceId, runId, request.body);
      return service.getRun(services, actor, workspaceId, runId);
    },
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
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId, runId } = request.params;
      await service.reassignStep(services, actor, workspaceId, runId, request.body.userId);
      return service.getRun(services, actor, workspaceId, runId);
    },
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
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId, runId } = request.params;
      await service.changeRunState(services, actor, workspaceId, runId, request.body);
      return service.getRun(services, actor, workspaceId, runId);
    },
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
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      const [items, people] = await Promise.all([
        service.openSteps(services, actor, workspaceId, {
          assigneeId: request.query.assigneeId === UNASSIGNED ? null : request.query.assigneeId,
        }),
        service.openStepsByPerson(services, actor, workspaceId),
      ]);
      return { items, people };
    },
  );
};
