import { describe, expect, it } from 'vitest';
import {
  blankDraft,
  defaultOutcomes,
  designerIssues,
  designerReducer,
  historyReducer,
  initialHistory,
  initialState,
  insertAfter,
  isChanged,
  keyFromLabel,
  matchingCandidates,
  moveStep,
  moveStepTo,
  nextStepKey,
  removeStep,
  stepKeyOfPath,
  toPayload,
  type DesignerAction,
  type DesignerState,
  type DraftStep,
} from './model.ts';

const LABELS = { done: 'Done', yes: 'Yes', no: 'No' };

function step(key: string, kind: DraftStep['kind'], next: string[] = []): DraftStep {
  return {
    key,
    name: key.toUpperCase(),
    kind,
    owner: kind === 'end' ? null : { type: 'role', role: 'ops' },
    slaHours: null,
    checklist: [],
    fields: [],
    outcomes: next.map((target, index) => ({ key: `o${index}`, label: `to ${target}`, next: target })),
  };
}

/** start → analyse → end, as saved. */
function savedState(): DesignerState {
  return initialState(
    {
      name: 'Feedback',
      description: '',
      steps: [step('start', 'start', ['analyse']), step('analyse', 'task', ['end']), step('end', 'end')],
    },
    true,
  );
}

function apply(state: DesignerState, ...actions: DesignerAction[]): DesignerState {
  return actions.reduce(designerReducer, state);
}

const keys = (state: DesignerState) => state.draft.steps.map((candidate) => candidate.key);
const find = (state: DesignerState, key: string) =>
  state.draft.steps.find((candidate) => candidate.key === key);

describe('nextStepKey', () => {
  it('counts on from the highest step_N, including keys of saved steps that were deleted', () => {
    expect(nextStepKey([step('collect', 'start')])).toBe('step_1');
    expect(nextStepKey([step('step_1', 'start'), step('step_4', 'end')])).toBe('step_5');
    expect(nextStepKey([step('step_1', 'start')], ['step_1', 'step_2'])).toBe('step_3');
  });
});

describe('keyFromLabel', () => {
  it('derives a key from an ASCII label and numbers other labels by position', () => {
    expect(keyFromLabel('Root cause', 'field', 1, new Set())).toBe('root_cause');
    expect(keyFromLabel('  Ticket URL (Jira) ', 'field', 1, new Set())).toBe('ticket_url_jira');
    expect(keyFromLabel('2nd check', 'field', 1, new Set())).toBe('field_2nd_check');
    expect(keyFromLabel('根因', 'field', 3, new Set())).toBe('field_3');
    expect(keyFromLabel('', 'outcome', 2, new Set())).toBe('outcome_2');
  });

  it('never returns a taken key and keeps keys within 40 characters', () => {
    expect(keyFromLabel('Summary', 'field', 1, new Set(['summary']))).toBe('summary_2');
    expect(keyFromLabel('根因', 'field', 1, new Set(['field_1', 'field_2']))).toBe('field_3');
    const long = keyFromLabel('a'.repeat(60), 'field', 1, new Set(['a'.repeat(40)]));
    expect(long).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
    expect(long.endsWith('_2')).toBe(true);
  });
});

describe('defaultOutcomes', () => {
  it('gives a task one outcome and a decision two, all to the next step; an end step none', () => {
    expect(defaultOutcomes('task', 'end', LABELS)).toEqual([{ key: 'done', label: 'Done', next: 'end' }]);
    expect(defaultOutcomes('decision', 'end', LABELS).map((outcome) => outcome.label)).toEqual(['Yes', 'No']);
    expect(defaultOutcomes('end', 'x', LABELS)).toEqual([]);
    expect(defaultOutcomes('task', null, LABELS)).toEqual([]);
  });
});

describe('blankDraft', () => {
  it('is a valid flow apart from the name and the task owner', () => {
    const draft = blankDraft({ start: 'Start', task: 'Work', end: 'End' }, LABELS);
    expect(draft.steps.map((candidate) => `${candidate.key}:${candidate.kind}`)).toEqual([
      'step_1:start',
      'step_2:task',
      'step_3:end',
    ]);
    expect(designerIssues(draft).map((issue) => issue.code)).toEqual([
      'process_name_missing',
      'process_no_owner',
    ]);
  });
});

