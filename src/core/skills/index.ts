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

/** A person below the level their role title asks for in one skill. */
export type PersonGap = { personId: string; skill: string; level: number; target: number; gap: number };

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
 * Gaps from two sources: a person below their role's target level (a missing skill counts as level 0), and an
 * open task whose required level no one reaches. Sorted by skill, then the widest gap first.
 */
export function computeGaps(
  people: readonly MatrixPerson[],
  targets: readonly RoleTarget[],
  tasks: readonly TaskDemand[],
): Gaps {
  const personGaps: PersonGap[] = [];
  for (const person of people) {
    for (const [skill, target] of targetsFor(person, targets)) {
      const level = person.levels[skill] ?? 0;
      if (level < target) personGaps.push({ personId: person.id, skill, level, target, gap: target - level });
    }
  }
  personGaps.sort((a, b) => byText(a.skill, b.skill) || b.gap - a.gap || byText(a.personId, b.personId));

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
    bySkill: [...bySkill.values()].sort(
      (a, b) =>
        b.people.length + b.tasks.length - (a.people.length + a.tasks.length) || byText(a.skill, b.skill),
    ),
  };
}

/**
 * Who a training for one skill should bring up to `level`: everyone whose role targets the skill above what they
 * have, and — when an open task needs a level nobody has — those closest to it (the best present level, or
 * everyone whose role targets the skill at all when nobody has it).
 */
export function peopleToTrain(
  people: readonly MatrixPerson[],
  targets: readonly RoleTarget[],
  tasks: readonly TaskDemand[],
  skill: string,
  scheduled: ReadonlySet<string> = new Set(),
): { level: number; personIds: string[]; scheduledIds: string[] } {
  const gaps = computeGaps(people, targets, tasks).bySkill.find((gap) => gap.skill === skill);
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
