import { z } from 'zod';
import {
  AGENDA_LEAD_HOURS,
  MAX_AGENDA_LEAD_HOURS,
  AGENDA_KINDS,
  AGENDA_SOURCES,
  MAX_AGENDA_ITEMS,
  MAX_ATTENDEES,
  MAX_DECISIONS,
} from '../../core/meetings/index.ts';
import { LOCALES } from '../../core/i18n/index.ts';
import { epochMs, Id, limitParam, WorkspaceParams } from '../http.ts';

const Day = z.iso.date().describe('Calendar day, YYYY-MM-DD');
const Clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .describe('HH:MM, local time');
const Person = z.object({ id: z.string(), name: z.string() });

export const AgendaItem = z
  .object({
    id: z.string().min(1).max(64),
    kind: z.enum(AGENDA_KINDS),
    source: z.enum(AGENDA_SOURCES).describe('live: read from data · carried: open action · manual: written'),
    title: z.string().trim().min(1).max(300),
    detail: z.string().max(1000).nullable(),
    link: z
      .string()
      .max(500)
      .regex(/^\/w\//, 'a path inside the app')
      .nullable()
      .describe('Path of the object in the web app'),
  })
  .meta({ id: 'AgendaItem' });

export const MeetingAction = z
  .object({
    id: z.string(),
    title: z.string(),
    owner: Person.nullable(),
    dueDate: z.string(),
    taskId: z.string().nullable().describe('The task the action became; null once the task is deleted'),
    taskStatus: z.string().nullable(),
    isOpen: z.boolean(),
    createdAt: epochMs,
  })
  .meta({ id: 'MeetingAction' });

export const Meeting = z
  .object({
    id: z.string(),
    seriesId: z.string().nullable(),
    title: z.string(),
    date: z.string(),
    startTime: z.string(),
    durationMinutes: z.number().int(),
    attendees: z.array(Person),
    agenda: z.array(AgendaItem),
    minutes: z.string().describe('Markdown'),
    minutesHtml: z.string().describe('The minutes as sanitised HTML'),
    decisions: z.array(z.string()),
    status: z.enum(['planned', 'held']),
    agendaSentAt: epochMs.nullable(),
    minutesSentAt: epochMs.nullable(),
    actions: z.array(MeetingAction),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'Meeting' });

export const MeetingSummary = Meeting.omit({ agenda: true, minutes: true, minutesHtml: true, actions: true })
  .extend({ openActions: z.number().int(), actionCount: z.number().int() })
  .meta({ id: 'MeetingSummary' });

export const MeetingSeries = z
  .object({
    id: z.string(),
    title: z.string(),
    rule: z.string(),
    startsOn: z.string(),
    startTime: z.string(),
    durationMinutes: z.number().int(),
    attendees: z.array(Person),
    owner: Person.nullable(),
    nextDate: z.string().nullable().describe('The day after the latest meeting the rule gives, if any'),
    agendaLeadHours: z.number().int().describe('Hours before each meeting its agenda is built and sent'),
    createdAt: epochMs,
  })
  .meta({ id: 'MeetingSeries' });

const Attendees = z.array(Id).max(MAX_ATTENDEES);

export const MeetingBody = z.object({
  title: z.string().trim().min(1).max(200),
  date: Day,
  startTime: Clock.default('09:00'),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  attendeeIds: Attendees,
});

export const MeetingChanges = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  date: Day.optional(),
  startTime: Clock.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .optional(),
  attendeeIds: Attendees.optional(),
  agenda: z.array(AgendaItem).max(MAX_AGENDA_ITEMS).optional(),
  // Far above the limit the service enforces (413 minutes_too_long), so the limit is reported in words.
  minutes: z.string().max(1_000_000).optional(),
  decisions: z.array(z.string().trim().min(1).max(1000)).max(MAX_DECISIONS).optional(),
  status: z.enum(['planned', 'held']).optional(),
});

const AgendaLeadHours = z
  .number()
  .int()
  .min(1)
  .max(MAX_AGENDA_LEAD_HOURS)
  .describe('Hours before each meeting the scheduler builds and sends its agenda (1–168)');

export const SeriesBody = MeetingBody.omit({ date: true }).extend({
  rule: z.string().trim().min(1).max(500).describe('RRULE over days, e.g. FREQ=WEEKLY;BYDAY=MO'),
  startsOn: Day,
  agendaLeadHours: AgendaLeadHours.default(AGENDA_LEAD_HOURS),
});

export const SeriesChanges = z.object({ agendaLeadHours: AgendaLeadHours });

export const ActionBody = z.object({
  title: z.string().trim().min(1).max(300),
  ownerId: Id.describe('Responsible and Accountable for the task'),
  dueDate: Day,
});

export const MeetingParams = WorkspaceParams.extend({ meetingId: Id });
export const SeriesParams = WorkspaceParams.extend({ seriesId: Id });
export const MeetingListQuery = z.object({ seriesId: Id.optional(), limit: limitParam });
export const ExportQuery = z.object({
  format: z.enum(['md', 'docx']).default('md'),
  locale: z.enum(LOCALES).optional().describe('zh-CN or en; default the request’s language'),
});
