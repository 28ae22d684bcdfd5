import { z } from 'zod';
import { isWebAddress, MAX_SWOT_POINTS, OBSERVATION_CATEGORIES } from '../../core/competitors/index.ts';
import { AT_LEAST_ONE_FIELD, WEB_ADDRESS } from '../../core/errors/validation.ts';
import { epochMs, Id, limitParam, WorkspaceParams } from '../http.ts';

const Day = z.iso.date().describe('Calendar day, YYYY-MM-DD');

/** A link people will click: http(s) only, so no `javascript:` or `data:` address reaches a page. */
const WebAddress = z
  .string()
  .trim()
  .max(2000)
  .refine(isWebAddress, { message: WEB_ADDRESS })
  .describe('An http:// or https:// address');

const Point = z.string().trim().min(1).max(300);
const Quadrant = z.array(Point).max(MAX_SWOT_POINTS);

export const SwotSchema = z
  .object({
    strengths: Quadrant,
    weaknesses: Quadrant,
    opportunities: Quadrant,
    threats: Quadrant,
  })
  .meta({ id: 'Swot' });

const SwotInput = z.object({
  strengths: Quadrant.optional(),
  weaknesses: Quadrant.optional(),
  opportunities: Quadrant.optional(),
  threats: Quadrant.optional(),
});

const Link = z.object({ id: z.string(), title: z.string() });

export const ObservationSchema = z
  .object({
    id: z.string(),
    competitorId: z.string(),
    competitorName: z.string(),
    observedOn: z.string().describe('YYYY-MM-DD'),
    category: z.enum(OBSERVATION_CATEGORIES),
    title: z.string(),
    note: z.string(),
    sourceUrl: z.string().nullable(),
    price: z.number().nullable().describe('A pricing observation’s amount'),
    goal: Link.nullable().describe('The goal this observation triggered'),
    task: Link.extend({ status: z.string() }).nullable().describe('The task this observation triggered'),
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    createdAt: epochMs,
  })
  .meta({ id: 'CompetitorObservation' });

export const CompetitorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    website: z.string().nullable(),
    description: z.string(),
    aliases: z.array(z.string()),
    swot: SwotSchema,
    observations: z.number().int().describe('How many observations it has'),
    categories: z.record(z.enum(OBSERVATION_CATEGORIES), z.number().int()),
    latest: z.array(ObservationSchema).describe('Its latest observations (at most 3), newest first'),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'Competitor' });

const CompetitorFields = {
  name: z.string().trim().min(1).max(120),
  website: WebAddress.nullable().optional(),
  description: z.string().max(4000).optional(),
  aliases: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
  swot: SwotInput.optional().describe('Quadrants given replace the stored ones; others stay'),
};

export const CreateCompetitorBody = z.object(CompetitorFields);
export type CreateCompetitorInput = z.infer<typeof CreateCompetitorBody>;

export const UpdateCompetitorBody = z
  .object(CompetitorFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });
export type UpdateCompetitorInput = z.infer<typeof UpdateCompetitorBody>;

export const CompetitorParams = z.object({ workspaceId: Id, competitorId: Id });
export const ObservationParams = CompetitorParams.extend({ observationId: Id });

const ObservationFields = {
  observedOn: Day,
  category: z.enum(OBSERVATION_CATEGORIES),
  title: z.string().trim().min(1).max(300),
  note: z.string().max(4000).optional(),
  sourceUrl: WebAddress.nullable().optional(),
  price: z.number().min(0).max(1e12).nullable().optional(),
  goalId: Id.nullable().optional().describe('A goal of this workspace the observation triggered'),
  taskId: Id.nullable().optional().describe('A task of this workspace the observation triggered'),
};

export const CreateObservationBody = z.object(ObservationFields);
export type CreateObservationInput = z.infer<typeof CreateObservationBody>;

export const UpdateObservationBody = z
  .object(ObservationFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });
export type UpdateObservationInput = z.infer<typeof UpdateObservationBody>;

export const ObservationTaskBody = z
  .object({
    title: z.string().trim().min(1).max(300).optional().describe('The observation’s title when absent'),
    dueDate: Day.optional(),
    goalId: Id.optional().describe('The observation’s goal when absent'),
  })
  .default({});
export type ObservationTaskInput = z.infer<typeof ObservationTaskBody>;

export const ObservationListQuery = z.object({
  category: z.enum(OBSERVATION_CATEGORIES).optional(),
  competitorId: Id.optional(),
  limit: limitParam,
});

export { WorkspaceParams };
