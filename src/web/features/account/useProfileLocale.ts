import { useEffect, useRef } from 'react';
import { applyLocale, isUiLocale } from '../../i18n/index.ts';
import { useMe } from './hooks.ts';

/** On sign-in (and on load while signed in) the language saved in the profile wins. */
export function useProfileLocale(): void {
  const { data: me } = useMe();
  const appliedForUser = useRef<string | null>(null);
  const userId = me?.user.id ?? null;
  const profileLocale = me?.user.locale;

  useEffect(() => {
    if (userId === null) {
      appliedForUser.current = null;
      return;
    }
    if (appliedForUser.current === userId) return;
    appliedForUser.current = userId;
    if (isUiLocale(profileLocale)) void applyLocale(profileLocale);
  }, [userId, profileLocale]);
}
