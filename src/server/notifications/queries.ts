import { sql, type Insertable, type Updateable } from 'kysely';
import type {
  ChatTargetsTable,
  Db,
  Executor,
  NotificationDeliveriesTable,
  NotificationsTable,
} from '../../db/types.ts';

// ——— Facts about an event's object (read by the rules) ———

export function selectTaskFacts(executor: Executor, workspaceId: string, taskId: string) {
  return executor
    .selectFrom('tasks')
    .select(['id', 'title', 'due_date'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

export function selectTaskRoles(executor: Executor, taskId: string) {
  return executor
    .selectFrom('task_roles')
    .select(['user_id as userId', 'role'])
    .where('task_id', '=', taskId)
    .execute();
}

export function selectGoalFacts(executor: Executor, workspaceId: string, goalId: string) {
  return executor
    .selectFrom('goals')
    .select(['id', 'title', 'owner_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', goalId)
    .executeTakeFirst();
}

export function selectKpiFacts(executor: Executor, workspaceId: string, kpiId: string) {
  return executor
    .selectFrom('kpis')
    .select(['id', 'key', 'name', 'owner_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', kpiId)
    .executeTakeFirst();
}

export function selectRunFacts(executor: Executor, workspaceId: string, runId: string) {
  return executor
    .selectFrom('process_runs')
    .innerJoin('processes', 'processes.id', 'process_runs.process_id')
    .innerJoin('process_versions', 'process_versions.id', 'process_runs.version_id')
    .select([
      'process_runs.id',
      'process_runs.subject',
      'process_runs.started_by',
      'processes.name as process_name',
      'processes.created_by as process_owner',
      'process_versions.steps',
    ])
    .where('process_runs.workspace_id', '=', workspaceId)
    .where('process_runs.id', '=', runId)
    .executeTakeFirst();
}

export async function selectUserName(executor: Executor, userId: string | null): Promise<string> {
  if (!userId) return '';
  const row = await executor.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return row?.name ?? '';
}

/** Every KPI someone owns, across workspaces, for the daily "value due" reminder. */
export function selectKpisWithOwners(executor: Executor, workspaceId?: string) {
  let query = executor
    .selectFrom('kpis')
    .select(['id', 'workspace_id', 'frequency', 'last_period'])
    .where('owner_id', 'is not', null)
    .where('formula', 'is', null);
  if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
  return query.execute();
}

/** Those of `userIds` who are still members: someone who left hears nothing more. */
export async function selectMemberIds(
  executor: Executor,
  workspaceId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await executor
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

// ——— People, their settings and preferences ———

export function selectRecipientProfiles(executor: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('users')
    .leftJoin('notification_settings', 'notification_settings.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.locale',
      'notification_settings.timezone',
      'notification_settings.quiet_start',
      'notification_settings.quiet_end',
      'notification_settings.digest',
      'notification_settings.digest_hour',
    ])
    .where('users.id', 'in', userIds)
    .execute();
}

export function selectPreferences(executor: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('notification_preferences')
    .select(['user_id', 'event_type', 'channel', 'enabled'])
    .where('user_id', 'in', userIds)
    .execute();
}

export function selectSettings(executor: Executor, userId: string) {
  return executor
    .selectFrom('notification_settings')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function upsertSettings(
  executor: Executor,
  row: {
    user_id: string;
    timezone: string;
    quiet_start: string | null;
    quiet_end: string | null;
    digest: number;
    digest_hour: number;
    updated_at: number;
  },
): Promise<void> {
  const { user_id: _userId, ...changes } = row;
  await executor
    .insertInto('notification_settings')
    .values(row)
    .onConflict((c) => c.column('user_id').doUpdateSet(changes))
    .execute();
}

export async function upsertPreference(
  executor: Executor,
  row: { user_id: string; event_type: string; channel: string; enabled: number; updated_at: number },
): Promise<void> {
  await executor
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((c) =>
      c
        .columns(['user_id', 'event_type', 'channel'])
        .doUpdateSet({ enabled: row.enabled, updated_at: row.updated_at }),
    )
    .execute();
}

// ——— The inbox ———

/** Inserts what is new; a repeated (event, recipient) is skipped, and only new rows come back. */
export function insertNotifications(executor: Executor, rows: Insertable<NotificationsTable>[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return executor
    .insertInto('notifications')
    .values(rows)
    .onConflict((c) => c.columns(['event_id', 'recipient_id']).doNothing())
    .returning(['id', 'recipient_id'])
    .execute();
}

export function selectInbox(
  executor: Executor,
  filter: {
    workspaceId: string;
    userId: string;
    cursor?: string | undefined;
    unreadOnly: boolean;
    limit: number;
  },
) {
  let query = executor
    .selectFrom('notifications')
    .selectAll()
    .where('workspace_id', '=', filter.workspaceId)
    .where('recipient_id', '=', filter.userId);
  if (filter.unreadOnly) query = query.where('read_at', 'is', null);
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function countUnread(executor: Executor, workspaceId: string, userId: string): Promise<number> {
  const row = await executor
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export function selectNotification(executor: Executor, workspaceId: string, userId: string, id: string) {
  return executor
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where('workspace_id', '=', workspaceId)
    .where('recipient_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setRead(executor: Executor, id: string, readAt: number | null): Promise<number> {
  const result = await executor
    .updateTable('notifications')
    .set({ read_at: readAt })
    .where('id', '=', id)
    .where('read_at', readAt === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markAllRead(
  executor: Executor,
  workspaceId: string,
  userId: string,
  now: number,
  upToId?: string,
): Promise<number> {
  let query = executor
    .updateTable('notifications')
    .set({ read_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null);
  if (upToId) query = query.where('id', '<=', upToId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ——— Deliveries outside the app ———

export function insertDeliveries(executor: Executor, rows: Insertable<NotificationDeliveriesTable>[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return executor
    .insertInto('notification_deliveries')
    .values(rows)
    .onConflict((c) => c.column('dedupe_key').doNothing())
    .returning(['id', 'status', 'send_after'])
    .execute();
}

export function selectDelivery(executor: Executor, id: string) {
  return executor.selectFrom('notification_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDelivery(
  executor: Executor,
  id: string,
  changes: Updateable<NotificationDeliveriesTable>,
): Promise<void> {
  await executor.updateTable('notification_deliveries').set(changes).where('id', '=', id).execute();
}

/** Digest deliveries waiting, per person. */
export function selectDigestDeliveries(db: Db, recipientIds: readonly string[]) {
  if (recipientIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('status', '=', 'digest')
    .where('recipient_id', 'in', recipientIds)
    .orderBy('id')
    .execute();
}

export function selectDigestRecipients(db: Db) {
  return db
    .selectFrom('notification_deliveries')
    .select('recipient_id')
    .distinct()
    .where('status', '=', 'digest')
    .where('recipient_id', 'is not', null)
    .execute();
}

/** Marks a digest's deliveries sent; only those still waiting, so two runs never send one twice. */
export async function claimDigestDeliveries(
  executor: Executor,
  ids: readonly string[],
  now: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await executor
    .updateTable('notification_deliveries')
    .set({ status: 'sent', sent_at: now, updated_at: now, attempts: 1 })
    .where('id', 'in', ids)
    .where('status', '=', 'digest')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ——— Chat targets ———

export function selectEnabledTargets(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('chat_targets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('enabled', '=', 1)
    .execute();
}

export function selectTargets(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('chat_targets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();
}

export function selectTarget(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('chat_targets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A target by id alone, for the delivery job that already holds a delivery of this workspace. */
export function unsafeSelectTarget(executor: Executor, id: string) {
  return executor.selectFrom('chat_targets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTarget(executor: Executor, row: Insertable<ChatTargetsTable>): Promise<void> {
  await executor.insertInto('chat_targets').values(row).execute();
}

export async function updateTarget(
  executor: Executor,
  id: string,
  changes: Updateable<ChatTargetsTable>,
): Promise<void> {
  await executor.updateTable('chat_targets').set(changes).where('id', '=', id).execute();
}

export async function deleteTarget(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom('chat_targets').where('id', '=', id).execute();
}

export function selectTargetDeliveries(
  executor: Executor,
  targetId: string,
  options: { cursor?: string | undefined; limit: number },
) {
  let query = executor
    .selectFrom('notification_deliveries')
    .select([
      'id',
      'event_type',
      'status',
      'attempts',
      'response_code',
      'last_error',
      'sent_at',
      'created_at',
      'updated_at',
    ])
    .where('target_id', '=', targetId);
  if (options.cursor) query = query.where('id', '<', options.cursor);
  return query
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

// ——— Instance secrets ———

/** The named secret, created once by whichever instance asks first. */
export async function ensureAppSecret(db: Db, name: string, fresh: string, now: number): Promise<string> {
  await db
    .insertInto('app_secrets')
    .values({ name, value: fresh, created_at: now })
    .onConflict((c) => c.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}

/** PostgreSQL NOTIFY of each payload on a channel, in one round trip (500 recipients were 500 statements). */
export async function notifyChannel(
  executor: Executor,
  channel: string,
  payloads: readonly string[],
): Promise<void> {
  await sql`SELECT pg_notify(${channel}, payload) FROM unnest(${payloads}::text[]) AS t(payload)`.execute(
    executor,
  );
}
