import type { Locale } from '../i18n/index.ts';
import { dayNumber } from '../days/index.ts';

/**
 * Processes (SOPs): the steps of one process version, how they connect, whether a step may be completed, and
 * what changed between two versions.
 *
 * Choices:
 * - Steps are identified by `key`. When a key repeats, the first step with it is the one outcomes lead to,
 *   and the repetition is reported as `process_duplicate_key`; the same holds for outcome and field keys
 *   within a step (`process_duplicate_outcome`, `process_duplicate_field`).
 * - Loops are allowed (分析问题 → "not reproducible" → 收集反馈): rework is a normal part of a process. What
 *   is not allowed is a step from which no end step can be reached (`process_dead_end`).
 * - Reachability is taken from every start step, so a process with two starts is reported once
 *   (`process_many_starts`) rather than once more for each step only the second start reaches. Without a
 *   start step nothing is reported as unreachable, and without an end step only the steps that have no
 *   outcomes at all are dead ends: otherwise every step would be flagged for the one missing end.
 * - An end step's outcomes would never be followed, because a run finishes there: `process_end_outcomes`.
 * - Completion checks optional fields too when they hold a value: a malformed date is wrong whether or not
 *   the field had to be filled in. Blank strings count as missing.
 */

export type StepKind = 'start' | 'task' | 'decision' | 'end';

/** Who does a step: one person, anyone with a role, or anyone with a skill. */
export type StepOwner =
  { type: 'person'; userId: string } | { type: 'role'; role: string } | { type: 'skill'; skill: string };

export type StepFieldType = 'text' | 'number' | 'date' | 'choice' | 'link';

export type StepField = {
  key: string;
  label: string;
  type: StepFieldType;
  required: boolean;
  /** The allowed values of a choice field. */
  options?: readonly string[];
};

export type StepOutcome = { key: string; label: string; next: string };

export type ProcessStep = {
  key: string;
  name: string;
  /** What the step is for and how to do it well, shown to whoever works on it. */
  description?: string;
  kind: StepKind;
  owner: StepOwner | null;
  /** Working hours allowed for the step (see sla.ts); null for no SLA. */
  slaHours: number | null;
  checklist: readonly string[];
  fields: readonly StepField[];
  outcomes: readonly StepOutcome[];
};

export type ProcessIssueCode =
  | 'process_no_start'
  | 'process_many_starts'
  | 'process_no_end'
  | 'process_duplicate_key'
  | 'process_duplicate_outcome'
  | 'process_duplicate_field'
  | 'process_unknown_next'
  | 'process_unreachable'
  | 'process_dead_end'
  | 'process_end_outcomes'
  | 'process_no_owner'
  | 'process_decision_outcomes'
  | 'process_invalid_sla'
  | 'process_field_options';

export type ProcessIssue = { code: ProcessIssueCode; params: Record<string, string | number> };

export type NextStepErrorCode = 'process_unknown_step' | 'process_unknown_outcome' | 'process_unknown_next';

export type NextStepResult =
  { ok: true; step: ProcessStep } | { ok: false; code: NextStepErrorCode; params: Record<string, string> };

export type CompletionIssueCode =
  | 'completion_unchecked'
  | 'completion_missing_field'
  | 'completion_invalid_text'
  | 'completion_invalid_number'
  | 'completion_invalid_date'
  | 'completion_invalid_choice'
  | 'completion_invalid_link';

export type CompletionIssue = { code: CompletionIssueCode; params: Record<string, string | number> };

export type CompletionInput = { checkedItems: readonly string[]; values: Readonly<Record<string, unknown>> };

