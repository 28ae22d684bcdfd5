import { AppError } from '../../core/errors/index.ts';
import { interpolate } from '../../core/i18n/index.ts';
import { checkCompletion, nextStep, PROCESS_MESSAGES, type ProcessStep } from '../../core/processes/graph.ts';
import { pickAssignee, stepCandidates } from '../../core/processes/assignment.ts';
import { stepDueAt } from '../../core/processes/sla.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { selectSkills } from '../people/queries.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMembers } from '../workspaces/queries.ts';
import { loadWorkingHours } from '../workspaces/worktime.ts';
import * as queries from './queries.ts';
import { inBothLanguages, parseSteps, requireProcess } from './versions.ts';

/** Cases (runs): starting one, each transition of its current step, and reading them back. */

export type RunStatus = 'active' | 'on_hold' | 'completed' | 'cancelled';

/** Instants are whole milliseconds: bigint columns in PostgreSQL refuse fractions. */
function roundedDue(due: number | null): number | null {
  return due === null ? null : Math.round(due);
}

async function requireRun(executor: Executor, workspaceId: string, id: string) {
  const run = await queries.selectRun(executor, workspaceId, id);
  if (!run) throw new AppError('run_not_found');
  return run;
}

/**
 * Who does a step, by the round-robin policy of core/processes/assignment.ts: the members and, for a skill,
 * who holds it, then the last turn of each candidate at this step of this process.
 */
async function chooseAssignee(
  trx: Executor,
  run: { workspace_id: string; process_id: string; started_by: string | null },
  step: ProcessStep,
) {
  const members = (await selectMembers(trx, run.workspace_id)).map((member) => ({
    userId: member.user_id,
    title: member.title,
    role: member.role,
  }));
  const owner = step.owner;
  const skillHolders =
    owner?.type === 'skill'
      ? new Set(
          (await selectSkills(trx, run.workspace_id))
            .filter((skill) => skill.skill === owner.skill)
            .map((skill) => skill.user_id),
        )
      : undefined;
  const candidates = stepCandidates(owner, members, skillHolders);
  const lastTurns =
    candidates.length > 1
      ? new Map(
          (await queries.selectLastAssignments(trx, run.process_id, step.key, candidates)).map((row) => [
            row.assignee_id ?? '',
            row.last_visit_id,
          ]),
        )
      : undefined;
  return pickAssignee(owner, { members, skillHolders, lastTurns, fallback: run.started_by });
}

async function enterStep(
  services: Services,
  trx: Executor,
  run: { id: string; workspace_id: string; process_id: string; started_by: string | null },
  step: ProcessStep,
  now: number,
) {
  // The workspace's calendar, working hours and time zone (settings, migration 0017).
  const workingHours = await loadWorkingHours(trx, services.config, run.workspace_id, now);
  const assignee = await chooseAssignee(trx, run, step);
  await queries.insertRunStep(trx, {
    id: newId(now),
    workspace_id: run.workspace_id,
    run_id: run.id,
    step_key: step.key,
    assignee_id: assignee,
    entered_at: now,
    started_at: null,
    completed_at: null,
    due_at: roundedDue(stepDueAt(now, step.slaHours, workingHours)),
    breached_at: null,
    outcome_key: null,
    checked_items: '[]',
    field_values: '{}',
  });
  await queries.updateRun(trx, run.id, { current_step_key: step.key, updated_at: now });
  await services.outbox.emit(trx, {
    workspaceId: run.workspace_id,
    type: 'process.step_assigned',
    payload: { runId: run.id, stepKey: step.key, assigneeId: assignee },
  });
}

async function recordEvent(
  trx: Executor,
  run: { id: string; workspace_id: string },
  type: string,
  actorId: string | null,
  now: number,
  stepKey: string | null = null,
  data: Record<string, unknown> | null = null,
) {
  await queries.insertRunEvent(trx, {
    id: newId(now),
    workspace_id: run.workspace_id,
    run_id: run.id,
    type,
    step_key: stepKey,
    actor_id: actorId,
    data: data ? JSON.stringify(data) : null,
    created_at: now,
  });
}

/**
 * The audit log's line for a case's change: the case's subject and the step's name travel with it, so the
 * entry still reads as a sentence after the process is edited or the case is gone.
 */
async function auditRun(
  trx: Executor,
  run: { id: string; workspace_id: string; subject: string },
  action: 'started' | 'step_started' | 'step_completed' | 'reassigned' | 'held' | 'resumed' | 'cancelled',
  actorId: string | null,
  now: number,
  changes: Record<string, unknown> = {},
) {
  await insertAuditEntry(trx, {
    workspaceId: run.workspace_id,
    actorId,
    action: `run.${action}`,
    objectType: 'run',
    objectId: run.id,
    changes: { subject: run.subject, ...changes },
    now,
  });
}

