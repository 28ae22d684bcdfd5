import { describe, expect, it } from 'vitest';
import { validateProcess, type ProcessStep } from './graph.ts';
import { addLogSteps } from './logsteps.ts';

const owner = { type: 'person' as const, userId: 'u1' };
const step = (key: string, kind: ProcessStep['kind'], next: string[]): ProcessStep => ({
  key,
  name: key,
  kind,
  owner: kind === 'end' ? null : owner,
  slaHours: null,
  checklist: [],
  fields: [],
  outcomes: next.map((target, index) => ({ key: `o${index}`, label: `o${index}`, next: target })),
});

const FLOW = [
  step('receive', 'start', ['check']),
  step('check', 'decision', ['reply', 'receive']),
  step('reply', 'task', ['end']),
  step('end', 'end', []),
];
const keyOf = (name: string) => (FLOW.some((s) => s.key === name) ? name : null);

describe('addLogSteps', () => {
  it('puts each missing step after the step the log shows before it, spliced into its outcome', () => {
    const added = addLogSteps(
      FLOW,
      ['回访', '归档'],
      ['receive', 'check', 'reply', '回访', '归档'],
      keyOf,
      'u9',
      'zh-CN',
    );
    expect(added).not.toBeNull();
    const steps = added?.steps ?? [];
    expect(steps.map((s) => s.key)).toEqual(['receive', 'check', 'reply', 'step_1', 'step_2', 'end']);
    expect(steps.find((s) => s.key === 'reply')?.outcomes[0]?.next).toBe('step_1');
    expect(steps.find((s) => s.key === 'step_1')).toMatchObject({
      name: '回访',
      kind: 'task',
      owner: { type: 'person', userId: 'u9' },
      outcomes: [{ key: 'done', label: '完成', next: 'step_2' }],
    });
    expect(steps.find((s) => s.key === 'step_2')?.outcomes[0]?.next).toBe('end');
    expect([...(added?.keys ?? [])]).toEqual([
      ['回访', 'step_1'],
      ['归档', 'step_2'],
    ]);
    expect(validateProcess(steps)).toEqual([]);
  });

  it('after a branching step, goes after the last single-outcome step; first in the log, after the start', () => {
    const added = addLogSteps(
      FLOW,
      ['Triage', 'Escalate'],
      ['Triage', 'receive', 'check', 'Escalate'],
      keyOf,
      'u9',
      'en',
    );
    const steps = added?.steps ?? [];
    expect(steps.find((s) => s.key === 'receive')?.outcomes[0]?.next).toBe('step_1');
    expect(steps.find((s) => s.key === 'step_1')?.outcomes[0]).toEqual({
      key: 'done',
      label: 'Done',
      next: 'check',
    });
    expect(steps.find((s) => s.key === 'reply')?.outcomes[0]?.next).toBe('step_2');
    expect(validateProcess(steps)).toEqual([]);
  });

  it('skips keys already taken and gives up when no step has a single outcome', () => {
    const taken = [...FLOW.slice(0, 3), step('step_4', 'task', ['end']), FLOW[3] as ProcessStep];
    taken[2] = step('reply', 'task', ['step_4']);
    expect(
      addLogSteps(taken, ['x'], ['reply', 'x'], (n) => (n === 'reply' ? n : null), 'u9', 'en')?.keys.get('x'),
    ).toBe('step_5');
    const branching = [step('s', 'start', ['e', 'e2']), step('e', 'end', []), step('e2', 'end', [])];
    expect(addLogSteps(branching, ['x'], ['x'], () => null, 'u9', 'en')).toBeNull();
  });
});
