import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import { isOpenTaskStatus } from './status.ts';
import {
  WBS_MESSAGES,
  buildTreeFromWbs,
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