describe('insertAfter / removeStep / moveStep', () => {
  const steps = [step('a', 'start', ['b']), step('b', 'task', ['z']), step('z', 'end')];

  it('splices a step in after one with a single outcome', () => {
    const inserted = insertAfter(steps, 'a', {
      ...step('n', 'task'),
      outcomes: defaultOutcomes('task', 'x', LABELS),
    });
    expect(inserted.map((candidate) => candidate.key)).toEqual(['a', 'n', 'b', 'z']);
    expect(inserted[0]?.outcomes.map((outcome) => outcome.next)).toEqual(['n']);
    expect(inserted[1]?.outcomes.map((outcome) => outcome.next)).toEqual(['b']);
    expect(designerIssues({ name: 'x', description: '', steps: inserted })).toEqual([]);
  });

  it('reconnects the steps before a removed one to where it led', () => {
    const removed = removeStep(steps, 'b');
    expect(removed.map((candidate) => candidate.key)).toEqual(['a', 'z']);
    expect(removed[0]?.outcomes.map((outcome) => outcome.next)).toEqual(['z']);
  });

  it('leaves links to a removed decision dangling, for the validation to point at', () => {
    const withDecision = [step('a', 'start', ['d']), step('d', 'decision', ['z', 'a']), step('z', 'end')];
    const removed = removeStep(withDecision, 'd');
    expect(removed[0]?.outcomes.map((outcome) => outcome.next)).toEqual(['d']);
    expect(
      designerIssues({ name: 'x', description: '', steps: removed }).map((issue) => issue.code),
    ).toContain('process_unknown_next');
  });

  it('moves a step within bounds only', () => {
    expect(moveStep(steps, 'b', -1).map((candidate) => candidate.key)).toEqual(['b', 'a', 'z']);
    expect(moveStep(steps, 'a', -1).map((candidate) => candidate.key)).toEqual(['a', 'b', 'z']);
    expect(moveStep(steps, 'z', 1).map((candidate) => candidate.key)).toEqual(['a', 'b', 'z']);
  });
});

