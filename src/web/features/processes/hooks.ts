import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';

export type Process = components['schemas']['Process'];
export type ProcessStep = components['schemas']['ProcessStep'];
export type Run = components['schemas']['ProcessRun'];
export type ProcessAnalytics = components['schemas']['ProcessAnalytics'];
export type RunStatus = Run['status'];
export type ProcessSummary =
  paths['/api/v1/w/{workspaceId}/processes']['get']['responses'][200]['content']['application/json']['items'][number];
export type ProcessTemplate =
  paths['/api/v1/w/{workspaceId}/process-templates']['get']['responses'][200]['content']['application/json']['items'][number];
export type RunSummary =
  paths['/api/v1/w/{workspaceId}/processes/{processId}/runs']['get']['responses'][200]['content']['application/json']['items'][number];
export type QueueItem =
  paths['/api/v1/w/{workspaceId}/my-queue']['get']['responses'][200]['content']['application/json']['items'][number];
export type CompleteStepInput =
  paths['/api/v1/w/{workspaceId}/runs/{runId}/complete-step']['post']['requestBody']['content']['application/json'];
export type RunStateInput =
  paths['/api/v1/w/{workspaceId}/runs/{runId}/state']['post']['requestBody']['content']['application/json'];

export const RUN_STATUSES: RunStatus[] = ['active', 'on_hold', 'completed', 'cancelled'];

export const processesKey = (workspaceId: string) => ['processes', workspaceId] as const;
const processKey = (workspaceId: string, processId: string) =>
  [...processesKey(workspaceId), 'detail', processId] as const;
const runKey = (workspaceId: string, runId: string) => [...processesKey(workspaceId), 'run', runId] as const;

/** The server translates some answers (templates, the bottleneck sentence): keep one copy per language. */
function useLanguage(): string {
  return useTranslation().i18n.language;
}

export function useProcessTemplates(workspaceId: string, enabled = true) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...processesKey(workspaceId), 'templates', language],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/process-templates', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
    enabled,
  });
}

export function useProcesses(workspaceId: string) {
  return useQuery({
    queryKey: [...processesKey(workspaceId), 'list'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/processes', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
  });
}

export function useProcess(workspaceId: string, processId: string) {
  return useQuery({
    queryKey: processKey(workspaceId, processId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/processes/{processId}', {
          params: { path: { workspaceId, processId } },
        }),
      ),
  });
}

export function useRuns(workspaceId: string, processId: string, status: RunStatus[]) {
  return useQuery({
    queryKey: [...processKey(workspaceId, processId), 'runs', status],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/processes/{processId}/runs', {
          params: {
            path: { workspaceId, processId },
            query: { limit: 100, ...(status.length > 0 ? { status: status.join(',') } : {}) },
          },
        }),
      ),
    select: (data) => data.items,
    placeholderData: (previous) => previous,
  });
}

export function useProcessAnalytics(workspaceId: string, processId: string, enabled = true) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...processKey(workspaceId, processId), 'analytics', language],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/processes/{processId}/analytics', {
          params: { path: { workspaceId, processId } },
        }),
      ),
    enabled,
  });
}

export function useRun(workspaceId: string, runId: string) {
  return useQuery({
    queryKey: runKey(workspaceId, runId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/runs/{runId}', { params: { path: { workspaceId, runId } } })),
  });
}

export function useMyQueue(workspaceId: string) {
  return useQuery({
    queryKey: [...processesKey(workspaceId), 'queue'],
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/my-queue', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
  });
}

/** Cases change counts, queues and analytics: reload everything about processes in the workspace. */
function processesChanged(queryClient: QueryClient, workspaceId: string) {
  return queryClient.invalidateQueries({ queryKey: processesKey(workspaceId) });
}

export function useCreateProcess(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (templateKey: string) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/processes', {
          params: { path: { workspaceId } },
          body: { templateKey },
        }),
      ),
    onSuccess: () => processesChanged(queryClient, workspaceId),
  });
}

export function useStartRun(workspaceId: string, processId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (subject: string) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/processes/{processId}/runs', {
          params: { path: { workspaceId, processId } },
          body: { subject },
        }),
      ),
    onSuccess: () => processesChanged(queryClient, workspaceId),
  });
}

/** Every change to a case answers with the case; put it in the cache, then reload the rest. */
function useRunMutation<Input>(workspaceId: string, runId: string, call: (input: Input) => Promise<Run>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (run) => {
      queryClient.setQueryData(runKey(workspaceId, runId), run);
      return processesChanged(queryClient, workspaceId);
    },
  });
}

export function useStartStep(workspaceId: string, runId: string) {
  return useRunMutation(workspaceId, runId, (stepKey: string) =>
    unwrap(
      api.POST('/api/v1/w/{workspaceId}/runs/{runId}/start-step', {
        params: { path: { workspaceId, runId } },
        body: { stepKey },
      }),
    ),
  );
}

export function useCompleteStep(workspaceId: string, runId: string) {
  return useRunMutation(workspaceId, runId, (body: CompleteStepInput) =>
    unwrap(
      api.POST('/api/v1/w/{workspaceId}/runs/{runId}/complete-step', {
        params: { path: { workspaceId, runId } },
        body,
      }),
    ),
  );
}

export function useChangeRunState(workspaceId: string, runId: string) {
  return useRunMutation(workspaceId, runId, (body: RunStateInput) =>
    unwrap(
      api.POST('/api/v1/w/{workspaceId}/runs/{runId}/state', {
        params: { path: { workspaceId, runId } },
        body,
      }),
    ),
  );
}

/** Hours with one decimal, from milliseconds; null stays null. */
export function msToHours(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 360_000) / 10;
}
