/** Pure helpers shared by the task list, board, timeline and RACI matrix; unit-tested. */
import type { RaciRole, RoleAssignment, TaskStatus } from './hooks.ts';

/** Orders WBS codes as numbers part by part: 1.2 < 1.10 < 2. */
export function compareWbs(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** 0 for a top-level task, 1 for its subtasks, and so on. */
export function wbsDepth(code: string): number {
  return code === '' ? 0 : code.split('.').length - 1;
}

const CLOSED: readonly TaskStatus[] = ['done', 'cancelled'];

/** An open task whose due day has passed. */
export function isOverdue(task: { status: TaskStatus; dueDate: string | null }, today: string): boolean {
  return task.dueDate !== null && task.dueDate < today && !CLOSED.includes(task.status);
}

/** A person shown on a task (card, row): its Accountable and Responsible, once each, with the roles held. */
export type TaskPerson = { userId: string; name: string; roles: RaciRole[] };

export function accountableAndResponsible(
  roles: readonly { userId: string; name: string; role: RaciRole }[],
): TaskPerson[] {
  const people = new Map<string, TaskPerson>();
  for (const role of roles) {
    if (role.role !== 'A' && role.role !== 'R') continue;
    const person = people.get(role.userId) ?? { userId: role.userId, name: role.name, roles: [] };
    person.roles.push(role.role);
    people.set(role.userId, person);
  }
  return [...people.values()];
}

/** A RACI cell: one role, or A together with R (the one pair a person may hold). */
export type RaciCell = RaciRole | 'AR';

/** What one person holds on a task, as a single cell value; null when nothing. */
export function cellOf(
  roles: readonly { userId: string; role: RaciRole }[],
  userId: string,
): RaciCell | null {
  const held = roles.filter((role) => role.userId === userId).map((role) => role.role);
  if (held.length === 0) return null;
  if (held.includes('A') && held.includes('R')) return 'AR';
  return held[0] ?? null;
}

/** The task's whole role list after one person's cell changes; the other people keep theirs. */
export function withCell(
  roles: readonly { userId: string; role: RaciRole }[],
  userId: string,
  cell: RaciCell | null,
): RoleAssignment[] {
  const others = roles
    .filter((role) => role.userId !== userId)
    .map((role) => ({ userId: role.userId, role: role.role }));
  if (cell === null) return others;
  if (cell === 'AR') return [...others, { userId, role: 'A' }, { userId, role: 'R' }];
  return [...others, { userId, role: cell }];
}

/**
 * The role list after one person's cell changes in a task's RACI editor: a task has one Accountable, so
 * giving someone A takes it from whoever held it (they keep their other roles).
 */
export function withCellMovingAccountable(
  roles: readonly { userId: string; role: RaciRole }[],
  userId: string,
  cell: RaciCell | null,
): RoleAssignment[] {
  const next = withCell(roles, userId, cell);
  if (cell !== 'A' && cell !== 'AR') return next;
  return next.filter((role) => role.role !== 'A' || role.userId === userId);
}

/** What is wrong with a role list before it is sent: the one-A rule and a missing R. */
export function raciGaps(roles: readonly { role: RaciRole }[]): {
  accountable: number;
  hasResponsible: boolean;
} {
  return {
    accountable: roles.filter((role) => role.role === 'A').length,
    hasResponsible: roles.some((role) => role.role === 'R'),
  };
}

// Day arithmetic has one home, core/days; re-exported for the callers that import it from here.
