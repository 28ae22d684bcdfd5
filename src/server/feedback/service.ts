import {
  defaultSynonyms,
  guessSentiment,
  isResolved,
  messageLocale,
  nearestCluster,
  processResolution,
  type FeedbackStatus,
  type SynonymGroup,
} from '../../core/feedback/index.ts';
import { AppError } from '../../core/errors/index.ts';
import { processTemplates } from '../../core/processes/templates.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import type { DomainEvent } from '../events/outbox.ts';
import { beginRun } from '../processes/service.ts';
import * as processQueries from '../processes/queries.ts';
import { authorize } from '../workspaces/access.ts';
import { requestRatingsOnce, requestResolutionRatings } from './loop.ts';
import * as queries from './queries.ts';
import type { BulkInput, CreateItemInput, InboxFilter, SettingsInput, UpdateItemInput } from './schemas.ts';
import { jiebaSegmenter } from './segmenter.ts';

export const MAX_TITLE_LENGTH = 200;
export const MAX_BODY_LENGTH = 20_000;

type ItemRow = queries.ItemRow;

function parseList(json: string | null | undefined): string[] {
  if (!json) return [];
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

export function synonymsOf(settings: { synonyms: string | null } | undefined): SynonymGroup[] {
  if (!settings?.synonyms) return defaultSynonyms();
  return JSON.parse(settings.synonyms) as SynonymGroup[];
}

export function toItem(row: ItemRow, publicCategories: readonly string[]) {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    channel: row.channel as CreateItemInput['channel'],
    category: row.category,
    tags: parseList(row.tags),
    productArea: row.product_area,
    contact: row.contact_id ? { id: row.contact_id, email: row.contact_email, name: row.contact_name } : null,
    votes: row.votes,
    sentiment: row.sentiment as 'positive' | 'neutral' | 'negative' | null,
    status: row.status as FeedbackStatus,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    cluster: row.cluster_id ? { id: row.cluster_id, label: row.cluster_label ?? '' } : null,
    mergedIntoId: row.merged_into_id,
    isPublic: row.category !== null && publicCategories.includes(row.category),
    resolution: row.resolution,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function publicCategoriesOf(executor: Executor, workspaceId: string): Promise<string[]> {
  return parseList((await queries.selectSettings(executor, workspaceId))?.public_categories);
}

export function checkLengths(input: { title?: string | undefined; body?: string | undefined }) {
  if (input.title !== undefined && input.title.length > MAX_TITLE_LENGTH) {
    throw new AppError('feedback_too_long', { limit: MAX_TITLE_LENGTH }, [{ path: 'title', message: '' }]);
  }
  if (input.body !== undefined && input.body.length > MAX_BODY_LENGTH) {
    throw new AppError('feedback_too_long', { limit: MAX_BODY_LENGTH }, [{ path: 'body', message: '' }]);
  }
}

async function requireItem(executor: Executor, workspaceId: string, itemId: string, path?: string) {
  const row = await queries.selectItem(executor, workspaceId, itemId);
  if (!row) throw new AppError('feedback_not_found', {}, path ? [{ path, message: '' }] : undefined);
  return row;
}

async function requireAssignee(
  executor: Executor,
  workspaceId: string,
  assigneeId: string | null | undefined,
) {
  if (!assigneeId) return;
  const members = await queries.selectMemberIds(executor, workspaceId, [assigneeId]);
  if (!members.has(assigneeId))
    throw new AppError('feedback_assignee_not_member', {}, [{ path: 'assigneeId', message: '' }]);
}

export type NewItem = {
  title: string;
  body: string;
  channel: CreateItemInput['channel'];
  category?: string | null | undefined;
  tags?: readonly string[] | undefined;
  productArea?: string | null | undefined;
  sentiment?: string | null | undefined;
  contact?: { email?: string | undefined; name?: string | undefined } | undefined;
  sourceRef?: string | null | undefined;
  createdBy: string | null;
  createdAt?: number | undefined;
};

/**
 * Inserts one item with its submitter (found or added to the contacts by address), its first history entry
 * and its place in the nearest existing cluster. Runs inside the caller's transaction.
 */
export async function insertNewItem(
  services: Services,
  trx: Executor,
  workspaceId: string,
  input: NewItem,
  clusters?: ReadonlyArray<{ id: string; signature: Record<string, number> }>,
  synonyms?: readonly SynonymGroup[],
): Promise<string> {
  const now = services.now();
  const createdAt = input.createdAt ?? now;
  // Ids sort the inbox: an item imported or seeded with an earlier date takes its place among the others.
  const id = newId(createdAt);
  let contactId: string | null = null;
  if (input.contact?.email || input.contact?.name) {
    contactId = await queries.insertContact(trx, {
      id: newId(now),
      workspace_id: workspaceId,
      email: input.contact.email ?? null,
      name: input.contact.name ?? null,
      created_at: now,
      updated_at: now,
    });
  }
  const text = `${input.title}\n${input.body}`;
  const stored =
    clusters ??
    (await queries.selectClusters(trx, workspaceId)).map((cluster) => ({
      id: cluster.id,
      signature: JSON.parse(cluster.signature) as Record<string, number>,
    }));
  const nearest =
    stored.length > 0
      ? nearestCluster(
          text,
          stored,
          jiebaSegmenter(),
          synonyms ?? synonymsOf(await queries.selectSettings(trx, workspaceId)),
        )
      : null;
  await queries.insertItem(trx, {
    id,
    workspace_id: workspaceId,
    title: input.title,
    body: input.body,
    channel: input.channel,
    category: input.category ?? null,
    tags: JSON.stringify(input.tags ?? []),
    product_area: input.productArea ?? null,
    contact_id: contactId,
    votes: 0,
    sentiment: input.sentiment ?? guessSentiment(text),
    status: 'new',
    assignee_id: null,
    cluster_id: nearest?.id ?? null,
    cluster_locked: 0,
    merged_into_id: null,
    resolution: null,
    resolved_at: null,
    source_ref: input.sourceRef ?? null,
    created_by: input.createdBy,
    created_at: createdAt,
    updated_at: createdAt,
  });
  if (contactId) {
    await queries.linkContact(trx, {
      item_id: id,
      contact_id: contactId,
      workspace_id: workspaceId,
      created_at: now,
    });
  }
  await queries.insertStatusChange(trx, {
    id: newId(now),
    workspace_id: workspaceId,
    item_id: id,
    from_status: null,
    to_status: 'new',
    actor_id: input.createdBy,
    note: null,
    created_at: createdAt,
  });
  return id;
}

/** Moves an item to a status, writing its history; a resolution asks the submitters for a rating. */
export async function changeStatus(
  services: Services,
  trx: Executor,
  item: {
    id: string;
    workspace_id: string;
    status: string;
    category: string | null;
    cluster_id: string | null;
  },
  status: FeedbackStatus,
  actorId: string | null,
  note: string | null,
  options: { requestRatings?: boolean } = {},
) {
  if (item.status === status) return;
  const now = services.now();
  const resolved = isResolved(status);
  await queries.updateItems(trx, item.workspace_id, [item.id], {
    status,
    updated_at: now,
    ...(resolved ? { resolution: note, resolved_at: now } : { resolved_at: null }),
  });
  await queries.insertStatusChange(trx, {
    id: newId(now),
    workspace_id: item.workspace_id,
    item_id: item.id,
    from_status: item.status,
    to_status: status,
    actor_id: actorId,
    note,
    created_at: now,
  });
  if (resolved && options.requestRatings !== false) await requestResolutionRatings(services, trx, item, now);
}

// ——— Use cases ———

export async function listItems(services: Services, actor: Actor, workspaceId: string, filter: InboxFilter) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  const rows = await queries.selectItems(services.db, workspaceId, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const publicCategories = await publicCategoriesOf(services.db, workspaceId);
  return {
    items: page.map((row) => toItem(row, publicCategories)),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function getItem(services: Services, actor: Actor, workspaceId: string, itemId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  return itemDetail(services.db, workspaceId, itemId);
}

async function itemDetail(executor: Executor, workspaceId: string, itemId: string) {
  const row = await requireItem(executor, workspaceId, itemId);
  const [history, submitters, links, duplicates, ratings, publicCategories] = await Promise.all([
    queries.selectHistory(executor, itemId),
    queries.selectSubmitters(executor, [itemId]),
    queries.selectLinks(executor, workspaceId, itemId),
    queries.selectDuplicates(executor, workspaceId, itemId),
    queries.selectItemRatings(executor, itemId),
    publicCategoriesOf(executor, workspaceId),
  ]);
  return {
    ...toItem(row, publicCategories),
    history: history.map((entry) => ({
      id: entry.id,
      fromStatus: entry.from_status as FeedbackStatus | null,
      toStatus: entry.to_status as FeedbackStatus,
      actor: entry.actor_id ? { id: entry.actor_id, name: entry.actor_name ?? '' } : null,
      note: entry.note,
      createdAt: entry.created_at,
    })),
    submitters: submitters.map((contact) => ({ id: contact.id, email: contact.email, name: contact.name })),
    links,
    duplicates,
    ratings: ratings.map((rating) => ({
      rating: rating.rating,
      sentAt: rating.sent_at,
      ratedAt: rating.rated_at,
    })),
  };
}

/** An item entered by the team or sent through the API with a token. */
export async function createItem(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: CreateItemInput,
) {
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  checkLengths(input);
  const channel = input.channel === 'portal' ? 'manual' : input.channel;
  const id = await services.db.transaction().execute(async (trx) => {
    const itemId = await insertNewItem(services, trx, workspaceId, {
      ...input,
      channel: actor.tokenWorkspaceId && channel === 'manual' ? 'api' : channel,
      createdBy: actor.userId,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.created',
      objectType: 'feedback',
      objectId: itemId,
      changes: { title: input.title, channel },
      now: services.now(),
    });
    return itemId;
  });
  return itemDetail(services.db, workspaceId, id);
}

export async function updateItem(
  context: WorkspaceContext,
  { itemId, input }: { itemId: string; input: UpdateItemInput },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  checkLengths(input);
  await services.db.transaction().execute(async (trx) => {
    const item = await requireItem(trx, workspaceId, itemId);
    if (item.merged_into_id) throw new AppError('feedback_merged');
    await requireAssignee(trx, workspaceId, input.assigneeId);
    const now = services.now();
    await queries.updateItems(trx, workspaceId, [itemId], {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.body !== undefined && { body: input.body }),
      ...(input.category !== undefined && { category: input.category }),
      ...(input.tags !== undefined && { tags: JSON.stringify(input.tags) }),
      ...(input.productArea !== undefined && { product_area: input.productArea }),
      ...(input.sentiment !== undefined && { sentiment: input.sentiment }),
      ...(input.assigneeId !== undefined && { assignee_id: input.assigneeId }),
      updated_at: now,
    });
    if (input.status) changeStatusChecked(input.status, input.note);
    if (input.status) await changeStatus(services, trx, item, input.status, actor.userId, input.note ?? null);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.updated',
      objectType: 'feedback',
      objectId: itemId,
      changes: { ...input },
      now,
    });
  });
  return itemDetail(services.db, workspaceId, itemId);
}

/** Resolving says what was done: the submitters read it. */
function changeStatusChecked(status: FeedbackStatus, note: string | undefined) {
  if (isResolved(status) && !note?.trim()) {
    throw new AppError('feedback_resolution_required', {}, [{ path: 'note', message: '' }]);
  }
}

/** Bulk triage: one status, assignee or category for up to 200 items, all or nothing. */
export async function bulkUpdate(services: Services, actor: Actor, workspaceId: string, input: BulkInput) {
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  if (input.status) changeStatusChecked(input.status, input.note);
  const ids = [...new Set(input.itemIds)];
  await services.db.transaction().execute(async (trx) => {
    const rows = await queries.selectItemsByIds(trx, workspaceId, ids);
    if (rows.length !== ids.length) {
      throw new AppError('feedback_not_found', {}, [{ path: 'itemIds', message: '' }]);
    }
    await requireAssignee(trx, workspaceId, input.assigneeId);
    const now = services.now();
    await queries.updateItems(trx, workspaceId, ids, {
      ...(input.assigneeId !== undefined && { assignee_id: input.assigneeId }),
      ...(input.category !== undefined && { category: input.category }),
      updated_at: now,
    });
    if (input.status) {
      for (const row of rows) {
        await changeStatus(services, trx, row, input.status, actor.userId, input.note ?? null);
      }
    }
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.bulk_updated',
      objectType: 'feedback',
      objectId: ids[0] ?? '',
      changes: { itemIds: ids, status: input.status, assigneeId: input.assigneeId, category: input.category },
      now,
    });
  });
  return { updated: ids.length };
}

