import {
  countByCategory,
  OBSERVATION_CATEGORIES,
  readSwot,
  type ObservationCategory,
  type Swot,
} from '../../core/competitors/index.ts';
import { AppError } from '../../core/errors/index.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { createTaskInTransaction } from '../tasks/service.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';
import type {
  CreateCompetitorInput,
  CreateObservationInput,
  ObservationTaskInput,
  UpdateCompetitorInput,
  UpdateObservationInput,
} from './schemas.ts';

const LATEST_PER_COMPETITOR = 3;
const TIMELINE_LIMIT = 500;

function parseList(value: string): string[] {
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function parseSwot(value: string): Swot {
  try {
    return readSwot(JSON.parse(value));
  } catch {
    return readSwot(null);
  }
}

function categoryOf(value: string): ObservationCategory {
  return (OBSERVATION_CATEGORIES as readonly string[]).includes(value)
    ? (value as ObservationCategory)
    : 'other';
}

export function toObservation(row: queries.ObservationRow) {
  return {
    id: row.id,
    competitorId: row.competitor_id,
    competitorName: row.competitor_name,
    observedOn: row.observed_on,
    category: categoryOf(row.category),
    title: row.title,
    note: row.note,
    sourceUrl: row.source_url,
    price: row.price === null ? null : Number(row.price),
    goal: row.goal_id && row.goal_title !== null ? { id: row.goal_id, title: row.goal_title } : null,
    task:
      row.task_id && row.task_title !== null
        ? { id: row.task_id, title: row.task_title, status: row.task_status ?? 'todo' }
        : null,
    createdBy: row.created_by ? { id: row.created_by, name: row.creator_name ?? '' } : null,
    createdAt: Number(row.created_at),
  };
}

export type Observation = ReturnType<typeof toObservation>;

function toCompetitor(
  row: queries.CompetitorRow,
  counts: readonly { competitor_id: string; category: string; count: number }[],
  latest: readonly Observation[],
) {
  const own = counts.filter((count) => count.competitor_id === row.id);
  const categories = countByCategory([]);
  for (const count of own) categories[categoryOf(count.category)] += Number(count.count);
  return {
    id: row.id,
    name: row.name,
    website: row.website,
    description: row.description,
    aliases: parseList(row.aliases),
    swot: parseSwot(row.swot),
    observations: own.reduce((sum, count) => sum + Number(count.count), 0),
    categories,
    latest: latest.filter((observation) => observation.competitorId === row.id),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export type Competitor = ReturnType<typeof toCompetitor>;

async function requireCompetitor(executor: Executor, workspaceId: string, competitorId: string) {
  const row = await queries.selectCompetitor(executor, workspaceId, competitorId);
  if (!row) throw new AppError('competitor_not_found');
  return row;
}

async function loadCompetitor(executor: Executor, workspaceId: string, competitorId: string) {
  const row = await requireCompetitor(executor, workspaceId, competitorId);
  const counts = await queries.selectCategoryCounts(executor, workspaceId);
  const latest = await queries.selectObservations(executor, workspaceId, {
    competitorId,
    limit: LATEST_PER_COMPETITOR,
  });
  return toCompetitor(row, counts, latest.map(toObservation));
}

/** Refuses a name another competitor of the workspace has (under the competitors lock). */
async function checkName(trx: Executor, workspaceId: string, name: string, competitorId: string | null) {
  const other = await queries.selectCompetitorByName(trx, workspaceId, name);
  if (other && other.id !== competitorId) {
    throw new AppError('competitor_name_taken', {}, [{ path: 'name', message: '' }]);
  }
}

/** A goal or task link must name one of this workspace's: another workspace's id is refused like a missing one. */
async function checkLinks(
  executor: Executor,
  workspaceId: string,
  links: { goalId?: string | null | undefined; taskId?: string | null | undefined },
) {
  if (links.goalId && !(await queries.goalInWorkspace(executor, workspaceId, links.goalId))) {
    throw new AppError('observation_link_not_found', {}, [{ path: 'goalId', message: '' }]);
  }
  if (links.taskId && !(await queries.taskInWorkspace(executor, workspaceId, links.taskId))) {
    throw new AppError('observation_link_not_found', {}, [{ path: 'taskId', message: '' }]);
  }
}

function mergeSwot(stored: Swot, input: Partial<Swot> | undefined): Swot {
  return readSwot({ ...stored, ...input });
}

/** Competitors by name, each with its SWOT, counts per category and latest observations (of one category). */
export async function listCompetitors(
  services: Services,
  actor: Actor,
  workspaceId: string,
  category?: ObservationCategory,
) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  const [rows, counts, latest] = await Promise.all([
    queries.selectCompetitors(services.db, workspaceId),
    queries.selectCategoryCounts(services.db, workspaceId),
    queries.selectLatestObservations(services.db, workspaceId, LATEST_PER_COMPETITOR, category),
  ]);
  const observations = latest.map(toObservation);
  return { competitors: rows.map((row) => toCompetitor(row, counts, observations)) };
}

export async function getCompetitor(
  services: Services,
  actor: Actor,
  workspaceId: string,
  competitorId: string,
) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  return loadCompetitor(services.db, workspaceId, competitorId);
}

export async function createCompetitor(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: CreateCompetitorInput,
) {
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  const now = services.now();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'competitors', workspaceId);
    await checkName(trx, workspaceId, input.name, null);
    await queries.insertCompetitor(trx, {
      id,
      workspace_id: workspaceId,
      name: input.name,
      website: input.website ?? null,
      description: input.description ?? '',
      aliases: JSON.stringify(input.aliases ?? []),
      swot: JSON.stringify(mergeSwot(readSwot(null), input.swot)),
      created_at: now,
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'competitor.created',
      objectType: 'competitor',
      objectId: id,
      changes: { name: input.name },
      now,
    });
  });
  return loadCompetitor(services.db, workspaceId, id);
}

