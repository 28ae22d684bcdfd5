import { describe, expect, it } from 'vitest';
import { boardLanes, parseLaneBy, type LaneContext } from './board.ts';

const person = (userId: string, role: string, name: string) => ({ userId, role, name });

const planTasks: LaneContext['planTasks'] = [
  { id: 'm2', parentId: null, isMilestone: true, title: 'Launch', wbs: '2' },
  { id: 'm1', parentId: null, isMilestone: true, title: 'Research', wbs: '1' },
  { id: 'survey', parentId: 'm1', isMilestone: false, title: 'Survey', wbs: '1.1' },
  { id: 'questions', parentId: 'survey', isMilestone: false, title: 'Questions', wbs: '1.1.1' },
  { id: 'ads', parentId: 'm2', isMilestone: false, title: 'Ads', wbs: '2.1' },
  { id: 'loose', parentId: null, isMilestone: false, title: 'Loose', wbs: '3' },
];

const tasks = [
  { id: 'ads', parentId: 'm2', goalId: 'g2', isMilestone: false, roles: [person('u2', 'R', 'Wang')] },
  {
    id: 'questions',
    parentId: 'survey',
    goalId: 'g1',
    isMilestone: false,
    roles: [person('u1', 'A', 'Li'), person('u2', 'C', 'Wang')],
  },
  { id: 'loose', parentId: null, goalId: null, isMilestone: false, roles: [] },
  { id: 'm1', parentId: null, goalId: 'g1', isMilestone: true, roles: [person('u1', 'R', 'Li')] },
];

const context: LaneContext = {
  planTasks,
  goalTitles: new Map([
    ['g1', 'Grow DAU'],
    ['g2', 'Activate users'],
  ]),
};

const shape = (by: Parameters<typeof boardLanes>[1]) =>
  boardLanes(tasks, by, context).map((lane) => [lane.title, lane.tasks.map((task) => task.id)]);

describe('board swimlanes', () => {
  it('groups by the person Responsible, else Accountable, with the unassigned last', () => {
    expect(shape('person')).toEqual([
      ['Li', ['questions', 'm1']],
      ['Wang', ['ads']],
      [null, ['loose']],
    ]);
  });

  it('groups by the nearest milestone in WBS order, a milestone in its own lane', () => {
    expect(shape('milestone')).toEqual([
      ['Research', ['questions', 'm1']],
      ['Launch', ['ads']],
      [null, ['loose']],
    ]);
  });

  it('groups by goal title, and keeps one lane when not grouping', () => {
    expect(shape('goal')).toEqual([
      ['Activate users', ['ads']],
      ['Grow DAU', ['questions', 'm1']],
      [null, ['loose']],
    ]);
    expect(shape('none')).toEqual([[null, ['ads', 'questions', 'loose', 'm1']]]);
  });

  it('reads a remembered choice, ignoring anything unknown', () => {
    expect(parseLaneBy('goal')).toBe('goal');
    expect(parseLaneBy('sideways')).toBe('none');
    expect(parseLaneBy(null)).toBe('none');
  });
});