/** Merges duplicates into an item: their votes and submitters move over, and they leave the inbox. */
export async function mergeItems(
  context: WorkspaceContext,
  { itemId, duplicateIds }: { itemId: string; duplicateIds: readonly string[] },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  const ids = [...new Set(duplicateIds)];
  if (ids.includes(itemId))
    throw new AppError('feedback_merge_self', {}, [{ path: 'duplicateIds', message: '' }]);
  await services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'feedback', workspaceId);
    const target = await requireItem(trx, workspaceId, itemId);
    if (target.merged_into_id) throw new AppError('feedback_merged');
    const duplicates = await queries.selectItemsByIds(trx, workspaceId, ids);
    if (duplicates.length !== ids.length || duplicates.some((row) => row.merged_into_id)) {
      throw new AppError('feedback_not_found', {}, [{ path: 'duplicateIds', message: '' }]);
    }
    const now = services.now();
    // Items already merged into a duplicate follow it to the new target.
    await queries.redirectMerged(trx, workspaceId, ids, itemId, now);
    await queries.moveLinksAndContacts(trx, ids, itemId);
    await queries.addVotes(
      trx,
      itemId,
      duplicates.reduce((sum, row) => sum + row.votes, 0),
      now,
    );
    // A voter of both keeps one vote: the vote rows move where they do not collide.
    for (const duplicate of duplicates) {
      const votes = await queries.selectVotesOfItem(trx, duplicate.id);
      for (const vote of votes) await queries.insertVote(trx, { ...vote, item_id: itemId });
    }
    await queries.updateItems(trx, workspaceId, ids, { merged_into_id: itemId, votes: 0, updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.merged',
      objectType: 'feedback',
      objectId: itemId,
      changes: { duplicateIds: ids },
      now,
    });
  });
  return itemDetail(services.db, workspaceId, itemId);
}

