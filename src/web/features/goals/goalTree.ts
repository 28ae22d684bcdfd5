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
