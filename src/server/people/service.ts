import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors/index.ts';
import { interpolate } from '../../core/i18n/index.ts';
import { addDays } from '../../core/days/index.ts';
import { lockWorkspace } from '../../db/locks.ts';
import {
  suggestAssignees,
  WORKLOAD_MESSAGES,
  workloadByWeek,
  workloadHeatmap,
  workloadWindow,
} from '../../core/workload/index.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { loadCalendar } from '../tasks/service.ts';
import {
  selectPlanRevision,
  selectRolesAmong,
  selectTask,
  selectTasksLoadingWindow,
} from '../tasks/queries.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMember, selectMembers } from '../workspaces/queries.ts';
import * as queries from './queries.ts';
import { workspaceToday } from '../workspaces/worktime.ts';
import type { Executor } from '../../db/types.ts';

/** Today in the workspace's time zone. */
function today(services: Services, workspaceId: string, executor?: Executor): Promise<string> {
  return workspaceToday(services, workspaceId, executor);
}

function group<T extends { user_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const byUser = new Map<string, T[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  return byUser;
}

/** Members with what decides who does what: title, weekly capacity, skills and days away. */
async function loadPeople(
  services: Services,
  workspaceId: string,
  awayFrom?: string,
  { skills: withSkills = true }: { skills?: boolean } = {},
) {
  const [members, skills, away] = await Promise.all([
    selectMembers(services.db, workspaceId),
    withSkills ? queries.selectSkills(services.db, workspaceId) : [],
    queries.selectUnavailableDays(services.db, workspaceId, awayFrom),
  ]);
  const skillsOf = group(skills);
  const awayOf = group(away);
  return members.map((member) => ({
    userId: member.user_id,
    name: member.name,
    title: member.title,
    weeklyCapacityHours: member.weekly_capacity_hours,
    skills: (skillsOf.get(member.user_id) ?? []).map((skill) => ({ skill: skill.skill, level: skill.level })),
    unavailableDays: (awayOf.get(member.user_id) ?? []).map((day) => day.day),
  }));
}

export async function listPeople(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'members.read');
  return loadPeople(services, workspaceId, addDays(await today(services, workspaceId), -30));
}

/** Anyone keeps their own skills and days away; managers keep everyone's. */
export async function updatePersonProfile(
  context: WorkspaceContext,
  {
    userId,
    profile,
  }: {
    userId: string;
    profile: { skills: Array<{ skill: string; level: number }>; unavailableDays: string[] };
  },
) {
  const { services, actor, workspaceId } = context;
  await authorize(
    services.db,
    actor,
    workspaceId,
    userId === actor.userId ? 'workspace.read' : 'people.write',
  );
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    // Skills and days away are replaced by delete-then-insert: two saves at once must take turns.
    await lockWorkspace(trx, services.dialect, 'people', workspaceId);
    if (!(await selectMember(trx, workspaceId, userId))) throw new AppError('member_not_found');
    const skills = [
      ...new Map(
        profile.skills.map((skill) => [skill.skill.trim(), { ...skill, skill: skill.skill.trim() }]),
      ).values(),
    ];
    await queries.replaceProfile(trx, workspaceId, userId, {
      skills,
      unavailableDays: [...new Set(profile.unavailableDays)].sort(),
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'member.profile_updated',
      objectType: 'member',
      objectId: userId,
      changes: { skills, unavailableDays: profile.unavailableDays.length },
      now,
    });
  });
  return listPeople(services, actor, workspaceId);
}

export async function getCalendar(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'workspace.read');
  return (await queries.selectCalendarDays(services.db, workspaceId)).map((day) => ({
    day: day.day,
    kind: day.kind as 'holiday' | 'workday',
    name: day.name,
  }));
}

export async function setCalendar(
  services: Services,
  actor: Actor,
  workspaceId: string,
  days: Array<{ day: string; kind: 'holiday' | 'workday'; name?: string | null | undefined }>,
) {
  await authorize(services.db, actor, workspaceId, 'calendar.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    // Replacing is delete-then-insert: two at once would insert the same days twice.
    await lockWorkspace(trx, services.dialect, 'calendar', workspaceId);
    const unique = [
      ...new Map(
        days.map((day) => [day.day, { day: day.day, kind: day.kind, name: day.name?.trim() || null }]),
      ).values(),
    ];
    await queries.replaceCalendarDays(trx, workspaceId, unique);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'calendar.updated',
      objectType: 'workspace',
      objectId: workspaceId,
      changes: { days: unique.length },
      now,
    });
  });
  return getCalendar(services, actor, workspaceId);
}

type WorkloadPeople = Awaited<ReturnType<typeof loadPeople>>;

/** The people as the workload computation takes them. */
function workloadPeopleOf(people: WorkloadPeople) {
  return people.map((person) => ({
    id: person.userId,
    weeklyCapacityHours: person.weeklyCapacityHours,
    unavailableDays: person.unavailableDays,
  }));
}

/** The tasks that can load a window, with their Responsible people; the rest add nothing (see mayLoadWindow). */
async function readLoadingTasks(
  services: Services,
  workspaceId: string,
  from: string,
  weeks: number,
  responsibleId?: string,
) {
  const tasks = await selectTasksLoadingWindow(
    services.db,
    workspaceId,
    workloadWindow({ from, weeks }),
    responsibleId,
  );
  const roles = await selectRolesAmong(
    services.db,
    workspaceId,
    tasks.map((task) => task.id),
  );
  const responsible = new Map<string, string[]>();
  for (const role of roles) {
    if (role.role !== 'R') continue;
    const list = responsible.get(role.task_id);
    if (list) list.push(role.user_id);
    else responsible.set(role.task_id, [role.user_id]);
  }
  return {
    tasks,
    workloadTasks: tasks.map((task) => ({
      id: task.id,
      assigneeIds: responsible.get(task.id) ?? [],
      estimateHours: task.estimate_hours,
      start: task.start_date,
      due: task.due_date,
      status: task.status,
    })),
  };
}

