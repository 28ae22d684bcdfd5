import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';
import { tasksKey } from '../tasks/hooks.ts';

export type Routine = components['schemas']['Routine'];
export type RoutineInput =
  paths['/api/v1/w/{workspaceId}/routines']['post']['requestBody']['content']['application/json'];
export type RoutineChanges =
  paths['/api/v1/w/{workspaceId}/routines/{routineId}']['patch']['requestBody']['content']['application/json'];

export const routinesKey = (workspaceId: string) => ['routines', workspaceId] as const;

export function useRoutines(workspaceId: string) {
  return useQuery({
    queryKey: routinesKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/routines', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
  });
}

function routinesChanged(queryClient: QueryClient, workspaceId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: routinesKey(workspaceId) }),
    queryClient.invalidateQueries({ queryKey: tasksKey(workspaceId) }),
  ]);
}

export function useCreateRoutine(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoutineInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/routines', { params: { path: { workspaceId } }, body })),
    onSuccess: () => routinesChanged(queryClient, workspaceId),
  });
}

export function useUpdateRoutine(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ routineId, changes }: { routineId: string; changes: RoutineChanges }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/routines/{routineId}', {
          params: { path: { workspaceId, routineId } },
          body: changes,
        }),
      ),
    onSuccess: () => routinesChanged(queryClient, workspaceId),
  });
}

export function useSkipOccurrence(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ routineId, day }: { routineId: string; day: string }) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/routines/{routineId}/skip', {
          params: { path: { workspaceId, routineId } },
          body: { day },
        }),
      ),
    onSuccess: () => routinesChanged(queryClient, workspaceId),
  });
}

export function useEndRoutine(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (routineId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/routines/{routineId}', {
          params: { path: { workspaceId, routineId } },
        }),
      ),
    onSuccess: () => routinesChanged(queryClient, workspaceId),
  });
}
