import type { Insertable } from 'kysely';
import type { Executor, TrainingAttendanceTable } from '../../db/types.ts';

export function selectLevels(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('member_skills')
    .select(['user_id', 'skill', 'level'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('skill')
    .orderBy('user_id')
    .execute();
}

export async function upsertLevel(
  executor: Executor,
  row: { workspace_id: string; user_id: string; skill: string; level: number },
) {
  await executor
    .insertInto('member_skills')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'skill']).doUpdateSet({ level: row.level }))
    .execute();
}

export async function deleteLevel(executor: Executor, workspaceId: string, userId: string, skill: string) {
  await executor
    .deleteFrom('member_skills')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('skill', '=', skill)
    .execute();
}

export function selectTargets(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('role_skill_targets')
    .select(['role_title', 'skill', 'level'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('role_title')
    .orderBy('skill')
    .execute();
}

export async function upsertTarget(
  executor: Executor,
  row: { workspace_id: string; role_title: string; skill: string; level: number },
) {
  await executor
    .insertInto('role_skill_targets')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'role_title', 'skill']).doUpdateSet({ level: row.level }))
    .execute();
}

export async function deleteTarget(
  executor: Executor,
  workspaceId: string,
  roleTitle: string,
  skill: string,
) {
  await executor
    .deleteFrom('role_skill_targets')
    .where('workspace_id', '=', workspaceId)
    .where('role_title', '=', roleTitle)
    .where('skill', '=', skill)
    .execute();
}

/** Open tasks that require a skill: the demand side of the matrix. */
export function selectSkillDemand(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('tasks')
    .select(['id', 'title', 'status', 'required_skills'])
    .where('workspace_id', '=', workspaceId)
    .where('status', 'not in', ['done', 'cancelled'])
    .where('required_skills', '<>', '[]')
    .orderBy('id')
    .limit(5000)
    .execute();
}

