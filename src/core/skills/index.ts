/**
 * The skills matrix and training: people × skills with levels 1–5, target levels per role title, and the gaps
 * between them. Pure: the server reads the rows, this decides what is a gap and how a session went.
 */

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 5;
/** An assessment score (1–5) from which an attendee has passed. */
export const PASS_SCORE = 3;
export const MAX_ATTENDEES = 200;

export type MatrixPerson = {
  id: string;
  /** Their role title (运营专员, 内容运营 …): the targets for that title apply to them. */
  title: string | null;
  /** skill → level 1–5; a skill they do not have is absent. */
  levels: Readonly<Record<string, number>>;
};

export type RoleTarget = { roleTitle: string; skill: string; level: number };

export type SkillRequirement = { skill: string; minLevel?: number | undefined };

export type TaskDemand = {
  id: string;
  title: string;
  status: string;
  requiredSkills: readonly SkillRequirement[];
};

/** The signed-off review a level was assessed in. */
export type ReviewSource = { participantId: string; cycleId: string; cycleName: string };

/** A skill level assessed in a signed-off review (a skill-tagged rating question, mapped onto 1–5). */
export type AssessedLevel = {
  personId: string;
  skill: string;
  level: number;
  /** The sign-off's day (YYYY-MM-DD) and instant: the latest assessment of a person's skill is the one that counts. */
  assessedOn: string;
  assessedAt: number;
  review: ReviewSource;
};

/** A passed, completed training: it supersedes review assessments of its skill made on or before its day. */
export type PassedTraining = { personId: string; skill: string; date: string };

/**
 * A person below the level their role title asks for in one skill: by their level in the matrix (`review` null)
 * or by the level a signed-off review assessed.
 */
export type PersonGap = {
  personId: string;
  skill: string;
  level: number;
  target: number;
  gap: number;
  review: ReviewSource | null;
};

/** An open task requiring a skill level that no one in the workspace has. */
export type TaskGap = { taskId: string; title: string; skill: string; minLevel: number; bestLevel: number };

/** One skill's gaps: who is below target, which open tasks nobody can cover. */
export type SkillGap = {
  skill: string;
  /** The level training should bring people to: the highest target or task requirement not met. */
  targetLevel: number;
  people: PersonGap[];
  tasks: TaskGap[];
};

export type Gaps = { people: PersonGap[]; tasks: TaskGap[]; bySkill: SkillGap[] };

const CLOSED_STATUSES = new Set(['done', 'cancelled']);

/** How much a skill's card weighs in the order: people below target (once each, whatever the source) and tasks. */
const weightOf = (gap: SkillGap) =>
  new Set(gap.people.map((person) => person.personId)).size + gap.tasks.length;

export function clampLevel(level: number): number {
  return Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, Math.round(level)));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The matrix's columns: every skill someone has, a role targets or an open task requires, in name order. */
export function matrixSkills(
  people: readonly MatrixPerson[],
  targets: readonly RoleTarget[],
  tasks: readonly TaskDemand[] = [],
): string[] {
  const skills = new Set<string>();
  for (const person of people) for (const skill of Object.keys(person.levels)) skills.add(skill);
  for (const target of targets) skills.add(target.skill);
  for (const task of tasks) {
    if (CLOSED_STATUSES.has(task.status)) continue;
    for (const requirement of task.requiredSkills) skills.add(requirement.skill);
  }
  return [...skills].sort(byText);
}

/** The targets that apply to a person: those of their role title, skill → level. */
export function targetsFor(person: MatrixPerson, targets: readonly RoleTarget[]): Map<string, number> {
  const mine = new Map<string, number>();
  if (!person.title) return mine;
  for (const target of targets) {
    if (target.roleTitle === person.title) mine.set(target.skill, target.level);
  }
  return mine;
}

/**
 * The review assessments that count: per person and skill the latest one, unless a training of the skill passed
 * on or after its day has since raised the level. The caller passes only the assessments the viewer may read, so
 * a review they cannot read neither shows nor hides anything.
 */
