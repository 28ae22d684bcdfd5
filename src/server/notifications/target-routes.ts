import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHAT_KINDS } from '../../core/notifications/chat.ts';
import {
  ErrorBody,
  epochMs,
  limitParam,
  NoContent,
  requireActor,
  responses,
  WorkspaceParams,
  workspaceContext,
} from '../http.ts';
import { EventType } from './schemas.ts';
import * as service from './targets.ts';

const ChatTarget = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(CHAT_KINDS),
    url: z.string().describe('Query values (access_token, key) masked'),
    secret: z.string().nullable().describe('Masked: the secret is never returned'),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'ChatTarget' });

const TargetBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(CHAT_KINDS),
  url: z.string().trim().min(1).max(2000).describe('Webhook address of the robot or receiver'),
  secret: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .nullable()
    .optional()
    .describe('DingTalk 加签 / Feishu signature secret / webhook HMAC key'),
  eventTypes: z.array(EventType).max(50).describe('Routing rule: the event types posted here'),
  enabled: z.boolean().optional(),
});

const TargetParams = WorkspaceParams.extend({ targetId: z.string().min(1).max(64) });

const Delivery = z
  .object({
    id: z.string(),
    eventType: z.string(),
    status: z.string().describe('queued | sent | failed'),
    attempts: z.number().int(),
    responseCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    sentAt: epochMs.nullable(),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'ChatDelivery' });

function listening(app: FastifyInstance): string[] {
  const address = app.server.address() as AddressInfo | string | null;
  if (!address || typeof address === 'string') return [];
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return [`http://${host}:${address.port}`];
}

export const chatTargetRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/chat-targets',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Chat groups this workspace posts to (DingTalk, Feishu, WeCom, Slack, webhook)',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ items: z.array(ChatTarget) }) }),
      },
    },
    async (request) => ({
      items: await service.listTargets(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.post(
    '/w/:workspaceId/chat-targets',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Add a chat group with its routing rule',
        params: WorkspaceParams,
        body: TargetBody,
        response: responses({ 201: z.object({ target: ChatTarget }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        target: await service.createTarget(workspaceContext(services, request), {
          input: request.body,
          self: { listening: listening(app) },
        }),
      }),
  );

  app.patch(
    '/w/:workspaceId/chat-targets/:targetId',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Change a chat group; an omitted secret or URL keeps the stored one',
        params: TargetParams,
        body: TargetBody.partial(),
        response: responses({ 200: z.object({ target: ChatTarget }) }),
      },
    },
    async (request) => ({
      target: await service.updateTarget(workspaceContext(services, request), {
        targetId: request.params.targetId,
        input: request.body,
        self: { listening: listening(app) },
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/chat-targets/:targetId',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Remove a chat group and its delivery log',
        params: TargetParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteTarget(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.targetId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/chat-targets/:targetId/test',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Post a test message now; 502 with the reason when the receiver refuses or does not answer',
        params: TargetParams,
        body: z.object({}).describe('Nothing: the message is fixed'),
        response: responses({ 200: z.object({ status: z.number().int() }), 502: ErrorBody }),
      },
    },
    async (request) =>
      service.testTarget(
        {
          services,
          actor: requireActor(request),
          workspaceId: request.params.workspaceId,
          locale: request.locale,
        },
        { targetId: request.params.targetId },
      ),
  );

  app.get(
    '/w/:workspaceId/chat-targets/:targetId/deliveries',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Delivery log of a chat group: status, response code, attempts, last error',
        params: TargetParams,
        querystring: z.object({ cursor: z.string().max(64).optional(), limit: limitParam }),
        response: responses({
          200: z.object({ items: z.array(Delivery), nextCursor: z.string().nullable() }),
        }),
      },
    },
    async (request) =>
      service.listTargetDeliveries(workspaceContext(services, request), {
        targetId: request.params.targetId,
        options: request.query,
      }),
  );
};
