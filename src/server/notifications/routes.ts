import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireSessionActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import { authorize } from '../workspaces/access.ts';
import {
  InboxQuery,
  Notification,
  NotificationParams,
  NotificationSettings,
  NotificationSettingsBody,
} from './schemas.ts';
import * as service from './service.ts';
import { openStream } from './stream.ts';

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My inbox in this workspace, newest first, paged by cursor',
        params: WorkspaceParams,
        querystring: InboxQuery,
        response: responses({
          200: z.object({
            items: z.array(Notification),
            nextCursor: z.string().nullable(),
            unread: z.number().int(),
          }),
        }),
      },
    },
    async (request) => service.listInbox(workspaceContext(services, request), { options: request.query }),
  );

  app.get(
    '/w/:workspaceId/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many of my notifications are unread',
        params: WorkspaceParams,
        response: responses({ 200: z.object({ count: z.number().int() }) }),
      },
    },
    async (request) => ({
      count: await service.unreadCount(services, requireActor(request), request.params.workspaceId),
    }),
  );

  app.post(
    '/w/:workspaceId/notifications/:notificationId/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one notification read (or unread again)',
        params: NotificationParams,
        body: z.object({ read: z.boolean().default(true) }),
        response: responses({ 200: z.object({ updated: z.number().int() }) }),
      },
    },
    async (request) => ({
      updated: await service.markRead(services, requireActor(request), request.params.workspaceId, {
        id: request.params.notificationId,
        read: request.body.read,
      }),
    }),
  );

  app.post(
    '/w/:workspaceId/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications in this workspace read, up to the newest the page has shown',
        params: WorkspaceParams,
        body: z.object({
          upToId: z.string().max(64).optional().describe('Newest notification seen; later ones stay unread'),
        }),
        response: responses({ 200: z.object({ updated: z.number().int() }) }),
      },
    },
    async (request) => ({
      updated: await service.markRead(services, requireActor(request), request.params.workspaceId, {
        upToId: request.body.upToId,
      }),
    }),
  );

  app.get(
    '/w/:workspaceId/notifications/stream',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Server-Sent Events: `ready` with the unread count, then `notification` and `read` as they happen',
        params: WorkspaceParams,
        response: responses({ 200: z.string().describe('text/event-stream') }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await authorize(services.db, actor, request.params.workspaceId, 'workspace.read');
      await openStream(services, request, reply, actor, request.params.workspaceId);
    },
  );

  app.get(
    '/me/notification-settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My channels per event type, quiet hours and daily digest',
        response: responses({ 200: z.object({ settings: NotificationSettings }) }),
      },
    },
    async (request) => ({ settings: await service.getSettings(services, requireSessionActor(request)) }),
  );

  app.put(
    '/me/notification-settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Change my notification settings',
        body: NotificationSettingsBody,
        response: responses({ 200: z.object({ settings: NotificationSettings }) }),
      },
    },
    async (request) => ({
      settings: await service.updateSettings(services, requireSessionActor(request), request.body),
    }),
  );
};
