import type { Insertable, Selectable } from 'kysely';
import type { DocumentsTable, Executor } from '../../db/types.ts';

export type DocumentRow = Omit<Selectable<DocumentsTable>, 'content'>;

/** Every column but the file's bytes: status polls and lists never load them. */
const SUMMARY = [
  'id',
  'workspace_id',
  'requested_by',
  'goal_id',
  'scope_title',
  'format',
  'locale',
  'status',
  'progress',
  'file_name',
  'size_bytes',
  'error',
  'created_at',
  'finished_at',
] as const;

export async function insertDocument(executor: Executor, row: Insertable<DocumentsTable>): Promise<void> {
  await executor.insertInto('documents').values(row).execute();
}

export function selectDocument(
  executor: Executor,
  workspaceId: string,
  id: string,
): Promise<DocumentRow | undefined> {
  return executor
    .selectFrom('documents')
    .select(SUMMARY)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The job's own lookup by id alone: the job was enqueued for this document, which carries its workspace. */
export function unsafeSelectDocument(executor: Executor, id: string): Promise<DocumentRow | undefined> {
  return executor.selectFrom('documents').select(SUMMARY).where('id', '=', id).executeTakeFirst();
}

export function selectRecentDocuments(
  executor: Executor,
  workspaceId: string,
  limit: number,
): Promise<DocumentRow[]> {
  return executor
    .selectFrom('documents')
    .select(SUMMARY)
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function selectDocumentContent(
  executor: Executor,
  workspaceId: string,
  id: string,
): Promise<Buffer | null> {
  const row = await executor
    .selectFrom('documents')
    .select('content')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.content ?? null;
}

export async function updateDocument(
  executor: Executor,
  id: string,
  changes: Partial<Omit<Insertable<DocumentsTable>, 'id' | 'workspace_id'>>,
): Promise<void> {
  await executor.updateTable('documents').set(changes).where('id', '=', id).execute();
}

/** The language the workspace writes its plan in, when it chose one. */
export async function selectPlanLocale(executor: Executor, workspaceId: string): Promise<string | null> {
  const row = await executor
    .selectFrom('plan_settings')
    .select('locale')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.locale ?? null;
}

export async function selectGoalTitle(
  executor: Executor,
  workspaceId: string,
  goalId: string,
): Promise<string | null> {
  const row = await executor
    .selectFrom('goals')
    .select('title')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', goalId)
    .executeTakeFirst();
  return row?.title ?? null;
}

export async function selectWorkspaceName(executor: Executor, workspaceId: string): Promise<string | null> {
  const row = await executor
    .selectFrom('workspaces')
    .select('name')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return row?.name ?? null;
}
