import {
  AT_LEAST_ONE_FIELD,
  UNKNOWN_TIME_ZONE,
  WORKDAY_ENDS_BEFORE_START,
} from '../../core/errors/validation.ts';
import { isTimeZone } from '../../core/processes/zone.ts';
import { WEEK_PATTERNS } from '../../core/schedule/calendar.ts';
import { parseClockTime } from '../../core/schedule/worktime.ts';
import { z } from 'zod';
import { PERMISSIONS } from '../../core/permissions/index.ts';
import { RoleSchema } from '../auth/schemas.ts';
import { epochMs } from '../http.ts';

export const WorkspaceSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: epochMs })
  .meta({ id: 'Workspace' });

export const WorkspaceName = z.string().trim().min(1).max(100);

export const MemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    title: z.string().nullable(),
    weeklyCapacityHours: z.number(),
    joinedAt: epochMs,
  })
  .meta({ id: 'Member' });

export const WorkspaceWithRole = z.object({ workspace: WorkspaceSchema, role: RoleSchema });

export const WorkspaceDetail = z.object({
  workspace: WorkspaceSchema,
  role: RoleSchema,
  permissions: z.array(z.enum(PERMISSIONS as [string, ...string[]])),
});

export const UpdateMemberBody = z
  .object({
    role: RoleSchema.optional(),
    title: z.string().trim().max(100).nullable().optional(),
    weeklyCapacityHours: z.number().min(0).max(168).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });

const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/)
  .refine((text) => parseClockTime(text) !== null)
  .describe('HH:mm of the local day (24:00 ends it)');

export const WeekPatternSchema = z
  .enum(WEEK_PATTERNS as [string, ...string[]])
  .describe('five_day, six_day, or alternating (大小周: six- and five-day weeks in turn)');

export const WorkTimeSchema = z
  .object({
    timeZone: z.string(),
    workStart: z.string(),
    workEnd: z.string(),
    weekPattern: WeekPatternSchema,
    bigWeekOf: z.string().nullable(),
    /** Today in the workspace's time zone. */
    today: z.string(),
  })
  .meta({ id: 'WorkTime' });

export const WorkTimeBody = z
  .object({
    timeZone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine(isTimeZone, { message: UNKNOWN_TIME_ZONE })
      .describe('IANA time zone, e.g. Asia/Shanghai'),
    workStart: ClockTime,
    workEnd: ClockTime,
    weekPattern: WeekPatternSchema,
    bigWeekOf: z.iso.date().nullable().optional().describe('A day in a six-day week of the 大小周'),
  })
  .superRefine((body, context) => {
    const start = parseClockTime(body.workStart);
    const end = parseClockTime(body.workEnd);
    if (start !== null && end !== null && end <= start)
      context.addIssue({ code: 'custom', path: ['workEnd'], message: WORKDAY_ENDS_BEFORE_START });
    if (body.weekPattern === 'alternating' && !body.bigWeekOf)
      context.addIssue({
        code: 'invalid_type',
        expected: 'string',
        path: ['bigWeekOf'],
        message: 'received undefined',
      });
  });
