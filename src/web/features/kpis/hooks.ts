import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, itemsByIds, unwrap, unwrapEmpty } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';
import { importMeasurements, type ImportOptions } from '../../api/upload.ts';
import { dashboardKey } from '../dashboard/hooks.ts';
import { goalsKey } from '../goals/hooks.ts';

export type Kpi = components['schemas']['Kpi'];
/** A KPI as lists and pickers show it (no description or thresholds). */
export type KpiListItem = components['schemas']['KpiListItem'];
export type KpiListFilter = {
  q?: string;
  status?: 'green' | 'amber' | 'red' | 'none';
  frequency?: 'day' | 'week' | 'month';
  kind?: 'measured' | 'formula';
};
export type KpiInput =
  paths['/api/v1/w/{workspaceId}/kpis']['post']['requestBody']['content']['application/json'];
export type KpiChanges =
  paths['/api/v1/w/{workspaceId}/kpis/{key}']['patch']['requestBody']['content']['application/json'];
export type Bucket = 'day' | 'week' | 'month' | 'quarter';
export type SeriesPoint = { period: string; value: number };
export type Measurement =
  paths['/api/v1/w/{workspaceId}/kpis/{key}/measurements']['get']['responses'][200]['content']['application/json']['items'][number];

export const kpisKey = (workspaceId: string) => ['kpis', workspaceId] as const;
const kpiKey = (workspaceId: string, key: string) => [...kpisKey(workspaceId), 'detail', key] as const;

const MEASUREMENT_PAGE = 30;

const KPI_PAGE = 50;
const KPI_SEARCH_LIMIT = 20;

/** The KPI list a page at a time, searched and filtered by the server. */
export function useKpiPages(workspaceId: string, filter: KpiListFilter) {
  return useInfiniteQuery({
    queryKey: [...kpisKey(workspaceId), 'pages', filter],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/kpis', {
          params: {
            path: { workspaceId },
            query: { ...filter, limit: KPI_PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** How many KPIs a picker offers for a search: typing narrows them. */
export const KPI_PICKER_PAGE = KPI_SEARCH_LIMIT;
/** The most keys or ids one request may ask for (the server's bound). */

/** The first KPIs whose name or key contains `text`, as `useKpiSearch` reads them: a picker's options. */
export function kpiPickerQuery(workspaceId: string, text: string, kind?: KpiListFilter['kind']) {
  return {
    queryKey: [...kpisKey(workspaceId), 'search', text, kind ?? null] as const,
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/w/{workspaceId}/kpis', {
            params: {
              path: { workspaceId },
              query: { ...(text ? { q: text } : {}), ...(kind ? { kind } : {}), limit: KPI_SEARCH_LIMIT },
            },
          }),
        )
      ).items,
  };
}

/** The KPIs of these keys (or ids), 100 a request: a picker's chosen values. */
export function kpisAskedQuery(workspaceId: string, by: 'keys' | 'ids', values: readonly string[]) {
  return {
    queryKey: [...kpisKey(workspaceId), by, values] as const,
    queryFn: () =>
      itemsByIds(values, (joined) =>
        unwrap(
          api.GET('/api/v1/w/{workspaceId}/kpis', {
            params: { path: { workspaceId }, query: { [by]: joined } },
          }),
        ),
      ),
  };
}

/** The first KPIs whose name or key contains `q` (the first by key when it is empty): for pickers. */
export function useKpiSearch(workspaceId: string, q: string, enabled = true, kind?: KpiListFilter['kind']) {
  return useQuery({ ...kpiPickerQuery(workspaceId, q, kind), placeholderData: keepPreviousData, enabled });
}

export function useKpi(workspaceId: string, key: string) {
  return useQuery({
    queryKey: kpiKey(workspaceId, key),
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/kpis/{key}', { params: { path: { workspaceId, key } } })),
    select: (data) => data.kpi,
  });
}

export function useKpiSeries(
  workspaceId: string,
  key: string,
  query: { bucket: Bucket; from?: string | undefined; to?: string | undefined },
  enabled = true,
) {
  return useQuery({
    queryKey: [...kpiKey(workspaceId, key), 'series', query],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/kpis/{key}/series', {
          params: {
            path: { workspaceId, key },
            query: {
              bucket: query.bucket,
              ...(query.from ? { from: query.from } : {}),
              ...(query.to ? { to: query.to } : {}),
            },
          },
        }),
      ),
    select: (data) => data.points,
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useMeasurements(workspaceId: string, key: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...kpiKey(workspaceId, key), 'measurements'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/kpis/{key}/measurements', {
          params: {
            path: { workspaceId, key },
            query: { limit: MEASUREMENT_PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled,
  });
}

/**
 * Before a value is saved: the value already recorded for that period, if any, and the 12 periods before it
 * (what "usual" means for the outlier warning). One page of the measurement list, from the period down.
 */
export function useMeasurementContext(workspaceId: string, key: string) {
  const queryClient = useQueryClient();
  return (period: string, nextPeriod: string) =>
    queryClient
      .fetchQuery({
        queryKey: [...kpiKey(workspaceId, key), 'measurements', 'context', period],
        queryFn: () =>
          unwrap(
            api.GET('/api/v1/w/{workspaceId}/kpis/{key}/measurements', {
              params: { path: { workspaceId, key }, query: { limit: 13, cursor: nextPeriod } },
            }),
          ),
        staleTime: 0,
      })
      .then((page) => ({
        existing: page.items.find((item) => item.period === period) ?? null,
        recent: page.items.filter((item) => item.period < period).map((item) => item.value),
      }));
}

/** Measurements feed KPI status, formulas over them, key results and goal health: reload all of it. */
function measurementsChanged(queryClient: QueryClient, workspaceId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: kpisKey(workspaceId) }),
    queryClient.invalidateQueries({ queryKey: goalsKey(workspaceId) }),
    queryClient.invalidateQueries({ queryKey: dashboardKey(workspaceId) }),
  ]);
}

