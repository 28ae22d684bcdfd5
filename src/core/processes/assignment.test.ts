import { describe, expect, it } from 'vitest';
import { nextInTurn, pickAssignee, stepCandidates, type AssignableMember } from './assignment.ts';

const members: AssignableMember[] = [
  { userId: 'u-li', title: 'Customer Support lead', role: 'manager' },
  { userId: 'u-wang', title: '客服', role: 'member' },
  { userId: 'u-chen', title: 'support agent', role: 'member' },
  { userId: 'u-zhao', title: null, role: 'admin' },
];

describe('stepCandidates', () => {
  it('takes the members whose title contains the role, ignoring case, or whose workspace role it is', () => {
    expect(stepCandidates({ type: 'role', role: 'Support' }, members)).toEqual(['u-li', 'u-chen']);
    expect(stepCandidates({ type: 'role', role: '客服' }, members)).toEqual(['u-wang']);
    expect(stepCandidates({ type: 'role', role: 'admin' }, members)).toEqual(['u-zhao']);
  });

  it('leaves out members without the skill or the role', () => {
    expect(stepCandidates({ type: 'skill', skill: 'SQL' }, members, new Set(['u-wang', 'u-gone']))).toEqual([
      'u-wang',
    ]);
    expect(stepCandidates({ type: 'skill', skill: 'SQL' }, members)).toEqual([]);
    expect(stepCandidates({ type: 'role', role: 'designer' }, members)).toEqual([]);
  });

  it('names a person only while they are a member; no owner, nobody', () => {
    expect(stepCandidates({ type: 'person', userId: 'u-chen' }, members)).toEqual(['u-chen']);
    expect(stepCandidates({ type: 'person', userId: 'u-left' }, members)).toEqual([]);
    expect(stepCandidates(null, members)).toEqual([]);
  });
});

describe('nextInTurn', () => {
  it('gives the step to whoever never had it, then to the oldest last turn', () => {
    expect(
      nextInTurn(
        ['u-a', 'u-b', 'u-c'],
        new Map([
          ['u-a', '002'],
          ['u-c', '001'],
        ]),
      ),
    ).toBe('u-b');
    expect(
      nextInTurn(
        ['u-a', 'u-b'],
        new Map([
          ['u-a', '005'],
          ['u-b', '003'],
        ]),
      ),
    ).toBe('u-b');
  });

  it('breaks ties by user id, whatever the order of the candidates', () => {
    expect(nextInTurn(['u-c', 'u-a', 'u-b'], new Map())).toBe('u-a');
    expect(
      nextInTurn(
        ['u-c', 'u-b'],
        new Map([
          ['u-b', '007'],
          ['u-c', '007'],
        ]),
      ),
    ).toBe('u-b');
  });

  it('has nobody to pick from an empty list', () => {
    expect(nextInTurn([], new Map([['u-a', '001']]))).toBeNull();
  });

  it('rotates through every candidate across calls, then starts over', () => {
    const lastTurns = new Map<string, string>();
    const picked: string[] = [];
    for (let turn = 1; turn <= 7; turn += 1) {
      const next = nextInTurn(['u-c', 'u-a', 'u-b'], lastTurns);
      if (next === null) throw new Error('nobody picked');
      picked.push(next);
      lastTurns.set(next, String(turn).padStart(3, '0'));
    }
    expect(picked).toEqual(['u-a', 'u-b', 'u-c', 'u-a', 'u-b', 'u-c', 'u-a']);
  });
});

describe('pickAssignee', () => {
  it('gives a named member the step, and falls back to whoever started the case for a non-member', () => {
    const context = { members, fallback: 'u-starter' };
    expect(pickAssignee({ type: 'person', userId: 'u-wang' }, context)).toBe('u-wang');
    expect(pickAssignee({ type: 'person', userId: 'u-left' }, context)).toBe('u-starter');
  });

  it('takes turns among the role’s members', () => {
    const lastTurns = new Map([['u-li', '010']]);
    expect(pickAssignee({ type: 'role', role: 'support' }, { members, lastTurns, fallback: null })).toBe(
      'u-chen',
    );
  });

  it('falls back when no member has the skill, and to nobody when nobody started the case', () => {
    expect(pickAssignee({ type: 'skill', skill: 'Go' }, { members, fallback: 'u-starter' })).toBe(
      'u-starter',
    );
    expect(pickAssignee({ type: 'skill', skill: 'Go' }, { members, fallback: null })).toBeNull();
    expect(pickAssignee(null, { members, fallback: 'u-starter' })).toBe('u-starter');
    expect(
      pickAssignee(
        { type: 'skill', skill: 'Go' },
        { members, skillHolders: new Set(['u-zhao']), fallback: null },
      ),
    ).toBe('u-zhao');
  });

  it('falls back on an empty member list', () => {
    expect(pickAssignee({ type: 'role', role: 'support' }, { members: [], fallback: 'u-starter' })).toBe(
      'u-starter',
    );
  });
});
