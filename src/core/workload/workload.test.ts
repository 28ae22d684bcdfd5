import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import { addDays } from '../days/index.ts';
import { mulberry32 } from '../processes/eventlog.testing.ts';
import type { WorkCalendar } from '../schedule/calendar.ts';
import {
  WORKLOAD_MESSAGES,
  heatmapCells,
  mayLoadWindow,
  spreadEstimate,
  suggestAssignees,
  workloadByWeek,
  workloadHeatmap,
  workloadWindow,
  worstWeeks,
  type SuggestPerson,
  type WorkloadPerson,
  type WorkloadTask,
} from './index.ts';

// Wednesday 5 March 2025 is a holiday: the week of 3 March has four working days.
const calendar: WorkCalendar = { holidays: ['2025-03-05'] };

describe('spreadEstimate', () => {
  it('spreads evenly over working days, skipping weekends, holidays and unavailable days', () => {
    const task = { estimateHours: 12, start: '2025-03-03', due: '2025-03-07' };
    expect(spreadEstimate(task, calendar)).toEqual([
      { day: '2025-03-03', hours: 3 },
      { day: '2025-03-04', hours: 3 },
      { day: '2025-03-06', hours: 3 },
      { day: '2025-03-07', hours: 3 },
    ]);
    expect(spreadEstimate(task, calendar, ['2025-03-06', '2025-03-08'])).toEqual([
      { day: '2025-03-03', hours: 4 },
      { day: '2025-03-04', hours: 4 },
      { day: '2025-03-07', hours: 4 },
    ]);
    expect(spreadEstimate({ estimateHours: 6, start: '2025-03-07', due: '2025-03-11' }, calendar)).toEqual([
      { day: '2025-03-07', hours: 2 },
      { day: '2025-03-10', hours: 2 },
      { day: '2025-03-11', hours: 2 },
    ]);
  });

  it('puts everything on the due day when no working day is left, and nothing without a due day', () => {
    expect(spreadEstimate({ estimateHours: 12, start: '2025-03-05', due: '2025-03-05' }, calendar)).toEqual([
      { day: '2025-03-05', hours: 12 },
    ]);
    expect(
      spreadEstimate({ estimateHours: 8, start: '2025-03-03', due: '2025-03-04' }, calendar, [
        '2025-03-03',
        '2025-03-04',
      ]),
    ).toEqual([{ day: '2025-03-04', hours: 8 }]);
    expect(spreadEstimate({ estimateHours: 8, start: null, due: '2025-03-06' }, calendar)).toEqual([
      { day: '2025-03-06', hours: 8 },
    ]);
    expect(spreadEstimate({ estimateHours: 8, start: '2025-03-10', due: '2025-03-06' }, calendar)).toEqual([
      { day: '2025-03-06', hours: 8 },
    ]);
    expect(spreadEstimate({ estimateHours: 8, start: '2025-03-03', due: null }, calendar)).toEqual([]);
    expect(spreadEstimate({ estimateHours: null, start: '2025-03-03', due: '2025-03-04' }, calendar)).toEqual(
      [],
    );
  });
});

const people: WorkloadPerson[] = [
  { id: 'wang', weeklyCapacityHours: 40, unavailableDays: ['2025-03-14'] },
  { id: 'li', weeklyCapacityHours: 40, unavailableDays: [] },
  { id: 'zhao', weeklyCapacityHours: 20, unavailableDays: [] },
];

function task(
  id: string,
  assigneeIds: string[],
  estimateHours: number | null,
  start: string | null,
  due: string | null,
  status = 'todo',
): WorkloadTask {
  return { id, assigneeIds, estimateHours, start, due, status };
}

const tasks: WorkloadTask[] = [
  task('T1', ['wang', 'li'], 24, '2025-03-03', '2025-03-07'),
  task('T2', ['wang'], 30, '2025-03-06', '2025-03-13'),
  task('T3', ['wang'], 16, '2025-03-10', '2025-03-14'),
  task('T4', ['wang'], 8, '2025-03-10', '2025-03-11', 'done'),
  task('T5', ['wang'], 5, '2025-03-14', '2025-03-14'),
  task('T6', ['li'], 40, '2025-02-24', '2025-03-04'),
  task('T7', ['zhao'], 8, '2025-03-10', null),
  task('T8', ['zhao'], null, '2025-03-10', '2025-03-11'),
  task('T9', ['ghost', 'zhao'], 10, '2025-03-10', '2025-03-11'),
  task('T10', ['li'], 6, '2025-03-20', '2025-03-21'),
  task('T11', ['zhao'], 6, '2025-03-10', '2025-03-11', 'cancelled'),
];

