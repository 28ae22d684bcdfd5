import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import { mulberry32 } from '../processes/eventlog.testing.ts';
import { isOpenTaskStatus } from './status.ts';
import {
  WBS_MESSAGES,
  buildTreeFromWbs,
  firstInWbsOrder,
  parseWbsCode,
  pathsToRoot,
  wbsCodeFromRanks,
  wbsCodes,
  type WbsNode,
} from './wbs.ts';

describe('wbsCodes', () => {
  it('numbers siblings by position rank, not by the position values', () => {
    const codes = wbsCodes([
      { id: 'launch', parentId: null, position: 2000 },
      { id: 'research', parentId: null, position: 1000 },
      { id: 'survey', parentId: 'research', position: 5 },
      { id: 'interviews', parentId: 'research', position: 1.5 },
      { id: 'report', parentId: 'research', position: 7 },
      { id: 'draft', parentId: 'report', position: 0 },
      { id: 'review', parentId: 'report', position: 0 },
      { id: 'announce', parentId: 'launch', position: 1 },
    ]);
    expect(Object.fromEntries(codes)).toEqual({
      research: '1',
      interviews: '1.1',
      survey: '1.2',
      report: '1.3',
      draft: '1.3.1',
      review: '1.3.2',
      launch: '2',
      announce: '2.1',
    });
  });

  it('numbers a node with an unknown parent as a root and leaves parent cycles out', () => {
    const codes = wbsCodes([
      { id: 'a', parentId: null, position: 1 },
      { id: 'orphan', parentId: 'gone', position: 2 },
      { id: 'x', parentId: 'y', position: 1 },
      { id: 'y', parentId: 'x', position: 1 },
    ]);
    expect(Object.fromEntries(codes)).toEqual({ a: '1', orphan: '2' });
  });

  it('copes with a 10,000-level chain', () => {
    const nodes = Array.from({ length: 10_000 }, (_, index) => ({
      id: `n${index}`,
      parentId: index === 0 ? null : `n${index - 1}`,
      position: 0,
    }));
    expect(wbsCodes(nodes).get('n9999')?.split('.').length).toBe(10_000);
  });
});

describe('pathsToRoot and wbsCodeFromRanks', () => {
  it('give one task the code the whole tree gives it, from its ancestors and their sibling ranks', () => {
    // A seeded tree with repeated positions, so ties by id matter.
    let seed = 7;
    const next = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % below;
    };
    const nodes: WbsNode[] = [];
    for (let index = 0; index < 300; index += 1) {
      const parent = index < 5 || next(4) === 0 ? null : nodes[next(nodes.length)];
      nodes.push({ id: `t${(index * 7919) % 1000}`, parentId: parent?.id ?? null, position: next(5) });
    }
    const rank = (node: WbsNode) =>
      nodes.filter(
        (other) =>
          other.parentId === node.parentId &&
          (other.position < node.position || (other.position === node.position && other.id < node.id)),
      ).length;
    const whole = wbsCodes(nodes);
    const paths = pathsToRoot(
      nodes,
      nodes.map((node) => node.id),
    );
    for (const node of nodes) {
      const path = paths.get(node.id);
      expect(path?.at(-1)?.id).toBe(node.id);
      expect(wbsCodeFromRanks((path ?? []).map(rank))).toBe(whole.get(node.id));
    }
  });

  it('has no path for an unknown task or one on a parent cycle', () => {
    const nodes = [
      { id: 'x', parentId: 'y', position: 1 },
      { id: 'y', parentId: 'x', position: 1 },
      { id: 'orphan', parentId: 'gone', position: 0 },
    ];
    const paths = pathsToRoot(nodes, ['x', 'nope', 'orphan']);
    expect(paths.get('x')).toBeNull();
    expect(paths.get('nope')).toBeNull();
    expect(paths.get('orphan')?.map((node) => node.id)).toEqual(['orphan']);
  });
});

describe('parseWbsCode', () => {
  it('reads codes leniently and refuses anything else', () => {
    expect(parseWbsCode('1.2.3')).toEqual([1, 2, 3]);
    expect(parseWbsCode(' 1.02. ')).toEqual([1, 2]);
    expect(parseWbsCode('7')).toEqual([7]);
    for (const bad of ['', '.', '1..2', '0', '1.0', 'a.1', '1.-2', '1.2a', '1 .2']) {
      expect(parseWbsCode(bad)).toBeNull();
    }
  });
});

