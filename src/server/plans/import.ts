import { AppError, type FieldError, type LocalizedText } from '../../core/errors/index.ts';
import { LOCALES, type Locale } from '../../core/i18n/index.ts';
import { lintPlan, parseStepOwner, type LintFinding } from '../../core/plan/lint.ts';
import type { Plan, PlanRaci } from '../../core/plan/model.ts';
import { readPlanText, type Locate, type PlanInputIssue } from '../../core/plan/yaml.ts';
import type { ProcessStep } from '../../core/processes/graph.ts';
import type { RaciRole } from '../../core/raci/index.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Services } from '../context.ts';
import { insertGoal, insertKeyResult } from '../goals/queries.ts';
import { refreshKpisAndGoals, rollupGoals } from '../goals/refresh.ts';
import { insertKpi } from '../kpis/queries.ts';
import { insertProcess, insertVersion } from '../processes/queries.ts';
import { createRoutineInTransaction } from '../routines/service.ts';
import { insertDependency } from '../tasks/queries.ts';
import { createTaskInTransaction, PRIORITIES, type RoleAssignment } from '../tasks/service.ts';
import { dayInTimezone } from '../time.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMembers, updateMembership } from '../workspaces/queries.ts';
import * as queries from './queries.ts';
import type { PlanContext } from './context.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

export type ImportInput = { workspaceId: string; plan: Plan; dryRun: boolean; locate?: Locate | undefined };

export type ImportReport = {
  dryRun: boolean;
  created: {
    kpis: number;
    goals: number;
    keyResults: number;
    tasks: number;
    dependencies: number;
    processes: number;
    routines: number;
  };
  /** What was (or would be) created, in plan order. */
  items: Array<{ kind: 'kpi' | 'goal' | 'task' | 'process' | 'routine'; key: string; title: string }>;
  /** Members whose title, capacity or skills the plan set. */
  people: Array<{ email: string; name: string }>;
  /** Findings that do not stop an import (warnings and advice), in the caller's language. */
  findings: LintFinding[];
};

/** Thrown inside the transaction of a dry run, so every check runs and nothing stays. */
class DryRun extends Error {}

function both(render: (locale: Locale) => string): LocalizedText {
  return Object.fromEntries(LOCALES.map((locale) => [locale, render(locale)])) as LocalizedText;
}

/** Schema or syntax problems of a plan text as the error every client shows: each with its line and field. */
export function invalidPlanError(issues: readonly PlanInputIssue[]): AppError {
  const fields: FieldError[] = issues.map((issue) => ({
    path: issue.path || `${issue.line}:${issue.column}`,
    message: both((locale) => `${issue.line}:${issue.column} ${issue.message[locale]}`),
  }));
  return new AppError('plan_invalid', { count: issues.length }, fields);
}

const RACI_ROLES: Array<[keyof PlanRaci, RaciRole]> = [
  ['responsible', 'R'],
  ['accountable', 'A'],
  ['consulted', 'C'],
  ['informed', 'I'],
];

/**
 * Loads a plan into a workspace in one transaction: KPIs, goals with key results, the work breakdown with RACI
 * and dependencies, processes, routines, the cadence, and the people's titles, capacity and skills. People
 * must already be members (matched by e-mail). The linter's errors stop it before anything is written; a dry
 * run does the whole import and rolls it back, so its report is exactly what a real run would create.
 */
export async function importPlan(context: PlanContext, input: ImportInput): Promise<ImportReport> {
  await authorizePlanImport(context, input.workspaceId);
  return importAuthorizedPlan(context, input);
}

/**
 * A plan.yaml text (read with every problem's line and field) or a plan as JSON, loaded like `importPlan`.
 * The caller's permission is checked before the text is read.
 */
export async function importPlanBody(
  context: PlanContext,
  input: { workspaceId: string; body: string | Plan; dryRun: boolean },
): Promise<ImportReport> {
  await authorizePlanImport(context, input.workspaceId);
  if (typeof input.body !== 'string') {
    return importAuthorizedPlan(context, {
      workspaceId: input.workspaceId,
      plan: input.body,
      dryRun: input.dryRun,
    });
  }
  const read = readPlanText(input.body);
  if (!read.ok) throw invalidPlanError(read.issues);
  return importAuthorizedPlan(context, {
    workspaceId: input.workspaceId,
    plan: read.plan,
    locate: read.locate,
    dryRun: input.dryRun,
  });
}