/**
 * Opens a case of the workspace's feedback-handling process (收集反馈 → 分析问题 → 制定解决方案 → 反馈用户)
 * linked to the item; the process is made from its template the first time.
 */
export async function startFeedbackProcess(context: WorkspaceContext, { itemId }: { itemId: string }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'runs.write');
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  const runId = await services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'feedback', workspaceId);
    const item = await requireItem(trx, workspaceId, itemId);
    if (item.merged_into_id) throw new AppError('feedback_merged');
    const now = services.now();
    let process = await queries.selectFeedbackProcess(trx, workspaceId);
    if (!process) {
      const template = processTemplates(locale).find((candidate) => candidate.key === 'feedback');
      if (!template) throw new AppError('process_not_found');
      const processId = newId(now);
      const versionId = newId(now);
      await processQueries.insertProcess(trx, {
        id: processId,
        workspace_id: workspaceId,
        name: template.name,
        description: template.description,
        template_key: template.key,
        current_version_id: versionId,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await processQueries.insertVersion(trx, {
        id: versionId,
        workspace_id: workspaceId,
        process_id: processId,
        number: 1,
        steps: JSON.stringify(template.steps),
        created_by: actor.userId,
        created_at: now,
      });
      process = { id: processId };
    }
    const id = await beginRun(services, trx, {
      workspaceId,
      processId: process.id,
      subject: item.title.slice(0, 200),
      startedBy: actor.userId,
    });
    await queries.insertLink(trx, {
      item_id: itemId,
      workspace_id: workspaceId,
      target_type: 'run',
      target_id: id,
      created_at: now,
    });
    if (item.status === 'new' || item.status === 'triaged') {
      await changeStatus(services, trx, item, 'in_progress', actor.userId, null);
    }
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.process_started',
      objectType: 'feedback',
      objectId: itemId,
      changes: { runId: id },
      now,
    });
    return id;
  });
  return { runId, item: await itemDetail(services.db, workspaceId, itemId) };
}

