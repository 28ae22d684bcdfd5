import type { TFunction } from 'i18next';
import type { ProcessStep, ProcessStepChange } from '../hooks.ts';

type Owner = ProcessStep['owner'];

export type ChangeContext = {
  t: TFunction;
  /** A member's name by user id, for steps owned by a named person. */
  memberName: (userId: string) => string;
  number: (value: number) => string;
};

function ownerText(owner: Owner, { t, memberName }: ChangeContext): string {
  if (owner === null) return t('compare.changes.ownerNone');
  if (owner.type === 'role') return t('compare.changes.ownerRole', { role: owner.role });
  if (owner.type === 'skill') return t('compare.changes.ownerSkill', { skill: owner.skill });
  return t('compare.changes.ownerPerson', { name: memberName(owner.userId) });
}

/** The labels of a step's fields or outcomes by key, falling back to the key for one that is gone. */
function labels(keys: readonly string[], ...steps: ReadonlyArray<readonly { key: string; label: string }[]>) {
  return keys.map((key) => steps.flatMap((list) => list.filter((item) => item.key === key))[0]?.label ?? key);
}

/**
 * A step's changes between two versions as short sentences a team lead reads in one glance:
 * "时限 8 → 24 小时", "新增检查项：确认影响范围", "负责人：角色 客服 → 技能 用户访谈".
 */
export function describeStepChanges(
  changes: readonly ProcessStepChange[],
  before: ProcessStep,
  after: ProcessStep,
  context: ChangeContext,
): string[] {
  const { t, number } = context;
  const list = (items: readonly string[]) => items.join(t('compare.changes.separator'));
  const kind = (value: ProcessStep['kind']) => t(`processes.kinds.${value}`);
  return changes.flatMap((change): string[] => {
    switch (change.aspect) {
      case 'name':
        return [t('compare.changes.name', { before: change.before, after: change.after })];
      case 'description':
        return [t('compare.changes.description')];
      case 'kind':
        return [t('compare.changes.kind', { before: kind(change.before), after: kind(change.after) })];
      case 'owner':
        return [
          t('compare.changes.owner', {
            before: ownerText(change.before, context),
            after: ownerText(change.after, context),
          }),
        ];
      case 'slaHours': {
        if (change.before !== null && change.after !== null) {
          return [t('compare.changes.sla', { before: number(change.before), after: number(change.after) })];
        }
        const sla = (hours: number | null) =>
          hours === null
            ? t('compare.changes.noSla')
            : t('compare.changes.slaHours', { hours: number(hours) });
        return [t('compare.changes.slaMixed', { before: sla(change.before), after: sla(change.after) })];
      }
      case 'checklist':
        return [
          ...(change.added.length > 0
            ? [t('compare.changes.checklistAdded', { items: list(change.added) })]
            : []),
          ...(change.removed.length > 0
            ? [t('compare.changes.checklistRemoved', { items: list(change.removed) })]
            : []),
          ...(change.reordered ? [t('compare.changes.checklistReordered')] : []),
        ];
      case 'fields':
        return [
          ...(change.added.length > 0
            ? [t('compare.changes.fieldsAdded', { items: list(labels(change.added, after.fields)) })]
            : []),
          ...(change.removed.length > 0
            ? [t('compare.changes.fieldsRemoved', { items: list(labels(change.removed, before.fields)) })]
            : []),
          ...(change.changed.length > 0
            ? [t('compare.changes.fieldsChanged', { items: list(labels(change.changed, after.fields)) })]
            : []),
        ];
      case 'outcomes':
        return [
          ...(change.added.length > 0
            ? [t('compare.changes.outcomesAdded', { items: list(labels(change.added, after.outcomes)) })]
            : []),
          ...(change.removed.length > 0
            ? [t('compare.changes.outcomesRemoved', { items: list(labels(change.removed, before.outcomes)) })]
            : []),
          ...(change.changed.length > 0
            ? [
                t('compare.changes.outcomesChanged', {
                  items: list(labels(change.changed, after.outcomes, before.outcomes)),
                }),
              ]
            : []),
        ];
    }
  });
}
