import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EmailSchema, RoleSchema } from '../auth/schemas.ts';
import {
  epochMs,
  Id,
  NoContent,
  requireActor,
  requireSessionActor,
  responses,
  WorkspaceParams,
} from '../http.ts';
import { WorkspaceWithRole } from '../workspaces/schemas.ts';
import * as service from './service.ts';
import { Status, Invitation, TokenParams } from './schemas.ts';

export const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/invitations',
    {
      schema: {
        tags: ['members'],
        summary: 'Invitations of a workspace, newest first',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(Invitation) }) }),
      },
    },
    async (request) => ({
      items: await service.listInvitations(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.post(
    '/w/:workspaceId/invitations',
    {
      schema: {
        tags: ['members'],
        summary: 'Create a single-use invitation link with a role and expiry',
        params: WorkspaceParams,
        body: z.object({
          role: RoleSchema,
          email: z.union([EmailSchema, z.literal('')]).optional(),
          expiresInDays: z.number().int().min(1).max(30),
        }),
        response: responses({
          201: z.object({ invitation: Invitation, token: z.string(), url: z.string() }),
        }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createInvitation(
            services,
            requireActor(request),
            request.params.workspaceId,
            request.body,
          ),
        ),
  );

  app.delete(
    '/w/:workspaceId/invitations/:invitationId',
    {
      schema: {
        tags: ['members'],
        summary: 'Revoke a pending invitation',
        params: WorkspaceParams.extend({ invitationId: Id }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.revokeInvitation(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.invitationId,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/invitations/:token',
    {
      config: { isPublic: true },
      schema: {
        tags: ['members'],
        summary: 'What an invitation link offers (public)',
        params: TokenParams,
        response: responses({
          200: z.object({
            workspaceName: z.string(),
            role: RoleSchema,
            inviterName: z.string(),
            expiresAt: epochMs,
            status: Status,
          }),
        }),
      },
    },
    async (request) => service.previewInvitation(services, request.params.token),
  );

  app.post(
    '/invitations/:token/accept',
    {
      schema: {
        tags: ['members'],
        summary: 'Join the workspace of an invitation',
        params: TokenParams,
        response: responses({ 200: WorkspaceWithRole }),
      },
    },
    async (request) => service.acceptInvitation(services, requireSessionActor(request), request.params.token),
  );
};
