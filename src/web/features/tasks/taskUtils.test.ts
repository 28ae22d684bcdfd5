import { addDays, daysBetween } from '../../../core/days/index.ts';
import { describe, expect, it } from 'vitest';
import {
  accountableAndResponsible,
  cellOf,
  compareWbs,
  isOverdue,
  raciGaps,
  wbsDepth,
  withCell,
  withCellMovingAccountable,
} from './taskUtils.ts';

describe('task helpers', () => {
  it('orders WBS codes part by part', () => {
    expect(['2', '1.10', '1', '1.2', '1.2.1'].sort(compareWbs)).toEqual(['1', '1.2', '1.2.1', '1.10', '2']);
    expect(wbsDepth('1')).toBe(0);
    expect(wbsDepth('1.2.3')).toBe(2);
  });

  it('calls an open task overdue only after its due day', () => {
    expect(isOverdue({ status: 'todo', dueDate: '2025-06-01' }, '2025-06-02')).toBe(true);
    expect(isOverdue({ status: 'todo', dueDate: '2025-06-02' }, '2025-06-02')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2025-06-01' }, '2025-06-02')).toBe(false);
    expect(isOverdue({ status: 'blocked', dueDate: null }, '2025-06-02')).toBe(false);
  });

  it('moves A to the person who is given it, who keeps their other roles', () => {
    const roles = [
      { userId: 'a', role: 'A' as const },
      { userId: 'a', role: 'R' as const },
      { userId: 'b', role: 'C' as const },
    ];
    expect(withCellMovingAccountable(roles, 'b', 'A')).toEqual([
      { userId: 'a', role: 'R' },
      { userId: 'b', role: 'A' },
    ]);
    expect(withCellMovingAccountable(roles, 'b', 'AR')).toEqual([
      { userId: 'a', role: 'R' },
      { userId: 'b', role: 'A' },
      { userId: 'b', role: 'R' },
    ]);
    expect(withCellMovingAccountable(roles, 'b', 'I')).toEqual(withCell(roles, 'b', 'I'));
  });

  it('reads and writes one RACI cell, keeping A with R as one value', () => {
    const roles = [
      { userId: 'a', role: 'A' as const },
      { userId: 'a', role: 'R' as const },
      { userId: 'b', role: 'C' as const },
    ];
    expect(cellOf(roles, 'a')).toBe('AR');
    expect(cellOf(roles, 'b')).toBe('C');
    expect(cellOf(roles, 'c')).toBeNull();
    expect(withCell(roles, 'b', 'R')).toEqual([
      { userId: 'a', role: 'A' },
      { userId: 'a', role: 'R' },
      { userId: 'b', role: 'R' },
    ]);
    expect(withCell(roles, 'a', 'A')).toEqual([
      { userId: 'b', role: 'C' },
      { userId: 'a', role: 'A' },
    ]);
    expect(withCell(roles, 'b', null)).toEqual([
      { userId: 'a', role: 'A' },
      { userId: 'a', role: 'R' },
    ]);
    expect(raciGaps(withCell(roles, 'b', 'A'))).toEqual({ accountable: 2, hasResponsible: true });
  });

  it('counts calendar days', () => {
    expect(daysBetween('2025-03-29', '2025-04-02')).toBe(4);
    expect(addDays('2025-02-27', 2)).toBe('2025-03-01');
  });

  it('shows each Accountable and Responsible person once, with both roles, and nobody else', () => {
    expect(
      accountableAndResponsible([
        { userId: 'li', name: 'Li', role: 'C' },
        { userId: 'wang', name: 'Wang', role: 'A' },
        { userId: 'zhao', name: 'Zhao', role: 'R' },
        { userId: 'wang', name: 'Wang', role: 'R' },
        { userId: 'chen', name: 'Chen', role: 'I' },
      ]),
    ).toEqual([
      { userId: 'wang', name: 'Wang', roles: ['A', 'R'] },
      { userId: 'zhao', name: 'Zhao', roles: ['R'] },
    ]);
    expect(accountableAndResponsible([{ userId: 'li', name: 'Li', role: 'C' }])).toEqual([]);
  });
});