describe('buildTreeFromWbs', () => {
  it('links rows to their parents and reports malformed, duplicate and orphaned codes by row', () => {
    const { rows, issues } = buildTreeFromWbs([
      { code: '1', row: 2 },
      { code: '1.1', row: 3 },
      { code: '1.2', row: 4 },
      { code: '1.2.1', row: 5 },
      { code: '1.01', row: 6 },
      { code: 'x', row: 7 },
      { code: '1.3.4.1', row: 8 },
      { code: '2.1', row: 9 },
    ]);
    expect(rows).toEqual([
      { row: 2, code: '1', parentCode: null, depth: 1, position: 1 },
      { row: 3, code: '1.1', parentCode: '1', depth: 2, position: 1 },
      { row: 4, code: '1.2', parentCode: '1', depth: 2, position: 2 },
      { row: 5, code: '1.2.1', parentCode: '1.2', depth: 3, position: 1 },
      { row: 8, code: '1.3.4.1', parentCode: '1', depth: 4, position: 1 },
      { row: 9, code: '2.1', parentCode: null, depth: 2, position: 1 },
    ]);
    expect(issues).toEqual([
      { code: 'wbs_duplicate_code', params: { row: 6, code: '1.1', firstRow: 3 } },
      { code: 'wbs_invalid_code', params: { row: 7, value: 'x' } },
      { code: 'wbs_missing_parent', params: { row: 8, code: '1.3.4.1', parentCode: '1.3.4' } },
      { code: 'wbs_missing_parent', params: { row: 9, code: '2.1', parentCode: '2' } },
    ]);
    const first = issues[0];
    expect(first && interpolate(WBS_MESSAGES['zh-CN'][first.code], first.params)).toBe(
      '第 6 行：编号 1.1 已在第 3 行使用。',
    );
  });

  it('accepts a parent listed after its child', () => {
    const { rows, issues } = buildTreeFromWbs([
      { code: '1.1', row: 1 },
      { code: '1', row: 2 },
    ]);
    expect(issues).toEqual([]);
    expect(rows[0]?.parentCode).toBe('1');
  });

  it('has the same codes in both languages', () => {
    expect(Object.keys(WBS_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(WBS_MESSAGES.en).sort());
  });
});

describe('isOpenTaskStatus', () => {
  it('closes done and cancelled tasks only', () => {
    expect(['todo', 'in_progress', 'blocked', 'done', 'cancelled'].map(isOpenTaskStatus)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('firstInWbsOrder', () => {
  /** A random forest with shared positions (ties broken by id) and its children lists in sibling order. */
  function forest(seed: number, size: number) {
    const random = mulberry32(seed);
    const nodes: WbsNode[] = [];
    for (let index = 0; index < size; index += 1) {
      const parent = index > 0 && random() < 0.8 ? nodes[Math.floor(random() * index)] : undefined;
      nodes.push({
        id: `n${String(Math.floor(random() * 1e6)).padStart(6, '0')}-${index}`,
        parentId: parent?.id ?? null,
        position: Math.floor(random() * 4),
      });
    }
    const children = new Map<string | null, WbsNode[]>();
    for (const node of nodes) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
    for (const list of children.values())
      list.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const reads: number[] = [];
    const childrenOf = (parent: string | null, wanted: number) => {
      const list = (children.get(parent) ?? []).slice(0, wanted).map((node) => node.id);
      reads.push(list.length);
      return Promise.resolve(list);
    };
    return { nodes, childrenOf, reads };
  }

  it('gives the first tasks of wbsCodes’ order with the same codes, reading about as many rows as it keeps', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { nodes, childrenOf, reads } = forest(seed, 400);
      const all = wbsCodes(nodes);
      const first = await firstInWbsOrder(childrenOf, 50);
      expect(first.ids).toEqual([...all.keys()].slice(0, 50));
      for (const id of first.ids) expect(first.codes.get(id)).toBe(all.get(id));
      // The top's read and each kept task's children, each cut to what is still wanted.
      expect(reads.length).toBeLessThanOrEqual(51);
      expect(reads.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(50 * 51);
    }
  });

  it('keeps only tasks in scope, not walking below one outside it, and stops at the end of a small tree', async () => {
    const { nodes, childrenOf } = forest(7, 300);
    const all = wbsCodes(nodes);
    const parentOf = new Map(nodes.map((node) => [node.id, node.parentId]));
    // In scope: the subtrees of the top-level tasks of even rank, as a goal's tasks and everything below them.
    const tops = [...all]
      .filter(([, code]) => !code.includes('.') && Number(code) % 2 === 0)
      .map(([id]) => id);
    const inside = (id: string): boolean => {
      for (let at: string | null | undefined = id; at; at = parentOf.get(at))
        if (tops.includes(at)) return true;
      return false;
    };
    const first = await firstInWbsOrder(childrenOf, 40, inside);
    const expected = [...all.keys()].filter(inside).slice(0, 40);
    expect(first.ids).toEqual(expected);
    for (const id of first.ids) expect(first.codes.get(id)).toBe(all.get(id));
    const everything = await firstInWbsOrder(childrenOf, 10_000);
    expect(everything.ids).toEqual([...all.keys()]);
    expect((await firstInWbsOrder(childrenOf, 0)).ids).toEqual([]);
  });
});
