import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';

export type Competitor = components['schemas']['Competitor'];
export type Observation = components['schemas']['CompetitorObservation'];
export type Swot = components['schemas']['Swot'];
export type ObservationCategory = Observation['category'];
export type NewCompetitor =
  paths['/api/v1/w/{workspaceId}/competitors']['post']['requestBody']['content']['application/json'];
export type CompetitorChanges =
  paths['/api/v1/w/{workspaceId}/competitors/{competitorId}']['patch']['requestBody']['content']['application/json'];
export type NewObservation =
  paths['/api/v1/w/{workspaceId}/competitors/{competitorId}/observations']['post']['requestBody']['content']['application/json'];
export type ObservationChanges =
  paths['/api/v1/w/{workspaceId}/competitors/{competitorId}/observations/{observationId}']['patch']['requestBody']['content']['application/json'];
export type ObservationTask = NonNullable<
  paths['/api/v1/w/{workspaceId}/competitors/{competitorId}/observations/{observationId}/task']['post']['requestBody']
>['content']['application/json'];

export const OBSERVATION_CATEGORIES: readonly ObservationCategory[] = [
  'pricing',
  'feature',
  'campaign',
  'channel',
  'other',
];

const competitorsKey = (workspaceId: string) => ['competitors', workspaceId] as const;

export function useCompetitors(workspaceId: string, category: ObservationCategory | undefined) {
  return useQuery({
    queryKey: [...competitorsKey(workspaceId), 'list', category ?? 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/competitors', {
          params: { path: { workspaceId }, query: category ? { category } : {} },
        }),
      ),
    select: (data) => data.competitors,
  });
}

export function useObservations(
  workspaceId: string,
  competitorId: string | undefined,
  category: ObservationCategory | undefined,
) {
  return useQuery({
    queryKey: [...competitorsKey(workspaceId), 'observations', competitorId ?? '', category ?? 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/competitor-observations', {
          params: {
            path: { workspaceId },
            query: {
              limit: 200,
              ...(competitorId ? { competitorId } : {}),
              ...(category ? { category } : {}),
            },
          },
        }),
      ),
    select: (data) => data.observations,
    enabled: competitorId !== undefined,
  });
}

function useInvalidate(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: competitorsKey(workspaceId) });
}

export function useCreateCompetitor(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (body: NewCompetitor) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/competitors', { params: { path: { workspaceId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpdateCompetitor(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ competitorId, body }: { competitorId: string; body: CompetitorChanges }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/competitors/{competitorId}', {
          params: { path: { workspaceId, competitorId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteCompetitor(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (competitorId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/competitors/{competitorId}', {
          params: { path: { workspaceId, competitorId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCreateObservation(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ competitorId, body }: { competitorId: string; body: NewObservation }) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/competitors/{competitorId}/observations', {
          params: { path: { workspaceId, competitorId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useUpdateObservation(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({
      competitorId,
      observationId,
      body,
    }: {
      competitorId: string;
      observationId: string;
      body: ObservationChanges;
    }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/competitors/{competitorId}/observations/{observationId}', {
          params: { path: { workspaceId, competitorId, observationId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteObservation(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ competitorId, observationId }: { competitorId: string; observationId: string }) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/competitors/{competitorId}/observations/{observationId}', {
          params: { path: { workspaceId, competitorId, observationId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCreateTaskFromObservation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      competitorId,
      observationId,
      body,
    }: {
      competitorId: string;
      observationId: string;
      body: ObservationTask;
    }) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/competitors/{competitorId}/observations/{observationId}/task', {
          params: { path: { workspaceId, competitorId, observationId } },
          body,
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: competitorsKey(workspaceId) });
      void queryClient.invalidateQueries({ queryKey: ['tasks', workspaceId] });
    },
  });
}
