import { describe, expect, it } from 'vitest';
import {
  boardLanes,
  cardsToDraw,
  FIRST_PAINT_CARDS,
  FIRST_PAINT_LANES,
  parseLaneBy,
  type LaneContext,
} from './board.ts';

const person = (userId: string, role: string, name: string) => ({ userId, role, name });

const milestones: LaneContext['milestones'] = [
  { id: 'm2', title: 'Launch', wbs: '2' },
  { id: 'm1', title: 'Research', wbs: '1' },
];

const tasks = [
  {
    id: 'ads',
    parentId: 'm2',
    goalId: 'g2',
    isMilestone: false,
    wbs: '2.1',
    roles: [person('u2', 'R', 'Wang')],
  },
  {
    id: 'questions',
    parentId: 'survey',
    goalId: 'g1',
    isMilestone: false,
    wbs: '1.1.1',
    roles: [person('u1', 'A', 'Li'), person('u2', 'C', 'Wang')],
  },
  { id: 'loose', parentId: null, goalId: null, isMilestone: false, wbs: '3', roles: [] },
  { id: 'm1', parentId: null, goalId: 'g1', isMilestone: true, wbs: '1', roles: [person('u1', 'R', 'Li')] },
];

const context: LaneContext = {
  milestones,
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

  it('finds the nearest milestone by whole code segments: 1.2.1 under milestone 1.2, 10.1 not under 1', () => {
    const nested = [...milestones, { id: 'm12', title: 'Pilot', wbs: '1.2' }];
    const plain = { parentId: null, goalId: null, isMilestone: false, roles: [] };
    const lanes = boardLanes(
      [
        { ...plain, id: 'deep', wbs: '1.2.1' },
        { ...plain, id: 'ten', wbs: '10.1' },
        { ...plain, id: 'loop', wbs: '' },
        { ...plain, id: 'near', wbs: '1.3' },
      ],
      'milestone',
      { ...context, milestones: nested },
    );
    expect(lanes.map((lane) => [lane.title, lane.tasks.map((task) => task.id)])).toEqual([
      ['Research', ['near']],
      ['Pilot', ['deep']],
      [null, ['ten', 'loop']],
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

  it('draws the cards in view first: a few per cell of the first lanes, then every card', () => {
    expect(cardsToDraw(0, true)).toBe(FIRST_PAINT_CARDS);
    expect(cardsToDraw(FIRST_PAINT_LANES - 1, true)).toBe(FIRST_PAINT_CARDS);
    expect(cardsToDraw(FIRST_PAINT_LANES, true)).toBe(0);
    expect(cardsToDraw(0, false)).toBe(Infinity);
    expect(cardsToDraw(40, false)).toBe(Infinity);
  });
});
