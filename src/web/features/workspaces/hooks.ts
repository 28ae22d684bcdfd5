import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { paths } from '../../api/schema.ts';
import { api, unwrap } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { meKey } from '../account/hooks.ts';

export const workspaceKey = (workspaceId: string) => ['workspace', workspaceId] as const;

function workspaceQuery(workspaceId: string) {
  return {
    queryKey: workspaceKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}', { params: { path: { workspaceId } } })),
    // Renamed or re-roled only through this app's mutations, which invalidate it; a short staleTime also lets the
    // page use the answer prefetched at start-up without asking again when it mounts.
    staleTime: 30_000,
  };
}

export function useWorkspace(workspaceId: string) {
  return useQuery(workspaceQuery(workspaceId));
}

/** Asks for the workspace in the address at start-up (main.tsx), beside the user, instead of after the shell. */
export function prefetchWorkspace(queryClient: QueryClient, workspaceId: string): void {
  void queryClient.prefetchQuery(workspaceQuery(workspaceId));
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

export const workTimeKey = (workspaceId: string) => ['workspace', workspaceId, 'work-time'] as const;

export type WorkTime =
  paths['/api/v1/w/{workspaceId}/work-time']['get']['responses'][200]['content']['application/json']['workTime'];
export type WorkTimeInput =
  paths['/api/v1/w/{workspaceId}/work-time']['put']['requestBody']['content']['application/json'];

export function useWorkTime(workspaceId: string) {
  return useQuery({
    queryKey: workTimeKey(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/work-time', { params: { path: { workspaceId } } })),
    select: (data) => data.workTime,
  });
}

/** Saving moves SLAs, schedules, workload and "today": everything read under the workspace is refetched. */
export function useSaveWorkTime(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkTimeInput) =>
      unwrap(api.PUT('/api/v1/w/{workspaceId}/work-time', { params: { path: { workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