describe('workloadByWeek', () => {
  const workload = workloadByWeek(people, tasks, { from: '2025-03-05', weeks: 2 }, calendar);

  it('buckets hours by ISO week, splitting shared tasks and spreading round holidays and leave', () => {
    expect(workload.weekStarts).toEqual(['2025-03-03', '2025-03-10']);
    const [wang, li, zhao] = workload.people;
    expect(wang?.weeks).toEqual([
      {
        week: '2025-03-03',
        plannedHours: 22,
        capacityHours: 32,
        availableDays: 4,
        utilisation: 0.688,
        isOverAllocated: false,
        tasks: [
          { taskId: 'T1', hours: 12 },
          { taskId: 'T2', hours: 10 },
        ],
      },
      {
        week: '2025-03-10',
        plannedHours: 41,
        capacityHours: 32,
        availableDays: 4,
        utilisation: 1.281,
        isOverAllocated: true,
        tasks: [
          { taskId: 'T2', hours: 20 },
          { taskId: 'T3', hours: 16 },
          { taskId: 'T5', hours: 5 },
        ],
      },
    ]);
    expect(
      li?.weeks.map(({ plannedHours, capacityHours, tasks: list }) => [plannedHours, capacityHours, list]),
    ).toEqual([
      [
        23.43,
        32,
        [
          { taskId: 'T1', hours: 12 },
          { taskId: 'T6', hours: 11.43 },
        ],
      ],
      [0, 40, []],
    ]);
    expect(
      zhao?.weeks.map(({ plannedHours, capacityHours, utilisation }) => [
        plannedHours,
        capacityHours,
        utilisation,
      ]),
    ).toEqual([
      [0, 16, 0],
      [5, 20, 0.25],
    ]);
  });

  it('has no utilisation without capacity', () => {
    const result = workloadByWeek(
      [
        {
          id: 'away',
          weeklyCapacityHours: 40,
          unavailableDays: ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14'],
        },
      ],
      [task('X', ['away'], 4, '2025-03-10', '2025-03-11')],
      { from: '2025-03-10', weeks: 1 },
      calendar,
    );
    expect(result.people[0]?.weeks[0]).toMatchObject({
      plannedHours: 4,
      capacityHours: 0,
      utilisation: null,
      isOverAllocated: true,
    });
  });

  it('handles 500 people, 26 weeks and 100,000 tasks without losing an hour', () => {
    const many: WorkloadPerson[] = Array.from({ length: 500 }, (_, index) => ({
      id: `p${index}`,
      weeklyCapacityHours: 40,
      unavailableDays: [],
    }));
    const open: WorkloadTask[] = [];
    let expected = 0;
    for (let index = 0; index < 100_000; index += 1) {
      const monday = addDays('2025-01-06', 7 * (index % 26));
      const assigneeIds =
        index % 3 === 0 ? [`p${index % 500}`, `p${(index * 7 + 1) % 500}`] : [`p${index % 500}`];
      // Whole hours per day for every share, so the rounded weekly sums stay exact.
      const estimateHours = 5 * assigneeIds.length * (1 + (index % 4));
      if (new Set(assigneeIds).size === assigneeIds.length) expected += estimateHours;
      else continue;
      open.push(task(`t${index}`, assigneeIds, estimateHours, monday, addDays(monday, 4)));
    }
    const result = workloadByWeek(many, open, { from: '2025-01-06', weeks: 26 }, { holidays: [] });
    let total = 0;
    let contributions = 0;
    for (const person of result.people) {
      for (const week of person.weeks) {
        total += week.plannedHours;
        contributions += week.tasks.length;
      }
    }
    expect(total).toBe(expected);
    expect(contributions).toBe(open.reduce((sum, item) => sum + item.assigneeIds.length, 0));
  });
});