export function selectCourses(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('training_courses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function selectCourse(executor: Executor, workspaceId: string, courseId: string) {
  return executor
    .selectFrom('training_courses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', courseId)
    .executeTakeFirst();
}

export function selectCourseBySkill(executor: Executor, workspaceId: string, skill: string, level: number) {
  return executor
    .selectFrom('training_courses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('skill', '=', skill)
    .where('target_level', '=', level)
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function insertCourse(
  executor: Executor,
  row: {
    id: string;
    workspace_id: string;
    title: string;
    skill: string | null;
    target_level: number | null;
    description: string | null;
    created_by: string | null;
    created_at: number;
    updated_at: number;
  },
) {
  await executor.insertInto('training_courses').values(row).execute();
}

export async function updateCourse(
  executor: Executor,
  courseId: string,
  changes: {
    title?: string;
    skill?: string | null;
    target_level?: number | null;
    description?: string | null;
    updated_at: number;
  },
) {
  await executor.updateTable('training_courses').set(changes).where('id', '=', courseId).execute();
}

/** Who is invited, attendance not yet recorded, to a session of a skill's course on `fromDay` or later. */
export function selectUpcomingInvitations(executor: Executor, workspaceId: string, fromDay: string) {
  return executor
    .selectFrom('training_attendance')
    .innerJoin('training_sessions', 'training_sessions.id', 'training_attendance.session_id')
    .innerJoin('training_courses', 'training_courses.id', 'training_sessions.course_id')
    .select(['training_attendance.user_id', 'training_courses.skill', 'training_sessions.date'])
    .where('training_attendance.workspace_id', '=', workspaceId)
    .where('training_attendance.status', '=', 'invited')
    .where('training_sessions.date', '>=', fromDay)
    .where('training_courses.skill', 'is not', null)
    .orderBy('training_sessions.date')
    .execute();
}

export function selectSessions(executor: Executor, workspaceId: string, limit: number) {
  return executor
    .selectFrom('training_sessions')
    .innerJoin('training_courses', 'training_courses.id', 'training_sessions.course_id')
    .leftJoin('users', 'users.id', 'training_sessions.trainer_id')
    .selectAll('training_sessions')
    .select([
      'training_courses.title as course_title',
      'training_courses.skill as course_skill',
      'training_courses.target_level as course_target_level',
      'users.name as trainer_user_name',
    ])
    .where('training_sessions.workspace_id', '=', workspaceId)
    .orderBy('training_sessions.date', 'desc')
    .orderBy('training_sessions.id', 'desc')
    .limit(limit)
    .execute();
}

export function selectSession(executor: Executor, workspaceId: string, sessionId: string) {
  return executor
    .selectFrom('training_sessions')
    .innerJoin('training_courses', 'training_courses.id', 'training_sessions.course_id')
    .selectAll('training_sessions')
    .select([
      'training_courses.skill as course_skill',
      'training_courses.target_level as course_target_level',
    ])
    .where('training_sessions.workspace_id', '=', workspaceId)
    .where('training_sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export async function insertSession(
  executor: Executor,
  row: {
    id: string;
    workspace_id: string;
    course_id: string;
    date: string;
    trainer_id: string | null;
    trainer_name: string | null;
    materials_url: string | null;
    created_at: number;
    updated_at: number;
  },
) {
  await executor.insertInto('training_sessions').values(row).execute();
}

export async function updateSession(
  executor: Executor,
  sessionId: string,
  changes: {
    date?: string;
    trainer_id?: string | null;
    trainer_name?: string | null;
    materials_url?: string | null;
    updated_at: number;
  },
) {
  await executor.updateTable('training_sessions').set(changes).where('id', '=', sessionId).execute();
}

export async function deleteSession(executor: Executor, sessionId: string) {
  await executor.deleteFrom('training_sessions').where('id', '=', sessionId).execute();
}

export function selectAttendance(executor: Executor, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('training_attendance')
    .innerJoin('users', 'users.id', 'training_attendance.user_id')
    .selectAll('training_attendance')
    .select('users.name')
    .where('training_attendance.session_id', 'in', [...sessionIds])
    .orderBy('users.name')
    .orderBy('training_attendance.user_id')
    .execute();
}

export async function insertAttendance(executor: Executor, rows: Insertable<TrainingAttendanceTable>[]) {
  if (rows.length === 0) return;
  await executor.insertInto('training_attendance').values(rows).execute();
}

export async function deleteAttendance(executor: Executor, sessionId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return;
  await executor
    .deleteFrom('training_attendance')
    .where('session_id', '=', sessionId)
    .where('user_id', 'in', [...userIds])
    .execute();
}

export async function updateAttendance(
  executor: Executor,
  sessionId: string,
  userId: string,
  changes: {
    status: string;
    completed: number;
    assessment_score: number | null;
    assessment_note: string | null;
    updated_at: number;
  },
) {
  await executor
    .updateTable('training_attendance')
    .set(changes)
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .execute();
}

export function selectDevelopmentGoals(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('development_goals')
    .innerJoin('goals', 'goals.id', 'development_goals.goal_id')
    .select([
      'development_goals.goal_id',
      'development_goals.user_id',
      'development_goals.skill',
      'development_goals.target_level',
      'goals.title',
      'goals.status',
      'goals.due_date',
      'goals.progress',
    ])
    .where('development_goals.workspace_id', '=', workspaceId)
    .orderBy('goals.due_date')
    .orderBy('development_goals.goal_id')
    .limit(500)
    .execute();
}

export async function insertDevelopmentGoal(
  executor: Executor,
  row: { goal_id: string; workspace_id: string; user_id: string; skill: string; target_level: number },
) {
  await executor.insertInto('development_goals').values(row).execute();
}

export function selectMemberIds(executor: Executor, workspaceId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([] as string[]);
  return executor
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', [...userIds])
    .execute()
    .then((rows) => rows.map((row) => row.user_id));
}

/** Skill levels assessed in signed-off reviews, with the cycle they come from (newest first). */
export function selectSkillAssessments(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('review_skill_assessments')
    .innerJoin('review_participants', 'review_participants.id', 'review_skill_assessments.participant_id')
    .innerJoin('review_cycles', 'review_cycles.id', 'review_participants.cycle_id')
    .select([
      'review_skill_assessments.participant_id',
      'review_skill_assessments.user_id',
      'review_skill_assessments.skill',
      'review_skill_assessments.level',
      'review_skill_assessments.assessed_on',
      'review_skill_assessments.assessed_at',
      'review_cycles.id as cycle_id',
      'review_cycles.name as cycle_name',
    ])
    .where('review_skill_assessments.workspace_id', '=', workspaceId)
    .orderBy('review_skill_assessments.assessed_at', 'desc')
    .orderBy('review_skill_assessments.participant_id')
    .limit(5000)
    .execute();
}

/** Completed trainings of a skill's course passed with at least `passScore`, with the session's day. */
export function selectPassedTrainings(executor: Executor, workspaceId: string, passScore: number) {
  return executor
    .selectFrom('training_attendance')
    .innerJoin('training_sessions', 'training_sessions.id', 'training_attendance.session_id')
    .innerJoin('training_courses', 'training_courses.id', 'training_sessions.course_id')
    .select(['training_attendance.user_id', 'training_courses.skill', 'training_sessions.date'])
    .where('training_attendance.workspace_id', '=', workspaceId)
    .where('training_attendance.status', '=', 'attended')
    .where('training_attendance.completed', '=', 1)
    .where('training_attendance.assessment_score', '>=', passScore)
    .where('training_courses.skill', 'is not', null)
    .execute();
}
