import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import { mulberry32 } from '../processes/eventlog.testing.ts';
import { DEFAULT_CALENDAR, workingDaysBetween, type WorkCalendar } from './calendar.ts';
import {
  SCHEDULE_MESSAGES,
  findDependencyCycle,
  findDependencyCycleIn,
  scheduleTasks,
  topologicalOrder,
  wouldCreateCycle,
  type DependencyInput,
  type ScheduleInput,
  type ScheduledTask,
  type ScheduleTaskInput,
} from './cpm.ts';

// Monday 3 March 2025. Working days from there: 3–7, 10–14, 17–21 March.
const projectStart = '2025-03-03';

function schedule(
  tasks: ScheduleTaskInput[],
  dependencies: DependencyInput[],
  calendar: WorkCalendar = DEFAULT_CALENDAR,
): { byId: Map<string, ScheduledTask>; criticalPath: string[]; projectFinish: string } {
  const result = scheduleTasks({ tasks, dependencies, projectStart, calendar });
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return {
    byId: new Map(result.tasks.map((task) => [task.id, task])),
    criticalPath: result.criticalPath,
    projectFinish: result.projectFinish,
  };
}

function dates(task: ScheduledTask | undefined): unknown {
  if (!task) return undefined;
  const { earlyStart, earlyFinish, lateStart, lateFinish, totalSlack, freeSlack, isCritical } = task;
  return [earlyStart, earlyFinish, lateStart, lateFinish, totalSlack, freeSlack, isCritical];
}

const textbookTasks: ScheduleTaskInput[] = [
  { id: 'A', durationDays: 3 },
  { id: 'B', durationDays: 4 },
  { id: 'C', durationDays: 2 },
  { id: 'D', durationDays: 5 },
  { id: 'E', durationDays: 1 },
  { id: 'F', durationDays: 3 },
];
const textbookDependencies: DependencyInput[] = [
  { from: 'A', to: 'B', lagDays: 0 },
  { from: 'A', to: 'C', lagDays: 0 },
  { from: 'B', to: 'D', lagDays: 0 },
  { from: 'C', to: 'E', lagDays: 0 },
  { from: 'D', to: 'F', lagDays: 0 },
  { from: 'E', to: 'F', lagDays: 0 },
];

