import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { AppError } from '../../core/errors/index.ts';
import { isLocale, type Locale } from '../../core/i18n/index.ts';
import { digestEmail, singleEmail, type EmailItem } from '../../core/notifications/email.ts';
import {
  groupTitle,
  isChannelEnabled,
  isDigestHour,
  isNotificationEventType,
  NOTIFICATION_EVENT_TYPES,
  notificationTitle,
  parseClock,
  PERSONAL_CHANNELS,
  planDelivery,
  recipientsFor,
  type DeliverySettings,
  type PersonalChannel,
  type RecipientFacts,
} from '../../core/notifications/index.ts';
import type { ProcessStep } from '../../core/processes/graph.ts';
import { newId } from '../../db/ids.ts';
import type { Executor, Job, NotificationDeliveriesTable } from '../../db/types.ts';
import type { Insertable, Selectable } from 'kysely';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import type { DomainEvent } from '../events/outbox.ts';
import { newSecret } from '../secrets.ts';
import { authorize } from '../workspaces/access.ts';
import { postChat } from './chat.ts';
import * as queries from './queries.ts';
import type { LiveMessage } from './live.ts';
import { registerReminderJobs } from './reminders.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';
import { meetingEmailSections } from '../../core/meetings/index.ts';
import { unsafeMinutesInput } from '../meetings/service.ts';

export const DELIVER_JOB = 'notifications.deliver';
export const DIGEST_JOB = 'notifications.digest';
const DELIVERY_ATTEMPTS = 6;

/** What a notification is about and says, loaded once per event. */
export type EventContext = {
  objectType: string;
  objectId: string;
  link: string;
  data: Record<string, unknown>;
  facts: RecipientFacts;
};

type Payload = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Reads what the rules need about the event's object; null when the object is gone. */
async function loadEventContext(
  executor: Executor,
  workspaceId: string,
  event: DomainEvent,
): Promise<EventContext | null> {
  const payload = (event.payload ?? {}) as Payload;
  const base = `/w/${workspaceId}`;
  const actorId = text(payload.actorId) || null;
  switch (event.type) {
    case 'task.assigned':
    case 'task.due_soon':
    case 'task.overdue':
    case 'task.status_changed':
    case 'routine.occurrence_created': {
      const task = await queries.selectTaskFacts(executor, workspaceId, text(payload.taskId));
      if (!task) return null;
      return {
        objectType: 'task',
        objectId: task.id,
        link: `${base}/tasks?task=${task.id}`,
        data: {
          title: task.title,
          dueDate: text(payload.dueDate) || task.due_date || '',
          role: text(payload.role),
          status: text(payload.to),
          person: await queries.selectUserName(executor, text(payload.userId) || null),
        },
        facts: {
          actorId,
          taskRoles: await queries.selectTaskRoles(executor, task.id),
          assigned: { userId: text(payload.userId), role: text(payload.role) },
          toStatus: text(payload.to),
        },
      };
    }
    case 'goal.health_changed':
    case 'goal.check_in_due': {
      const goal = await queries.selectGoalFacts(executor, workspaceId, text(payload.goalId));
      if (!goal) return null;
      return {
        objectType: 'goal',
        objectId: goal.id,
        link: `${base}/goals/${goal.id}`,
        data: { title: goal.title, health: text(payload.to), days: payload.daysSinceCheckIn ?? '' },
        facts: { actorId, ownerId: goal.owner_id },
      };
    }
    case 'kpi.turned_red':
    case 'kpi.value_due': {
      const kpi = await queries.selectKpiFacts(executor, workspaceId, text(payload.kpiId));
      if (!kpi) return null;
      return {
        objectType: 'kpi',
        objectId: kpi.id,
        link: `${base}/kpis/${encodeURIComponent(kpi.key)}`,
        data: { title: kpi.name, value: payload.value ?? '', period: text(payload.period) },
        facts: { actorId, ownerId: kpi.owner_id },
      };
    }
    case 'process.step_assigned':
    case 'process.step_overdue':
    case 'process.run_finished': {
      const run = await queries.selectRunFacts(executor, workspaceId, text(payload.runId));
      if (!run) return null;
      const steps = JSON.parse(run.steps) as ProcessStep[];
      const stepKey = text(payload.stepKey);
      return {
        objectType: 'run',
        objectId: run.id,
        link: `${base}/runs/${run.id}`,
        data: {
          title: `${run.process_name} · ${run.subject}`,
          step: steps.find((step) => step.key === stepKey)?.name ?? stepKey,
          person: await queries.selectUserName(executor, text(payload.assigneeId) || null),
        },
        facts: {
          actorId,
          assigneeId: text(payload.assigneeId) || null,
          processOwnerId: run.process_owner,
          startedById: run.started_by,
        },
      };
    }
    case 'comment.mentioned':
      // The comment service puts everything the message needs into the event: the comment may change later.
      return {
        objectType: text(payload.targetType),
        objectId: text(payload.targetId),
        link: text(payload.link),
        data: { title: text(payload.title), author: text(payload.author), excerpt: text(payload.excerpt) },
        facts: { actorId, mentionedIds: (payload.mentionedIds as string[] | undefined) ?? [] },
      };
    case 'meeting.agenda_ready':
    case 'meeting.minutes_ready':
      // Like mentions, the meeting service puts the message into the event: the agenda may change later.
      return {
        objectType: 'meeting',
        objectId: text(payload.meetingId),
        link: `${base}/meetings/${text(payload.meetingId)}`,
        data: {
          meetingId: text(payload.meetingId),
          title: text(payload.title),
          date: text(payload.date),
          time: text(payload.time),
          count: payload.count ?? 0,
          decisions: payload.decisions ?? 0,
          actions: payload.actions ?? 0,
        },
        facts: { actorId, attendeeIds: (payload.attendeeIds as string[] | undefined) ?? [] },
      };
    case 'review.stage_due':
      // The reviews service words the reminder; the reviewer is the only recipient.
      return {
        objectType: 'review',
        objectId: text(payload.reviewId),
        link: `${base}/reviews/${text(payload.reviewId)}`,
        data: { title: text(payload.title), person: text(payload.person), dueDate: text(payload.dueDate) },
        facts: { actorId, reviewerId: text(payload.reviewerId) || null },
      };
    default:
      return null;
  }
}

