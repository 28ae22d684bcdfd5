import { AT_LEAST_ONE_FIELD } from '../../core/errors/validation.ts';
import { z } from 'zod';
import { commaList, epochMs, Id } from '../http.ts';
import { Day, KpiKey } from '../kpis/schemas.ts';

export const GoalStatus = z.enum(['draft', 'active', 'done', 'cancelled']);
export const Health = z.enum(['on_track', 'at_risk', 'off_track', 'no_data']);
const Person = z.object({ id: z.string(), name: z.string() });
const Fraction = z.number().describe('0..1');

export const GoalSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    owner: Person.nullable(),
    startDate: z.string(),
    dueDate: z.string(),
    status: GoalStatus,
    weight: z.number(),
    isTopLevel: z.boolean(),
    progress: Fraction,
    projectedProgress: Fraction.nullable().describe('Progress the forecast reaches by the due date'),
    expectedProgress: Fraction.describe('Share of the time from start to due that has passed'),
    health: Health,
    healthReason: z
      .object({
        code: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])),
        message: z.string(),
      })
      .nullable(),
    keyResultCount: z.number().int(),
    updatedAt: epochMs,
  })
  .meta({ id: 'Goal' });

/**
 * A goal as the tree and pickers list it: no description, health reason or SMART text (those come with the goal
 * page), plus how many sub-goals it has so the tree can offer to expand it.
 */
export const GoalNodeSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    title: z.string(),
    owner: Person.nullable(),
    startDate: z.string(),
    dueDate: z.string(),
    status: GoalStatus,
    isTopLevel: z.boolean(),
    progress: Fraction,
    expectedProgress: Fraction.describe('Share of the time from start to due that has passed'),
    health: Health,
    keyResultCount: z.number().int(),
    childCount: z.number().int().describe('Sub-goals, fetched with ?parentId= when the node is expanded'),
  })
  .meta({ id: 'GoalNode' });

/** `due date~id` of the last goal of a page: the next page starts after it. */
const GoalCursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}~[A-Za-z0-9_-]{1,64}$/)
  .transform((text) => {
    const [dueDate = '', id = ''] = text.split('~');
    return { dueDate, id };
  });

export const GoalListQuery = z.object({
  parentId: z
    .union([z.literal('root'), Id])
    .optional()
    .describe('Sub-goals of this goal; `root` for goals without a parent. Omitted: any level'),
  q: z.string().trim().max(100).optional().describe('Title contains (any level of the tree)'),
  ids: commaList(Id, 100)
    .optional()
    .describe(
      'Comma-separated goal ids (at most 100): those goals of the workspace, e.g. the labels of a picker',
    ),
  status: GoalStatus.optional(),
  health: Health.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('Page size (100 when paging)'),
  cursor: GoalCursor.optional().describe('nextCursor of the previous page'),
});

export const GoalList = z.object({
  items: z.array(GoalNodeSchema),
  nextCursor: z.string().nullable(),
});

export const KeyResultSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(['kpi', 'deliverable']),
    kpi: z
      .object({
        key: z.string(),
        name: z.string(),
        unit: z.string().nullable(),
        direction: z.enum(['higher', 'lower']),
        frequency: z.enum(['day', 'week', 'month']),
        aggregation: z.enum(['sum', 'avg', 'last', 'min', 'max']),
      })
      .nullable(),
    baseline: z.number().nullable(),
    target: z.number().nullable(),
    current: z.number().nullable(),
    weight: z.number(),
    isDone: z.boolean(),
    progress: Fraction,
    projectedProgress: Fraction.nullable(),
    projectedValue: z.number().nullable(),
    reachDate: z.string().nullable().describe('Day the trend reaches the target'),
  })
  .meta({ id: 'KeyResult' });

export const CheckInSchema = z.object({
  id: z.string(),
  author: Person.nullable(),
  progress: Fraction,
  confidence: z.number().int(),
  note: z.string(),
  blockers: z.string().nullable(),
  createdAt: epochMs,
});

export const KeyResultBody = z.object({
  title: z.string().trim().min(1).max(200),
  kpiKey: KpiKey.nullable().optional(),
  baseline: z.number().nullable().optional(),
  target: z.number().nullable().optional(),
  weight: z.number().min(0).max(100).optional(),
  isDone: z.boolean().optional(),
});

