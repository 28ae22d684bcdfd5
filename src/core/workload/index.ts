import type { Locale } from '../i18n/index.ts';
import { dayFromNumber, dayNumber, mondayOfNumber } from '../days/index.ts';
import {
  DEFAULT_CALENDAR,
  compileCalendar,
  type CompiledCalendar,
  type WorkCalendar,
} from '../schedule/calendar.ts';
import { isOpenTaskStatus } from '../tasks/status.ts';
import { round, weekFigures, type HeatmapRow, type HeatmapWeeks, type WeekFigures } from './heatmap.ts';

export {
  heatmapCells,
  weekFigures,
  type HeatmapCell,
  type HeatmapRow,
  type HeatmapWeeks,
} from './heatmap.ts';

/**
 * Workload and capacity per person and ISO week (Monday start), and who could take a new task.
 *
 * Choices:
 * - A task's estimate is spread evenly over its working days from start to due, skipping the person's
 *   unavailable days. A task without a start is spread over its due day; one starting after its due day
 *   likewise. A task without a due day or estimate has no place on the calendar and adds no load.
 * - When no working day is left (all off or unavailable), the whole estimate lands on the due day, so the
 *   hours still show up — as an overload the team can see — rather than vanish.
 * - A task with several Responsible people gives each an equal share (split by every listed assignee, even
 *   one not in the people list, so a filtered view shows the same numbers). Each share is spread over that
 *   person's own available days. Done and cancelled tasks add nothing.
 * - Weekly capacity assumes a full ordinary week (five days on Monday–Friday): a week's capacity is the
 *   weekly hours × the person's available working days that week ÷ working days in an ordinary week, so
 *   holidays, make-up days and leave all move it.
 * - Hours are rounded to 0.01 and utilisation to 0.001 on output; a week is over-allocated when the rounded
 *   planned hours exceed the rounded capacity. Utilisation is null when there is no capacity.
 */

export type WorkloadPerson = { id: string; weeklyCapacityHours: number; unavailableDays: readonly string[] };

export type WorkloadTask = {
  id: string;
  /** The Responsible people. */
  assigneeIds: readonly string[];
  estimateHours: number | null;
  start: string | null;
  due: string | null;
  status: string;
};

export type WeekLoad = WeekFigures & {
  /** Tasks contributing hours this week, most hours first (ties by id). */
  tasks: Array<{ taskId: string; hours: number }>;
};

export type PersonWorkload = { personId: string; weeks: WeekLoad[] };

export type Workload = { weekStarts: string[]; people: PersonWorkload[] };

/** Unavailable working days of one person, sorted, for counting by binary search. */
type Availability = { working: CompiledCalendar; unavailable: Int32Array };

function availability(working: CompiledCalendar, unavailableDays: readonly string[]): Availability {
  const days = [...new Set(unavailableDays.map(dayNumber))].filter((day) => working.isWorking(day));
  return { working, unavailable: Int32Array.from(days.sort((a, b) => a - b)) };
}

