import { useMemo } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client.ts';
import type { paths } from '../../../api/schema.ts';
import { useMembers } from '../../members/hooks.ts';
import { usePeople } from '../../people/hooks.ts';
import { processesKey } from '../hooks.ts';
import type { OwnerCandidate } from './model.ts';

export type SaveStepsInput =
  paths['/api/v1/w/{workspaceId}/processes/{processId}/steps']['put']['requestBody']['content']['application/json'];
export type CreateFromStepsInput = Required<
  Pick<
    paths['/api/v1/w/{workspaceId}/processes']['post']['requestBody']['content']['application/json'],
    'name' | 'steps'
  >
> & { description: string | null };

/** Saves the designer's steps (a new version once cases ran on the current one) and reloads processes. */
export function useSaveProcessSteps(workspaceId: string, processId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveStepsInput) =>
      unwrap(
        api.PUT('/api/v1/w/{workspaceId}/processes/{processId}/steps', {
          params: { path: { workspaceId, processId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: processesKey(workspaceId) }),
  });
}

/** Creates a process from steps designed from scratch. */
export function useCreateProcessFromSteps(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFromStepsInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/processes', { params: { path: { workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: processesKey(workspaceId) }),
  });
}

/**
 * Who a step can go to: the members (with their titles, which roles match) and the skills people hold.
 * Skills need the people list; when it cannot be read the skill picker still takes free text.
 */
export function useOwnerOptions(workspaceId: string) {
  const members = useMembers(workspaceId);
  const people = usePeople(workspaceId);
  return useMemo(() => {
    const skillsByUser = new Map(
      (people.data ?? []).map((person) => [person.userId, person.skills.map((skill) => skill.skill)]),
    );
    const candidates: OwnerCandidate[] = (members.data ?? []).map((member) => ({
      userId: member.userId,
      name: member.name,
      title: member.title,
      role: member.role,
      skills: skillsByUser.get(member.userId) ?? [],
    }));
    const distinct = (values: Array<string | null>) =>
      [...new Set(values.filter((value): value is string => Boolean(value?.trim())))].sort((a, b) =>
        a.localeCompare(b),
      );
    return {
      candidates,
      roles: distinct(candidates.map((candidate) => candidate.title)),
      skills: distinct(candidates.flatMap((candidate) => candidate.skills)),
      isLoading: members.isPending,
    };
  }, [members.data, members.isPending, people.data]);
}
