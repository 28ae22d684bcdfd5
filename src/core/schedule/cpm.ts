import type { Locale } from '../i18n/index.ts';
import { dayFromNumber, dayNumber } from '../days/index.ts';
import { compileCalendar, type WorkCalendar } from './calendar.ts';

/**
 * Critical path method over working days.
 *
 * Time is counted in working-day boundaries from the project start: boundary 0 is the start of the first
 * working day on or after `projectStart`, boundary t the start of the working day t after it. A task of
 * duration d starting at boundary s works the days s … s + d − 1 and finishes at boundary s + d. A
 * finish-to-start dependency with lag L lets the successor start at the predecessor's finish boundary + L
 * (negative lags are leads). Only the conversion to and from days touches the calendar.
 *
 * Choices:
 * - Durations, lags and buffers are whole working days; fractions round up, since a half-day task still
 *   occupies its day.
 * - A pinned `start` is a start-no-earlier-than; one on a non-working day moves to the next working day.
 * - A milestone (duration 0) marks the end of its day: it is dated the day its predecessors finish, a
 *   successor starts the next working day, a milestone pinned to Monday lets successors start on Tuesday,
 *   and a `due` Friday is met by a milestone on Friday. A milestone at the very start is dated the start day.
 * - Latest dates come backwards from the project finish, or from a task's own `due` (end of that day, the
 *   last working day on or before it) when that is earlier. A due day already missed gives negative slack.
 * - `bufferDays` is planned padding just before a task: the forward pass leaves that many working days
 *   between its predecessors' finish (+ lag) and its start, while the backward pass does not require it.
 *   The predecessors therefore carry the buffer as extra total and free slack, and the buffered task keeps
 *   its dates while they slip within it. A buffer on a task without predecessors has nothing to protect
 *   and is ignored.
 * - Progress: a finished task (`actualFinish`) sits at its actual dates, drives its successors from its
 *   actual finish and is never critical; its slack is 0 and has no meaning. With a `statusDate`, the
 *   remaining work lies ahead of it: a task not started starts no earlier than the status date, and one
 *   started (`actualStart`) keeps its start but finishes no earlier than the end of the status date.
 * - Latest dates and slack measure the network: against the finish of the remaining work. A task's own
 *   `due` lowers its own late finish and slack (negative when missed) but is not passed on to its
 *   predecessors, so one missed due day shows on its task without making the whole plan critical.
 * - `isCritical` means an unfinished task whose network slack is ≤ 0: it drives the finish of the
 *   remaining work. `criticalPath` is that chain: from the unfinished task that sets the project finish
 *   back through the unfinished predecessors that drive each start, stopping at a buffer (the tasks
 *   before a buffer are protected by it, so they are not critical).
 * - Free slack is how far a task can slip without moving any successor's earliest start (or the project
 *   finish); it is never negative and never more than the total slack.
 */

export type ScheduleTaskInput = {
  id: string;
  /** Working days, ≥ 0; 0 makes a milestone. */
  durationDays: number;
  /** Start no earlier than this day. */
  start?: string | null;
  /** Finish no later than this day. */
  due?: string | null;
  bufferDays?: number;
  /** The day work began, for a task started or finished. */
  actualStart?: string | null;
  /** The day the task was finished; a finished task sits at its actual dates. */
  actualFinish?: string | null;
};

export type DependencyInput = { from: string; to: string; lagDays?: number };

export type ScheduleInput = {
  tasks: readonly ScheduleTaskInput[];
  dependencies: readonly DependencyInput[];
  projectStart: string;
  calendar: WorkCalendar;
  /** Today: the remaining work starts no earlier than this day. */
  statusDate?: string | null;
};

export type ScheduledTask = {
  id: string;
  isMilestone: boolean;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  /** Working days the task can slip without moving the project finish or missing its due day. */
  totalSlack: number;
  /** Working days the task can slip without moving any successor. */
  freeSlack: number;
  isCritical: boolean;
  /** Finished: the dates are the actual ones and the slack means nothing. */
  isFinished: boolean;
};

