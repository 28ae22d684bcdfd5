import {
  validateProcess,
  type ProcessIssue,
  type ProcessStep,
  type StepField,
  type StepKind,
  type StepOutcome,
} from '../../../../core/processes/graph.ts';
import type { components } from '../../../api/schema.ts';

/** A step as the API takes it. */
export type SavedStep = components['schemas']['ProcessStep'];

/**
 * The designer's state and every edit it allows, as pure functions so they can be tested without a browser.
 *
 * Choices:
 * - Step keys are never edited and never reused: measured times and cases are matched to steps by key, so a
 *   new step gets the next free `step_N` after every key the saved version used, even a deleted one.
 * - Field and outcome keys follow their label while they are new (`Root cause` → `root_cause`, `根因` →
 *   `field_2`) and are frozen once saved, for the same reason: values and outcomes of past cases use them.
 * - Inserting a step after one with a single outcome splices it in (A → new → A's old next), so the flow
 *   stays valid; removing a step with a single outcome reconnects its predecessors to where it led.
 * - An end step's owner, deadline, checklist, fields and outcomes are kept in the draft (switching the kind
 *   back restores them) but left out of what is validated and saved, because a case finishes there.
 */

export type DraftStep = ProcessStep;
export type DraftField = StepField;
export type DraftOutcome = StepOutcome;

export type DesignerDraft = { name: string; description: string; steps: DraftStep[] };

export type DesignerState = {
  draft: DesignerDraft;
  selectedKey: string | null;
  /** Keys of the saved steps: never handed to a new step. */
  reservedKeys: readonly string[];
  /** `field:<step>:<key>` and `outcome:<step>:<key>` of saved fields and outcomes, whose keys are frozen. */
  lockedKeys: readonly string[];
};

/** Labels a new step or outcome gets, in the UI language. */
export type DefaultLabels = { done: string; yes: string; no: string };

export type DesignerAction =
  | { type: 'setName'; name: string }
  | { type: 'setDescription'; description: string }
  | { type: 'select'; key: string }
  | { type: 'addStep'; kind: Exclude<StepKind, 'start'>; name: string; labels: DefaultLabels }
  | { type: 'duplicateStep'; key: string; name: string }
  | { type: 'removeStep'; key: string }
  | { type: 'moveStep'; key: string; delta: -1 | 1 }
  /** Drag to reorder: the step goes to this place in the list; connections do not change. */
  | { type: 'moveStepTo'; key: string; index: number }
  /** Drag or key to connect: the step's outcome (the first unless given) now leads to `next`. */
  | { type: 'connect'; key: string; next: string; index?: number }
  | { type: 'updateStep'; key: string; changes: Partial<Omit<DraftStep, 'key' | 'kind'>> }
  | { type: 'changeKind'; key: string; kind: StepKind; labels: DefaultLabels }
  | { type: 'addField'; key: string }
  | { type: 'updateField'; key: string; index: number; changes: Partial<Omit<DraftField, 'key'>> }
  | { type: 'removeField'; key: string; index: number }
  | { type: 'addOutcome'; key: string; label: string }
  | { type: 'updateOutcome'; key: string; index: number; changes: Partial<Omit<DraftOutcome, 'key'>> }
  | { type: 'removeOutcome'; key: string; index: number };

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const KEY_MAX = 40;
export const MAX_STEPS = 50;
export const MAX_LIST = 30;
export const MAX_OUTCOMES = 10;

