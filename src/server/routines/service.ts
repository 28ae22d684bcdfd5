import { AppError } from '../../core/errors/index.ts';
import { addDays } from '../../core/days/index.ts';
import {
  checkRecurrence,
  dueOccurrences,
  nextOccurrence,
  ruleBody,
  upcomingOccurrences,
} from '../../core/tasks/recurrence.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { createTaskInTransaction, type RoleAssignment } from '../tasks/service.ts';
import { updateTask } from '../tasks/queries.ts';
import { dayInTimezone } from '../time.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';
import { workspaceToday } from '../workspaces/worktime.ts';

/** What each occurrence of a routine becomes: a task with these fields. */
export type RoutineTemplate = {
  title: string;
  description?: string | null | undefined;
  estimateHours?: number | null | undefined;
  goalId?: string | null | undefined;
  parentId?: string | null | undefined;
  roles?: RoleAssignment[] | undefined;
};

type RecurrenceRow = NonNullable<Awaited<ReturnType<typeof queries.selectRecurrence>>>;

// Tomorrow's occurrence appears today, so a weekly report due Monday is on the board by Sunday.
const LOOKAHEAD_DAYS = 1;
// A routine catches up on at most the last week: one started in 2016 must not make 4,000 tasks in one
// transaction (nor does anyone want them); the occurrences before are counted and said, not created.
export const BACKFILL_DAYS = 7;

/** What creating (or catching up on) a routine did about its past occurrences. */
export type Backfill = { created: number; omitted: number; omittedBefore: string | null };

/** Today in the workspace's time zone. */
function today(services: Services, workspaceId: string, executor?: Executor): Promise<string> {
  return workspaceToday(services, workspaceId, executor);
}

function toRoutine(row: RecurrenceRow, from: string) {
  const skipped = JSON.parse(row.skipped) as string[];
  const template = JSON.parse(row.template) as RoutineTemplate;
  return {
    id: row.id,
    rule: row.rule,
    startsOn: row.starts_on,
    template: { ...template, roles: template.roles ?? [] },
    nextOccurrence: row.next_occurrence,
    upcoming: upcomingOccurrences({ rule: row.rule, startsOn: row.starts_on }, from, 5, skipped),
    skipped,
    updatedAt: row.updated_at,
  };
}

function checkRule(rule: string, startsOn: string) {
  const problem = checkRecurrence({ rule, startsOn });
  if (problem) throw new AppError('recurrence_invalid', { detail: problem }, [{ path: 'rule', message: '' }]);
}

async function requireRecurrence(executor: Executor, workspaceId: string, id: string) {
  const row = await queries.selectRecurrence(executor, workspaceId, id);
  if (!row || row.ended_at !== null) throw new AppError('recurrence_not_found');
  return row;
}

export async function listRoutines(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const day = await today(services, workspaceId);
  return (await queries.selectRecurrences(services.db, workspaceId)).map((row) => toRoutine(row, day));
}

/** Creates the routine and, through the job's own path, any occurrence already due (the last week at most). */
export async function createRoutine(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { rule: string; startsOn: string; template: RoutineTemplate },
) {
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const { id, backfill } = await services.db
    .transaction()
    .execute((trx) => createRoutineInTransaction(services, trx, workspaceId, actor.userId, input));
  return {
    routine: toRoutine(
      await requireRecurrence(services.db, workspaceId, id),
      await today(services, workspaceId),
    ),
    backfill,
  };
}

/** The routine write itself, inside the caller's transaction (the demo uses it too). */
export async function createRoutineInTransaction(
  services: Services,
  trx: Executor,
  workspaceId: string,
  creatorId: string,
  input: { rule: string; startsOn: string; template: RoutineTemplate },
): Promise<{ id: string; backfill: Backfill }> {
  checkRule(input.rule, input.startsOn);
  const now = services.now();
  const id = newId(now);
  const rule = ruleBody(input.rule);
  await queries.insertRecurrence(trx, {
    id,
    workspace_id: workspaceId,
    rule,
    starts_on: input.startsOn,
    template: JSON.stringify(input.template),
    next_occurrence: input.startsOn,
    skipped: '[]',
    ended_at: null,
    created_by: creatorId,
    created_at: now,
    updated_at: now,
  });
  const backfill = await createDueOccurrences(services, trx, await requireRecurrence(trx, workspaceId, id));
  await insertAuditEntry(trx, {
    workspaceId,
    actorId: creatorId,
    action: 'routine.created',
    objectType: 'routine',
    objectId: id,
    changes: { rule: input.rule, title: input.template.title, backfill },
    now,
  });
  return { id, backfill };
}