type Profile = Awaited<ReturnType<typeof queries.selectRecipientProfiles>>[number];

function settingsOf(profile: Profile, fallbackTimezone: string): DeliverySettings {
  return {
    timezone: profile.timezone ?? fallbackTimezone,
    quietStart: profile.quiet_start ?? null,
    quietEnd: profile.quiet_end ?? null,
    digest: profile.digest === 1,
  };
}

/**
 * The outbox subscriber: one event becomes the inbox rows of the people the rules name and the deliveries
 * of each channel they chose, plus a post to every chat target routed for the event type — all in one
 * transaction, idempotent by (event, recipient) and by delivery key, so a re-run after a crash adds nothing.
 */
export async function notifyEvent(services: Services, event: DomainEvent): Promise<void> {
  const workspaceId = event.workspaceId;
  if (!workspaceId || !isNotificationEventType(event.type)) return;
  const { db } = services;
  const context = await loadEventContext(db, workspaceId, event);
  if (!context) return;
  const named = recipientsFor(event.type, context.facts);
  const members = await queries.selectMemberIds(
    db,
    workspaceId,
    named.map((recipient) => recipient.userId),
  );
  const recipients = named.filter((recipient) => members.has(recipient.userId));
  const ids = recipients.map((recipient) => recipient.userId);
  const profiles = new Map((await queries.selectRecipientProfiles(db, ids)).map((p) => [p.id, p]));
  const preferences = (await queries.selectPreferences(db, ids)).map((row) => ({
    userId: row.user_id,
    eventType: row.event_type,
    channel: row.channel,
    enabled: row.enabled === 1,
  }));
  const targets = (await queries.selectEnabledTargets(db, workspaceId)).filter((target) =>
    (JSON.parse(target.event_types) as string[]).includes(event.type),
  );
  const now = services.now();
  const data = JSON.stringify({ ...context.data, link: context.link });
  const isEmailConfigured = !!services.config.smtpUrl;

  const created = await db.transaction().execute(async (trx) => {
    const inApp = recipients.filter((recipient) =>
      isChannelEnabled(
        preferences.filter((p) => p.userId === recipient.userId),
        event.type,
        'in_app',
      ),
    );
    const inserted = await queries.insertNotifications(
      trx,
      inApp.map((recipient) => ({
        id: newId(now),
        workspace_id: workspaceId,
        recipient_id: recipient.userId,
        event_id: event.id,
        type: event.type,
        reason: recipient.reason,
        object_type: context.objectType,
        object_id: context.objectId,
        link: context.link,
        data: JSON.stringify(context.data),
        read_at: null,
        created_at: now,
      })),
    );
    const notificationOf = new Map(inserted.map((row) => [row.recipient_id, row.id]));
    const deliveries: Insertable<NotificationDeliveriesTable>[] = [];
    const delivery = (
      row: Partial<Insertable<NotificationDeliveriesTable>> & { dedupe_key: string; channel: string },
    ) =>
      deliveries.push({
        id: newId(now),
        workspace_id: workspaceId,
        event_id: event.id,
        event_type: event.type,
        data,
        status: 'queued',
        send_after: now,
        attempts: 0,
        created_at: now,
        updated_at: now,
        ...row,
      });
    if (isEmailConfigured) {
      // Quiet hours of someone who set no time zone are read in the workspace's.
      const workspaceZone = await workspaceTimeZone(services, workspaceId, trx);
      for (const recipient of recipients) {
        const profile = profiles.get(recipient.userId);
        if (!profile) continue;
        const enabled = isChannelEnabled(
          preferences.filter((p) => p.userId === recipient.userId),
          event.type,
          'email',
        );
        const decision = planDelivery(enabled, settingsOf(profile, workspaceZone), now);
        if (!decision) continue;
        delivery({
          dedupe_key: `email:${event.id}:${recipient.userId}`,
          channel: 'email',
          recipient_id: recipient.userId,
          notification_id: notificationOf.get(recipient.userId) ?? null,
          status: decision.status,
          send_after: decision.status === 'queued' ? decision.sendAfter : now,
        });
      }
    }
    for (const target of targets) {
      delivery({ dedupe_key: `chat:${event.id}:${target.id}`, channel: 'chat', target_id: target.id });
    }
    const queued = await queries.insertDeliveries(trx, deliveries);
    for (const row of queued) {
      if (row.status !== 'queued') continue;
      await services.scheduler.enqueue(trx, {
        name: DELIVER_JOB,
        payload: { deliveryId: row.id },
        runAt: row.send_after,
        key: `delivery:${row.id}`,
        maxAttempts: DELIVERY_ATTEMPTS,
      });
    }
    return inserted;
  });

  await services.live.publish(
    created.map((row): LiveMessage => ({
      userId: row.recipient_id,
      workspaceId,
      kind: 'notification',
      notification: { id: row.id, type: event.type, link: context.link, data: context.data, createdAt: now },
    })),
  );
}

