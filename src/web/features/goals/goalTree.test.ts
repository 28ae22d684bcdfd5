import { describe, expect, it } from 'vitest';
import { buildGoalTree, expandableIds, filterGoalTree, flattenLazyTree } from './goalTree.ts';

const goals = [
  { id: 'a', parentId: null, health: 'on_track' },
  { id: 'b', parentId: 'a', health: 'off_track' },
  { id: 'c', parentId: 'b', health: 'on_track' },
  { id: 'd', parentId: null, health: 'at_risk' },
  { id: 'e', parentId: 'missing', health: 'no_data' },
];

describe('goal tree', () => {
  it('nests goals under their parents and keeps orphans as roots', () => {
    const tree = buildGoalTree(goals);
    expect(tree.map((node) => node.id)).toEqual(['a', 'd', 'e']);
    expect(tree[0]?.children?.[0]?.children?.[0]?.id).toBe('c');
    expect(tree[1]?.children).toBeUndefined();
    expect(expandableIds(tree)).toEqual(['a', 'b']);
  });

  it('keeps the ancestors of a match when filtering', () => {
    const tree = filterGoalTree(buildGoalTree(goals), (goal) => goal.health === 'off_track');
    expect(tree.map((node) => node.id)).toEqual(['a']);
    expect(tree[0]?.children?.map((node) => node.id)).toEqual(['b']);
    expect(tree[0]?.children?.[0]?.children).toBeUndefined();
  });
});

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
