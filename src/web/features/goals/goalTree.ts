/** The goal tree's visible rows, loaded a level at a time. */

/** Rows the tree draws in its first paint: more than a tall screen shows; the rest follow right after. */
export const FIRST_PAINT_ROWS = 20;

export type TreeGoal = { id: string; parentId: string | null };

/** A row of the lazily loaded tree: a goal at its depth, or the "more sub-goals" row after a partial level. */
export type LazyTreeRow<G extends TreeGoal> =
  | { kind: 'goal'; key: string; goal: G; depth: number; expanded: boolean; loading: boolean }
  | { kind: 'more'; key: string; parentId: string; depth: number };

/** What the tree knows of each expanded goal's sub-goals: loaded so far, and whether the server has more. */
export type LoadedLevel<G> = { items: readonly G[]; hasMore: boolean } | undefined;

/**
 * The visible rows of a tree loaded a level at a time: each top-level goal, and under every expanded goal its
 * sub-goals once they have arrived, depth first. A goal already on the path is not shown again (a cycle in
 * bad data cannot loop).
 */
export function flattenLazyTree<G extends TreeGoal>(
  roots: readonly G[],
  expanded: ReadonlySet<string>,
  levelOf: (goalId: string) => LoadedLevel<G>,
): LazyTreeRow<G>[] {
  const rows: LazyTreeRow<G>[] = [];
  const visit = (goals: readonly G[], depth: number, path: ReadonlySet<string>) => {
    for (const goal of goals) {
      if (path.has(goal.id)) continue;
      const isOpen = expanded.has(goal.id);
      const level = isOpen ? levelOf(goal.id) : undefined;
      rows.push({ kind: 'goal', key: goal.id, goal, depth, expanded: isOpen, loading: isOpen && !level });
      if (!level) continue;
      const inner = new Set(path).add(goal.id);
      visit(level.items, depth + 1, inner);
      if (level.hasMore)
        rows.push({ kind: 'more', key: `more:${goal.id}`, parentId: goal.id, depth: depth + 1 });
    }
  };
  visit(roots, 0, new Set());
  return rows;
}
