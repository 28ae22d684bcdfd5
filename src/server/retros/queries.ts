import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor, RetroActionsTable, RetrosTable } from '../../db/types.ts';

export type RetroRow = Selectable<RetrosTable>;

export function selectRetros(
  executor: Executor,
  filter: {
    workspaceId: string;
    subjectType?: string | undefined;
    subjectId?: string | undefined;
    limit: number;
  },
) {
  let query = executor
    .selectFrom('retros')
    .selectAll()
    .where('workspace_id', '=', filter.workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  return query.execute();
}

export function selectRetro(executor: Executor, workspaceId: string, retroId: string) {
  return executor
    .selectFrom('retros')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', retroId)
    .executeTakeFirst();
}

export async function insertRetro(executor: Executor, row: Insertable<RetrosTable>) {
  await executor.insertInto('retros').values(row).execute();
}

export async function updateRetro(executor: Executor, retroId: string, changes: Updateable<RetrosTable>) {
  await executor.updateTable('retros').set(changes).where('id', '=', retroId).execute();
}

export async function deleteRetro(executor: Executor, retroId: string) {
  await executor.deleteFrom('retros').where('id', '=', retroId).execute();
}

export function selectUsers(executor: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return executor.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Actions with their task's status (null once the task is deleted) and owner's name. */
/** An action with its task's status and owner's name, as the 复盘 page and the improvement log show it. */
const ACTION_COLUMNS = [
  'retro_actions.id',
  'retro_actions.retro_id',
  'retro_actions.task_id',
  'retro_actions.title',
  'retro_actions.owner_id',
  'retro_actions.due_date',
  'retro_actions.created_at',
  'tasks.status as task_status',
  'users.name as owner_name',
] as const;

export function selectActions(executor: Executor, retroIds: readonly string[]) {
  if (retroIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('retro_actions')
    .leftJoin('tasks', 'tasks.id', 'retro_actions.task_id')
    .leftJoin('users', 'users.id', 'retro_actions.owner_id')
    .select(ACTION_COLUMNS)
    .where('retro_actions.retro_id', 'in', retroIds)
    .orderBy('retro_actions.created_at')
    .orderBy('retro_actions.id')
    .execute();
}

export async function insertAction(executor: Executor, row: Insertable<RetroActionsTable>) {
  await executor.insertInto('retro_actions').values(row).execute();
}

export async function selectLessons(executor: Executor, retroIds: readonly string[]) {
  if (retroIds.length === 0) return [];
  const lessons = await executor
    .selectFrom('retro_lessons')
    .select(['id', 'retro_id', 'text', 'position', 'created_at'])
    .where('retro_id', 'in', retroIds)
    .orderBy('retro_id')
    .orderBy('position')
    .execute();
  const tags = await selectTags(
    executor,
    lessons.map((lesson) => lesson.id),
  );
  return lessons.map((lesson) => ({ ...lesson, tags: tags.get(lesson.id) ?? [] }));
}

async function selectTags(executor: Executor, lessonIds: readonly string[]) {
  const byLesson = new Map<string, string[]>();
  if (lessonIds.length === 0) return byLesson;
  const rows = await executor
    .selectFrom('retro_lesson_tags')
    .select(['lesson_id', 'tag'])
    .where('lesson_id', 'in', lessonIds)
    .orderBy('tag')
    .execute();
  for (const row of rows) byLesson.set(row.lesson_id, [...(byLesson.get(row.lesson_id) ?? []), row.tag]);
  return byLesson;
}

/** Replaces a 复盘's lessons and their tags (the caller holds the transaction). */
export async function replaceLessons(
  executor: Executor,
  workspaceId: string,
  retroId: string,
  lessons: readonly { id: string; text: string; tags: string[] }[],
  now: number,
) {
  await executor.deleteFrom('retro_lessons').where('retro_id', '=', retroId).execute();
  if (lessons.length === 0) return;
  await executor
    .insertInto('retro_lessons')
    .values(
      lessons.map((lesson, position) => ({
        id: lesson.id,
        workspace_id: workspaceId,
        retro_id: retroId,
        text: lesson.text,
        position,
        created_at: now,
      })),
    )
    .execute();
  const tags = lessons.flatMap((lesson) =>
    lesson.tags.map((tag) => ({ workspace_id: workspaceId, lesson_id: lesson.id, tag })),
  );
  if (tags.length > 0) await executor.insertInto('retro_lesson_tags').values(tags).execute();
}

/** Every lesson of the workspace with its 复盘 (for suggestions and the improvement log), newest first. */
export async function selectWorkspaceLessons(
  executor: Executor,
  workspaceId: string,
  filter: { tag?: string | undefined; limit: number },
) {
  let query = executor
    .selectFrom('retro_lessons')
    .innerJoin('retros', 'retros.id', 'retro_lessons.retro_id')
    .select([
      'retro_lessons.id',
      'retro_lessons.retro_id',
      'retro_lessons.text',
      'retro_lessons.created_at',
      'retros.title as retro_title',
      'retros.subject_type',
      'retros.subject_id',
    ])
    .where('retro_lessons.workspace_id', '=', workspaceId)
    .orderBy('retro_lessons.created_at', 'desc')
    .orderBy('retro_lessons.id')
    .limit(filter.limit);
  if (filter.tag) {
    const tag = filter.tag;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('retro_lesson_tags')
          .select('retro_lesson_tags.lesson_id')
          .whereRef('retro_lesson_tags.lesson_id', '=', 'retro_lessons.id')
          .where('retro_lesson_tags.tag', '=', tag),
      ),
    );
  }
  const lessons = await query.execute();
  const tags = await selectTags(
    executor,
    lessons.map((lesson) => lesson.id),
  );
  return lessons.map((lesson) => ({ ...lesson, tags: tags.get(lesson.id) ?? [] }));
}

export function selectTagCounts(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('retro_lesson_tags')
    .select(['tag', (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('tag')
    .orderBy('tag')
    .execute();
}

/** Every action of the workspace with its 复盘 and task status, for the improvement log. */
export function selectWorkspaceActions(executor: Executor, workspaceId: string, limit: number) {
  return executor
    .selectFrom('retro_actions')
    .innerJoin('retros', 'retros.id', 'retro_actions.retro_id')
    .leftJoin('tasks', 'tasks.id', 'retro_actions.task_id')
    .leftJoin('users', 'users.id', 'retro_actions.owner_id')
    .select([...ACTION_COLUMNS, 'retros.title as retro_title'])
    .where('retro_actions.workspace_id', '=', workspaceId)
    .orderBy('retro_actions.due_date')
    .orderBy('retro_actions.id')
    .limit(limit)
    .execute();
}

// ---- Facts for 回顾目标 ----

export function selectGoal(executor: Executor, workspaceId: string, goalId: string) {
  return executor
    .selectFrom('goals')
    .select(['id', 'title', 'progress', 'start_date', 'due_date'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', goalId)
    .executeTakeFirst();
}

export function selectKeyResults(executor: Executor, goalId: string) {
  return executor
    .selectFrom('key_results')
    .leftJoin('kpis', 'kpis.id', 'key_results.kpi_id')
    .select([
      'key_results.title',
      'key_results.baseline',
      'key_results.target',
      'key_results.current',
      'key_results.progress',
      'key_results.is_done',
      'kpis.key as kpi_key',
      'kpis.unit as kpi_unit',
    ])
    .where('key_results.goal_id', '=', goalId)
    .orderBy('key_results.position')
    .execute();
}

export function selectTask(executor: Executor, workspaceId: string, taskId: string) {
  return executor
    .selectFrom('tasks')
    .select(['id', 'title', 'due_date', 'completed_at', 'status', 'is_milestone'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

/** Statuses of every task below a task (its work breakdown), read level by level. */
export async function selectDescendantStatuses(executor: Executor, workspaceId: string, taskId: string) {
  const statuses: string[] = [];
  let parents = [taskId];
  for (let depth = 0; depth < 12 && parents.length > 0; depth += 1) {
    const rows = await executor
      .selectFrom('tasks')
      .select(['id', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('parent_id', 'in', parents)
      .execute();
    statuses.push(...rows.map((row) => row.status));
    parents = rows.map((row) => row.id);
  }
  return statuses;
}

export function selectProcess(executor: Executor, workspaceId: string, processId: string) {
  return executor
    .selectFrom('processes')
    .select(['id', 'name', 'current_version_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', processId)
    .executeTakeFirst();
}

export function selectVersion(executor: Executor, processId: string, versionId: string) {
  return executor
    .selectFrom('process_versions')
    .select(['id', 'number', 'steps'])
    .where('process_id', '=', processId)
    .where('id', '=', versionId)
    .executeTakeFirst();
}

export function selectVersionNumbers(executor: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return executor.selectFrom('process_versions').select(['id', 'number']).where('id', 'in', ids).execute();
}

export function selectKpis(executor: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('kpis')
    .select(['id', 'key', 'name', 'unit', 'direction', 'aggregation', 'frequency', 'green'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

export function selectMeasurements(executor: Executor, kpiIds: readonly string[], from: string, to: string) {
  if (kpiIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('measurements')
    .select(['kpi_id', 'period', 'value'])
    .where('kpi_id', 'in', kpiIds)
    .where('period', '>=', from)
    .where('period', '<=', to)
    .execute();
}

export function selectTasksDueIn(executor: Executor, workspaceId: string, from: string, to: string) {
  return executor
    .selectFrom('tasks')
    .select(['status'])
    .where('workspace_id', '=', workspaceId)
    .where('due_date', '>=', from)
    .where('due_date', '<=', to)
    .where('status', '!=', 'cancelled')
    .execute();
}

/** Names of subjects for the list: goals, tasks and processes by id. */
export async function selectSubjectTitles(executor: Executor, workspaceId: string, ids: readonly string[]) {
  const titles = new Map<string, string>();
  if (ids.length === 0) return titles;
  const [goals, tasks, processes] = await Promise.all([
    executor
      .selectFrom('goals')
      .select(['id', 'title'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute(),
    executor
      .selectFrom('tasks')
      .select(['id', 'title'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute(),
    executor
      .selectFrom('processes')
      .select(['id', 'name as title'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute(),
  ]);
  for (const row of [...goals, ...tasks, ...processes]) titles.set(row.id, row.title);
  return titles;
}

/** The workspace's KPIs of these keys, by key descending. */
export function selectKpisByKeys(executor: Executor, workspaceId: string, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('kpis')
    .select(['id', 'key'])
    .where('workspace_id', '=', workspaceId)
    .where('key', 'in', keys)
    .orderBy('key', 'desc')
    .execute();
}
