import type { Locale } from '../i18n/index.ts';

/**
 * Work breakdown structure codes ('1', '1.2', '1.2.3') for the task tree: milestone → task → subtask.
 *
 * Choices:
 * - A code is the 1-based rank among siblings ordered by `position` (ties by id), never the position
 *   itself, so positions may be sparse or fractional (1000, 1500, 2000) as drag-and-drop leaves them.
 * - A node whose parent is not in the list is numbered as a root, so a partial list still gets codes.
 *   Nodes on a parent cycle (a → b → a) cannot be reached from any root and get no code.
 * - On import, codes are read leniently ('1.2.', ' 1.02 ') and compared in their canonical form ('1.2').
 *   A row whose parent code is missing hangs under its nearest listed ancestor (or at the top) so the rest
 *   of the import can still be shown, and the row is reported.
 */

export type WbsNode = { id: string; parentId: string | null; position: number };

/** WBS codes of every reachable node, keyed by id. */
export function wbsCodes(nodes: readonly WbsNode[]): Map<string, string> {
  const ids = new Set(nodes.map((node) => node.id));
  const children = new Map<string | null, WbsNode[]>();
  for (const node of nodes) {
    const parent = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(node);
    else children.set(parent, [node]);
  }
  for (const siblings of children.values()) {
    siblings.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const codes = new Map<string, string>();
  // An explicit stack: a deep import must not overflow the call stack.
  const pending: Array<{ node: WbsNode; code: string }> = [];
  const pushChildren = (parent: string | null, prefix: string): void => {
    const siblings = children.get(parent) ?? [];
    for (let index = siblings.length - 1; index >= 0; index -= 1) {
      const node = siblings[index];
      if (node) pending.push({ node, code: prefix === '' ? `${index + 1}` : `${prefix}.${index + 1}` });
    }
  };
  pushChildren(null, '');
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    if (codes.has(entry.node.id)) continue;
    codes.set(entry.node.id, entry.code);
    pushChildren(entry.node.id, entry.code);
  }
  return codes;
}

/**
 * The first `limit` tasks in WBS order that `inScope` keeps, with their codes as `wbsCodes` gives them, reading
 * only the part of the tree it walks: `childrenOf(parent, wanted)` lists a node's children (the top when null) in
 * sibling order (position, then id), and may stop after `wanted` of them, as a read with a LIMIT does (every
 * sibling kept then: `inScope` keeps all). A node `inScope` refuses is not walked into: in a goal's subtree no
 * task outside it has one inside below it. A node met twice (a parent cycle) is walked once.
 */
export async function firstInWbsOrder(
  childrenOf: (parentId: string | null, wanted: number) => Promise<readonly string[]> | readonly string[],
  limit: number,
  inScope: (id: string) => boolean = () => true,
): Promise<{ ids: string[]; codes: Map<string, string> }> {
  const ids: string[] = [];
  const codes = new Map<string, string>();
  if (limit <= 0) return { ids, codes };
  const seen = new Set<string>();
  const stack: Array<{ children: readonly string[]; next: number; prefix: string }> = [
    { children: await childrenOf(null, limit), next: 0, prefix: '' },
  ];
  while (stack.length > 0 && ids.length < limit) {
    const frame = stack[stack.length - 1];
    if (!frame || frame.next >= frame.children.length) {
      stack.pop();
      continue;
    }
    const index = frame.next;
    frame.next += 1;
    const id = frame.children[index];
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    if (!inScope(id)) continue;
    const code = frame.prefix === '' ? `${index + 1}` : `${frame.prefix}.${index + 1}`;
    ids.push(id);
    codes.set(id, code);
    if (ids.length < limit)
      stack.push({ children: await childrenOf(id, limit - ids.length), next: 0, prefix: code });
  }
  return { ids, codes };
}

/**
 * The path from the top of the tree down to each of `ids` through `nodes` (those tasks and their ancestors, in
 * any order), for their codes without the whole tree: a code is the rank of each node of the path among its
 * siblings. A node whose parent is not listed is the top, as in `wbsCodes`; null for an id not listed or sitting
 * on a parent cycle (no code then, as in `wbsCodes`). The nodes are indexed once for all the ids: a board page
 * asks for 200.
 */
