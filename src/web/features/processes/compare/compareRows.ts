import type { ProcessComparison, ProcessStep, StepMetrics } from '../hooks.ts';
import { describeStepChanges, type ChangeContext } from './describeChanges.ts';

export type StepStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export type CompareRow = {
  key: string;
  name: string;
  status: StepStatus;
  /** What changed, in words; empty for a step that did not. */
  changes: string[];
  before: StepMetrics | null;
  after: StepMetrics | null;
  waitingChangeMs: number | null;
  workingChangeMs: number | null;
};

/**
 * One row per step of either version, in the later version's order with removed steps last. An end step
 * that did not change is left out: a case stops there, it has no times.
 */
export function compareRows(
  data: ProcessComparison,
  afterFlow: readonly ProcessStep[],
  context: ChangeContext,
): CompareRow[] {
  const { comparison, diff } = data;
  const metrics = new Map(comparison.steps.map((step) => [step.stepKey, step]));
  const added = new Set(diff.added.map((step) => step.key));
  const changed = new Map(diff.changed.map((change) => [change.key, change]));
  const row = (step: ProcessStep, status: StepStatus): CompareRow => {
    const measured = metrics.get(step.key);
    const change = changed.get(step.key);
    return {
      key: step.key,
      name: step.name,
      status,
      changes: change ? describeStepChanges(change.changes, change.before, change.after, context) : [],
      before: measured?.before ?? null,
      after: measured?.after ?? null,
      waitingChangeMs: measured?.medianWaitingChangeMs ?? null,
      workingChangeMs: measured?.medianWorkingChangeMs ?? null,
    };
  };
  const current = afterFlow
    .map((step) => row(step, added.has(step.key) ? 'added' : changed.has(step.key) ? 'changed' : 'unchanged'))
    .filter((entry, index) => entry.status !== 'unchanged' || afterFlow[index]?.kind !== 'end');
  return [...current, ...diff.removed.map((step) => row(step, 'removed'))];
}