describe('workloadHeatmap', () => {
  it('sends what workloadByWeek computes, each cell read back by heatmapCells, on random plans', () => {
    // A small random generator with a seed, so a failure can be replayed.
    let seed = 15;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const day = () => addDays('2025-02-10', Math.floor(random() * 90));
    const calendars: WorkCalendar[] = [
      calendar,
      { weekendDays: [0], holidays: ['2025-03-05', '2025-03-06'], workdays: [] },
      { weekendDays: [0, 6], holidays: ['2025-03-17', '2025-03-18'], workdays: ['2025-03-22'] },
      { weekendDays: [0, 1, 2, 3, 4, 5, 6], holidays: [] },
    ];
    let loadedCells = 0;
    let awayRows = 0;
    let idleRows = 0;
    for (let round = 0; round < 30; round += 1) {
      const people: WorkloadPerson[] = Array.from({ length: 2 + Math.floor(random() * 6) }, (_, index) => ({
        id: `p${index}`,
        weeklyCapacityHours: pick([0, 16, 32.5, 40, 45]),
        unavailableDays: random() < 0.4 ? Array.from({ length: 1 + Math.floor(random() * 6) }, day) : [],
      }));
      const tasks: WorkloadTask[] = Array.from({ length: Math.floor(random() * 60) }, (_, index) =>
        task(
          `t${index}`,
          random() < 0.1 ? [] : random() < 0.3 ? ['p0', 'p1'] : [pick(['p0', 'p1', 'p2', 'p3', 'gone'])],
          pick([null, 0, 4, 7.3, 12.5, 40]),
          random() < 0.3 ? null : day(),
          random() < 0.1 ? null : day(),
          pick(['todo', 'in_progress', 'blocked', 'done', 'cancelled']),
        ),
      );
      const range = { from: addDays('2025-02-24', Math.floor(random() * 20)), weeks: 1 + (round % 9) };
      const workCalendar = calendars[round % calendars.length] ?? calendar;
      const whole = workloadByWeek(people, tasks, range, workCalendar);
      const heatmap = workloadHeatmap(people, tasks, range, workCalendar);
      expect(heatmap.weekStarts).toEqual(whole.weekStarts);
      expect(heatmap.rows).toHaveLength(people.length);
      for (const [index, person] of whole.people.entries()) {
        const row = heatmap.rows[index];
        if (row === undefined) throw new Error(`no row ${index}`);
        expect(heatmapCells(heatmap, row), `round ${round}, ${person.personId}`).toEqual(
          person.weeks.map(({ tasks: list, ...cell }) => ({ ...cell, taskCount: list.length })),
        );
        // Only what differs from the defaults is sent.
        const loaded = person.weeks.some((week) => week.tasks.length > 0);
        expect(row.hours !== undefined, `hours of ${person.personId}`).toBe(loaded);
        expect(row.tasks !== undefined).toBe(loaded);
        const away = person.weeks.some(
          (week, weekIndex) => week.availableDays !== heatmap.workingDays[weekIndex],
        );
        expect(row.days !== undefined, `days of ${person.personId}`).toBe(away);
        loadedCells += person.weeks.filter((week) => week.tasks.length > 0).length;
        if (away) awayRows += 1;
        if (!loaded) idleRows += 1;
      }
    }
    // The random plans did exercise each case.
    expect(loadedCells).toBeGreaterThan(50);
    expect(awayRows).toBeGreaterThan(5);
    expect(idleRows).toBeGreaterThan(5);
  });

  it('reads a row with nothing but capacity as idle weeks at the calendar’s days', () => {
    const weeks = { weekStarts: ['2025-03-03', '2025-03-10'], workingDays: [4, 5], workingDaysPerWeek: 5 };
    expect(heatmapCells(weeks, { capacity: 40 })).toEqual([
      {
        week: '2025-03-03',
        plannedHours: 0,
        capacityHours: 32,
        availableDays: 4,
        utilisation: 0,
        isOverAllocated: false,
        taskCount: 0,
      },
      {
        week: '2025-03-10',
        plannedHours: 0,
        capacityHours: 40,
        availableDays: 5,
        utilisation: 0,
        isOverAllocated: false,
        taskCount: 0,
      },
    ]);
    expect(heatmapCells(weeks, { capacity: 40, days: [0, 5], hours: [3, 41], tasks: [1, 2] })).toEqual([
      expect.objectContaining({ capacityHours: 0, utilisation: null, isOverAllocated: true, taskCount: 1 }),
      expect.objectContaining({ capacityHours: 40, utilisation: 1.025, isOverAllocated: true, taskCount: 2 }),
    ]);
  });
});