export type ScheduleErrorCode =
  | 'dependency_cycle'
  | 'dependency_unknown_task'
  | 'schedule_duplicate_task'
  | 'schedule_invalid_duration'
  | 'schedule_invalid_lag'
  | 'schedule_invalid_buffer';

export type ScheduleError = { code: ScheduleErrorCode; params: Record<string, string | number> };

export type ScheduleResult =
  | { ok: true; tasks: ScheduledTask[]; criticalPath: string[]; projectFinish: string }
  | { ok: false; error: ScheduleError };

export type TopologicalOrderResult = { ok: true; order: string[] } | { ok: false; error: ScheduleError };

/** Messages for the scheduling error codes. */
export const SCHEDULE_MESSAGES = {
  en: {
    dependency_cycle: 'These dependencies go round in a circle: {cycle}.',
    dependency_unknown_task: 'A dependency ({from} → {to}) names a task that does not exist: {taskId}.',
    schedule_duplicate_task: 'Task {taskId} appears more than once.',
    schedule_invalid_duration: 'Task {taskId} has a duration of "{value}"; use 0 or more working days.',
    schedule_invalid_lag: 'The dependency {from} → {to} has a lag of "{value}"; use a whole number of days.',
    schedule_invalid_buffer: 'Task {taskId} has a buffer of "{value}"; use 0 or more working days.',
  },
  'zh-CN': {
    dependency_cycle: '以下依赖关系形成了循环：{cycle}。',
    dependency_unknown_task: '依赖关系({from} → {to})引用了不存在的任务：{taskId}。',
    schedule_duplicate_task: '任务 {taskId} 出现了不止一次。',
    schedule_invalid_duration: '任务 {taskId} 的工期为“{value}”，应为 0 个或以上工作日。',
    schedule_invalid_lag: '依赖关系 {from} → {to} 的间隔为“{value}”，应为天数。',
    schedule_invalid_buffer: '任务 {taskId} 的缓冲为“{value}”，应为 0 个或以上工作日。',
  },
} as const satisfies Record<Locale, Record<ScheduleErrorCode, string>>;

/** The cycle path as the error message names it: 'a → b → a'. */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(' → ');
}

/** Integer-indexed adjacency (compressed rows): the edges leaving node v are edges[start[v] .. start[v+1]). */
type Adjacency = { start: Int32Array; edges: Int32Array };

function adjacency(nodeCount: number, edgeNodes: Int32Array): Adjacency {
  const start = new Int32Array(nodeCount + 1);
  for (const node of edgeNodes) start[node + 1] = (start[node + 1] ?? 0) + 1;
  for (let node = 0; node < nodeCount; node += 1)
    start[node + 1] = (start[node + 1] ?? 0) + (start[node] ?? 0);
  const cursor = start.slice(0, nodeCount);
  const edges = new Int32Array(edgeNodes.length);
  for (let edge = 0; edge < edgeNodes.length; edge += 1) {
    const node = edgeNodes[edge] ?? 0;
    const slot = cursor[node] ?? 0;
    edges[slot] = edge;
    cursor[node] = slot + 1;
  }
  return { start, edges };
}

type Graph = {
  nodeCount: number;
  from: Int32Array;
  to: Int32Array;
  outgoing: Adjacency;
  incoming: Adjacency;
};

function buildGraph(nodeCount: number, from: Int32Array, to: Int32Array): Graph {
  return { nodeCount, from, to, outgoing: adjacency(nodeCount, from), incoming: adjacency(nodeCount, to) };
}

/**
 * Kahn's algorithm, first-in first-out from the nodes in input order. Returns the order and its length;
 * a length short of nodeCount means the nodes left over lie on or behind a cycle.
 */