describe('designerReducer', () => {
  it('adds a task after the selected step, with a fresh key, and selects it', () => {
    const state = apply(
      savedState(),
      { type: 'select', key: 'start' },
      { type: 'addStep', kind: 'task', name: 'Check', labels: LABELS },
    );
    expect(keys(state)).toEqual(['start', 'step_1', 'analyse', 'end']);
    expect(state.selectedKey).toBe('step_1');
    expect(find(state, 'step_1')?.outcomes).toEqual([{ key: 'done', label: 'Done', next: 'analyse' }]);
    expect(find(state, 'start')?.outcomes.map((outcome) => outcome.next)).toEqual(['step_1']);
  });

  it('adds a decision with two outcomes, and an end step at the bottom', () => {
    const state = apply(
      savedState(),
      { type: 'select', key: 'analyse' },
      { type: 'addStep', kind: 'decision', name: 'Needs engineering?', labels: LABELS },
      { type: 'addStep', kind: 'end', name: 'Closed', labels: LABELS },
    );
    expect(keys(state)).toEqual(['start', 'analyse', 'step_1', 'end', 'step_2']);
    expect(find(state, 'step_1')?.outcomes.map((outcome) => `${outcome.label}>${outcome.next}`)).toEqual([
      'Yes>end',
      'No>end',
    ]);
    expect(find(state, 'step_2')?.outcomes).toEqual([]);
  });

  it('does not reuse the key of a saved step that was deleted', () => {
    const state = apply(
      initialState(
        { name: 'x', description: '', steps: [step('step_1', 'start', ['step_2']), step('step_2', 'end')] },
        true,
      ),
      { type: 'removeStep', key: 'step_2' },
      { type: 'addStep', kind: 'end', name: 'End', labels: LABELS },
    );
    expect(keys(state)).toEqual(['step_1', 'step_3']);
  });

  it('duplicates a start step as a task right after it', () => {
    const state = apply(savedState(), { type: 'duplicateStep', key: 'start', name: 'START (copy)' });
    expect(keys(state)).toEqual(['start', 'step_1', 'analyse', 'end']);
    expect(find(state, 'step_1')?.kind).toBe('task');
    expect(find(state, 'start')?.outcomes.map((outcome) => outcome.next)).toEqual(['step_1']);
  });

  it('selects a neighbour when the selected step is removed', () => {
    const state = apply(
      savedState(),
      { type: 'select', key: 'analyse' },
      { type: 'removeStep', key: 'analyse' },
    );
    expect(state.selectedKey).toBe('end');
  });

  it('derives the key of a new field from its label but keeps the key of a saved one', () => {
    const saved = initialState(
      {
        name: 'x',
        description: '',
        steps: [
          {
            ...step('a', 'start', ['z']),
            fields: [{ key: 'channel', label: 'Channel', type: 'text', required: true }],
          },
          step('z', 'end'),
        ],
      },
      true,
    );
    const state = apply(
      saved,
      { type: 'updateField', key: 'a', index: 0, changes: { label: 'Source' } },
      { type: 'addField', key: 'a' },
      { type: 'updateField', key: 'a', index: 1, changes: { label: 'Root cause' } },
      { type: 'addField', key: 'a' },
      { type: 'updateField', key: 'a', index: 2, changes: { label: '影响人数', required: true } },
    );
    expect(find(state, 'a')?.fields.map((field) => `${field.key}:${field.label}:${field.required}`)).toEqual([
      'channel:Source:true',
      'root_cause:Root cause:false',
      'field_3:影响人数:true',
    ]);
  });

  it('turns a task into a decision with a second outcome, and an end step leaves out its outcomes', () => {
    const decision = apply(savedState(), {
      type: 'changeKind',
      key: 'analyse',
      kind: 'decision',
      labels: LABELS,
    });
    expect(find(decision, 'analyse')?.outcomes.map((outcome) => outcome.label)).toEqual(['to end', 'No']);
    const ended = apply(savedState(), { type: 'changeKind', key: 'analyse', kind: 'end', labels: LABELS });
    expect(find(ended, 'analyse')?.outcomes).toHaveLength(1);
    expect(toPayload(ended.draft).steps[1]).toMatchObject({ kind: 'end', outcomes: [], owner: null });
  });

  it('adds an outcome that leads to the following step', () => {
    const state = apply(savedState(), { type: 'addOutcome', key: 'start', label: 'Spam' });
    expect(find(state, 'start')?.outcomes.at(-1)).toEqual({ key: 'spam', label: 'Spam', next: 'analyse' });
  });
});

describe('designerIssues', () => {
  it('reports blank texts and the graph rules, each with its step', () => {
    const state = apply(
      savedState(),
      { type: 'updateStep', key: 'analyse', changes: { outcomes: [], checklist: ['  '] } },
      { type: 'setName', name: ' ' },
    );
    const issues = designerIssues(state.draft).map((issue) => `${issue.code}@${issue.stepKey ?? '-'}`);
    expect(issues).toEqual([
      'process_name_missing@-',
      'checklist_item_blank@analyse',
      'process_unreachable@end',
      'process_dead_end@start',
      'process_dead_end@analyse',
    ]);
  });
});

describe('isChanged / toPayload', () => {
  it('ignores whitespace the save trims, and notices real edits', () => {
    const { draft } = savedState();
    expect(isChanged(draft, { ...draft, name: 'Feedback  ' })).toBe(false);
    expect(isChanged(draft, { ...draft, description: 'Every answer in a day' })).toBe(true);
    expect(toPayload({ ...draft, description: '  ' }).description).toBeNull();
  });
});

describe('stepKeyOfPath', () => {
  it('reads the step of a server field error by key or by index', () => {
    const { steps } = savedState().draft;
    expect(stepKeyOfPath('steps.analyse', steps)).toBe('analyse');
    expect(stepKeyOfPath('steps.1.name', steps)).toBe('analyse');
    expect(stepKeyOfPath('steps', steps)).toBeNull();
    expect(stepKeyOfPath('name', steps)).toBeNull();
  });
});