/** Editing the series changes occurrences not yet created; tasks already made are edited one by one. */
export async function updateRoutine(
  context: WorkspaceContext,
  { id, input }: { id: string; input: { rule?: string | undefined; template?: RoutineTemplate | undefined } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const row = await requireRecurrence(trx, workspaceId, id);
    const rule = input.rule === undefined ? row.rule : ruleBody(input.rule);
    checkRule(rule, row.starts_on);
    const skipped = JSON.parse(row.skipped) as string[];
    await queries.updateRecurrence(trx, id, {
      rule,
      ...(input.template ? { template: JSON.stringify(input.template) } : {}),
      next_occurrence: nextOccurrence(
        { rule, startsOn: row.starts_on },
        await today(services, workspaceId, trx),
        skipped,
      ),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'routine.updated',
      objectType: 'routine',
      objectId: id,
      changes: input,
      now,
    });
  });
  return toRoutine(await requireRecurrence(services.db, workspaceId, id), await today(services, workspaceId));
}

export async function endRoutine(services: Services, actor: Actor, workspaceId: string, id: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await requireRecurrence(trx, workspaceId, id);
    await queries.updateRecurrence(trx, id, { ended_at: now, next_occurrence: null, updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'routine.ended',
      objectType: 'routine',
      objectId: id,
      now,
    });
  });
}

/** Skips one occurrence: it will not be created, and if it already was and nobody started it, it is cancelled. */
export async function skipOccurrence(context: WorkspaceContext, { id, day }: { id: string; day: string }) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const row = await requireRecurrence(trx, workspaceId, id);
    const skipped = [...new Set([...(JSON.parse(row.skipped) as string[]), day])].sort();
    const created = await queries.selectOccurrenceTask(trx, id, day);
    if (created && created.status === 'todo')
      await updateTask(trx, created.id, { status: 'cancelled', updated_at: now });
    await queries.updateRecurrence(trx, id, {
      skipped: JSON.stringify(skipped),
      next_occurrence:
        row.next_occurrence === day
          ? nextOccurrence({ rule: row.rule, startsOn: row.starts_on }, day, skipped)
          : row.next_occurrence,
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'routine.skipped',
      objectType: 'routine',
      objectId: id,
      changes: { day },
      now,
    });
  });
  return toRoutine(await requireRecurrence(services.db, workspaceId, id), await today(services, workspaceId));
}

/**
 * Creates each due occurrence of one routine as a task, from its next occurrence up to tomorrow but no
 * further back than BACKFILL_DAYS; the unique (routine, day) index makes it idempotent.
 */
async function createDueOccurrences(
  services: Services,
  trx: Executor,
  row: RecurrenceRow,
): Promise<Backfill> {
  const day = await today(services, row.workspace_id, trx);
  const earliest = addDays(day, -BACKFILL_DAYS);
  const template = JSON.parse(row.template) as RoutineTemplate;
  const skipped = JSON.parse(row.skipped) as string[];
  const backfill: Backfill = { created: 0, omitted: 0, omittedBefore: null };
  if (!row.next_occurrence) return backfill;
  // One walk over the rule answers all three: what to create, what is too old, and what comes next.
  const due = dueOccurrences(
    { rule: row.rule, startsOn: row.starts_on },
    { from: row.next_occurrence, earliest, horizon: addDays(day, LOOKAHEAD_DAYS) },
    skipped,
  );
  for (const occurrence of due.days) {
    if (await queries.selectOccurrenceTask(trx, row.id, occurrence)) continue;
    await createTaskInTransaction(services, trx, row.workspace_id, row.created_by, {
      ...template,
      startDate: occurrence,
      dueDate: occurrence,
      recurrence: { id: row.id, occurrence },
    });
    backfill.created += 1;
  }
  if (due.omitted > 0) Object.assign(backfill, { omitted: due.omitted, omittedBefore: earliest });
  await queries.updateRecurrence(trx, row.id, { next_occurrence: due.next, updated_at: services.now() });
  return backfill;
}

/** The scheduled job: every due routine of every workspace, each in its own transaction. */
export async function runDueRoutines(services: Services): Promise<number> {
  // Every workspace keeps its own day: select by the latest day on Earth (UTC+14), and each routine then reads
  // its workspace's today.
  const due = await queries.unsafeSelectDueRecurrences(
    services.db,
    addDays(dayInTimezone(services.now(), 'Etc/GMT-14'), LOOKAHEAD_DAYS),
    500,
  );
  let created = 0;
  for (const row of due) {
    const backfill = await services.db.transaction().execute(async (trx) => {
      const result = await createDueOccurrences(services, trx, row);
      // After a long pause the job, too, catches up on the last week only, and says so where people look.
      if (result.omitted > 0)
        await insertAuditEntry(trx, {
          workspaceId: row.workspace_id,
          actorId: null,
          action: 'routine.backfill_limited',
          objectType: 'routine',
          objectId: row.id,
          changes: result,
          now: services.now(),
        });
      return result;
    });
    created += backfill.created;
  }
  return created;
}

export async function registerRoutineJobs(services: Services): Promise<void> {
  services.scheduler.register('tasks.routines', async () => {
    await runDueRoutines(services);
  });
  await services.scheduler.every('tasks.routines', '*/15 * * * *');
}
