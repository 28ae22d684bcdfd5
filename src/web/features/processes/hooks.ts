import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';
import { uploadFile, type UploadOptions } from '../../api/upload.ts';
import { useFormatters } from '../../components/useFormatters.ts';

export type Process = components['schemas']['Process'];
export type ProcessStep = components['schemas']['ProcessStep'];
export type Run = components['schemas']['ProcessRun'];
export type ProcessAnalytics = components['schemas']['ProcessAnalytics'];
export type ProcessComparison = components['schemas']['ProcessComparison'];
export type ProcessStepChange = components['schemas']['ProcessStepChange'];
export type StepMetrics = ProcessAnalytics['steps'][number];
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

const RUNS_PAGE_SIZE = 20;

/** A process's cases, newest first, a page at a time: `fetchNextPage` follows the server's cursor. */
export function useRuns(workspaceId: string, processId: string, status: RunStatus[]) {
  return useInfiniteQuery({
    queryKey: [...processKey(workspaceId, processId), 'runs', status],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/processes/{processId}/runs', {
          params: {
            path: { workspaceId, processId },
            query: {
              limit: RUNS_PAGE_SIZE,
              ...(status.length > 0 ? { status: status.join(',') } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
    placeholderData: (previous) => previous,
  });
}

/** Analytics of the process’s cases (one version’s, drawn on its steps; those started in a window of days). */
export function useProcessAnalytics(
  workspaceId: string,
  processId: string,
  versionId: string | null = null,
  enabled = true,
  window: { from: string; to: string } | null = null,
) {
  const language = useLanguage();
  return useQuery({
    queryKey: [
      ...processKey(workspaceId, processId),
      'analytics',
      versionId ?? 'all',
      window?.from ?? '',
      window?.to ?? '',
      language,
    ],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/processes/{processId}/analytics', {
          params: {
            path: { workspaceId, processId },
            query: { ...(versionId ? { versionId } : {}), ...(window ?? {}) },
          },
        }),
      ),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** Two versions side by side: the step changes and the measured times before and after. */
export function useProcessComparison(
  workspaceId: string,
  processId: string,
  fromVersionId: string | null,
  toVersionId: string | null,
) {
  return useQuery({
    queryKey: [...processKey(workspaceId, processId), 'compare', fromVersionId, toVersionId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/processes/{processId}/compare', {
          params: {
            path: { workspaceId, processId },
            query: { from: fromVersionId ?? '', to: toVersionId ?? '' },
          },
        }),
      ),
    placeholderData: (previous) => previous,
    enabled: fromVersionId !== null && toVersionId !== null,
  });
}

export function useRun(workspaceId: string, runId: string) {
  return useQuery({
    queryKey: runKey(workspaceId, runId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/runs/{runId}', { params: { path: { workspaceId, runId } } })),
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

export function useReassignRun(workspaceId: string, runId: string) {
  return useRunMutation(workspaceId, runId, (userId: string) =>
    unwrap(
      api.POST('/api/v1/w/{workspaceId}/runs/{runId}/reassign', {
        params: { path: { workspaceId, runId } },
        body: { userId },
      }),
    ),
  );
}

/** Hours with one decimal, from milliseconds; null stays null. */
export function msToHours(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 360_000) / 10;
}

/** Milliseconds as hours in the UI language: "20.5", "<0.1" for a moment, "—" when unknown. */
export function useHours(): (ms: number | null) => string {
  const format = useFormatters();
  return useCallback(
    (ms: number | null) => {
      const value = msToHours(ms);
      if (value === null || ms === null) return '—';
      if (value === 0 && ms > 0) return `<${format.number(0.1, 1)}`;
      return format.number(value, 1);
    },
    [format],
  );
}

export type OpenStepsByPerson =
  paths['/api/v1/w/{workspaceId}/open-steps']['get']['responses'][200]['content']['application/json']['people'][number];

/** How a person of the team queue is named in the address and the API: their id, or `none` for nobody. */
export function assigneeKey(person: OpenStepsByPerson): string {
  return person.assignee?.id ?? 'none';
}

/** Everyone's open steps (the 200 soonest due, or one person's) with the open and overdue count per person. */
export function useOpenSteps(workspaceId: string, assigneeId?: string) {
  return useQuery({
    queryKey: [...processesKey(workspaceId), 'open-steps', assigneeId ?? 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/open-steps', {
          params: { path: { workspaceId }, query: assigneeId ? { assigneeId } : {} },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export type EventLogImportReport = components['schemas']['EventLogImportReport'];

/** Sends an event log to the process: a dry run reports, a commit imports every case or none. */
export function useImportEventLog(workspaceId: string, processId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: UploadOptions & { dryRun: boolean; createSteps?: boolean }) =>
      uploadFile<EventLogImportReport>(
        `/api/v1/w/${encodeURIComponent(workspaceId)}/processes/${encodeURIComponent(processId)}/event-log?dryRun=${String(options.dryRun)}&createSteps=${String(options.createSteps ?? false)}`,
        options,
      ),
    onSuccess: (report) => (report.imported ? processesChanged(queryClient, workspaceId) : undefined),
  });
}

/** One step's figures per person, for managers and up (the server refuses others). */
export function useStepAssignees(
  workspaceId: string,
  processId: string,
  stepKey: string,
  versionId: string | null,
  window: { from: string; to: string } | null,
) {
  return useQuery({
    queryKey: [
      ...processKey(workspaceId, processId),
      'assignees',
      stepKey,
      versionId ?? 'all',
      window?.from ?? '',
      window?.to ?? '',
    ],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/processes/{processId}/steps/{stepKey}/assignees', {
          params: {
            path: { workspaceId, processId, stepKey },
            query: { ...(versionId ? { versionId } : {}), ...(window ?? {}) },
          },
        }),
      ),
  });
}
