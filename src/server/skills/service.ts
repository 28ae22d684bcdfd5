import { AppError } from '../../core/errors/index.ts';
import { interpolate, type Locale } from '../../core/i18n/index.ts';
import {
  attendanceProblem,
  computeGaps,
  currentAssessments,
  PASS_SCORE,
  type AssessedLevel,
  levelAfterTraining,
  matrixSkills,
  passed,
  peopleToTrain,
  summariseSession,
  type AttendanceStatus,
} from '../../core/skills/index.ts';
import type { TrainingSection } from '../../core/skills/chapter.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import { workspaceToday } from '../workspaces/worktime.ts';
import { selectMember } from '../workspaces/queries.ts';
import { insertGoal, selectGoalId } from '../goals/queries.ts';
import { readableManagerReviews } from '../reviews/service.ts';
import { loadMatrixFacts } from './matrix.ts';
import * as queries from './queries.ts';

/**
 * The levels signed-off reviews assessed that count for the caller: only from reviews they may read (the reviews
 * module decides, as on the review's page), then the latest per person and skill, unless a training passed since.
 * A review the caller may not read leaves no trace: not a gap, not a count.
 */
async function readableAssessments(
  executor: Executor,
  actor: Actor,
  workspaceId: string,
): Promise<AssessedLevel[]> {
  const rows = await queries.selectSkillAssessments(executor, workspaceId);
  if (rows.length === 0) return [];
  const readable = await readableManagerReviews(
    executor,
    actor,
    workspaceId,
    rows.map((row) => row.participant_id),
  );
  const trainings = await queries.selectPassedTrainings(executor, workspaceId, PASS_SCORE);
  return currentAssessments(
    rows
      .filter((row) => readable.has(row.participant_id))
      .map((row) => ({
        personId: row.user_id,
        skill: row.skill,
        level: row.level,
        assessedOn: row.assessed_on,
        assessedAt: Number(row.assessed_at),
        review: { participantId: row.participant_id, cycleId: row.cycle_id, cycleName: row.cycle_name },
      })),
    trainings.flatMap((row) =>
      row.skill ? [{ personId: row.user_id, skill: row.skill, date: row.date }] : [],
    ),
  );
}

/** Per skill, who is already invited to an upcoming session of it, and the first such session's day. */
async function upcomingInvitations(services: Services, executor: Executor, workspaceId: string) {
  const today = await workspaceToday(services, workspaceId, executor);
  const bySkill = new Map<string, Map<string, string>>();
  for (const row of await queries.selectUpcomingInvitations(executor, workspaceId, today)) {
    if (row.skill === null) continue;
    const people = bySkill.get(row.skill) ?? new Map<string, string>();
    if (!people.has(row.user_id)) people.set(row.user_id, row.date);
    bySkill.set(row.skill, people);
  }
  return bySkill;
}

/** The skills matrix: people × skills with levels, the targets of each role title, and the gaps. */
export async function getMatrix(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'training.read');
  const { people, targets, tasks } = await loadMatrixFacts(services.db, workspaceId);
  const assessments = await readableAssessments(services.db, actor, workspaceId);
  const gaps = computeGaps(people, targets, tasks, assessments);
  const invited = await upcomingInvitations(services, services.db, workspaceId);
  const names = new Map(people.map((person) => [person.id, person.name]));
  const developmentGoals = await queries.selectDevelopmentGoals(services.db, workspaceId);
  return {
    skills: matrixSkills(people, targets, tasks),
    people: people.map((person) => ({
      userId: person.id,
      name: person.name,
      title: person.title,
      levels: Object.entries(person.levels).map(([skill, level]) => ({ skill, level })),
    })),
    roleTitles: [...new Set(people.flatMap((person) => (person.title ? [person.title] : [])))].sort(),
    targets,
    gaps: {
      people: gaps.people.map((gap) => ({ ...gap, name: names.get(gap.personId) ?? '' })),
      tasks: gaps.tasks,
      bySkill: gaps.bySkill.map((gap) => ({
        skill: gap.skill,
        targetLevel: gap.targetLevel,
        people: gap.people.map((person) => ({
          ...person,
          name: names.get(person.personId) ?? '',
          scheduledOn: invited.get(gap.skill)?.get(person.personId) ?? null,
        })),
        tasks: gap.tasks,
        // How many a "plan training" would invite now: those with the gap not yet invited to a session of it.
        toInvite: peopleToTrain(
          people,
          targets,
          tasks,
          gap.skill,
          new Set(invited.get(gap.skill)?.keys()),
          assessments,
        ).personIds.length,
      })),
    },
    developmentGoals: developmentGoals.map((goal) => ({
      goalId: goal.goal_id,
      userId: goal.user_id,
      name: names.get(goal.user_id) ?? '',
      skill: goal.skill,
      targetLevel: goal.target_level,
      title: goal.title,
      status: goal.status,
      dueDate: goal.due_date,
      progress: goal.progress,
    })),
  };
}

