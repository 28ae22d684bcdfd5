import { percentile } from './analytics.ts';

/**
 * Who did a step and how it went for each of them: visits, completed visits, median working time and SLA
 * breaches, by the definitions of analytics.ts (working time = completedAt − (startedAt ?? completedAt); a
 * visit breaches when completed after dueAt, or still open in an active case at `now` past dueAt; open visits
 * of cancelled or finished cases are counted as visits only).
 */

export type AssigneeVisit = {
  /** A member's id, or null with `name` for a person an imported log named, or neither for nobody. */
  assigneeId: string | null;
  name: string | null;
  enteredAt: number;
  startedAt: number | null;
  completedAt: number | null;
  dueAt: number | null;
  /** The case is open (active or held). */
  caseOpen: boolean;
};

export type AssigneeFigures = {
  assigneeId: string | null;
  name: string | null;
  visits: number;
  completed: number;
  medianWorkingMs: number | null;
  withSla: number;
  breached: number;
  breachRate: number | null;
};

/** Figures per person, most visits first (then by name); visits nobody had come last. */
export function assigneeFigures(visits: readonly AssigneeVisit[], now: number): AssigneeFigures[] {
  type Accumulator = Omit<AssigneeFigures, 'medianWorkingMs' | 'breachRate'> & { working: number[] };
  const byPerson = new Map<string, Accumulator>();
  for (const visit of visits) {
    const key =
      visit.assigneeId !== null ? `id:${visit.assigneeId}` : visit.name !== null ? `name:${visit.name}` : '';
    let person = byPerson.get(key);
    if (person === undefined) {
      person = {
        assigneeId: visit.assigneeId,
        name: visit.name,
        visits: 0,
        completed: 0,
        withSla: 0,
        breached: 0,
        working: [],
      };
      byPerson.set(key, person);
    }
    person.visits += 1;
    if (visit.completedAt !== null) {
      person.completed += 1;
      person.working.push(Math.max(0, visit.completedAt - (visit.startedAt ?? visit.completedAt)));
      if (visit.dueAt !== null) {
        person.withSla += 1;
        if (visit.completedAt > visit.dueAt) person.breached += 1;
      }
    } else if (visit.caseOpen && visit.dueAt !== null) {
      person.withSla += 1;
      if (now > visit.dueAt) person.breached += 1;
    }
  }
  const rows = [...byPerson.values()].map(({ working, ...person }) => ({
    ...person,
    medianWorkingMs: percentile(Float64Array.from(working).sort(), 0.5),
    breachRate: person.withSla > 0 ? person.breached / person.withSla : null,
  }));
  const nobody = (row: AssigneeFigures) => row.assigneeId === null && row.name === null;
  return rows.sort(
    (a, b) =>
      Number(nobody(a)) - Number(nobody(b)) ||
      b.visits - a.visits ||
      (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'),
  );
}
