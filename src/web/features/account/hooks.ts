import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, toApiError, unwrap, unwrapEmpty } from '../../api/client.ts';
import { currentLocale, type UiLocale } from '../../i18n/index.ts';

export const meKey = ['me'] as const;

/** The server refuses shorter passwords; the form says so before sending. */
export const MIN_PASSWORD_LENGTH = 8;

async function fetchMe() {
  const { data, error, response } = await api.GET('/api/v1/me');
  if (response.status === 401) return null;
  if (!response.ok || data === undefined) throw toApiError(response, error);
  return data;
}

export type Me = NonNullable<Awaited<ReturnType<typeof fetchMe>>>;
export type MyWorkspace = Me['workspaces'][number];

/** The signed-in user and their workspaces; `null` when nobody is signed in. */
const ME_STALE_MS = 30_000;

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: ME_STALE_MS });
}

/** Asks for the user before React first renders (main.tsx), so the shell's guard finds the answer in the cache. */
export function prefetchMe(queryClient: QueryClient): void {
  void queryClient.prefetchQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: ME_STALE_MS });
}

/** Forgets everything cached for the previous user and loads the new one. */
async function startSession(queryClient: QueryClient): Promise<void> {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
  await queryClient.fetchQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 0 });
}

export type LoginInput = { email: string; password: string };

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginInput) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: () => startSession(queryClient),
  });
}

export type SignupInput = { email: string; password: string; name: string };

export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignupInput) =>
      unwrap(api.POST('/api/v1/auth/signup', { body: { ...body, locale: currentLocale() } })),
    onSuccess: () => startSession(queryClient),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrapEmpty(api.POST('/api/v1/auth/logout')),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}

export type ProfileInput = { name?: string; locale?: UiLocale };

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileInput) => unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export type PasswordInput = { currentPassword: string; newPassword: string; revokeApiTokens?: boolean };

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: PasswordInput) => unwrapEmpty(api.POST('/api/v1/me/password', { body })),
  });
}