describe('scheduleTasks', () => {
  it('computes the textbook network: ES/EF/LS/LF, slack and the critical path A-B-D-F', () => {
    // In working days from 0: A 0–3, B 3–7, C 3–5, D 7–12, E 5–6, F 12–15; C and E float by 6.
    const { byId, criticalPath, projectFinish } = schedule(textbookTasks, textbookDependencies);
    expect(dates(byId.get('A'))).toEqual([
      '2025-03-03',
      '2025-03-05',
      '2025-03-03',
      '2025-03-05',
      0,
      0,
      true,
    ]);
    expect(dates(byId.get('B'))).toEqual([
      '2025-03-06',
      '2025-03-11',
      '2025-03-06',
      '2025-03-11',
      0,
      0,
      true,
    ]);
    expect(dates(byId.get('C'))).toEqual([
      '2025-03-06',
      '2025-03-07',
      '2025-03-14',
      '2025-03-17',
      6,
      0,
      false,
    ]);
    expect(dates(byId.get('D'))).toEqual([
      '2025-03-12',
      '2025-03-18',
      '2025-03-12',
      '2025-03-18',
      0,
      0,
      true,
    ]);
    expect(dates(byId.get('E'))).toEqual([
      '2025-03-10',
      '2025-03-10',
      '2025-03-18',
      '2025-03-18',
      6,
      6,
      false,
    ]);
    expect(dates(byId.get('F'))).toEqual([
      '2025-03-19',
      '2025-03-21',
      '2025-03-19',
      '2025-03-21',
      0,
      0,
      true,
    ]);
    expect(criticalPath).toEqual(['A', 'B', 'D', 'F']);
    expect(projectFinish).toBe('2025-03-21');
  });

  it('moves round a holiday', () => {
    const calendar: WorkCalendar = { holidays: ['2025-03-12'] };
    const { byId, projectFinish } = schedule(textbookTasks, textbookDependencies, calendar);
    expect(byId.get('D')?.earlyStart).toBe('2025-03-13');
    expect(byId.get('D')?.earlyFinish).toBe('2025-03-19');
    expect(projectFinish).toBe('2025-03-24');
  });

  it('waits for a lag and starts early on a lead', () => {
    const { byId } = schedule(
      [
        { id: 'write', durationDays: 2 },
        { id: 'review', durationDays: 1 },
        { id: 'draft', durationDays: 3 },
        { id: 'layout', durationDays: 2 },
      ],
      [
        { from: 'write', to: 'review', lagDays: 2 },
        { from: 'draft', to: 'layout', lagDays: -1 },
      ],
    );
    expect(byId.get('write')?.earlyFinish).toBe('2025-03-04');
    expect(byId.get('review')?.earlyStart).toBe('2025-03-07'); // Wednesday and Thursday wait
    expect(byId.get('layout')?.earlyStart).toBe('2025-03-05'); // a day before draft finishes
    expect(byId.get('layout')?.earlyFinish).toBe('2025-03-06');
  });

  it('holds a pinned start, moving one on a weekend to Monday', () => {
    const { byId, projectFinish } = schedule(
      [
        { id: 'long', durationDays: 10 },
        { id: 'pinned', durationDays: 2, start: '2025-03-08' },
        { id: 'pinned-before-start', durationDays: 1, start: '2025-02-20' },
      ],
      [],
    );
    expect(projectFinish).toBe('2025-03-14');
    expect(dates(byId.get('pinned'))).toEqual([
      '2025-03-10',
      '2025-03-11',
      '2025-03-13',
      '2025-03-14',
      3,
      3,
      false,
    ]);
    expect(byId.get('pinned-before-start')?.earlyStart).toBe('2025-03-03');
  });

  it('dates a milestone by the day it is reached and starts its successors the next working day', () => {
    const { byId, criticalPath } = schedule(
      [
        { id: 'kickoff', durationDays: 0 },
        { id: 'research', durationDays: 2 },
        { id: 'report-done', durationDays: 0 },
        { id: 'present', durationDays: 1 },
        { id: 'approval', durationDays: 0, start: '2025-03-10' },
        { id: 'launch', durationDays: 1 },
      ],
      [
        { from: 'kickoff', to: 'research', lagDays: 0 },
        { from: 'research', to: 'report-done', lagDays: 0 },
        { from: 'report-done', to: 'present', lagDays: 0 },
        { from: 'approval', to: 'launch', lagDays: 0 },
      ],
    );
    expect(byId.get('kickoff')?.earlyStart).toBe('2025-03-03');
    expect(byId.get('research')?.earlyStart).toBe('2025-03-03');
    expect(byId.get('report-done')?.isMilestone).toBe(true);
    expect(byId.get('report-done')?.earlyStart).toBe('2025-03-04');
    expect(byId.get('report-done')?.earlyFinish).toBe('2025-03-04');
    expect(byId.get('present')?.earlyStart).toBe('2025-03-05');
    expect(byId.get('approval')?.earlyFinish).toBe('2025-03-10');
    expect(byId.get('launch')?.earlyStart).toBe('2025-03-11');
    expect(criticalPath).toEqual(['approval', 'launch']);
  });

  it('computes latest dates from a due day when it is earlier, giving its own task negative slack when it is missed', () => {
    const { byId, projectFinish } = schedule(
      [
        { id: 'A', durationDays: 3 },
        { id: 'B', durationDays: 4, due: '2025-03-06' },
        { id: 'side', durationDays: 1, due: '2025-03-04' },
        { id: 'weekend-due', durationDays: 2, due: '2025-03-09' },
      ],
      [{ from: 'A', to: 'B', lagDays: 0 }],
    );
    expect(projectFinish).toBe('2025-03-11');
    expect(dates(byId.get('B'))).toEqual([
      '2025-03-06',
      '2025-03-11',
      '2025-03-03',
      '2025-03-06',
      -3,
      0,
      true,
    ]);
    // B's missed due day is B's own: A still drives the finish, with no slack, but is not made late.
    expect(dates(byId.get('A'))).toEqual([
      '2025-03-03',
      '2025-03-05',
      '2025-03-03',
      '2025-03-05',
      0,
      0,
      true,
    ]);
    expect(dates(byId.get('side'))).toEqual([
      '2025-03-03',
      '2025-03-03',
      '2025-03-04',
      '2025-03-04',
      1,
      1,
      false,
    ]);
    // Due on Sunday means finished by Friday.
    expect(byId.get('weekend-due')?.lateFinish).toBe('2025-03-07');
    expect(byId.get('weekend-due')?.totalSlack).toBe(3);
  });

  it('keeps finished tasks at their actual dates, never critical, and starts the remaining work at the status date', () => {
    // A finished a day late (3–6 March); today is Monday 10 March, so B and C cannot start before it.
    const result = scheduleTasks({
      tasks: textbookTasks.map((task) =>
        task.id === 'A' ? { ...task, actualStart: '2025-03-03', actualFinish: '2025-03-06' } : task,
      ),
      dependencies: textbookDependencies,
      projectStart,
      calendar: DEFAULT_CALENDAR,
      statusDate: '2025-03-10',
    });
    if (!result.ok) throw new Error(result.error.code);
    const byId = new Map(result.tasks.map((task) => [task.id, task]));
    expect(dates(byId.get('A'))).toEqual([
      '2025-03-03',
      '2025-03-06',
      '2025-03-03',
      '2025-03-06',
      0,
      0,
      false,
    ]);
    expect(byId.get('A')?.isFinished).toBe(true);
    expect(dates(byId.get('B'))).toEqual([
      '2025-03-10',
      '2025-03-13',
      '2025-03-10',
      '2025-03-13',
      0,
      0,
      true,
    ]);
    expect(byId.get('C')?.earlyStart).toBe('2025-03-10');
    expect(byId.get('C')?.isCritical).toBe(false);
    expect(byId.get('F')?.earlyFinish).toBe('2025-03-25');
    expect(result.criticalPath).toEqual(['B', 'D', 'F']);
    expect(result.projectFinish).toBe('2025-03-25');
  });

  it('lets a finished task drive its successor from its actual finish even before the status date', () => {
    const result = scheduleTasks({
      tasks: [
        { id: 'done', durationDays: 2, actualStart: '2025-03-03', actualFinish: '2025-03-04' },
        { id: 'next', durationDays: 2 },
      ],
      dependencies: [{ from: 'done', to: 'next', lagDays: 2 }],
      projectStart,
      calendar: DEFAULT_CALENDAR,
      statusDate: '2025-03-05',
    });
    if (!result.ok) throw new Error(result.error.code);
    // Ready after the lag on Friday 7 March, later than the status date.
    expect(result.tasks[1]?.earlyStart).toBe('2025-03-07');
    expect(result.criticalPath).toEqual(['next']);
  });

  it('keeps a started task at its actual start and finishes it no earlier than the status date', () => {
    const result = scheduleTasks({
      tasks: [
        { id: 'started', durationDays: 4, actualStart: '2025-03-06' },
        { id: 'after', durationDays: 1 },
        { id: 'gate', durationDays: 0 },
      ],
      dependencies: [
        { from: 'started', to: 'after' },
        { from: 'after', to: 'gate' },
      ],
      projectStart,
      calendar: DEFAULT_CALENDAR,
      statusDate: '2025-03-12',
    });
    if (!result.ok) throw new Error(result.error.code);
    const byId = new Map(result.tasks.map((task) => [task.id, task]));
    // Four days from Thursday 6 March would end Tuesday 11 March, already past: it ends today at the earliest.
    expect(byId.get('started')?.earlyStart).toBe('2025-03-06');
    expect(byId.get('started')?.earlyFinish).toBe('2025-03-12');
    expect(byId.get('after')?.earlyStart).toBe('2025-03-13');
    expect(byId.get('gate')?.earlyStart).toBe('2025-03-13');
    expect(result.criticalPath).toEqual(['started', 'after', 'gate']);
  });

  it('shows missed due days on their own tasks without making the rest of the plan critical', () => {
    const result = scheduleTasks({
      tasks: [
        { id: 'A', durationDays: 3 },
        { id: 'B', durationDays: 4 },
        { id: 'C', durationDays: 5 },
        { id: 'X', durationDays: 1 },
        { id: 'Y', durationDays: 1, due: '2025-03-03' },
        { id: 'Z', durationDays: 2, due: '2025-03-04' },
      ],
      dependencies: [
        { from: 'A', to: 'B' },
        { from: 'B', to: 'C' },
        { from: 'X', to: 'Y' },
        { from: 'X', to: 'Z' },
      ],
      projectStart,
      calendar: DEFAULT_CALENDAR,
    });
    if (!result.ok) throw new Error(result.error.code);
    const byId = new Map(result.tasks.map((task) => [task.id, task]));
    expect(byId.get('Y')?.totalSlack).toBe(-1);
    expect(byId.get('Z')?.totalSlack).toBe(-1);
    expect(byId.get('Y')?.isCritical).toBe(false);
    expect(byId.get('X')?.totalSlack).toBe(9);
    expect(byId.get('X')?.isCritical).toBe(false);
    expect(result.tasks.filter((task) => task.isCritical).map((task) => task.id)).toEqual(['A', 'B', 'C']);
    expect(result.criticalPath).toEqual(['A', 'B', 'C']);
  });

  it('has no critical task when everything is finished, and finishes at the last actual finish', () => {
    const result = scheduleTasks({
      tasks: [
        { id: 'A', durationDays: 3, actualStart: '2025-03-03', actualFinish: '2025-03-05' },
        { id: 'B', durationDays: 1, actualFinish: '2025-03-08' },
      ],
      dependencies: [{ from: 'A', to: 'B' }],
      projectStart,
      calendar: DEFAULT_CALENDAR,
      statusDate: '2025-03-20',
    });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.tasks.some((task) => task.isCritical)).toBe(false);
    expect(result.criticalPath).toEqual([]);
    // Finished on a Saturday: shown on the day it happened.
    expect(result.tasks[1]?.earlyFinish).toBe('2025-03-08');
    expect(result.tasks[1]?.earlyStart).toBe('2025-03-07');
  });

  it('pads a buffered milestone and gives its predecessors the buffer as slack', () => {
    const { byId, criticalPath, projectFinish } = schedule(
      [
        { id: 'prepare', durationDays: 2 },
        { id: 'go-live', durationDays: 0, bufferDays: 2 },
        { id: 'announce', durationDays: 1 },
      ],
      [
        { from: 'prepare', to: 'go-live', lagDays: 0 },
        { from: 'go-live', to: 'announce', lagDays: 0 },
      ],
    );
    expect(dates(byId.get('prepare'))).toEqual([
      '2025-03-03',
      '2025-03-04',
      '2025-03-05',
      '2025-03-06',
      2,
      2,
      false,
    ]);
    expect(dates(byId.get('go-live'))).toEqual([
      '2025-03-06',
      '2025-03-06',
      '2025-03-06',
      '2025-03-06',
      0,
      0,
      true,
    ]);
    expect(byId.get('announce')?.earlyStart).toBe('2025-03-07');
    expect(projectFinish).toBe('2025-03-07');
    expect(criticalPath).toEqual(['go-live', 'announce']);
  });

  it('rounds fractional days up and refuses negative or non-numeric ones', () => {
    const { byId } = schedule([{ id: 'half', durationDays: 0.5 }], []);
    expect(byId.get('half')?.earlyFinish).toBe('2025-03-03');
    const input = (task: ScheduleTaskInput, dependencies: DependencyInput[] = []): ScheduleInput => ({
      tasks: [task, { id: 'other', durationDays: 1 }],
      dependencies,
      projectStart,
      calendar: DEFAULT_CALENDAR,
    });
    expect(scheduleTasks(input({ id: 'x', durationDays: -1 }))).toEqual({
      ok: false,
      error: { code: 'schedule_invalid_duration', params: { taskId: 'x', value: '-1' } },
    });
    expect(scheduleTasks(input({ id: 'x', durationDays: 1, bufferDays: Number.NaN }))).toEqual({
      ok: false,
      error: { code: 'schedule_invalid_buffer', params: { taskId: 'x', value: 'NaN' } },
    });
    expect(
      scheduleTasks(input({ id: 'x', durationDays: 1 }, [{ from: 'x', to: 'other', lagDays: Infinity }])),
    ).toEqual({
      ok: false,
      error: { code: 'schedule_invalid_lag', params: { from: 'x', to: 'other', value: 'Infinity' } },
    });
  });

  it('names unknown and duplicate tasks', () => {
    const base = { projectStart, calendar: DEFAULT_CALENDAR };
    expect(
      scheduleTasks({
        ...base,
        tasks: [{ id: 'a', durationDays: 1 }],
        dependencies: [{ from: 'a', to: 'x', lagDays: 0 }],
      }),
    ).toEqual({
      ok: false,
      error: { code: 'dependency_unknown_task', params: { taskId: 'x', from: 'a', to: 'x' } },
    });
    expect(
      scheduleTasks({
        ...base,
        tasks: [
          { id: 'a', durationDays: 1 },
          { id: 'a', durationDays: 2 },
        ],
        dependencies: [],
      }),
    ).toEqual({ ok: false, error: { code: 'schedule_duplicate_task', params: { taskId: 'a' } } });
  });

  it('returns the project start for an empty plan', () => {
    const result = scheduleTasks({
      tasks: [],
      dependencies: [],
      projectStart: '2025-03-08',
      calendar: DEFAULT_CALENDAR,
    });
    expect(result).toEqual({ ok: true, tasks: [], criticalPath: [], projectFinish: '2025-03-10' });
  });
});