export function currentAssessments(
  assessments: readonly AssessedLevel[],
  trainings: readonly PassedTraining[] = [],
): AssessedLevel[] {
  const latest = new Map<string, AssessedLevel>();
  for (const assessment of assessments) {
    const key = `${assessment.personId}\u0000${assessment.skill}`;
    const seen = latest.get(key);
    if (
      !seen ||
      assessment.assessedOn > seen.assessedOn ||
      (assessment.assessedOn === seen.assessedOn && assessment.assessedAt > seen.assessedAt)
    )
      latest.set(key, assessment);
  }
  return [...latest.values()].filter(
    (assessment) =>
      !trainings.some(
        (training) =>
          training.personId === assessment.personId &&
          training.skill === assessment.skill &&
          training.date >= assessment.assessedOn,
      ),
  );
}

/**
 * Gaps from three sources: a person below their role's target level in the matrix (a missing skill counts as
 * level 0), a person whose level assessed in a signed-off review is below it (`assessments`, already reduced by
 * `currentAssessments`), and an open task whose required level no one reaches. Sorted by skill, then the widest
 * gap first.
 */
export function computeGaps(
  people: readonly MatrixPerson[],
  targets: readonly RoleTarget[],
  tasks: readonly TaskDemand[],
  assessments: readonly AssessedLevel[] = [],
): Gaps {
  const personGaps: PersonGap[] = [];
  const assessedOf = new Map<string, AssessedLevel[]>();
  for (const assessment of assessments)
    assessedOf.set(assessment.personId, [...(assessedOf.get(assessment.personId) ?? []), assessment]);
  for (const person of people) {
    const mine = targetsFor(person, targets);
    for (const [skill, target] of mine) {
      const level = person.levels[skill] ?? 0;
      if (level < target)
        personGaps.push({ personId: person.id, skill, level, target, gap: target - level, review: null });
    }
    for (const assessment of assessedOf.get(person.id) ?? []) {
      const target = mine.get(assessment.skill);
      if (target !== undefined && assessment.level < target)
        personGaps.push({
          personId: person.id,
          skill: assessment.skill,
          level: assessment.level,
          target,
          gap: target - assessment.level,
          review: assessment.review,
        });
    }
  }
  personGaps.sort(
    (a, b) =>
      byText(a.skill, b.skill) ||
      b.gap - a.gap ||
      byText(a.personId, b.personId) ||
      Number(a.review !== null) - Number(b.review !== null),
  );

  const best = new Map<string, number>();
  for (const person of people) {
    for (const [skill, level] of Object.entries(person.levels))
      best.set(skill, Math.max(best.get(skill) ?? 0, level));
  }
  const taskGaps: TaskGap[] = [];
  for (const task of tasks) {
    if (CLOSED_STATUSES.has(task.status)) continue;
    for (const requirement of task.requiredSkills) {
      const minLevel = clampLevel(requirement.minLevel ?? MIN_LEVEL);
      const bestLevel = best.get(requirement.skill) ?? 0;
      if (bestLevel < minLevel)
        taskGaps.push({ taskId: task.id, title: task.title, skill: requirement.skill, minLevel, bestLevel });
    }
  }
  taskGaps.sort((a, b) => byText(a.skill, b.skill) || b.minLevel - a.minLevel || byText(a.title, b.title));

  const bySkill = new Map<string, SkillGap>();
  const entry = (skill: string) => {
    let gap = bySkill.get(skill);
    if (!gap) {
      gap = { skill, targetLevel: 0, people: [], tasks: [] };
      bySkill.set(skill, gap);
    }
    return gap;
  };
  for (const gap of personGaps) {
    const skill = entry(gap.skill);
    skill.people.push(gap);
    skill.targetLevel = Math.max(skill.targetLevel, gap.target);
  }
  for (const gap of taskGaps) {
    const skill = entry(gap.skill);
    skill.tasks.push(gap);
    skill.targetLevel = Math.max(skill.targetLevel, gap.minLevel);
  }
  return {
    people: personGaps,
    tasks: taskGaps,
    bySkill: [...bySkill.values()].sort((a, b) => weightOf(b) - weightOf(a) || byText(a.skill, b.skill)),
  };
}

