import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';

export type NotificationSettings = components['schemas']['NotificationSettings'];
export type NotificationSettingsInput = Omit<NotificationSettings, 'isEmailConfigured'>;
export type ChatTarget = components['schemas']['ChatTarget'];
export type ChatDelivery = components['schemas']['ChatDelivery'];
export type ChatTargetInput =
  paths['/api/v1/w/{workspaceId}/chat-targets']['post']['requestBody']['content']['application/json'];
export type ChatTargetChanges =
  paths['/api/v1/w/{workspaceId}/chat-targets/{targetId}']['patch']['requestBody']['content']['application/json'];

const settingsKey = ['notification-settings'] as const;
const targetsKey = (workspaceId: string) => ['chat-targets', workspaceId] as const;

export function useNotificationSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: () => unwrap(api.GET('/api/v1/me/notification-settings')),
    select: (data) => data.settings,
  });
}

export function useSaveNotificationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettingsInput) =>
      unwrap(api.PUT('/api/v1/me/notification-settings', { body })),
    onSuccess: (data) => client.setQueryData(settingsKey, data),
  });
}

export function useChatTargets(workspaceId: string) {
  return useQuery({
    queryKey: targetsKey(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/chat-targets', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
  });
}

export function useCreateChatTarget(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChatTargetInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/chat-targets', { params: { path: { workspaceId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: targetsKey(workspaceId) }),
  });
}

export function useUpdateChatTarget(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ targetId, changes }: { targetId: string; changes: ChatTargetChanges }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/chat-targets/{targetId}', {
          params: { path: { workspaceId, targetId } },
          body: changes,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: targetsKey(workspaceId) }),
  });
}

export function useDeleteChatTarget(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (targetId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/chat-targets/{targetId}', {
          params: { path: { workspaceId, targetId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: targetsKey(workspaceId) }),
  });
}

export function useTestChatTarget(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (targetId: string) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/chat-targets/{targetId}/test', {
          params: { path: { workspaceId, targetId } },
          body: {},
        }),
      ),
    onSettled: (_data, _error, targetId) =>
      client.invalidateQueries({ queryKey: [...targetsKey(workspaceId), targetId, 'deliveries'] }),
  });
}

export function useChatDeliveries(workspaceId: string, targetId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...targetsKey(workspaceId), targetId, 'deliveries'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/chat-targets/{targetId}/deliveries', {
          params: {
            path: { workspaceId, targetId },
            query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled,
  });
}
