import type { Locale } from '../i18n/index.ts';
import { validateProcess, type ProcessStep } from './graph.ts';

/**
 * Steps an event log names that the process lacks, added so the log can be imported: each goes where the log
 * first shows it, right after the step the log shows before it (or the start), spliced into that step's single
 * outcome; when that step branches, after the last single-outcome step instead. New steps are tasks owned by
 * whoever imports, keyed `step_N`, with one outcome "done". Returns null when no place keeps the process valid.
 */
export function addLogSteps(
  steps: readonly ProcessStep[],
  missing: readonly string[],
  logOrder: readonly string[],
  keyOf: (name: string) => string | null,
  ownerUserId: string,
  locale: Locale,
): { steps: ProcessStep[]; keys: Map<string, string> } | null {
  let result = [...steps];
  const keys = new Map<string, string>();
  const taken = new Set(steps.map((step) => step.key));
  let number = 0;
  for (const step of steps) {
    const match = /^step_(\d+)$/.exec(step.key);
    if (match) number = Math.max(number, Number(match[1]));
  }
  const missingSet = new Set(missing);
  for (const name of logOrder) {
    if (!missingSet.has(name) || keys.has(name)) continue;
    do number += 1;
    while (taken.has(`step_${number}`));
    const key = `step_${number}`;
    taken.add(key);
    // The step the log shows before this one, known or just added; else the start.
    const before = logOrder.slice(0, logOrder.indexOf(name)).reverse();
    let anchorKey: string | undefined;
    for (const previous of before) {
      anchorKey = keys.get(previous) ?? keyOf(previous) ?? undefined;
      if (anchorKey !== undefined) break;
    }
    const single = (step: ProcessStep | undefined) =>
      step !== undefined && step.kind !== 'end' && step.outcomes.length === 1;
    let anchor =
      result.find((step) => step.key === anchorKey) ?? result.find((step) => step.kind === 'start');
    if (!single(anchor)) anchor = [...result].reverse().find((step) => single(step));
    const only = anchor?.outcomes[0];
    if (anchor === undefined || only === undefined) return null;
    const added: ProcessStep = {
      key,
      name: name.trim().slice(0, 100),
      kind: 'task',
      owner: { type: 'person', userId: ownerUserId },
      slaHours: null,
      checklist: [],
      fields: [],
      outcomes: [{ key: 'done', label: locale === 'en' ? 'Done' : '完成', next: only.next }],
    };
    const anchorKeyFinal = anchor.key;
    const position = result.findIndex((step) => step.key === anchorKeyFinal) + 1;
    result = [...result.slice(0, position), added, ...result.slice(position)].map((step) =>
      step.key === anchorKeyFinal ? { ...step, outcomes: [{ ...only, next: key }] } : step,
    );
    keys.set(name, key);
  }
  return validateProcess(result).length === 0 ? { steps: result, keys } : null;
}