export async function updateCompetitor(
  context: WorkspaceContext,
  { competitorId, input }: { competitorId: string; input: UpdateCompetitorInput },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'competitors', workspaceId);
    const row = await requireCompetitor(trx, workspaceId, competitorId);
    if (input.name !== undefined) await checkName(trx, workspaceId, input.name, competitorId);
    const now = services.now();
    await queries.updateCompetitor(trx, workspaceId, competitorId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.website !== undefined ? { website: input.website } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.aliases !== undefined ? { aliases: JSON.stringify(input.aliases) } : {}),
      ...(input.swot !== undefined
        ? { swot: JSON.stringify(mergeSwot(parseSwot(row.swot), input.swot)) }
        : {}),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'competitor.updated',
      objectType: 'competitor',
      objectId: competitorId,
      changes: Object.fromEntries(Object.keys(input).map((key) => [key, true])),
      now,
    });
  });
  return loadCompetitor(services.db, workspaceId, competitorId);
}

export async function deleteCompetitor(
  services: Services,
  actor: Actor,
  workspaceId: string,
  competitorId: string,
) {
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute(async (trx) => {
    const row = await requireCompetitor(trx, workspaceId, competitorId);
    await queries.deleteCompetitor(trx, workspaceId, competitorId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'competitor.deleted',
      objectType: 'competitor',
      objectId: competitorId,
      changes: { name: row.name },
      now: services.now(),
    });
  });
}

/** Observations newest first: one competitor's timeline, or the workspace's, optionally of one category. */
export async function listObservations(
  services: Services,
  actor: Actor,
  workspaceId: string,
  filter: { competitorId?: string | undefined; category?: ObservationCategory | undefined; limit: number },
) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  if (filter.competitorId) await requireCompetitor(services.db, workspaceId, filter.competitorId);
  const rows = await queries.selectObservations(services.db, workspaceId, {
    ...filter,
    limit: Math.min(filter.limit, TIMELINE_LIMIT),
  });
  return { observations: rows.map(toObservation) };
}