/** One cell of the matrix: a level 1–5, or null to take the skill away. Anyone keeps their own; managers everyone's. */
export async function setLevel(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { userId: string; skill: string; level: number | null },
) {
  await authorize(
    services.db,
    actor,
    workspaceId,
    input.userId === actor.userId ? 'workspace.read' : 'people.write',
  );
  const skill = input.skill.trim();
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    // The people profile replaces a person's skills by delete-then-insert: take turns with it.
    await lockWorkspace(trx, services.dialect, 'people', workspaceId);
    if (!(await selectMember(trx, workspaceId, input.userId)))
      throw new AppError('member_not_found', {}, [{ path: 'userId', message: '' }]);
    if (input.level === null) await queries.deleteLevel(trx, workspaceId, input.userId, skill);
    else
      await queries.upsertLevel(trx, {
        workspace_id: workspaceId,
        user_id: input.userId,
        skill,
        level: input.level,
      });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'member.profile_updated',
      objectType: 'member',
      objectId: input.userId,
      changes: { skill, level: input.level },
      now,
    });
  });
  return getMatrix(services, actor, workspaceId);
}

/** The level a role title asks for in one skill, or null to drop the target. */
export async function setTarget(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { roleTitle: string; skill: string; level: number | null },
) {
  await authorize(services.db, actor, workspaceId, 'training.write');
  const roleTitle = input.roleTitle.trim();
  const skill = input.skill.trim();
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    if (input.level === null) await queries.deleteTarget(trx, workspaceId, roleTitle, skill);
    else
      await queries.upsertTarget(trx, {
        workspace_id: workspaceId,
        role_title: roleTitle,
        skill,
        level: input.level,
      });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'skill_target.updated',
      objectType: 'workspace',
      objectId: workspaceId,
      changes: { roleTitle, skill, level: input.level },
      now,
    });
  });
  return getMatrix(services, actor, workspaceId);
}

type CourseRow = Awaited<ReturnType<typeof queries.selectCourses>>[number];

function courseOut(row: CourseRow) {
  return {
    id: row.id,
    title: row.title,
    skill: row.skill,
    targetLevel: row.target_level,
    description: row.description,
    createdAt: row.created_at,
  };
}

/** Courses, and sessions newest first with their attendance, completion and assessment. */
export async function listTraining(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'training.read');
  return loadTraining(services.db, workspaceId);
}

async function loadTraining(executor: Executor, workspaceId: string, limit = 100) {
  const [courses, sessions] = await Promise.all([
    queries.selectCourses(executor, workspaceId),
    queries.selectSessions(executor, workspaceId, limit),
  ]);
  const attendance = await queries.selectAttendance(
    executor,
    sessions.map((session) => session.id),
  );
  return {
    courses: courses.map(courseOut),
    sessions: sessions.map((session) => {
      const rows = attendance
        .filter((row) => row.session_id === session.id)
        .map((row) => ({
          userId: row.user_id,
          name: row.name,
          status: row.status as AttendanceStatus,
          completed: row.completed === 1,
          score: row.assessment_score,
          note: row.assessment_note,
        }));
      return {
        id: session.id,
        courseId: session.course_id,
        courseTitle: session.course_title,
        skill: session.course_skill,
        targetLevel: session.course_target_level,
        date: session.date,
        trainer: session.trainer_id
          ? { id: session.trainer_id, name: session.trainer_user_name ?? '' }
          : null,
        trainerName: session.trainer_name,
        materialsUrl: session.materials_url,
        attendees: rows.map((row) => ({ ...row, passed: passed(row) })),
        summary: summariseSession(rows),
      };
    }),
  };
}

async function sessionOut(executor: Executor, workspaceId: string, sessionId: string) {
  const { sessions } = await loadTraining(executor, workspaceId, 1000);
  const session = sessions.find((item) => item.id === sessionId);
  if (!session) throw new AppError('training_session_not_found');
  return session;
}

