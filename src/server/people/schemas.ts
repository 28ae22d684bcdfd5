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

/**
 * The heatmap, compact (core/workload/heatmap.ts): weeks once, people once; cells are the numbers of each week in
 * arrays, left out when they hold nothing. The page derives capacity, utilisation and over-allocation with
 * heatmapCells; the tasks behind a cell come from GET …/workload/cell when it is opened.
 */
export const WorkloadHeatmap = z.object({
  weekStarts: z.array(z.string()).describe('The Monday of each week'),
  workingDays: z.array(z.number().int()).describe('Working days of each week in the workspace calendar'),
  workingDaysPerWeek: z
    .number()
    .int()
    .describe('Working days of an ordinary week (what weekly capacity covers)'),
  people: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      capacity: z.number().describe('Weekly capacity in hours'),
      days: z
        .array(z.number().int())
        .optional()
        .describe('Available working days per week; only when away on a working day of the window'),
      hours: z
        .array(z.number())
        .optional()
        .describe('Planned hours per week; only when the person has load in the window'),
      tasks: z.array(z.number().int()).optional().describe('Tasks putting hours in each week; with hours'),
    }),
  ),
});

export const CellTasks = z.object({
  tasks: z.array(z.object({ taskId: z.string(), title: z.string(), hours: z.number() })),
});