/** The next free `step_N`, after every `step_N` in the draft or among the reserved keys. */
export function nextStepKey(steps: readonly DraftStep[], reservedKeys: readonly string[] = []): string {
  let highest = 0;
  for (const key of [...steps.map((step) => step.key), ...reservedKeys]) {
    const match = /^step_(\d+)$/.exec(key);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  const taken = new Set([...steps.map((step) => step.key), ...reservedKeys]);
  let number = highest + 1;
  while (taken.has(`step_${number}`)) number += 1;
  return `step_${number}`;
}

/** Whether a label can name a key by itself: printable ASCII with at least one letter or digit. */
function isAsciiLabel(label: string): boolean {
  return /^[\x20-\x7e]*$/.test(label) && /[a-z0-9]/i.test(label);
}

function withSuffix(base: string, suffix: string): string {
  return `${base.slice(0, KEY_MAX - suffix.length).replace(/_+$/, '')}${suffix}`;
}

/**
 * A key for a field or outcome: `Root cause` → `root_cause`; a label that is not ASCII (`根因`) gives
 * `<prefix>_<position>`. Never one of `taken`.
 */
export function keyFromLabel(
  label: string,
  prefix: string,
  position: number,
  taken: ReadonlySet<string>,
): string {
  if (isAsciiLabel(label)) {
    let slug = label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (!/^[a-z]/.test(slug)) slug = `${prefix}_${slug}`;
    slug = withSuffix(slug, '');
    if (!taken.has(slug)) return slug;
    for (let number = 2; ; number += 1) {
      const candidate = withSuffix(slug, `_${number}`);
      if (!taken.has(candidate)) return candidate;
    }
  }
  for (let number = Math.max(1, position); ; number += 1) {
    const candidate = `${prefix}_${number}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Where a new task or decision leads by default: the single outcome of `done`, or yes/no for a decision. */
export function defaultOutcomes(kind: StepKind, next: string | null, labels: DefaultLabels): DraftOutcome[] {
  if (next === null || kind === 'end') return [];
  if (kind === 'decision') {
    return [
      { key: 'yes', label: labels.yes, next },
      { key: 'no', label: labels.no, next },
    ];
  }
  return [{ key: 'done', label: labels.done, next }];
}

/** A blank process: a start, one task and an end, connected. */
export function blankDraft(names: { start: string; task: string; end: string }, labels: DefaultLabels) {
  const steps: DraftStep[] = [
    { ...emptyStep('step_1', 'start', names.start), outcomes: defaultOutcomes('start', 'step_2', labels) },
    { ...emptyStep('step_2', 'task', names.task), outcomes: defaultOutcomes('task', 'step_3', labels) },
    emptyStep('step_3', 'end', names.end),
  ];
  return { name: '', description: '', steps } satisfies DesignerDraft;
}

function emptyStep(key: string, kind: StepKind, name: string): DraftStep {
  return { key, name, kind, owner: null, slaHours: null, checklist: [], fields: [], outcomes: [] };
}

/** The designer's state for a saved process (or a blank one), with the first step selected. */
export function initialState(draft: DesignerDraft, isSaved: boolean): DesignerState {
  return {
    draft,
    selectedKey: draft.steps[0]?.key ?? null,
    reservedKeys: isSaved ? draft.steps.map((step) => step.key) : [],
    lockedKeys: isSaved
      ? draft.steps.flatMap((step) => [
          ...step.fields.map((field) => `field:${step.key}:${field.key}`),
          ...step.outcomes.map((outcome) => `outcome:${step.key}:${outcome.key}`),
        ])
      : [],
  };
}

function mapStep(
  steps: readonly DraftStep[],
  key: string,
  change: (step: DraftStep) => DraftStep,
): DraftStep[] {
  return steps.map((step) => (step.key === key ? change(step) : step));
}

/**
 * Puts `step` right after `anchorKey` (at the end when there is none). When the anchor has a single
 * outcome, the new step takes it over and the anchor now leads to the new step.
 */
export function insertAfter(
  steps: readonly DraftStep[],
  anchorKey: string | null,
  step: DraftStep,
): DraftStep[] {
  const index = steps.findIndex((candidate) => candidate.key === anchorKey);
  const position = index === -1 ? steps.length : index + 1;
  const anchor = steps[index];
  const [only] = anchor?.outcomes ?? [];
  const splices =
    anchor !== undefined && anchor.outcomes.length === 1 && only !== undefined && step.kind !== 'end';
  const inserted: DraftStep = splices
    ? { ...step, outcomes: step.outcomes.map((outcome) => ({ ...outcome, next: only.next })) }
    : step;
  const result = [...steps.slice(0, position), inserted, ...steps.slice(position)];
  if (!splices || anchor === undefined) return result;
  return mapStep(result, anchor.key, (previous) => ({
    ...previous,
    outcomes: previous.outcomes.map((outcome) => ({ ...outcome, next: step.key })),
  }));
}

/** Removes a step; when it had a single outcome, what led to it now leads where it led. */
export function removeStep(steps: readonly DraftStep[], key: string): DraftStep[] {
  const removed = steps.find((step) => step.key === key);
  if (removed === undefined) return [...steps];
  const [only] = removed.outcomes;
  const bypass = removed.outcomes.length === 1 && only !== undefined && only.next !== key ? only.next : null;
  return steps
    .filter((step) => step.key !== key)
    .map((step) =>
      bypass !== null && step.outcomes.some((outcome) => outcome.next === key)
        ? {
            ...step,
            outcomes: step.outcomes.map((outcome) =>
              outcome.next === key ? { ...outcome, next: bypass } : outcome,
            ),
          }
        : step,
    );
}

/** Moves a step one place up or down the list; connections do not change. */
export function moveStep(steps: readonly DraftStep[], key: string, delta: -1 | 1): DraftStep[] {
  const index = steps.findIndex((step) => step.key === key);
  const target = index + delta;
  const moving = steps[index];
  const other = steps[target];
  if (index === -1 || moving === undefined || other === undefined) return [...steps];
  const result = [...steps];
  result[index] = other;
  result[target] = moving;
  return result;
}

/** Moves a step to a place in the list (clamped); connections do not change. */
export function moveStepTo(steps: readonly DraftStep[], key: string, index: number): DraftStep[] {
  const from = steps.findIndex((step) => step.key === key);
  const moving = steps[from];
  if (moving === undefined) return [...steps];
  const rest = steps.filter((step) => step.key !== key);
  const to = Math.max(0, Math.min(rest.length, index));
  return [...rest.slice(0, to), moving, ...rest.slice(to)];
}

/** The first step after `key` in the list that is not `key` itself, else any other step. */
function followingKey(steps: readonly DraftStep[], key: string): string | null {
  const index = steps.findIndex((step) => step.key === key);
  const after = steps.slice(index + 1).find((step) => step.key !== key);
  const before = steps.slice(0, Math.max(0, index)).find((step) => step.kind === 'end');
  return (after ?? before)?.key ?? null;
}

/** Where a new task or decision goes: after the selected step, or before the first end step. */
function anchorFor(steps: readonly DraftStep[], selectedKey: string | null): string | null {
  const selected = steps.find((step) => step.key === selectedKey);
  if (selected !== undefined && selected.kind !== 'end') return selected.key;
  const lastWorked = steps.filter((step) => step.kind !== 'end').at(-1);
  return lastWorked?.key ?? null;
}

function changeKind(step: DraftStep, kind: StepKind, next: string | null, labels: DefaultLabels): DraftStep {
  if (kind === step.kind) return step;
  let outcomes = [...step.outcomes];
  if (kind !== 'end' && outcomes.length === 0) outcomes = defaultOutcomes(kind, next, labels);
  if (kind === 'decision' && outcomes.length === 1) {
    const taken = new Set(outcomes.map((outcome) => outcome.key));
    const [first] = outcomes;
    if (first) {
      outcomes.push({ key: keyFromLabel('no', 'outcome', 2, taken), label: labels.no, next: first.next });
    }
  }
  return { ...step, kind, outcomes };
}

function fieldsTaken(step: DraftStep, except: number): Set<string> {
  return new Set(step.fields.filter((_, index) => index !== except).map((field) => field.key));
}

function outcomesTaken(step: DraftStep, except: number): Set<string> {
  return new Set(step.outcomes.filter((_, index) => index !== except).map((outcome) => outcome.key));
}

export function designerReducer(state: DesignerState, action: DesignerAction): DesignerState {
  const { draft } = state;
  const withSteps = (steps: DraftStep[], selectedKey = state.selectedKey): DesignerState => ({
    ...state,
    draft: { ...draft, steps },
    selectedKey,
  });
  const isLocked = (kind: 'field' | 'outcome', stepKey: string, key: string) =>
    state.lockedKeys.includes(`${kind}:${stepKey}:${key}`);

  switch (action.type) {
    case 'setName':
      return { ...state, draft: { ...draft, name: action.name } };
    case 'setDescription':
      return { ...state, draft: { ...draft, description: action.description } };
    case 'select':
      return { ...state, selectedKey: action.key };
    case 'addStep': {
      if (draft.steps.length >= MAX_STEPS) return state;
      const key = nextStepKey(draft.steps, state.reservedKeys);
      if (action.kind === 'end') {
        return withSteps([...draft.steps, emptyStep(key, 'end', action.name)], key);
      }
      const anchorKey = anchorFor(draft.steps, state.selectedKey);
      const anchorIndex = draft.steps.findIndex((step) => step.key === anchorKey);
      const next = draft.steps[anchorIndex + 1]?.key ?? draft.steps.find((step) => step.kind === 'end')?.key;
      const step = {
        ...emptyStep(key, action.kind, action.name),
        outcomes: defaultOutcomes(action.kind, next ?? null, action.labels),
      };
      return withSteps(insertAfter(draft.steps, anchorKey, step), key);
    }
    case 'duplicateStep': {
      const original = draft.steps.find((step) => step.key === action.key);
      if (original === undefined || draft.steps.length >= MAX_STEPS) return state;
      const key = nextStepKey(draft.steps, state.reservedKeys);
      const copy: DraftStep = {
        ...original,
        key,
        name: action.name,
        kind: original.kind === 'start' ? 'task' : original.kind,
      };
      return withSteps(insertAfter(draft.steps, original.key, copy), key);
    }
    case 'removeStep': {
      const index = draft.steps.findIndex((step) => step.key === action.key);
      const steps = removeStep(draft.steps, action.key);
      const selectedKey =
        state.selectedKey === action.key
          ? (steps[Math.min(index, steps.length - 1)]?.key ?? null)
          : state.selectedKey;
      return withSteps(steps, selectedKey);
    }
    case 'moveStep':
      return withSteps(moveStep(draft.steps, action.key, action.delta));
    case 'moveStepTo':
      return withSteps(moveStepTo(draft.steps, action.key, action.index));
    case 'connect': {
      const from = draft.steps.find((step) => step.key === action.key);
      const index = action.index ?? 0;
      const isTarget = draft.steps.some((step) => step.key === action.next);
      if (from === undefined || from.kind === 'end' || !isTarget || action.next === action.key) return state;
      if (from.outcomes[index] === undefined) return state;
      return withSteps(
        mapStep(draft.steps, action.key, (step) => ({
          ...step,
          outcomes: step.outcomes.map((outcome, position) =>
            position === index ? { ...outcome, next: action.next } : outcome,
          ),
        })),
      );
    }
    case 'updateStep':
      return withSteps(mapStep(draft.steps, action.key, (step) => ({ ...step, ...action.changes })));
    case 'changeKind':
      return withSteps(
        mapStep(draft.steps, action.key, (step) =>
          changeKind(step, action.kind, followingKey(draft.steps, step.key), action.labels),
        ),
      );
    case 'addField':
      return withSteps(
        mapStep(draft.steps, action.key, (step) =>
          step.fields.length >= MAX_LIST
            ? step
            : {
                ...step,
                fields: [
                  ...step.fields,
                  {
                    key: keyFromLabel('', 'field', step.fields.length + 1, fieldsTaken(step, -1)),
                    label: '',
                    type: 'text',
                    required: false,
                  },
                ],
              },
        ),
      );
    case 'updateField':
      return withSteps(
        mapStep(draft.steps, action.key, (step) => ({
          ...step,
          fields: step.fields.map((field, index) => {
            if (index !== action.index) return field;
            const changed: DraftField = { ...field, ...action.changes };
            if (action.changes.label === undefined || isLocked('field', step.key, field.key)) return changed;
            return {
              ...changed,
              key: keyFromLabel(action.changes.label.trim(), 'field', index + 1, fieldsTaken(step, index)),
            };
          }),
        })),
      );
    case 'removeField':
      return withSteps(
        mapStep(draft.steps, action.key, (step) => ({
          ...step,
          fields: step.fields.filter((_, index) => index !== action.index),
        })),
      );
    case 'addOutcome':
      return withSteps(
        mapStep(draft.steps, action.key, (step) => {
          if (step.outcomes.length >= MAX_OUTCOMES) return step;
          const next = followingKey(draft.steps, step.key) ?? '';
          const key = keyFromLabel(
            action.label,
            'outcome',
            step.outcomes.length + 1,
            outcomesTaken(step, -1),
          );
          return { ...step, outcomes: [...step.outcomes, { key, label: action.label, next }] };
        }),
      );
    case 'updateOutcome':
      return withSteps(
        mapStep(draft.steps, action.key, (step) => ({
          ...step,
          outcomes: step.outcomes.map((outcome, index) => {
            if (index !== action.index) return outcome;
            const changed: DraftOutcome = { ...outcome, ...action.changes };
            if (action.changes.label === undefined || isLocked('outcome', step.key, outcome.key)) {
              return changed;
            }
            const label = action.changes.label.trim();
            return { ...changed, key: keyFromLabel(label, 'outcome', index + 1, outcomesTaken(step, index)) };
          }),
        })),
      );
    case 'removeOutcome':
      return withSteps(
        mapStep(draft.steps, action.key, (step) => ({
          ...step,
          outcomes: step.outcomes.filter((_, index) => index !== action.index),
        })),
      );
  }
}

/** The steps as the API takes them: text trimmed, blank descriptions dropped, end steps bare. */
export function toSteps(steps: readonly DraftStep[]): SavedStep[] {
  return steps.map((step) => {
    const description = step.description?.trim() ?? '';
    const base = { key: step.key, name: step.name.trim(), ...(description ? { description } : {}) };
    if (step.kind === 'end') {
      return { ...base, kind: 'end', owner: null, slaHours: null, checklist: [], fields: [], outcomes: [] };
    }
    return {
      ...base,
      kind: step.kind,
      owner: step.owner,
      slaHours: step.slaHours,
      checklist: step.checklist.map((item) => item.trim()),
      fields: step.fields.map((field): SavedStep['fields'][number] => ({
        key: field.key,
        label: field.label.trim(),
        type: field.type,
        required: field.required,
        ...(field.type === 'choice'
          ? {
              options: (field.options ?? []).map((option) => option.trim()).filter((option) => option !== ''),
            }
          : {}),
      })),
      outcomes: step.outcomes.map((outcome) => ({ ...outcome, label: outcome.label.trim() })),
    };
  });
}

/** The body of a save: the process name and description with the steps. */
export function toPayload(draft: DesignerDraft) {
  const description = draft.description.trim();
  return {
    name: draft.name.trim(),
    description: description === '' ? null : description,
    steps: toSteps(draft.steps),
  };
}

/** Whether the draft differs from what was loaded, ignoring whitespace the save would trim anyway. */
export function isChanged(initial: DesignerDraft, draft: DesignerDraft): boolean {
  return JSON.stringify(toPayload(initial)) !== JSON.stringify(toPayload(draft));
}

export type DraftIssueCode =
  | 'process_name_missing'
  | 'step_name_missing'
  | 'checklist_item_blank'
  | 'field_label_blank'
  | 'outcome_label_blank'
  | 'owner_blank';

/** One thing to fix before saving; `stepKey` says which step it is about, when it is about one. */
export type DesignerIssue =
  | { source: 'graph'; code: ProcessIssue['code']; stepKey: string | null; params: ProcessIssue['params'] }
  | {
      source: 'draft';
      code: DraftIssueCode;
      stepKey: string | null;
      params: Record<string, string | number>;
    };

/** The step an issue of the graph is about: its step, or the first of the steps it names. */
function issueStepKey(issue: ProcessIssue): string | null {
  const { stepKey, stepKeys } = issue.params;
  if (typeof stepKey === 'string') return stepKey;
  if (typeof stepKeys === 'string') return stepKeys.split(', ')[0] ?? null;
  return null;
}

/** What the server would refuse in the draft: blank texts first, then the rules of the process graph. */
export function designerIssues(draft: DesignerDraft): DesignerIssue[] {
  const issues: DesignerIssue[] = [];
  if (draft.name.trim() === '')
    issues.push({ source: 'draft', code: 'process_name_missing', stepKey: null, params: {} });
  const steps = toSteps(draft.steps);
  steps.forEach((step, index) => {
    const params = { stepKey: step.key, stepName: step.name || `#${index + 1}` };
    const issue = (code: DraftIssueCode, extra: Record<string, string | number> = {}) =>
      issues.push({ source: 'draft', code, stepKey: step.key, params: { ...params, ...extra } });
    if (step.name === '') issue('step_name_missing', { position: index + 1 });
    if (step.owner !== null) {
      const value =
        step.owner.type === 'person'
          ? step.owner.userId
          : step.owner.type === 'role'
            ? step.owner.role
            : step.owner.skill;
      if (value.trim() === '') issue('owner_blank');
    }
    step.checklist.forEach((item, position) => {
      if (item === '') issue('checklist_item_blank', { position: position + 1 });
    });
    step.fields.forEach((field, position) => {
      if (field.label === '') issue('field_label_blank', { position: position + 1 });
    });
    step.outcomes.forEach((outcome, position) => {
      if (outcome.label === '') issue('outcome_label_blank', { position: position + 1 });
    });
  });
  for (const issue of validateProcess(steps)) {
    issues.push({ source: 'graph', code: issue.code, stepKey: issueStepKey(issue), params: issue.params });
  }
  return issues;
}