/**
 * Who a training for one skill should bring up to `level`: everyone whose role targets the skill above what they
 * have (in the matrix, or as a readable review assessed it), and — when an open task needs a level nobody has — those closest to it (the best present level, or
 * everyone whose role targets the skill at all when nobody has it).
 */
export function peopleToTrain(
  people: readonly MatrixPerson[],
  targets: readonly RoleTarget[],
  tasks: readonly TaskDemand[],
  skill: string,
  scheduled: ReadonlySet<string> = new Set(),
  assessments: readonly AssessedLevel[] = [],
): { level: number; personIds: string[]; scheduledIds: string[] } {
  const gaps = computeGaps(people, targets, tasks, assessments).bySkill.find((gap) => gap.skill === skill);
  if (!gaps) return { level: 0, personIds: [], scheduledIds: [] };
  const chosen = new Set(gaps.people.map((gap) => gap.personId));
  if (gaps.tasks.length > 0 && chosen.size === 0) {
    const levels = people.map((person) => person.levels[skill] ?? 0);
    const top = Math.max(0, ...levels);
    for (const person of people) {
      if (top > 0 ? (person.levels[skill] ?? 0) === top : targetsFor(person, targets).has(skill))
        chosen.add(person.id);
    }
  }
  // People already invited to an upcoming session of the skill are not invited twice.
  const ids = people.filter((p) => chosen.has(p.id)).map((p) => p.id);
  return {
    level: gaps.targetLevel,
    personIds: ids.filter((id) => !scheduled.has(id)),
    scheduledIds: ids.filter((id) => scheduled.has(id)),
  };
}

export type AttendanceStatus = 'invited' | 'attended' | 'absent';
export const ATTENDANCE_STATUSES = ['invited', 'attended', 'absent'] as const;

export type Attendance = {
  userId: string;
  status: AttendanceStatus;
  completed: boolean;
  score: number | null;
};

export function passed(attendance: Pick<Attendance, 'status' | 'completed' | 'score'>): boolean {
  return attendance.status === 'attended' && attendance.score !== null && attendance.score >= PASS_SCORE;
}

export type SessionSummary = {
  invited: number;
  attended: number;
  absent: number;
  completed: number;
  assessed: number;
  passed: number;
  averageScore: number | null;
  /** attended / (attended + absent), null before anyone's attendance is recorded. */
  attendanceRate: number | null;
};

/** A session in figures: who came, completed, was assessed and passed. */
export function summariseSession(attendance: readonly Attendance[]): SessionSummary {
  const attended = attendance.filter((row) => row.status === 'attended');
  const absent = attendance.filter((row) => row.status === 'absent').length;
  const scores = attended.flatMap((row) => (row.score === null ? [] : [row.score]));
  return {
    invited: attendance.length,
    attended: attended.length,
    absent,
    completed: attended.filter((row) => row.completed).length,
    assessed: scores.length,
    passed: attended.filter(passed).length,
    averageScore:
      scores.length === 0
        ? null
        : Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 10) / 10,
    attendanceRate: attended.length + absent === 0 ? null : attended.length / (attended.length + absent),
  };
}

/** An attendance row as it may be stored: completion and a score only for someone who attended. */
export function attendanceProblem(
  row: Pick<Attendance, 'status' | 'completed' | 'score'>,
): 'not_attended' | null {
  if (row.status !== 'attended' && (row.completed || row.score !== null)) return 'not_attended';
  return null;
}

/**
 * The level a passed assessment records in the matrix: the course's target level, never lowering what the person
 * already had. Null when nothing changes.
 */
export function levelAfterTraining(
  current: number | undefined,
  courseTarget: number | null,
  attendance: Pick<Attendance, 'status' | 'completed' | 'score'>,
): number | null {
  if (courseTarget === null || !attendance.completed || !passed(attendance)) return null;
  const target = clampLevel(courseTarget);
  return current !== undefined && current >= target ? null : target;
}
