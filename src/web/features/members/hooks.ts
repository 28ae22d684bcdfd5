import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../api/client.ts';
import type { Role } from '../../../core/permissions/index.ts';

export const membersKey = (workspaceId: string) => ['members', workspaceId] as const;
export const invitationsKey = (workspaceId: string) => ['invitations', workspaceId] as const;

/** The workspace's members; `enabled: false` waits (a page that needs them only once a picker opens). */
export function useMembers(workspaceId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    enabled,
    queryKey: membersKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/members', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
  });
}

export type MemberChanges = { role?: Role; title?: string | null; weeklyCapacityHours?: number };

export function useUpdateMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, changes }: { userId: string; changes: MemberChanges }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/members/{userId}', {
          params: { path: { workspaceId, userId } },
          body: changes,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(workspaceId) }),
  });
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/members/{userId}', {
          params: { path: { workspaceId, userId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(workspaceId) }),
  });
}

export function useInvitations(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: invitationsKey(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/invitations', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
    enabled,
  });
}

export type InvitationInput = { role: Role; email?: string; expiresInDays: number };

export function useCreateInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/invitations', { params: { path: { workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspaceId) }),
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/invitations/{invitationId}', {
          params: { path: { workspaceId, invitationId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspaceId) }),
  });
}