function firstAtLeast(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Working days in from..to (inclusive) on which the person is available. */
function availableDays({ working, unavailable }: Availability, from: number, to: number): number {
  if (to < from) return 0;
  const off = firstAtLeast(unavailable, to + 1) - firstAtLeast(unavailable, from);
  return working.countWorking(from, to) - off;
}

/** The days a task occupies as day numbers; null when it has no place on the calendar. */
function taskSpan(
  task: { start: string | null; due: string | null },
  toNumber: (day: string) => number = dayNumber,
): { from: number; to: number } | null {
  if (!task.due) return null;
  const to = toNumber(task.due);
  const from = task.start ? toNumber(task.start) : to;
  return { from: from > to ? to : from, to };
}

/** dayNumber with a memory: 100,000 tasks share a few hundred distinct days, and parsing is the slow part. */
function memoisedDayNumber(): (day: string) => number {
  const seen = new Map<string, number>();
  return (day) => {
    let number = seen.get(day);
    if (number === undefined) {
      number = dayNumber(day);
      seen.set(day, number);
    }
    return number;
  };
}

/** Hours per working day of a task, spread evenly and skipping unavailable days (see the choices above). */
export function spreadEstimate(
  task: { estimateHours: number | null; start: string | null; due: string | null },
  calendar: WorkCalendar,
  unavailable: readonly string[] = [],
): Array<{ day: string; hours: number }> {
  const span = taskSpan(task);
  const estimate = task.estimateHours ?? 0;
  if (span === null || !(estimate > 0)) return [];
  const person = availability(compileCalendar(calendar), unavailable);
  const count = availableDays(person, span.from, span.to);
  if (count === 0) return [{ day: dayFromNumber(span.to), hours: estimate }];
  const hours = estimate / count;
  const spread: Array<{ day: string; hours: number }> = [];
  const blocked = new Set(person.unavailable);
  for (let day = span.from; day <= span.to; day += 1) {
    if (person.working.isWorking(day) && !blocked.has(day)) spread.push({ day: dayFromNumber(day), hours });
  }
  return spread;
}

/** The first and last day a workload over `range` covers: Monday of `from`'s week to the last week's Sunday. */
export function workloadWindow(range: { from: string; weeks: number }): { first: string; last: string } {
  const first = mondayOfNumber(dayNumber(range.from));
  return {
    first: dayFromNumber(first),
    last: dayFromNumber(first + Math.max(0, Math.floor(range.weeks)) * 7 - 1),
  };
}

/**
 * Whether a task can add load inside a window, as workloadByWeek decides: open, estimated, with a due day, its
 * span (start, or the due day, to the due day) meeting the window. The server reads only such tasks (the same
 * test in SQL): at 100,000 tasks, eight weeks see a few thousand.
 */
export function mayLoadWindow(
  task: { status: string; estimateHours: number | null; start: string | null; due: string | null },
  window: { first: string; last: string },
): boolean {
  if (!isOpenTaskStatus(task.status) || !((task.estimateHours ?? 0) > 0) || !task.due) return false;
  return (
    task.due >= window.first &&
    (task.due <= window.last || (task.start !== null && task.start <= window.last))
  );
}

/** Every task's hours spread over person-weeks: the totals, and the contributions grouped by person-week. */
type Spread = {
  weekStarts: string[];
  firstMonday: number;
  weekCount: number;
  working: CompiledCalendar;
  persons: Availability[];
  /** Planned hours per person-week (person × weekCount + week), unrounded. */
  planned: Float64Array;
  /** Contributions of person-week `slot` are grouped[slotStart[slot]] … grouped[slotStart[slot + 1] - 1]. */
  slotStart: Int32Array;
  grouped: Int32Array;
  taskIndexes: number[];
  hoursList: number[];
};

function spreadTasks(
  people: readonly WorkloadPerson[],
  tasks: readonly WorkloadTask[],
  range: { from: string; weeks: number },
  calendar: WorkCalendar,
): Spread {
  const working = compileCalendar(calendar);
  const weekCount = Math.max(0, Math.floor(range.weeks));
  const firstMonday = mondayOfNumber(dayNumber(range.from));
  const lastDay = firstMonday + weekCount * 7 - 1;
  const personIndex = new Map<string, number>();
  const persons = people.map((person, index) => {
    personIndex.set(person.id, index);
    return availability(working, person.unavailableDays);
  });
  const planned = new Float64Array(people.length * weekCount);
  // One flat list of (person-week, task, hours): a person meets a task at most once per week, so there is
  // nothing to merge, and grouping waits until the output is built.
  const slots: number[] = [];
  const taskIndexes: number[] = [];
  const hoursList: number[] = [];
  const add = (person: number, week: number, taskIndex: number, hours: number): void => {
    const slot = person * weekCount + week;
    planned[slot] = (planned[slot] ?? 0) + hours;
    slots.push(slot);
    taskIndexes.push(taskIndex);
    hoursList.push(hours);
  };

  const toNumber = memoisedDayNumber();
  for (let taskIndex = 0; taskIndex < tasks.length; taskIndex += 1) {
    const task = tasks[taskIndex];
    if (task === undefined || !isOpenTaskStatus(task.status)) continue;
    const span = taskSpan(task, toNumber);
    const estimate = task.estimateHours ?? 0;
    const assignees = task.assigneeIds.length > 1 ? [...new Set(task.assigneeIds)] : task.assigneeIds;
    if (span === null || !(estimate > 0) || assignees.length === 0) continue;
    if (span.to < firstMonday || span.from > lastDay) continue;
    const share = estimate / assignees.length;
    for (const assignee of assignees) {
      const index = personIndex.get(assignee);
      const person = index === undefined ? undefined : persons[index];
      if (index === undefined || person === undefined) continue;
      const total = availableDays(person, span.from, span.to);
      if (total === 0) {
        if (span.to >= firstMonday && span.to <= lastDay)
          add(index, Math.floor((span.to - firstMonday) / 7), taskIndex, share);
        continue;
      }
      const from = Math.max(span.from, firstMonday);
      const to = Math.min(span.to, lastDay);
      // One count per week the task touches, not one entry per day.
      for (let weekStart = mondayOfNumber(from); weekStart <= to; weekStart += 7) {
        const days = availableDays(person, Math.max(from, weekStart), Math.min(to, weekStart + 6));
        if (days > 0) add(index, (weekStart - firstMonday) / 7, taskIndex, (share * days) / total);
      }
    }
  }

  // Counting sort of the contributions by person-week.
  const slotCount = people.length * weekCount;
  const slotStart = new Int32Array(slotCount + 1);
  for (const slot of slots) slotStart[slot + 1] = (slotStart[slot + 1] ?? 0) + 1;
  for (let slot = 0; slot < slotCount; slot += 1)
    slotStart[slot + 1] = (slotStart[slot + 1] ?? 0) + (slotStart[slot] ?? 0);
  const cursor = slotStart.slice(0, slotCount);
  const grouped = new Int32Array(slots.length);
  slots.forEach((slot, entry) => {
    const position = cursor[slot] ?? 0;
    grouped[position] = entry;
    cursor[slot] = position + 1;
  });

  const weekStarts = Array.from({ length: weekCount }, (_, week) => dayFromNumber(firstMonday + week * 7));
  return {
    weekStarts,
    firstMonday,
    weekCount,
    working,
    persons,
    planned,
    slotStart,
    grouped,
    taskIndexes,
    hoursList,
  };
}

/** Planned hours against capacity per person and ISO week, with the tasks that make up each week. */
export function workloadByWeek(
  people: readonly WorkloadPerson[],
  tasks: readonly WorkloadTask[],
  range: { from: string; weeks: number },
  calendar: WorkCalendar,
): Workload {
  const spread = spreadTasks(people, tasks, range, calendar);
  const { weekStarts, firstMonday, weekCount, persons, planned, slotStart, grouped } = spread;
  const result = people.map((person, index): PersonWorkload => {
    const personAvailability = persons[index];
    const weeks = weekStarts.map((week, weekIndex): WeekLoad => {
      const monday = firstMonday + weekIndex * 7;
      const slot = index * weekCount + weekIndex;
      const available = personAvailability ? availableDays(personAvailability, monday, monday + 6) : 0;
      const plannedHours = round(planned[slot] ?? 0, 2);
      const weekTasks: Array<{ taskId: string; hours: number }> = [];
      for (let position = slotStart[slot] ?? 0; position < (slotStart[slot + 1] ?? 0); position += 1) {
        const entry = grouped[position] ?? 0;
        const taskId = tasks[spread.taskIndexes[entry] ?? 0]?.id ?? '';
        weekTasks.push({ taskId, hours: round(spread.hoursList[entry] ?? 0, 2) });
      }
      weekTasks.sort(byHoursThenId);
      return {
        week,
        plannedHours,
        availableDays: available,
        ...weekFigures(
          person.weeklyCapacityHours,
          available,
          spread.working.workingDaysPerWeek,
          plannedHours,
        ),
        tasks: weekTasks,
      };
    });
    return { personId: person.id, weeks };
  });
  return { weekStarts, people: result };
}

/** A person's most over-allocated week, as `worstWeeks` gives it. */
export type WorstWeek = WeekFigures & {
  personId: string;
  /** The first `limit` of the week's tasks, most hours first (ties by id), as workloadByWeek lists them. */
  tasks: Array<{ taskId: string; hours: number }>;
};

/**
 * Each person's worst over-allocated week, in the order of `people` (those never over-allocated left out): the
 * week whose rounded planned hours exceed its capacity the most, the earliest of equals, with its first `limit`
 * tasks. What sorting workloadByWeek's over-allocated weeks gives, without building every person-week and its
 * task list (the plan linter at 100,000 tasks needs only this).
 */
export function worstWeeks(
  people: readonly WorkloadPerson[],
  tasks: readonly WorkloadTask[],
  range: { from: string; weeks: number },
  calendar: WorkCalendar,
  limit: number,
): WorstWeek[] {
  const spread = spreadTasks(people, tasks, range, calendar);
  const { weekStarts, firstMonday, weekCount, persons, planned, slotStart, grouped } = spread;
  const worst: WorstWeek[] = [];
  people.forEach((person, index) => {
    const personAvailability = persons[index];
    let best: { slot: number; excess: number; figures: WeekFigures } | null = null;
    for (let weekIndex = 0; weekIndex < weekCount; weekIndex += 1) {
      const monday = firstMonday + weekIndex * 7;
      const slot = index * weekCount + weekIndex;
      const available = personAvailability ? availableDays(personAvailability, monday, monday + 6) : 0;
      const plannedHours = round(planned[slot] ?? 0, 2);
      const figures = weekFigures(
        person.weeklyCapacityHours,
        available,
        spread.working.workingDaysPerWeek,
        plannedHours,
      );
      if (!figures.isOverAllocated) continue;
      const excess = plannedHours - figures.capacityHours;
      // Strictly more: of equal excesses the earliest week stays, as a stable sort would leave it first.
      if (best === null || excess > best.excess)
        best = {
          slot,
          excess,
          figures: { week: weekStarts[weekIndex] ?? '', plannedHours, availableDays: available, ...figures },
        };
    }
    if (best === null) return;
    const weekTasks: Array<{ taskId: string; hours: number }> = [];
    for (
      let position = slotStart[best.slot] ?? 0;
      position < (slotStart[best.slot + 1] ?? 0);
      position += 1
    ) {
      const entry = grouped[position] ?? 0;
      const taskId = tasks[spread.taskIndexes[entry] ?? 0]?.id ?? '';
      weekTasks.push({ taskId, hours: round(spread.hoursList[entry] ?? 0, 2) });
    }
    weekTasks.sort(byHoursThenId);
    worst.push({ personId: person.id, ...best.figures, tasks: weekTasks.slice(0, limit) });
  });
  return worst;
}

function byHoursThenId(a: { taskId: string; hours: number }, b: { taskId: string; hours: number }): number {
  return b.hours - a.hours || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);
}