export function useCreateKpi(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: KpiInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/kpis', { params: { path: { workspaceId } }, body })),
    onSuccess: () => measurementsChanged(queryClient, workspaceId),
  });
}

export function useUpdateKpi(workspaceId: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: KpiChanges) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/kpis/{key}', { params: { path: { workspaceId, key } }, body }),
      ),
    onSuccess: () => measurementsChanged(queryClient, workspaceId),
  });
}

export function useDeleteKpi(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/kpis/{key}', { params: { path: { workspaceId, key } } }),
      ),
    onSuccess: (_, key) => {
      queryClient.removeQueries({ queryKey: kpiKey(workspaceId, key) });
      return measurementsChanged(queryClient, workspaceId);
    },
  });
}

export function useSaveMeasurements(workspaceId: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (points: SeriesPoint[]) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/kpis/{key}/measurements', {
          params: { path: { workspaceId, key } },
          body: { points },
        }),
      ),
    onSuccess: () => measurementsChanged(queryClient, workspaceId),
  });
}

export function useDeleteMeasurement(workspaceId: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (period: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/kpis/{key}/measurements/{period}', {
          params: { path: { workspaceId, key, period } },
        }),
      ),
    onSuccess: () => measurementsChanged(queryClient, workspaceId),
  });
}

/** Uploads a measurement file: a dry run reports what would happen, a commit saves it. */
export function useImportMeasurements(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: Omit<ImportOptions, 'workspaceId'>) =>
      importMeasurements({ ...options, workspaceId }),
    onSuccess: (report) => (report.dryRun ? undefined : measurementsChanged(queryClient, workspaceId)),
  });
}

/** Where the browser downloads a KPI's measurements; the session cookie goes with the link. */
export function exportUrl(workspaceId: string, key: string, format: 'csv' | 'xlsx'): string {
  return `/api/v1/w/${encodeURIComponent(workspaceId)}/kpis/${encodeURIComponent(key)}/export?format=${format}`;
}