describe('cycles', () => {
  const tasks = ['d', 'a', 'b', 'c'].map((id) => ({ id, durationDays: 1 }));
  const circular: DependencyInput[] = [
    { from: 'd', to: 'a', lagDays: 0 },
    { from: 'a', to: 'b', lagDays: 0 },
    { from: 'b', to: 'c', lagDays: 0 },
    { from: 'c', to: 'a', lagDays: 0 },
  ];

  it('refuses to schedule a cycle and names it', () => {
    const result = scheduleTasks({ tasks, dependencies: circular, projectStart, calendar: DEFAULT_CALENDAR });
    expect(result).toEqual({
      ok: false,
      error: { code: 'dependency_cycle', params: { cycle: 'a → b → c → a' } },
    });
    if (!result.ok) {
      expect(interpolate(SCHEDULE_MESSAGES['zh-CN'][result.error.code], result.error.params)).toBe(
        '以下依赖关系形成了循环：a → b → c → a。',
      );
    }
  });

  it('finds the cycle path, starting at the task listed first', () => {
    expect(findDependencyCycle(['d', 'a', 'b', 'c'], circular)).toEqual(['a', 'b', 'c', 'a']);
    expect(findDependencyCycle(['c', 'b', 'a'], circular)).toEqual(['c', 'a', 'b', 'c']);
    // A task downstream of the cycle, listed first, leads back to the cycle rather than into the name.
    const downstream = [...circular, { from: 'c', to: 'e', lagDays: 0 }];
    expect(findDependencyCycle(['e', 'd', 'a', 'b', 'c'], downstream)).toEqual(['a', 'b', 'c', 'a']);
    expect(findDependencyCycle(['a'], [{ from: 'a', to: 'a', lagDays: 0 }])).toEqual(['a', 'a']);
    expect(findDependencyCycle(['a', 'b', 'c'], circular.slice(0, 3))).toBeNull();
  });

  it('finds the same cycle from two lists of ends as from dependency objects', () => {
    const lists = (dependencies: DependencyInput[]) =>
      [
        dependencies.map((dependency) => dependency.from),
        dependencies.map((dependency) => dependency.to),
      ] as const;
    const downstream = [...circular, { from: 'c', to: 'e', lagDays: 0 }];
    expect(findDependencyCycleIn(['e', 'd', 'a', 'b', 'c'], ...lists(downstream))).toEqual([
      'a',
      'b',
      'c',
      'a',
    ]);
    expect(findDependencyCycleIn(['a', 'b', 'c'], ...lists(circular.slice(0, 3)))).toBeNull();
    const random = mulberry32(7);
    let cycles = 0;
    for (let round = 0; round < 200; round += 1) {
      const ids = Array.from({ length: 2 + Math.floor(random() * 12) }, (_, index) => `t${index}`);
      const dependencies = Array.from({ length: Math.floor(random() * 16) }, () => ({
        // Now and then an end that is not a listed task, which counts as one.
        from: random() < 0.05 ? 'x' : (ids[Math.floor(random() * ids.length)] ?? ''),
        to: ids[Math.floor(random() * ids.length)] ?? '',
      }));
      const expected = findDependencyCycle(ids, dependencies);
      if (expected) cycles += 1;
      expect(findDependencyCycleIn(ids, ...lists(dependencies)), `round ${round}`).toEqual(expected);
    }
    expect(cycles).toBeGreaterThan(20);
  });

  it('checks whether one new dependency would close a cycle', () => {
    const chain: DependencyInput[] = [
      { from: 'a', to: 'b', lagDays: 0 },
      { from: 'b', to: 'c', lagDays: 0 },
      { from: 'a', to: 'x', lagDays: 0 },
    ];
    expect(wouldCreateCycle(chain, { from: 'c', to: 'a' })).toEqual(['c', 'a', 'b', 'c']);
    expect(wouldCreateCycle(chain, { from: 'a', to: 'c' })).toBeNull();
    expect(wouldCreateCycle(chain, { from: 'x', to: 'b' })).toBeNull();
    expect(wouldCreateCycle(chain, { from: 'b', to: 'b' })).toEqual(['b', 'b']);
  });

  it('orders tasks topologically, first in first out from the roots in input order', () => {
    expect(topologicalOrder(['F', 'E', 'D', 'C', 'B', 'A'], textbookDependencies)).toEqual({
      ok: true,
      order: ['A', 'B', 'C', 'D', 'E', 'F'],
    });
    expect(topologicalOrder(['d', 'a', 'b', 'c'], circular)).toEqual({
      ok: false,
      error: { code: 'dependency_cycle', params: { cycle: 'a → b → c → a' } },
    });
  });
});

