import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';
import { importPlanYaml, type PlanYamlImportOptions } from '../../api/upload.ts';
import { i18n } from '../../i18n/index.ts';
import { HEALTH_PAGE_SIZE } from '../../../core/plan/health.ts';

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

export type PlanTemplate =
  paths['/api/v1/w/{workspaceId}/plan/templates']['get']['responses']['200']['content']['application/json']['items'][number];
export type FromTemplateRequest =
  paths['/api/v1/w/{workspaceId}/plan/from-template']['post']['requestBody']['content']['application/json'];
export type PlanImportReport = components['schemas']['PlanImportReport'];
export type PlanHealth = components['schemas']['PlanHealth'];
export type PlanFinding = PlanHealth['chapters'][number]['findings'][number];

/** The five plan templates, named in the UI language. */
export function usePlanTemplates(workspaceId: string) {
  return useQuery({
    queryKey: ['plan-templates', workspaceId, i18n.language],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/plan/templates', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
    staleTime: Infinity,
  });
}

/** The same templates before there is a workspace, for onboarding. */
export function usePlanTemplateCatalog() {
  return useQuery({
    queryKey: ['plan-templates', null, i18n.language],
    queryFn: () => unwrap(api.GET('/api/v1/plan/templates')),
    select: (data) => data.items,
    staleTime: Infinity,
  });
}

export const planHealthKey = (workspaceId: string) => ['plan-health', workspaceId] as const;

/** How often a stale plan health is asked for again while the server recomputes it. */
const HEALTH_POLL_MS = 2000;

/**
 * The linter on the live workspace: score, findings by chapter, SMART scores. A large plan's answer may come back
 * stale (the server recomputes it meanwhile), or computing with its progress when it has none yet: asked again
 * every two seconds until the new one is there.
 */
export function usePlanHealth(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: [...planHealthKey(workspaceId), i18n.language],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/plan/health', { params: { path: { workspaceId } } })),
    enabled,
    refetchInterval: (query) =>
      query.state.data?.computing || (query.state.data?.stale && query.state.data.refreshing)
        ? HEALTH_POLL_MS
        : false,
  });
}

/**
 * A page (1-based) of one chapter's findings. The health answer holds each chapter's first page; the others come
 * from the same computation on the server. Under the health key, so a re-check refreshes them too, and keyed by
 * the answer's time, so a newer answer's pages are read again.
 */
export function usePlanHealthFindings(
  workspaceId: string,
  chapter: PlanHealth['chapters'][number]['chapter'],
  page: number,
  computedAt: number,
) {
  return useQuery({
    queryKey: [...planHealthKey(workspaceId), 'findings', chapter, page, i18n.language, computedAt],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/plan/health/findings', {
          params: {
            path: { workspaceId },
            query: { chapter, offset: (page - 1) * HEALTH_PAGE_SIZE, limit: HEALTH_PAGE_SIZE },
          },
        }),
      ),
    enabled: page > 1,
    placeholderData: keepPreviousData,
  });
}

/** Everything a plan creates shows up across the workspace: after a commit, every cached list is stale. */
function invalidateWorkspace(queryClient: ReturnType<typeof useQueryClient>) {
  return queryClient.invalidateQueries();
}

/** New plan from a template; a dry run answers what would be created and writes nothing. */
export function useCreatePlanFromTemplate(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FromTemplateRequest) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/plan/from-template', { params: { path: { workspaceId } }, body }),
      ),
    onSuccess: (report) => (report.dryRun ? undefined : invalidateWorkspace(queryClient)),
  });
}

/** Uploads a plan.yaml: a dry run reports what would be created, a commit loads it all or nothing. */
export function useImportPlanYaml(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: Omit<PlanYamlImportOptions, 'workspaceId'>) =>
      importPlanYaml({ ...options, workspaceId }),
    onSuccess: (report) => (report.dryRun ? undefined : invalidateWorkspace(queryClient)),
  });
}

/** Where the browser downloads the workspace as plan.yaml. */
export function planYamlUrl(workspaceId: string): string {
  return `/api/v1/w/${encodeURIComponent(workspaceId)}/plan/export?format=yaml`;
}
