import type { Insertable, Updateable } from 'kysely';
import type { Executor, RecurrencesTable } from '../../db/types.ts';

export async function insertRecurrence(executor: Executor, recurrence: Insertable<RecurrencesTable>) {
  await executor.insertInto('recurrences').values(recurrence).execute();
}

export async function updateRecurrence(
  executor: Executor,
  id: string,
  changes: Updateable<RecurrencesTable>,
) {
  await executor.updateTable('recurrences').set(changes).where('id', '=', id).execute();
}

export function selectRecurrence(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('recurrences')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function selectRecurrences(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('recurrences')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ended_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** Across workspaces: the job that creates occurrences serves every workspace. */
export function unsafeSelectDueRecurrences(executor: Executor, upTo: string, limit: number) {
  return executor
    .selectFrom('recurrences')
    .selectAll()
    .where('ended_at', 'is', null)
    .where('next_occurrence', '<=', upTo)
    .orderBy('next_occurrence')
    .limit(limit)
    .execute();
}

export function selectOccurrenceTask(executor: Executor, recurrenceId: string, day: string) {
  return executor
    .selectFrom('tasks')
    .select(['id', 'status'])
    .where('recurrence_id', '=', recurrenceId)
    .where('occurrence', '=', day)
    .executeTakeFirst();
}
