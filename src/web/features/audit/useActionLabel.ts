import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A readable name for an audit action such as `member.updated`; unknown actions show as they are. */
export function useActionLabel(): (action: string) => string {
  const { t } = useTranslation();
  const labels: Record<string, string> = t('audit.actionLabels', { returnObjects: true });
  return useCallback(
    (action: string) => (Object.hasOwn(labels, action) ? (labels[action] ?? action) : action),
    [labels],
  );
}