/** Starts a case on the process's current version and puts it at the start step; answers the case. */
export async function startRun(
  context: WorkspaceContext,
  { processId, subject }: { processId: string; subject: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'runs.write');
  const runId = await services.db
    .transaction()
    .execute((trx) => beginRun(services, trx, { workspaceId, processId, subject, startedBy: actor.userId }));
  return getRun(services, actor, workspaceId, runId);
}

/**
 * Starts a case from another module inside its own transaction (a feedback ticket opening its handling case
 * together with the ticket), without a signed-in person: `startedBy` null means the system started it.
 * The caller has already checked who may do this.
 */
export async function beginRun(
  services: Services,
  trx: Executor,
  input: { workspaceId: string; processId: string; subject: string; startedBy: string | null },
): Promise<string> {
  const { workspaceId, processId, startedBy } = input;
  const subject = input.subject.trim();
  const now = services.now();
  const id = newId(now);
  const process = await requireProcess(trx, workspaceId, processId);
  const version = process.current_version_id
    ? await queries.selectVersion(trx, workspaceId, process.current_version_id)
    : undefined;
  if (!version) throw new AppError('process_not_found');
  const start = parseSteps(version.steps).find((step) => step.kind === 'start');
  if (!start) throw new AppError('process_invalid', { count: 1 });
  const run = { id, workspace_id: workspaceId, process_id: processId, started_by: startedBy };
  await queries.insertRun(trx, {
    id,
    workspace_id: workspaceId,
    process_id: processId,
    version_id: version.id,
    subject,
    status: 'active',
    current_step_key: start.key,
    hold_reason: null,
    started_by: startedBy,
    started_at: now,
    finished_at: null,
    updated_at: now,
  });
  await recordEvent(trx, run, 'started', startedBy, now, start.key, { subject });
  await auditRun(trx, { ...run, subject }, 'started', startedBy, now, { process: process.name });
  await enterStep(services, trx, run, start, now);
  return id;
}

/**
 * One transition of a case (start a step, complete it, reassign, hold/resume/cancel): a transaction that
 * first locks the case, so concurrent requests for it queue up and each checks the state the last one left.
 */
function transitionRun(
  services: Services,
  workspaceId: string,
  runId: string,
  transition: (trx: Executor) => Promise<void>,
) {
  return services.db.transaction().execute(async (trx) => {
    await queries.lockRun(trx, services.dialect, workspaceId, runId);
    await transition(trx);
  });
}

async function loadRunContext(executor: Executor, workspaceId: string, runId: string) {
  const run = await requireRun(executor, workspaceId, runId);
  const version = await queries.selectVersion(executor, workspaceId, run.version_id);
  if (!version) throw new AppError('run_not_found');
  const steps = parseSteps(version.steps);
  const visits = await queries.selectRunSteps(executor, runId);
  const open = visits.filter((visit) => visit.completed_at === null).at(-1) ?? null;
  return { run, version, steps, visits, open };
}

function requireActive(run: { status: string }) {
  if (run.status !== 'active') throw new AppError('run_not_active', { status: run.status });
}

function requireCurrent(
  run: { current_step_key: string | null },
  stepKey: string,
  steps: readonly ProcessStep[],
) {
  if (run.current_step_key !== stepKey) {
    const name = steps.find((step) => step.key === stepKey)?.name ?? stepKey;
    throw new AppError('step_not_current', { step: name }, [{ path: 'stepKey', message: '' }]);
  }
}

