import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';

export type Retro = components['schemas']['Retro'];
export type RetroSummary = components['schemas']['RetroSummary'];
export type RetroFigure = components['schemas']['RetroFigure'];
export type RetroAction = components['schemas']['RetroAction'];
export type LessonSuggestion = components['schemas']['LessonSuggestion'];
export type ImprovementLog = components['schemas']['ImprovementLog'];
export type RetroInput =
  paths['/api/v1/w/{workspaceId}/retros']['post']['requestBody']['content']['application/json'];
export type RetroChanges =
  paths['/api/v1/w/{workspaceId}/retros/{retroId}']['patch']['requestBody']['content']['application/json'];
export type ActionInput =
  paths['/api/v1/w/{workspaceId}/retros/{retroId}/actions']['post']['requestBody']['content']['application/json']['actions'][number];
export type RetroSubject = RetroInput['subjectType'];
export const RETRO_SUBJECTS: RetroSubject[] = ['goal', 'milestone', 'process', 'campaign', 'period'];

const retrosKey = (workspaceId: string) => ['retros', workspaceId] as const;

export function useRetros(workspaceId: string) {
  return useQuery({
    queryKey: [...retrosKey(workspaceId), 'list'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/retros', {
          params: { path: { workspaceId }, query: { limit: 200 } },
        }),
      ),
    select: (data) => data.items,
  });
}

export function useRetro(workspaceId: string, retroId: string) {
  return useQuery({
    queryKey: [...retrosKey(workspaceId), 'one', retroId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/retros/{retroId}', { params: { path: { workspaceId, retroId } } }),
      ),
    select: (data) => data.retro,
  });
}

export function useLessonSuggestions(
  workspaceId: string,
  input: {
    subjectType: RetroSubject | undefined;
    subjectId?: string | undefined;
    title?: string | undefined;
  },
) {
  const { subjectType } = input;
  return useQuery({
    queryKey: [...retrosKey(workspaceId), 'suggestions', input],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/retros/suggestions', {
          params: {
            path: { workspaceId },
            query: {
              subjectType: subjectType ?? 'goal',
              ...(input.subjectId ? { subjectId: input.subjectId } : {}),
              ...(input.title ? { title: input.title } : {}),
            },
          },
        }),
      ),
    select: (data) => data.items,
    enabled: subjectType !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useImprovementLog(
  workspaceId: string,
  filter: {
    tag?: string | undefined;
    q?: string | undefined;
    status?: 'open' | 'overdue' | 'done' | undefined;
  },
) {
  return useQuery({
    queryKey: [...retrosKey(workspaceId), 'log', filter],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/improvement-log', {
          params: {
            path: { workspaceId },
            query: {
              ...(filter.tag ? { tag: filter.tag } : {}),
              ...(filter.q ? { q: filter.q } : {}),
              ...(filter.status ? { status: filter.status } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** After any change the 复盘, the lists, the tasks its actions became and the processes are read again. */
function useRefresh(workspaceId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: retrosKey(workspaceId) });
    void client.invalidateQueries({ queryKey: ['tasks', workspaceId] });
    void client.invalidateQueries({ queryKey: ['processes', workspaceId] });
  };
}

export function useCreateRetro(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: RetroInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/retros', { params: { path: { workspaceId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateRetro(workspaceId: string, retroId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: RetroChanges) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/retros/{retroId}', {
          params: { path: { workspaceId, retroId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useAddRetroActions(workspaceId: string, retroId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (actions: ActionInput[]) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/retros/{retroId}/actions', {
          params: { path: { workspaceId, retroId } },
          body: { actions },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useOpenProcessVersion(workspaceId: string, retroId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/retros/{retroId}/process-version', {
          params: { path: { workspaceId, retroId } },
          body: {},
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeleteRetro(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (retroId: string) =>
      unwrap(
        api.DELETE('/api/v1/w/{workspaceId}/retros/{retroId}', {
          params: { path: { workspaceId, retroId } },
        }),
      ),
    onSuccess: refresh,
  });
}
