import { z } from 'zod';
import { HEALTH_PAGE_SIZE } from '../../core/plan/health.ts';
import { WorkspaceParams } from '../http.ts';

export const ExportQuery = z.object({
  format: z.enum(['yaml', 'json']).default('yaml'),
  goalId: z.string().min(1).max(64).optional().describe("Only this goal's subtree and what it touches"),
});

export { WorkspaceParams };

export const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Check everything and report what would be created, then roll back'),
});

const Finding = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  chapter: z.enum(['goals', 'tasks', 'schedule', 'processes', 'kpis', 'cadence']),
  path: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
  subject: z.string().nullable(),
});

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    created: z.object({
      kpis: z.number().int(),
      goals: z.number().int(),
      keyResults: z.number().int(),
      tasks: z.number().int(),
      dependencies: z.number().int(),
      processes: z.number().int(),
      routines: z.number().int(),
    }),
    items: z.array(
      z.object({
        kind: z.enum(['kpi', 'goal', 'task', 'process', 'routine']),
        key: z.string(),
        title: z.string(),
      }),
    ),
    people: z.array(z.object({ email: z.string(), name: z.string() })),
    findings: z.array(Finding),
  })
  .meta({ id: 'PlanImportReport' });

/**
 * A large plan has tens of thousands of findings (the counts and scores cover them all): the health answer lists
 * each chapter's first page (HEALTH_PAGE_SIZE), and …/plan/health/findings the others from the same computation.
 */
export const HEALTH_PAGE_MAX = 50;

/** When the answer's computation began (epoch ms); null while a large plan's first answer is computed. */
const AnswerTime = { computedAt: z.number().int().nullable() };

const Chapter = z.enum(['goals', 'tasks', 'schedule', 'processes', 'kpis', 'cadence']);

/** Database ids of the goals, tasks and processes the findings name, for links. */
const NamedIds = z.object({
  goals: z.record(z.string(), z.string()),
  tasks: z.record(z.string(), z.string()),
  processes: z.record(z.string(), z.string()),
});

export const PlanHealth = z
  .object({
    score: z.number().int().min(0).max(100),
    chapters: z.array(
      z.object({
        chapter: Chapter,
        score: z.number().int().min(0).max(100),
        items: z.number().int(),
        /** Every finding of the chapter; `findings` is the first page (the most severe), the rest are paged. */
        total: z.number().int(),
        findings: z.array(Finding),
      }),
    ),
    counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
    /** The 100 goals with the weakest SMART scores, weakest first; `smartTotal` goals were checked. */
    smart: z.array(z.object({ goal: z.string(), title: z.string(), score: z.number() })),
    smartTotal: z.number().int(),
    ids: NamedIds,
    ...AnswerTime,
    /** Computed before the latest change or over a minute ago: a newer answer is on its way when `refreshing`. */
    stale: z.boolean(),
    /** A recomputation is under way (false after a failed one, until it is tried again): ask again shortly. */
    refreshing: z.boolean(),
    /**
     * No answer yet: a large plan's first one is being computed (the rest of this answer is empty). Ask again
     * shortly; `progress` says how far it has come.
     */
    computing: z.boolean(),
    /** How far the computation under way has come, in steps (tasks read, goals and tasks checked), when known. */
    progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  })
  .meta({ id: 'PlanHealth' });

export const PlanHealthFindingsQuery = z.object({
  chapter: Chapter,
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(HEALTH_PAGE_MAX).default(HEALTH_PAGE_SIZE),
});

export const PlanHealthFindings = z
  .object({ total: z.number().int(), findings: z.array(Finding), ids: NamedIds, ...AnswerTime })
  .meta({ id: 'PlanHealthFindings' });

const Day = z.iso.date().describe('Calendar day, YYYY-MM-DD');

export const FromTemplateBody = z.object({
  template: z.enum(['user-growth', 'ecommerce', 'content', 'community', 'launch']),
  locale: z.enum(['zh-CN', 'en']),
  start: Day,
  people: z
    .record(z.string().max(40), z.string().trim().min(3).max(320))
    .describe('Role key → member e-mail'),
  targets: z
    .record(z.string().max(64), z.object({ baseline: z.number(), target: z.number() }))
    .optional()
    .describe('KPI key → baseline and target of its key result'),
  name: z.string().trim().min(1).max(200).optional(),
  dryRun: z.boolean().default(false),
});

export const TemplateList = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      description: z.string(),
      roles: z.array(z.object({ key: z.string(), name: z.string() })),
      keyResults: z.array(
        z.object({
          kpi: z.string(),
          title: z.string(),
          unit: z.string(),
          baseline: z.number(),
          target: z.number(),
        }),
      ),
    }),
  ),
});