export type CourseInput = {
  title: string;
  skill?: string | null | undefined;
  targetLevel?: number | null | undefined;
  description?: string | null | undefined;
};

export async function createCourse(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: CourseInput,
) {
  await authorize(services.db, actor, workspaceId, 'training.write');
  const now = services.now();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    await queries.insertCourse(trx, {
      id,
      workspace_id: workspaceId,
      title: input.title.trim(),
      skill: input.skill?.trim() || null,
      target_level: input.targetLevel ?? null,
      description: input.description?.trim() || null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'training_course.created',
      objectType: 'training_course',
      objectId: id,
      changes: { title: input.title.trim(), skill: input.skill ?? null },
      now,
    });
  });
  const course = await queries.selectCourse(services.db, workspaceId, id);
  if (!course) throw new AppError('training_course_not_found');
  return courseOut(course);
}

export async function updateCourse(
  context: WorkspaceContext,
  { courseId, input }: { courseId: string; input: Partial<CourseInput> },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'training.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    if (!(await queries.selectCourse(trx, workspaceId, courseId)))
      throw new AppError('training_course_not_found');
    await queries.updateCourse(trx, courseId, {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.skill !== undefined ? { skill: input.skill?.trim() || null } : {}),
      ...(input.targetLevel !== undefined ? { target_level: input.targetLevel } : {}),
      ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'training_course.updated',
      objectType: 'training_course',
      objectId: courseId,
      changes: { ...input },
      now,
    });
  });
  const course = await queries.selectCourse(services.db, workspaceId, courseId);
  if (!course) throw new AppError('training_course_not_found');
  return courseOut(course);
}

export type SessionInput = {
  courseId: string;
  date: string;
  trainerId?: string | null | undefined;
  trainerName?: string | null | undefined;
  materialsUrl?: string | null | undefined;
  attendeeIds: string[];
};

async function checkPeople(executor: Executor, workspaceId: string, ids: readonly string[], path: string) {
  const unique = [...new Set(ids)];
  const found = new Set(await queries.selectMemberIds(executor, workspaceId, unique));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0)
    throw new AppError('training_person_not_member', {}, [
      { path: path.endsWith('Id') ? path : `${path}.${missing}`, message: '' },
    ]);
  return unique;
}

async function insertSessionWithAttendees(
  trx: Executor,
  actor: Actor,
  workspaceId: string,
  input: SessionInput,
  now: number,
  reason: Record<string, unknown> = {},
) {
  const id = newId(now);
  if (input.trainerId) await checkPeople(trx, workspaceId, [input.trainerId], 'trainerId');
  const attendees = await checkPeople(trx, workspaceId, input.attendeeIds, 'attendeeIds');
  await queries.insertSession(trx, {
    id,
    workspace_id: workspaceId,
    course_id: input.courseId,
    date: input.date,
    trainer_id: input.trainerId ?? null,
    trainer_name: input.trainerName?.trim() || null,
    materials_url: input.materialsUrl?.trim() || null,
    created_at: now,
    updated_at: now,
  });
  await queries.insertAttendance(
    trx,
    attendees.map((userId) => ({
      workspace_id: workspaceId,
      session_id: id,
      user_id: userId,
      status: 'invited',
      completed: 0,
      assessment_score: null,
      assessment_note: null,
      updated_at: now,
    })),
  );
  await insertAuditEntry(trx, {
    workspaceId,
    actorId: actor.userId,
    action: 'training_session.created',
    objectType: 'training_session',
    objectId: id,
    changes: { courseId: input.courseId, date: input.date, attendees: attendees.length, ...reason },
    now,
  });
  return id;
}

/** A session of a course with the people invited to it. */
export async function createSession(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: SessionInput,
) {
  await authorize(services.db, actor, workspaceId, 'training.write');
  const now = services.now();
  const id = await services.db.transaction().execute(async (trx) => {
    if (!(await queries.selectCourse(trx, workspaceId, input.courseId)))
      throw new AppError('training_course_not_found', {}, [{ path: 'courseId', message: '' }]);
    return insertSessionWithAttendees(trx, actor, workspaceId, input, now);
  });
  return sessionOut(services.db, workspaceId, id);
}

