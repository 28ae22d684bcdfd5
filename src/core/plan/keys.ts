/**
 * Keys for a plan read from a workspace. A key a plan.yaml gave an object on import is kept; every other object
 * gets a readable one derived from its place — goals `g1`, `g1.2` by tree order, tasks `t` + WBS code
 * (`t1.2`), processes `p1`, routines `r1` — so exporting the same workspace twice gives the same keys.
 */

export type KeyedNode = { id: string; parentId: string | null };

/** Outline numbers (`1`, `1.2`) of a forest given in sibling order; nodes whose parent is absent are roots. */
export function outlineNumbers(nodes: readonly KeyedNode[]): Map<string, string> {
  const ids = new Set(nodes.map((node) => node.id));
  const children = new Map<string | null, string[]>();
  for (const node of nodes) {
    const parent = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null;
    const list = children.get(parent);
    if (list) list.push(node.id);
    else children.set(parent, [node.id]);
  }
  const numbers = new Map<string, string>();
  const pending: Array<{ id: string; number: string }> = [];
  const push = (parent: string | null, prefix: string) => {
    const list = children.get(parent) ?? [];
    for (let index = list.length - 1; index >= 0; index -= 1) {
      const id = list[index];
      if (id !== undefined) pending.push({ id, number: prefix ? `${prefix}.${index + 1}` : `${index + 1}` });
    }
  };
  push(null, '');
  for (let entry = pending.pop(); entry; entry = pending.pop()) {
    if (numbers.has(entry.id)) continue;
    numbers.set(entry.id, entry.number);
    push(entry.id, entry.number);
  }
  return numbers;
}

/**
 * Final keys: the stored key when there is one, else `prefix + derived`, made unique against every key already
 * given (a stored `t2` wins over a derived `t2`, which becomes `t2-2`).
 */
export function assignKeys(
  ids: readonly string[],
  stored: ReadonlyMap<string, string>,
  derived: (id: string, index: number) => string,
): Map<string, string> {
  const taken = new Set<string>();
  const keys = new Map<string, string>();
  for (const id of ids) {
    const key = stored.get(id);
    if (key !== undefined && !taken.has(key)) {
      taken.add(key);
      keys.set(id, key);
    }
  }
  ids.forEach((id, index) => {
    if (keys.has(id)) return;
    const base = derived(id, index);
    let key = base;
    for (let n = 2; taken.has(key); n += 1) key = `${base}-${n}`;
    taken.add(key);
    keys.set(id, key);
  });
  return keys;
}
