import { AppError, type FieldError, type LocalizedText } from '../../core/errors/index.ts';
import { interpolate, LOCALES, type Locale } from '../../core/i18n/index.ts';
import { compareAnalytics, PROCESS_ANALYTICS_MESSAGES } from '../../core/processes/analytics.ts';
import {
  checkCompletion,
  diffVersions,
  nextStep,
  PROCESS_MESSAGES,
  validateProcess,
  type ProcessStep,
} from '../../core/processes/graph.ts';
import { stepDueAt } from '../../core/processes/sla.ts';
import { assigneeFigures } from '../../core/processes/assignees.ts';
import { finishAnalytics } from '../../core/processes/summary.ts';
import { zoneClock } from '../../core/schedule/worktime.ts';
import { processTemplates } from '../../core/processes/templates.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services } from '../context.ts';
import { selectSkills } from '../people/queries.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMembers } from '../workspaces/queries.ts';
import { loadWorkingHours, localDayBounds, workspaceTimeZone } from '../workspaces/worktime.ts';
import * as queries from './queries.ts';
import { foldAllProcesses, readAnalyticsParts } from './summaries.ts';

export type RunStatus = 'active' | 'on_hold' | 'completed' | 'cancelled';

/** Instants are whole milliseconds: bigint columns in PostgreSQL refuse fractions. */
function roundedDue(due: number | null): number | null {
  return due === null ? null : Math.round(due);
}

function inBothLanguages(render: (locale: Locale) => string): LocalizedText {
  return Object.fromEntries(LOCALES.map((locale) => [locale, render(locale)])) as LocalizedText;
}

export function parseSteps(json: string): ProcessStep[] {
  return JSON.parse(json) as ProcessStep[];
}

/** A process definition must pass every check before it is saved; each problem becomes a field error. */
function requireValid(steps: readonly ProcessStep[]) {
  const issues = validateProcess(steps);
  if (issues.length === 0) return;
  const fields: FieldError[] = issues.map((issue) => ({
    path: typeof issue.params.stepKey === 'string' ? `steps.${issue.params.stepKey}` : 'steps',
    message: inBothLanguages((locale) => interpolate(PROCESS_MESSAGES[locale][issue.code], issue.params)),
  }));
  throw new AppError('process_invalid', { count: issues.length }, fields);
}

/**
 * A step given to a named person must name a member of this workspace: anyone else would be handed cases
 * (and see their subjects) without belonging here. Checked inside the saving transaction.
 */
async function requireOwnersAreMembers(
  executor: Executor,
  workspaceId: string,
  steps: readonly ProcessStep[],
) {
  const members = new Set((await selectMembers(executor, workspaceId)).map((member) => member.user_id));
  const fields: FieldError[] = steps.flatMap((step, index) =>
    step.owner?.type === 'person' && !members.has(step.owner.userId)
      ? [{ path: `steps.${index}.owner.userId`, message: '' }]
      : [],
  );
  if (fields.length > 0) throw new AppError('step_owner_not_member', {}, fields);
}

export async function requireProcess(executor: Executor, workspaceId: string, id: string) {
  const process = await queries.selectProcess(executor, workspaceId, id);
  if (!process) throw new AppError('process_not_found');
  return process;
}

async function requireRun(executor: Executor, workspaceId: string, id: string) {
  const run = await queries.selectRun(executor, workspaceId, id);
  if (!run) throw new AppError('run_not_found');
  return run;
}

/** A version of this process, or not found: a version id of another process is refused like a foreign one. */
async function requireVersion(executor: Executor, workspaceId: string, processId: string, id: string) {
  const version = await queries.selectVersion(executor, workspaceId, id);
  if (!version || version.process_id !== processId) throw new AppError('process_not_found');
  return version;
}

export function listTemplates(locale: Locale) {
  return processTemplates(locale);
}

export async function listProcesses(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'processes.read');
  return (await queries.selectProcesses(services.db, workspaceId)).map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    templateKey: row.template_key,
    versionNumber: row.version_number ?? 1,
    openRuns: Number(row.open_runs ?? 0),
    completedRuns: Number(row.completed_runs ?? 0),
    updatedAt: row.updated_at,
  }));
}

export async function getProcess(services: Services, actor: Actor, workspaceId: string, processId: string) {
  await authorize(services.db, actor, workspaceId, 'processes.read');
  const process = await requireProcess(services.db, workspaceId, processId);
  const versions = await queries.selectVersions(services.db, processId);
  const current = versions.find((version) => version.id === process.current_version_id) ?? versions.at(-1);
  return {
    id: process.id,
    name: process.name,
    description: process.description,
    templateKey: process.template_key,
    version: current
      ? {
          id: current.id,
          number: current.number,
          steps: parseSteps(current.steps),
          createdAt: current.created_at,
        }
      : null,
    versions: versions.map((version) => ({
      id: version.id,
      number: version.number,
      createdAt: version.created_at,
      runCount: Number(version.run_count ?? 0),
    })),
    updatedAt: process.updated_at,
  };
}