describe('worstWeeks', () => {
  it('gives each person the worst week that sorting workloadByWeek’s over-allocated weeks gives, on random plans', () => {
    const random = mulberry32(15);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const day = () => addDays('2025-02-10', Math.floor(random() * 90));
    const calendars: WorkCalendar[] = [
      calendar,
      { weekendDays: [0], holidays: ['2025-03-05', '2025-03-06'], workdays: [] },
      { weekendDays: [0, 1, 2, 3, 4, 5, 6], holidays: [] },
    ];
    let reported = 0;
    let ties = 0;
    let longLists = 0;
    for (let round = 0; round < 60; round += 1) {
      const people: WorkloadPerson[] = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, index) => ({
        id: `p${index}`,
        weeklyCapacityHours: pick([0, 8, 16, 40]),
        unavailableDays: random() < 0.3 ? Array.from({ length: 1 + Math.floor(random() * 6) }, day) : [],
      }));
      // Whole-week tasks of round hours, so that weeks often exceed their capacity by the same amount.
      const tasks: WorkloadTask[] = Array.from({ length: Math.floor(random() * 50) }, (_, index) => {
        const start = random() < 0.5 ? pick(['2025-03-03', '2025-03-10', '2025-03-17']) : day();
        return task(
          `t${String(index).padStart(2, '0')}`,
          random() < 0.1 ? [] : random() < 0.3 ? ['p0', 'p1'] : [pick(['p0', 'p1', 'p2', 'gone'])],
          pick([null, 5, 10, 20, 7.3]),
          random() < 0.2 ? null : start,
          random() < 0.1 ? null : random() < 0.5 ? addDays(start, 4) : day(),
          pick(['todo', 'todo', 'in_progress', 'done']),
        );
      });
      const range = { from: addDays('2025-02-24', Math.floor(random() * 20)), weeks: 1 + (round % 8) };
      const workCalendar = calendars[round % calendars.length] ?? calendar;
      const limit = 1 + (round % 4);
      // What the linter did before: every person-week, the over-allocated ones sorted by their excess.
      const expected = workloadByWeek(people, tasks, range, workCalendar).people.flatMap((load) => {
        const over = load.weeks.filter((week) => week.isOverAllocated);
        const excess = (week: (typeof over)[number]) => week.plannedHours - week.capacityHours;
        const worst = [...over].sort((a, b) => excess(b) - excess(a))[0];
        if (!worst) return [];
        if (over.filter((week) => excess(week) === excess(worst)).length > 1) ties += 1;
        if (worst.tasks.length > limit) longLists += 1;
        return [{ personId: load.personId, ...worst, tasks: worst.tasks.slice(0, limit) }];
      });
      expect(worstWeeks(people, tasks, range, workCalendar, limit), `round ${round}`).toEqual(expected);
      reported += expected.length;
    }
    // The random plans did exercise each case.
    expect(reported).toBeGreaterThan(30);
    expect(ties).toBeGreaterThan(3);
    expect(longLists).toBeGreaterThan(3);
  });
});

describe('mayLoadWindow', () => {
  it('keeps exactly the tasks that change the workload: the rest can be left unread', () => {
    // A small random generator with a seed, so a failure can be replayed.
    let seed = 20261207;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const people: WorkloadPerson[] = ['p0', 'p1', 'p2'].map((id, index) => ({
      id,
      weeklyCapacityHours: 40,
      unavailableDays: index === 1 ? ['2025-03-12', '2025-03-13'] : [],
    }));
    const day = () => addDays('2025-02-10', Math.floor(random() * 70));
    for (let round = 0; round < 20; round += 1) {
      const all: WorkloadTask[] = Array.from({ length: 300 }, (_, index) =>
        task(
          `t${index}`,
          random() < 0.1 ? [] : random() < 0.3 ? ['p0', 'p1'] : [pick(['p0', 'p1', 'p2', 'gone'])],
          pick([null, 0, 4, 12.5, 40]),
          random() < 0.3 ? null : day(),
          random() < 0.1 ? null : day(),
          pick(['todo', 'in_progress', 'blocked', 'done', 'cancelled']),
        ),
      );
      const range = { from: addDays('2025-02-24', Math.floor(random() * 20)), weeks: 1 + (round % 6) };
      const window = workloadWindow(range);
      const kept = all.filter((item) => mayLoadWindow(item, window));
      expect(kept.length).toBeLessThan(all.length);
      expect(workloadByWeek(people, kept, range, calendar)).toEqual(
        workloadByWeek(people, all, range, calendar),
      );
    }
  });

  it('covers whole weeks from the Monday of the first day', () => {
    expect(workloadWindow({ from: '2025-03-05', weeks: 2 })).toEqual({
      first: '2025-03-03',
      last: '2025-03-16',
    });
  });
});

