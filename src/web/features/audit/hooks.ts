import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

export type AuditFilters = { actorId?: string; objectType?: string; from?: number; to?: number };

const PAGE_SIZE = 50;

export function useAuditLog(workspaceId: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', workspaceId, filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/audit', {
          params: {
            path: { workspaceId },
            query: { ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

/** The latest few entries, for the overview page. */
export function useRecentActivity(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['audit', workspaceId, 'recent'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/audit', { params: { path: { workspaceId }, query: { limit: 8 } } }),
      ),
    select: (data) => data.items,
    enabled,
  });
}
