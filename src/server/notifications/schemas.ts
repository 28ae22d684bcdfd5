import { z } from 'zod';
import { NOTIFICATION_EVENT_TYPES, PERSONAL_CHANNELS } from '../../core/notifications/index.ts';
import { epochMs, limitParam, WorkspaceParams } from '../http.ts';

export const Notification = z
  .object({
    id: z.string(),
    type: z.string(),
    reason: z.string().describe('act | asked | informed | owner | mentioned'),
    title: z.string().describe("The message in the caller's language"),
    objectType: z.string(),
    objectId: z.string(),
    link: z.string().describe('Path of the object in the web app'),
    readAt: epochMs.nullable(),
    createdAt: epochMs,
  })
  .meta({ id: 'Notification' });

export const InboxQuery = z.object({
  cursor: z.string().max(64).optional(),
  limit: limitParam,
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const NotificationParams = WorkspaceParams.extend({ notificationId: z.string().min(1).max(64) });

const Clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .describe('HH:MM, local time');

export const EventType = z.enum(NOTIFICATION_EVENT_TYPES as [string, ...string[]]);

export const Preference = z.object({
  eventType: EventType,
  channel: z.enum(PERSONAL_CHANNELS),
  enabled: z.boolean(),
});

export const NotificationSettingsBody = z.object({
  timezone: z.string().min(1).max(64).describe('IANA time zone, e.g. Asia/Shanghai'),
  quietStart: Clock.nullable(),
  quietEnd: Clock.nullable(),
  digest: z.boolean().describe('E-mail once a day instead of one message each'),
  digestHour: z.number().int().min(0).max(23),
  preferences: z.array(Preference).max(200),
});

export const NotificationSettings = NotificationSettingsBody.extend({
  isEmailConfigured: z.boolean(),
}).meta({ id: 'NotificationSettings' });