// ——— Sending outside the app ———

const mailers = new WeakMap<object, { url: string; transport: Transporter }>();

/** One SMTP transport per configuration (SMTP_URL), made on first use. */
export function mailerOf(services: Services): Transporter | null {
  const url = services.config.smtpUrl;
  if (!url) return null;
  let mailer = mailers.get(services.config);
  if (mailer?.url !== url) {
    // Required on the first mail, not imported at the top: nodemailer costs about 15 MB of memory to load.
    const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;
    mailer = { url, transport: nodemailer.createTransport(url) };
    mailers.set(services.config, mailer);
  }
  return mailer.transport;
}

let cachedSigningKey: { db: object; key: string } | null = null;

async function signingKey(services: Services): Promise<string> {
  if (cachedSigningKey?.db === services.db) return cachedSigningKey.key;
  const key = await queries.ensureAppSecret(services.db, 'unsubscribe', newSecret(32), services.now());
  cachedSigningKey = { db: services.db, key };
  return key;
}

function sign(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

/** A link that turns e-mail off for these event types, signed so nobody can forge one for someone else. */
export async function unsubscribeUrl(services: Services, userId: string, eventTypes: readonly string[]) {
  const body = Buffer.from(JSON.stringify({ u: userId, e: eventTypes })).toString('base64url');
  const token = `${body}.${sign(await signingKey(services), body)}`;
  return `${services.config.publicUrl.replace(/\/$/, '')}/api/v1/unsubscribe?token=${token}`;
}

async function readUnsubscribeToken(services: Services, token: string) {
  const [body = '', signature = ''] = token.split('.');
  const expected = Buffer.from(sign(await signingKey(services), body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('unsubscribe_invalid', {}, [{ path: 'token', message: '' }]);
  }
  const parsed = JSON.parse(Buffer.from(body, 'base64url').toString()) as { u: string; e: string[] };
  return { userId: parsed.u, eventTypes: parsed.e.filter(isNotificationEventType) };
}

/** The public one-click unsubscribe (RFC 8058): e-mail off for the token's event types. */
export async function unsubscribe(services: Services, token: string) {
  const { userId, eventTypes } = await readUnsubscribeToken(services, token);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    for (const eventType of eventTypes) {
      await queries.upsertPreference(trx, {
        user_id: userId,
        event_type: eventType,
        channel: 'email',
        enabled: 0,
        updated_at: now,
      });
    }
  });
  const profile = (await queries.selectRecipientProfiles(services.db, [userId]))[0];
  return {
    eventTypes,
    locale: (isLocale(profile?.locale) ? profile.locale : services.config.defaultLocale) as Locale,
  };
}

