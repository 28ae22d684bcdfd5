import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../api/client.ts';
import type { paths } from '../../api/schema.ts';
import type { TaskFilters } from './useTaskFilters.ts';

export type SavedView =
  paths['/api/v1/w/{workspaceId}/views']['get']['responses'][200]['content']['application/json']['items'][number];

/** My saved views of a workspace: they are personal, so they sit apart from the shared task queries. */
export const savedViewsKey = (workspaceId: string) => ['savedViews', workspaceId] as const;

export function useSavedViews(workspaceId: string) {
  return useQuery({
    queryKey: savedViewsKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/views', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
  });
}

/** Saves the filters exactly as the address holds them, under a name. */
export function useSaveView(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; filters: TaskFilters }) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/views', {
          params: { path: { workspaceId } },
          body: { name: body.name, query: { ...body.filters } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsKey(workspaceId) }),
  });
}

export function useDeleteView(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (viewId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/views/{viewId}', { params: { path: { workspaceId, viewId } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsKey(workspaceId) }),
  });
}
