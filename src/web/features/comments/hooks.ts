import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import type { CommentTarget, REACTIONS } from '../../../core/comments/index.ts';

export type Reaction = (typeof REACTIONS)[number];

export type Comment = components['schemas']['Comment'];
export type TimelineItem = components['schemas']['TimelineItem'];

const TIMELINE_LIMIT = 100;

export const timelineKey = (workspaceId: string, targetType: CommentTarget, targetId: string) =>
  ['timeline', workspaceId, targetType, targetId] as const;

/** One object's comments interleaved with its changes, newest first. */
export function useObjectTimeline(workspaceId: string, targetType: CommentTarget, targetId: string) {
  return useQuery({
    queryKey: timelineKey(workspaceId, targetType, targetId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/timeline', {
          params: { path: { workspaceId }, query: { targetType, targetId, limit: TIMELINE_LIMIT } },
        }),
      ),
    select: (data) => data.items,
  });
}

/** Every mutation of the panel refreshes the object's timeline (and the workspace feed). */
function useRefresh(workspaceId: string, targetType: CommentTarget, targetId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: timelineKey(workspaceId, targetType, targetId) });
    void client.invalidateQueries({ queryKey: ['activity', workspaceId] });
  };
}

export function useCreateComment(workspaceId: string, targetType: CommentTarget, targetId: string) {
  const refresh = useRefresh(workspaceId, targetType, targetId);
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/comments', {
          params: { path: { workspaceId } },
          body: { targetType, targetId, body },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useUpdateComment(workspaceId: string, targetType: CommentTarget, targetId: string) {
  const refresh = useRefresh(workspaceId, targetType, targetId);
  return useMutation({
    mutationFn: ({ commentId, body }: { commentId: string; body: string }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/comments/{commentId}', {
          params: { path: { workspaceId, commentId } },
          body: { body },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeleteComment(workspaceId: string, targetType: CommentTarget, targetId: string) {
  const refresh = useRefresh(workspaceId, targetType, targetId);
  return useMutation({
    mutationFn: (commentId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/comments/{commentId}', {
          params: { path: { workspaceId, commentId } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useToggleReaction(workspaceId: string, targetType: CommentTarget, targetId: string) {
  const refresh = useRefresh(workspaceId, targetType, targetId);
  return useMutation({
    mutationFn: ({ commentId, emoji }: { commentId: string; emoji: Reaction }) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/comments/{commentId}/reactions', {
          params: { path: { workspaceId, commentId } },
          body: { emoji },
        }),
      ),
    onSuccess: refresh,
  });
}
