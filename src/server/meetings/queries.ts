import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor, MeetingActionsTable, MeetingSeriesTable, MeetingsTable } from '../../db/types.ts';

export type MeetingRow = Selectable<MeetingsTable>;
export type SeriesRow = Selectable<MeetingSeriesTable>;

export function selectMeetings(
  executor: Executor,
  filter: { workspaceId: string; seriesId?: string | undefined; limit: number },
) {
  let query = executor
    .selectFrom('meetings')
    .selectAll()
    .where('workspace_id', '=', filter.workspaceId)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.seriesId) query = query.where('series_id', '=', filter.seriesId);
  return query.execute();
}

export function selectMeeting(executor: Executor, workspaceId: string, meetingId: string) {
  return executor
    .selectFrom('meetings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', meetingId)
    .executeTakeFirst();
}

export async function insertMeeting(executor: Executor, row: Insertable<MeetingsTable>): Promise<void> {
  await executor.insertInto('meetings').values(row).execute();
}

export async function updateMeeting(
  executor: Executor,
  meetingId: string,
  changes: Updateable<MeetingsTable>,
): Promise<void> {
  await executor.updateTable('meetings').set(changes).where('id', '=', meetingId).execute();
}

export async function deleteMeeting(executor: Executor, meetingId: string): Promise<void> {
  await executor.deleteFrom('meetings').where('id', '=', meetingId).execute();
}

