import { describe, expect, it } from 'vitest';
import { filtersFromView, parseTaskFilters, sameTaskFilters, writeTaskFilters } from './taskFilters.ts';

describe('task filters in the address and in saved views', () => {
  it('round-trips the filter object the address holds through a saved view', () => {
    const filters = parseTaskFilters(
      new URLSearchParams(
        'status=todo,blocked&goal=g1&label=渠道&q=投放&from=2026-07-01&sort=priority&mine=1',
      ),
    );
    const stored = JSON.parse(JSON.stringify(filters)) as Record<string, unknown>;
    expect(filtersFromView(stored)).toEqual(filters);
    expect(writeTaskFilters(new URLSearchParams('task=t1'), filtersFromView(stored)).toString()).toBe(
      'task=t1&status=todo%2Cblocked&goal=g1&label=%E6%B8%A0%E9%81%93&q=%E6%8A%95%E6%94%BE&from=2026-07-01&sort=priority&mine=1',
    );
  });

  it('shows the WBS tree by default and keeps another order in the address', () => {
    expect(parseTaskFilters(new URLSearchParams()).sort).toBe('wbs');
    expect(writeTaskFilters(new URLSearchParams('sort=due'), { sort: 'wbs' }).toString()).toBe('');
    expect(writeTaskFilters(new URLSearchParams(), { sort: 'due' }).toString()).toBe('sort=due');
  });

  it('falls back to no filter for what a view cannot mean', () => {
    expect(
      filtersFromView({ statuses: ['todo', 'nonsense', 3], sort: 'sideways', isMine: 'yes', goalId: 7 }),
    ).toEqual(parseTaskFilters(new URLSearchParams('status=todo')));
    expect(filtersFromView({})).toEqual(parseTaskFilters(new URLSearchParams()));
  });

  it('applying a view clears the filters it does not set', () => {
    const next = writeTaskFilters(
      new URLSearchParams('q=old&assignee=u1&task=t9'),
      filtersFromView({ label: '周报' }),
    );
    expect(Object.fromEntries(next)).toEqual({ task: 't9', label: '周报' });
  });

  it('compares filters regardless of status order', () => {
    const a = parseTaskFilters(new URLSearchParams('status=todo,done'));
    const b = parseTaskFilters(new URLSearchParams('status=done,todo'));
    expect(sameTaskFilters(a, b)).toBe(true);
    expect(sameTaskFilters(a, parseTaskFilters(new URLSearchParams('status=todo')))).toBe(false);
  });
});
