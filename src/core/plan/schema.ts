/**
 * The plan.yaml format as a zod schema: what the YAML reader checks, what the API validates and what
 * `docs/plan.schema.json` (for editors) is generated from. Objects are strict, so a misspelt field is an
 * error with its line rather than silently ignored. It mirrors `model.ts`; `PlanSchemaType` checks they agree.
 */
import { z } from 'zod';
import type { Plan } from './model.ts';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date' })
  .describe('A day, YYYY-MM-DD');
const Key = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}_.:-]+$/u)
  .describe('A key other parts of the plan refer to');
const Email = z.string().trim().min(3).max(320).describe("A person's e-mail, their key in the plan");
const Text = (max: number) => z.string().trim().min(1).max(max);
const Hours = z.number().min(0).max(10_000);

export const PlanPersonSchema = z.strictObject({
  email: Email,
  name: Text(200),
  role: z.enum(['owner', 'admin', 'manager', 'member', 'viewer']),
  title: Text(200).optional(),
  weeklyCapacityHours: z.number().min(0).max(168).optional(),
  skills: z.record(z.string().min(1).max(100), z.number().int().min(1).max(5)).optional(),
});

export const PlanKpiSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .describe('Lower case letters, digits and _; used in formulas'),
  name: Text(200),
  unit: Text(40).optional(),
  direction: z.enum(['higher', 'lower']),
  aggregation: z.enum(['sum', 'avg', 'last', 'min', 'max']),
  frequency: z.enum(['day', 'week', 'month']),
  formula: Text(2000).optional().describe('Over other KPI keys, e.g. orders / visits * 100'),
  owner: Email.optional(),
  green: z.number().optional().describe('Threshold for green'),
  amber: z.number().optional().describe('Threshold for amber'),
  description: z.string().max(20_000).optional(),
});

export const PlanKeyResultSchema = z.strictObject({
  title: Text(300),
  kpi: z.string().min(1).max(64).optional().describe('A KPI key; absent for a deliverable'),
  baseline: z.number().optional(),
  target: z.number().optional(),
  weight: z.number().min(0).max(100).optional(),
  done: z.boolean().optional(),
});

export const PlanGoalSchema = z.strictObject({
  key: Key,
  title: Text(300),
  description: z.string().max(20_000).optional(),
  parent: Key.optional(),
  owner: Email.optional(),
  start: Day,
  due: Day,
  status: z.enum(['draft', 'active', 'done', 'cancelled']).optional(),
  weight: z.number().min(0).max(100).optional(),
  keyResults: z.array(PlanKeyResultSchema).max(50),
});

const People = z.array(Email).max(50);

export const PlanRaciSchema = z.strictObject({
  responsible: People.optional(),
  accountable: People.optional(),
  consulted: People.optional(),
  informed: People.optional(),
});

export const PlanTaskSchema = z.strictObject({
  key: Key,
  title: Text(300),
  description: z.string().max(20_000).optional(),
  parent: Key.optional(),
  goal: Key.optional(),
  milestone: z.boolean().optional(),
  status: z.enum(['todo', 'in_progress', 'blocked', 'done', 'cancelled']).optional(),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  estimateHours: Hours.optional(),
  start: Day.optional(),
  due: Day.optional(),
  bufferDays: z.number().int().min(0).max(365).optional(),
  dependsOn: z
    .array(z.strictObject({ task: Key, lagDays: z.number().int().min(-365).max(365).optional() }))
    .max(100)
    .optional(),
  raci: PlanRaciSchema.optional(),
  requiredSkills: z
    .array(z.strictObject({ skill: Text(100), minLevel: z.number().int().min(1).max(5) }))
    .max(20)
    .optional(),
  labels: z.array(Text(50)).max(20).optional(),
});

const StepFieldSchema = z.strictObject({
  key: Key,
  label: Text(200),
  type: z.enum(['text', 'number', 'date', 'choice', 'link']),
  required: z.boolean(),
  options: z.array(Text(200)).max(50).optional(),
});

export const PlanProcessStepSchema = z.strictObject({
  key: Key,
  name: Text(200),
  description: z.string().max(20_000).optional(),
  kind: z.enum(['start', 'task', 'decision', 'end']),
  owner: z.string().min(1).max(320).optional().describe('An e-mail, role:<role> or skill:<skill>'),
  slaHours: z.number().positive().max(10_000).optional().describe('Working hours allowed'),
  checklist: z.array(Text(500)).max(50).optional(),
  fields: z.array(StepFieldSchema).max(50).optional(),
  outcomes: z
    .array(z.strictObject({ key: Key, label: Text(200), next: Key }))
    .max(20)
    .optional(),
});

export const PlanProcessSchema = z.strictObject({
  key: Key,
  name: Text(200),
  description: z.string().max(20_000).optional(),
  owner: z.string().min(1).max(320).optional(),
  steps: z.array(PlanProcessStepSchema).min(1).max(200),
});

export const PlanRoutineSchema = z.strictObject({
  key: Key,
  title: Text(300),
  rule: Text(500).describe('RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=FR'),
  startsOn: Day,
  raci: PlanRaciSchema.optional(),
  estimateHours: Hours.optional(),
  goal: Key.optional(),
});

export const PlanCadenceSchema = z.strictObject({
  checkIns: z.enum(['weekly', 'biweekly', 'monthly']).optional(),
  kpiReview: z.enum(['weekly', 'monthly']).optional(),
  performanceReview: z.enum(['monthly', 'quarterly', 'half_year']).optional(),
  retrospective: z.enum(['per_milestone', 'monthly', 'quarterly']).optional(),
});

const Section = z.record(z.string(), z.unknown());

export const PlanSchema = z
  .strictObject({
    version: z.literal(1),
    name: Text(200),
    locale: z.enum(['zh-CN', 'en']),
    timezone: Text(64).optional(),
    people: z.array(PlanPersonSchema).max(10_000),
    kpis: z.array(PlanKpiSchema).max(10_000),
    goals: z.array(PlanGoalSchema).max(10_000),
    tasks: z.array(PlanTaskSchema).max(200_000),
    processes: z.array(PlanProcessSchema).max(1_000),
    routines: z.array(PlanRoutineSchema).max(1_000),
    cadence: PlanCadenceSchema.optional(),
    sections: z
      .strictObject({
        improvement: Section.optional(),
        communication: Section.optional(),
        training: Section.optional(),
        research: Section.optional(),
        feedback: Section.optional(),
      })
      .optional(),
  })
  .meta({ title: 'OpsPlan plan.yaml' });

/** Fails to compile when the schema accepts something that is not a Plan (it may be stricter). */
export type PlanSchemaType = z.infer<typeof PlanSchema>;
export const SCHEMA_FITS_MODEL: [PlanSchemaType] extends [Plan] ? true : false = true;

/** The JSON Schema editors validate plan.yaml against (published at /api/plan.schema.json). */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PlanSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
  return { $id: 'https://opsplan.dev/plan.schema.json', ...schema };
}
