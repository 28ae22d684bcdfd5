import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeRule, type RuleWords } from '../../../core/tasks/rrule.ts';

/** `describe(rule)` in the UI language. */
export function useDescribeRule() {
  const { t } = useTranslation();
  const words = useMemo<RuleWords>(
    () => ({
      daily: t('routines.rule.daily'),
      workdays: t('routines.rule.workdays'),
      weekly: (days) => t('routines.rule.weekly', { days }),
      everyWeeks: (count, days) => t('routines.rule.everyWeeks', { count, days }),
      monthly: (day) => t('routines.rule.monthly', { day }),
      lastDay: t('routines.rule.lastDay'),
      custom: (rule) => t('routines.rule.custom', { rule }),
      weekday: (day) => t(`routines.weekdays.${day}`),
      separator: t('routines.rule.separator'),
    }),
    [t],
  );
  return useCallback((rule: string) => describeRule(rule, words), [words]);
}
