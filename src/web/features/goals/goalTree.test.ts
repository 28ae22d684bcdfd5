import { describe, expect, it } from 'vitest';
import { buildGoalTree, expandableIds, filterGoalTree } from './goalTree.ts';

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