/** A session's date, trainer, materials and invitees; those who stay keep their attendance and assessment. */
export async function updateSession(
  context: WorkspaceContext,
  { sessionId, input }: { sessionId: string; input: Partial<Omit<SessionInput, 'courseId'>> },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'training.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    // Invitees are compared then added or removed: two edits at once must take turns.
    await lockWorkspace(trx, services.dialect, 'training', workspaceId);
    if (!(await queries.selectSession(trx, workspaceId, sessionId)))
      throw new AppError('training_session_not_found');
    if (input.trainerId) await checkPeople(trx, workspaceId, [input.trainerId], 'trainerId');
    await queries.updateSession(trx, sessionId, {
      ...(input.date !== undefined ? { date: input.date } : {}),
      ...(input.trainerId !== undefined ? { trainer_id: input.trainerId } : {}),
      ...(input.trainerName !== undefined ? { trainer_name: input.trainerName?.trim() || null } : {}),
      ...(input.materialsUrl !== undefined ? { materials_url: input.materialsUrl?.trim() || null } : {}),
      updated_at: now,
    });
    if (input.attendeeIds) {
      const wanted = await checkPeople(trx, workspaceId, input.attendeeIds, 'attendeeIds');
      const current = (await queries.selectAttendance(trx, [sessionId])).map((row) => row.user_id);
      await queries.deleteAttendance(
        trx,
        sessionId,
        current.filter((id) => !wanted.includes(id)),
      );
      await queries.insertAttendance(
        trx,
        wanted
          .filter((id) => !current.includes(id))
          .map((userId) => ({
            workspace_id: workspaceId,
            session_id: sessionId,
            user_id: userId,
            status: 'invited',
            completed: 0,
            assessment_score: null,
            assessment_note: null,
            updated_at: now,
          })),
      );
    }
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'training_session.updated',
      objectType: 'training_session',
      objectId: sessionId,
      changes: { ...input, attendeeIds: input.attendeeIds?.length },
      now,
    });
  });
  return sessionOut(services.db, workspaceId, sessionId);
}

export async function deleteSession(
  services: Services,
  actor: Actor,
  workspaceId: string,
  sessionId: string,
) {
  await authorize(services.db, actor, workspaceId, 'training.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    if (!(await queries.selectSession(trx, workspaceId, sessionId)))
      throw new AppError('training_session_not_found');
    await queries.deleteSession(trx, sessionId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'training_session.deleted',
      objectType: 'training_session',
      objectId: sessionId,
      now,
    });
  });
}

export type AttendanceInput = {
  userId: string;
  status: AttendanceStatus;
  completed: boolean;
  score: number | null;
  note?: string | null | undefined;
};

/**
 * Attendance, completion and the post-training assessment of several attendees at once, all or nothing. A
 * completed training with a passing score records the course's target level in the matrix (never lowering one).
 */
export async function recordAttendance(
  context: WorkspaceContext,
  { sessionId, items }: { sessionId: string; items: AttendanceInput[] },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'training.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'training', workspaceId);
    const session = await queries.selectSession(trx, workspaceId, sessionId);
    if (!session) throw new AppError('training_session_not_found');
    const invited = new Set((await queries.selectAttendance(trx, [sessionId])).map((row) => row.user_id));
    items.forEach((item, index) => {
      if (!invited.has(item.userId))
        throw new AppError('training_person_not_member', {}, [
          { path: `items.${index}.userId`, message: '' },
        ]);
      if (attendanceProblem(item))
        throw new AppError('training_not_attended', {}, [
          { path: `items.${index}.${item.score !== null ? 'score' : 'completed'}`, message: '' },
        ]);
    });
    const raised: { userId: string; skill: string; level: number }[] = [];
    if (session.course_skill && session.course_target_level !== null) {
      await lockWorkspace(trx, services.dialect, 'people', workspaceId);
      const levels = await queries.selectLevels(trx, workspaceId);
      for (const item of items) {
        const current = levels.find(
          (row) => row.user_id === item.userId && row.skill === session.course_skill,
        );
        const level = levelAfterTraining(current?.level, session.course_target_level, item);
        if (level !== null) raised.push({ userId: item.userId, skill: session.course_skill, level });
      }
    }
    for (const item of items) {
      await queries.updateAttendance(trx, sessionId, item.userId, {
        status: item.status,
        completed: item.completed ? 1 : 0,
        assessment_score: item.score,
        assessment_note: item.note?.trim() || null,
        updated_at: now,
      });
    }
    for (const raise of raised)
      await queries.upsertLevel(trx, {
        workspace_id: workspaceId,
        user_id: raise.userId,
        skill: raise.skill,
        level: raise.level,
      });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'training_session.attendance_recorded',
      objectType: 'training_session',
      objectId: sessionId,
      changes: {
        attended: items.filter((item) => item.status === 'attended').length,
        passed: items.filter(passed).length,
        levelsRaised: raised,
      },
      now,
    });
  });
  return sessionOut(services.db, workspaceId, sessionId);
}