function kahn(graph: Graph): { order: Int32Array; length: number; remaining: Int32Array } {
  const { nodeCount, to, outgoing } = graph;
  const remaining = new Int32Array(nodeCount);
  for (const node of to) remaining[node] = (remaining[node] ?? 0) + 1;
  const order = new Int32Array(nodeCount);
  let tail = 0;
  for (let node = 0; node < nodeCount; node += 1) if (remaining[node] === 0) order[tail++] = node;
  for (let head = 0; head < tail; head += 1) {
    const node = order[head] ?? 0;
    const end = outgoing.start[node + 1] ?? 0;
    for (let slot = outgoing.start[node] ?? 0; slot < end; slot += 1) {
      const next = to[outgoing.edges[slot] ?? 0] ?? 0;
      const left = (remaining[next] ?? 0) - 1;
      remaining[next] = left;
      if (left === 0) order[tail++] = next;
    }
  }
  return { order, length: tail, remaining };
}

/**
 * A cycle among the nodes Kahn could not order. Every such node still has a predecessor that is also left
 * over, so walking predecessors must revisit a node; the walk from there is a cycle. Linear, no recursion.
 */
function leftoverCycle(graph: Graph, remaining: Int32Array): number[] {
  const { nodeCount, from, incoming } = graph;
  let startNode = 0;
  while (startNode < nodeCount && remaining[startNode] === 0) startNode += 1;
  const seenAt = new Int32Array(nodeCount).fill(-1);
  const walk: number[] = [];
  let node = startNode;
  while ((seenAt[node] ?? -1) < 0) {
    seenAt[node] = walk.length;
    walk.push(node);
    const end = incoming.start[node + 1] ?? 0;
    for (let slot = incoming.start[node] ?? 0; slot < end; slot += 1) {
      const previous = from[incoming.edges[slot] ?? 0] ?? 0;
      if ((remaining[previous] ?? 0) > 0) {
        node = previous;
        break;
      }
    }
  }
  // The walk went against the arrows; reverse it, then start at the earliest node so the name is stable.
  const cycle = walk.slice(seenAt[node] ?? 0).reverse();
  let first = 0;
  for (let index = 1; index < cycle.length; index += 1) {
    if ((cycle[index] ?? 0) < (cycle[first] ?? 0)) first = index;
  }
  const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
  const head = rotated[0];
  return head === undefined ? [] : [...rotated, head];
}

type Resolved = { index: Map<string, number>; from: Int32Array; to: Int32Array };

function resolveDependencies(
  ids: readonly string[],
  dependencies: readonly DependencyInput[],
): Resolved | ScheduleError {
  const index = new Map<string, number>();
  for (const id of ids) {
    if (index.has(id)) return { code: 'schedule_duplicate_task', params: { taskId: id } };
    index.set(id, index.size);
  }
  const from = new Int32Array(dependencies.length);
  const to = new Int32Array(dependencies.length);
  for (let edge = 0; edge < dependencies.length; edge += 1) {
    const dependency = dependencies[edge];
    if (dependency === undefined) continue;
    const fromIndex = index.get(dependency.from);
    const toIndex = index.get(dependency.to);
    if (fromIndex === undefined || toIndex === undefined) {
      const taskId = fromIndex === undefined ? dependency.from : dependency.to;
      return {
        code: 'dependency_unknown_task',
        params: { taskId, from: dependency.from, to: dependency.to },
      };
    }
    from[edge] = fromIndex;
    to[edge] = toIndex;
  }
  return { index, from, to };
}

function cycleError(ids: readonly string[], cycle: readonly number[]): ScheduleError {
  return { code: 'dependency_cycle', params: { cycle: formatCycle(cycle.map((node) => ids[node] ?? '')) } };
}

