import { AT_LEAST_ONE_FIELD } from '../../core/errors/validation.ts';
import { z } from 'zod';
import { commaList, epochMs, Id, queryFlag } from '../http.ts';

export const KpiKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _; starts with a letter')
  .describe('Stable key, used in formulas and the measurement API');

export const Direction = z.enum(['higher', 'lower']).describe('Which way is better');
export const Aggregation = z.enum(['sum', 'avg', 'last', 'min', 'max']);
export const Frequency = z.enum(['day', 'week', 'month']);
export const Bucket = z.enum(['day', 'week', 'month', 'quarter']);
export const Day = z.iso.date().describe('Calendar day, YYYY-MM-DD');

export const KpiSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    unit: z.string().nullable(),
    direction: Direction,
    aggregation: Aggregation,
    frequency: Frequency,
    formula: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    thresholds: z.object({ green: z.number(), amber: z.number() }).nullable(),
    description: z.string().nullable(),
    status: z.enum(['green', 'amber', 'red']).nullable(),
    lastValue: z.number().nullable(),
    lastPeriod: z.string().nullable(),
    updatedAt: epochMs,
  })
  .meta({ id: 'Kpi' });

/** A KPI as the list and pickers show it: no description, thresholds or timestamps (the KPI page has them). */
export const KpiListItemSchema = KpiSchema.omit({
  thresholds: true,
  description: true,
  updatedAt: true,
}).meta({
  id: 'KpiListItem',
});

export const KpiListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Name or key contains'),
  ids: commaList(Id, 100)
    .optional()
    .describe('Comma-separated KPI ids (at most 100): those KPIs of the workspace'),
  keys: commaList(KpiKey, 100)
    .optional()
    .describe(
      'Comma-separated KPI keys (at most 100): those KPIs of the workspace, e.g. the labels of a picker',
    ),
  status: z
    .enum(['green', 'amber', 'red', 'none'])
    .optional()
    .describe('Traffic light; `none` for KPIs without thresholds or values'),
  frequency: Frequency.optional(),
  kind: z.enum(['measured', 'formula']).optional(),
  ownerId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Page size (50 when paging)'),
  cursor: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/)
    .optional()
    .describe('nextCursor of the previous page (the last key)'),
});

export const KpiList = z.object({
  items: z.array(KpiListItemSchema),
  nextCursor: z.string().nullable(),
});

const Thresholds = z.object({ green: z.number(), amber: z.number() }).nullable();

export const CreateKpiBody = z.object({
  key: KpiKey,
  name: z.string().trim().min(1).max(100),
  unit: z.string().trim().max(20).nullable().optional(),
  direction: Direction.default('higher'),
  aggregation: Aggregation.default('sum'),
  frequency: Frequency.default('day'),
  formula: z.string().trim().max(2000).nullable().optional(),
  ownerId: Id.nullable().optional(),
  thresholds: Thresholds.optional(),
  description: z.string().max(5000).nullable().optional(),
});

export const UpdateKpiBody = CreateKpiBody.omit({ key: true })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });

export const KpiParams = z.object({ workspaceId: Id, key: z.string().min(1).max(64) });

export const MeasurementPoint = z.object({ period: Day, value: z.number() });

export const PushMeasurementsBody = z.object({
  points: z.array(MeasurementPoint).min(1).max(10_000),
});

export const SeriesQuery = z.object({
  bucket: Bucket.optional(),
  from: Day.optional(),
  to: Day.optional(),
});

export const SeriesResponse = z.object({
  kpi: KpiSchema,
  bucket: Bucket,
  points: z.array(z.object({ period: z.string(), value: z.number() })),
});

export const MeasurementRow = z.object({
  period: z.string(),
  value: z.number(),
  source: z.enum(['manual', 'import', 'api']),
  updatedAt: epochMs,
  author: z.string().nullable(),
});

export const ImportIssue = z.object({
  row: z.number().int(),
  column: z.enum(['kpi', 'period', 'value']),
  message: z.string(),
});

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    saved: z.number().int(),
    skipped: z.number().int(),
    issueCount: z.number().int(),
    issues: z.array(ImportIssue).describe('The first 200 issues'),
    byKpi: z.array(z.object({ key: z.string(), rows: z.number().int(), from: z.string(), to: z.string() })),
    sample: z.array(
      z.object({ row: z.number().int(), kpi: z.string(), period: z.string(), value: z.number() }),
    ),
  })
  .meta({ id: 'ImportReport' });

export const ImportQuery = z.object({
  dryRun: queryFlag(true),
  skipBadRows: queryFlag(false),
  kpi: KpiKey.optional().describe('For files with only period and value columns'),
});
