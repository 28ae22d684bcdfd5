import type { Locale } from '../i18n/index.ts';
import { isOpenTaskStatus } from '../tasks/status.ts';

/**
 * RACI: per task and person, Responsible (does the work), Accountable (answers for it, exactly one),
 * Consulted, Informed.
 *
 * Choices:
 * - A person holds one role per task, with one exception: the Accountable person may also be Responsible.
 *   In a small operations team the owner often does the work too, and forcing a second name onto the task
 *   would only hide that. Any other pair (R + C, A + I, …) is reported as `raci_multiple_roles`, and the
 *   same role twice as `raci_duplicate_role`.
 * - The matrix warnings cover open tasks only (not done or cancelled): a finished task needs no owner, and
 *   its accountability no longer loads anyone.
 */

export type RaciRole = 'R' | 'A' | 'C' | 'I';

export type RaciAssignment = { personId: string; role: RaciRole };

export type RaciIssueCode =
  | 'raci_no_accountable'
  | 'raci_multiple_accountable'
  | 'raci_no_responsible'
  | 'raci_multiple_roles'
  | 'raci_duplicate_role'
  | 'raci_accountable_overload';

export type RaciIssue = { code: RaciIssueCode; params: Record<string, string | number> };

/** Messages for the RACI issues. */
export const RACI_MESSAGES = {
  en: {
    raci_no_accountable: 'Nobody is Accountable; name exactly one person.',
    raci_multiple_accountable: '{count} people are Accountable ({personIds}); keep exactly one.',
    raci_no_responsible: 'Nobody is Responsible for doing the work.',
    raci_multiple_roles:
      '{personId} holds {roles}; a person takes one role (Accountable may also be Responsible).',
    raci_duplicate_role: '{personId} is listed as {role} more than once.',
    raci_accountable_overload: '{personId} is Accountable for {count} open tasks (limit {max}).',
  },
  'zh-CN': {
    raci_no_accountable: '没有负责人（A），请指定且仅指定一人。',
    raci_multiple_accountable: '有 {count} 人为负责人（A）（{personIds}），只能保留一人。',
    raci_no_responsible: '没有执行人（R）来完成这项工作。',
    raci_multiple_roles: '{personId} 同时担任 {roles}；每人只担任一个角色（负责人可兼任执行人）。',
    raci_duplicate_role: '{personId} 被重复指定为 {role}。',
    raci_accountable_overload: '{personId} 是 {count} 个未完成任务的负责人（A），超过上限 {max}。',
  },
} as const satisfies Record<Locale, Record<RaciIssueCode, string>>;

const ROLE_ORDER: readonly RaciRole[] = ['R', 'A', 'C', 'I'];

/** Issues with one task's assignments: exactly one A, at least one R, one role per person (A may be R). */
export function validateRaci(assignments: readonly RaciAssignment[]): RaciIssue[] {
  const issues: RaciIssue[] = [];
  const accountable: string[] = [];
  let hasResponsible = false;
  const rolesOf = new Map<string, RaciRole[]>();
  for (const { personId, role } of assignments) {
    const roles = rolesOf.get(personId) ?? [];
    if (roles.includes(role)) {
      issues.push({ code: 'raci_duplicate_role', params: { personId, role } });
      continue;
    }
    roles.push(role);
    rolesOf.set(personId, roles);
    if (role === 'A') accountable.push(personId);
    if (role === 'R') hasResponsible = true;
  }
  if (accountable.length === 0) issues.push({ code: 'raci_no_accountable', params: {} });
  if (accountable.length > 1) {
    issues.push({
      code: 'raci_multiple_accountable',
      params: { count: accountable.length, personIds: accountable.join(', ') },
    });
  }
  if (!hasResponsible) issues.push({ code: 'raci_no_responsible', params: {} });
  for (const [personId, roles] of rolesOf) {
    const isAllowedPair = roles.length === 2 && roles.includes('A') && roles.includes('R');
    if (roles.length > 1 && !isAllowedPair) {
      const sorted = ROLE_ORDER.filter((role) => roles.includes(role));
      issues.push({ code: 'raci_multiple_roles', params: { personId, roles: sorted.join(' + ') } });
    }
  }
  return issues;
}

export type RaciTask = { id: string; status: string; assignments: readonly RaciAssignment[] };

export type RaciMatrixWarnings = {
  /** Open tasks with gaps or conflicts, in input order. */
  tasks: Array<{ taskId: string; issues: RaciIssue[] }>;
  /** People Accountable for more open tasks than allowed, most loaded first (ties by id). */
  people: Array<{ personId: string; taskIds: string[]; issue: RaciIssue }>;
};

/** Gaps per open task and people Accountable for more than `maxAccountablePerPerson` open tasks. */
export function raciMatrixWarnings(
  tasks: readonly RaciTask[],
  options: { maxAccountablePerPerson: number },
): RaciMatrixWarnings {
  const taskWarnings: RaciMatrixWarnings['tasks'] = [];
  const accountableFor = new Map<string, string[]>();
  for (const task of tasks) {
    if (!isOpenTaskStatus(task.status)) continue;
    const issues = validateRaci(task.assignments);
    if (issues.length > 0) taskWarnings.push({ taskId: task.id, issues });
    // A person listed twice as A on one task still answers for one task.
    const owners = new Set(task.assignments.filter((item) => item.role === 'A').map((item) => item.personId));
    for (const personId of owners) {
      const list = accountableFor.get(personId);
      if (list) list.push(task.id);
      else accountableFor.set(personId, [task.id]);
    }
  }
  const max = options.maxAccountablePerPerson;
  const people: RaciMatrixWarnings['people'] = [];
  for (const [personId, taskIds] of accountableFor) {
    if (taskIds.length <= max) continue;
    people.push({
      personId,
      taskIds,
      issue: { code: 'raci_accountable_overload', params: { personId, count: taskIds.length, max } },
    });
  }
  people.sort(
    (a, b) =>
      b.taskIds.length - a.taskIds.length || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
  return { tasks: taskWarnings, people };
}