/** Task ids in dependency order (Kahn's algorithm, ties in input order), or the error naming a cycle. */
export function topologicalOrder(
  ids: readonly string[],
  dependencies: readonly DependencyInput[],
): TopologicalOrderResult {
  const resolved = resolveDependencies(ids, dependencies);
  if (!('index' in resolved)) return { ok: false, error: resolved };
  const graph = buildGraph(ids.length, resolved.from, resolved.to);
  const sorted = kahn(graph);
  if (sorted.length < ids.length)
    return { ok: false, error: cycleError(ids, leftoverCycle(graph, sorted.remaining)) };
  const order: string[] = new Array<string>(ids.length);
  for (let position = 0; position < ids.length; position += 1)
    order[position] = ids[sorted.order[position] ?? 0] ?? '';
  return { ok: true, order };
}

/**
 * A cycle among the dependencies as a path that returns to its start (['a', 'b', 'a']), or null. Ids that
 * only appear in dependencies count as tasks too; the path starts at the task listed first.
 */
export function findDependencyCycle(
  ids: readonly string[],
  dependencies: readonly DependencyInput[],
): string[] | null {
  return cycleAmong(
    ids,
    dependencies.length,
    (edge) => dependencies[edge]?.from ?? '',
    (edge) => dependencies[edge]?.to ?? '',
  );
}

/**
 * findDependencyCycle with the dependencies as two lists, `from[i]` → `to[i]`: the plan linter's 200,000
 * dependencies need no object each.
 */
export function findDependencyCycleIn(
  ids: readonly string[],
  from: readonly string[],
  to: readonly string[],
): string[] | null {
  return cycleAmong(
    ids,
    Math.min(from.length, to.length),
    (edge) => from[edge] ?? '',
    (edge) => to[edge] ?? '',
  );
}

function cycleAmong(
  ids: readonly string[],
  edges: number,
  fromOf: (edge: number) => string,
  toOf: (edge: number) => string,
): string[] | null {
  const index = new Map<string, number>();
  const names: string[] = [];
  const node = (id: string): number => {
    const known = index.get(id);
    if (known !== undefined) return known;
    index.set(id, names.length);
    names.push(id);
    return names.length - 1;
  };
  for (const id of ids) node(id);
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  for (let edge = 0; edge < edges; edge += 1) {
    from[edge] = node(fromOf(edge));
    to[edge] = node(toOf(edge));
  }
  const graph = buildGraph(names.length, from, to);
  const sorted = kahn(graph);
  if (sorted.length === names.length) return null;
  return leftoverCycle(graph, sorted.remaining).map((member) => names[member] ?? '');
}

/**
 * The cycle that adding `newEdge` would close, as a path from its `from` back to itself
 * (['c', 'a', 'b', 'c'] for c → a when a → b → c exists), or null. A breadth-first search from `newEdge.to`
 * that stops as soon as it reaches `newEdge.from`, so the path is a shortest one.
 */
