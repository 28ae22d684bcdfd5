import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import type { FeedKind, FeedObjectType } from '../../../core/activity/index.ts';

export type ActivityItem = components['schemas']['ActivityItem'];
export type ActivityFilters = {
  actorId?: string | undefined;
  kind?: FeedKind | undefined;
  objectType?: FeedObjectType | undefined;
};

const PAGE_SIZE = 30;

/** The workspace feed, a page at a time; comment mutations invalidate ['activity', workspaceId]. */
export function useActivityFeed(workspaceId: string, filters: ActivityFilters) {
  return useInfiniteQuery({
    queryKey: ['activity', workspaceId, filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/activity', {
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
