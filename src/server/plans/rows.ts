import type { PlanProcess, PlanProcessStep, PlanRaci, PlanRoutine } from '../../core/plan/model.ts';
import type { ProcessStep, StepOwner } from '../../core/processes/graph.ts';
import type { RaciRole } from '../../core/raci/index.ts';
import type { RoutineTemplate } from '../routines/service.ts';

// Rows to plan parts, shared by the plan export (readPlan) and plan health's lean reader (healthPlan.ts), so the
// two build the same plan from the same rows.

/** Drops absent fields, so plan.yaml holds only what was said. */
export function defined<T extends object>(value: T): T {
  // A loop, not entries → filter → fromEntries: this runs for each of up to 100,000 tasks and their links.
  const result: Partial<T> = {};
  for (const key in value) {
    const field = value[key];
    if (field !== undefined && field !== null) result[key] = field;
  }
  return result as T;
}

export function nonEmpty<T>(list: readonly T[]): T[] | undefined {
  return list.length > 0 ? [...list] : undefined;
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const RACI_FIELDS: Record<RaciRole, keyof PlanRaci> = {
  R: 'responsible',
  A: 'accountable',
  C: 'consulted',
  I: 'informed',
};

/**
 * `alone`, when given, holds one list per person for a role that person holds alone, shared by every task so
 * (plan health's reader: 200,000 such lists at 100,000 tasks, which only the linter reads and nothing changes).
 */
export function toRaci(
  roles: ReadonlyArray<{ userId: string; role: string }>,
  emailOf: (id: string) => string,
  alone?: Map<string, string[]>,
) {
  const raci: PlanRaci = {};
  for (const letter of ['R', 'A', 'C', 'I'] as const) {
    let emails = roles
      .filter((role) => role.role === letter)
      .map((role) => emailOf(role.userId))
      .sort();
    if (alone && emails.length === 1) {
      const email = emails[0] ?? '';
      const shared = alone.get(email);
      if (shared) emails = shared;
      else alone.set(email, emails);
    }
    if (emails.length > 0) raci[RACI_FIELDS[letter]] = emails;
  }
  return Object.keys(raci).length > 0 ? raci : undefined;
}

export function ownerText(owner: StepOwner | null, emailOf: (id: string) => string): string | undefined {
  if (!owner) return undefined;
  if (owner.type === 'person') return emailOf(owner.userId);
  return owner.type === 'role' ? `role:${owner.role}` : `skill:${owner.skill}`;
}

/** A routine row as the plan lists it, with the goal id its template names (a subtree's plan keeps its own). */
export function toPlanRoutine(
  row: { id: string; rule: string; starts_on: string; template: string },
  routineKeys: ReadonlyMap<string, string>,
  goalKeys: ReadonlyMap<string, string>,
  emailOf: (id: string) => string,
): { routine: PlanRoutine; goalId: string | undefined } {
  const template = parseJson<RoutineTemplate>(row.template, { title: '' });
  return {
    goalId: template.goalId ?? undefined,
    routine: defined({
      key: routineKeys.get(row.id) ?? row.id,
      title: template.title,
      rule: row.rule,
      startsOn: row.starts_on,
      raci: toRaci(template.roles ?? [], emailOf),
      estimateHours: template.estimateHours ?? undefined,
      goal: template.goalId ? goalKeys.get(template.goalId) : undefined,
    }),
  };
}

/** A process row (its current version's steps) as the plan lists it. */
export function toPlanProcess(
  row: { id: string; name: string; description: string | null; steps: string | null },
  processKeys: ReadonlyMap<string, string>,
  emailOf: (id: string) => string,
): PlanProcess {
  const steps = parseJson<ProcessStep[]>(row.steps, []);
  return defined({
    key: processKeys.get(row.id) ?? row.id,
    name: row.name,
    description: row.description ?? undefined,
    steps: steps.map((step): PlanProcessStep =>
      defined({
        key: step.key,
        name: step.name,
        description: step.description || undefined,
        kind: step.kind,
        owner: ownerText(step.owner, emailOf),
        slaHours: step.slaHours ?? undefined,
        checklist: nonEmpty(step.checklist),
        fields: nonEmpty(step.fields),
        outcomes: nonEmpty(step.outcomes),
      }),
    ),
  });
}

const segments = (code: string | undefined) => (code ?? '').match(/\d+|\D+/g) ?? [];

/** Outline codes in reading order: 1.2 before 1.10, and before 2. */
export function compareCodes(a: string | undefined, b: string | undefined): number {
  return compareSegments(segments(a), segments(b));
}

export function compareSegments(left: readonly string[], right: readonly string[]): number {
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const x = left[index] ?? '';
    const y = right[index] ?? '';
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    return numeric ? Number(x) - Number(y) : x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** Rows in the reading order of their outline codes, each code split once (100,000 tasks in a large plan). */
export function sortByCode<T>(rows: readonly T[], codeOf: (row: T) => string | undefined): T[] {
  return rows
    .map((row) => ({ row, key: segments(codeOf(row)) }))
    .sort((a, b) => compareSegments(a.key, b.key))
    .map(({ row }) => row);
}

export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