/**
 * A finished case of the feedback process closes the loop of the items linked to it, as resolving them by
 * hand does: done, with the case's solution as what was done, and the submitters asked for a rating. The
 * outbox may deliver the event again; items already resolved are left alone.
 */
export async function resolveItemsOfFinishedRun(services: Services, event: DomainEvent) {
  const payload = event.payload as { runId?: unknown; finishedBy?: unknown };
  const workspaceId = event.workspaceId;
  if (!workspaceId || typeof payload.runId !== 'string') return;
  const runId = payload.runId;
  const finishedBy = typeof payload.finishedBy === 'string' ? payload.finishedBy : null;
  await services.db.transaction().execute(async (trx) => {
    const itemIds = await queries.selectItemIdsLinkedTo(trx, workspaceId, 'run', runId);
    if (itemIds.length === 0) return;
    await lockWorkspace(trx, services.dialect, 'feedback', workspaceId);
    const open = (await queries.selectItemsByIds(trx, workspaceId, itemIds)).filter(
      (row) => !row.merged_into_id && !isResolved(row.status),
    );
    if (open.length === 0) return;
    const visits = (await queries.selectRunFieldValues(trx, workspaceId, runId)).map((visit) => ({
      fieldValues: JSON.parse(visit.field_values) as Record<string, unknown>,
    }));
    const now = services.now();
    for (const row of open) {
      const resolution = processResolution(messageLocale(`${row.title} ${row.body}`), visits);
      await changeStatus(services, trx, row, 'done', finishedBy, resolution);
      await insertAuditEntry(trx, {
        workspaceId,
        actorId: finishedBy,
        action: 'feedback.resolved_by_process',
        objectType: 'feedback',
        objectId: row.id,
        changes: { runId, resolution },
        now,
      });
    }
  });
}

