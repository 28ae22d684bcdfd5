import { describe, expect, it } from 'vitest';
import { layoutFlow, type FlowStepShape } from './flowLayout.ts';

function step(key: string, kind: FlowStepShape['kind'], ...next: Array<[string, string]>): FlowStepShape {
  return {
    key,
    kind,
    outcomes: next.map(([target, label], position) => ({ key: `o${position}`, label, next: target })),
  };
}

const positions = (steps: FlowStepShape[]) =>
  Object.fromEntries(
    layoutFlow(steps, { columnGap: 200, rowGap: 100 }).nodes.map((node) => [node.key, node]),
  );

describe('layoutFlow', () => {
  it('puts a straight flow in one row, a column per step', () => {
    const layout = layoutFlow(
      [
        step('collect', 'start', ['analyse', '完成']),
        step('analyse', 'task', ['reply', '完成']),
        step('reply', 'task', ['end', '完成']),
        step('end', 'end'),
      ],
      { columnGap: 200, rowGap: 100 },
    );
    expect(layout.nodes.map((node) => [node.key, node.x, node.y])).toEqual([
      ['collect', 0, 0],
      ['analyse', 200, 0],
      ['reply', 400, 0],
      ['end', 600, 0],
    ]);
    expect(layout.layerCount).toBe(4);
    expect(layout.maxRows).toBe(1);
    // One way out: no label on the line.
    expect(layout.edges.map((edge) => edge.label)).toEqual([null, null, null]);
  });

  it('spreads the branches of a decision vertically and puts the join after the longest branch', () => {
    const nodes = positions([
      step('check', 'start', ['review', '可用']),
      step('review', 'decision', ['fix', '需修改'], ['publish', '通过']),
      step('fix', 'task', ['polish', '完成']),
      step('polish', 'task', ['publish', '完成']),
      step('publish', 'task', ['end', '完成']),
      step('end', 'end'),
    ]);
    expect(nodes.fix?.layer).toBe(2);
    expect(nodes.polish?.layer).toBe(3);
    // The longest path (via fix and polish), not the shortcut from review.
    expect(nodes.publish?.layer).toBe(4);
    expect(nodes.end?.layer).toBe(5);
    expect(nodes.fix?.y).toBe(0);
  });

  it('places steps sharing a column above and below the middle', () => {
    const nodes = positions([
      step('triage', 'start', ['bug', '缺陷'], ['idea', '建议'], ['question', '咨询']),
      step('bug', 'task', ['end', '完成']),
      step('idea', 'task', ['end', '完成']),
      step('question', 'task', ['end', '完成']),
      step('end', 'end'),
    ]);
    expect([nodes.bug?.y, nodes.idea?.y, nodes.question?.y]).toEqual([-100, 0, 100]);
    expect(new Set([nodes.bug?.x, nodes.idea?.x, nodes.question?.x])).toEqual(new Set([200]));
    expect(nodes.end?.x).toBe(400);
  });

  it('labels the lines of a step with two or more outcomes, and merges outcomes to the same step', () => {
    const layout = layoutFlow([
      step('review', 'start', ['publish', '通过'], ['publish', '小改后通过'], ['end', '放弃']),
      step('publish', 'task', ['end', '完成']),
      step('end', 'end'),
    ]);
    expect(layout.edges).toEqual([
      { source: 'review', target: 'publish', label: '通过 / 小改后通过', isBackEdge: false },
      { source: 'review', target: 'end', label: '放弃', isBackEdge: false },
      { source: 'publish', target: 'end', label: null, isBackEdge: false },
    ]);
  });

  it('ignores a loop back to an earlier step when choosing columns, and marks it', () => {
    const layout = layoutFlow([
      step('draft', 'start', ['review', '提交']),
      step('review', 'decision', ['draft', '退回修改'], ['publish', '通过']),
      step('publish', 'task', ['end', '完成']),
      step('end', 'end'),
    ]);
    expect(layout.nodes.map((node) => [node.key, node.layer])).toEqual([
      ['draft', 0],
      ['review', 1],
      ['publish', 2],
      ['end', 3],
    ]);
    const loop = layout.edges.find((edge) => edge.target === 'draft');
    expect(loop).toMatchObject({ source: 'review', isBackEdge: true, label: '退回修改' });
    expect(layout.edges.filter((edge) => edge.isBackEdge)).toHaveLength(1);
  });

  it('starts from the start step even when it is not listed first, and skips unknown targets', () => {
    const nodes = positions([
      step('end', 'end'),
      step('work', 'task', ['end', '完成'], ['gone', '转交']),
      step('begin', 'start', ['work', '开始']),
    ]);
    expect([nodes.begin?.layer, nodes.work?.layer, nodes.end?.layer]).toEqual([0, 1, 2]);
    expect(layoutFlow([step('a', 'start', ['gone', '完成'])]).edges).toEqual([]);
    expect(layoutFlow([])).toEqual({ nodes: [], edges: [], layerCount: 0, maxRows: 0 });
  });
});
