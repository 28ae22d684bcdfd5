import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { meKey } from '../account/hooks.ts';

export const workspaceKey = (workspaceId: string) => ['workspace', workspaceId] as const;

export function useWorkspace(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}', { params: { path: { workspaceId } } })),
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => unwrap(api.POST('/api/v1/workspaces', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export function useCreateDemoWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/workspaces/demo', { body: { locale: currentLocale() } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export function useRenameWorkspace(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) =>
      unwrap(api.PATCH('/api/v1/w/{workspaceId}', { params: { path: { workspaceId } }, body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceKey(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: meKey }),
      ]),
  });
}
