import { z } from 'zod';
import { AT_LEAST_ONE_FIELD, WBS_ORDER_NEEDS_LEVEL } from '../../core/errors/validation.ts';
import { epochMs, Id } from '../http.ts';
import { Day } from '../kpis/schemas.ts';
import { PRIORITIES, TASK_STATUSES } from './service.ts';

export const TaskStatus = z.enum(TASK_STATUSES);
export const Priority = z.enum(PRIORITIES);
export const RaciRole = z.enum(['R', 'A', 'C', 'I']);

const ChecklistItem = z.object({ text: z.string().trim().min(1).max(500), done: z.boolean() });
const RequiredSkill = z.object({
  skill: z.string().trim().min(1).max(50),
  minLevel: z.number().int().min(1).max(5),
});
export const RoleAssignment = z.object({ userId: Id, role: RaciRole });

export const TaskSchema = z
  .object({
    id: z.string(),
    goalId: z.string().nullable(),
    parentId: z.string().nullable(),
    position: z.number().int(),
    isMilestone: z.boolean(),
    title: z.string(),
    description: z.string().nullable(),
    status: TaskStatus,
    priority: Priority,
    estimateHours: z.number().nullable(),
    startDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    bufferDays: z.number().int(),
    checklist: z.array(z.object({ text: z.string(), done: z.boolean() })),
    labels: z.array(z.string()),
    requiredSkills: z.array(z.object({ skill: z.string(), minLevel: z.number() })),
    recurrenceId: z.string().nullable(),
    occurrence: z.string().nullable(),
    roles: z.array(z.object({ userId: z.string(), name: z.string(), role: RaciRole })),
    completedAt: epochMs.nullable(),
    updatedAt: epochMs,
  })
  .meta({ id: 'Task' });

const TaskWithWbs = TaskSchema.extend({ wbs: z.string().describe('Derived from position: 1, 1.2, 1.2.3') });

/** A row of the task list: the task with its WBS code and how many subtasks it has (the tree's expand arrow). */
export const TaskListItem = TaskWithWbs.extend({ childCount: z.number().int() }).meta({ id: 'TaskListItem' });

/**
 * A board card: the fields of a list row that the card, the board's lanes and a status drag use (0.58 of its
 * bytes). A projection of the task, not a shape of its own; the task drawer reads the whole task by id.
 */
export const TaskCard = TaskWithWbs.pick({
  id: true,
  goalId: true,
  isMilestone: true,
  title: true,
  status: true,
  priority: true,
  dueDate: true,
  wbs: true,
  roles: true,
}).meta({
  id: 'TaskCard',
  description:
    "A board card: the task's fields a card shows; its roles are the Responsible and Accountable only",
});

const TaskFields = {
  title: z.string().trim().min(1).max(300),
  description: z.string().max(20_000).nullable().optional(),
  goalId: Id.nullable().optional(),
  parentId: Id.nullable().optional(),
  isMilestone: z.boolean().optional(),
  status: TaskStatus.optional(),
  priority: Priority.optional(),
  estimateHours: z.number().min(0).max(10_000).nullable().optional(),
  startDate: Day.nullable().optional(),
  dueDate: Day.nullable().optional(),
  bufferDays: z.number().int().min(0).max(365).optional(),
  checklist: z.array(ChecklistItem).max(100).optional(),
  labels: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  requiredSkills: z.array(RequiredSkill).max(10).optional(),
};

export const CreateTaskBody = z.object({ ...TaskFields, roles: z.array(RoleAssignment).max(50).optional() });

export const UpdateTaskBody = z
  .object({ ...TaskFields, position: z.number().int().min(0).optional() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });

export const TaskDetail = z.object({
  task: TaskWithWbs,
  predecessors: z.array(
    z.object({ taskId: z.string(), title: z.string(), wbs: z.string(), lagDays: z.number().int() }),
  ),
  successors: z.array(
    z.object({ taskId: z.string(), title: z.string(), wbs: z.string(), lagDays: z.number().int() }),
  ),
  children: z.array(TaskWithWbs),
});

/** What a task-list cursor holds: the last row's sort value (priority, position, due day or none) and its id. */
const TaskCursor = z.strictObject({
  value: z.union([z.number().int().min(-2_147_483_648).max(2_147_483_647), Day, z.null()]),
  id: Id,
});

/** A cursor is base64url JSON; anything that does not decode to a `TaskCursor` is one error on `cursor`. */
const CursorParam = z
  .string()
  .max(500)
  .transform((text, context) => {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      json = undefined;
    }
    const decoded = TaskCursor.safeParse(json);
    if (decoded.success) return decoded.data;
    context.addIssue({ code: 'custom', message: 'cursor', input: text });
    return z.NEVER;
  });

/** The sort value a cursor must carry for each sort order. */
const CURSOR_VALUE: Record<'due' | 'created' | 'priority' | 'wbs', (value: unknown) => boolean> = {
  due: (value) => typeof value === 'string',
  priority: (value) => typeof value === 'number' && value >= 0 && value <= 10,
  wbs: (value) => typeof value === 'number',
  created: (value) => value === null,
};