/** Creates a process from a template or from steps, as version 1, after checking its graph. */
export async function createProcess(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: {
    name?: string | undefined;
    description?: string | null | undefined;
    templateKey?: string | undefined;
    steps?: ProcessStep[] | undefined;
  },
  locale: Locale,
) {
  await authorize(services.db, actor, workspaceId, 'processes.write');
  const template = input.templateKey
    ? processTemplates(locale).find((item) => item.key === input.templateKey)
    : undefined;
  if (input.templateKey && !template)
    throw new AppError('not_found', {}, [{ path: 'templateKey', message: '' }]);
  const steps = input.steps ?? template?.steps ?? [];
  requireValid(steps);
  const now = services.now();
  const id = newId(now);
  const versionId = newId(now);
  await services.db.transaction().execute(async (trx) => {
    await requireOwnersAreMembers(trx, workspaceId, steps);
    await queries.insertProcess(trx, {
      id,
      workspace_id: workspaceId,
      name: input.name?.trim() || template?.name || '',
      description: input.description ?? template?.description ?? null,
      template_key: template?.key ?? null,
      current_version_id: versionId,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await queries.insertVersion(trx, {
      id: versionId,
      workspace_id: workspaceId,
      process_id: id,
      number: 1,
      steps: JSON.stringify(steps),
      created_by: actor.userId,
      created_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'process.created',
      objectType: 'process',
      objectId: id,
      changes: { name: input.name ?? template?.name, templateKey: template?.key ?? null },
      now,
    });
  });
  return id;
}

/**
 * Saves new steps. While no case has run on the current version it is edited in place; once one has, the
 * edit becomes the next version and running cases stay on theirs.
 */
export async function updateProcessSteps(
  services: Services,
  actor: Actor,
  workspaceId: string,
  processId: string,
  input: { name?: string | undefined; description?: string | null | undefined; steps: ProcessStep[] },
) {
  await authorize(services.db, actor, workspaceId, 'processes.write');
  requireValid(input.steps);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const process = await requireProcess(trx, workspaceId, processId);
    await requireOwnersAreMembers(trx, workspaceId, input.steps);
    const versions = await queries.selectVersions(trx, processId);
    const current = versions.find((version) => version.id === process.current_version_id);
    let versionId = current?.id ?? null;
    if (current && Number(current.run_count ?? 0) === 0) {
      await queries.updateVersionSteps(trx, current.id, JSON.stringify(input.steps));
    } else {
      versionId = newId(now);
      await queries.insertVersion(trx, {
        id: versionId,
        workspace_id: workspaceId,
        process_id: processId,
        number: (versions.at(-1)?.number ?? 0) + 1,
        steps: JSON.stringify(input.steps),
        created_by: actor.userId,
        created_at: now,
      });
    }
    await queries.updateProcess(trx, processId, {
      current_version_id: versionId,
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'process.updated',
      objectType: 'process',
      objectId: processId,
      changes: { versionId, steps: input.steps.length },
      now,
    });
  });
}

/**
 * Who does a step: a named person; else, in turn, the members whose title matches the role or who have the
 * skill (round-robin: whoever had this step of this process least recently, someone who never had it first);
 * else whoever started the case, so no step is left without someone.
 */
