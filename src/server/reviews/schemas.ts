import { z } from 'zod';
import {
  BUILTIN_TEMPLATE_KEYS,
  CYCLE_KINDS,
  MAX_QUESTIONS,
  MAX_SCALE,
  MAX_SECTIONS,
  METRIC_KEYS,
  MIN_SCALE,
  REVIEW_KINDS,
  STAGES,
} from '../../core/reviews/index.ts';
import { epochMs, Id, WorkspaceParams } from '../http.ts';

const Day = z.iso.date().describe('Calendar day, YYYY-MM-DD');
const Person = z.object({ id: z.string(), name: z.string() });
const QuestionId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const Text = z.string().trim().min(1).max(500);
const Weight = z.number().min(0).max(100).describe('Percent');
const SkillTag = z
  .string()
  .trim()
  .max(50)
  .nullable()
  .optional()
  .describe(
    'A skill of the workspace (its name in the skills matrix): the signed-off manager rating becomes its level. Rating questions only',
  );

const RatingQuestion = z.object({
  id: QuestionId,
  type: z.literal('rating'),
  text: Text,
  weight: Weight.describe('Percent of its section; the rating questions of a section add up to 100'),
  anchors: z
    .array(z.string().trim().min(1).max(200))
    .min(MIN_SCALE)
    .max(MAX_SCALE)
    .describe('What each value means, 1 first'),
  metric: z
    .enum(METRIC_KEYS)
    .nullable()
    .optional()
    .describe('The scorecard figure shown beside the question'),
  skill: SkillTag,
});
const TextQuestion = z.object({
  id: QuestionId,
  type: z.literal('text'),
  text: Text,
  required: z.boolean().default(false),
  skill: SkillTag.describe('Refused: only a rating question carries a skill'),
});
const ChoiceQuestion = z.object({
  id: QuestionId,
  type: z.literal('choice'),
  text: Text,
  options: z.array(z.string().trim().min(1).max(200)).min(2).max(20),
  multiple: z.boolean().default(false),
  skill: SkillTag.describe('Refused: only a rating question carries a skill'),
});

export const TemplateDefinition = z
  .object({
    peerAnonymous: z.boolean().default(true).describe('Peers’ answers reach the reviewee without names'),
    sections: z
      .array(
        z.object({
          id: QuestionId,
          title: Text,
          weight: Weight.describe('Percent of the review; the sections add up to 100'),
          questions: z
            .array(z.discriminatedUnion('type', [RatingQuestion, TextQuestion, ChoiceQuestion]))
            .min(1)
            .max(MAX_QUESTIONS),
        }),
      )
      .min(1)
      .max(MAX_SECTIONS),
  })
  .meta({ id: 'ReviewTemplateDefinition' });

export const ReviewTemplate = z
  .object({
    id: z.string(),
    name: z.string(),
    builtinKey: z.string().nullable(),
    definition: TemplateDefinition,
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'ReviewTemplate' });

export const BuiltinReviewTemplate = z
  .object({
    key: z.enum(BUILTIN_TEMPLATE_KEYS),
    name: z.string(),
    description: z.string(),
    definition: TemplateDefinition,
  })
  .meta({ id: 'BuiltinReviewTemplate' });

export const TemplateBody = z.object({
  name: z.string().trim().min(1).max(200),
  definition: TemplateDefinition,
  builtinKey: z.enum(BUILTIN_TEMPLATE_KEYS).optional().describe('The ready-made template it was made from'),
});

const StageDeadline = z.object({ stage: z.enum(STAGES), dueDate: Day });

export const CycleBody = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(CYCLE_KINDS),
  periodStart: Day.describe('Any day in the month, quarter or half-year; the first day for custom'),
  periodEnd: Day.optional().describe('Custom cycles only'),
  templateId: Id.optional(),
  builtinTemplate: z
    .enum(BUILTIN_TEMPLATE_KEYS)
    .optional()
    .describe('Used when no templateId; kpi_ops by default'),
  stages: z
    .array(StageDeadline)
    .max(STAGES.length)
    .optional()
    .describe('Default: 5, 7, 12, 16 and 20 days after the period'),
  participants: z
    .array(
      z.object({
        userId: Id,
        managerId: Id.nullable().optional().describe('Reviewing manager; the cycle’s creator by default'),
        peerIds: z.array(Id).max(10).optional(),
      }),
    )
    .min(1)
    .max(1000),
});

const ReviewStatus = z.enum(['pending', 'draft', 'submitted']);

const ReviewSummary = z.object({
  id: z.string(),
  kind: z.enum(REVIEW_KINDS),
  status: ReviewStatus,
  reviewer: Person.nullable().describe('null when the template keeps peers anonymous to the reviewee'),
  score: z.number().nullable(),
  submittedAt: epochMs.nullable(),
});

