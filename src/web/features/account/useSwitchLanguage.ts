import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { applyLocale, type UiLocale } from '../../i18n/index.ts';
import { errorMessage } from '../../api/client.ts';
import { useAppFeedback } from '../../components/feedback/AppFeedback.tsx';
import { meKey, useUpdateProfile, type Me } from './hooks.ts';

/** Switches the UI language; when signed in, the profile remembers it too. */
export function useSwitchLanguage(): (locale: UiLocale) => Promise<void> {
  const queryClient = useQueryClient();
  const { mutateAsync: updateProfile } = useUpdateProfile();
  const { message } = useAppFeedback();

  return useCallback(
    async (locale: UiLocale) => {
      const me = queryClient.getQueryData<Me | null>(meKey);
      // The profile is told at once, not after the language's texts have loaded: the profile's language wins on
      // the next page load, so a page opened meanwhile would come back in the old one.
      const saving =
        me && me.user.locale !== locale
          ? updateProfile({ locale }).catch((error: unknown) => {
              void message.error(errorMessage(error));
            })
          : undefined;
      await applyLocale(locale);
      // Server-written sentences (SMART reasons, health, the target reading) come in the request's language.
      void queryClient.invalidateQueries();
      await saving;
    },
    [queryClient, updateProfile, message],
  );
}
