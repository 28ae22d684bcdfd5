import { AppError, type FieldError, type LocalizedText } from '../../core/errors/index.ts';
import { interpolate, LOCALES, type Locale } from '../../core/i18n/index.ts';
import { PROCESS_MESSAGES, validateProcess, type ProcessStep } from '../../core/processes/graph.ts';
import { processTemplates } from '../../core/processes/templates.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMembers } from '../workspaces/queries.ts';
import * as queries from './queries.ts';

/** Processes and their versions: the designer's reads and saves, and the lookups the other parts share. */

export function inBothLanguages(render: (locale: Locale) => string): LocalizedText {
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

/** A version of this process, or not found: a version id of another process is refused like a foreign one. */
export async function requireVersion(executor: Executor, workspaceId: string, processId: string, id: string) {
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

/** Creates a process from a template or from steps, as version 1, after checking its graph; answers the process. */
export async function createProcess(
  context: WorkspaceContext,
  {
    input,
  }: {
    input: {
      name?: string | undefined;
      description?: string | null | undefined;
      templateKey?: string | undefined;
      steps?: ProcessStep[] | undefined;
    };
  },
) {
  const { services, actor, workspaceId, locale } = context;
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
  return getProcess(services, actor, workspaceId, id);
}

/**
 * Saves new steps. While no case has run on the current version it is edited in place; once one has, the
 * edit becomes the next version and running cases stay on theirs. Answers the process as saved.
 */
export async function updateProcessSteps(
  context: WorkspaceContext,
  {
    processId,
    input,
  }: {
    processId: string;
    input: { name?: string | undefined; description?: string | null | undefined; steps: ProcessStep[] };
  },
) {
  const { services, actor, workspaceId } = context;
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
  return getProcess(services, actor, workspaceId, processId);
}