/**
 * The heatmap in its compact form (see heatmap.ts), rows in the order of `people`: what workloadByWeek gives,
 * its tasks counted, without building a cell or a task list (heatmapCells reads it back).
 */
export function workloadHeatmap(
  people: readonly WorkloadPerson[],
  tasks: readonly WorkloadTask[],
  range: { from: string; weeks: number },
  calendar: WorkCalendar,
): HeatmapWeeks & { rows: HeatmapRow[] } {
  const spread = spreadTasks(people, tasks, range, calendar);
  const { weekStarts, firstMonday, weekCount, working, persons, planned, slotStart } = spread;
  const workingDays = weekStarts.map((_, week) =>
    working.countWorking(firstMonday + week * 7, firstMonday + week * 7 + 6),
  );
  const rows = people.map((person, index): HeatmapRow => {
    const row: HeatmapRow = { capacity: person.weeklyCapacityHours };
    const personAvailability = persons[index];
    if (personAvailability && personAvailability.unavailable.length > 0) {
      const days = workingDays.map((_, week) =>
        availableDays(personAvailability, firstMonday + week * 7, firstMonday + week * 7 + 6),
      );
      if (days.some((count, week) => count !== workingDays[week])) row.days = days;
    }
    const first = index * weekCount;
    if ((slotStart[first + weekCount] ?? 0) > (slotStart[first] ?? 0)) {
      const hours: number[] = [];
      const counts: number[] = [];
      for (let slot = first; slot < first + weekCount; slot += 1) {
        hours.push(round(planned[slot] ?? 0, 2));
        counts.push((slotStart[slot + 1] ?? 0) - (slotStart[slot] ?? 0));
      }
      row.hours = hours;
      row.tasks = counts;
    }
    return row;
  });
  return { weekStarts, workingDays, workingDaysPerWeek: working.workingDaysPerWeek, rows };
}

