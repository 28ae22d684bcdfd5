import { AT_LEAST_ONE_FIELD } from '../../core/errors/validation.ts';
import { z } from 'zod';
import { FEEDBACK_CHANNELS, FEEDBACK_STATUSES, SENTIMENTS } from '../../core/feedback/index.ts';
import { epochMs, Id, limitParam } from '../http.ts';

export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
export const FeedbackChannel = z.enum(FEEDBACK_CHANNELS);
export const Sentiment = z.enum(SENTIMENTS);

// Far above the service's limits (413 feedback_too_long), so the limit is reported in words.
export const Title = z.string().trim().min(1).max(2000);
export const Body = z.string().max(200_000);
const Label = z.string().trim().min(1).max(80);
const Tags = z.array(Label).max(20);
export const Email = z.string().trim().toLowerCase().email().max(254);

const Person = z.object({ id: z.string(), name: z.string() });
export const ContactSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    itemCount: z.number().int(),
  })
  .meta({ id: 'FeedbackContact' });

export const FeedbackItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string().describe('As written: shown as text, never as HTML'),
    channel: FeedbackChannel,
    category: z.string().nullable(),
    tags: z.array(z.string()),
    productArea: z.string().nullable(),
    contact: ContactSchema.omit({ itemCount: true }).nullable(),
    votes: z.number().int(),
    sentiment: Sentiment.nullable(),
    status: FeedbackStatus,
    assignee: Person.nullable(),
    cluster: z.object({ id: z.string(), label: z.string() }).nullable(),
    mergedIntoId: z.string().nullable(),
    isPublic: z.boolean(),
    resolution: z.string().nullable(),
    resolvedAt: epochMs.nullable(),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'FeedbackItem' });

export const FeedbackDetailSchema = FeedbackItemSchema.extend({
  history: z.array(
    z.object({
      id: z.string(),
      fromStatus: FeedbackStatus.nullable(),
      toStatus: FeedbackStatus,
      actor: Person.nullable(),
      note: z.string().nullable(),
      createdAt: epochMs,
    }),
  ),
  submitters: z.array(ContactSchema.omit({ itemCount: true })),
  links: z.array(
    z.object({
      targetType: z.enum(['task', 'run']),
      targetId: z.string(),
      title: z.string(),
      status: z.string(),
    }),
  ),
  duplicates: z.array(z.object({ id: z.string(), title: z.string() })),
  ratings: z.array(
    z.object({ rating: z.number().int().nullable(), sentAt: epochMs, ratedAt: epochMs.nullable() }),
  ),
}).meta({ id: 'FeedbackDetail' });

export const ItemParams = z.object({ workspaceId: Id, itemId: Id });
export const ContactParams = z.object({ workspaceId: Id, contactId: Id });

export const InboxQuery = z.object({
  status: FeedbackStatus.optional(),
  channel: FeedbackChannel.optional(),
  category: z.string().max(80).optional(),
  clusterId: Id.optional(),
  assigneeId: Id.optional(),
  contactId: Id.optional(),
  q: z.string().trim().max(200).optional().describe('Words in the title or body'),
  cursor: Id.optional(),
  limit: limitParam,
});
export type InboxFilter = z.infer<typeof InboxQuery>;

export const CreateItemBody = z.object({
  title: Title,
  body: Body.default(''),
  channel: FeedbackChannel.default('manual'),
  category: Label.nullish(),
  tags: Tags.default([]),
  productArea: Label.nullish(),
  sentiment: Sentiment.nullish(),
  contact: z
    .object({ email: Email.optional(), name: z.string().trim().min(1).max(120).optional() })
    .optional(),
});
export type CreateItemInput = z.infer<typeof CreateItemBody>;

export const UpdateItemBody = z
  .object({
    title: Title.optional(),
    body: Body.optional(),
    category: Label.nullish(),
    tags: Tags.optional(),
    productArea: Label.nullish(),
    sentiment: Sentiment.nullish(),
    status: FeedbackStatus.optional(),
    note: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .describe('Why the status changed; for done/declined, what was done'),
    assigneeId: Id.nullish(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });
export type UpdateItemInput = z.infer<typeof UpdateItemBody>;

export const BulkBody = z
  .object({
    itemIds: z.array(Id).min(1).max(200),
    status: FeedbackStatus.optional(),
    assigneeId: Id.nullish(),
    category: Label.nullish(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine(
    (body) => body.status !== undefined || body.assigneeId !== undefined || body.category !== undefined,
    {
      message: AT_LEAST_ONE_FIELD,
    },
  );
export type BulkInput = z.infer<typeof BulkBody>;

export const ResolveClusterBody = z.object({
  status: z.enum(['done', 'declined']).default('done'),
  note: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe('What was done: every submitter of the common issue reads it once'),
});

export const MergeBody = z.object({ duplicateIds: z.array(Id).min(1).max(50) });
export const LinkBody = z.object({ targetType: z.literal('task'), targetId: Id });

export const SettingsSchema = z
  .object({
    portalEnabled: z.boolean(),
    publicCategories: z.array(z.string()),
    categories: z.array(z.string()).describe('Categories in use, for choosing the public ones'),
    synonyms: z.array(
      z.object({ id: z.string(), terms: z.array(z.string()), parent: z.string().optional() }),
    ),
    synonymsAreDefault: z.boolean(),
    portalUrl: z.string(),
  })
  .meta({ id: 'FeedbackSettings' });

export const SettingsBody = z
  .object({
    portalEnabled: z.boolean().optional(),
    publicCategories: z.array(Label).max(50).optional(),
    synonyms: z
      .array(
        z.object({
          id: z
            .string()
            .trim()
            .min(1)
            .max(60)
            .regex(/^[\w-]+$/),
          terms: z.array(z.string().trim().min(1).max(60)).min(1).max(50),
          parent: z.string().trim().min(1).max(60).optional(),
        }),
      )
      .max(500)
      .nullable()
      .optional()
      .describe('null: back to the built-in ops vocabulary'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });
export type SettingsInput = z.infer<typeof SettingsBody>;

export const FeedbackImportReportSchema = z
  .object({
    /** What the columns say the export is: app-store reviews or customer-service tickets. */
    kind: z.enum(['app_store', 'support']),
    rows: z.number().int(),
    newItems: z.number().int(),
    /** Rows whose id in the export is already in the inbox: skipped, never doubled. */
    alreadyImported: z.number().int(),
    /** The CSV was not UTF-8 and was read as GBK. */
    decodedAsGbk: z.boolean(),
    columns: z.array(z.object({ header: z.string(), column: z.string().nullable() })),
    from: epochMs.nullable(),
    to: epochMs.nullable(),
    sample: z.array(
      z.object({
        row: z.number().int(),
        title: z.string(),
        rating: z.number().int().nullable(),
        createdAt: epochMs.nullable(),
        category: z.string().nullable(),
      }),
    ),
    /** The common issues the new items join as they arrive, most first. */
    clusters: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int() })),
    unclustered: z.number().int(),
    issues: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })),
    issueCount: z.number().int(),
    imported: z.boolean(),
  })
  .meta({ id: 'FeedbackImportReport' });
