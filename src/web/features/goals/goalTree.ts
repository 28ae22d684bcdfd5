/** The alignment tree built from the flat goal list, and filtering that keeps the path to each match. */

export type TreeGoal = { id: string; parentId: string | null };
export type GoalTreeNode<G extends TreeGoal> = G & { children?: GoalTreeNode<G>[] };

/**
 * Nests goals under their parents, keeping the list's order among siblings. A goal whose parent is not in
 * the list (filtered away or not visible) becomes a root, so nothing disappears.
 */
export function buildGoalTree<G extends TreeGoal>(goals: readonly G[]): GoalTreeNode<G>[] {
  const ids = new Set(goals.map((goal) => goal.id));
  const childrenOf = new Map<string | null, G[]>();
  for (const goal of goals) {
    const parent = goal.parentId !== null && ids.has(goal.parentId) ? goal.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), goal]);
  }
  const visit = (goal: G, seen: Set<string>): GoalTreeNode<G> => {
    const next = new Set(seen).add(goal.id);
    const children = (childrenOf.get(goal.id) ?? [])
      .filter((child) => !next.has(child.id))
      .map((child) => visit(child, next));
    // antd tables draw an expand button for any `children` array, so leaves get none.
    return children.length > 0 ? { ...goal, children } : { ...goal };
  };
  return (childrenOf.get(null) ?? []).map((goal) => visit(goal, new Set()));
}

/** Keeps the goals that match and every ancestor on the way to them, so the tree still reads. */
export function filterGoalTree<G extends TreeGoal>(
  roots: readonly GoalTreeNode<G>[],
  matches: (goal: G) => boolean,
): GoalTreeNode<G>[] {
  return roots.flatMap((node) => {
    const children = filterGoalTree(node.children ?? [], matches);
    if (!matches(node) && children.length === 0) return [];
    const kept: GoalTreeNode<G> = { ...node };
    if (children.length > 0) kept.children = children;
    else delete kept.children;
    return [kept];
  });
}

/** Every id in the tree that has children: the rows to open by default. */
export function expandableIds<G extends TreeGoal>(roots: readonly GoalTreeNode<G>[]): string[] {
  return roots.flatMap((node) =>
    node.children && node.children.length > 0 ? [node.id, ...expandableIds(node.children)] : [],
  );
}

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