/** Messages for process design issues, next-step errors and completion issues. */
export const PROCESS_MESSAGES = {
  en: {
    process_no_start: 'The process has no start step.',
    process_many_starts: 'The process has {count} start steps ({stepNames}); keep exactly one.',
    process_no_end: 'The process has no end step.',
    process_duplicate_key: 'Step key "{stepKey}" is used by {count} steps; keys must be unique.',
    process_duplicate_outcome: 'Step "{stepName}" has more than one outcome with the key "{outcomeKey}".',
    process_duplicate_field: 'Step "{stepName}" has more than one field with the key "{fieldKey}".',
    process_unknown_next:
      'Outcome "{outcomeLabel}" of step "{stepName}" leads to "{next}", which is not a step.',
    process_unreachable: 'Step "{stepName}" cannot be reached from the start.',
    process_dead_end: 'No end step can be reached from step "{stepName}".',
    process_end_outcomes:
      'End step "{stepName}" has outcomes; a run finishes there, so they are never followed.',
    process_no_owner: 'Step "{stepName}" has nobody to do it; choose a person, role or skill.',
    process_decision_outcomes: 'Decision "{stepName}" has {count} outcome(s); a decision needs at least 2.',
    process_invalid_sla: 'Step "{stepName}" has an SLA of {value} hours; use a positive number of hours.',
    process_field_options: 'Choice field "{fieldLabel}" of step "{stepName}" has no options.',
    process_unknown_step: 'There is no step "{stepKey}" in this process version.',
    process_unknown_outcome: 'Step "{stepName}" has no outcome "{outcomeKey}".',
    completion_unchecked: 'Checklist item "{item}" is not ticked.',
    completion_missing_field: '"{fieldLabel}" is required.',
    completion_invalid_text: '"{fieldLabel}" must be text.',
    completion_invalid_number: '"{fieldLabel}" must be a number.',
    completion_invalid_date: '"{fieldLabel}" must be a date (YYYY-MM-DD).',
    completion_invalid_choice: '"{fieldLabel}" must be one of: {options}.',
    completion_invalid_link: '"{fieldLabel}" must be an http(s) link.',
  },
  'zh-CN': {
    process_no_start: '流程没有开始步骤。',
    process_many_starts: '流程有 {count} 个开始步骤（{stepNames}），只能保留一个。',
    process_no_end: '流程没有结束步骤。',
    process_duplicate_key: '步骤键“{stepKey}”被 {count} 个步骤使用，键必须唯一。',
    process_duplicate_outcome: '步骤“{stepName}”有多个键为“{outcomeKey}”的结果。',
    process_duplicate_field: '步骤“{stepName}”有多个键为“{fieldKey}”的字段。',
    process_unknown_next: '步骤“{stepName}”的结果“{outcomeLabel}”指向不存在的步骤“{next}”。',
    process_unreachable: '从开始步骤无法到达步骤“{stepName}”。',
    process_dead_end: '从步骤“{stepName}”无法到达任何结束步骤。',
    process_end_outcomes: '结束步骤“{stepName}”设置了结果；流程在此结束，这些结果永远不会被使用。',
    process_no_owner: '步骤“{stepName}”没有执行人，请指定人员、角色或技能。',
    process_decision_outcomes: '判断步骤“{stepName}”只有 {count} 个结果，至少需要 2 个。',
    process_invalid_sla: '步骤“{stepName}”的时限为 {value} 小时，请填写正数。',
    process_field_options: '步骤“{stepName}”的选择字段“{fieldLabel}”没有选项。',
    process_unknown_step: '此流程版本中没有步骤“{stepKey}”。',
    process_unknown_outcome: '步骤“{stepName}”没有结果“{outcomeKey}”。',
    completion_unchecked: '检查项“{item}”尚未勾选。',
    completion_missing_field: '“{fieldLabel}”为必填项。',
    completion_invalid_text: '“{fieldLabel}”必须是文本。',
    completion_invalid_number: '“{fieldLabel}”必须是数字。',
    completion_invalid_date: '“{fieldLabel}”必须是日期（YYYY-MM-DD）。',
    completion_invalid_choice: '“{fieldLabel}”必须是以下之一：{options}。',
    completion_invalid_link: '“{fieldLabel}”必须是 http(s) 链接。',
  },
} as const satisfies Record<
  Locale,
  Record<ProcessIssueCode | NextStepErrorCode | CompletionIssueCode, string>
>;

function stepParams(step: ProcessStep): { stepKey: string; stepName: string } {
  return { stepKey: step.key, stepName: step.name };
}

/** Keys that occur more than once, in order of first occurrence, with how often each occurs. */
function repeatedKeys(keys: readonly string[]): Array<{ key: string; count: number }> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([key, count]) => ({ key, count }));
}

