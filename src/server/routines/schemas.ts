import { z } from 'zod';
import { DAY_OUT_OF_RANGE } from '../../core/errors/validation.ts';
import { isRoutineDay, ROUTINE_DAYS } from '../../core/tasks/routineDays.ts';
import { epochMs, Id, WorkspaceParams } from '../http.ts';
import { Day } from '../kpis/schemas.ts';
import { RoleAssignment } from '../tasks/schemas.ts';

export const Template = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(20_000).nullable().optional(),
  estimateHours: z.number().min(0).max(1000).nullable().optional(),
  goalId: Id.nullable().optional(),
  parentId: Id.nullable().optional(),
  roles: z.array(RoleAssignment).max(50).optional(),
});

export const Rule = z.string().trim().min(5).max(500).describe('RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO');

// Bounded so no request makes the rule walk from year 1 (see ROUTINE_DAYS).
export const RoutineDay = Day.refine(isRoutineDay, { message: DAY_OUT_OF_RANGE }).describe(
  `Calendar day, YYYY-MM-DD, from ${ROUTINE_DAYS.first} to ${ROUTINE_DAYS.last}`,
);

export const Backfill = z
  .object({
    created: z.number().int().describe('Occurrences created as tasks now'),
    omitted: z
      .number()
      .int()
      .describe('Past occurrences not created: a routine catches up on 7 days at most'),
    omittedBefore: z.string().nullable().describe('The omitted occurrences are those before this day'),
  })
  .meta({ id: 'RoutineBackfill' });

export const Routine = z
  .object({
    id: z.string(),
    rule: z.string(),
    startsOn: z.string(),
    template: Template.extend({ roles: z.array(RoleAssignment) }),
    nextOccurrence: z.string().nullable(),
    upcoming: z.array(z.string()).describe('The next five occurrences'),
    skipped: z.array(z.string()),
    updatedAt: epochMs,
  })
  .meta({ id: 'Routine' });

export const RoutineParams = WorkspaceParams.extend({ routineId: Id });
