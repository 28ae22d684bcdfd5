import type { Insertable, Updateable } from 'kysely';
import type {
  Executor,
  FeedbackClustersTable,
  FeedbackContactsTable,
  FeedbackItemsTable,
  FeedbackRatingsTable,
  FeedbackSettingsTable,
} from '../../db/types.ts';

// ——— Settings ———

export function selectSettings(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('feedback_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

/** The settings row, made with defaults on first use. */
export async function ensureSettings(executor: Executor, workspaceId: string, now: number) {
  await executor
    .insertInto('feedback_settings')
    .values({
      workspace_id: workspaceId,
      portal_enabled: 1,
      public_categories: '[]',
      synonyms: null,
      cluster_status: 'idle',
      cluster_progress: 0,
      clustered_at: null,
      updated_at: now,
    })
    .onConflict((c) => c.column('workspace_id').doNothing())
    .execute();
  return executor
    .selectFrom('feedback_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
}

export async function updateSettings(
  executor: Executor,
  workspaceId: string,
  changes: Updateable<FeedbackSettingsTable>,
) {
  await executor
    .updateTable('feedback_settings')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export async function selectCategories(executor: Executor, workspaceId: string): Promise<string[]> {
  const rows = await executor
    .selectFrom('feedback_items')
    .select('category')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('category', 'is not', null)
    .orderBy('category')
    .execute();
  return rows.flatMap((row) => (row.category ? [row.category] : []));
}

export function selectWorkspaceName(executor: Executor, workspaceId: string) {
  return executor.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirst();
}

// ——— Contacts ———

export function selectContactByEmail(executor: Executor, workspaceId: string, email: string) {
  return executor
    .selectFrom('feedback_contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .executeTakeFirst();
}

export function selectContact(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('feedback_contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts the contact unless one with this address exists (a parallel submission may have made it). */
export async function insertContact(executor: Executor, row: Insertable<FeedbackContactsTable>) {
  if (row.email) {
    await executor
      .insertInto('feedback_contacts')
      .values(row)
      .onConflict((c) => c.columns(['workspace_id', 'email']).doNothing())
      .execute();
    return (await selectContactByEmail(executor, row.workspace_id, row.email))?.id ?? row.id;
  }
  await executor.insertInto('feedback_contacts').values(row).execute();
  return row.id;
}

export function selectContacts(
  executor: Executor,
  workspaceId: string,
  options: { q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  let query = executor
    .selectFrom('feedback_contacts')
    .leftJoin('feedback_item_contacts', 'feedback_item_contacts.contact_id', 'feedback_contacts.id')
    .select(({ fn }) => [
      'feedback_contacts.id',
      'feedback_contacts.email',
      'feedback_contacts.name',
      fn.count<number>('feedback_item_contacts.item_id').as('item_count'),
    ])
    .where('feedback_contacts.workspace_id', '=', workspaceId)
    .groupBy(['feedback_contacts.id', 'feedback_contacts.email', 'feedback_contacts.name'])
    .orderBy('feedback_contacts.id', 'desc')
    .limit(options.limit);
  if (options.cursor) query = query.where('feedback_contacts.id', '<', options.cursor);
  if (options.q) {
    const like = `%${options.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb('feedback_contacts.email', 'like', like),
        eb(eb.fn('lower', ['feedback_contacts.name']), 'like', like),
      ]),
    );
  }
  return query.execute();
}

export async function linkContact(
  executor: Executor,
  row: { item_id: string; contact_id: string; workspace_id: string; created_at: number },
) {
  await executor
    .insertInto('feedback_item_contacts')
    .values(row)
    .onConflict((c) => c.columns(['item_id', 'contact_id']).doNothing())
    .execute();
}

export function selectSubmitters(executor: Executor, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('feedback_item_contacts')
    .innerJoin('feedback_contacts', 'feedback_contacts.id', 'feedback_item_contacts.contact_id')
    .select([
      'feedback_item_contacts.item_id',
      'feedback_contacts.id',
      'feedback_contacts.email',
      'feedback_contacts.name',
    ])
    .where('feedback_item_contacts.item_id', 'in', itemIds)
    .orderBy('feedback_item_contacts.created_at')
    .execute();
}

// ——— Items ———

const itemColumns = [
  'feedback_items.id',
  'feedback_items.workspace_id',
  'feedback_items.title',
  'feedback_items.body',
  'feedback_items.channel',
  'feedback_items.category',
  'feedback_items.tags',
  'feedback_items.product_area',
  'feedback_items.contact_id',
  'feedback_contacts.email as contact_email',
  'feedback_contacts.name as contact_name',
  'feedback_items.votes',
  'feedback_items.sentiment',
  'feedback_items.status',
  'feedback_items.assignee_id',
  'users.name as assignee_name',
  'feedback_items.cluster_id',
  'feedback_clusters.label as cluster_label',
  'feedback_items.cluster_locked',
  'feedback_items.merged_into_id',
  'feedback_items.resolution',
  'feedback_items.resolved_at',
  'feedback_items.created_at',
  'feedback_items.updated_at',
] as const;

function itemQuery(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('feedback_items')
    .leftJoin('feedback_contacts', 'feedback_contacts.id', 'feedback_items.contact_id')
    .leftJoin('users', 'users.id', 'feedback_items.assignee_id')
    .leftJoin('feedback_clusters', 'feedback_clusters.id', 'feedback_items.cluster_id')
    .select(itemColumns)
    .where('feedback_items.workspace_id', '=', workspaceId);
}

export type ItemRow = Awaited<ReturnType<typeof selectItem>> & object;

export function selectItem(executor: Executor, workspaceId: string, id: string) {
  return itemQuery(executor, workspaceId).where('feedback_items.id', '=', id).executeTakeFirst();
}

export function selectItemsByIds(executor: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return itemQuery(executor, workspaceId).where('feedback_items.id', 'in', ids).execute();
}

/** A cluster's items still open (not done or declined, not merged away), oldest first. */
export function selectOpenClusterItems(executor: Executor, workspaceId: string, clusterId: string) {
  return itemQuery(executor, workspaceId)
    .where('feedback_items.cluster_id', '=', clusterId)
    .where('feedback_items.merged_into_id', 'is', null)
    .where('feedback_items.status', 'not in', ['done', 'declined'])
    .orderBy('feedback_items.created_at')
    .orderBy('feedback_items.id')
    .execute();
}

/** The items linked to a task or a process case. */
export async function selectItemIdsLinkedTo(
  executor: Executor,
  workspaceId: string,
  targetType: 'task' | 'run',
  targetId: string,
) {
  const rows = await executor
    .selectFrom('feedback_links')
    .select('item_id')
    .where('workspace_id', '=', workspaceId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .execute();
  return rows.map((row) => row.item_id);
}

/** A case's completed step visits with their field values (JSON), in the order they were completed. */
export function selectRunFieldValues(executor: Executor, workspaceId: string, runId: string) {
  return executor
    .selectFrom('process_run_steps')
    .select(['step_key', 'field_values'])
    .where('workspace_id', '=', workspaceId)
    .where('run_id', '=', runId)
    .where('completed_at', 'is not', null)
    .orderBy('completed_at')
    .orderBy('id')
    .execute();
}

export function selectItems(
  executor: Executor,
  workspaceId: string,
  filter: {
    status?: string | undefined;
    channel?: string | undefined;
    category?: string | undefined;
    clusterId?: string | undefined;
    assigneeId?: string | undefined;
    contactId?: string | undefined;
    q?: string | undefined;
    categories?: readonly string[] | undefined;
    includeMerged?: boolean;
    cursor?: string | undefined;
    limit: number;
  },
) {
  let query = itemQuery(executor, workspaceId).orderBy('feedback_items.id', 'desc').limit(filter.limit);
  if (!filter.includeMerged) query = query.where('feedback_items.merged_into_id', 'is', null);
  if (filter.cursor) query = query.where('feedback_items.id', '<', filter.cursor);
  if (filter.status) query = query.where('feedback_items.status', '=', filter.status);
  if (filter.channel) query = query.where('feedback_items.channel', '=', filter.channel);
  if (filter.category) query = query.where('feedback_items.category', '=', filter.category);
  if (filter.clusterId) query = query.where('feedback_items.cluster_id', '=', filter.clusterId);
  if (filter.assigneeId) query = query.where('feedback_items.assignee_id', '=', filter.assigneeId);
  if (filter.categories) {
    if (filter.categories.length === 0) return Promise.resolve([]);
    query = query.where('feedback_items.category', 'in', filter.categories);
  }
  if (filter.contactId) {
    const contactId = filter.contactId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('feedback_item_contacts')
          .select('feedback_item_contacts.item_id')
          .whereRef('feedback_item_contacts.item_id', '=', 'feedback_items.id')
          .where('feedback_item_contacts.contact_id', '=', contactId),
      ),
    );
  }
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['feedback_items.title']), 'like', like),
        eb(eb.fn('lower', ['feedback_items.body']), 'like', like),
      ]),
    );
  }
  return query.execute();
}

export async function insertItem(executor: Executor, row: Insertable<FeedbackItemsTable>) {
  await executor.insertInto('feedback_items').values(row).execute();
}

export async function updateItems(
  executor: Executor,
  workspaceId: string,
  ids: readonly string[],
  changes: Updateable<FeedbackItemsTable>,
) {
  if (ids.length === 0) return;
  await executor
    .updateTable('feedback_items')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/** Adds to an item's vote count in one statement, so parallel votes are all counted. */
export async function addVotes(executor: Executor, itemId: string, count: number, now: number) {
  await executor
    .updateTable('feedback_items')
    .set((eb) => ({ votes: eb('votes', '+', count), updated_at: now }))
    .where('id', '=', itemId)
    .execute();
}

export async function insertStatusChange(
  executor: Executor,
  row: {
    id: string;
    workspace_id: string;
    item_id: string;
    from_status: string | null;
    to_status: string;
    actor_id: string | null;
    note: string | null;
    created_at: number;
  },
) {
  await executor.insertInto('feedback_status_changes').values(row).execute();
}

export function selectHistory(executor: Executor, itemId: string) {
  return executor
    .selectFrom('feedback_status_changes')
    .leftJoin('users', 'users.id', 'feedback_status_changes.actor_id')
    .select([
      'feedback_status_changes.id',
      'feedback_status_changes.from_status',
      'feedback_status_changes.to_status',
      'feedback_status_changes.actor_id',
      'users.name as actor_name',
      'feedback_status_changes.note',
      'feedback_status_changes.created_at',
    ])
    .where('feedback_status_changes.item_id', '=', itemId)
    .orderBy('feedback_status_changes.id')
    .execute();
}

export function selectDuplicates(executor: Executor, workspaceId: string, itemId: string) {
  return executor
    .selectFrom('feedback_items')
    .select(['id', 'title'])
    .where('workspace_id', '=', workspaceId)
    .where('merged_into_id', '=', itemId)
    .orderBy('id')
    .execute();
}

// ——— Links to tasks and process cases ———

export async function insertLink(
  executor: Executor,
  row: { item_id: string; workspace_id: string; target_type: string; target_id: string; created_at: number },
) {
  await executor
    .insertInto('feedback_links')
    .values(row)
    .onConflict((c) => c.columns(['item_id', 'target_type', 'target_id']).doNothing())
    .execute();
}

export async function selectLinks(executor: Executor, workspaceId: string, itemId: string) {
  const tasks = await executor
    .selectFrom('feedback_links')
    .innerJoin('tasks', 'tasks.id', 'feedback_links.target_id')
    .select(['feedback_links.target_id', 'tasks.title', 'tasks.status'])
    .where('feedback_links.item_id', '=', itemId)
    .where('feedback_links.target_type', '=', 'task')
    .where('tasks.workspace_id', '=', workspaceId)
    .execute();
  const runs = await executor
    .selectFrom('feedback_links')
    .innerJoin('process_runs', 'process_runs.id', 'feedback_links.target_id')
    .select(['feedback_links.target_id', 'process_runs.subject as title', 'process_runs.status'])
    .where('feedback_links.item_id', '=', itemId)
    .where('feedback_links.target_type', '=', 'run')
    .where('process_runs.workspace_id', '=', workspaceId)
    .execute();
  return [
    ...tasks.map((row) => ({
      targetType: 'task' as const,
      targetId: row.target_id,
      title: row.title,
      status: row.status,
    })),
    ...runs.map((row) => ({
      targetType: 'run' as const,
      targetId: row.target_id,
      title: row.title,
      status: row.status,
    })),
  ];
}

/** Carries a duplicate's links, submitters and ratings over to the item it merges into. */
export async function moveLinksAndContacts(executor: Executor, fromIds: readonly string[], toId: string) {
  if (fromIds.length === 0) return;
  const links = await executor
    .selectFrom('feedback_links')
    .selectAll()
    .where('item_id', 'in', fromIds)
    .execute();
  for (const link of links) await insertLink(executor, { ...link, item_id: toId });
  const contacts = await executor
    .selectFrom('feedback_item_contacts')
    .selectAll()
    .where('item_id', 'in', fromIds)
    .execute();
  for (const contact of contacts) await linkContact(executor, { ...contact, item_id: toId });
}

export function selectTask(executor: Executor, workspaceId: string, taskId: string) {
  return executor
    .selectFrom('tasks')
    .select(['id', 'title'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

export function selectFeedbackProcess(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('processes')
    .select(['id'])
    .where('workspace_id', '=', workspaceId)
    .where('template_key', '=', 'feedback')
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function selectMemberIds(executor: Executor, workspaceId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return new Set<string>();
  const rows = await executor
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

// ——— Votes ———

/** Records one vote per (item, voter); false when this voter had already voted. */
export async function insertVote(
  executor: Executor,
  row: { item_id: string; voter_key: string; workspace_id: string; created_at: number },
): Promise<boolean> {
  const result = await executor
    .insertInto('feedback_votes')
    .values(row)
    .onConflict((c) => c.columns(['item_id', 'voter_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

// ——— Clusters ———

export function selectClusters(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('feedback_clusters')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
}

export function selectCluster(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('feedback_clusters')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertCluster(executor: Executor, row: Insertable<FeedbackClustersTable>) {
  await executor.insertInto('feedback_clusters').values(row).execute();
}

export async function updateCluster(
  executor: Executor,
  workspaceId: string,
  id: string,
  changes: Updateable<FeedbackClustersTable>,
) {
  await executor
    .updateTable('feedback_clusters')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteClusters(executor: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await executor
    .updateTable('feedback_items')
    .set({ cluster_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('cluster_id', 'in', ids)
    .execute();
  await executor
    .deleteFrom('feedback_clusters')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/** Every live item's text and placement, for clustering. */
export function selectClusteringItems(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('feedback_items')
    .select([
      'id',
      'title',
      'body',
      'status',
      'cluster_id',
      'cluster_locked',
      'votes',
      'created_at',
      'category',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .execute();
}

// ——— Ratings ———

export async function insertRating(executor: Executor, row: Insertable<FeedbackRatingsTable>) {
  await executor.insertInto('feedback_ratings').values(row).execute();
}

export function unsafeSelectRating(executor: Executor, id: string) {
  return executor.selectFrom('feedback_ratings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets the rating once: false when it was already rated (a second click changes nothing). */
export async function rate(executor: Executor, id: string, rating: number, now: number): Promise<boolean> {
  const result = await executor
    .updateTable('feedback_ratings')
    .set({ rating, rated_at: now })
    .where('id', '=', id)
    .where('rated_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateRatingStatus(executor: Executor, id: string, status: string) {
  await executor.updateTable('feedback_ratings').set({ email_status: status }).where('id', '=', id).execute();
}

export function selectItemRatings(executor: Executor, itemId: string) {
  return executor
    .selectFrom('feedback_ratings')
    .select(['id', 'rating', 'sent_at', 'rated_at', 'contact_id'])
    .where('item_id', '=', itemId)
    .orderBy('sent_at')
    .execute();
}

export function selectRatedRatings(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('feedback_ratings')
    .leftJoin('feedback_clusters', 'feedback_clusters.id', 'feedback_ratings.cluster_id')
    .select([
      'feedback_ratings.rating',
      'feedback_ratings.category',
      'feedback_ratings.cluster_id',
      'feedback_clusters.label as cluster_label',
      'feedback_ratings.rated_at',
    ])
    .where('feedback_ratings.workspace_id', '=', workspaceId)
    .where('feedback_ratings.rated_at', 'is not', null)
    .execute();
}

/** The export ids (`source_ref`) of one channel already in the workspace, among those given. */
export async function selectSourceRefs(
  executor: Executor,
  workspaceId: string,
  channel: string,
  refs: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let at = 0; at < refs.length; at += 500) {
    const chunk = refs.slice(at, at + 500);
    const rows = await executor
      .selectFrom('feedback_items')
      .select('source_ref')
      .where('workspace_id', '=', workspaceId)
      .where('channel', '=', channel)
      .where('source_ref', 'in', chunk)
      .execute();
    for (const row of rows) if (row.source_ref) found.add(row.source_ref);
  }
  return found;
}

/** Ratings count toward the common issue their item is in now (after a re-clustering or a move). */
export async function refreshRatingClusters(
  executor: Executor,
  workspaceId: string,
  itemIds?: readonly string[],
) {
  if (itemIds && itemIds.length === 0) return;
  let query = executor
    .updateTable('feedback_ratings')
    .set((eb) => ({
      cluster_id: eb
        .selectFrom('feedback_items')
        .select('feedback_items.cluster_id')
        .whereRef('feedback_items.id', '=', 'feedback_ratings.item_id'),
    }))
    .where('feedback_ratings.workspace_id', '=', workspaceId);
  if (itemIds) query = query.where('feedback_ratings.item_id', 'in', itemIds);
  await query.execute();
}

/** Items not locked to a cluster leave theirs before the clusters are rebuilt. */
export async function clearUnlockedClusters(executor: Executor, workspaceId: string): Promise<void> {
  await executor
    .updateTable('feedback_items')
    .set({ cluster_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('cluster_locked', '=', 0)
    .execute();
}

/** Every workspace that has feedback. */
export async function selectFeedbackWorkspaceIds(executor: Executor): Promise<string[]> {
  const rows = await executor.selectFrom('feedback_items').select('workspace_id').distinct().execute();
  return rows.map((row) => row.workspace_id);
}

/** Items already merged into one of `fromIds` follow them into `targetId`. */
export async function redirectMerged(
  executor: Executor,
  workspaceId: string,
  fromIds: readonly string[],
  targetId: string,
  now: number,
): Promise<void> {
  if (fromIds.length === 0) return;
  await executor
    .updateTable('feedback_items')
    .set({ merged_into_id: targetId, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('merged_into_id', 'in', fromIds)
    .execute();
}

/** An item's vote rows. */
export function selectVotesOfItem(executor: Executor, itemId: string) {
  return executor.selectFrom('feedback_votes').selectAll().where('item_id', '=', itemId).execute();
}
