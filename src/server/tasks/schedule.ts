import { AppError } from '../../core/errors/index.ts';
import type { RaciRole } from '../../core/raci/index.ts';
import { scheduleTasks } from '../../core/schedule/cpm.ts';
import { taskProgress } from '../../core/schedule/progress.ts';
import { workingDaysBetween } from '../../core/schedule/calendar.ts';
import { wbsCodes } from '../../core/tasks/wbs.ts';
import type { Executor } from '../../db/types.ts';
import type { Actor, Services } from '../context.ts';
import { COMPRESS_MIN_BYTES, compressJson, pickEncoding, type Encoding } from '../plugins/compress.ts';
import { dayInTimezone } from '../time.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';
import { planRevisionCache } from './revisionCache.ts';
import { loadCalendar, priorityName, type TaskStatus } from './service.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

const HOURS_PER_DAY = 8;

/**
 * The timeline and board data: every task (a compact projection: no description, checklist or skills — the task
 * drawer reads those from GET …/tasks/:id) with its WBS code and people, the dependencies, and the critical path
 * method's dates and slack. Duration comes from the task's own start and due days when both are set, else from
 * its estimate at 8 hours a working day; its due day is a deadline that shows as slack (negative when missed).
 */
export async function computeSchedule(
  executor: Executor,
  workspaceId: string,
  today: string,
  timezone: string,
  goalId?: string,
) {
  const tasks = await queries.selectScheduleTasks(executor, workspaceId, goalId);
  // A goal's schedule reads the dependencies and roles of its own tasks, not those of the whole plan.
  const taskIds = goalId ? tasks.map((task) => task.id) : null;
  const [dependencies, calendar, roles] = await Promise.all([
    taskIds
      ? queries.selectDependenciesAmong(executor, workspaceId, taskIds)
      : queries.selectDependencies(executor, workspaceId),
    loadCalendar(executor, workspaceId),
    taskIds
      ? queries.selectRolesAmong(executor, workspaceId, taskIds)
      : queries.selectRoles(executor, workspaceId),
  ]);
  const ids = new Set(tasks.map((task) => task.id));
  const inScope = dependencies.filter(
    (dependency) => ids.has(dependency.from_task_id) && ids.has(dependency.to_task_id),
  );
  const hasPredecessor = new Set(inScope.map((dependency) => dependency.to_task_id));
  let projectStart: string | null = null;
  for (const task of tasks) {
    if (task.start_date !== null && (projectStart === null || task.start_date < projectStart))
      projectStart = task.start_date;
  }
  projectStart ??= today;
  const result = scheduleTasks({
    projectStart,
    calendar,
    statusDate: today,
    tasks: tasks.map((task) => ({
      ...taskProgress(
        {
          status: task.status,
          startDate: task.start_date,
          dueDate: task.due_date,
          completedDay: task.completed_at === null ? null : dayInTimezone(task.completed_at, timezone),
        },
        today,
      ),
      id: task.id,
      durationDays: task.is_milestone
        ? 0
        : task.start_date && task.due_date
          ? Math.max(1, workingDaysBetween(task.start_date, task.due_date, calendar))
          : Math.max(1, Math.ceil((task.estimate_hours ?? HOURS_PER_DAY) / HOURS_PER_DAY)),
      // A task that waits for others is scheduled by them; its own start pins only tasks nothing precedes.
      start: hasPredecessor.has(task.id) ? null : task.start_date,
      due: task.due_date,
      bufferDays: task.buffer_days,
    })),
    dependencies: inScope.map((dependency) => ({
      from: dependency.from_task_id,
      to: dependency.to_task_id,
      lagDays: dependency.lag_days,
    })),
  });
  if (!result.ok) throw new AppError('dependency_cycle', { cycle: String(result.error.params.cycle ?? '') });
  const scheduled = new Map(result.tasks.map((task) => [task.id, task]));
  const codes = wbsCodes(
    tasks.map((task) => ({ id: task.id, parentId: task.parent_id, position: task.position })),
  );
  // One pass over the roles, not one per task.
  const rolesOf = new Map<string, Array<{ userId: string; name: string; role: RaciRole }>>();
  for (const role of roles) {
    const list = rolesOf.get(role.task_id) ?? [];
    list.push({ userId: role.user_id, name: role.name, role: role.role as RaciRole });
    rolesOf.set(role.task_id, list);
  }
  return {
    today,
    projectStart,
    projectFinish: result.projectFinish,
    criticalPath: result.criticalPath,
    tasks: tasks.map((task) => {
      const dates = scheduled.get(task.id);
      return {
        id: task.id,
        goalId: task.goal_id,
        parentId: task.parent_id,
        isMilestone: task.is_milestone === 1,
        title: task.title,
        status: task.status as TaskStatus,
        priority: priorityName(task.priority),
        estimateHours: task.estimate_hours,
        startDate: task.start_date,
        dueDate: task.due_date,
        bufferDays: task.buffer_days,
        labels: parseLabels(task.labels),
        roles: rolesOf.get(task.id) ?? [],
        wbs: codes.get(task.id) ?? '',
        earlyStart: dates?.earlyStart ?? projectStart,
        earlyFinish: dates?.earlyFinish ?? projectStart,
        lateStart: dates?.lateStart ?? projectStart,
        lateFinish: dates?.lateFinish ?? projectStart,
        totalSlack: dates?.totalSlack ?? 0,
        freeSlack: dates?.freeSlack ?? 0,
        isCritical: dates?.isCritical ?? false,
        isFinished: dates?.isFinished ?? false,
        completedAt: task.completed_at,
      };
    }),
    dependencies: inScope.map((dependency) => ({
      fromTaskId: dependency.from_task_id,
      toTaskId: dependency.to_task_id,
      lagDays: dependency.lag_days,
    })),
  };
}