/** How many issues each step has, for the badges of the step list. */
export function issueCounts(issues: ReadonlyArray<{ stepKey: string | null }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of issues) {
    if (issue.stepKey !== null) counts.set(issue.stepKey, (counts.get(issue.stepKey) ?? 0) + 1);
  }
  return counts;
}

/**
 * The step a server field error is about: `steps.<stepKey>` from the graph check, `steps.<index>.name` from
 * the request check (the index of the step in the body, which is the draft's order).
 */
export function stepKeyOfPath(path: string, steps: readonly DraftStep[]): string | null {
  const [root, part] = path.split('.');
  if (root !== 'steps' || part === undefined) return null;
  if (/^\d+$/.test(part)) return steps[Number(part)]?.key ?? null;
  return steps.some((step) => step.key === part) ? part : null;
}

/** A member a step could go to: their title (what roles match), workspace role and skills. */
export type OwnerCandidate = {
  userId: string;
  name: string;
  title: string | null;
  role: string;
  skills: string[];
};

/**
 * The members a role or skill step would rotate among, matched as the server does: a role matches a title
 * containing it (any case) or the workspace role itself; a skill matches exactly.
 */
export function matchingCandidates(
  owner: DraftStep['owner'],
  candidates: readonly OwnerCandidate[],
): OwnerCandidate[] {
  if (owner === null || owner.type === 'person') return [];
  if (owner.type === 'skill') return candidates.filter((candidate) => candidate.skills.includes(owner.skill));
  const role = owner.role.trim().toLowerCase();
  if (role === '') return [];
  return candidates.filter(
    (candidate) => (candidate.title ?? '').toLowerCase().includes(role) || candidate.role === role,
  );
}

