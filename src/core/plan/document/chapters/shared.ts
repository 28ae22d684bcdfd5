import type { PlanGoal, PlanTask } from '../../model.ts';
import { wbsCodes } from '../../../tasks/wbs.ts';
import type { DocumentLabelKey, Translate } from '../labels.ts';

/** A label when the catalogue has one for `prefix.value`, else the value itself (a status from a newer plan). */
function labelOr(t: Translate, key: string, value: string): string {
  const text = t(key as DocumentLabelKey);
  return text === key ? value : text;
}

export function statusLabel(t: Translate, status: string): string {
  return labelOr(t, `status.${status}`, status);
}

export function healthLabel(t: Translate, health: string): string {
  return labelOr(t, `health.${health}`, health);
}

export function roleLabel(t: Translate, role: string): string {
  return labelOr(t, `role.${role}`, role);
}

/** Goals parents first, children under them in list order, with their depth; a goal on a parent loop is listed at the top. */
export function goalsInTreeOrder(goals: readonly PlanGoal[]): Array<{ goal: PlanGoal; depth: number }> {
  const keys = new Set(goals.map((goal) => goal.key));
  const children = new Map<string | null, PlanGoal[]>();
  for (const goal of goals) {
    const parent = goal.parent && keys.has(goal.parent) ? goal.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), goal]);
  }
  const ordered: Array<{ goal: PlanGoal; depth: number }> = [];
  const seen = new Set<string>();
  const pending: Array<{ goal: PlanGoal; depth: number }> = [...(children.get(null) ?? [])]
    .reverse()
    .map((goal) => ({ goal, depth: 0 }));
  for (let entry = pending.pop(); entry; entry = pending.pop()) {
    if (seen.has(entry.goal.key)) continue;
    seen.add(entry.goal.key);
    ordered.push(entry);
    const depth = entry.depth + 1;
    for (const child of [...(children.get(entry.goal.key) ?? [])].reverse())
      pending.push({ goal: child, depth });
  }
  for (const goal of goals) if (!seen.has(goal.key)) ordered.push({ goal, depth: 0 });
  return ordered;
}

/** Tasks in WBS order with their codes: the list order under each parent gives the numbering. */
export function tasksInWbsOrder(tasks: readonly PlanTask[]): Array<{ task: PlanTask; code: string }> {
  const codes = wbsCodes(
    tasks.map((task, index) => ({ id: task.key, parentId: task.parent ?? null, position: index })),
  );
  const numbers = (code: string) => code.split('.').map(Number);
  return tasks
    .flatMap((task) => {
      const code = codes.get(task.key);
      return code ? [{ task, code }] : [];
    })
    .sort((a, b) => {
      const left = numbers(a.code);
      const right = numbers(b.code);
      for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
        const difference = (left[index] ?? -1) - (right[index] ?? -1);
        if (difference !== 0) return difference;
      }
      return 0;
    });
}

/**
 * A description written in Markdown as the plain sentence a document paragraph shows: emphasis, inline code and
 * link markup go, their words stay (every format prints paragraphs as text).
 */
export function plainFromMarkdown(source: string): string {
  return source
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_\n]*?\S)[*_](?![\w*])/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}
