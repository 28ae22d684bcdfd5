import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileResponse, XLSX_TYPE } from '../files.ts';
import { requireActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import { exportCycleXlsx, exportReviewPdf } from './exports.ts';
import {
  AcknowledgeBody,
  BuiltinReviewTemplate,
  Calibration,
  Cycle,
  CycleBody,
  CycleParams,
  CycleSummary,
  FinalBody,
  Participant,
  ParticipantParams,
  PeerBody,
  Review,
  ReviewBody,
  ReviewParams,
  ReviewTemplate,
  TemplateBody,
} from './schemas.ts';
import * as service from './service.ts';

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  const tags = ['reviews'];

  app.get(
    '/w/:workspaceId/review-templates',
    {
      schema: {
        tags,
        summary: 'Ready-made review templates (in the request’s language) and the workspace’s own',
        params: WorkspaceParams,
        response: responses({
          200: z.object({ builtin: z.array(BuiltinReviewTemplate), items: z.array(ReviewTemplate) }),
        }),
      },
    },
    async (request) =>
      service.listTemplates(services, requireActor(request), request.params.workspaceId, request.locale),
  );

  app.post(
    '/w/:workspaceId/review-templates',
    {
      schema: {
        tags,
        summary:
          'Save a template: section weights and each section’s rating-question weights add up to 100 %',
        params: WorkspaceParams,
        body: TemplateBody,
        response: responses({ 201: z.object({ template: ReviewTemplate }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        template: await service.createTemplate(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.get(
    '/w/:workspaceId/review-cycles',
    {
      schema: {
        tags,
        summary: 'Review cycles the caller takes part in (all of them for admins), latest period first',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(CycleSummary) }) }),
      },
    },
    async (request) => ({
      items: await service.listCycles(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.post(
    '/w/:workspaceId/review-cycles',
    {
      schema: {
        tags,
        summary: 'Start a review cycle: period, template, stage deadlines, participants with their reviewers',
        params: WorkspaceParams,
        body: CycleBody,
        response: responses({ 201: z.object({ cycle: Cycle }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        cycle: await service.createCycle(workspaceContext(services, request), { input: request.body }),
      }),
  );

  app.get(
    '/w/:workspaceId/review-cycles/:cycleId',
    {
      schema: {
        tags,
        summary: 'A cycle with the participants and reviews the caller may see, and the reviews they write',
        params: CycleParams,
        response: responses({ 200: z.object({ cycle: Cycle }) }),
      },
    },
    async (request) => ({
      cycle: await service.getCycle(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.cycleId,
      ),
    }),
  );

  app.post(
    '/w/:workspaceId/review-cycles/:cycleId/advance',
    {
      schema: {
        tags,
        summary: 'Move the cycle to its next stage (self → peer → manager → calibration → sign-off → closed)',
        params: CycleParams,
        response: responses({ 200: z.object({ cycle: Cycle }) }),
      },
    },
    async (request) => ({
      cycle: await service.advanceCycle(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.cycleId,
      ),
    }),
  );

  app.post(
    '/w/:workspaceId/review-cycles/:cycleId/scorecards',
    {
      schema: {
        tags,
        summary: 'Read the scorecards again from data (people not yet signed off)',
        params: CycleParams,
        response: responses({ 200: z.object({ refreshed: z.number().int() }) }),
      },
    },
    async (request) =>
      service.refreshScorecards(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.cycleId,
      ),
  );

  app.get(
    '/w/:workspaceId/review-cycles/:cycleId/calibration',
    {
      schema: {
        tags,
        summary:
          'Distribution of ratings of the people the caller manages in the cycle, and outliers against their data',
        params: CycleParams,
        response: responses({ 200: z.object({ calibration: Calibration }) }),
      },
    },
    async (request) => ({
      calibration: await service.getCalibration(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.cycleId,
      ),
    }),
  );

  app.get(
    '/w/:workspaceId/review-cycles/:cycleId/export',
    {
      schema: {
        tags,
        summary:
          'Download the cycle as XLSX: a row per participant the caller sees (ratings per stage, final rating, scorecard figures), only what they may read',
        params: CycleParams,
        response: responses({ 200: FileResponse }),
      },
    },
    async (request, reply) => {
      const { file, name } = await exportCycleXlsx(workspaceContext(services, request), {
        cycleId: request.params.cycleId,
      });
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition(`${name}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );

  app.get(
    '/w/:workspaceId/review-participants/:participantId/pdf',
    {
      schema: {
        tags,
        summary:
          'Download one person’s review as PDF, with what the caller may read of it (503 without Chromium)',
        params: ParticipantParams,
        response: responses({ 200: FileResponse }),
      },
    },
    async (request, reply) => {
      const { file, name } = await exportReviewPdf(workspaceContext(services, request), {
        participantId: request.params.participantId,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(`${name}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );

  app.get(
    '/w/:workspaceId/review-participants/:participantId',
    {
      schema: {
        tags,
        summary: 'One person’s review: scorecard with evidence, the reviews the caller may see, final rating',
        params: ParticipantParams,
        response: responses({ 200: z.object({ participant: Participant }) }),
      },
    },
    async (request) => ({
      participant: await service.getParticipant(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.participantId,
      ),
    }),
  );

  app.patch(
    '/w/:workspaceId/review-participants/:participantId',
    {
      schema: {
        tags,
        summary: 'Calibrate: final rating and comment (recorded in the audit log)',
        params: ParticipantParams,
        body: FinalBody,
        response: responses({ 200: z.object({ participant: Participant }) }),
      },
    },
    async (request) => ({
      participant: await service.updateFinal(workspaceContext(services, request), {
        participantId: request.params.participantId,
        input: request.body,
      }),
    }),
  );

  app.post(
    '/w/:workspaceId/review-participants/:participantId/peers',
    {
      schema: {
        tags,
        summary:
          'Add a peer reviewer (chosen by the reviewee or assigned by their manager) during the self and peer stages',
        params: ParticipantParams,
        body: PeerBody,
        response: responses({ 200: z.object({ participant: Participant }) }),
      },
    },
    async (request) => ({
      participant: await service.addPeer(workspaceContext(services, request), {
        participantId: request.params.participantId,
        reviewerId: request.body.reviewerId,
      }),
    }),
  );

  app.post(
    '/w/:workspaceId/review-participants/:participantId/sign-off',
    {
      schema: {
        tags,
        summary: 'Sign the review off at the sign-off stage; nothing in it changes afterwards',
        params: ParticipantParams,
        response: responses({ 200: z.object({ participant: Participant }) }),
      },
    },
    async (request) => ({
      participant: await service.signOff(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.participantId,
      ),
    }),
  );

  app.post(
    '/w/:workspaceId/review-participants/:participantId/acknowledge',
    {
      schema: {
        tags,
        summary: 'The reviewee acknowledges their signed-off review, with an optional note',
        params: ParticipantParams,
        body: AcknowledgeBody,
        response: responses({ 200: z.object({ participant: Participant }) }),
      },
    },
    async (request) => ({
      participant: await service.acknowledge(workspaceContext(services, request), {
        participantId: request.params.participantId,
        note: request.body.note,
      }),
    }),
  );

  app.get(
    '/w/:workspaceId/reviews/:reviewId',
    {
      schema: {
        tags,
        summary:
          'A review to read or write, with the template and (for self and manager reviews) the scorecard',
        params: ReviewParams,
        response: responses({ 200: z.object({ review: Review }) }),
      },
    },
    async (request) => ({
      review: await service.getReview(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.reviewId,
      ),
    }),
  );

  app.put(
    '/w/:workspaceId/reviews/:reviewId',
    {
      schema: {
        tags,
        summary:
          'Save a draft or submit: answers, and for the manager, overrides of computed scores with reasons',
        params: ReviewParams,
        body: ReviewBody,
        response: responses({ 200: z.object({ review: Review }) }),
      },
    },
    async (request) => ({
      review: await service.saveReview(workspaceContext(services, request), {
        reviewId: request.params.reviewId,
        input: request.body,
      }),
    }),
  );
};