export function wouldCreateCycle(
  dependencies: readonly DependencyInput[],
  newEdge: { from: string; to: string },
): string[] | null {
  if (newEdge.from === newEdge.to) return [newEdge.from, newEdge.to];
  const successors = new Map<string, string[]>();
  for (const { from, to } of dependencies) {
    const list = successors.get(from);
    if (list) list.push(to);
    else successors.set(from, [to]);
  }
  const cameFrom = new Map<string, string | null>([[newEdge.to, null]]);
  const queue = [newEdge.to];
  for (let head = 0; head < queue.length; head += 1) {
    const current = queue[head] ?? '';
    if (current === newEdge.from) {
      const path: string[] = [];
      for (let step: string | null | undefined = current; step != null; step = cameFrom.get(step))
        path.push(step);
      path.reverse();
      return [newEdge.from, ...path];
    }
    for (const next of successors.get(current) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return null;
}

function wholeDays(value: number | undefined, allowNegative: boolean): number | null {
  const days = value ?? 0;
  if (!Number.isFinite(days) || (!allowNegative && days < 0)) return null;
  return Math.ceil(days);
}

/** Earliest and latest dates, slack and critical path (see the choices above); throws PeriodError on a malformed day. */
export function scheduleTasks(input: ScheduleInput): ScheduleResult {
  const { tasks, dependencies, calendar } = input;
  const count = tasks.length;
  const ids = tasks.map((task) => task.id);
  const resolved = resolveDependencies(ids, dependencies);
  if (!('index' in resolved)) return { ok: false, error: resolved };

  const duration = new Int32Array(count);
  const buffer = new Int32Array(count);
  for (let node = 0; node < count; node += 1) {
    const task = tasks[node];
    if (task === undefined) continue;
    const days = wholeDays(task.durationDays, false);
    if (days === null) {
      return {
        ok: false,
        error: {
          code: 'schedule_invalid_duration',
          params: { taskId: task.id, value: String(task.durationDays) },
        },
      };
    }
    const padding = wholeDays(task.bufferDays, false);
    if (padding === null) {
      return {
        ok: false,
        error: {
          code: 'schedule_invalid_buffer',
          params: { taskId: task.id, value: String(task.bufferDays) },
        },
      };
    }
    duration[node] = days;
    buffer[node] = padding;
  }
  const lag = new Int32Array(dependencies.length);
  for (let edge = 0; edge < dependencies.length; edge += 1) {
    const dependency = dependencies[edge];
    if (dependency === undefined) continue;
    const days = wholeDays(dependency.lagDays, true);
    if (days === null) {
      const params = { from: dependency.from, to: dependency.to, value: String(dependency.lagDays) };
      return { ok: false, error: { code: 'schedule_invalid_lag', params } };
    }
    lag[edge] = days;
  }

  const graph = buildGraph(count, resolved.from, resolved.to);
  const sorted = kahn(graph);
  if (sorted.length < count)
    return { ok: false, error: cycleError(ids, leftoverCycle(graph, sorted.remaining)) };
  const { order } = sorted;
  const { from, to, outgoing, incoming } = graph;

  const working = compileCalendar(calendar);
  const projectStartDay = working.addWorking(dayNumber(input.projectStart), 0);
  // Boundary before `day`: working days from the project start up to, not including, `day`.
  const boundaryBefore = (day: number): number =>
    day >= projectStartDay
      ? working.countWorking(projectStartDay, day - 1)
      : -working.countWorking(day, projectStartDay - 1);

  const earlyStart = new Int32Array(count);
  const earlyFinish = new Int32Array(count);
  const floor = new Int32Array(count);
  const deadline = new Int32Array(count);
  const hasDeadline = new Uint8Array(count);
  const isFinished = new Uint8Array(count);
  const startedAt = new Int32Array(count);
  const hasStarted = new Uint8Array(count);
  let hasUnfinished = false;
  for (let node = 0; node < count; node += 1) {
    const task = tasks[node];
    if (task === undefined) continue;
    if (task.actualFinish) {
      // The end of the finishing day; the start is the actual one, or the duration before the finish.
      const finish = boundaryBefore(dayNumber(task.actualFinish) + 1);
      const planned = finish - (duration[node] ?? 0);
      const actual = task.actualStart ? boundaryBefore(dayNumber(task.actualStart)) : planned;
      earlyFinish[node] = finish;
      earlyStart[node] = duration[node] === 0 ? finish : Math.min(finish, actual);
      isFinished[node] = 1;
      continue;
    }
    hasUnfinished = true;
    if (task.actualStart) {
      startedAt[node] = boundaryBefore(dayNumber(task.actualStart));
      hasStarted[node] = 1;
    }
    if (task.start) {
      // A milestone is reached at the end of its day (the pin day, or the next working day after it).
      const milestoneShift = duration[node] === 0 ? 1 : 0;
      floor[node] = Math.max(0, boundaryBefore(dayNumber(task.start)) + milestoneShift);
    }
    if (task.due) {
      deadline[node] = boundaryBefore(dayNumber(task.due) + 1);
      hasDeadline[node] = 1;
    }
  }
  // The start of the status day: nothing unfinished happens before it.
  const statusBoundary = input.statusDate ? boundaryBefore(dayNumber(input.statusDate)) : null;

  let projectFinish = 0;
  let anyFinish = 0;
  for (let position = 0; position < count; position += 1) {
    const node = order[position] ?? 0;
    if (isFinished[node] === 1) {
      if ((earlyFinish[node] ?? 0) > anyFinish) anyFinish = earlyFinish[node] ?? 0;
      continue;
    }
    const days = duration[node] ?? 0;
    let start = floor[node] ?? 0;
    const padding = buffer[node] ?? 0;
    const end = incoming.start[node + 1] ?? 0;
    for (let slot = incoming.start[node] ?? 0; slot < end; slot += 1) {
      const edge = incoming.edges[slot] ?? 0;
      const ready = (earlyFinish[from[edge] ?? 0] ?? 0) + (lag[edge] ?? 0) + padding;
      if (ready > start) start = ready;
    }
    let finish: number;
    if (hasStarted[node] === 1) {
      start = startedAt[node] ?? 0;
      finish = start + days;
      if (statusBoundary !== null && finish < statusBoundary + 1) finish = statusBoundary + 1;
    } else {
      // A milestone is the end of its day, so one still ahead is reached at the end of the status day.
      if (statusBoundary !== null) start = Math.max(start, statusBoundary + (days === 0 ? 1 : 0));
      finish = start + days;
    }
    earlyStart[node] = start;
    earlyFinish[node] = finish;
    if (finish > projectFinish) projectFinish = finish;
  }
  if (!hasUnfinished) projectFinish = anyFinish;

  const lateStart = new Int32Array(count);
  const lateFinish = new Int32Array(count);
  const networkLateStart = new Int32Array(count);
  const networkSlack = new Int32Array(count);
  const freeSlack = new Int32Array(count);
  for (let position = count - 1; position >= 0; position -= 1) {
    const node = order[position] ?? 0;
    const span = (earlyFinish[node] ?? 0) - (earlyStart[node] ?? 0);
    if (isFinished[node] === 1) {
      lateStart[node] = earlyStart[node] ?? 0;
      lateFinish[node] = earlyFinish[node] ?? 0;
      networkLateStart[node] = earlyStart[node] ?? 0;
      continue;
    }
    let finish = projectFinish;
    let successorsAllow = projectFinish;
    const end = outgoing.start[node + 1] ?? 0;
    for (let slot = outgoing.start[node] ?? 0; slot < end; slot += 1) {
      const edge = outgoing.edges[slot] ?? 0;
      const successor = to[edge] ?? 0;
      if (isFinished[successor] === 1) continue;
      const latest = (networkLateStart[successor] ?? 0) - (lag[edge] ?? 0);
      if (latest < finish) finish = latest;
      const earliest = (earlyStart[successor] ?? 0) - (lag[edge] ?? 0);
      if (earliest < successorsAllow) successorsAllow = earliest;
    }
    networkLateStart[node] = finish - span;
    networkSlack[node] = finish - (earlyFinish[node] ?? 0);
    // The task's own due day lowers its own latest finish only.
    if (hasDeadline[node] === 1 && (deadline[node] ?? 0) < finish) finish = deadline[node] ?? 0;
    lateFinish[node] = finish;
    lateStart[node] = finish - span;
    const total = finish - (earlyFinish[node] ?? 0);
    freeSlack[node] = Math.max(0, Math.min(total, successorsAllow - (earlyFinish[node] ?? 0)));
  }

  const criticalPath = traceCriticalPath(
    count,
    order,
    graph,
    lag,
    buffer,
    isFinished,
    earlyStart,
    earlyFinish,
    networkSlack,
    projectFinish,
  ).map((node) => ids[node] ?? '');

  // Many tasks share a few hundred days: convert each boundary once.
  const dayNames = new Map<number, string>();
  const dayAt = (boundary: number): string => {
    let name = dayNames.get(boundary);
    if (name === undefined) {
      name = dayFromNumber(working.addWorking(projectStartDay, boundary));
      dayNames.set(boundary, name);
    }
    return name;
  };
  // A milestone is the end of its day, except one at the very start, which is dated the start day.
  const milestoneDay = (boundary: number): string => dayAt(boundary === 0 ? 0 : boundary - 1);
  const startDay = (boundary: number, isMilestone: boolean): string =>
    isMilestone ? milestoneDay(boundary) : dayAt(boundary);
  const finishDay = (boundary: number, isMilestone: boolean): string =>
    isMilestone ? milestoneDay(boundary) : dayAt(boundary - 1);

  const scheduled: ScheduledTask[] = new Array<ScheduledTask>(count);
  for (let node = 0; node < count; node += 1) {
    const isMilestone = duration[node] === 0;
    const task = tasks[node];
    if (isFinished[node] === 1 && task?.actualFinish) {
      // Actual days as recorded, even a weekend.
      const finishedOn = task.actualFinish;
      const startedOn =
        !isMilestone && task.actualStart && task.actualStart <= finishedOn
          ? task.actualStart
          : isMilestone
            ? finishedOn
            : startDay(earlyStart[node] ?? 0, false);
      scheduled[node] = {
        id: ids[node] ?? '',
        isMilestone,
        earlyStart: startedOn,
        earlyFinish: finishedOn,
        lateStart: startedOn,
        lateFinish: finishedOn,
        totalSlack: 0,
        freeSlack: 0,
        isCritical: false,
        isFinished: true,
      };
      continue;
    }
    const totalSlack = (lateStart[node] ?? 0) - (earlyStart[node] ?? 0);
    scheduled[node] = {
      id: ids[node] ?? '',
      isMilestone,
      earlyStart: startDay(earlyStart[node] ?? 0, isMilestone),
      earlyFinish: finishDay(earlyFinish[node] ?? 0, isMilestone),
      lateStart: startDay(lateStart[node] ?? 0, isMilestone),
      lateFinish: finishDay(lateFinish[node] ?? 0, isMilestone),
      totalSlack,
      freeSlack: freeSlack[node] ?? 0,
      isCritical: (networkSlack[node] ?? 0) <= 0,
      isFinished: false,
    };
  }
  return { ok: true, tasks: scheduled, criticalPath, projectFinish: milestoneDay(projectFinish) };
}

function traceCriticalPath(
  count: number,
  order: Int32Array,
  graph: Graph,
  lag: Int32Array,
  buffer: Int32Array,
  isFinished: Uint8Array,
  earlyStart: Int32Array,
  earlyFinish: Int32Array,
  networkSlack: Int32Array,
  projectFinish: number,
): number[] {
  const slack = (node: number): number => networkSlack[node] ?? 0;
  // Of the tasks that end the remaining work, the last in dependency order: a milestone closing the chain
  // rather than the task before it.
  let last = -1;
  for (let position = count - 1; position >= 0 && last < 0; position -= 1) {
    const node = order[position] ?? 0;
    if (isFinished[node] !== 1 && earlyFinish[node] === projectFinish) last = node;
  }
  const path: number[] = [];
  const { from, incoming } = graph;
  for (let node = last; node >= 0;) {
    path.push(node);
    if ((buffer[node] ?? 0) > 0) break;
    let driver = -1;
    const end = incoming.start[node + 1] ?? 0;
    for (let slot = incoming.start[node] ?? 0; slot < end; slot += 1) {
      const edge = incoming.edges[slot] ?? 0;
      const previous = from[edge] ?? 0;
      if (isFinished[previous] === 1) continue;
      if ((earlyFinish[previous] ?? 0) + (lag[edge] ?? 0) !== earlyStart[node]) continue;
      if (
        driver < 0 ||
        slack(previous) < slack(driver) ||
        (slack(previous) === slack(driver) && previous < driver)
      ) {
        driver = previous;
      }
    }
    node = driver;
  }
  return path.reverse();
}
