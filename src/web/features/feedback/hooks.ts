import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';
import { uploadFile, type UploadOptions } from '../../api/upload.ts';

export type FeedbackItem = components['schemas']['FeedbackItem'];
export type FeedbackDetail = components['schemas']['FeedbackDetail'];
export type FeedbackCluster = components['schemas']['FeedbackCluster'];
export type PortalItem = components['schemas']['PortalItem'];
export type InboxFilter = NonNullable<
  paths['/api/v1/w/{workspaceId}/feedback/items']['get']['parameters']['query']
>;
export type ItemChanges =
  paths['/api/v1/w/{workspaceId}/feedback/items/{itemId}']['patch']['requestBody']['content']['application/json'];
export type BulkChanges =
  paths['/api/v1/w/{workspaceId}/feedback/items/bulk']['post']['requestBody']['content']['application/json'];
export type PortalSubmission =
  paths['/api/v1/portal/{portalId}/items']['post']['requestBody']['content']['application/json'];

export const feedbackKey = (workspaceId: string) => ['feedback', workspaceId] as const;

export function useInbox(workspaceId: string, filter: InboxFilter) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'items', filter],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/feedback/items', {
          params: { path: { workspaceId }, query: filter },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackItem(workspaceId: string, itemId: string) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'item', itemId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/feedback/items/{itemId}', {
          params: { path: { workspaceId, itemId } },
        }),
      ),
    select: (data) => data.item,
  });
}

function useInvalidate(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: feedbackKey(workspaceId) });
}

export function useUpdateItem(workspaceId: string, itemId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (body: ItemChanges) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/feedback/items/{itemId}', {
          params: { path: { workspaceId, itemId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useBulkUpdate(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (body: BulkChanges) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/feedback/items/bulk', { params: { path: { workspaceId } }, body }),
      ),
    onSuccess: invalidate,
  });
}

export function useMergeItems(workspaceId: string, itemId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (duplicateIds: string[]) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/feedback/items/{itemId}/merge', {
          params: { path: { workspaceId, itemId } },
          body: { duplicateIds },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useStartProcess(workspaceId: string, itemId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/feedback/items/{itemId}/process', {
          params: { path: { workspaceId, itemId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useClusters(workspaceId: string, isPolling: boolean) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'clusters'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/feedback/clusters', { params: { path: { workspaceId } } })),
    refetchInterval: isPolling ? 1000 : false,
  });
}

export function useRecompute(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/feedback/clusters/recompute', {
          params: { path: { workspaceId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRenameCluster(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ clusterId, label }: { clusterId: string; label: string }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/feedback/clusters/{clusterId}', {
          params: { path: { workspaceId, clusterId } },
          body: { label },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Resolves every open item of a common issue with one resolution; each submitter is told once. */
export function useResolveCluster(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ clusterId, note }: { clusterId: string; note: string }) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/feedback/clusters/{clusterId}/resolve', {
          params: { path: { workspaceId, clusterId } },
          body: { status: 'done', note },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useMoveItem(workspaceId: string, itemId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (clusterId: string | null) =>
      unwrapEmpty(
        api.PUT('/api/v1/w/{workspaceId}/feedback/items/{itemId}/cluster', {
          params: { path: { workspaceId, itemId } },
          body: { clusterId },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCsat(workspaceId: string) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'csat'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/feedback/csat', { params: { path: { workspaceId } } })),
  });
}

// ——— The public portal ———

export function usePortal(portalId: string) {
  return useQuery({
    queryKey: ['portal', portalId],
    queryFn: () => unwrap(api.GET('/api/v1/portal/{portalId}', { params: { path: { portalId } } })),
    retry: false,
  });
}

export function usePortalItems(portalId: string, sort: 'votes' | 'new') {
  return useQuery({
    queryKey: ['portal', portalId, 'items', sort],
    queryFn: () =>
      unwrap(api.GET('/api/v1/portal/{portalId}/items', { params: { path: { portalId }, query: { sort } } })),
    select: (data) => data.items,
  });
}

export function usePortalItem(portalId: string, itemId: string) {
  return useQuery({
    queryKey: ['portal', portalId, 'item', itemId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/portal/{portalId}/items/{itemId}', { params: { path: { portalId, itemId } } })),
    select: (data) => data.item,
    retry: false,
  });
}

export function useSubmitFeedback(portalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalSubmission) =>
      unwrap(api.POST('/api/v1/portal/{portalId}/items', { params: { path: { portalId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', portalId] }),
  });
}

export function useVote(portalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) =>
      unwrap(
        api.POST('/api/v1/portal/{portalId}/items/{itemId}/votes', {
          params: { path: { portalId, itemId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', portalId] }),
  });
}

export function useRate() {
  return useMutation({
    mutationFn: (body: { token: string; score: number }) =>
      unwrap(api.POST('/api/v1/portal/ratings', { body })),
  });
}

export type FeedbackImportReport = components['schemas']['FeedbackImportReport'];

/** Sends a review or ticket export: a dry run reports, a commit imports every new row or none. */
export function useImportFeedback(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (options: UploadOptions & { dryRun: boolean }) =>
      uploadFile<FeedbackImportReport>(
        `/api/v1/w/${encodeURIComponent(workspaceId)}/feedback/import?dryRun=${String(options.dryRun)}`,
        options,
      ),
    onSuccess: (report) => (report.imported ? invalidate() : undefined),
  });
}