export function pathsToRoot(
  nodes: readonly WbsNode[],
  ids: readonly string[],
): Map<string, WbsNode[] | null> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const paths = new Map<string, WbsNode[] | null>();
  for (const id of ids) {
    const path: WbsNode[] = [];
    const seen = new Set<string>();
    let onCycle = false;
    for (let node = byId.get(id); node !== undefined; node = byId.get(node.parentId ?? '')) {
      if (seen.has(node.id)) {
        onCycle = true;
        break;
      }
      seen.add(node.id);
      path.push(node);
      if (node.parentId === null) break;
    }
    paths.set(id, onCycle || path.length === 0 ? null : path.reverse());
  }
  return paths;
}

/** The code from each level's 0-based rank among its siblings, top first ([0, 1, 2] → '1.2.3'). */
export function wbsCodeFromRanks(ranks: readonly number[]): string {
  return ranks.map((rank) => rank + 1).join('.');
}

const SEGMENT = /^\d{1,9}$/;

/** The numbers of a WBS code ('1.2.3' → [1, 2, 3]); null when it is not one. A trailing dot is allowed. */
export function parseWbsCode(code: string): number[] | null {
  let text = code.trim();
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (text === '') return null;
  const numbers: number[] = [];
  for (const segment of text.split('.')) {
    if (!SEGMENT.test(segment)) return null;
    const value = Number(segment);
    if (value < 1) return null;
    numbers.push(value);
  }
  return numbers;
}

export type WbsIssueCode = 'wbs_invalid_code' | 'wbs_duplicate_code' | 'wbs_missing_parent';

export type WbsIssue = { code: WbsIssueCode; params: Record<string, string | number> };

export type WbsTreeRow = {
  row: number;
  /** Canonical form of the code. */
  code: string;
  parentCode: string | null;
  depth: number;
  /** The last number of the code: the place among siblings. */
  position: number;
};

/** Messages for the WBS import issues. */
export const WBS_MESSAGES = {
  en: {
    wbs_invalid_code: 'Row {row}: "{value}" is not a WBS code such as 1.2.3.',
    wbs_duplicate_code: 'Row {row}: code {code} is already used on row {firstRow}.',
    wbs_missing_parent: 'Row {row}: code {code} needs a row with code {parentCode}.',
  },
  'zh-CN': {
    wbs_invalid_code: '第 {row} 行：“{value}”不是 1.2.3 这样的 WBS 编号。',
    wbs_duplicate_code: '第 {row} 行：编号 {code} 已在第 {firstRow} 行使用。',
    wbs_missing_parent: '第 {row} 行：编号 {code} 缺少上级编号 {parentCode} 所在的行。',
  },
} as const satisfies Record<Locale, Record<WbsIssueCode, string>>;

/** Parent code of every usable import row, with issues for malformed, duplicate and orphaned codes. */
export function buildTreeFromWbs(rows: ReadonlyArray<{ code: string; row: number }>): {
  rows: WbsTreeRow[];
  issues: WbsIssue[];
} {
  const issues: WbsIssue[] = [];
  const accepted: Array<{ row: number; numbers: number[]; code: string }> = [];
  const firstRowOf = new Map<string, number>();
  for (const { code, row } of rows) {
    const numbers = parseWbsCode(code);
    if (numbers === null) {
      issues.push({ code: 'wbs_invalid_code', params: { row, value: code } });
      continue;
    }
    const canonical = numbers.join('.');
    const firstRow = firstRowOf.get(canonical);
    if (firstRow !== undefined) {
      issues.push({ code: 'wbs_duplicate_code', params: { row, code: canonical, firstRow } });
      continue;
    }
    firstRowOf.set(canonical, row);
    accepted.push({ row, numbers, code: canonical });
  }
  const tree = accepted.map(({ row, numbers, code }): WbsTreeRow => {
    const depth = numbers.length;
    const position = numbers[depth - 1] ?? 1;
    if (depth === 1) return { row, code, parentCode: null, depth, position };
    const parentCode = numbers.slice(0, -1).join('.');
    if (firstRowOf.has(parentCode)) return { row, code, parentCode, depth, position };
    issues.push({ code: 'wbs_missing_parent', params: { row, code, parentCode } });
    let ancestor: string | null = null;
    for (let length = depth - 2; length >= 1 && ancestor === null; length -= 1) {
      const candidate = numbers.slice(0, length).join('.');
      if (firstRowOf.has(candidate)) ancestor = candidate;
    }
    return { row, code, parentCode: ancestor, depth, position };
  });
  issues.sort((a, b) => Number(a.params.row) - Number(b.params.row));
  return { rows: tree, issues };
}