describe('a plan of 100,000 tasks and 200,000 dependencies', () => {
  it('respects every dependency, keeps critical tasks at zero slack and agrees on the small known part', () => {
    // mulberry32: a small seeded generator whose low bits are as good as its high ones.
    let seed = 42;
    const random = (limit: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let mixed = Math.imul(seed ^ (seed >>> 15), seed | 1);
      mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
      return Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296) * limit);
    };
    const size = 100_000;
    const tasks: ScheduleTaskInput[] = [...textbookTasks];
    for (let index = 0; index < size - textbookTasks.length; index += 1) {
      tasks.push({ id: `t${index}`, durationDays: 1 + random(5) });
    }
    const dependencies: DependencyInput[] = [...textbookDependencies];
    const offset = textbookTasks.length;
    while (dependencies.length < 200_000) {
      // Edges point forward in creation order, mostly to nearby tasks, so the graph is acyclic and deep.
      const from = offset + random(size - offset - 1);
      const to = Math.min(size - 1, from + 1 + random(random(10) === 0 ? 5_000 : 50));
      dependencies.push({ from: tasks[from]?.id ?? '', to: tasks[to]?.id ?? '', lagDays: random(3) });
    }
    const calendar: WorkCalendar = {
      holidays: ['2025-05-01', '2025-05-02', '2025-10-01'],
      workdays: ['2025-04-27'],
    };
    const result = scheduleTasks({ tasks, dependencies, projectStart, calendar });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const order = topologicalOrder(
      tasks.map((task) => task.id),
      dependencies,
    );
    expect(order.ok && order.order.length).toBe(size);

    const byId = new Map(result.tasks.map((task) => [task.id, task]));
    // The textbook tasks form their own island: their earliest dates cannot change.
    for (const [id, earlyStart, earlyFinish] of [
      ['A', '2025-03-03', '2025-03-05'],
      ['C', '2025-03-06', '2025-03-07'],
      ['D', '2025-03-12', '2025-03-18'],
      ['F', '2025-03-19', '2025-03-21'],
    ] as const) {
      expect(byId.get(id)).toMatchObject({ earlyStart, earlyFinish });
    }

    // Working-day index of each date, computed once per distinct day.
    const indexOf = new Map<string, number>();
    const workingIndex = (day: string): number => {
      let index = indexOf.get(day);
      if (index === undefined) {
        index = workingDaysBetween(projectStart, day, calendar);
        indexOf.set(day, index);
      }
      return index;
    };
    let violations = 0;
    for (const { from, to, lagDays = 0 } of dependencies) {
      const before = byId.get(from);
      const after = byId.get(to);
      if (
        !before ||
        !after ||
        workingIndex(after.earlyStart) < workingIndex(before.earlyFinish) + 1 + lagDays
      ) {
        violations += 1;
      }
    }
    expect(violations).toBe(0);
    let badSlack = 0;
    for (const task of result.tasks) {
      if (
        task.totalSlack < 0 ||
        task.freeSlack > task.totalSlack ||
        task.isCritical !== (task.totalSlack === 0)
      ) {
        badSlack += 1;
      }
      if (workingIndex(task.lateStart) - workingIndex(task.earlyStart) !== task.totalSlack) badSlack += 1;
    }
    expect(badSlack).toBe(0);

    const path = result.criticalPath;
    expect(path.length).toBeGreaterThan(10);
    expect(byId.get(path[0] ?? '')?.earlyStart).toBe(projectStart);
    expect(byId.get(path[path.length - 1] ?? '')?.earlyFinish).toBe(result.projectFinish);
    const edges = new Set(dependencies.map(({ from, to }) => `${from}>${to}`));
    for (let step = 0; step < path.length; step += 1) {
      expect(byId.get(path[step] ?? '')?.totalSlack).toBe(0);
      if (step > 0) expect(edges.has(`${path[step - 1]}>${path[step]}`)).toBe(true);
    }
  });
});

describe('SCHEDULE_MESSAGES', () => {
  it('has the same codes in both languages', () => {
    expect(Object.keys(SCHEDULE_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(SCHEDULE_MESSAGES.en).sort());
  });
});