export const TaskListQuery = z
  .object({
    status: z
      .string()
      .max(200)
      .transform((value) => value.split(',').filter(Boolean))
      .pipe(z.array(TaskStatus))
      .optional()
      .describe('Comma-separated statuses'),
    assigneeId: Id.optional().describe('Responsible or Accountable'),
    goalId: Id.optional(),
    parentId: Id.optional(),
    label: z.string().max(40).optional(),
    q: z.string().max(100).optional(),
    dueBefore: Day.optional(),
    dueAfter: Day.optional(),
    milestone: z.enum(['true', 'false']).optional(),
    root: z.enum(['true', 'false']).optional().describe('true: only top-level tasks (no parent)'),
    sort: z
      .enum(['due', 'created', 'priority', 'wbs'])
      .default('due')
      .describe('wbs: sibling order, for one level of the tree (needs parentId or root=true)'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: CursorParam.optional(),
  })
  .superRefine((query, context) => {
    // A cursor from another sort order would compare the wrong column.
    if (query.cursor && !CURSOR_VALUE[query.sort](query.cursor.value))
      context.addIssue({ code: 'custom', path: ['cursor'], message: 'cursor', input: query.cursor });
    // Sibling order means something within one level of the tree only.
    if (query.sort === 'wbs' && !query.parentId && query.root !== 'true')
      context.addIssue({ code: 'custom', path: ['sort'], message: WBS_ORDER_NEEDS_LEVEL, input: query.sort });
    if (query.parentId && query.root === 'true')
      context.addIssue({ code: 'custom', path: ['root'], message: 'root', input: query.root });
  });

export const ScheduleSize = z.object({
  tasks: z.number().int(),
  /** Above this many tasks the timeline asks for a goal before drawing. */
  wholePlanLimit: z.number().int(),
});

export const TaskLabels = z
  .object({ labels: z.array(z.string()), truncated: z.boolean().describe('More labels than listed') })
  .meta({ id: 'TaskLabels' });

export const RaciQuery = z.object({
  goalId: Id.optional(),
  personId: Id.optional().describe('Only tasks on which this person holds a role'),
  q: z.string().max(100).optional().describe('The title contains it'),
  gaps: z.enum(['true', 'false']).optional().describe('Only open tasks whose roles break a rule'),
  people: z
    .string()
    .max(20 * 40)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(Id).max(20))
    .optional()
    .describe('Comma-separated people to show as columns besides those on the page'),
  maxAccountable: z.coerce.number().int().min(1).max(1000).default(8),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ScheduleResponse = z.object({
  today: z.string(),
  projectStart: z.string(),
  projectFinish: z.string(),
  criticalPath: z.array(z.string()),
  tasks: z.array(
    z
      .object({
        id: z.string(),
        goalId: z.string().nullable(),
        parentId: z.string().nullable(),
        isMilestone: z.boolean(),
        title: z.string(),
        status: TaskStatus,
        priority: Priority,
        estimateHours: z.number().nullable(),
        startDate: z.string().nullable(),
        dueDate: z.string().nullable(),
        bufferDays: z.number().int(),
        labels: z.array(z.string()),
        roles: z.array(z.object({ userId: z.string(), name: z.string(), role: RaciRole })),
        wbs: z.string().describe('Derived from position: 1, 1.2, 1.2.3'),
        earlyStart: z.string(),
        earlyFinish: z.string(),
        lateStart: z.string(),
        lateFinish: z.string(),
        totalSlack: z.number(),
        freeSlack: z.number(),
        isCritical: z.boolean(),
        isFinished: z.boolean(),
        completedAt: epochMs.nullable(),
      })
      .meta({ id: 'ScheduleTask' }),
  ),
  dependencies: z.array(
    z.object({ fromTaskId: z.string(), toTaskId: z.string(), lagDays: z.number().int() }),
  ),
});

export const RaciMatrix = z.object({
  /** Tasks in the scope (all pages). */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  /** Open tasks in the scope whose roles break a rule. */
  gapCount: z.number().int(),
  /** True when every member is a column; otherwise the people with a role on the page and those asked for. */
  allPeople: z.boolean(),
  people: z.array(z.object({ userId: z.string(), name: z.string(), title: z.string().nullable() })),
  tasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      wbs: z.string(),
      status: TaskStatus,
      cells: z.array(z.object({ personId: z.string(), role: RaciRole })),
    }),
  ),
  /** Gaps of the tasks on this page. */
  taskWarnings: z.array(
    z.object({ taskId: z.string(), issues: z.array(z.object({ code: z.string(), message: z.string() })) }),
  ),
  /** How many people are Accountable for more open tasks of the scope than the limit. */
  peopleWarningCount: z.number().int(),
  /** The most loaded of them (at most 20), most loaded first. */
  peopleWarnings: z.array(z.object({ userId: z.string(), count: z.number().int(), message: z.string() })),
});