export async function getRun(services: Services, actor: Actor, workspaceId: string, runId: string) {
  await authorize(services.db, actor, workspaceId, 'processes.read');
  const { run, version, steps, visits, open } = await loadRunContext(services.db, workspaceId, runId);
  const events = await queries.selectRunEvents(services.db, runId);
  const now = services.now();
  const byKey = new Map(steps.map((step) => [step.key, step]));
  const current = open ? byKey.get(open.step_key) : undefined;
  return {
    id: run.id,
    processId: run.process_id,
    processName: run.process_name,
    version: { id: version.id, number: version.number },
    subject: run.subject,
    status: run.status as RunStatus,
    holdReason: run.hold_reason,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    currentStep:
      open && current
        ? {
            ...current,
            assignee: open.assignee_id ? { id: open.assignee_id, name: open.assignee_name ?? '' } : null,
            enteredAt: open.entered_at,
            startedAt: open.started_at,
            dueAt: open.due_at,
            isOverdue: open.due_at !== null && open.due_at < now,
          }
        : null,
    steps: visits.map((visit) => {
      const definition = byKey.get(visit.step_key);
      const values = JSON.parse(visit.field_values) as Record<string, unknown>;
      const completion =
        visit.completed_at === null
          ? undefined
          : events.find(
              (event) =>
                event.type === 'step_completed' &&
                event.step_key === visit.step_key &&
                event.created_at === visit.completed_at,
            );
      return {
        stepKey: visit.step_key,
        name: definition?.name ?? visit.step_key,
        assignee: visit.assignee_id ? { id: visit.assignee_id, name: visit.assignee_name ?? '' } : null,
        enteredAt: visit.entered_at,
        startedAt: visit.started_at,
        completedAt: visit.completed_at,
        dueAt: visit.due_at,
        outcome: visit.outcome_key,
        outcomeLabel:
          definition?.outcomes.find((outcome) => outcome.key === visit.outcome_key)?.label ??
          visit.outcome_key,
        completedBy: completion?.actor_id
          ? { id: completion.actor_id, name: completion.actor_name ?? '' }
          : null,
        isBreached: visit.due_at !== null && (visit.completed_at ?? now) > visit.due_at,
        values,
        // What the step recorded, in the order and with the labels of its form: a later step reads it.
        record: (definition?.fields ?? []).flatMap((field) => {
          const value = values[field.key];
          return value === undefined || value === null || value === ''
            ? []
            : [{ key: field.key, label: field.label, type: field.type, value: String(value) }];
        }),
        checkedItems: JSON.parse(visit.checked_items) as string[],
      };
    }),
    history: events.map((event) => ({
      type: event.type,
      stepKey: event.step_key,
      actor: event.actor_id ? { id: event.actor_id, name: event.actor_name ?? '' } : null,
      data: event.data ? (JSON.parse(event.data) as Record<string, unknown>) : null,
      createdAt: event.created_at,
    })),
  };
}

export async function listRuns(
  context: WorkspaceContext,
  {
    processId,
    filter,
  }: {
    processId: string;
    filter: { statuses?: string[] | undefined; cursor?: string | undefined; limit: number };
  },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'processes.read');
  await requireProcess(services.db, workspaceId, processId);
  const rows = await queries.selectRunPage(services.db, { processId, ...filter });
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      subject: row.subject,
      status: row.status as RunStatus,
      currentStepKey: row.current_step_key,
      versionId: row.version_id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
    })),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Marks the current step as being worked on: waiting time ends here, working time starts. */
export async function startStep(
  context: WorkspaceContext,
  { runId, stepKey }: { runId: string; stepKey: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'runs.write');
  const now = services.now();
  await transitionRun(services, workspaceId, runId, async (trx) => {
    const { run, steps, open } = await loadRunContext(trx, workspaceId, runId);
    requireActive(run);
    requireCurrent(run, stepKey, steps);
    if (open && open.started_at === null) {
      await queries.updateRunStep(trx, open.id, {
        started_at: now,
        assignee_id: open.assignee_id ?? actor.userId,
      });
      await recordEvent(trx, run, 'step_started', actor.userId, now, stepKey);
      await auditRun(trx, run, 'step_started', actor.userId, now, {
        step: steps.find((step) => step.key === stepKey)?.name ?? stepKey,
      });
    }
  });
  return getRun(services, actor, workspaceId, runId);
}