/**
 * Undo and redo over the designer's edits. Selecting a step is not an edit; typing into one field is one edit
 * however many keys it takes (consecutive changes of the same field are merged), so undo takes back the whole
 * word rather than a letter.
 */
export type DesignerHistory = {
  past: DesignerState[];
  present: DesignerState;
  future: DesignerState[];
  /** What the last edit changed, when the next change of the same thing should merge into it. */
  lastGroup: string | null;
};

export type HistoryAction = DesignerAction | { type: 'undo' } | { type: 'redo' };

const HISTORY_LIMIT = 100;

export function initialHistory(present: DesignerState): DesignerHistory {
  return { past: [], present, future: [], lastGroup: null };
}

/** Changes that merge with the one before when they touch the same field: typing. */
function typingGroup(action: DesignerAction): string | null {
  const fields = (changes: object) => Object.keys(changes).sort().join(',');
  switch (action.type) {
    case 'setName':
    case 'setDescription':
      return action.type;
    case 'updateStep':
      return typeof action.changes.name === 'string' || typeof action.changes.description === 'string'
        ? `step:${action.key}:${fields(action.changes)}`
        : null;
    case 'updateField':
      return action.changes.label !== undefined ? `field:${action.key}:${action.index}` : null;
    case 'updateOutcome':
      return action.changes.label !== undefined ? `outcome:${action.key}:${action.index}` : null;
    default:
      return null;
  }
}

