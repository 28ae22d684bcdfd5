import type { Insertable } from 'kysely';
import type { Executor, SavedViewsTable } from '../../db/types.ts';

/** One person's saved views in a workspace, by name. */
export function selectViews(executor: Executor, workspaceId: string, userId: string) {
  return executor
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('name')
    .execute();
}

export async function insertView(executor: Executor, view: Insertable<SavedViewsTable>): Promise<void> {
  await executor.insertInto('saved_views').values(view).execute();
}

/** Deletes one of the person's views; the number of rows deleted (0 when it is not theirs). */
export async function deleteView(
  executor: Executor,
  workspaceId: string,
  userId: string,
  viewId: string,
): Promise<number> {
  const result = await executor
    .deleteFrom('saved_views')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('id', '=', viewId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