async function pickAssignee(
  trx: Executor,
  run: { workspace_id: string; process_id: string; started_by: string | null },
  step: ProcessStep,
) {
  const owner = step.owner;
  const fallback = run.started_by;
  if (!owner) return fallback;
  const members = await selectMembers(trx, run.workspace_id);
  if (owner.type === 'person')
    return members.some((member) => member.user_id === owner.userId) ? owner.userId : fallback;
  let candidates: string[];
  if (owner.type === 'role') {
    const role = owner.role.toLowerCase();
    candidates = members
      .filter((member) => (member.title ?? '').toLowerCase().includes(role) || member.role === role)
      .map((member) => member.user_id);
  } else {
    const skilled = new Set(
      (await selectSkills(trx, run.workspace_id))
        .filter((skill) => skill.skill === owner.skill)
        .map((skill) => skill.user_id),
    );
    candidates = members.filter((member) => skilled.has(member.user_id)).map((member) => member.user_id);
  }
  if (candidates.length === 0) return fallback;
  const lastTurn = new Map(
    (await queries.selectLastAssignments(trx, run.process_id, step.key, candidates)).map((row) => [
      row.assignee_id,
      row.last_visit_id,
    ]),
  );
  return (
    [...candidates].sort(
      (a, b) => (lastTurn.get(a) ?? '').localeCompare(lastTurn.get(b) ?? '') || a.localeCompare(b),
    )[0] ?? fallback
  );
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
  const assignee = await pickAssignee(trx, run, step);
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

/** Starts a case on the process's current version and puts it at the start step. */
export async function startRun(
  services: Services,
  actor: Actor,
  workspaceId: string,
  processId: string,
  subject: string,
) {
  await authorize(services.db, actor, workspaceId, 'runs.write');
  return services.db
    .transaction()
    .execute((trx) => beginRun(services, trx, { workspaceId, processId, subject, startedBy: actor.userId }));
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
  services: Services,
  actor: Actor,
  workspaceId: string,
  processId: string,
  filter: { statuses?: string[] | undefined; cursor?: string | undefined; limit: number },
) {
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
  services: Services,
  actor: Actor,
  workspaceId: string,
  runId: string,
  stepKey: string,
) {
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
}

/** Completes the current step with its checklist and fields, follows the chosen outcome, finishes at an end. */
export async function completeStep(
  services: Services,
  actor: Actor,
  workspaceId: string,
  runId: string,
  input: { stepKey: string; outcomeKey: string; checkedItems: string[]; values: Record<string, unknown> },
) {
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
}

export async function reassignStep(
  services: Services,
  actor: Actor,
  workspaceId: string,
  runId: string,
  userId: string,
) {
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
}

/** Hold, resume or cancel a case; the history keeps who did it and why. */
export async function changeRunState(
  services: Services,
  actor: Actor,
  workspaceId: string,
  runId: string,
  change: { action: 'hold' | 'resume' | 'cancel'; reason?: string | undefined },
) {
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
}

/** The steps waiting for me, soonest due first. */
/**
 * Open steps, soonest due first: the caller's own (`mine`), or the whole team's with a count per person so a
 * lead sees who is overloaded or late.
 */
export async function openSteps(
  services: Services,
  actor: Actor,
  workspaceId: string,
  filter: { assigneeId?: string | null | undefined },
) {
  await authorize(services.db, actor, workspaceId, 'processes.read');
  const rows = await queries.selectQueue(services.db, workspaceId, filter);
  // Step names live in each case's version: read the versions in play once, not per row.
  const versions = await queries.selectVersionsByIds(services.db, workspaceId, [
    ...new Set(rows.map((row) => row.version_id)),
  ]);
  const names = new Map(
    versions.flatMap((version) =>
      parseSteps(version.steps).map((step) => [`${version.id}:${step.key}`, step.name] as const),
    ),
  );
  const now = services.now();
  return rows.map((row) => ({
    runId: row.run_id,
    processName: row.process_name,
    subject: row.subject,
    status: row.status as RunStatus,
    stepKey: row.step_key,
    stepName: names.get(`${row.version_id}:${row.step_key}`) ?? row.step_key,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    enteredAt: row.entered_at,
    startedAt: row.started_at,
    dueAt: row.due_at,
    isOverdue: row.due_at !== null && row.due_at < now,
  }));
}

export async function openStepsByPerson(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'processes.read');
  const rows = await queries.selectOpenStepsByAssignee(services.db, workspaceId, services.now());
  return rows
    .map((row) => ({
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
      open: Number(row.open),
      overdue: Number(row.overdue ?? 0),
    }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open);
}

export { toRecords } from './summaries.ts';

export type AnalyticsWindow = { from?: string; to?: string };

/**
 * Per-step times, SLA breaches, throughput, lead times and the bottleneck, with its reason in words; the
 * variants cases took and their rework. A window keeps the cases started from `from` to `to` (days included).
 */
export async function getAnalytics(
  services: Services,
  actor: Actor,
  workspaceId: string,
  processId: string,
  versionId: string | undefined,
  locale: Locale,
  window: AnalyticsWindow = {},
) {
  await authorize(services.db, actor, workspaceId, 'processes.read');
  const process = await requireProcess(services.db, workspaceId, processId);
  const timeZone = await workspaceTimeZone(services, workspaceId);
  // Drawn on the chosen version's steps; across all versions, on the current one's.
  const shownVersionId = versionId ?? process.current_version_id;
  const flow = shownVersionId
    ? parseSteps((await requireVersion(services.db, workspaceId, processId, shownVersionId)).steps)
    : [];
  // The end step is where a case stops, not work: it has no times to show.
  const steps = flow.filter((step) => step.kind !== 'end');
  const now = services.now();
  const parts = await readAnalyticsParts(
    services.db,
    services.dialect,
    workspaceId,
    processId,
    versionId,
    // The window's days are the workspace's local days.
    localDayBounds(window, timeZone),
    now,
  );
  const { analytics, paths } = finishAnalytics(
    parts,
    {
      now,
      utcOffsetMinutes: zoneClock(timeZone).offsetMinutesAt(now),
      stepOrder: steps.map((step) => step.key),
      stepNames: Object.fromEntries(steps.map((step) => [step.key, step.name])),
    },
    { variantLimit: 20 },
  );
  return {
    ...analytics,
    ...paths,
    window: { from: window.from ?? null, to: window.to ?? null },
    flow,
    stepNames: Object.fromEntries(steps.map((step) => [step.key, step.name])),
    bottleneckMessage: analytics.bottleneck
      ? interpolate(
          PROCESS_ANALYTICS_MESSAGES[locale][analytics.bottleneck.reason.code],
          analytics.bottleneck.reason.params,
        )
      : null,
  };
}

/**
 * One step's figures per person (visits, median working time, SLA breaches) for cases started in the window:
 * how each person's work went is for those who lead the team, so it needs `processes.people`.
 */
export async function getStepAssignees(
  services: Services,
  actor: Actor,
  workspaceId: string,
  processId: string,
  stepKey: string,
  versionId: string | undefined,
  window: AnalyticsWindow = {},
) {
  await authorize(services.db, actor, workspaceId, 'processes.people');
  await requireProcess(services.db, workspaceId, processId);
  if (versionId) await requireVersion(services.db, workspaceId, processId, versionId);
  const rows = await queries.selectStepVisitsByAssignee(
    services.db,
    processId,
    stepKey,
    versionId,
    localDayBounds(window, await workspaceTimeZone(services, workspaceId)),
  );
  return {
    stepKey,
    window: { from: window.from ?? null, to: window.to ?? null },
    assignees: assigneeFigures(
      rows.map((row) => ({
        assigneeId: row.assignee_id,
        name: row.assignee_id !== null ? (row.user_name ?? '') : row.assignee_name,
        enteredAt: row.entered_at,
        startedAt: row.started_at,
        completedAt: row.completed_at,
        dueAt: row.due_at,
        caseOpen: row.status === 'active' || row.status === 'on_hold',
      })),
      services.now(),
    ),
  };
}

export async function compareProcessVersions(
  services: Services,
  actor: Actor,
  workspaceId: string,
  processId: string,
  fromVersionId: string,
  toVersionId: string,
) {
  await authorize(services.db, actor, workspaceId, 'processes.read');
  await requireProcess(services.db, workspaceId, processId);
  const timeZone = await workspaceTimeZone(services, workspaceId);
  const [from, to] = await Promise.all([
    requireVersion(services.db, workspaceId, processId, fromVersionId),
    requireVersion(services.db, workspaceId, processId, toVersionId),
  ]);
  const [fromSteps, toSteps] = [parseSteps(from.steps), parseSteps(to.steps)];
  const now = services.now();
  const analyse = async (versionId: string, stepOrder: string[]) =>
    finishAnalytics(
      await readAnalyticsParts(services.db, services.dialect, workspaceId, processId, versionId, {}, now),
      { now, utcOffsetMinutes: zoneClock(timeZone).offsetMinutesAt(now), stepOrder },
    ).analytics;
  return {
    comparison: compareAnalytics(
      await analyse(
        from.id,
        fromSteps.map((step) => step.key),
      ),
      await analyse(
        to.id,
        toSteps.map((step) => step.key),
      ),
    ),
    diff: diffVersions(fromSteps, toSteps),
    afterSteps: toSteps,
  };
}

/** The SLA job: each open step past its due time is marked once and announced. */
export async function markBreachedSteps(services: Services): Promise<number> {
  const now = services.now();
  const breached = await queries.unsafeSelectBreachedSteps(services.db, now, 1000);
  if (breached.length === 0) return 0;
  let marked = 0;
  await services.db.transaction().execute(async (trx) => {
    for (const step of breached) {
      // A step completed (or marked by another instance) since the select above is left alone, unannounced.
      if (!(await queries.markRunStepBreached(trx, step.id, now))) continue;
      marked += 1;
      await services.outbox.emit(trx, {
        workspaceId: step.workspace_id,
        type: 'process.step_overdue',
        payload: {
          runId: step.run_id,
          stepKey: step.step_key,
          assigneeId: step.assignee_id,
          dueAt: step.due_at,
        },
      });
    }
  });
  return marked;
}

export async function registerProcessJobs(services: Services): Promise<void> {
  services.scheduler.register('processes.sla', async () => {
    await markBreachedSteps(services);
  });
  await services.scheduler.every('processes.sla', '*/5 * * * *');
  services.scheduler.register('processes.fold', async () => {
    await foldAllProcesses(services.db, services.dialect, services.now, (processId, folded) =>
      services.scheduler.logger.info({ processId, folded }, 'process summaries: cases folded'),
    );
  });
  await services.scheduler.every('processes.fold', '* * * * *');
}
