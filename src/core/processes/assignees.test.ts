import { describe, expect, it } from 'vitest';
import { assigneeFigures, type AssigneeVisit } from './assignees.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2);

function visit(
  who: { id?: string; name?: string },
  entered: number,
  started: number | null,
  completed: number | null,
  due: number | null,
  caseOpen = completed === null,
): AssigneeVisit {
  return {
    assigneeId: who.id ?? null,
    name: who.name ?? null,
    enteredAt: T0 + entered * H,
    startedAt: started === null ? null : T0 + started * H,
    completedAt: completed === null ? null : T0 + completed * H,
    dueAt: due === null ? null : T0 + due * H,
    caseOpen,
  };
}

describe('assigneeFigures', () => {
  it('counts visits, the median working time and breaches per person: most visits first, then by name, nobody last', () => {
    const wang = { id: 'u1', name: '王芳' };
    const li = { id: 'u2', name: '李雷' };
    const rows = assigneeFigures(
      [
        visit(wang, 0, 1, 3, 4), // 2 h, in time
        visit(wang, 0, 2, 6, 4), // 4 h, late
        visit(wang, 0, null, 5, null), // no start: 0 h of work
        visit(li, 0, 1, 2, 8),
        visit(li, 10, null, null, 12), // open past due at now
        visit({ name: 'Zhao (imported)' }, 0, 0, 1, null),
        visit({}, 0, 1, 2, 1),
        // An open visit of a cancelled case is a visit, not a breach.
        visit(li, 0, null, null, 1, false),
      ],
      T0 + 20 * H,
    );
    expect(rows).toEqual([
      {
        assigneeId: 'u2',
        name: '李雷',
        visits: 3,
        completed: 1,
        medianWorkingMs: H,
        withSla: 2,
        breached: 1,
        breachRate: 0.5,
      },
      {
        assigneeId: 'u1',
        name: '王芳',
        visits: 3,
        completed: 3,
        medianWorkingMs: 2 * H,
        withSla: 2,
        breached: 1,
        breachRate: 0.5,
      },
      {
        assigneeId: null,
        name: 'Zhao (imported)',
        visits: 1,
        completed: 1,
        medianWorkingMs: H,
        withSla: 0,
        breached: 0,
        breachRate: null,
      },
      {
        assigneeId: null,
        name: null,
        visits: 1,
        completed: 1,
        medianWorkingMs: H,
        withSla: 1,
        breached: 1,
        breachRate: 1,
      },
    ]);
  });
});
