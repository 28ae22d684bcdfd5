import { z } from 'zod';
import {
  MAX_ACTIONS,
  MAX_CAUSES,
  MAX_KPIS,
  MAX_LESSONS,
  MAX_LIST_ITEMS,
  MAX_TAGS,
  MAX_WHYS,
  RETRO_SUBJECTS,
} from '../../core/retros/index.ts';
import { epochMs, Id, limitParam, WorkspaceParams } from '../http.ts';

const Day = z.iso.date().describe('Calendar day, YYYY-MM-DD');
const Person = z.object({ id: z.string(), name: z.string() });
const Item = z.string().max(1000);
const Version = z.object({ id: z.string(), number: z.number().int() });

export const CauseInput = z.object({
  problem: z.string().max(500),
  whys: z.array(z.string().max(500)).max(MAX_WHYS).describe('Answers to "why?", each about the one before'),
});

export const LessonInput = z.object({
  text: z.string().max(2000),
  tags: z.array(z.string().max(60)).max(MAX_TAGS).optional(),
});

export const ActionInput = z.object({
  title: z.string().trim().min(1).max(300),
  ownerId: Id.nullable()
    .optional()
    .describe('Responsible and Accountable for the task: required (an action without one is refused)'),
  dueDate: Day,
});

export const RetroFigure = z
  .object({
    kind: z.enum(['goal', 'keyResult', 'kpi', 'milestone', 'tasks', 'cases', 'leadTime', 'sla']),
    label: z.string(),
    unit: z.string().nullable(),
    baseline: z.number().nullable(),
    target: z.number().nullable(),
    actual: z.number().nullable(),
    achievement: z.number().nullable().describe('Share of the way from baseline to target; 1 = reached'),
    met: z.boolean().nullable(),
    link: z.string().nullable().describe('Path of the evidence in the web app'),
  })
  .meta({ id: 'RetroFigure' });

export const RetroAction = z
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
  .meta({ id: 'RetroAction' });

export const LessonSuggestion = z
  .object({
    lessonId: z.string(),
    retroId: z.string(),
    retroTitle: z.string(),
    text: z.string(),
    tags: z.array(z.string()),
    reason: z.enum(['same_subject', 'shared_tags', 'similar_title']),
  })
  .meta({ id: 'LessonSuggestion' });

const Completion = z.object({
  total: z.number().int(),
  done: z.number().int(),
  percent: z.number().int().nullable(),
});

export const RetroSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    subjectType: z.enum(RETRO_SUBJECTS),
    subjectId: z.string().nullable(),
    subjectTitle: z.string().nullable(),
    processVersion: Version.nullable().describe('The process version reviewed'),
    newVersion: Version.nullable().describe('The process version this 复盘 opened'),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    status: z.enum(['draft', 'done']),
    owner: Person.nullable(),
    completion: Completion.describe('Actions done of those counted (cancelled and deleted tasks left out)'),
    lessonCount: z.number().int(),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'RetroSummary' });

export const Retro = RetroSummary.extend({
  kpiIds: z.array(z.string()),
  goalReview: z.string(),
  wentWell: z.array(z.string()),
  wentBadly: z.array(z.string()),
  causes: z.array(
    z.object({
      problem: z.string(),
      whys: z.array(z.string()),
      rootCause: z.string().describe('The last why'),
    }),
  ),
  proposedChange: z.string().nullable(),
  figures: z
    .array(RetroFigure)
    .describe('回顾目标: read from the data while a draft, kept as they were once done'),
  figuresFrozen: z.boolean(),
  lessons: z.array(z.object({ id: z.string(), text: z.string(), tags: z.array(z.string()) })),
  actions: z.array(RetroAction),
  suggestions: z.array(LessonSuggestion).describe('Lessons from similar past 复盘'),
}).meta({ id: 'Retro' });

const Steps = {
  goalReview: z.string().max(5000).optional(),
  wentWell: z.array(Item).max(MAX_LIST_ITEMS).optional(),
  wentBadly: z.array(Item).max(MAX_LIST_ITEMS).optional(),
  causes: z.array(CauseInput).max(MAX_CAUSES).optional(),
  lessons: z.array(LessonInput).max(MAX_LESSONS).optional(),
  proposedChange: z.string().max(2000).nullable().optional(),
  ownerId: Id.nullable().optional(),
  kpiIds: z.array(Id).max(MAX_KPIS).optional().describe('KPIs whose figures a campaign or period reviews'),
};

export const RetroBody = z.object({
  title: z.string().trim().min(1).max(200),
  subjectType: z.enum(RETRO_SUBJECTS),
  subjectId: Id.nullable()
    .optional()
    .describe('The goal, milestone task or process; none for a campaign or period'),
  processVersionId: Id.nullable().optional().describe('The version reviewed; the current one by default'),
  periodStart: Day.nullable().optional(),
  periodEnd: Day.nullable().optional(),
  ...Steps,
  actions: z.array(ActionInput).max(MAX_ACTIONS).optional().describe('Each becomes a task, all or none'),
});

export const RetroChanges = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  periodStart: Day.nullable().optional(),
  periodEnd: Day.nullable().optional(),
  ...Steps,
  status: z.enum(['draft', 'done']).optional().describe('done keeps the figures as they are today'),
});

export const ActionsBody = z.object({ actions: z.array(ActionInput).min(1).max(MAX_ACTIONS) });

export const RetroParams = WorkspaceParams.extend({ retroId: Id });
export const RetroListQuery = z.object({
  subjectType: z.enum(RETRO_SUBJECTS).optional(),
  subjectId: Id.optional(),
  limit: limitParam,
});
export const SuggestionQuery = z.object({
  subjectType: z.enum(RETRO_SUBJECTS),
  subjectId: Id.optional(),
  title: z.string().max(200).optional(),
  tags: z.string().max(400).optional().describe('Comma-separated'),
});
export const ImprovementQuery = z.object({
  tag: z.string().max(60).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(['open', 'overdue', 'done']).optional(),
});

export const ImprovementLog = z
  .object({
    lessons: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        tags: z.array(z.string()),
        retroId: z.string(),
        retroTitle: z.string(),
        createdAt: epochMs,
      }),
    ),
    actions: z.array(RetroAction.extend({ retroId: z.string(), retroTitle: z.string() })),
    tags: z.array(z.object({ tag: z.string(), count: z.number().int() })),
    completion: Completion,
  })
  .meta({ id: 'ImprovementLog' });