/** The series' latest meeting, from which the next one is counted. */
export function selectLatestInSeries(executor: Executor, seriesId: string) {
  return executor
    .selectFrom('meetings')
    .selectAll()
    .where('series_id', '=', seriesId)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function selectSeriesList(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('meeting_series')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
}

export function selectSeries(executor: Executor, workspaceId: string, seriesId: string) {
  return executor
    .selectFrom('meeting_series')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
}

export async function insertSeries(executor: Executor, row: Insertable<MeetingSeriesTable>): Promise<void> {
  await executor.insertInto('meeting_series').values(row).execute();
}

export async function updateSeries(
  executor: Executor,
  seriesId: string,
  changes: Updateable<MeetingSeriesTable>,
): Promise<void> {
  await executor.updateTable('meeting_series').set(changes).where('id', '=', seriesId).execute();
}

export async function deleteSeries(executor: Executor, seriesId: string): Promise<void> {
  await executor.deleteFrom('meeting_series').where('id', '=', seriesId).execute();
}

/** A meeting's action items with the linked task's status and the owner's name. */
export function selectActions(executor: Executor, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('meeting_actions')
    .leftJoin('tasks', 'tasks.id', 'meeting_actions.task_id')
    .leftJoin('users', 'users.id', 'meeting_actions.owner_id')
    .select([
      'meeting_actions.id',
      'meeting_actions.meeting_id',
      'meeting_actions.task_id',
      'meeting_actions.title',
      'meeting_actions.owner_id',
      'meeting_actions.due_date',
      'meeting_actions.created_at',
      'tasks.status as task_status',
      'users.name as owner_name',
    ])
    .where('meeting_actions.meeting_id', 'in', meetingIds)
    .orderBy('meeting_actions.id')
    .execute();
}

/** Action items of the series' meetings before `date` whose task is still open. */
export function selectOpenSeriesActions(executor: Executor, seriesId: string, beforeDate: string) {
  return executor
    .selectFrom('meeting_actions')
    .innerJoin('meetings', 'meetings.id', 'meeting_actions.meeting_id')
    .innerJoin('tasks', 'tasks.id', 'meeting_actions.task_id')
    .leftJoin('users', 'users.id', 'meeting_actions.owner_id')
    .select([
      'meeting_actions.task_id',
      'tasks.title',
      'tasks.due_date',
      'meeting_actions.due_date as action_due_date',
      'users.name as owner_name',
    ])
    .where('meetings.series_id', '=', seriesId)
    .where('meetings.date', '<', beforeDate)
    .where('tasks.status', 'not in', ['done', 'cancelled'])
    .orderBy('meeting_actions.id')
    .execute();
}

export async function insertAction(executor: Executor, row: Insertable<MeetingActionsTable>): Promise<void> {
  await executor.insertInto('meeting_actions').values(row).execute();
}

export function selectUsers(executor: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return executor.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute();
}

// ——— Live data for "build the agenda" ———

export function selectOffTrackGoals(executor: Executor, workspaceId: string, limit: number) {
  return executor
    .selectFrom('goals')
    .select(['id', 'title', 'health_reason'])
    .where('workspace_id', '=', workspaceId)
    .where('health', '=', 'off_track')
    .where('status', '=', 'active')
    .orderBy('due_date')
    .limit(limit)
    .execute();
}

export function selectRedKpis(executor: Executor, workspaceId: string, limit: number) {
  return executor
    .selectFrom('kpis')
    .select(['key', 'name', 'unit', 'last_value', 'last_period'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'red')
    .orderBy('key')
    .limit(limit)
    .execute();
}

export function selectOverdueTasks(executor: Executor, workspaceId: string, today: string, limit: number) {
  return executor
    .selectFrom('tasks')
    .select(['tasks.id', 'tasks.title', 'tasks.due_date'])
    .select((eb) =>
      eb
        .selectFrom('task_roles')
        .innerJoin('users', 'users.id', 'task_roles.user_id')
        .select('users.name')
        .whereRef('task_roles.task_id', '=', 'tasks.id')
        .where('task_roles.role', '=', 'R')
        .orderBy('users.name')
        .limit(1)
        .as('owner_name'),
    )
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.due_date', '<', today)
    .where('tasks.status', 'not in', ['done', 'cancelled'])
    .orderBy('tasks.due_date')
    .orderBy('tasks.id')
    .limit(limit)
    .execute();
}

/** Open steps of running cases past their SLA. */
export function selectBreachedSteps(executor: Executor, workspaceId: string, now: number, limit: number) {
  return executor
    .selectFrom('process_run_steps')
    .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
    .innerJoin('processes', 'processes.id', 'process_runs.process_id')
    .innerJoin('process_versions', 'process_versions.id', 'process_runs.version_id')
    .select([
      'process_runs.id as run_id',
      'process_runs.subject',
      'processes.name as process_name',
      'process_versions.steps',
      'process_run_steps.step_key',
    ])
    .where('process_run_steps.workspace_id', '=', workspaceId)
    .where('process_run_steps.completed_at', 'is', null)
    .where('process_run_steps.due_at', '<', now)
    .where('process_runs.status', '=', 'active')
    .orderBy('process_run_steps.due_at')
    .limit(limit)
    .execute();
}

export function selectUserEmails(executor: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return executor.selectFrom('users').select(['id', 'email']).where('id', 'in', userIds).execute();
}

/** Chat groups and their routing, for the plan's communication chapter (never the URL or secret). */
export function selectChatTargetsForPlan(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('chat_targets')
    .select(['name', 'kind', 'event_types', 'enabled'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
}

/** Every series of every workspace, for the scheduler that makes their next meetings (with the owner's language). */
export function selectAllSeries(executor: Executor) {
  return executor
    .selectFrom('meeting_series')
    .leftJoin('users', 'users.id', 'meeting_series.owner_id')
    .selectAll('meeting_series')
    .select('users.locale as owner_locale')
    .orderBy('meeting_series.id')
    .execute();
}

/** Planned meetings between two days whose agenda nobody has sent yet (with the creator's language and the series' lead). */
export function selectMeetingsAwaitingAgenda(executor: Executor, fromDay: string, toDay: string) {
  return executor
    .selectFrom('meetings')
    .leftJoin('users', 'users.id', 'meetings.created_by')
    .leftJoin('meeting_series', 'meeting_series.id', 'meetings.series_id')
    .selectAll('meetings')
    .select(['users.locale as creator_locale', 'meeting_series.agenda_lead_hours'])
    .where('meetings.status', '=', 'planned')
    .where('meetings.agenda_sent_at', 'is', null)
    .where('meetings.date', '>=', fromDay)
    .where('meetings.date', '<=', toDay)
    .orderBy('meetings.date')
    .execute();
}

/** Marks the agenda sent unless someone sent it meanwhile; true when this call did. */
export async function claimAgendaSend(executor: Executor, meetingId: string, now: number): Promise<boolean> {
  const result = await executor
    .updateTable('meetings')
    .set({ agenda_sent_at: now, updated_at: now })
    .where('id', '=', meetingId)
    .where('agenda_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The workspace's first top-level goal, for the demo's comments. */
export function selectFirstRootGoal(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('goals')
    .select(['id'])
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}
