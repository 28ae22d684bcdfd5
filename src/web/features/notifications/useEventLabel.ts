import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A readable name for an event type such as `task.overdue`; unknown types show as they are. */
export function useEventLabel(): (eventType: string) => string {
  const { t } = useTranslation();
  const labels: Record<string, Record<string, string>> = t('notificationSettings.events', {
    returnObjects: true,
  });
  return useCallback(
    (eventType: string) => {
      const [group = '', name = ''] = eventType.split('.');
      return labels[group]?.[name] ?? eventType;
    },
    [labels],
  );
}
