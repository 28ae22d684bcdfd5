import { z } from 'zod';
import { Day } from '../kpis/schemas.ts';

export const Skill = z.object({
  skill: z.string().trim().min(1).max(50),
  level: z.number().int().min(1).max(5),
});

export const Person = z
  .object({
    userId: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    weeklyCapacityHours: z.number(),
    skills: z.array(Skill),
    unavailableDays: z.array(z.string()),
  })
  .meta({ id: 'Person' });

export const CalendarDay = z.object({
  day: Day,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().max(50).nullable().optional(),
});

/** One cell of the heatmap: the tasks behind it come from GET …/workload/cell when it is opened. */
export const WeekLoad = z.object({
  week: z.string(),
  plannedHours: z.number(),
  capacityHours: z.number(),
  availableDays: z.number(),
  utilisation: z.number().nullable(),
  isOverAllocated: z.boolean(),
  taskCount: z.number().int(),
});

export const CellTasks = z.object({
  tasks: z.array(z.object({ taskId: z.string(), title: z.string(), hours: z.number() })),
});