describe('matchingCandidates', () => {
  const candidates = [
    { userId: 'u1', name: 'Li', title: '高级客服', role: 'member', skills: ['SQL'] },
    { userId: 'u2', name: 'Wang', title: null, role: 'manager', skills: [] },
    { userId: 'u3', name: 'Zhao', title: '数据分析', role: 'member', skills: ['SQL', 'Excel'] },
  ];
  const names = (owner: DraftStep['owner']) => matchingCandidates(owner, candidates).map((c) => c.name);

  it('matches roles inside titles or as the workspace role, and skills exactly', () => {
    expect(names({ type: 'role', role: '客服' })).toEqual(['Li']);
    expect(names({ type: 'role', role: 'manager' })).toEqual(['Wang']);
    expect(names({ type: 'skill', skill: 'SQL' })).toEqual(['Li', 'Zhao']);
    expect(names({ type: 'skill', skill: 'sql' })).toEqual([]);
    expect(names({ type: 'person', userId: 'u1' })).toEqual([]);
    expect(names(null)).toEqual([]);
  });
});

describe('drag to reorder and connect', () => {
  it('moves a step to any place in the list, connections unchanged', () => {
    const steps = savedState().draft.steps;
    expect(moveStepTo(steps, 'end', 0).map((candidate) => candidate.key)).toEqual([
      'end',
      'start',
      'analyse',
    ]);
    expect(moveStepTo(steps, 'start', 9).map((candidate) => candidate.key)).toEqual([
      'analyse',
      'end',
      'start',
    ]);
    expect(moveStepTo(steps, 'missing', 0)).toEqual(steps);
    const moved = apply(savedState(), { type: 'moveStepTo', key: 'analyse', index: 0 });
    expect(find(moved, 'start')?.outcomes[0]?.next).toBe('analyse');
  });

  it('connects a step’s outcome to another step, never an end step’s and never to itself', () => {
    const state = apply(savedState(), { type: 'connect', key: 'start', next: 'end' });
    expect(find(state, 'start')?.outcomes[0]?.next).toBe('end');
    expect(apply(savedState(), { type: 'connect', key: 'end', next: 'start' })).toEqual(savedState());
    expect(apply(savedState(), { type: 'connect', key: 'start', next: 'start' })).toEqual(savedState());
    expect(apply(savedState(), { type: 'connect', key: 'start', next: 'nowhere' })).toEqual(savedState());
  });
});

describe('historyReducer', () => {
  it('undoes and redoes edits; selecting is not an edit; a new edit clears what could be redone', () => {
    let history = initialHistory(savedState());
    history = historyReducer(history, { type: 'select', key: 'analyse' });
    expect(history.past).toEqual([]);
    history = historyReducer(history, { type: 'moveStepTo', key: 'end', index: 0 });
    history = historyReducer(history, { type: 'connect', key: 'start', next: 'end' });
    expect(history.past).toHaveLength(2);
    history = historyReducer(history, { type: 'undo' });
    expect(find(history.present, 'start')?.outcomes[0]?.next).toBe('analyse');
    expect(keys(history.present)).toEqual(['end', 'start', 'analyse']);
    history = historyReducer(history, { type: 'undo' });
    expect(keys(history.present)).toEqual(['start', 'analyse', 'end']);
    expect(history.present.selectedKey).toBe('analyse');
    expect(historyReducer(history, { type: 'undo' })).toBe(history);
    history = historyReducer(history, { type: 'redo' });
    expect(keys(history.present)).toEqual(['end', 'start', 'analyse']);
    history = historyReducer(history, { type: 'removeStep', key: 'analyse' });
    expect(history.future).toEqual([]);
    expect(historyReducer(history, { type: 'redo' })).toBe(history);
  });

  it('takes back typing into one field as one edit', () => {
    let history = initialHistory(savedState());
    for (const name of ['A', 'An', 'Ana', 'Anal']) {
      history = historyReducer(history, { type: 'updateStep', key: 'analyse', changes: { name } });
    }
    history = historyReducer(history, { type: 'setName', name: 'F' });
    history = historyReducer(history, { type: 'setName', name: 'Fe' });
    expect(history.past).toHaveLength(2);
    history = historyReducer(history, { type: 'undo' });
    expect(history.present.draft.name).toBe('Feedback');
    expect(find(history.present, 'analyse')?.name).toBe('Anal');
    history = historyReducer(history, { type: 'undo' });
    expect(find(history.present, 'analyse')?.name).toBe('ANALYSE');
  });
});
