import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { i18n } from '../../i18n/index.ts';

const PAGE_SIZE = 20;

export function useUnreadCount(workspaceId: string) {
  return useQuery({
    queryKey: ['notifications', workspaceId, 'unread'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/notifications/unread-count', { params: { path: { workspaceId } } }),
      ),
    select: (data) => data.count,
  });
}

export function useInbox(workspaceId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['notifications', workspaceId, 'inbox', i18n.language],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/notifications', {
          params: {
            path: { workspaceId },
            query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled,
  });
}

export function useMarkRead(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/notifications/{notificationId}/read', {
          params: { path: { workspaceId, notificationId } },
          body: { read: true },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications', workspaceId] }),
  });
}

export function useMarkAllRead(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upToId: string | undefined) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/notifications/read-all', {
          params: { path: { workspaceId } },
          body: upToId ? { upToId } : {},
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications', workspaceId] }),
  });
}

export type LiveNotification = { id: string; type: string; title: string; link: string; createdAt: number };

/**
 * Listens to the workspace's notification stream (Server-Sent Events, with the session cookie): every new
 * notification or read elsewhere refreshes the count and the inbox; `onNotification` can show it at once.
 * EventSource reconnects by itself, and each `ready` after a reconnect refreshes too.
 */
export function useNotificationStream(workspaceId: string, onNotification: (item: LiveNotification) => void) {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource(`/api/v1/w/${workspaceId}/notifications/stream`, {
      withCredentials: true,
    });
    const refresh = () => void client.invalidateQueries({ queryKey: ['notifications', workspaceId] });
    source.addEventListener('ready', refresh);
    source.addEventListener('read', refresh);
    source.addEventListener('notification', (event) => {
      refresh();
      const item = JSON.parse((event as MessageEvent<string>).data) as LiveNotification;
      if (item.id) onNotification(item);
    });
    return () => source.close();
  }, [workspaceId, client, onNotification]);
}
