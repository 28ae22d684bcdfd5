import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';

export type ReviewCycleSummary = components['schemas']['ReviewCycleSummary'];
export type ReviewCycle = components['schemas']['ReviewCycle'];
export type ReviewParticipant = components['schemas']['ReviewParticipant'];
export type ReviewParticipantSummary = components['schemas']['ReviewParticipantSummary'];
export type Review = components['schemas']['Review'];
export type Scorecard = components['schemas']['Scorecard'];
export type ScorecardMetric = Scorecard['metrics'][number];
export type Calibration = components['schemas']['ReviewCalibration'];
export type TemplateDefinition = components['schemas']['ReviewTemplateDefinition'];
export type TemplateInput =
  paths['/api/v1/w/{workspaceId}/review-templates']['post']['requestBody']['content']['application/json'];
export type CycleInput =
  paths['/api/v1/w/{workspaceId}/review-cycles']['post']['requestBody']['content']['application/json'];
export type ReviewInput =
  paths['/api/v1/w/{workspaceId}/reviews/{reviewId}']['put']['requestBody']['content']['application/json'];
export type FinalInput =
  paths['/api/v1/w/{workspaceId}/review-participants/{participantId}']['patch']['requestBody']['content']['application/json'];
export type Answers = ReviewInput['answers'];
export type Overrides = NonNullable<ReviewInput['overrides']>;
export type MetricKey = ScorecardMetric['key'];
export type StageKey = ReviewCycle['stages'][number]['stage'];
export type CycleStage = ReviewCycle['stage'];

export const STAGE_KEYS: StageKey[] = ['self', 'peer', 'manager', 'calibration', 'sign_off'];

const reviewsKey = (workspaceId: string) => ['reviews', workspaceId] as const;

export function useReviewCycles(workspaceId: string) {
  return useQuery({
    queryKey: [...reviewsKey(workspaceId), 'cycles'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/review-cycles', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
  });
}

export function useReviewTemplates(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: [...reviewsKey(workspaceId), 'templates'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/review-templates', { params: { path: { workspaceId } } })),
    enabled,
  });
}

export function useReviewCycle(workspaceId: string, cycleId: string) {
  return useQuery({
    queryKey: [...reviewsKey(workspaceId), 'cycle', cycleId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/review-cycles/{cycleId}', {
          params: { path: { workspaceId, cycleId } },
        }),
      ),
    select: (data) => data.cycle,
  });
}

export function useCalibration(workspaceId: string, cycleId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...reviewsKey(workspaceId), 'calibration', cycleId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/review-cycles/{cycleId}/calibration', {
          params: { path: { workspaceId, cycleId } },
        }),
      ),
    select: (data) => data.calibration,
    enabled,
  });
}

export function useParticipant(workspaceId: string, participantId: string) {
  return useQuery({
    queryKey: [...reviewsKey(workspaceId), 'participant', participantId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/review-participants/{participantId}', {
          params: { path: { workspaceId, participantId } },
        }),
      ),
    select: (data) => data.participant,
  });
}

export function useReview(workspaceId: string, reviewId: string) {
  return useQuery({
    queryKey: [...reviewsKey(workspaceId), 'review', reviewId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/reviews/{reviewId}', {
          params: { path: { workspaceId, reviewId } },
        }),
      ),
    select: (data) => data.review,
  });
}

function useRefresh(workspaceId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: reviewsKey(workspaceId) });
    // A sign-off may assess skill levels: the skills page's gaps follow.
    void client.invalidateQueries({ queryKey: ['skills', workspaceId] });
  };
}

export function useCreateTemplate(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: TemplateInput) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/review-templates', { params: { path: { workspaceId } }, body }),
      ),
    onSuccess: refresh,
  });
}

export function useCreateCycle(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: CycleInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/review-cycles', { params: { path: { workspaceId } }, body })),
    onSuccess: refresh,
  });
}

export function useAdvanceCycle(workspaceId: string, cycleId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/review-cycles/{cycleId}/advance', {
          params: { path: { workspaceId, cycleId } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRefreshScorecards(workspaceId: string, cycleId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/review-cycles/{cycleId}/scorecards', {
          params: { path: { workspaceId, cycleId } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useSaveReview(workspaceId: string, reviewId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: ReviewInput) =>
      unwrap(
        api.PUT('/api/v1/w/{workspaceId}/reviews/{reviewId}', {
          params: { path: { workspaceId, reviewId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useUpdateFinal(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: ({ participantId, body }: { participantId: string; body: FinalInput }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/review-participants/{participantId}', {
          params: { path: { workspaceId, participantId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useAddPeer(workspaceId: string, participantId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (reviewerId: string) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/review-participants/{participantId}/peers', {
          params: { path: { workspaceId, participantId } },
          body: { reviewerId },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useSignOff(workspaceId: string, participantId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/review-participants/{participantId}/sign-off', {
          params: { path: { workspaceId, participantId } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useAcknowledge(workspaceId: string, participantId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (note: string) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/review-participants/{participantId}/acknowledge', {
          params: { path: { workspaceId, participantId } },
          body: note.trim() ? { note: note.trim() } : {},
        }),
      ),
    onSuccess: refresh,
  });
}

/** Submitted / all reviews of a kind among the participants shown, for a stage's progress. */
export function stageProgress(cycle: ReviewCycle, stage: StageKey): { done: number; total: number } {
  const people = cycle.participants;
  if (stage === 'self' || stage === 'peer' || stage === 'manager') {
    const reviews = people.flatMap((p) => p.reviews.filter((r) => r.kind === stage));
    return { done: reviews.filter((r) => r.status === 'submitted').length, total: reviews.length };
  }
  if (stage === 'calibration')
    return { done: people.filter((p) => p.finalRating !== null).length, total: people.length };
  return { done: people.filter((p) => p.signedOffAt !== null).length, total: people.length };
}

/** Hands a downloaded file to the browser under its name. */
function saveFile(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Downloads one person's review as PDF or the cycle as XLSX. Fetched rather than linked, so a refusal (no Chromium
 * on the server, 503) shows as a message on the page instead of a JSON file.
 */
export function useReviewExport(workspaceId: string) {
  return useMutation({
    mutationFn: async (
      target: { participantId: string; fileName: string } | { cycleId: string; fileName: string },
    ) => {
      const blob =
        'participantId' in target
          ? await unwrap(
              api.GET('/api/v1/w/{workspaceId}/review-participants/{participantId}/pdf', {
                params: { path: { workspaceId, participantId: target.participantId } },
                parseAs: 'blob',
              }),
            )
          : await unwrap(
              api.GET('/api/v1/w/{workspaceId}/review-cycles/{cycleId}/export', {
                params: { path: { workspaceId, cycleId: target.cycleId } },
                parseAs: 'blob',
              }),
            );
      saveFile(blob as Blob, target.fileName);
    },
  });
}
