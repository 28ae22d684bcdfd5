import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, weekPatternCalendar } from '../../../core/schedule/calendar.ts';
import type { ScheduledTask } from '../tasks/hooks.ts';
import { changedTasks, chartRange, ganttRows, proposedDates, reschedule } from './gantt.ts';
import { daysOff, headerTicks } from './scale.ts';

function task(overrides: Partial<ScheduledTask> & Pick<ScheduledTask, 'id' | 'wbs'>): ScheduledTask {
  return {
    goalId: null,
    parentId: null,
    isMilestone: false,
    title: overrides.id,
    status: 'todo',
    priority: 'medium',
    estimateHours: null,
    startDate: null,
    dueDate: null,
    bufferDays: 0,
    labels: [],
    roles: [],
    completedAt: null,
    earlyStart: '2000-01-01',
    earlyFinish: '2000-01-01',
    lateStart: '2000-01-01',
    lateFinish: '2000-01-01',
    totalSlack: 0,
    freeSlack: 0,
    isCritical: true,
    isFinished: false,
    ...overrides,
  };
}

/** A (Mon–Wed, pinned) → B (two days) → C (milestone), scheduled as the server would. */
function chain() {
  const draft = [
    task({ id: 'A', wbs: '1', startDate: '2025-06-02', dueDate: '2025-06-04' }),
    task({ id: 'B', wbs: '2', estimateHours: 16 }),
    task({ id: 'C', wbs: '2.1', isMilestone: true }),
  ];
  const dependencies = [
    { fromTaskId: 'A', toTaskId: 'B', lagDays: 0 },
    { fromTaskId: 'B', toTaskId: 'C', lagDays: 0 },
  ];
  const first = reschedule({ today: '2025-06-02', tasks: draft, dependencies }, DEFAULT_CALENDAR, {
    taskId: 'A',
    startDate: '2025-06-02',
    dueDate: '2025-06-04',
  });
  const tasks = draft.map((item) => ({ ...item, ...first?.get(item.id) }));
  return { today: '2025-06-02', tasks, dependencies };
}

describe('timeline', () => {
  it('orders rows by WBS with their depth', () => {
    const rows = ganttRows([
      task({ id: 'b', wbs: '1.10' }),
      task({ id: 'a', wbs: '1.2' }),
      task({ id: 'r', wbs: '1' }),
    ]);
    expect(rows.map((row) => [row.id, row.depth])).toEqual([
      ['r', 0],
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('schedules the chain like the server does', () => {
    const { tasks } = chain();
    expect(tasks.map((item) => [item.id, item.earlyStart, item.earlyFinish])).toEqual([
      ['A', '2025-06-02', '2025-06-04'],
      ['B', '2025-06-05', '2025-06-06'],
      ['C', '2025-06-06', '2025-06-06'],
    ]);
  });

  it('previews what moves with a dragged bar, across the weekend', () => {
    const schedule = chain();
    const [first] = schedule.tasks;
    if (!first) throw new Error('no task');
    const change = proposedDates(first, 'move', 2);
    expect(change).toEqual({ taskId: 'A', startDate: '2025-06-04', dueDate: '2025-06-06' });
    const moved = reschedule(schedule, DEFAULT_CALENDAR, change);
    expect(moved?.get('B')).toEqual({ earlyStart: '2025-06-09', earlyFinish: '2025-06-10' });
    expect(moved?.get('C')).toEqual({ earlyStart: '2025-06-10', earlyFinish: '2025-06-10' });
  });

  it('pins the other end when an end is dragged', () => {
    const [first] = chain().tasks;
    if (!first) throw new Error('no task');
    expect(proposedDates(first, 'end', 1)).toEqual({
      taskId: 'A',
      startDate: '2025-06-02',
      dueDate: '2025-06-05',
    });
    expect(proposedDates(first, 'end', -9)).toEqual({
      taskId: 'A',
      startDate: '2025-06-02',
      dueDate: '2025-06-02',
    });
    expect(proposedDates(first, 'start', -1)).toEqual({
      taskId: 'A',
      startDate: '2025-06-01',
      dueDate: '2025-06-04',
    });
  });

  it('spans every bar and today from a Monday, and finds what a save moved', () => {
    const schedule = { ...chain(), projectStart: '2025-06-02', projectFinish: '2025-06-06' };
    const range = chartRange(schedule, 'day');
    expect(range.start).toBe('2025-05-26');
    expect(range.end).toBe('2025-06-13');
    const after = schedule.tasks.map((item) =>
      item.id === 'B' ? { ...item, earlyFinish: '2025-06-09' } : item,
    );
    expect([...changedTasks(schedule.tasks, after)]).toEqual(['B']);
  });
});

describe('time scale and days off', () => {
  // 2026-11-02 is a Monday; two weeks.
  const start = '2026-11-02';

  it('shades the weekend of a five-day week as one run each', () => {
    expect(daysOff(start, 14, weekPatternCalendar('five_day', null, []))).toEqual([
      { first: 5, length: 2 },
      { first: 12, length: 2 },
    ]);
  });

  it('follows 大小周: the worked Saturday of the big week is not shaded', () => {
    const calendar = weekPatternCalendar('alternating', '2026-11-02', []);
    expect(daysOff(start, 14, calendar)).toEqual([
      { first: 6, length: 1 },
      { first: 12, length: 2 },
    ]);
    const muted = headerTicks(start, 14, 'day', 32, 'en', calendar)
      .bottom.filter((tick) => tick.isMuted)
      .map((tick) => tick.label);
    expect(muted).toEqual(['8', '14', '15']);
  });

  it('shades holidays and not make-up working days', () => {
    const calendar = weekPatternCalendar('five_day', null, ['2026-11-04'], ['2026-11-07']);
    expect(daysOff(start, 7, calendar)).toEqual([
      { first: 2, length: 1 },
      { first: 6, length: 1 },
    ]);
  });

  it('shades only Sundays of a six-day week', () => {
    expect(daysOff(start, 14, weekPatternCalendar('six_day', null, []))).toEqual([
      { first: 6, length: 1 },
      { first: 13, length: 1 },
    ]);
  });
});