export type SuggestReasonCode =
  | 'suggest_skill'
  | 'suggest_skill_missing'
  | 'suggest_free_hours'
  | 'suggest_short_of_hours'
  | 'suggest_overallocated_weeks';

export type SuggestReason = { code: SuggestReasonCode; params: Record<string, string | number> };

/** Messages for the reasons given with each suggested assignee. */
export const WORKLOAD_MESSAGES = {
  en: {
    suggest_skill: '{skill} level {level}',
    suggest_skill_missing: '{skill} level {level}, {required} needed',
    suggest_free_hours: '{hours} free hours in the window',
    suggest_short_of_hours: '{hours} hours short of the {estimateHours}-hour estimate',
    suggest_overallocated_weeks: 'Already over-allocated in {count} week(s) of the window ({weeks})',
  },
  'zh-CN': {
    suggest_skill: '{skill} {level} 级',
    suggest_skill_missing: '{skill} {level} 级，需要 {required} 级',
    suggest_free_hours: '窗口内空闲 {hours} 小时',
    suggest_short_of_hours: '距 {estimateHours} 小时的预估还差 {hours} 小时',
    suggest_overallocated_weeks: '窗口内已有 {count} 周超负荷({weeks})',
  },
} as const satisfies Record<Locale, Record<SuggestReasonCode, string>>;