export function registerFeedbackProcessSubscriber(services: Services) {
  services.outbox.subscribe('feedback', ['process.run_finished'], (event) =>
    resolveItemsOfFinishedRun(services, event),
  );
}

/**
 * Resolves a whole common issue at once: every open item of the cluster becomes done (or declined) with the
 * same resolution, and each submitter is told once, however many of its items they raised.
 */
export async function resolveCluster(
  context: WorkspaceContext,
  { clusterId, input }: { clusterId: string; input: { status: 'done' | 'declined'; note: string } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  changeStatusChecked(input.status, input.note);
  const note = input.note.trim();
  return services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'feedback', workspaceId);
    const cluster = await queries.selectCluster(trx, workspaceId, clusterId);
    if (!cluster) throw new AppError('feedback_cluster_not_found');
    const open = await queries.selectOpenClusterItems(trx, workspaceId, clusterId);
    const now = services.now();
    for (const row of open) {
      await changeStatus(services, trx, row, input.status, actor.userId, note, { requestRatings: false });
    }
    const notified = await requestRatingsOnce(services, trx, open, now);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.cluster_resolved',
      objectType: 'feedback_cluster',
      objectId: clusterId,
      changes: { status: input.status, note, items: open.length, submitters: notified },
      now,
    });
    return { resolved: open.length, notified };
  });
}

