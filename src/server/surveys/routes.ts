import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileResponse, sendSpreadsheet } from '../files.ts';
import { Id, NoContent, requireActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import {
  CreateLinksBody,
  SurveyLinkSchema,
  CreateSurveyBody,
  PublicSurveySchema,
  ResponseBody,
  ResultsSchema,
  SurveyParams,
  SurveySchema,
  UpdateSurveyBody,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['surveys'];

/** Surveys (市场调研): the builder, waves, results with NPS, export. */
export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/surveys',
    {
      schema: {
        tags,
        summary: 'Surveys, newest first, with their waves and current NPS',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ surveys: z.array(SurveySchema) }) }),
      },
    },
    async (request) => service.listSurveys(services, requireActor(request), request.params.workspaceId),
  );

  app.post(
    '/w/:workspaceId/surveys',
    {
      schema: {
        tags,
        summary: 'Create a survey (a draft until opened)',
        params: WorkspaceParams,
        body: CreateSurveyBody,
        response: responses({ 201: z.object({ survey: SurveySchema }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        survey: await service.createSurvey(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.get(
    '/w/:workspaceId/surveys/:surveyId',
    {
      schema: {
        tags,
        summary: 'One survey with its questions and waves',
        params: SurveyParams,
        response: responses({ 200: z.object({ survey: SurveySchema }) }),
      },
    },
    async (request) => ({
      survey: await service.getSurvey(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.surveyId,
      ),
    }),
  );

  app.patch(
    '/w/:workspaceId/surveys/:surveyId',
    {
      schema: {
        tags,
        summary: 'Edit a survey; status "open" starts or continues its wave, "closed" closes it',
        params: SurveyParams,
        body: UpdateSurveyBody,
        response: responses({ 200: z.object({ survey: SurveySchema }) }),
      },
    },
    async (request) => ({
      survey: await service.updateSurvey(workspaceContext(services, request), {
        surveyId: request.params.surveyId,
        input: request.body,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/surveys/:surveyId',
    {
      schema: {
        tags,
        summary: 'Delete a survey with its waves and responses',
        params: SurveyParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteSurvey(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.surveyId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/surveys/:surveyId/waves',
    {
      schema: {
        tags,
        summary: 'Start the next wave of the same questionnaire (the current one closes)',
        params: SurveyParams,
        body: z.object({ label: z.string().trim().max(80).optional() }).default({}),
        response: responses({ 201: z.object({ survey: SurveySchema }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        survey: await service.startWave(workspaceContext(services, request), {
          surveyId: request.params.surveyId,
          label: request.body.label,
        }),
      }),
  );

  app.get(
    '/w/:workspaceId/surveys/:surveyId/results',
    {
      schema: {
        tags,
        summary: 'Results of a wave (the latest by default): distributions, NPS, text clusters, NPS trend',
        params: SurveyParams,
        querystring: z.object({ waveId: Id.optional() }),
        response: responses({ 200: z.object({ results: ResultsSchema }) }),
      },
    },
    async (request) => ({
      results: await service.surveyResults(workspaceContext(services, request), {
        surveyId: request.params.surveyId,
        waveId: request.query.waveId,
      }),
    }),
  );

  app.get(
    '/w/:workspaceId/surveys/:surveyId/links',
    {
      schema: {
        tags,
        summary: 'The survey’s one-use and per-contact links, each with whether it answered the current wave',
        params: SurveyParams,
        response: responses({ 200: z.object({ links: z.array(SurveyLinkSchema) }) }),
      },
    },
    async (request) => ({
      links: await service.listLinks(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.surveyId,
      ),
    }),
  );

  app.post(
    '/w/:workspaceId/surveys/:surveyId/links',
    {
      schema: {
        tags,
        summary: 'Make one-use links (count) or per-contact links (emails): each takes one response per wave',
        params: SurveyParams,
        body: CreateLinksBody,
        response: responses({ 201: z.object({ links: z.array(SurveyLinkSchema) }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        links: await service.createLinks(workspaceContext(services, request), {
          surveyId: request.params.surveyId,
          input: request.body,
        }),
      }),
  );

  app.get(
    '/w/:workspaceId/surveys/:surveyId/responses/export',
    {
      schema: {
        tags,
        summary: 'Responses as CSV or XLSX, a column per question (all waves, or one)',
        params: SurveyParams,
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), waveId: Id.optional() }),
        response: responses({ 200: FileResponse }),
      },
    },
    async (request, reply) => {
      const file = await service.exportResponses(workspaceContext(services, request), {
        surveyId: request.params.surveyId,
        format: request.query.format,
        waveId: request.query.waveId,
      });
      return sendSpreadsheet(reply, file, request.query.format, 'survey-responses');
    },
  );
};

const PublicParams = z.object({ surveyId: Id });

/** A survey's public link: no login, rate limited per address, a honeypot field. */
export const publicSurveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  const config = { isPublic: true, skipCsrf: true };

  app.get(
    '/public/surveys/:surveyId',
    {
      config,
      schema: {
        tags: ['portal'],
        summary: 'An open survey’s questions, for its public link (`t`: the token of a survey link)',
        params: PublicParams,
        querystring: z.object({ t: z.string().trim().min(1).max(64).optional() }),
        response: responses({ 200: z.object({ survey: PublicSurveySchema }) }),
      },
    },
    async (request) => ({
      survey: await service.getPublicSurvey(services, request.params.surveyId, request.query.t),
    }),
  );

  app.post(
    '/public/surveys/:surveyId/responses',
    {
      config,
      bodyLimit: 128 * 1024,
      schema: {
        tags: ['portal'],
        summary: 'Answer a survey (no login; limited per address; `website` must stay empty)',
        params: PublicParams,
        body: ResponseBody,
        response: responses({ 201: z.object({ id: z.string() }) }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.submitResponse(services, request.params.surveyId, request.ip, request.body)),
  );
};
