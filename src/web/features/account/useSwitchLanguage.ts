import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { applyLocale, type UiLocale } from '../../i18n/index.ts';
import { errorMessage } from '../../api/client.ts';
import { meKey, useUpdateProfile, type Me } from './hooks.ts';

/** Switches the UI language; when signed in, the profile remembers it too. */
export function useSwitchLanguage(): (locale: UiLocale) => Promise<void> {
  const queryClient = useQueryClient();
  const { mutateAsync: updateProfile } = useUpdateProfile();
  const { message } = App.useApp();

  return useCallback(
    async (locale: UiLocale) => {
      await applyLocale(locale);
      // Server-written sentences (SMART reasons, health, the target reading) come in the request's language.
      void queryClient.invalidateQueries();
      const me = queryClient.getQueryData<Me | null>(meKey);
      if (!me || me.user.locale === locale) return;
      try {
        await updateProfile({ locale });
      } catch (error) {
        void message.error(errorMessage(error));
      }
    },
    [queryClient, updateProfile, message],
  );
}