async function computeWorkload(
  services: Services,
  workspaceId: string,
  from: string,
  weeks: number,
  responsibleId?: string,
) {
  const [people, calendar, read] = await Promise.all([
    loadPeople(services, workspaceId),
    loadCalendar(services.db, workspaceId),
    readLoadingTasks(services, workspaceId, from, weeks, responsibleId),
  ]);
  const workload = workloadByWeek(workloadPeopleOf(people), read.workloadTasks, { from, weeks }, calendar);
  return { people, tasks: read.tasks, workload, calendar };
}

type Heatmap = ReturnType<typeof workloadHeatmap>;
/**
 * Heatmaps kept per workspace, plan revision, window, calendar and people (capacity, days away): the revision
 * moves with every change to tasks, roles and the calendar (0014), the rest is in the key, so a kept heatmap is
 * the one a computation would give. A window full of tasks reads tens of thousands of them and their roles (1.5 s
 * for 81,410 at the large scale); a kept one costs the reading of the people. Promises, so that requests arriving
 * together compute once.
 */
const heatmaps = new Map<string, Promise<Heatmap>>();
const HEATMAPS_KEPT = 16;

function keptHeatmap(key: string, compute: () => Promise<Heatmap>): Promise<Heatmap> {
  const kept = heatmaps.get(key);
  if (kept) return kept;
  const computing = compute();
  heatmaps.set(key, computing);
  computing.catch(() => heatmaps.delete(key));
  for (const old of heatmaps.keys()) {
    if (heatmaps.size <= HEATMAPS_KEPT) break;
    heatmaps.delete(old);
  }
  return computing;
}

/**
 * The heatmap, compact (see core/workload/heatmap.ts): weeks once, each person once with their capacity, hours
 * and task counts only for people with load, available days only for people away. The page reads it back with
 * heatmapCells; a cell's tasks come from getWorkloadCell when it is opened.
 */
export async function getWorkload(
  services: Services,
  actor: Actor,
  workspaceId: string,
  range: { from?: string | undefined; weeks: number },
) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const from = range.from ?? (await today(services, workspaceId));
  // The revision first: a write landing after it only makes a newer heatmap under an older key, never the reverse.
  const revision = await selectPlanRevision(services.db, workspaceId);
  const [people, calendar] = await Promise.all([
    loadPeople(services, workspaceId, undefined, { skills: false }),
    loadCalendar(services.db, workspaceId),
  ]);
  const workloadPeople = workloadPeopleOf(people);
  const key = createHash('sha256')
    .update(JSON.stringify([workspaceId, revision, from, range.weeks, calendar, workloadPeople]))
    .digest('base64');
  const { rows, ...weeks } = await keptHeatmap(key, async () => {
    const read = await readLoadingTasks(services, workspaceId, from, range.weeks);
    return workloadHeatmap(workloadPeople, read.workloadTasks, { from, weeks: range.weeks }, calendar);
  });
  return {
    ...weeks,
    people: people.map((person, index) => ({
      userId: person.userId,
      name: person.name,
      ...(rows[index] ?? { capacity: person.weeklyCapacityHours }),
    })),
  };
}

/** The tasks behind one cell of the heatmap: one person's week, the hours each task puts in it. */
export async function getWorkloadCell(
  services: Services,
  actor: Actor,
  workspaceId: string,
  cell: { userId: string; week: string },
) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  // Only the person's own tasks: their share of each does not depend on anyone else's load.
  const { tasks, workload } = await computeWorkload(services, workspaceId, cell.week, 1, cell.userId);
  const titles = new Map(tasks.map((task) => [task.id, task.title]));
  const week = workload.people.find((person) => person.personId === cell.userId)?.weeks[0];
  return {
    tasks: (week?.tasks ?? []).map((task) => ({ ...task, title: titles.get(task.taskId) ?? '' })),
  };
}

/** Who should take a task: skill levels and free hours in its window, with the reasons said. */
export async function suggestForTask(context: WorkspaceContext, { taskId }: { taskId: string }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const task = await selectTask(services.db, workspaceId, taskId);
  if (!task) throw new AppError('task_not_found');
  const start = task.start_date ?? (await today(services, workspaceId));
  const due = task.due_date ?? addDays(start, 14);
  const weeks = Math.max(1, Math.ceil((Date.parse(due) - Date.parse(start)) / (7 * 86_400_000)) + 1);
  const { people, workload, calendar } = await computeWorkload(services, workspaceId, start, weeks);
  const suggestions = suggestAssignees(
    {
      requiredSkills: JSON.parse(task.required_skills) as Array<{ skill: string; minLevel?: number }>,
      window: { start, due },
      estimateHours: task.estimate_hours ?? 0,
    },
    people.map((person) => ({
      id: person.userId,
      weeklyCapacityHours: person.weeklyCapacityHours,
      unavailableDays: person.unavailableDays,
      skills: Object.fromEntries(person.skills.map((skill) => [skill.skill, skill.level])),
    })),
    workload,
    calendar,
  );
  const names = new Map(people.map((person) => [person.userId, person.name]));
  return suggestions.map((suggestion) => ({
    userId: suggestion.personId,
    name: names.get(suggestion.personId) ?? '',
    score: suggestion.score,
    meetsSkills: suggestion.meetsSkills,
    freeHours: suggestion.freeHours,
    reasons: suggestion.reasons.map((reason) =>
      interpolate(WORKLOAD_MESSAGES[locale][reason.code], reason.params),
    ),
  }));
}