/** Design issues of a process version: structure, reachability, owners, decisions, SLAs and fields. */
export function validateProcess(steps: readonly ProcessStep[]): ProcessIssue[] {
  const issues: ProcessIssue[] = [];
  const byKey = new Map<string, ProcessStep>();
  for (const step of steps) if (!byKey.has(step.key)) byKey.set(step.key, step);
  // Later duplicates are shadowed by the first step with their key, so only the first ones take part below.
  const unique = [...byKey.values()];

  for (const { key, count } of repeatedKeys(steps.map((step) => step.key))) {
    issues.push({ code: 'process_duplicate_key', params: { stepKey: key, count } });
  }
  const starts = unique.filter((step) => step.kind === 'start');
  const ends = unique.filter((step) => step.kind === 'end');
  if (starts.length === 0) issues.push({ code: 'process_no_start', params: {} });
  if (starts.length > 1) {
    issues.push({
      code: 'process_many_starts',
      params: {
        count: starts.length,
        stepKeys: starts.map((step) => step.key).join(', '),
        stepNames: starts.map((step) => step.name).join(', '),
      },
    });
  }
  if (ends.length === 0) issues.push({ code: 'process_no_end', params: {} });

  for (const step of unique) {
    const params = stepParams(step);
    if ((step.kind === 'task' || step.kind === 'decision') && step.owner === null) {
      issues.push({ code: 'process_no_owner', params });
    }
    if (step.kind === 'decision' && step.outcomes.length < 2) {
      issues.push({ code: 'process_decision_outcomes', params: { ...params, count: step.outcomes.length } });
    }
    if (step.kind === 'end' && step.outcomes.length > 0) {
      issues.push({ code: 'process_end_outcomes', params: { ...params, count: step.outcomes.length } });
    }
    if (step.slaHours !== null && !(Number.isFinite(step.slaHours) && step.slaHours > 0)) {
      issues.push({ code: 'process_invalid_sla', params: { ...params, value: String(step.slaHours) } });
    }
    for (const { key } of repeatedKeys(step.fields.map((field) => field.key))) {
      issues.push({ code: 'process_duplicate_field', params: { ...params, fieldKey: key } });
    }
    for (const field of step.fields) {
      const hasOptions = (field.options ?? []).some((option) => option.trim() !== '');
      if (field.type === 'choice' && !hasOptions) {
        issues.push({
          code: 'process_field_options',
          params: { ...params, fieldKey: field.key, fieldLabel: field.label },
        });
      }
    }
    for (const { key } of repeatedKeys(step.outcomes.map((outcome) => outcome.key))) {
      issues.push({ code: 'process_duplicate_outcome', params: { ...params, outcomeKey: key } });
    }
    for (const outcome of step.outcomes) {
      if (!byKey.has(outcome.next)) {
        issues.push({
          code: 'process_unknown_next',
          params: { ...params, outcomeKey: outcome.key, outcomeLabel: outcome.label, next: outcome.next },
        });
      }
    }
  }

  if (starts.length > 0) {
    const reached = reachable(
      starts.map((step) => step.key),
      (key) => (byKey.get(key)?.outcomes ?? []).map((outcome) => outcome.next),
    );
    for (const step of unique) {
      if (!reached.has(step.key)) issues.push({ code: 'process_unreachable', params: stepParams(step) });
    }
  }

  const leadsToEnd =
    ends.length > 0
      ? reachable(
          ends.map((step) => step.key),
          predecessorsOf(unique, byKey),
        )
      : null;
  for (const step of unique) {
    if (step.kind === 'end') continue;
    const isDeadEnd = leadsToEnd === null ? step.outcomes.length === 0 : !leadsToEnd.has(step.key);
    if (isDeadEnd) issues.push({ code: 'process_dead_end', params: stepParams(step) });
  }
  return issues;
}

function predecessorsOf(
  steps: readonly ProcessStep[],
  byKey: ReadonlyMap<string, ProcessStep>,
): (key: string) => readonly string[] {
  const predecessors = new Map<string, string[]>();
  for (const step of steps) {
    // An end step's outcomes are never followed (see process_end_outcomes), so they lead nowhere.
    if (step.kind === 'end') continue;
    for (const { next } of step.outcomes) {
      if (!byKey.has(next)) continue;
      const list = predecessors.get(next);
      if (list) list.push(step.key);
      else predecessors.set(next, [step.key]);
    }
  }
  return (key) => predecessors.get(key) ?? [];
}