export function historyReducer(history: DesignerHistory, action: HistoryAction): DesignerHistory {
  if (action.type === 'undo') {
    const previous = history.past.at(-1);
    if (previous === undefined) return history;
    return {
      past: history.past.slice(0, -1),
      present: { ...previous, selectedKey: selectionIn(previous, history.present.selectedKey) },
      future: [history.present, ...history.future],
      lastGroup: null,
    };
  }
  if (action.type === 'redo') {
    const [next, ...future] = history.future;
    if (next === undefined) return history;
    return {
      past: [...history.past, history.present],
      present: { ...next, selectedKey: selectionIn(next, history.present.selectedKey) },
      future,
      lastGroup: null,
    };
  }
  const present = designerReducer(history.present, action);
  if (present === history.present) return history;
  if (action.type === 'select' || present.draft === history.present.draft) {
    return { ...history, present };
  }
  const group = typingGroup(action);
  if (group !== null && group === history.lastGroup) {
    return { ...history, present, future: [], lastGroup: group };
  }
  return {
    past: [...history.past, history.present].slice(-HISTORY_LIMIT),
    present,
    future: [],
    lastGroup: group,
  };
}

/** Keeps the selection across undo when that step still exists; else what the restored state had. */
function selectionIn(state: DesignerState, selectedKey: string | null): string | null {
  if (selectedKey !== null && state.draft.steps.some((step) => step.key === selectedKey)) return selectedKey;
  return state.selectedKey;
}
