import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileResponse } from '../files.ts';
import { ErrorBody, NoContent, requireActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import type { renderMinutesDocx } from './docx.ts';
import {
  ActionBody,
  ExportQuery,
  Meeting,
  MeetingBody,
  MeetingChanges,
  MeetingListQuery,
  MeetingParams,
  MeetingSeries,
  MeetingSummary,
  SeriesBody,
  SeriesChanges,
  SeriesParams,
} from './schemas.ts';
import * as service from './service.ts';

/** `filename*` carries a Chinese name intact (RFC 6266); `filename` is the ASCII fallback. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The Word writer (docx, and ECharts and resvg behind it) loads on the first minutes asked for as .docx. */
async function minutesDocx(...args: Parameters<typeof renderMinutesDocx>): Promise<Buffer> {
  const docx = await import('./docx.ts');
  return docx.renderMinutesDocx(...args);
}

export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Meetings, latest date first',
        params: WorkspaceParams,
        querystring: MeetingListQuery,
        response: responses({ 200: z.object({ items: z.array(MeetingSummary) }) }),
      },
    },
    async (request) => ({
      items: await service.listMeetings(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.query,
      ),
    }),
  );

  app.post(
    '/w/:workspaceId/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Plan a one-off meeting',
        params: WorkspaceParams,
        body: MeetingBody,
        response: responses({ 201: z.object({ meeting: Meeting }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        meeting: await service.createMeeting(workspaceContext(services, request), { input: request.body }),
      }),
  );

  app.get(
    '/w/:workspaceId/meetings/:meetingId',
    {
      schema: {
        tags: ['meetings'],
        summary: 'A meeting with its agenda, minutes, decisions and action items (with their tasks’ status)',
        params: MeetingParams,
        response: responses({ 200: z.object({ meeting: Meeting }) }),
      },
    },
    async (request) => ({
      meeting: await service.getMeeting(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.meetingId,
      ),
    }),
  );

  app.patch(
    '/w/:workspaceId/meetings/:meetingId',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Change a meeting: date, attendees, agenda, minutes (Markdown), decisions, status',
        params: MeetingParams,
        body: MeetingChanges,
        response: responses({ 200: z.object({ meeting: Meeting }), 413: ErrorBody }),
      },
    },
    async (request) => ({
      meeting: await service.updateMeeting(workspaceContext(services, request), {
        meetingId: request.params.meetingId,
        changes: request.body,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/meetings/:meetingId',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Delete a meeting; the tasks its actions became stay',
        params: MeetingParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteMeeting(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.meetingId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/meetings/:meetingId/agenda/build',
    {
      schema: {
        tags: ['meetings'],
        summary:
          'Build the agenda from live data: open actions, off-track goals, red KPIs, overdue tasks, breached SLAs, bottlenecks',
        params: MeetingParams,
        body: z.object({}).describe('Nothing: the agenda is read from the workspace'),
        response: responses({ 200: z.object({ meeting: Meeting }) }),
      },
    },
    async (request) => ({
      meeting: await service.buildMeetingAgenda(workspaceContext(services, request), {
        meetingId: request.params.meetingId,
      }),
    }),
  );

  app.post(
    '/w/:workspaceId/meetings/:meetingId/actions',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Add an action item: it becomes a task (owner as R and A, due date) linked to the meeting',
        params: MeetingParams,
        body: ActionBody,
        response: responses({ 201: z.object({ meeting: Meeting }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        meeting: await service.addAction(workspaceContext(services, request), {
          meetingId: request.params.meetingId,
          input: request.body,
        }),
      }),
  );

  for (const what of ['agenda', 'minutes'] as const) {
    app.post(
      `/w/:workspaceId/meetings/:meetingId/send-${what}`,
      {
        schema: {
          tags: ['meetings'],
          summary:
            what === 'agenda'
              ? 'Send the agenda to the attendees (inbox, e-mail, routed chat groups)'
              : 'Send the minutes to the attendees and mark the meeting held',
          params: MeetingParams,
          body: z.object({}).describe('Nothing: the meeting is sent as it stands'),
          response: responses({ 200: z.object({ meeting: Meeting }) }),
        },
      },
      async (request) => ({
        meeting: await service.sendMeeting(workspaceContext(services, request), {
          meetingId: request.params.meetingId,
          what,
        }),
      }),
    );
  }

  app.get(
    '/w/:workspaceId/meetings/:meetingId/minutes',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Download the minutes as Markdown or DOCX, in the caller’s language',
        params: MeetingParams,
        querystring: ExportQuery,
        response: responses({ 200: FileResponse }),
      },
    },
    async (request, reply) => {
      const locale = request.query.locale ?? request.locale;
      const { input, markdown } = await service.meetingMinutes(
        { services, actor: requireActor(request), workspaceId: request.params.workspaceId, locale },
        { meetingId: request.params.meetingId },
      );
      const name = `${input.title}-${input.date}`;
      const file =
        request.query.format === 'docx'
          ? { bytes: await minutesDocx(input, locale), type: DOCX, name: `${name}.docx` }
          : { bytes: markdown, type: 'text/markdown; charset=utf-8', name: `${name}.md` };
      return reply
        .header('content-type', file.type)
        .header('content-disposition', contentDisposition(file.name))
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );

  app.get(
    '/w/:workspaceId/meeting-series',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Recurring meetings (周会) and the day each meets next',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(MeetingSeries) }) }),
      },
    },
    async (request) => ({
      items: await service.listSeries(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.post(
    '/w/:workspaceId/meeting-series',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Start a recurring meeting from an RRULE over days; its first meeting is planned at once',
        params: WorkspaceParams,
        body: SeriesBody,
        response: responses({ 201: z.object({ series: MeetingSeries, meeting: Meeting }) }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createSeries(workspaceContext(services, request), { input: request.body })),
  );

  app.post(
    '/w/:workspaceId/meeting-series/:seriesId/next',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Plan the series’ next meeting; it opens with last time’s open actions',
        params: SeriesParams,
        body: z.object({}).describe('Nothing: the date comes from the rule'),
        response: responses({ 201: z.object({ meeting: Meeting }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        meeting: await service.createNextMeeting(workspaceContext(services, request), {
          seriesId: request.params.seriesId,
        }),
      }),
  );

  app.patch(
    '/w/:workspaceId/meeting-series/:seriesId',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Change a recurring meeting: how many hours ahead its agenda goes out',
        params: SeriesParams,
        body: SeriesChanges,
        response: responses({ 200: z.object({ series: MeetingSeries }) }),
      },
    },
    async (request) => ({
      series: await service.updateSeries(workspaceContext(services, request), {
        seriesId: request.params.seriesId,
        input: request.body,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/meeting-series/:seriesId',
    {
      schema: {
        tags: ['meetings'],
        summary: 'End a recurring meeting; its meetings stay as one-off meetings',
        params: SeriesParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteSeries(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.seriesId,
      );
      return reply.status(204).send(null);
    },
  );
};
