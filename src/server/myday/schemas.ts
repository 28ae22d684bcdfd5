import { z } from 'zod';
import { epochMs } from '../http.ts';

const Day = z.string().describe('Calendar day, YYYY-MM-DD, in the workspace time zone');

export const MyDayItemSchema = z
  .object({
    kind: z.enum(['task', 'step', 'check_in', 'kpi_value']),
    id: z.string().describe('Task id, case (run) id, goal id or KPI key'),
    title: z.string(),
    dueDay: Day.nullable(),
    dueAt: epochMs.nullable().describe('A step’s SLA deadline'),
    status: z.string().nullable(),
    roles: z.array(z.string()).describe('A task’s RACI letters the caller holds (R, A)'),
    isMilestone: z.boolean(),
    context: z.string().nullable().describe('A task’s goal, a step’s process'),
    stepName: z.string().nullable(),
    period: z.string().nullable().describe('The period a KPI value is due for'),
  })
  .meta({ id: 'MyDayItem' });

export const MyDaySchema = z
  .object({
    today: Day,
    timezone: z.string(),
    groups: z.object({
      overdue: z.array(MyDayItemSchema),
      today: z.array(MyDayItemSchema),
      week: z.array(MyDayItemSchema).describe('Due in the six days after today'),
      later: z.array(MyDayItemSchema).describe('Due later, or without a date'),
    }),
    milestones: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        dueDay: Day,
        status: z.string(),
        goal: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'MyDay' });