describe('suggestAssignees', () => {
  const workload = workloadByWeek(people, tasks, { from: '2025-03-03', weeks: 2 }, calendar);
  const candidates: SuggestPerson[] = [
    { ...(people[0] as WorkloadPerson), skills: { 数据分析: 5 } },
    { ...(people[1] as WorkloadPerson), skills: { 数据分析: 4, 文案: 2 } },
    { ...(people[2] as WorkloadPerson), skills: { 数据分析: 2 } },
    {
      id: 'sun',
      weeklyCapacityHours: 40,
      unavailableDays: ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14'],
      skills: { 数据分析: 3 },
    },
  ];
  const request = {
    requiredSkills: [{ skill: '数据分析', minLevel: 3 }],
    window: { start: '2025-03-10', due: '2025-03-14' },
    estimateHours: 20,
  };

  it('ranks qualified people by skill, free hours and headroom, and says why', () => {
    const ranked = suggestAssignees(request, candidates, workload, calendar);
    expect(
      ranked.map(({ personId, score, meetsSkills, freeHours }) => [personId, score, meetsSkills, freeHours]),
    ).toEqual([
      ['li', 90, true, 40],
      ['wang', 50, true, 0],
      ['sun', 30, true, 0],
      ['zhao', 58, false, 15],
    ]);
    expect(ranked[1]?.reasons).toEqual([
      { code: 'suggest_skill', params: { skill: '数据分析', level: 5 } },
      { code: 'suggest_free_hours', params: { hours: 0 } },
      { code: 'suggest_short_of_hours', params: { hours: 20, estimateHours: 20 } },
      { code: 'suggest_overallocated_weeks', params: { count: 1, weeks: '2025-03-10' } },
    ]);
    expect(ranked[3]?.reasons[0]).toEqual({
      code: 'suggest_skill_missing',
      params: { skill: '数据分析', level: 2, required: 3 },
    });
    const zh = (ranked[0]?.reasons ?? []).map((reason) =>
      interpolate(WORKLOAD_MESSAGES['zh-CN'][reason.code], reason.params),
    );
    expect(zh).toEqual(['数据分析 4 级', '窗口内空闲 40 小时']);
    const en = (ranked[0]?.reasons ?? []).map((reason) =>
      interpolate(WORKLOAD_MESSAGES.en[reason.code], reason.params),
    );
    expect(en).toEqual(['数据分析 level 4', '40 free hours in the window']);
  });

  it('counts only the part of a week inside the window', () => {
    const [li] = suggestAssignees(
      { ...request, window: { start: '2025-03-12', due: '2025-03-13' } },
      [candidates[1] as SuggestPerson],
      workload,
      calendar,
    );
    expect(li?.freeHours).toBe(16);
    expect(li?.reasons.slice(1)).toEqual([
      { code: 'suggest_free_hours', params: { hours: 16 } },
      { code: 'suggest_short_of_hours', params: { hours: 4, estimateHours: 20 } },
    ]);
  });

  it('breaks ties by id', () => {
    const twin = (id: string): SuggestPerson => ({
      id,
      weeklyCapacityHours: 40,
      unavailableDays: [],
      skills: {},
    });
    const ranked = suggestAssignees(
      { ...request, requiredSkills: [] },
      [twin('b'), twin('c'), twin('a')],
      workload,
      calendar,
    );
    expect(ranked.map((item) => [item.personId, item.score])).toEqual([
      ['a', 100],
      ['b', 100],
      ['c', 100],
    ]);
  });

  it('has the same codes in both languages', () => {
    expect(Object.keys(WORKLOAD_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(WORKLOAD_MESSAGES.en).sort());
  });
});