const COURSE_TITLE: Record<Locale, string> = {
  'zh-CN': '{skill}提升培训（目标 {level} 级）',
  en: '{skill} training (to level {level})',
};

/**
 * "Plan training for this gap": a session of the skill's course (made when there is none for that level) with
 * everyone who has the gap invited, decided from the matrix as it is when the session is made.
 */
export async function planTrainingForGap(
  context: WorkspaceContext,
  {
    input,
  }: {
    input: {
      skill: string;
      date: string;
      trainerId?: string | null | undefined;
      trainerName?: string | null | undefined;
      materialsUrl?: string | null | undefined;
    };
  },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'training.write');
  const skill = input.skill.trim();
  const now = services.now();
  const id = await services.db.transaction().execute(async (trx) => {
    // Reads the matrix, then may make the skill's course: two plans for one gap must not make two courses.
    await lockWorkspace(trx, services.dialect, 'training', workspaceId);
    const { people, targets, tasks } = await loadMatrixFacts(trx, workspaceId);
    // Review-assessed gaps count only as far as the planner may read the review: an invitation list is public.
    const assessments = await readableAssessments(trx, actor, workspaceId);
    const invited = (await upcomingInvitations(services, trx, workspaceId)).get(skill);
    const chosen = peopleToTrain(people, targets, tasks, skill, new Set(invited?.keys()), assessments);
    if (chosen.personIds.length === 0)
      throw new AppError(
        chosen.scheduledIds.length > 0 ? 'skill_gap_already_planned' : 'skill_gap_not_found',
        { skill },
        [{ path: 'skill', message: '' }],
      );
    let course = await queries.selectCourseBySkill(trx, workspaceId, skill, chosen.level);
    if (!course) {
      const courseId = newId(now);
      await queries.insertCourse(trx, {
        id: courseId,
        workspace_id: workspaceId,
        title: interpolate(COURSE_TITLE[locale], { skill, level: chosen.level }),
        skill,
        target_level: chosen.level,
        description: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      course = await queries.selectCourse(trx, workspaceId, courseId);
    }
    if (!course) throw new AppError('training_course_not_found');
    return insertSessionWithAttendees(
      trx,
      actor,
      workspaceId,
      {
        courseId: course.id,
        date: input.date,
        trainerId: input.trainerId,
        trainerName: input.trainerName,
        materialsUrl: input.materialsUrl,
        attendeeIds: chosen.personIds,
      },
      now,
      { gap: skill },
    );
  });
  return sessionOut(services.db, workspaceId, id);
}

// The skill leads and the person follows in brackets, so SMART reads the skill as the metric, not the name.
const GOAL_TITLE: Record<Locale, string> = {
  'zh-CN': '{skill}提升至 {level} 级（{name}）',
  en: 'Raise {skill} to level {level} ({name})',
};

/** The goal row and its development mark: a goal owned by the person that aims at a skill level. */
export async function insertDevelopmentGoalRows(
  trx: Executor,
  goal: {
    goalId: string;
    workspaceId: string;
    parentId: string | null;
    title: string;
    description: string | null;
    userId: string;
    skill: string;
    level: number;
    startDate: string;
    dueDate: string;
    now: number;
  },
) {
  await insertGoal(trx, {
    id: goal.goalId,
    workspace_id: goal.workspaceId,
    parent_id: goal.parentId,
    title: goal.title,
    description: goal.description,
    owner_id: goal.userId,
    start_date: goal.startDate,
    due_date: goal.dueDate,
    status: 'active',
    weight: 1,
    is_top_level: 0,
    progress: 0,
    projected_progress: null,
    health: 'no_data',
    health_reason: null,
    created_at: goal.now,
    updated_at: goal.now,
  });
  await queries.insertDevelopmentGoal(trx, {
    goal_id: goal.goalId,
    workspace_id: goal.workspaceId,
    user_id: goal.userId,
    skill: goal.skill,
    target_level: goal.level,
  });
}

/**
 * A personal development goal: an ordinary goal in the goal tree owned by the person (under a parent when
 * given), marked with the skill and level it aims at. Anyone sets their own; training managers anyone's.
 */
export async function createDevelopmentGoal(
  context: WorkspaceContext,
  {
    input,
  }: {
    input: {
      userId: string;
      skill: string;
      targetLevel: number;
      startDate: string;
      dueDate: string;
      parentId?: string | null | undefined;
      title?: string | undefined;
    };
  },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(
    services.db,
    actor,
    workspaceId,
    input.userId === actor.userId ? 'goals.write' : 'training.write',
  );
  if (input.dueDate < input.startDate)
    throw new AppError('development_goal_dates', {}, [{ path: 'dueDate', message: '' }]);
  const skill = input.skill.trim();
  const now = services.now();
  const goalId = newId(now);
  await services.db.transaction().execute(async (trx) => {
    const member = await selectMember(trx, workspaceId, input.userId);
    if (!member) throw new AppError('training_person_not_member', {}, [{ path: 'userId', message: '' }]);
    if (input.parentId && !(await selectGoalId(trx, workspaceId, input.parentId)))
      throw new AppError('goal_not_found', {}, [{ path: 'parentId', message: '' }]);
    const title =
      input.title?.trim() ||
      interpolate(GOAL_TITLE[locale], { name: member.name, skill, level: input.targetLevel });
    await insertDevelopmentGoalRows(trx, {
      goalId,
      workspaceId,
      parentId: input.parentId ?? null,
      title,
      description: null,
      userId: input.userId,
      skill,
      level: input.targetLevel,
      startDate: input.startDate,
      dueDate: input.dueDate,
      now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'goal.created',
      objectType: 'goal',
      objectId: goalId,
      changes: { title, parentId: input.parentId ?? null, development: { skill, level: input.targetLevel } },
      now,
    });
    await services.outbox.emit(trx, { workspaceId, type: 'goal.created', payload: { goalId } });
  });
  return goalId;
}

/**
 * The plan's `sections.training` from the workspace: the matrix in brief, the gaps and the sessions with their
 * attendance. Gaps from reviews stay out: the plan is read by everyone, a review only by its people. Null when the workspace sets no role targets and holds no training or development goals.
 */
export async function trainingSection(db: Executor, workspaceId: string): Promise<TrainingSection | null> {
  const { people, targets, tasks } = await loadMatrixFacts(db, workspaceId);
  const { sessions } = await loadTraining(db, workspaceId, 30);
  const developmentGoals = await queries.selectDevelopmentGoals(db, workspaceId);
  // Levels alone are the people list's; a workspace that sets no targets and holds no training keeps a stored
  // section as written (an imported plan.yaml exports as it came in).
  if (targets.length === 0 && sessions.length === 0 && developmentGoals.length === 0) return null;
  const skills = matrixSkills(people, targets, tasks);
  const gaps = computeGaps(people, targets, tasks);
  const names = new Map(people.map((person) => [person.id, person.name]));
  return {
    matrix: skills.map((skill) => {
      const levels = people.flatMap((person) => {
        const level = person.levels[skill];
        return level === undefined ? [] : [level];
      });
      return {
        skill,
        people: levels.length,
        average:
          levels.length === 0 ? 0 : Math.round((levels.reduce((a, b) => a + b, 0) / levels.length) * 10) / 10,
        best: Math.max(0, ...levels),
        belowTarget: gaps.people.filter((gap) => gap.skill === skill).length,
      };
    }),
    gaps: [
      ...gaps.people.map((gap) => ({
        skill: gap.skill,
        who: names.get(gap.personId) ?? '',
        level: gap.level,
        target: gap.target,
      })),
      ...gaps.tasks.map((gap) => ({
        skill: gap.skill,
        task: gap.title,
        level: gap.bestLevel,
        target: gap.minLevel,
      })),
    ],
    sessions: [...sessions]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((session) => ({
        course: session.courseTitle,
        ...(session.skill ? { skill: session.skill } : {}),
        date: session.date,
        trainer: session.trainer?.name ?? session.trainerName ?? '',
        invited: session.summary.invited,
        attended: session.summary.attended,
        completed: session.summary.completed,
        passed: session.summary.passed,
      })),
    ...(developmentGoals.length > 0
      ? {
          development: developmentGoals.map((goal) => ({
            who: names.get(goal.user_id) ?? '',
            skill: goal.skill,
            target: goal.target_level,
            due: goal.due_date,
          })),
        }
      : {}),
  };
}
