import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AT_LEAST_ONE_FIELD } from '../../core/errors/validation.ts';
import { acceptSpreadsheets, FileBody, SPREADSHEET_TYPES, spreadsheetsOnly } from '../files.ts';
import {
  epochMs,
  ErrorBody,
  Id,
  limitParam,
  NoContent,
  queryFlag,
  requireActor,
  responses,
  WorkspaceParams,
  workspaceContext,
} from '../http.ts';
import * as clusters from './clusters.ts';
import { importFeedback } from './import.ts';
import { rateResolution } from './loop.ts';
import * as portal from './portal.ts';
import {
  BulkBody,
  ContactParams,
  Body,
  ContactSchema,
  CreateItemBody,
  Email,
  FeedbackDetailSchema,
  FeedbackImportReportSchema,
  FeedbackItemSchema,
  FeedbackStatus,
  InboxQuery,
  ItemParams,
  LinkBody,
  MergeBody,
  ResolveClusterBody,
  SettingsBody,
  SettingsSchema,
  Title,
  UpdateItemBody,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['feedback'];

export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  acceptSpreadsheets(app);

  app.post(
    '/w/:workspaceId/feedback/import',
    {
      schema: {
        tags,
        summary:
          'Import app-store reviews (title, content, rating, date, version) or customer-service tickets (工单号, 问题描述, 渠道, 时间 …) from CSV or XLSX, GBK read as such: dry run, then every new row or none',
        consumes: SPREADSHEET_TYPES,
        params: WorkspaceParams,
        querystring: z.object({ dryRun: queryFlag(true) }),
        body: FileBody,
        response: responses({ 200: FeedbackImportReportSchema }),
      },
      onRequest: spreadsheetsOnly,
    },
    async (request) =>
      importFeedback(workspaceContext(services, request), { buffer: request.body, options: request.query }),
  );

  app.get(
    '/w/:workspaceId/feedback/items',
    {
      schema: {
        tags,
        summary:
          'The feedback inbox, newest first, with filters and cursor paging (merged duplicates left out)',
        params: WorkspaceParams,
        querystring: InboxQuery,
        response: responses({
          200: z.object({ items: z.array(FeedbackItemSchema), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) =>
      service.listItems(services, requireActor(request), request.params.workspaceId, request.query),
  );

  app.post(
    '/w/:workspaceId/feedback/items',
    {
      schema: {
        tags,
        summary: 'Record feedback (the team, or a system with an API token: channel "api")',
        params: WorkspaceParams,
        body: CreateItemBody,
        response: responses({ 201: z.object({ item: FeedbackDetailSchema }), 413: ErrorBody }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        item: await service.createItem(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.post(
    '/w/:workspaceId/feedback/items/bulk',
    {
      schema: {
        tags,
        summary:
          'Bulk triage: set the status, assignee or category of up to 200 items at once (all or nothing)',
        params: WorkspaceParams,
        body: BulkBody,
        response: responses({ 200: z.object({ updated: z.number().int() }) }),
      },
    },
    async (request) =>
      service.bulkUpdate(services, requireActor(request), request.params.workspaceId, request.body),
  );

  app.get(
    '/w/:workspaceId/feedback/items/:itemId',
    {
      schema: {
        tags,
        summary: 'One item with its status history, submitters, links, merged duplicates and ratings',
        params: ItemParams,
        response: responses({ 200: z.object({ item: FeedbackDetailSchema }) }),
      },
    },
    async (request) => ({
      item: await service.getItem(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.itemId,
      ),
    }),
  );

  app.patch(
    '/w/:workspaceId/feedback/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Edit, triage, assign or resolve an item (done/declined need a note saying what was done)',
        params: ItemParams,
        body: UpdateItemBody,
        response: responses({ 200: z.object({ item: FeedbackDetailSchema }), 413: ErrorBody }),
      },
    },
    async (request) => ({
      item: await service.updateItem(workspaceContext(services, request), {
        itemId: request.params.itemId,
        input: request.body,
      }),
    }),
  );

  app.post(
    '/w/:workspaceId/feedback/items/:itemId/merge',
    {
      schema: {
        tags,
        summary: 'Merge duplicates into this item: their votes and submitters carry over',
        params: ItemParams,
        body: MergeBody,
        response: responses({ 200: z.object({ item: FeedbackDetailSchema }) }),
      },
    },
    async (request) => ({
      item: await service.mergeItems(workspaceContext(services, request), {
        itemId: request.params.itemId,
        duplicateIds: request.body.duplicateIds,
      }),
    }),
  );

  app.post(
    '/w/:workspaceId/feedback/items/:itemId/process',
    {
      schema: {
        tags,
        summary:
          'Start the feedback process: open a case of the feedback-handling process linked to the item',
        params: ItemParams,
        response: responses({ 201: z.object({ runId: z.string(), item: FeedbackDetailSchema }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await service.startFeedbackProcess(workspaceContext(services, request), {
          itemId: request.params.itemId,
        }),
      ),
  );

  app.post(
    '/w/:workspaceId/feedback/items/:itemId/links',
    {
      schema: {
        tags,
        summary: 'Link a task to the item',
        params: ItemParams,
        body: LinkBody,
        response: responses({ 200: z.object({ item: FeedbackDetailSchema }) }),
      },
    },
    async (request) => ({
      item: await service.linkTask(workspaceContext(services, request), {
        itemId: request.params.itemId,
        taskId: request.body.targetId,
      }),
    }),
  );

  app.get(
    '/w/:workspaceId/feedback/contacts',
    {
      schema: {
        tags,
        summary: 'People who gave feedback, newest first',
        params: WorkspaceParams,
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          cursor: Id.optional(),
          limit: limitParam,
        }),
        response: responses({
          200: z.object({ contacts: z.array(ContactSchema), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) =>
      service.listContacts(services, requireActor(request), request.params.workspaceId, request.query),
  );

  app.get(
    '/w/:workspaceId/feedback/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'A contact and their history across items',
        params: ContactParams,
        response: responses({
          200: z.object({ contact: ContactSchema, items: z.array(FeedbackItemSchema) }),
        }),
      },
    },
    async (request) =>
      service.getContact(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.contactId,
      ),
  );

  app.get(
    '/w/:workspaceId/feedback/settings',
    {
      schema: {
        tags,
        summary: 'The portal (on or off, public categories) and the synonym list used for clustering',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ settings: SettingsSchema }) }),
      },
    },
    async (request) => ({
      settings: await service.getSettings(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.patch(
    '/w/:workspaceId/feedback/settings',
    {
      schema: {
        tags,
        summary: 'Change the portal and the synonym list (admins)',
        params: WorkspaceParams,
        body: SettingsBody,
        response: responses({ 200: z.object({ settings: SettingsSchema }) }),
      },
    },
    async (request) => ({
      settings: await service.updateSettings(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.body,
      ),
    }),
  );
};

const PortalParams = z.object({ portalId: Id.describe('The workspace id') });
const PortalItemParams = PortalParams.extend({ itemId: Id });
const PublicItem = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string().describe('As written: shown as text, never as HTML'),
    category: z.string().nullable(),
    votes: z.number().int(),
    status: FeedbackStatus,
    resolution: z.string().nullable(),
    resolvedAt: epochMs.nullable(),
    createdAt: epochMs,
  })
  .meta({ id: 'PortalItem' });

/** The public feedback portal: no login, rate limited per address. */
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  const config = { isPublic: true, skipCsrf: true };

  app.get(
    '/portal/:portalId',
    {
      config,
      schema: {
        tags: ['portal'],
        summary: "A workspace's feedback portal: its name and the categories open to the public",
        params: PortalParams,
        response: responses({ 200: z.object({ name: z.string(), categories: z.array(z.string()) }) }),
      },
    },
    async (request) => portal.getPortal(services, request.params.portalId),
  );

  app.get(
    '/portal/:portalId/items',
    {
      config,
      schema: {
        tags: ['portal'],
        summary: 'Public items, most voted or newest first',
        params: PortalParams,
        querystring: z.object({
          sort: z.enum(['votes', 'new']).default('votes'),
          category: z.string().max(80).optional(),
          limit: limitParam,
        }),
        response: responses({ 200: z.object({ items: z.array(PublicItem) }) }),
      },
    },
    async (request) => portal.listPublicItems(services, request.params.portalId, request.query),
  );

  app.post(
    '/portal/:portalId/items',
    {
      config,
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['portal'],
        summary: 'Submit feedback (no login; a few per address per 10 minutes; `website` must stay empty)',
        params: PortalParams,
        body: z.object({
          title: Title,
          body: Body.default(''),
          category: z.string().trim().min(1).max(80).nullish(),
          email: Email.optional().or(z.literal('').transform(() => undefined)),
          name: z.string().trim().max(120).optional(),
          website: z.string().max(500).optional().describe('Honeypot: people never see it, robots fill it'),
        }),
        response: responses({ 201: z.object({ item: PublicItem }), 413: ErrorBody }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        item: await portal.submitFeedback(services, request.params.portalId, request.ip, request.body),
      }),
  );

  app.get(
    '/portal/:portalId/items/:itemId',
    {
      config,
      schema: {
        tags: ['portal'],
        summary: 'One public item, with what was done once it is resolved',
        params: PortalItemParams,
        response: responses({ 200: z.object({ item: PublicItem }) }),
      },
    },
    async (request) => ({
      item: await portal.getPublicItem(services, request.params.portalId, request.params.itemId),
    }),
  );

  app.post(
    '/portal/:portalId/items/:itemId/votes',
    {
      config,
      schema: {
        tags: ['portal'],
        summary: 'Vote for a public item (once per address)',
        params: PortalItemParams,
        response: responses({ 200: z.object({ item: PublicItem }) }),
      },
    },
    async (request) => ({
      item: await portal.voteForItem(services, request.params.portalId, request.params.itemId, request.ip),
    }),
  );

  app.post(
    '/portal/ratings',
    {
      config,
      schema: {
        tags: ['portal'],
        summary: 'Rate a resolution 1–5 from the signed link in the message (no login; rated once)',
        body: z.object({ token: z.string().min(10).max(200), score: z.number().int().min(1).max(5) }),
        response: responses({
          200: z.object({
            rating: z.number().int(),
            alreadyRated: z.boolean(),
            reopened: z.boolean(),
            itemTitle: z.string(),
            itemId: z.string(),
          }),
        }),
      },
    },
    async (request) => rateResolution(services, request.body.token, request.body.score),
  );
};

const ClusterParams = z.object({ workspaceId: Id, clusterId: Id });
const ClusterSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    labelPinned: z.boolean(),
    terms: z.array(z.string()).describe('The shared wordings that tie its items'),
    size: z.number().int(),
    votes: z.number().int(),
    recent: z.number().int().describe('Items in the last two weeks'),
    previous: z.number().int().describe('Items in the two weeks before'),
    score: z.number().describe('Rank: size, recent growth and votes'),
    weekly: z.array(z.number().int()).describe('Items per week, the last 8 weeks, oldest first'),
    open: z.number().int(),
    csat: z.object({ count: z.number().int(), average: z.number().nullable() }),
  })
  .meta({ id: 'FeedbackCluster' });
const ClusteringState = z.object({
  status: z.enum(['idle', 'queued', 'running', 'failed']),
  progress: z.number().int(),
  clusteredAt: epochMs.nullable(),
});
const CsatSchema = z.object({
  count: z.number().int(),
  average: z.number().nullable(),
  satisfied: z.number().describe('Share of 4 and 5'),
  distribution: z.array(z.number().int()),
});

/** Common issues (共性问题): clusters, corrections, re-clustering as a job, CSAT. */
export const clusterRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/feedback/clusters',
    {
      schema: {
        tags,
        summary: 'Common issues ranked by size, recent growth and votes, with weekly trends and CSAT',
        params: WorkspaceParams,
        response: responses({
          200: z.object({
            clusters: z.array(ClusterSchema),
            unclustered: z.number().int(),
            state: ClusteringState,
          }),
        }),
      },
    },
    async (request) => clusters.listClusters(services, requireActor(request), request.params.workspaceId),
  );

  app.post(
    '/w/:workspaceId/feedback/clusters/recompute',
    {
      schema: {
        tags,
        summary: 'Re-cluster all items now, as a job (people’s corrections are kept)',
        params: WorkspaceParams,
        response: responses({ 202: z.object({ state: ClusteringState }) }),
      },
    },
    async (request, reply) =>
      reply.status(202).send({
        state: await clusters.requestClustering(services, requireActor(request), request.params.workspaceId),
      }),
  );

  app.patch(
    '/w/:workspaceId/feedback/clusters/:clusterId',
    {
      schema: {
        tags,
        summary: 'Rename a common issue (the label is pinned) or unpin its label',
        params: ClusterParams,
        body: z
          .object({
            label: z.string().trim().min(1).max(120).optional(),
            labelPinned: z.boolean().optional(),
          })
          .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD }),
        response: responses({ 200: z.object({ cluster: ClusterSchema }) }),
      },
    },
    async (request) => ({
      cluster: await clusters.updateCluster(workspaceContext(services, request), {
        clusterId: request.params.clusterId,
        input: request.body,
      }),
    }),
  );

  app.post(
    '/w/:workspaceId/feedback/clusters/:clusterId/resolve',
    {
      schema: {
        tags,
        summary:
          'Resolve every open item of a common issue at once; each submitter is told once and asked for a rating',
        params: ClusterParams,
        body: ResolveClusterBody,
        response: responses({
          200: z.object({
            resolved: z.number().int().describe('Items resolved'),
            notified: z.number().int().describe('Submitters asked for a rating, one request each'),
          }),
        }),
      },
    },
    async (request) =>
      service.resolveCluster(workspaceContext(services, request), {
        clusterId: request.params.clusterId,
        input: request.body,
      }),
  );

  app.put(
    '/w/:workspaceId/feedback/items/:itemId/cluster',
    {
      schema: {
        tags,
        summary: 'Move an item into a common issue (or out, with null); re-clustering keeps the placement',
        params: ItemParams,
        body: z.object({ clusterId: Id.nullable() }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await clusters.moveItem(workspaceContext(services, request), {
        itemId: request.params.itemId,
        clusterId: request.body.clusterId,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/w/:workspaceId/feedback/csat',
    {
      schema: {
        tags,
        summary: 'Satisfaction with resolutions: overall, per category, per common issue and per week',
        params: WorkspaceParams,
        response: responses({
          200: z.object({
            overall: CsatSchema,
            byCategory: z.array(CsatSchema.extend({ key: z.string() })),
            byCluster: z.array(CsatSchema.extend({ key: z.string(), label: z.string() })),
            byWeek: z.array(CsatSchema.extend({ weekEnding: epochMs })),
          }),
        }),
      },
    },
    async (request) => clusters.csatReport(services, requireActor(request), request.params.workspaceId),
  );
};
