/** Swimlanes of the board; pure, so it is unit-tested. */
import { compareWbs } from './taskUtils.ts';

export type LaneBy = 'none' | 'person' | 'milestone' | 'goal';

export const LANE_BYS: readonly LaneBy[] = ['none', 'person', 'milestone', 'goal'];

export type LaneTask = {
  id: string;
  goalId: string | null;
  /** Its WBS code ('' when it has none): a milestone above it has a code that is a prefix of it. */
  wbs: string;
  roles: readonly { userId: string; role: string; name: string }[];
};

/** A lane: `key` is a person, milestone or goal id, or null for the tasks that have none. */
export type Lane<T> = { key: string | null; title: string | null; sortKey: string; tasks: T[] };

export type LaneContext = {
  /** The plan's milestones with their WBS codes: a task's lane is the one whose code is the longest prefix of its own. */
  milestones: readonly { id: string; title: string; wbs: string }[];
  goalTitles: ReadonlyMap<string, string>;
};

/**
 * The board's tasks in lanes: by the person Responsible (else Accountable), by the milestone a task sits
 * under (or is), or by goal. Lanes with a key come first in name, WBS or title order; the lane without one
 * comes last; a lane exists only when it has tasks. 'none' gives one lane of everything.
 */
export function boardLanes<T extends LaneTask>(
  tasks: readonly T[],
  by: LaneBy,
  context: LaneContext,
): Lane<T>[] {
  if (by === 'none') return [{ key: null, title: null, sortKey: '', tasks: [...tasks] }];
  const milestoneByCode = new Map(context.milestones.map((milestone) => [milestone.wbs, milestone]));
  const laneOf = (task: T): { key: string; title: string; sortKey: string } | null => {
    if (by === 'person') {
      const holder =
        task.roles.find((role) => role.role === 'R') ?? task.roles.find((role) => role.role === 'A');
      return holder ? { key: holder.userId, title: holder.name, sortKey: holder.name } : null;
    }
    if (by === 'goal') {
      if (task.goalId === null) return null;
      const title = context.goalTitles.get(task.goalId) ?? task.goalId;
      return { key: task.goalId, title, sortKey: title };
    }
    // The task itself when it is a milestone, else its nearest milestone ancestor: ancestors' codes are the
    // task's code cut at a dot ('1.2.3' → '1.2', '1'), so no parent links are needed.
    if (task.wbs === '') return null;
    const segments = task.wbs.split('.');
    for (let length = segments.length; length > 0; length -= 1) {
      const milestone = milestoneByCode.get(segments.slice(0, length).join('.'));
      if (milestone) return { key: milestone.id, title: milestone.title, sortKey: milestone.wbs };
    }
    return null;
  };
  const lanes = new Map<string | null, Lane<T>>();
  for (const task of tasks) {
    const lane = laneOf(task);
    const key = lane?.key ?? null;
    const existing = lanes.get(key);
    if (existing) existing.tasks.push(task);
    else lanes.set(key, { key, title: lane?.title ?? null, sortKey: lane?.sortKey ?? '', tasks: [task] });
  }
  const compare = by === 'milestone' ? compareWbs : (a: string, b: string) => a.localeCompare(b);
  return [...lanes.values()].sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === null ? (b.key === null ? 0 : 1) : -1;
    return compare(a.sortKey, b.sortKey);
  });
}

/**
 * How many cards each cell draws before the rest: the first paint draws what fits in view (a column of a tall
 * screen shows about ten) in the first lanes only, and the rest follows at once after that paint, so the cards
 * show without waiting for the 200 a page may hold. Infinity once the rest may be drawn.
 */
export const FIRST_PAINT_CARDS = 12;
export const FIRST_PAINT_LANES = 2;

export function cardsToDraw(laneIndex: number, isFirstPaint: boolean): number {
  if (!isFirstPaint) return Infinity;
  return laneIndex < FIRST_PAINT_LANES ? FIRST_PAINT_CARDS : 0;
}

/** Reads a remembered lane choice, falling back to 'none' for anything else. */
export function parseLaneBy(value: string | null): LaneBy {
  return LANE_BYS.find((by) => by === value) ?? 'none';
}