/** What loading a plan asks of the caller: it writes KPIs, goals, tasks and processes. */
export async function authorizePlanImport(context: PlanContext, workspaceId: string): Promise<void> {
  await authorize(context.services.db, context.actor, workspaceId, 'kpis.write');
  await authorize(context.services.db, context.actor, workspaceId, 'processes.write');
}

/** `importPlan` once `authorizePlanImport` has passed, for callers that check first and build the plan after. */
export async function importAuthorizedPlan(context: PlanContext, input: ImportInput): Promise<ImportReport> {
  const { services, actor } = context;
  const { workspaceId, plan } = input;
  const today = dayInTimezone(services.now(), await workspaceTimeZone(services, workspaceId));
  const linted = Object.fromEntries(
    LOCALES.map((locale) => [locale, lintPlan(plan, { today, locale, locate: input.locate })]),
  ) as Record<Locale, ReturnType<typeof lintPlan>>;
  const errors = linted.en.findings.flatMap((finding, index) =>
    finding.severity === 'error' ? [{ finding, index }] : [],
  );
  if (errors.length > 0) {
    throw new AppError(
      'plan_invalid',
      { count: errors.length },
      errors.map(({ finding, index }) => ({
        path: finding.path,
        message: both((locale) => {
          const localized = linted[locale].findings[index] ?? finding;
          const at = localized.line ? `${localized.line}:${localized.column} ` : '';
          return `${at}${localized.message} [${finding.rule}]`;
        }),
      })),
    );
  }

  const report: ImportReport = {
    dryRun: input.dryRun,
    created: { kpis: 0, goals: 0, keyResults: 0, tasks: 0, dependencies: 0, processes: 0, routines: 0 },
    items: [],
    people: [],
    findings: linted[context.locale].findings,
  };
  try {
    await services.db.transaction().execute(async (trx) => {
      await write(services, trx, actor.userId, workspaceId, plan, report);
      if (input.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return report;
}

async function write(
  services: Services,
  trx: Executor,
  actorId: string,
  workspaceId: string,
  plan: Plan,
  report: ImportReport,
) {
  const now = services.now();
  const members = new Map(
    (await selectMembers(trx, workspaceId)).map((member) => [member.email.toLowerCase(), member]),
  );
  const missing = plan.people.filter((person) => !members.has(person.email.toLowerCase()));
  if (missing.length > 0) {
    throw new AppError(
      'plan_people_missing',
      { count: missing.length, emails: missing.map((person) => person.email).join(', ') },
      missing.map((person) => ({ path: `people[${plan.people.indexOf(person)}].email`, message: '' })),
    );
  }
  const userId = (email: string) => members.get(email.toLowerCase())?.user_id ?? '';
  const roles = (raci: PlanRaci | undefined): RoleAssignment[] =>
    RACI_ROLES.flatMap(([field, role]) =>
      (raci?.[field] ?? []).map((email) => ({ userId: userId(email), role })),
    );

  for (const person of plan.people) {
    const id = userId(person.email);
    await updateMembership(trx, workspaceId, id, {
      title: person.title ?? null,
      ...(person.weeklyCapacityHours !== undefined
        ? { weekly_capacity_hours: person.weeklyCapacityHours }
        : {}),
    });
    await queries.replaceSkills(
      trx,
      workspaceId,
      id,
      Object.entries(person.skills ?? {}).map(([skill, level]) => ({ skill, level })),
    );
    report.people.push({ email: person.email, name: members.get(person.email.toLowerCase())?.name ?? '' });
  }

  const existingKpis = new Set((await queries.selectKpiKeys(trx, workspaceId)).map((row) => row.key));
  plan.kpis.forEach((kpi, index) => {
    if (existingKpis.has(kpi.key))
      throw new AppError('kpi_key_taken', { key: kpi.key }, [{ path: `kpis[${index}].key`, message: '' }]);
  });
  const kpiIds = new Map<string, string>();
  for (const kpi of plan.kpis) {
    const id = newId(now);
    kpiIds.set(kpi.key, id);
    await insertKpi(trx, {
      id,
      workspace_id: workspaceId,
      key: kpi.key,
      name: kpi.name,
      unit: kpi.unit ?? null,
      direction: kpi.direction,
      aggregation: kpi.aggregation,
      frequency: kpi.frequency,
      formula: kpi.formula ?? null,
      owner_id: kpi.owner ? userId(kpi.owner) : null,
      green: kpi.green ?? null,
      amber: kpi.amber ?? null,
      description: kpi.description ?? null,
      status: null,
      last_value: null,
      last_period: null,
      created_at: now,
      updated_at: now,
    });
    report.created.kpis += 1;
    report.items.push({ kind: 'kpi', key: kpi.key, title: kpi.name });
  }

  const planKeys: Array<{ kind: string; object_id: string; key: string }> = [];
  const goalIds = new Map<string, string>();
  // Parents before children, whatever the order of the file: the linter has ruled out unknown parents.
  const pendingGoals = [...plan.goals];
  while (pendingGoals.length > 0) {
    const index = pendingGoals.findIndex((goal) => !goal.parent || goalIds.has(goal.parent));
    const goal = pendingGoals.splice(Math.max(0, index), 1)[0];
    if (!goal) break;
    const id = newId(now);
    goalIds.set(goal.key, id);
    planKeys.push({ kind: 'goal', object_id: id, key: goal.key });
    await insertGoal(trx, {
      id,
      workspace_id: workspaceId,
      parent_id: goal.parent ? (goalIds.get(goal.parent) ?? null) : null,
      title: goal.title,
      description: goal.description ?? null,
      owner_id: goal.owner ? userId(goal.owner) : null,
      start_date: goal.start,
      due_date: goal.due,
      status: goal.status ?? 'active',
      weight: goal.weight ?? 1,
      is_top_level: goal.parent ? 0 : 1,
      progress: 0,
      projected_progress: null,
      health: 'no_data',
      health_reason: null,
      created_at: now,
      updated_at: now,
    });
    for (const [position, kr] of goal.keyResults.entries()) {
      const kpiId = kr.kpi ? (kpiIds.get(kr.kpi) ?? (await kpiIdByKey(trx, workspaceId, kr.kpi))) : null;
      await insertKeyResult(trx, {
        id: newId(now),
        workspace_id: workspaceId,
        goal_id: id,
        title: kr.title,
        kpi_id: kpiId,
        baseline: kpiId ? (kr.baseline ?? null) : null,
        target: kpiId ? (kr.target ?? null) : null,
        weight: kr.weight ?? 1,
        is_done: !kpiId && kr.done ? 1 : 0,
        current: null,
        progress: !kpiId && kr.done ? 1 : 0,
        projected_progress: null,
        projected_value: null,
        reach_date: null,
        position,
        created_at: now,
        updated_at: now,
      });
      report.created.keyResults += 1;
    }
    report.created.goals += 1;
    report.items.push({ kind: 'goal', key: goal.key, title: goal.title });
  }

  // Tasks through the tasks domain's own creation (dates, parent, goal and RACI checks), parents first.
  const taskIds = new Map<string, string>();
  const pendingTasks = [...plan.tasks];
  while (pendingTasks.length > 0) {
    const index = pendingTasks.findIndex((task) => !task.parent || taskIds.has(task.parent));
    const task = pendingTasks.splice(Math.max(0, index), 1)[0];
    if (!task) break;
    const id = await createTaskInTransaction(services, trx, workspaceId, actorId, {
      title: task.title,
      description: task.description ?? null,
      goalId: task.goal ? (goalIds.get(task.goal) ?? null) : null,
      parentId: task.parent ? (taskIds.get(task.parent) ?? null) : null,
      isMilestone: task.milestone ?? false,
      status: task.status ?? 'todo',
      priority: PRIORITIES[(task.priority ?? 2) - 1] ?? 'medium',
      estimateHours: task.estimateHours ?? null,
      startDate: task.start ?? null,
      dueDate: task.due ?? null,
      bufferDays: task.bufferDays ?? 0,
      labels: task.labels ?? [],
      requiredSkills: task.requiredSkills ?? [],
      roles: roles(task.raci),
    });
    taskIds.set(task.key, id);
    planKeys.push({ kind: 'task', object_id: id, key: task.key });
    report.created.tasks += 1;
    report.items.push({ kind: 'task', key: task.key, title: task.title });
  }
  for (const task of plan.tasks) {
    for (const dependency of task.dependsOn ?? []) {
      await insertDependency(trx, {
        workspace_id: workspaceId,
        from_task_id: taskIds.get(dependency.task) ?? '',
        to_task_id: taskIds.get(task.key) ?? '',
        lag_days: dependency.lagDays ?? 0,
      });
      report.created.dependencies += 1;
    }
  }

  for (const process of plan.processes) {
    const id = newId(now);
    const versionId = newId(now);
    const steps: ProcessStep[] = process.steps.map((step) => {
      const owner = parseStepOwner(step.owner);
      return {
        key: step.key,
        name: step.name,
        ...(step.description ? { description: step.description } : {}),
        kind: step.kind,
        owner: owner?.type === 'person' ? { type: 'person', userId: userId(owner.userId) } : owner,
        slaHours: step.slaHours ?? null,
        checklist: step.checklist ?? [],
        fields: step.fields ?? [],
        outcomes: step.outcomes ?? [],
      };
    });
    await insertProcess(trx, {
      id,
      workspace_id: workspaceId,
      name: process.name,
      description: process.description ?? null,
      template_key: null,
      current_version_id: versionId,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    });
    await insertVersion(trx, {
      id: versionId,
      workspace_id: workspaceId,
      process_id: id,
      number: 1,
      steps: JSON.stringify(steps),
      created_by: actorId,
      created_at: now,
    });
    planKeys.push({ kind: 'process', object_id: id, key: process.key });
    report.created.processes += 1;
    report.items.push({ kind: 'process', key: process.key, title: process.name });
  }

  for (const routine of plan.routines) {
    const { id } = await createRoutineInTransaction(services, trx, workspaceId, actorId, {
      rule: routine.rule,
      startsOn: routine.startsOn,
      template: {
        title: routine.title,
        estimateHours: routine.estimateHours ?? null,
        goalId: routine.goal ? (goalIds.get(routine.goal) ?? null) : null,
        roles: roles(routine.raci),
      },
    });
    planKeys.push({ kind: 'routine', object_id: id, key: routine.key });
    report.created.routines += 1;
    report.items.push({ kind: 'routine', key: routine.key, title: routine.title });
  }

  // A key another object of the workspace already has is left to the export to derive.
  const taken = new Set(
    (await queries.selectPlanKeys(trx, workspaceId)).map((row) => `${row.kind}\u0000${row.key}`),
  );
  await queries.insertPlanKeys(
    trx,
    planKeys
      .filter((row) => !taken.has(`${row.kind}\u0000${row.key}`))
      .map((row) => ({ workspace_id: workspaceId, ...row })),
  );
  await queries.upsertPlanSettings(trx, {
    workspace_id: workspaceId,
    locale: plan.locale,
    cadence: plan.cadence ? JSON.stringify(plan.cadence) : null,
    sections: plan.sections ? JSON.stringify(plan.sections) : null,
    updated_at: now,
  });
  await insertAuditEntry(trx, {
    workspaceId,
    actorId,
    action: 'plan.imported',
    objectType: 'workspace',
    objectId: workspaceId,
    changes: { ...report.created },
    now,
  });
  if (plan.kpis.length > 0) await refreshKpisAndGoals(services, trx, workspaceId, 'all');
  else
    await rollupGoals(
      services,
      trx,
      workspaceId,
      dayInTimezone(now, await workspaceTimeZone(services, workspaceId, trx)),
      now,
    );
}

async function kpiIdByKey(trx: Executor, workspaceId: string, key: string) {
  const row = await queries.selectKpiIdByKey(trx, workspaceId, key);
  return row?.id ?? null;
}
