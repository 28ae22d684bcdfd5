import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';

export type PlanDocument = components['schemas']['PlanDocument'];
export type DocumentRequest =
  paths['/api/v1/w/{workspaceId}/documents']['post']['requestBody']['content']['application/json'];
export type DocumentFormat = DocumentRequest['format'];

export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['docx', 'pdf', 'html', 'md', 'xlsx'];

export const documentsKey = (workspaceId: string) => ['documents', workspaceId] as const;

function isRunning(document: PlanDocument): boolean {
  return document.status === 'queued' || document.status === 'running';
}

/** The recent documents; polled every second and a half while one is still rendering. */
export function useDocuments(workspaceId: string) {
  return useQuery({
    queryKey: documentsKey(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/documents', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
    refetchInterval: (query) => (query.state.data?.items.some(isRunning) ? 1500 : false),
  });
}

export function useRequestDocument(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DocumentRequest) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/documents', { params: { path: { workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentsKey(workspaceId) }),
  });
}

/** Where the browser downloads a finished document (a plain link: the session cookie authorises it). */
export function documentFileUrl(workspaceId: string, documentId: string): string {
  return `/api/v1/w/${encodeURIComponent(workspaceId)}/documents/${encodeURIComponent(documentId)}/file`;
}

/** The live preview's address for the iframe. */
export function previewUrl(workspaceId: string, locale: string, goalId: string | null): string {
  const query = new URLSearchParams({ locale });
  if (goalId) query.set('goalId', goalId);
  return `/api/v1/w/${encodeURIComponent(workspaceId)}/plan/preview?${query.toString()}`;
}
