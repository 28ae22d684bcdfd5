import { z } from 'zod';
import { MAX_QUESTIONS, MAX_TEXT_ANSWER, QUESTION_TYPES, SURVEY_STATUSES } from '../../core/surveys/index.ts';
import { AT_LEAST_ONE_FIELD } from '../../core/errors/validation.ts';
import { epochMs, Id } from '../http.ts';

const Key = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]*$/);
const Choice = z.object({ id: Key, label: z.string().trim().min(1).max(200) });

export const QuestionSchema = z
  .object({
    id: Key,
    type: z.enum(QUESTION_TYPES),
    title: z.string().trim().min(1).max(500),
    required: z.boolean().optional(),
    section: z.string().trim().max(120).optional(),
    showIf: z
      .object({ questionId: Key, values: z.array(z.string().max(40)).min(1).max(20) })
      .optional()
      .describe('Shown only when the earlier question was answered with one of these (option ids or scores)'),
    options: z.array(Choice).max(30).optional().describe('Choices; for a matrix, the columns'),
    rows: z.array(Choice).max(30).optional().describe('A matrix question: the statements rated'),
  })
  .meta({ id: 'SurveyQuestion' });

export const Questions = z.array(QuestionSchema).max(MAX_QUESTIONS);

const Person = z.object({ id: z.string(), name: z.string() });

export const WaveSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    label: z.string(),
    openedAt: epochMs,
    closedAt: epochMs.nullable(),
    responses: z.number().int(),
    nps: z.number().int().nullable().describe('The wave’s Net Promoter Score, −100 … 100'),
  })
  .meta({ id: 'SurveyWave' });

export const SurveySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    questions: z.array(QuestionSchema),
    status: z.enum(SURVEY_STATUSES),
    closesAt: epochMs.nullable(),
    onePerContact: z.boolean(),
    linkOnly: z.boolean(),
    feedFeedback: z.boolean().describe('Text answers also become feedback items (channel "survey")'),
    responses: z.number().int(),
    nps: z.number().int().nullable().describe('NPS of the current wave'),
    waves: z.array(WaveSchema),
    createdBy: Person.nullable(),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'Survey' });

const SurveyFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(4000).optional(),
  closesAt: epochMs.nullable().optional(),
  onePerContact: z.boolean().optional(),
  linkOnly: z.boolean().optional().describe('Responses only through the survey’s links'),
  feedFeedback: z.boolean().optional(),
};
export const CreateSurveyBody = z.object({ ...SurveyFields, questions: Questions.default([]) });
export type CreateSurveyInput = z.infer<typeof CreateSurveyBody>;

// Built apart from the create body: a default there would fill a partial update's missing questions.
export const UpdateSurveyBody = z
  .object({ ...SurveyFields, questions: Questions, status: z.enum(SURVEY_STATUSES) })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });
export type UpdateSurveyInput = z.infer<typeof UpdateSurveyBody>;

export const SurveyParams = z.object({ workspaceId: Id, surveyId: Id });

const AnswerValue = z.union([
  z.string().max(MAX_TEXT_ANSWER * 2),
  z.number(),
  z.array(z.string().max(40)).max(30),
  z.record(z.string().max(40), z.string().max(40)),
]);
export const ResponseBody = z.object({
  answers: z.record(Key, AnswerValue),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .email()
    .max(254)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  website: z.string().max(500).optional().describe('Honeypot: people never see it, robots fill it'),
  token: z.string().trim().min(1).max(64).optional().describe('The survey link’s token (`?t=`), if any'),
});
export type ResponseInput = z.infer<typeof ResponseBody>;

const NpsSchema = z.object({
  count: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  score: z.number().int().nullable(),
});

export const ResultsSchema = z
  .object({
    waveId: z.string().nullable(),
    responses: z.number().int(),
    questions: z.array(
      z.object({
        questionId: z.string(),
        type: z.enum(QUESTION_TYPES),
        answered: z.number().int(),
        counts: z.record(z.string(), z.number().int()).optional(),
        matrix: z.record(z.string(), z.record(z.string(), z.number().int())).optional(),
        distribution: z.array(z.number().int()).optional(),
        average: z.number().nullable().optional(),
        nps: NpsSchema.optional(),
        answers: z.array(z.string()).optional().describe('Text answers, newest first (at most 200)'),
        clusters: z
          .array(z.object({ label: z.string(), terms: z.array(z.string()), count: z.number().int() }))
          .optional()
          .describe('Text answers grouped by the feedback clustering'),
      }),
    ),
    trend: z
      .array(NpsSchema.extend({ waveId: z.string(), label: z.string(), openedAt: epochMs }))
      .describe('NPS per wave, oldest first'),
  })
  .meta({ id: 'SurveyResults' });

export const PublicSurveySchema = z
  .object({
    id: z.string(),
    workspaceName: z.string(),
    title: z.string(),
    description: z.string(),
    questions: z.array(QuestionSchema),
    onePerContact: z.boolean(),
    closesAt: epochMs.nullable(),
    viaLink: z.boolean(),
    /** A per-contact link's address: the response is this contact's. */
    contactEmail: z.string().nullable(),
  })
  .meta({ id: 'PublicSurvey' });

export const SurveyLinkSchema = z
  .object({
    id: z.string(),
    token: z.string(),
    /** Path of the public page with the token, to put after the server's address. */
    path: z.string(),
    email: z.string().nullable(),
    answered: z.boolean().describe('Answered the current wave'),
    createdAt: epochMs,
  })
  .meta({ id: 'SurveyLink' });

export const CreateLinksBody = z
  .object({
    count: z.number().int().min(1).max(500).optional().describe('Anonymous one-use links'),
    emails: z
      .array(z.string().trim().toLowerCase().email().max(254))
      .max(500)
      .optional()
      .describe('Per-contact links, one per address'),
  })
  .refine((body) => (body.count ?? 0) > 0 || (body.emails?.length ?? 0) > 0, {
    message: 'count or emails',
  });
