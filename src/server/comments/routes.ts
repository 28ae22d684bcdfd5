import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REACTIONS } from '../../core/comments/index.ts';
import {
  ErrorBody,
  limitParam,
  NoContent,
  requireActor,
  responses,
  WorkspaceParams,
  workspaceContext,
} from '../http.ts';
import * as service from './service.ts';
import { Comment, TimelineItem, Target, Body, CommentParams } from './schemas.ts';

export const commentRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Comments on one goal, key result, KPI, task or case, newest first',
        params: WorkspaceParams,
        querystring: Target.extend({ cursor: z.string().max(64).optional(), limit: limitParam }),
        response: responses({
          200: z.object({ items: z.array(Comment), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) =>
      service.listComments(services, requireActor(request), request.params.workspaceId, request.query),
  );

  app.post(
    '/w/:workspaceId/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Comment in Markdown; @[name](user:ID) mentions a member, who is notified',
        params: WorkspaceParams,
        body: Target.extend({ body: Body }),
        response: responses({ 201: z.object({ comment: Comment }), 413: ErrorBody }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        comment: await service.createComment(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.patch(
    '/w/:workspaceId/comments/:commentId',
    {
      schema: {
        tags: ['comments'],
        summary: 'Edit my comment; people newly mentioned are notified',
        params: CommentParams,
        body: z.object({ body: Body }),
        response: responses({ 200: z.object({ comment: Comment }), 413: ErrorBody }),
      },
    },
    async (request) => ({
      comment: await service.updateComment(workspaceContext(services, request), {
        commentId: request.params.commentId,
        body: request.body.body,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/comments/:commentId',
    {
      schema: {
        tags: ['comments'],
        summary: 'Delete my comment (admins: any comment)',
        params: CommentParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteComment(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.commentId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/comments/:commentId/reactions',
    {
      schema: {
        tags: ['comments'],
        summary: 'Add my reaction, or take it back when I had given it',
        params: CommentParams,
        body: z.object({ emoji: z.enum(REACTIONS) }),
        response: responses({ 200: z.object({ comment: Comment }) }),
      },
    },
    async (request) => ({
      comment: await service.toggleReaction(workspaceContext(services, request), {
        commentId: request.params.commentId,
        emoji: request.body.emoji,
      }),
    }),
  );

  app.get(
    '/w/:workspaceId/timeline',
    {
      schema: {
        tags: ['comments'],
        summary: "One object's comments interleaved with its changes, newest first",
        params: WorkspaceParams,
        querystring: Target.extend({ limit: limitParam }),
        response: responses({ 200: z.object({ items: z.array(TimelineItem) }) }),
      },
    },
    async (request) =>
      service.objectTimeline(services, requireActor(request), request.params.workspaceId, request.query),
  );
};
