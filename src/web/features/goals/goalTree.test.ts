import { describe, expect, it } from 'vitest';
import { flattenLazyTree } from './goalTree.ts';

describe('flattenLazyTree', () => {
  const goal = (id: string, parentId: string | null = null) => ({ id, parentId });
  it('shows expanded levels that have arrived, depth first, with a "more" row after a partial level', () => {
    const roots = [goal('a'), goal('b'), goal('c')];
    const levels = new Map([
      ['a', { items: [goal('a1', 'a'), goal('a2', 'a')], hasMore: true }],
      ['a1', { items: [goal('a11', 'a1')], hasMore: false }],
    ]);
    const rows = flattenLazyTree(roots, new Set(['a', 'a1', 'b']), (id) => levels.get(id));
    expect(rows.map((row) => `${row.kind}:${row.key}:${row.depth}`)).toEqual([
      'goal:a:0',
      'goal:a1:1',
      'goal:a11:2',
      'goal:a2:1',
      'more:more:a:1',
      'goal:b:0',
      'goal:c:0',
    ]);
    // b is expanded but its level has not arrived: it shows as loading.
    expect(rows.find((row) => row.key === 'b')).toMatchObject({ expanded: true, loading: true });
    expect(rows.find((row) => row.key === 'c')).toMatchObject({ expanded: false, loading: false });
  });

  it('does not loop on a cycle in bad data', () => {
    const rows = flattenLazyTree([goal('a')], new Set(['a', 'b']), (id) =>
      id === 'a' ? { items: [goal('b', 'a')], hasMore: false } : { items: [goal('a', 'b')], hasMore: false },
    );
    expect(rows.map((row) => row.key)).toEqual(['a', 'b']);
  });
});
