import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';

export type Survey = components['schemas']['Survey'];
export type SurveyQuestion = components['schemas']['SurveyQuestion'];
export type SurveyResults = components['schemas']['SurveyResults'];
export type PublicSurvey = components['schemas']['PublicSurvey'];
export type SurveyChanges =
  paths['/api/v1/w/{workspaceId}/surveys/{surveyId}']['patch']['requestBody']['content']['application/json'];
export type NewSurvey =
  paths['/api/v1/w/{workspaceId}/surveys']['post']['requestBody']['content']['application/json'];
export type SurveyResponse =
  paths['/api/v1/public/surveys/{surveyId}/responses']['post']['requestBody']['content']['application/json'];

const surveysKey = (workspaceId: string) => ['surveys', workspaceId] as const;

export function useSurveys(workspaceId: string) {
  return useQuery({
    queryKey: surveysKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/surveys', { params: { path: { workspaceId } } })),
    select: (data) => data.surveys,
  });
}

export function useSurvey(workspaceId: string, surveyId: string) {
  return useQuery({
    queryKey: [...surveysKey(workspaceId), surveyId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/surveys/{surveyId}', {
          params: { path: { workspaceId, surveyId } },
        }),
      ),
    select: (data) => data.survey,
  });
}

export function useSurveyResults(workspaceId: string, surveyId: string, waveId: string | undefined) {
  return useQuery({
    queryKey: [...surveysKey(workspaceId), surveyId, 'results', waveId ?? 'latest'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/surveys/{surveyId}/results', {
          params: { path: { workspaceId, surveyId }, query: waveId ? { waveId } : {} },
        }),
      ),
    select: (data) => data.results,
  });
}

function useInvalidate(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: surveysKey(workspaceId) });
}

export function useCreateSurvey(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (body: NewSurvey) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/surveys', { params: { path: { workspaceId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpdateSurvey(workspaceId: string, surveyId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (body: SurveyChanges) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/surveys/{surveyId}', {
          params: { path: { workspaceId, surveyId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useStartWave(workspaceId: string, surveyId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (label: string) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/surveys/{surveyId}/waves', {
          params: { path: { workspaceId, surveyId } },
          body: label ? { label } : {},
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteSurvey(workspaceId: string, surveyId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: () =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/surveys/{surveyId}', {
          params: { path: { workspaceId, surveyId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function usePublicSurvey(surveyId: string, token?: string) {
  return useQuery({
    queryKey: ['public-survey', surveyId, token ?? ''],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/public/surveys/{surveyId}', {
          params: { path: { surveyId }, query: token ? { t: token } : {} },
        }),
      ),
    select: (data) => data.survey,
    retry: false,
  });
}

export function useSubmitResponse(surveyId: string) {
  return useMutation({
    mutationFn: (body: SurveyResponse) =>
      unwrap(
        api.POST('/api/v1/public/surveys/{surveyId}/responses', { params: { path: { surveyId } }, body }),
      ),
  });
}

export type SurveyLink = components['schemas']['SurveyLink'];

export function useSurveyLinks(workspaceId: string, surveyId: string) {
  return useQuery({
    queryKey: ['surveys', workspaceId, surveyId, 'links'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/surveys/{surveyId}/links', {
          params: { path: { workspaceId, surveyId } },
        }),
      ),
    select: (data) => data.links,
  });
}

export function useCreateSurveyLinks(workspaceId: string, surveyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { count?: number; emails?: string[] }) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/surveys/{surveyId}/links', {
          params: { path: { workspaceId, surveyId } },
          body,
        }),
      ),
    onSuccess: (data) => queryClient.setQueryData(['surveys', workspaceId, surveyId, 'links'], data),
  });
}