export async function linkTask(
  context: WorkspaceContext,
  { itemId, taskId }: { itemId: string; taskId: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute(async (trx) => {
    await requireItem(trx, workspaceId, itemId);
    const task = await queries.selectTask(trx, workspaceId, taskId);
    if (!task) throw new AppError('task_not_found', {}, [{ path: 'targetId', message: '' }]);
    await queries.insertLink(trx, {
      item_id: itemId,
      workspace_id: workspaceId,
      target_type: 'task',
      target_id: taskId,
      created_at: services.now(),
    });
  });
  return itemDetail(services.db, workspaceId, itemId);
}

export async function listContacts(
  services: Services,
  actor: Actor,
  workspaceId: string,
  filter: { q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  const rows = await queries.selectContacts(services.db, workspaceId, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return {
    contacts: page.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      itemCount: Number(row.item_count),
    })),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** A contact with everything they raised or joined, newest first. */
export async function getContact(services: Services, actor: Actor, workspaceId: string, contactId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  const contact = await queries.selectContact(services.db, workspaceId, contactId);
  if (!contact) throw new AppError('feedback_contact_not_found');
  const rows = await queries.selectItems(services.db, workspaceId, {
    contactId,
    includeMerged: true,
    limit: 200,
  });
  const publicCategories = await publicCategoriesOf(services.db, workspaceId);
  return {
    contact: { id: contact.id, email: contact.email, name: contact.name, itemCount: rows.length },
    items: rows.map((row) => toItem(row, publicCategories)),
  };
}

export async function getSettings(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  return settingsView(services, workspaceId);
}

async function settingsView(services: Services, workspaceId: string) {
  const settings = await queries.selectSettings(services.db, workspaceId);
  return {
    portalEnabled: settings ? settings.portal_enabled === 1 : true,
    publicCategories: parseList(settings?.public_categories),
    categories: await queries.selectCategories(services.db, workspaceId),
    synonyms: synonymsOf(settings).map((group) => ({
      id: group.id,
      terms: group.terms,
      ...(group.parent ? { parent: group.parent } : {}),
    })),
    synonymsAreDefault: !settings?.synonyms,
    portalUrl: `${services.config.publicUrl.replace(/\/$/, '')}/portal/${workspaceId}`,
  };
}

export async function updateSettings(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: SettingsInput,
) {
  await authorize(services.db, actor, workspaceId, 'feedback.manage');
  if (input.synonyms) {
    const ids = new Set(input.synonyms.map((group) => group.id));
    const orphan = input.synonyms.findIndex((group) => group.parent !== undefined && !ids.has(group.parent));
    if (orphan >= 0) {
      throw new AppError('feedback_synonym_parent', {}, [{ path: `synonyms.${orphan}.parent`, message: '' }]);
    }
  }
  await services.db.transaction().execute(async (trx) => {
    const now = services.now();
    await queries.ensureSettings(trx, workspaceId, now);
    await queries.updateSettings(trx, workspaceId, {
      ...(input.portalEnabled !== undefined && { portal_enabled: input.portalEnabled ? 1 : 0 }),
      ...(input.publicCategories !== undefined && {
        public_categories: JSON.stringify([...new Set(input.publicCategories)]),
      }),
      ...(input.synonyms !== undefined && {
        synonyms: input.synonyms ? JSON.stringify(input.synonyms) : null,
      }),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.settings_updated',
      objectType: 'workspace',
      objectId: workspaceId,
      changes: {
        portalEnabled: input.portalEnabled,
        publicCategories: input.publicCategories,
        synonyms: input.synonyms === undefined ? undefined : (input.synonyms?.length ?? null),
      },
      now,
    });
  });
  return settingsView(services, workspaceId);
}