function reachable(from: readonly string[], neighbours: (key: string) => readonly string[]): Set<string> {
  const seen = new Set(from);
  const pending = [...from];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    for (const next of neighbours(key)) {
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(next);
    }
  }
  return seen;
}

/** The step a run moves to when `stepKey` is completed with `outcomeKey`, or why it cannot move. */
export function nextStep(steps: readonly ProcessStep[], stepKey: string, outcomeKey: string): NextStepResult {
  const step = steps.find((candidate) => candidate.key === stepKey);
  if (step === undefined) return { ok: false, code: 'process_unknown_step', params: { stepKey } };
  const outcome = step.outcomes.find((candidate) => candidate.key === outcomeKey);
  if (outcome === undefined) {
    return { ok: false, code: 'process_unknown_outcome', params: { ...stepParams(step), outcomeKey } };
  }
  const next = steps.find((candidate) => candidate.key === outcome.next);
  if (next === undefined) {
    return {
      ok: false,
      code: 'process_unknown_next',
      params: { ...stepParams(step), outcomeKey, outcomeLabel: outcome.label, next: outcome.next },
    };
  }
  return { ok: true, step: next };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function isCalendarDay(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

function isHttpLink(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

function invalidCode(field: StepField, value: unknown): CompletionIssueCode | null {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? null : 'completion_invalid_text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'completion_invalid_number';
    case 'date':
      return typeof value === 'string' && isCalendarDay(value) ? null : 'completion_invalid_date';
    case 'choice':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? null
        : 'completion_invalid_choice';
    case 'link':
      return typeof value === 'string' && isHttpLink(value) ? null : 'completion_invalid_link';
  }
}

/** Why a step cannot be completed yet: unticked checklist items, then missing or malformed field values. */
export function checkCompletion(step: ProcessStep, input: CompletionInput): CompletionIssue[] {
  const issues: CompletionIssue[] = [];
  const checked = new Set(input.checkedItems);
  step.checklist.forEach((item, index) => {
    if (!checked.has(item)) {
      issues.push({ code: 'completion_unchecked', params: { stepKey: step.key, item, index } });
    }
  });
  const seenFields = new Set<string>();
  for (const field of step.fields) {
    if (seenFields.has(field.key)) continue;
    seenFields.add(field.key);
    const params = { stepKey: step.key, fieldKey: field.key, fieldLabel: field.label };
    const value = Object.hasOwn(input.values, field.key) ? input.values[field.key] : undefined;
    if (isBlank(value)) {
      if (field.required) issues.push({ code: 'completion_missing_field', params });
      continue;
    }
    const code = invalidCode(field, value);
    if (code === 'completion_invalid_choice') {
      issues.push({ code, params: { ...params, options: (field.options ?? []).join(', ') } });
    } else if (code !== null) {
      issues.push({ code, params });
    }
  }
  return issues;
}

export type StepChange =
  | { aspect: 'name'; before: string; after: string }
  | { aspect: 'description'; before: string; after: string }
  | { aspect: 'kind'; before: StepKind; after: StepKind }
  | { aspect: 'owner'; before: StepOwner | null; after: StepOwner | null }
  | { aspect: 'slaHours'; before: number | null; after: number | null }
  /** Items by text; `reordered` when the items kept in both versions come in a different order. */
  | { aspect: 'checklist'; added: string[]; removed: string[]; reordered: boolean }
  /** Field keys; `changed` when the label, type, required flag or options differ. */
  | { aspect: 'fields'; added: string[]; removed: string[]; changed: string[] }
  /** Outcome keys; `changed` when the label or the next step differ. */
  | { aspect: 'outcomes'; added: string[]; removed: string[]; changed: string[] };

export type ChangedStep = { key: string; before: ProcessStep; after: ProcessStep; changes: StepChange[] };

export type VersionDiff = {
  /** Steps only in the newer version, in its order. */
  added: ProcessStep[];
  /** Steps only in the older version, in its order. */
  removed: ProcessStep[];
  /** Steps in both that differ, in the newer version's order. */
  changed: ChangedStep[];
  unchangedKeys: string[];
};

function firstByKey<T extends { key: string }>(items: readonly T[]): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) if (!byKey.has(item.key)) byKey.set(item.key, item);
  return byKey;
}

