import type { Executor } from '../../db/types.ts';

const CLOSED_TASK = ['done', 'cancelled'];

/** Open tasks where the person is Responsible or Accountable, one row per role they hold. */
export function selectMyTaskRoles(executor: Executor, workspaceId: string, userId: string) {
  return executor
    .selectFrom('task_roles')
    .innerJoin('tasks', 'tasks.id', 'task_roles.task_id')
    .leftJoin('goals', 'goals.id', 'tasks.goal_id')
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.status',
      'tasks.due_date',
      'tasks.is_milestone',
      'goals.title as goal_title',
      'task_roles.role',
    ])
    .where('task_roles.workspace_id', '=', workspaceId)
    .where('tasks.workspace_id', '=', workspaceId)
    .where('task_roles.user_id', '=', userId)
    .where('task_roles.role', 'in', ['R', 'A'])
    .where('tasks.status', 'not in', CLOSED_TASK)
    .execute();
}

/** Active goals the person owns that are not past their due day, with their latest check-in. */
export function selectMyGoalsForCheckIn(
  executor: Executor,
  workspaceId: string,
  userId: string,
  today: string,
) {
  return executor
    .selectFrom('goals')
    .leftJoin('check_ins', 'check_ins.goal_id', 'goals.id')
    .select(['goals.id', 'goals.title', 'goals.created_at', 'goals.due_date'])
    .select((eb) => eb.fn.max('check_ins.created_at').as('last_check_in'))
    .where('goals.workspace_id', '=', workspaceId)
    .where('goals.owner_id', '=', userId)
    .where('goals.status', '=', 'active')
    .where('goals.due_date', '>=', today)
    .groupBy(['goals.id', 'goals.title', 'goals.created_at', 'goals.due_date'])
    .execute();
}

/** KPIs the person owns whose values are entered (a formula's values are computed). */
export function selectMyEnteredKpis(executor: Executor, workspaceId: string, userId: string) {
  return executor
    .selectFrom('kpis')
    .select(['id', 'key', 'name', 'frequency', 'last_period', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', userId)
    .where('formula', 'is', null)
    .execute();
}

/** The team's open milestones due from `from` to `to` (days included), soonest first. */
export function selectUpcomingMilestones(
  executor: Executor,
  workspaceId: string,
  from: string,
  to: string,
  limit: number,
) {
  return executor
    .selectFrom('tasks')
    .leftJoin('goals', 'goals.id', 'tasks.goal_id')
    .select(['tasks.id', 'tasks.title', 'tasks.status', 'tasks.due_date', 'goals.title as goal_title'])
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.is_milestone', '=', 1)
    .where('tasks.status', 'not in', CLOSED_TASK)
    .where('tasks.due_date', '>=', from)
    .where('tasks.due_date', '<=', to)
    .orderBy('tasks.due_date')
    .orderBy('tasks.title')
    .limit(limit)
    .execute();
}
