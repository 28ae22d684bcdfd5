import { z } from 'zod';
import { RANGE_ENDS_BEFORE_START } from '../../core/errors/validation.ts';
import { Day } from '../kpis/schemas.ts';
import { epochMs, Id, WorkspaceParams } from '../http.ts';

/** Stands for "nobody" where a person's id is asked for; ids are UUIDs, so it cannot clash. */
export const UNASSIGNED = 'none';

export const Text = z.string().trim().min(1).max(200);

export const Owner = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('person'), userId: Id }),
    z.object({ type: z.literal('role'), role: z.string().trim().min(1).max(50) }),
    z.object({ type: z.literal('skill'), skill: z.string().trim().min(1).max(50) }),
  ])
  .nullable();

export const Kind = z.enum(['start', 'task', 'decision', 'end']);

export const Step = z
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

export const Person = z.object({ id: z.string(), name: z.string() });

export const RunStatus = z.enum(['active', 'on_hold', 'completed', 'cancelled']);

export const ProcessDetail = z
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

export const RunDetail = z
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

export const QueueItem = z
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

export const Duration = z.object({
  count: z.number().int(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});

export const StepMetrics = z.object({
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

export const AnalyticsCore = z.object({
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

export const Variants = z.object({
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

export const Rework = z.object({
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

export const AnalyticsQuery = z
  .object({
    versionId: Id.optional(),
    from: Day.optional().describe('First day of the window (cases started from it), YYYY-MM-DD'),
    to: Day.optional().describe('Last day of the window, included'),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    path: ['to'],
    message: RANGE_ENDS_BEFORE_START,
  });

export const EventLogImportReport = z
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

export const Analytics = AnalyticsCore.extend({
  variants: Variants,
  rework: Rework,
  window: z.object({ from: Day.nullable(), to: Day.nullable() }),
  /** The steps of the version analysed (the current one unless a version was asked for). */
  flow: z.array(Step),
  bottleneckMessage: z.string().nullable(),
  stepNames: z.record(z.string(), z.string()),
}).meta({ id: 'ProcessAnalytics' });

export const KeyedChanges = {
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
};

export const StepChange = z
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

export const Comparison = z
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

export const ProcessParams = WorkspaceParams.extend({ processId: Id });

export const RunParams = WorkspaceParams.extend({ runId: Id });