export type Schedule = Awaited<ReturnType<typeof computeSchedule>>;

function parseLabels(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((label): label is string => typeof label === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Above this many tasks the timeline shows a goal's schedule rather than the whole plan's: drawing a Gantt of
 * every task costs the browser seconds per thousand rows, and nobody reads one that long.
 */
export const WHOLE_PLAN_TIMELINE_LIMIT = 2000;

// Counting a workspace's tasks walks its index (17 ms at 100,000 tasks on PostgreSQL): once per plan revision.
const taskCounts = planRevisionCache<number>(1000);

/** How many tasks the plan has, and how many the timeline draws for the whole plan. */
export async function scheduleSize(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  return {
    tasks: await taskCounts(services.db, workspaceId, () => queries.countTasks(services.db, workspaceId)),
    wholePlanLimit: WHOLE_PLAN_TIMELINE_LIMIT,
  };
}

/** One computed schedule as sent: its JSON, and each compressed form once asked for. */
class ScheduleBody {
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();

  constructor(readonly json: string) {}

  compressed(encoding: Encoding): Promise<Buffer> {
    let body = this.encoded.get(encoding);
    if (!body) {
      body = compressJson(encoding, this.json);
      this.encoded.set(encoding, body);
    }
    return body;
  }
}

/** A plan's schedule as this instance holds it: the last one computed, and the one being computed. */
type PlanSchedule = {
  done?: { revision: number; body: ScheduleBody };
  running?: { revision: number; body: Promise<ScheduleBody> };
};

/** Plans kept per app instance (its `services`): a few workspaces, goals and days at most. */
const CACHE_ENTRIES = 24;
const caches = new WeakMap<Services, Map<string, PlanSchedule>>();
const computations = new WeakMap<Services, number>();

function cacheOf(services: Services): Map<string, PlanSchedule> {
  let cache = caches.get(services);
  if (!cache) {
    cache = new Map();
    caches.set(services, cache);
  }
  return cache;
}

/**
 * The schedule as sent, from the cache when nothing it reads has changed. Freshness is the workspace's plan
 * revision — a counter in the database that triggers move on every change to tasks, dependencies, task roles,
 * the calendar or a role holder's name (migration 0014) — read when the request arrives: any schedule computed
 * from a revision at least as new holds every write the caller could have seen. A computation reads the
 * revision before the data, so its data is as new as its revision or newer; every instance reads the same
 * counter, so none serves another's stale plan. The plan key adds the day (the project starts today when no task
 * has a start) and the goal filter.
 *
 * One computation per plan at a time: a request that finds one running for an older revision waits for it and
 * then shares the next, so readers arriving while the plan is being edited cost one computation per turn, not
 * one each (under the soak, writes moved the revision between nearly every two reads).
 */
export async function scheduleBody(
  services: Services,
  actor: Actor,
  workspaceId: string,
  goalId: string | undefined,
): Promise<ScheduleBody> {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const timeZone = await workspaceTimeZone(services, workspaceId);
  const today = dayInTimezone(services.now(), timeZone);
  const wanted = await queries.selectPlanRevision(services.db, workspaceId);
  const key = `${workspaceId}\u0000${today}\u0000${goalId ?? ''}`;
  const cache = cacheOf(services);
  for (;;) {
    const plan = cache.get(key) ?? {};
    // Most recently used last, so the oldest plan is the first to go.
    cache.delete(key);
    cache.set(key, plan);
    while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    if (plan.done && plan.done.revision >= wanted) return plan.done.body;
    if (plan.running) {
      if (plan.running.revision >= wanted) return plan.running.body;
      await plan.running.body.catch(() => undefined);
      continue;
    }
    const running = computeScheduleBody(services, workspaceId, today, timeZone, goalId, wanted);
    const shared = running.then(({ body }) => body);
    // The failure reaches this caller through `running` and the waiters through `shared`: never unhandled.
    shared.catch(() => undefined);
    plan.running = { revision: wanted, body: shared };
    try {
      const computed = await running;
      if (!plan.done || plan.done.revision < computed.revision) plan.done = computed;
      return computed.body;
    } finally {
      // A failure (a dependency loop) is not kept; the next request computes again.
      plan.running = undefined;
    }
  }
}

async function computeScheduleBody(
  services: Services,
  workspaceId: string,
  today: string,
  timeZone: string,
  goalId: string | undefined,
  atLeast: number,
): Promise<{ revision: number; body: ScheduleBody }> {
  computations.set(services, (computations.get(services) ?? 0) + 1);
  // Read again: the newest revision now, so that the readers who came in meanwhile can share this one.
  const revision = Math.max(atLeast, await queries.selectPlanRevision(services.db, workspaceId));
  const schedule = await computeSchedule(services.db, workspaceId, today, timeZone, goalId);
  return { revision, body: new ScheduleBody(JSON.stringify(schedule)) };
}

/** How many schedules an app instance has computed (tests). */
export function scheduleComputations(services: Services): number {
  return computations.get(services) ?? 0;
}

/** How many plans' schedules an app instance holds (tests). */
export function cachedSchedules(services: Services): number {
  return [...cacheOf(services).values()].filter((plan) => plan.done).length;
}

/** What to send for an Accept-Encoding header: the JSON, or its cached brotli or gzip form. */
export async function encodeSchedule(
  body: ScheduleBody,
  acceptEncoding: string | undefined,
): Promise<{ payload: string | Buffer; encoding: Encoding | null }> {
  const encoding = body.json.length >= COMPRESS_MIN_BYTES ? pickEncoding(acceptEncoding) : null;
  return encoding
    ? { payload: await body.compressed(encoding), encoding }
    : { payload: body.json, encoding: null };
}