/** Completes the current step with its checklist and fields, follows the chosen outcome, finishes at an end. */
export async function completeStep(
  context: WorkspaceContext,
  {
    runId,
    input,
  }: {
    runId: string;
    input: { stepKey: string; outcomeKey: string; checkedItems: string[]; values: Record<string, unknown> };
  },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'runs.write');
  const now = services.now();
  await transitionRun(services, workspaceId, runId, async (trx) => {
    const { run, steps, open } = await loadRunContext(trx, workspaceId, runId);
    requireActive(run);
    requireCurrent(run, input.stepKey, steps);
    const step = steps.find((item) => item.key === input.stepKey);
    if (!step || !open) throw new AppError('step_not_current', { step: input.stepKey });
    const issues = checkCompletion(step, { checkedItems: input.checkedItems, values: input.values });
    if (issues.length > 0) {
      throw new AppError(
        'step_incomplete',
        { count: issues.length },
        issues.map((issue) => ({
          path:
            typeof issue.params.fieldKey === 'string' ? `values.${issue.params.fieldKey}` : 'checkedItems',
          message: inBothLanguages((locale) =>
            interpolate(PROCESS_MESSAGES[locale][issue.code], issue.params),
          ),
        })),
      );
    }
    const next = nextStep(steps, step.key, input.outcomeKey);
    if (!next.ok)
      throw new AppError('validation_failed', {}, [
        {
          path: 'outcomeKey',
          message: { en: 'Not an outcome of this step.', 'zh-CN': '不是该步骤的结果选项。' },
        },
      ]);
    await queries.updateRunStep(trx, open.id, {
      started_at: open.started_at ?? now,
      completed_at: now,
      outcome_key: input.outcomeKey,
      checked_items: JSON.stringify(input.checkedItems),
      field_values: JSON.stringify(input.values),
    });
    await recordEvent(trx, run, 'step_completed', actor.userId, now, step.key, {
      outcome: input.outcomeKey,
      values: input.values,
    });
    await auditRun(trx, run, 'step_completed', actor.userId, now, {
      step: step.name,
      outcome: step.outcomes.find((outcome) => outcome.key === input.outcomeKey)?.label ?? input.outcomeKey,
      ...(next.step.kind === 'end' ? { finished: true } : { next: next.step.name }),
    });
    if (next.step.kind === 'end') {
      await queries.updateRun(trx, run.id, {
        status: 'completed',
        current_step_key: null,
        finished_at: now,
        updated_at: now,
      });
      await recordEvent(trx, run, 'completed', actor.userId, now);
      await services.outbox.emit(trx, {
        workspaceId,
        type: 'process.run_finished',
        payload: { runId, processId: run.process_id, finishedBy: actor.userId },
      });
    } else {
      await enterStep(services, trx, run, next.step, now);
    }
  });
  return getRun(services, actor, workspaceId, runId);
}

export async function reassignStep(
  context: WorkspaceContext,
  { runId, userId }: { runId: string; userId: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'runs.write');
  const now = services.now();
  await transitionRun(services, workspaceId, runId, async (trx) => {
    const { run, steps, open } = await loadRunContext(trx, workspaceId, runId);
    // A held case waits on its assignee too: handing it over while it waits is how leave is covered.
    if (run.status !== 'active' && run.status !== 'on_hold') {
      throw new AppError('run_not_active', { status: run.status });
    }
    const members = await selectMembers(trx, workspaceId);
    if (!members.some((member) => member.user_id === userId)) {
      throw new AppError('assignee_not_member', {}, [{ path: 'userId', message: '' }]);
    }
    if (!open) throw new AppError('run_not_active', { status: run.status });
    await queries.updateRunStep(trx, open.id, { assignee_id: userId });
    await recordEvent(trx, run, 'reassigned', actor.userId, now, open.step_key, {
      from: open.assignee_id,
      to: userId,
    });
    await auditRun(trx, run, 'reassigned', actor.userId, now, {
      step: steps.find((step) => step.key === open.step_key)?.name ?? open.step_key,
      assignee: {
        from: members.find((member) => member.user_id === open.assignee_id)?.name ?? null,
        to: members.find((member) => member.user_id === userId)?.name ?? null,
      },
    });
    await services.outbox.emit(trx, {
      workspaceId,
      type: 'process.step_assigned',
      payload: { runId, stepKey: open.step_key, assigneeId: userId },
    });
  });
  return getRun(services, actor, workspaceId, runId);
}

/** Hold, resume or cancel a case; the history keeps who did it and why. */
export async function changeRunState(
  context: WorkspaceContext,
  {
    runId,
    change,
  }: { runId: string; change: { action: 'hold' | 'resume' | 'cancel'; reason?: string | undefined } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'runs.write');
  const now = services.now();
  await transitionRun(services, workspaceId, runId, async (trx) => {
    const run = await requireRun(trx, workspaceId, runId);
    const allowed = { hold: ['active'], resume: ['on_hold'], cancel: ['active', 'on_hold'] }[change.action];
    if (!allowed.includes(run.status)) throw new AppError('run_not_active', { status: run.status });
    const status = { hold: 'on_hold', resume: 'active', cancel: 'cancelled' }[change.action];
    await queries.updateRun(trx, runId, {
      status,
      hold_reason: change.action === 'hold' ? (change.reason?.trim() ?? null) : null,
      ...(change.action === 'cancel' ? { finished_at: now, current_step_key: null } : {}),
      updated_at: now,
    });
    const event = change.action === 'hold' ? 'held' : change.action === 'resume' ? 'resumed' : 'cancelled';
    await recordEvent(
      trx,
      run,
      event,
      actor.userId,
      now,
      run.current_step_key,
      change.reason ? { reason: change.reason } : null,
    );
    await auditRun(trx, run, event, actor.userId, now, change.reason ? { reason: change.reason } : {});
  });
  return getRun(services, actor, workspaceId, runId);
}
