import type { Executor } from '../../db/types.ts';

export function selectSkills(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('member_skills')
    .select(['user_id', 'skill', 'level'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('level', 'desc')
    .orderBy('skill')
    .execute();
}

export function selectUnavailableDays(executor: Executor, workspaceId: string, from?: string) {
  let query = executor
    .selectFrom('member_unavailable_days')
    .select(['user_id', 'day'])
    .where('workspace_id', '=', workspaceId);
  if (from) query = query.where('day', '>=', from);
  return query.orderBy('day').execute();
}

export async function replaceProfile(
  executor: Executor,
  workspaceId: string,
  userId: string,
  profile: { skills: Array<{ skill: string; level: number }>; unavailableDays: string[] },
) {
  await executor
    .deleteFrom('member_skills')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  if (profile.skills.length > 0) {
    await executor
      .insertInto('member_skills')
      .values(profile.skills.map((skill) => ({ workspace_id: workspaceId, user_id: userId, ...skill })))
      .execute();
  }
  await executor
    .deleteFrom('member_unavailable_days')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  if (profile.unavailableDays.length > 0) {
    await executor
      .insertInto('member_unavailable_days')
      .values(profile.unavailableDays.map((day) => ({ workspace_id: workspaceId, user_id: userId, day })))
      .execute();
  }
}

export function selectCalendarDays(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('workspace_calendar_days')
    .select(['day', 'kind', 'name'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('day')
    .execute();
}

export async function replaceCalendarDays(
  executor: Executor,
  workspaceId: string,
  days: Array<{ day: string; kind: 'holiday' | 'workday'; name: string | null }>,
) {
  await executor.deleteFrom('workspace_calendar_days').where('workspace_id', '=', workspaceId).execute();
  if (days.length > 0) {
    await executor
      .insertInto('workspace_calendar_days')
      .values(days.map((day) => ({ workspace_id: workspaceId, ...day })))
      .execute();
  }
}