export const UpdateKeyResultBody = KeyResultBody.partial().refine((body) => Object.keys(body).length > 0, {
  message: AT_LEAST_ONE_FIELD,
});

const GoalFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).nullable().optional(),
  parentId: Id.nullable().optional(),
  isTopLevel: z.boolean().optional(),
  ownerId: Id.nullable().optional(),
  startDate: Day,
  dueDate: Day,
  status: GoalStatus.optional(),
  weight: z.number().min(0).max(100).optional(),
};

export const CreateGoalBody = z.object({
  ...GoalFields,
  keyResults: z.array(KeyResultBody).max(20).optional(),
});

export const UpdateGoalBody = z
  .object(GoalFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });

const CriterionResult = z.object({
  status: z.enum(['pass', 'warn', 'fail', 'unknown']),
  reason: z.string(),
  suggestion: z.string().nullable(),
});
const Quantity = z.object({ value: z.number(), unit: z.string().nullable() });

export const SmartAnalysis = z
  .object({
    extracted: z.object({
      metric: z.string().nullable(),
      direction: z.enum(['increase', 'decrease', 'reach']).nullable(),
      baseline: Quantity.nullable(),
      target: Quantity.nullable(),
      deadline: z.string().nullable(),
      kind: z.enum(['metric', 'deliverable']).nullable(),
      targetMode: z.enum(['level', 'change']).nullable(),
    }),
    criteria: z.object({
      specific: CriterionResult,
      measurable: CriterionResult,
      achievable: CriterionResult,
      relevant: CriterionResult,
      timeBound: CriterionResult,
    }),
    score: z.number().describe('0..5: pass counts 1, warn 0.5'),
    locale: z.enum(['zh-CN', 'en']),
    interpretation: z
      .object({
        source: z.enum(['keyResult', 'text']),
        reading: z.enum(['keyResult', 'level', 'relative', 'added']),
        baseline: z.number().nullable(),
        target: z.number().nullable().describe('The level to reach, in the KPI’s own unit and scale'),
        unit: z.string().nullable(),
        kpiKey: z
          .string()
          .nullable()
          .describe('The KPI the reading uses (the one the text names, when suggested)'),
        sentence: z.string().describe('Which reading the SMART check, progress and forecast use'),
      })
      .nullable()
      .describe('The one reading of the target the verdict, the key result and the forecast share'),
  })
  .meta({ id: 'SmartAnalysis' });

export const SmartBody = z.object({
  statement: z.string().trim().min(1).max(500),
  parentGoalId: Id.nullable().optional(),
  isTopLevel: z.boolean().optional(),
  startDate: Day.nullable().optional(),
  dueDate: Day.nullable().optional(),
  kpiKey: KpiKey.nullable().optional(),
  keyResult: z
    .object({
      title: z.string().max(200).nullable().optional(),
      baseline: z.number().nullable(),
      target: z.number().nullable(),
    })
    .nullable()
    .optional(),
  suggestKpi: z
    .boolean()
    .optional()
    .describe('With no kpiKey, read the KPI whose name the statement names (for prefilling a key result)'),
});

export const GoalDetail = z.object({
  goal: GoalSchema,
  smart: SmartAnalysis,
  descriptionHtml: z.string().nullable().describe('Description rendered from Markdown, sanitised'),
  ancestors: z.array(z.object({ id: z.string(), title: z.string() })),
  keyResults: z.array(KeyResultSchema),
  children: z.array(GoalSchema),
  checkIns: z.array(CheckInSchema),
});

export const CheckInAnswer = z.object({
  checkIn: CheckInSchema,
  goal: GoalSchema.describe('The goal as it stands after the check-in'),
});

export const CheckInBody = z.object({
  note: z.string().trim().min(1).max(5000),
  confidence: z.number().int().min(1).max(10),
  blockers: z.string().max(5000).nullable().optional(),
});

export const Dashboard = z.object({
  today: z.string(),
  counts: z.object({
    total: z.number().int(),
    onTrack: z.number().int(),
    atRisk: z.number().int(),
    offTrack: z.number().int(),
    noData: z.number().int(),
  }),
  attention: z.array(GoalSchema),
  redKpis: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      lastValue: z.number().nullable(),
      lastPeriod: z.string().nullable(),
      thresholds: z.object({ green: z.number(), amber: z.number() }).nullable(),
      direction: z.enum(['higher', 'lower']),
    }),
  ),
});