function sameOwner(a: StepOwner | null, b: StepOwner | null): boolean {
  if (a === null || b === null) return a === b;
  switch (a.type) {
    case 'person':
      return b.type === 'person' && a.userId === b.userId;
    case 'role':
      return b.type === 'role' && a.role === b.role;
    case 'skill':
      return b.type === 'skill' && a.skill === b.skill;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function sameField(a: StepField, b: StepField): boolean {
  return (
    a.label === b.label &&
    a.type === b.type &&
    a.required === b.required &&
    sameList(a.options ?? [], b.options ?? [])
  );
}

function keyedChanges<T extends { key: string }>(
  before: readonly T[],
  after: readonly T[],
  isSame: (a: T, b: T) => boolean,
): { added: string[]; removed: string[]; changed: string[] } {
  const beforeByKey = firstByKey(before);
  const afterByKey = firstByKey(after);
  const added = [...afterByKey.keys()].filter((key) => !beforeByKey.has(key));
  const removed = [...beforeByKey.keys()].filter((key) => !afterByKey.has(key));
  const changed: string[] = [];
  for (const [key, next] of afterByKey) {
    const previous = beforeByKey.get(key);
    if (previous !== undefined && !isSame(previous, next)) changed.push(key);
  }
  return { added, removed, changed };
}

function stepChanges(before: ProcessStep, after: ProcessStep): StepChange[] {
  const changes: StepChange[] = [];
  if (before.name !== after.name) changes.push({ aspect: 'name', before: before.name, after: after.name });
  if ((before.description ?? '') !== (after.description ?? '')) {
    changes.push({ aspect: 'description', before: before.description ?? '', after: after.description ?? '' });
  }
  if (before.kind !== after.kind) changes.push({ aspect: 'kind', before: before.kind, after: after.kind });
  if (!sameOwner(before.owner, after.owner)) {
    changes.push({ aspect: 'owner', before: before.owner, after: after.owner });
  }
  if (before.slaHours !== after.slaHours) {
    changes.push({ aspect: 'slaHours', before: before.slaHours, after: after.slaHours });
  }
  if (!sameList(before.checklist, after.checklist)) {
    const beforeItems = new Set(before.checklist);
    const afterItems = new Set(after.checklist);
    const keptBefore = before.checklist.filter((item) => afterItems.has(item));
    const keptAfter = after.checklist.filter((item) => beforeItems.has(item));
    changes.push({
      aspect: 'checklist',
      added: after.checklist.filter((item) => !beforeItems.has(item)),
      removed: before.checklist.filter((item) => !afterItems.has(item)),
      reordered: !sameList(keptBefore, keptAfter),
    });
  }
  const fields = keyedChanges(before.fields, after.fields, sameField);
  if (fields.added.length + fields.removed.length + fields.changed.length > 0) {
    changes.push({ aspect: 'fields', ...fields });
  }
  const outcomes = keyedChanges(
    before.outcomes,
    after.outcomes,
    (a, b) => a.label === b.label && a.next === b.next,
  );
  if (outcomes.added.length + outcomes.removed.length + outcomes.changed.length > 0) {
    changes.push({ aspect: 'outcomes', ...outcomes });
  }
  return changes;
}

/** Steps added, removed and changed from version `before` to version `after`, matched by key. */
export function diffVersions(before: readonly ProcessStep[], after: readonly ProcessStep[]): VersionDiff {
  const beforeByKey = firstByKey(before);
  const afterByKey = firstByKey(after);
  const diff: VersionDiff = { added: [], removed: [], changed: [], unchangedKeys: [] };
  for (const [key, step] of afterByKey) {
    const previous = beforeByKey.get(key);
    if (previous === undefined) {
      diff.added.push(step);
      continue;
    }
    const changes = stepChanges(previous, step);
    if (changes.length > 0) diff.changed.push({ key, before: previous, after: step, changes });
    else diff.unchangedKeys.push(key);
  }
  for (const [key, step] of beforeByKey) if (!afterByKey.has(key)) diff.removed.push(step);
  return diff;
}
