import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import { RACI_MESSAGES, raciMatrixWarnings, validateRaci, type RaciAssignment } from './index.ts';

describe('validateRaci', () => {
  it('accepts one Accountable, Responsible people and others Consulted or Informed', () => {
    expect(
      validateRaci([
        { personId: 'wang', role: 'A' },
        { personId: 'li', role: 'R' },
        { personId: 'zhao', role: 'R' },
        { personId: 'chen', role: 'C' },
        { personId: 'sun', role: 'I' },
      ]),
    ).toEqual([]);
  });

  it('lets the Accountable person also be Responsible', () => {
    expect(
      validateRaci([
        { personId: 'wang', role: 'A' },
        { personId: 'wang', role: 'R' },
      ]),
    ).toEqual([]);
  });

  it('reports a task without an owner or anyone doing it', () => {
    expect(validateRaci([])).toEqual([
      { code: 'raci_no_accountable', params: {} },
      { code: 'raci_no_responsible', params: {} },
    ]);
    expect(validateRaci([{ personId: 'chen', role: 'C' }]).map((issue) => issue.code)).toEqual([
      'raci_no_accountable',
      'raci_no_responsible',
    ]);
  });

  it('counts several Accountable people', () => {
    const issues = validateRaci([
      { personId: 'wang', role: 'A' },
      { personId: 'li', role: 'A' },
      { personId: 'zhao', role: 'A' },
      { personId: 'zhao', role: 'R' },
    ]);
    expect(issues).toEqual([
      { code: 'raci_multiple_accountable', params: { count: 3, personIds: 'wang, li, zhao' } },
    ]);
    const [issue] = issues;
    expect(issue && interpolate(RACI_MESSAGES.en[issue.code], issue.params)).toBe(
      '3 people are Accountable (wang, li, zhao); keep exactly one.',
    );
  });

  it('refuses other double roles and repeated roles', () => {
    expect(
      validateRaci([
        { personId: 'wang', role: 'A' },
        { personId: 'li', role: 'I' },
        { personId: 'li', role: 'R' },
        { personId: 'wang', role: 'A' },
        { personId: 'chen', role: 'C' },
        { personId: 'chen', role: 'A' },
        { personId: 'chen', role: 'R' },
      ]),
    ).toEqual([
      { code: 'raci_duplicate_role', params: { personId: 'wang', role: 'A' } },
      { code: 'raci_multiple_accountable', params: { count: 2, personIds: 'wang, chen' } },
      { code: 'raci_multiple_roles', params: { personId: 'li', roles: 'R + I' } },
      { code: 'raci_multiple_roles', params: { personId: 'chen', roles: 'R + A + C' } },
    ]);
  });
});

describe('raciMatrixWarnings', () => {
  const owned = (owner: string, doer: string): RaciAssignment[] => [
    { personId: owner, role: 'A' },
    { personId: doer, role: 'R' },
  ];

  it('lists gaps on open tasks and people Accountable for too many open tasks', () => {
    const warnings = raciMatrixWarnings(
      [
        { id: 't1', status: 'todo', assignments: owned('wang', 'li') },
        { id: 't2', status: 'in_progress', assignments: owned('wang', 'li') },
        { id: 't3', status: 'blocked', assignments: owned('wang', 'zhao') },
        { id: 't4', status: 'done', assignments: owned('wang', 'zhao') },
        { id: 't5', status: 'todo', assignments: [{ personId: 'li', role: 'R' }] },
        { id: 't6', status: 'cancelled', assignments: [] },
        { id: 't7', status: 'todo', assignments: owned('li', 'zhao') },
        { id: 't8', status: 'todo', assignments: owned('li', 'zhao') },
        { id: 't9', status: 'todo', assignments: owned('li', 'zhao') },
        { id: 't10', status: 'todo', assignments: owned('sun', 'zhao') },
      ],
      { maxAccountablePerPerson: 2 },
    );
    expect(warnings.tasks).toEqual([{ taskId: 't5', issues: [{ code: 'raci_no_accountable', params: {} }] }]);
    expect(warnings.people).toEqual([
      {
        personId: 'li',
        taskIds: ['t7', 't8', 't9'],
        issue: { code: 'raci_accountable_overload', params: { personId: 'li', count: 3, max: 2 } },
      },
      {
        personId: 'wang',
        taskIds: ['t1', 't2', 't3'],
        issue: { code: 'raci_accountable_overload', params: { personId: 'wang', count: 3, max: 2 } },
      },
    ]);
    const overload = warnings.people[0]?.issue;
    expect(overload && interpolate(RACI_MESSAGES['zh-CN'][overload.code], overload.params)).toBe(
      'li 是 3 个未完成任务的负责人（A），超过上限 2。',
    );
  });

  it('has the same codes in both languages', () => {
    expect(Object.keys(RACI_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(RACI_MESSAGES.en).sort());
  });
});