export const ParticipantSummary = z
  .object({
    id: z.string(),
    reviewee: Person,
    manager: Person.nullable(),
    finalRating: z.number().nullable(),
    dataScore: z.number().nullable().describe('Scorecard score 0..100 with the manager’s overrides'),
    dataRating: z.number().nullable().describe('The rating the data suggests on the template’s scale'),
    signedOffAt: epochMs.nullable(),
    acknowledgedAt: epochMs.nullable(),
    canManage: z.boolean(),
    reviews: z.array(ReviewSummary),
  })
  .meta({ id: 'ReviewParticipantSummary' });

const CycleFields = {
  id: z.string(),
  name: z.string(),
  kind: z.enum(CYCLE_KINDS),
  periodStart: z.string(),
  periodEnd: z.string(),
  stage: z.enum([...STAGES, 'closed']),
  stages: z.array(StageDeadline),
  templateId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
};

export const CycleSummary = z
  .object({
    ...CycleFields,
    participantCount: z.number().int(),
    signedOffCount: z.number().int(),
    canManage: z.boolean(),
  })
  .meta({ id: 'ReviewCycleSummary' });

export const Cycle = z
  .object({
    ...CycleFields,
    definition: TemplateDefinition,
    canManage: z.boolean(),
    participants: z.array(ParticipantSummary),
    myReviews: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(REVIEW_KINDS),
        status: ReviewStatus,
        participantId: z.string(),
        revieweeName: z.string(),
      }),
    ),
  })
  .meta({ id: 'ReviewCycle' });

const Evidence = z.object({
  kind: z.enum(['goal', 'key_result', 'task', 'step', 'check_in', 'routine']),
  id: z.string(),
  title: z.string(),
  ok: z.boolean(),
  value: z.number().nullable(),
  date: z.string().nullable(),
  path: z.string().describe('Path in the web app under /w/:workspaceId'),
});

export const Scorecard = z
  .object({
    period: z.object({ start: z.string(), end: z.string() }),
    metrics: z.array(
      z.object({
        key: z.enum(METRIC_KEYS),
        weight: z.number(),
        score: z.number().nullable(),
        numerator: z.number(),
        denominator: z.number(),
        evidence: z.array(Evidence),
      }),
    ),
    score: z.number().nullable(),
  })
  .meta({ id: 'Scorecard' });

const Answer = z.object({
  rating: z.number().int().optional(),
  text: z.string().max(10_000).optional(),
  choices: z.array(z.string().max(200)).max(20).optional(),
});
const Answers = z.record(z.string().max(64), Answer);
const Override = z.object({
  score: z.number().min(0).max(100),
  reason: z.string().max(2000).describe('Why the computed score is replaced; required'),
});
const Overrides = z.partialRecord(z.enum(METRIC_KEYS), Override);

const CycleRef = z.object(CycleFields);

export const Participant = ParticipantSummary.extend({
  cycle: CycleRef,
  definition: TemplateDefinition,
  scorecard: Scorecard.nullable(),
  scorecardAt: epochMs.nullable(),
  overrides: Overrides,
  finalComment: z.string().nullable(),
  acknowledgement: z.string().nullable(),
  reviewDetails: z.array(ReviewSummary.extend({ answers: Answers, overrides: Overrides })),
}).meta({ id: 'ReviewParticipant' });

export const Review = ReviewSummary.extend({
  answers: Answers,
  overrides: Overrides,
  reviewee: Person,
  participantId: z.string(),
  cycle: CycleRef,
  definition: TemplateDefinition,
  scorecard: Scorecard.nullable(),
  managerOverrides: Overrides,
  signedOff: z.boolean(),
  canEdit: z.boolean(),
}).meta({ id: 'Review' });

export const ReviewBody = z.object({
  answers: Answers,
  overrides: Overrides.optional().describe('Manager reviews only: a replaced score needs its reason'),
  submit: z.boolean().default(false).describe('false saves a draft'),
});

export const FinalBody = z.object({
  finalRating: z.number().min(0).max(100).nullable().optional(),
  finalComment: z.string().trim().max(5000).nullable().optional(),
  reason: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe(
      'Why the final rating moves away from the manager’s rating; required then, kept in the audit log',
    ),
});

export const PeerBody = z.object({ reviewerId: Id });
export const AcknowledgeBody = z.object({ note: z.string().trim().max(2000).optional() });

export const Calibration = z
  .object({
    scale: z.number().int(),
    distribution: z.array(z.number().int()).describe('People per whole rating, 1 first'),
    dataDistribution: z.array(z.number().int()).describe('The same for the ratings the data suggests'),
    entries: z.array(
      z.object({
        participantId: z.string(),
        reviewee: Person,
        managerRating: z.number().nullable(),
        finalRating: z.number().nullable(),
        rating: z.number().nullable().describe('The final rating, else the manager’s'),
        dataScore: z.number().nullable(),
        dataRating: z.number().nullable(),
        signedOffAt: epochMs.nullable(),
        outlier: z
          .object({
            participantId: z.string(),
            difference: z.number(),
            direction: z.enum(['above', 'below']),
          })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewCalibration' });

export const CycleParams = WorkspaceParams.extend({ cycleId: Id });
export const ParticipantParams = WorkspaceParams.extend({ participantId: Id });
export const ReviewParams = WorkspaceParams.extend({ reviewId: Id });