export type SuggestRequest = {
  requiredSkills: ReadonlyArray<{ skill: string; minLevel?: number }>;
  window: { start: string; due: string };
  estimateHours: number;
};

export type SuggestPerson = WorkloadPerson & { skills: Readonly<Record<string, number>> };

export type Suggestion = {
  personId: string;
  /** 0..100: half skills, 40 points for free hours covering the estimate, 10 for headroom in the window. */
  score: number;
  meetsSkills: boolean;
  freeHours: number;
  reasons: SuggestReason[];
};

/**
 * People ranked for a task: those with every required skill first, then by score, free hours and id.
 * `workload` should come from workloadByWeek with the same calendar; weeks it does not cover count as empty.
 */
export function suggestAssignees(
  request: SuggestRequest,
  people: readonly SuggestPerson[],
  workload: Workload,
  calendar: WorkCalendar = DEFAULT_CALENDAR,
): Suggestion[] {
  const working = compileCalendar(calendar);
  const windowStart = dayNumber(request.window.start);
  const windowEnd = Math.max(windowStart, dayNumber(request.window.due));
  const loadOf = new Map(workload.people.map((person) => [person.personId, person]));
  const estimate = Math.max(0, request.estimateHours);

  const suggestions = people.map((person): Suggestion => {
    const reasons: SuggestReason[] = [];
    let meetsSkills = true;
    let skillTotal = 0;
    for (const { skill, minLevel } of request.requiredSkills) {
      const level = person.skills[skill] ?? 0;
      const required = minLevel ?? 1;
      skillTotal += Math.min(Math.max(level, 0), 5) / 5;
      if (level >= required) reasons.push({ code: 'suggest_skill', params: { skill, level } });
      else {
        meetsSkills = false;
        reasons.push({ code: 'suggest_skill_missing', params: { skill, level, required } });
      }
    }
    const skillScore = request.requiredSkills.length > 0 ? skillTotal / request.requiredSkills.length : 1;

    const weeksOf = new Map((loadOf.get(person.id)?.weeks ?? []).map((week) => [week.week, week]));
    const personAvailability = availability(working, person.unavailableDays);
    let freeHours = 0;
    let windowCapacity = 0;
    let windowPlanned = 0;
    const overWeeks: string[] = [];
    for (let monday = mondayOfNumber(windowStart); monday <= windowEnd; monday += 7) {
      const inWeek = availableDays(personAvailability, monday, monday + 6);
      if (inWeek === 0) continue;
      const inWindow = availableDays(
        personAvailability,
        Math.max(monday, windowStart),
        Math.min(monday + 6, windowEnd),
      );
      const load = weeksOf.get(dayFromNumber(monday));
      const capacity =
        working.workingDaysPerWeek > 0
          ? (person.weeklyCapacityHours * inWeek) / working.workingDaysPerWeek
          : 0;
      const plannedHours = load?.plannedHours ?? 0;
      // The week's spare hours are assumed spread like its working days, so a window takes its share.
      const fraction = inWindow / inWeek;
      freeHours += Math.max(0, capacity - plannedHours) * fraction;
      windowCapacity += capacity * fraction;
      windowPlanned += plannedHours * fraction;
      if (load?.isOverAllocated && inWindow > 0) overWeeks.push(load.week);
    }
    reasons.push({ code: 'suggest_free_hours', params: { hours: Math.floor(freeHours + 1e-9) } });
    if (freeHours + 1e-9 < estimate) {
      reasons.push({
        code: 'suggest_short_of_hours',
        params: { hours: Math.ceil(estimate - freeHours - 1e-9), estimateHours: estimate },
      });
    }
    if (overWeeks.length > 0) {
      reasons.push({
        code: 'suggest_overallocated_weeks',
        params: { count: overWeeks.length, weeks: overWeeks.join(', ') },
      });
    }
    const fit = estimate > 0 ? Math.min(1, freeHours / estimate) : 1;
    const headroom = windowCapacity > 0 ? Math.min(1, Math.max(0, 1 - windowPlanned / windowCapacity)) : 0;
    const score = Math.round(50 * skillScore + 40 * fit + 10 * headroom);
    return { personId: person.id, score, meetsSkills, freeHours: round(freeHours, 2), reasons };
  });

  return suggestions.sort(
    (a, b) =>
      Number(b.meetsSkills) - Number(a.meetsSkills) ||
      b.score - a.score ||
      b.freeHours - a.freeHours ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
}
