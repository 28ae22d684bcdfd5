import type { Executor } from '../../db/types.ts';
import { newId } from '../../db/ids.ts';

export type AuditRecord = {
  workspaceId: string;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  changes?: Record<string, unknown> | null;
  now: number;
};

const toAuditRow = (record: AuditRecord) => ({
  id: newId(record.now),
  workspace_id: record.workspaceId,
  actor_id: record.actorId,
  action: record.action,
  object_type: record.objectType,
  object_id: record.objectId,
  changes: record.changes ? JSON.stringify(record.changes) : null,
  created_at: record.now,
});

/** Written inside the transaction of the change it records. */
export async function insertAuditEntry(executor: Executor, record: AuditRecord): Promise<void> {
  await executor.insertInto('audit_entries').values(toAuditRow(record)).execute();
}

/** Audit rows per statement: 8 parameters each, well under either database's limit. */
const AUDIT_BATCH = 500;

/** Several entries of one change (an import's one per KPI) as multi-row INSERTs. */
export async function insertAuditEntries(executor: Executor, records: readonly AuditRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += AUDIT_BATCH) {
    await executor
      .insertInto('audit_entries')
      .values(records.slice(start, start + AUDIT_BATCH).map(toAuditRow))
      .execute();
  }
}

export type AuditFilter = {
  workspaceId: string;
  actorId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  cursor?: string | undefined;
  limit: number;
};

export async function selectAuditEntries(executor: Executor, filter: AuditFilter) {
  let query = executor
    .selectFrom('audit_entries')
    .leftJoin('users', 'users.id', 'audit_entries.actor_id')
    .select([
      'audit_entries.id',
      'audit_entries.actor_id',
      'users.name as actor_name',
      'audit_entries.action',
      'audit_entries.object_type',
      'audit_entries.object_id',
      'audit_entries.changes',
      'audit_entries.created_at',
    ])
    .where('audit_entries.workspace_id', '=', filter.workspaceId);
  if (filter.actorId) query = query.where('audit_entries.actor_id', '=', filter.actorId);
  if (filter.objectType) query = query.where('audit_entries.object_type', '=', filter.objectType);
  if (filter.objectId) query = query.where('audit_entries.object_id', '=', filter.objectId);
  if (filter.from !== undefined) query = query.where('audit_entries.created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('audit_entries.created_at', '<=', filter.to);
  if (filter.cursor) query = query.where('audit_entries.id', '<', filter.cursor);
  return query
    .orderBy('audit_entries.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

/** One object's present title (and a KPI's key, which its page is addressed by). */
export type ObjectTitle = { id: string; title: string; key: string | null };

/**
 * The present titles of the logged objects of one type, in this workspace only: the log names what a task is
 * called now, not when it was changed. Types without a title (comments) answer nothing.
 */
export async function selectObjectTitles(
  executor: Executor,
  workspaceId: string,
  objectType: string,
  ids: readonly string[],
): Promise<ObjectTitle[]> {
  if (ids.length === 0) return [];
  const plain = (rows: Array<{ id: string; title: string }>) =>
    rows.map((row) => ({ id: row.id, title: row.title, key: null }));
  switch (objectType) {
    case 'task':
      return plain(
        await executor
          .selectFrom('tasks')
          .select(['id', 'title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'goal':
      return plain(
        await executor
          .selectFrom('goals')
          .select(['id', 'title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'kpi':
      return (
        await executor
          .selectFrom('kpis')
          .select(['id', 'name', 'key'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute()
      ).map((row) => ({ id: row.id, title: row.name, key: row.key }));
    case 'routine':
      return (
        await executor
          .selectFrom('recurrences')
          .select(['id', 'template'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute()
      ).map((row) => {
        const template = JSON.parse(row.template) as { title?: unknown };
        return { id: row.id, title: typeof template.title === 'string' ? template.title : '', key: null };
      });
    case 'process':
      return plain(
        await executor
          .selectFrom('processes')
          .select(['id', 'name as title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'run':
      return plain(
        await executor
          .selectFrom('process_runs')
          .select(['id', 'subject as title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'member':
      return plain(
        await executor
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .select(['users.id', 'users.name as title'])
          .where('memberships.workspace_id', '=', workspaceId)
          .where('users.id', 'in', ids)
          .execute(),
      );
    case 'api_token':
      return plain(
        await executor
          .selectFrom('api_tokens')
          .select(['id', 'name as title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'chat_target':
      return plain(
        await executor
          .selectFrom('chat_targets')
          .select(['id', 'name as title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'meeting':
      return plain(
        await executor
          .selectFrom('meetings')
          .select(['id', 'title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'retro':
      return plain(
        await executor
          .selectFrom('retros')
          .select(['id', 'title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'meeting_series':
      return plain(
        await executor
          .selectFrom('meeting_series')
          .select(['id', 'title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'feedback':
      return plain(
        await executor
          .selectFrom('feedback_items')
          .select(['id', 'title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'feedback_cluster':
      return plain(
        await executor
          .selectFrom('feedback_clusters')
          .select(['id', 'label as title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'survey':
      return plain(
        await executor
          .selectFrom('surveys')
          .select(['id', 'title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'competitor':
      return plain(
        await executor
          .selectFrom('competitors')
          .select(['id', 'name as title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'training_course':
    case 'review_template':
    case 'review_cycle':
      return plain(
        await executor
          .selectFrom(
            objectType === 'training_course'
              ? 'training_courses'
              : objectType === 'review_template'
                ? 'review_templates'
                : 'review_cycles',
          )
          .select(['id', objectType === 'training_course' ? 'title' : 'name as title'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    case 'training_session':
      // A session is its course on a day: "数据分析入门 · 2026-11-20".
      return (
        await executor
          .selectFrom('training_sessions')
          .innerJoin('training_courses', 'training_courses.id', 'training_sessions.course_id')
          .select(['training_sessions.id', 'training_courses.title', 'training_sessions.date'])
          .where('training_sessions.workspace_id', '=', workspaceId)
          .where('training_sessions.id', 'in', ids)
          .execute()
      ).map((row) => ({ id: row.id, title: `${row.title} · ${row.date}`, key: null }));
    case 'review_participant':
    case 'review': {
      // Both read as whose review in which cycle: "李雷 · 2026 Q4 绩效评估".
      const rows =
        objectType === 'review'
          ? await executor
              .selectFrom('reviews')
              .innerJoin('review_participants', 'review_participants.id', 'reviews.participant_id')
              .innerJoin('users', 'users.id', 'review_participants.reviewee_id')
              .innerJoin('review_cycles', 'review_cycles.id', 'reviews.cycle_id')
              .select(['reviews.id', 'users.name as person', 'review_cycles.name as cycle'])
              .where('reviews.workspace_id', '=', workspaceId)
              .where('reviews.id', 'in', ids)
              .execute()
          : await executor
              .selectFrom('review_participants')
              .innerJoin('users', 'users.id', 'review_participants.reviewee_id')
              .innerJoin('review_cycles', 'review_cycles.id', 'review_participants.cycle_id')
              .select(['review_participants.id', 'users.name as person', 'review_cycles.name as cycle'])
              .where('review_participants.workspace_id', '=', workspaceId)
              .where('review_participants.id', 'in', ids)
              .execute();
      return rows.map((row) => ({ id: row.id, title: `${row.person} · ${row.cycle}`, key: null }));
    }
    case 'workspace':
      return plain(
        await executor
          .selectFrom('workspaces')
          .select(['id', 'name as title'])
          .where('id', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
      );
    default:
      return [];
  }
}