function absoluteLink(services: Services, link: string): string {
  return `${services.config.publicUrl.replace(/\/$/, '')}${link}`;
}

type Delivery = Selectable<NotificationDeliveriesTable>;

async function emailItem(
  services: Services,
  delivery: Delivery,
  locale: Locale,
  options: { withContent?: boolean } = {},
): Promise<EmailItem> {
  const data = JSON.parse(delivery.data) as Record<string, unknown>;
  return {
    title: notificationTitle(delivery.event_type, data, locale),
    url: absoluteLink(services, text(data.link)),
    unsubscribeUrl: await unsubscribeUrl(services, delivery.recipient_id ?? '', [delivery.event_type]),
    ...(options.withContent ? { sections: await emailSections(services, delivery, locale) } : {}),
  };
}

/**
 * What a single e-mail carries below its summary line: a meeting's agenda before it, its minutes, decisions and
 * action items after it — read when the e-mail goes, so it holds what the attendees will find when they open it.
 */
async function emailSections(services: Services, delivery: Delivery, locale: Locale) {
  const kind =
    delivery.event_type === 'meeting.agenda_ready'
      ? 'agenda'
      : delivery.event_type === 'meeting.minutes_ready'
        ? 'minutes'
        : null;
  if (!kind) return [];
  const data = JSON.parse(delivery.data) as Record<string, unknown>;
  // Deliveries queued before the id was kept name the meeting in their link only.
  const meetingId = text(data.meetingId) || /\/meetings\/([^/?#]+)/.exec(text(data.link))?.[1];
  if (!meetingId) return [];
  const input = await unsafeMinutesInput(services.db, delivery.workspace_id, meetingId);
  return input ? meetingEmailSections(kind, input, locale, (path) => absoluteLink(services, path)) : [];
}

async function sendEmail(
  services: Services,
  to: string,
  content: { subject: string; text: string; html: string },
  unsubscribeLink: string,
) {
  const mailer = mailerOf(services);
  if (!mailer) throw new Error('SMTP_URL is not configured');
  await mailer.sendMail({
    from: services.config.mailFrom,
    to,
    subject: content.subject,
    text: content.text,
    html: content.html,
    headers: {
      'List-Unsubscribe': `<${unsubscribeLink}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  });
}

/** Sends one queued delivery. A failure is recorded and thrown, so the scheduler retries with back-off. */
export async function deliver(
  services: Services,
  deliveryId: string,
  job: Pick<Job, 'attempts' | 'max_attempts'>,
) {
  const { db } = services;
  const delivery = await queries.selectDelivery(db, deliveryId);
  if (!delivery || delivery.status !== 'queued') return;
  let failure: { status: number | null; detail: string } | null = null;
  let responseCode: number | null = null;
  if (delivery.channel === 'email') {
    const profile = (await queries.selectRecipientProfiles(db, [delivery.recipient_id ?? '']))[0];
    if (!profile) return;
    const locale = isLocale(profile.locale) ? profile.locale : services.config.defaultLocale;
    const item = await emailItem(services, delivery, locale, { withContent: true });
    try {
      await sendEmail(services, profile.email, singleEmail(item, locale), item.unsubscribeUrl);
      responseCode = 250;
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode ?? null;
      failure = { status: code, detail: error instanceof Error ? error.message : String(error) };
    }
  } else {
    const target = await queries.unsafeSelectTarget(db, delivery.target_id ?? '');
    if (!target) return;
    const result = await postTarget(services, target, delivery);
    responseCode = result.status;
    if (!result.ok) failure = { status: result.status, detail: `${result.reason}: ${result.detail}` };
  }
  const now = services.now();
  if (!failure) {
    await queries.updateDelivery(db, deliveryId, {
      status: 'sent',
      attempts: job.attempts,
      response_code: responseCode,
      last_error: null,
      sent_at: now,
      updated_at: now,
    });
    return;
  }
  const isFinal = job.attempts >= job.max_attempts;
  await queries.updateDelivery(db, deliveryId, {
    status: isFinal ? 'failed' : 'queued',
    attempts: job.attempts,
    response_code: failure.status,
    last_error: failure.detail.slice(0, 1000),
    updated_at: now,
  });
  if (!isFinal) throw new Error(failure.detail);
}

type TargetRow = Awaited<ReturnType<typeof queries.unsafeSelectTarget>> & object;

export function postTarget(
  services: Services,
  target: TargetRow,
  delivery: Pick<Delivery, 'event_id' | 'event_type' | 'data' | 'created_at'>,
) {
  const locale = services.config.defaultLocale;
  const data = JSON.parse(delivery.data) as Record<string, unknown>;
  return postChat(
    { kind: target.kind as never, url: target.url, secret: target.secret },
    {
      eventId: delivery.event_id,
      eventType: delivery.event_type,
      title: text(data.message) || groupTitle(delivery.event_type, data, locale),
      url: absoluteLink(services, text(data.link)),
      linkLabel: locale === 'en' ? 'Open' : '查看',
      createdAt: delivery.created_at,
    },
    services.now(),
    services.config.webhookTimeoutMs,
  );
}

/** Hourly: each person whose digest hour it is gets one e-mail with what waited for it. */
export async function sendDigests(services: Services): Promise<number> {
  const { db } = services;
  const waiting = (await queries.selectDigestRecipients(db)).map((row) => row.recipient_id ?? '');
  const profiles = await queries.selectRecipientProfiles(db, waiting);
  const now = services.now();
  let sent = 0;
  for (const profile of profiles) {
    const timezone = profile.timezone ?? services.config.timezone;
    if (!isDigestHour(now, timezone, profile.digest_hour ?? 9)) continue;
    const deliveries = await queries.selectDigestDeliveries(db, [profile.id]);
    if (deliveries.length === 0) continue;
    const locale = isLocale(profile.locale) ? profile.locale : services.config.defaultLocale;
    const items = await Promise.all(deliveries.map((delivery) => emailItem(services, delivery, locale)));
    // Claim first: a second instance running the same hour finds nothing left to send.
    const claimed = await queries.claimDigestDeliveries(
      db,
      deliveries.map((d) => d.id),
      now,
    );
    if (claimed !== deliveries.length) continue;
    const types = [...new Set(deliveries.map((delivery) => delivery.event_type))];
    await sendEmail(
      services,
      profile.email,
      digestEmail(items, locale),
      await unsubscribeUrl(services, profile.id, types),
    );
    sent += 1;
  }
  return sent;
}

export async function registerNotificationJobs(services: Services): Promise<void> {
  services.outbox.subscribe('notifications', null, (event) => notifyEvent(services, event));
  services.scheduler.register(
    DELIVER_JOB,
    async (payload, job) => deliver(services, (payload as { deliveryId: string }).deliveryId, job),
    { maxAttempts: DELIVERY_ATTEMPTS },
  );
  services.scheduler.register(DIGEST_JOB, async () => {
    await sendDigests(services);
  });
  await services.scheduler.every(DIGEST_JOB, '0 * * * *');
  await registerReminderJobs(services);
}

// ——— The inbox ———

type NotificationRow = Awaited<ReturnType<typeof queries.selectInbox>>[number];

function toNotification(row: NotificationRow, locale: Locale) {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  return {
    id: row.id,
    type: row.type,
    reason: row.reason,
    title: notificationTitle(row.type, data, locale),
    objectType: row.object_type,
    objectId: row.object_id,
    link: row.link,
    readAt: row.read_at,
    createdAt: row.created_at,
  };
}

/** A live message as the page shows it, in the listener's language. */
export function liveNotification(message: LiveMessage, locale: Locale) {
  const notification = message.notification;
  if (!notification) return null;
  return {
    id: notification.id,
    type: notification.type,
    title: notificationTitle(notification.type, notification.data, locale),
    link: notification.link,
    createdAt: notification.createdAt,
  };
}

export async function listInbox(
  context: WorkspaceContext,
  { options }: { options: { cursor?: string | undefined; limit: number; unread: boolean } },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'workspace.read');
  const rows = await queries.selectInbox(services.db, {
    workspaceId,
    userId: actor.userId,
    cursor: options.cursor,
    unreadOnly: options.unread,
    limit: options.limit,
  });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((row) => toNotification(row, locale)),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
    unread: await queries.countUnread(services.db, workspaceId, actor.userId),
  };
}

export async function unreadCount(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'workspace.read');
  return queries.countUnread(services.db, workspaceId, actor.userId);
}

export async function markRead(
  services: Services,
  actor: Actor,
  workspaceId: string,
  target: { id: string; read: boolean } | { upToId?: string | undefined },
): Promise<number> {
  await authorize(services.db, actor, workspaceId, 'workspace.read');
  const now = services.now();
  let updated: number;
  if ('id' in target) {
    const row = await queries.selectNotification(services.db, workspaceId, actor.userId, target.id);
    if (!row) throw new AppError('notification_not_found');
    updated = await queries.setRead(services.db, target.id, target.read ? now : null);
  } else {
    updated = await queries.markAllRead(services.db, workspaceId, actor.userId, now, target.upToId);
  }
  // Other tabs of the same person update their count.
  if (updated > 0) await services.live.publish([{ userId: actor.userId, workspaceId, kind: 'read' }]);
  return updated;
}

// ——— Settings ———

export type NotificationSettingsInput = {
  timezone: string;
  quietStart: string | null;
  quietEnd: string | null;
  digest: boolean;
  digestHour: number;
  preferences: { eventType: string; channel: PersonalChannel; enabled: boolean }[];
};

export function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export async function getSettings(services: Services, actor: Actor) {
  const row = await queries.selectSettings(services.db, actor.userId);
  const stored = (await queries.selectPreferences(services.db, [actor.userId])).map((p) => ({
    eventType: p.event_type,
    channel: p.channel,
    enabled: p.enabled === 1,
  }));
  return {
    timezone: row?.timezone ?? services.config.timezone,
    quietStart: row?.quiet_start ?? null,
    quietEnd: row?.quiet_end ?? null,
    digest: row?.digest === 1,
    digestHour: row?.digest_hour ?? 9,
    isEmailConfigured: !!services.config.smtpUrl,
    preferences: NOTIFICATION_EVENT_TYPES.flatMap((eventType) =>
      PERSONAL_CHANNELS.map((channel) => ({
        eventType,
        channel,
        enabled: isChannelEnabled(stored, eventType, channel),
      })),
    ),
  };
}

export async function updateSettings(services: Services, actor: Actor, input: NotificationSettingsInput) {
  if (!isTimezone(input.timezone)) {
    throw new AppError('validation_failed', {}, [{ path: 'timezone', message: '' }]);
  }
  if ((input.quietStart === null) !== (input.quietEnd === null)) {
    throw new AppError('quiet_hours_incomplete', {}, [
      { path: input.quietStart ? 'quietEnd' : 'quietStart', message: '' },
    ]);
  }
  for (const [path, value] of [
    ['quietStart', input.quietStart],
    ['quietEnd', input.quietEnd],
  ] as const) {
    if (value !== null && parseClock(value) === null) {
      throw new AppError('validation_failed', {}, [{ path, message: '' }]);
    }
  }
  input.preferences.forEach((preference, index) => {
    if (!isNotificationEventType(preference.eventType)) {
      throw new AppError('validation_failed', {}, [{ path: `preferences.${index}.eventType`, message: '' }]);
    }
  });
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await queries.upsertSettings(trx, {
      user_id: actor.userId,
      timezone: input.timezone,
      quiet_start: input.quietStart,
      quiet_end: input.quietEnd,
      digest: input.digest ? 1 : 0,
      digest_hour: input.digestHour,
      updated_at: now,
    });
    for (const preference of input.preferences) {
      await queries.upsertPreference(trx, {
        user_id: actor.userId,
        event_type: preference.eventType,
        channel: preference.channel,
        enabled: preference.enabled ? 1 : 0,
        updated_at: now,
      });
    }
  });
  return getSettings(services, actor);
}