async function loadObservation(
  executor: Executor,
  workspaceId: string,
  competitorId: string,
  observationId: string,
) {
  const row = await queries.selectObservation(executor, workspaceId, competitorId, observationId);
  if (!row) throw new AppError('observation_not_found');
  return toObservation(row);
}

export async function createObservation(
  context: WorkspaceContext,
  { competitorId, input }: { competitorId: string; input: CreateObservationInput },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  const now = services.now();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    await requireCompetitor(trx, workspaceId, competitorId);
    await checkLinks(trx, workspaceId, input);
    await queries.insertObservation(trx, {
      id,
      workspace_id: workspaceId,
      competitor_id: competitorId,
      observed_on: input.observedOn,
      category: input.category,
      title: input.title,
      note: input.note ?? '',
      source_url: input.sourceUrl ?? null,
      price: input.price ?? null,
      goal_id: input.goalId ?? null,
      task_id: input.taskId ?? null,
      created_by: actor.userId,
      created_at: now,
    });
    await queries.updateCompetitor(trx, workspaceId, competitorId, { updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'competitor.observed',
      objectType: 'competitor',
      objectId: competitorId,
      changes: { observationId: id, category: input.category, title: input.title },
      now,
    });
  });
  return loadObservation(services.db, workspaceId, competitorId, id);
}

export async function updateObservation(
  context: WorkspaceContext,
  {
    competitorId,
    observationId,
    input,
  }: { competitorId: string; observationId: string; input: UpdateObservationInput },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute(async (trx) => {
    await loadObservation(trx, workspaceId, competitorId, observationId);
    await checkLinks(trx, workspaceId, input);
    await queries.updateObservation(trx, workspaceId, observationId, {
      ...(input.observedOn !== undefined ? { observed_on: input.observedOn } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      ...(input.sourceUrl !== undefined ? { source_url: input.sourceUrl } : {}),
      ...(input.price !== undefined ? { price: input.price } : {}),
      ...(input.goalId !== undefined ? { goal_id: input.goalId } : {}),
      ...(input.taskId !== undefined ? { task_id: input.taskId } : {}),
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'competitor.observation_updated',
      objectType: 'competitor',
      objectId: competitorId,
      changes: { observationId, fields: Object.keys(input) },
      now: services.now(),
    });
  });
  return loadObservation(services.db, workspaceId, competitorId, observationId);
}

export async function deleteObservation(
  context: WorkspaceContext,
  { competitorId, observationId }: { competitorId: string; observationId: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute(async (trx) => {
    const observation = await loadObservation(trx, workspaceId, competitorId, observationId);
    await queries.deleteObservation(trx, workspaceId, observationId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'competitor.observation_deleted',
      objectType: 'competitor',
      objectId: competitorId,
      changes: { observationId, title: observation.title },
      now: services.now(),
    });
  });
}

/**
 * Turns an observation into work: a task (the creator accountable, under the observation's goal unless another
 * is named) made and linked to the observation in one transaction.
 */
export async function createTaskFromObservation(
  context: WorkspaceContext,
  {
    competitorId,
    observationId,
    input,
  }: { competitorId: string; observationId: string; input: ObservationTaskInput },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  const taskId = await services.db.transaction().execute(async (trx) => {
    const observation = await loadObservation(trx, workspaceId, competitorId, observationId);
    const goalId = input.goalId ?? observation.goal?.id;
    await checkLinks(trx, workspaceId, { goalId });
    const taskId = await createTaskInTransaction(services, trx, workspaceId, actor.userId, {
      title: input.title ?? observation.title,
      description: [
        `${observation.competitorName} · ${observation.observedOn}`,
        observation.note,
        observation.sourceUrl ?? '',
      ]
        .filter((line) => line.trim() !== '')
        .join('\n\n'),
      ...(goalId ? { goalId } : {}),
      ...(input.dueDate ? { dueDate: input.dueDate } : {}),
    });
    await queries.updateObservation(trx, workspaceId, observationId, { task_id: taskId });
    return taskId;
  });
  return {
    observation: await loadObservation(services.db, workspaceId, competitorId, observationId),
    taskId,
  };
}
