import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';

export type SkillsMatrix = components['schemas']['SkillsMatrix'];
export type TrainingSession = components['schemas']['TrainingSession'];
export type TrainingCourse = components['schemas']['TrainingCourse'];
export type SkillGap = SkillsMatrix['gaps']['bySkill'][number];
export type GapTrainingInput =
  paths['/api/v1/w/{workspaceId}/skills/gap-training']['post']['requestBody']['content']['application/json'];
export type AttendanceInput =
  paths['/api/v1/w/{workspaceId}/training/sessions/{sessionId}/attendance']['put']['requestBody']['content']['application/json']['items'][number];
export type DevelopmentGoalInput =
  paths['/api/v1/w/{workspaceId}/skills/development-goals']['post']['requestBody']['content']['application/json'];

const skillsKey = (workspaceId: string) => ['skills', workspaceId] as const;

export function useSkillsMatrix(workspaceId: string) {
  return useQuery({
    queryKey: [...skillsKey(workspaceId), 'matrix'],
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/skills', { params: { path: { workspaceId } } })),
  });
}

export function useTraining(workspaceId: string) {
  return useQuery({
    queryKey: [...skillsKey(workspaceId), 'training'],
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/training', { params: { path: { workspaceId } } })),
  });
}

/** After any change the matrix, the training, the people list and the goal tree are read again. */
function useRefresh(workspaceId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: skillsKey(workspaceId) });
    void client.invalidateQueries({ queryKey: ['people', workspaceId] });
    void client.invalidateQueries({ queryKey: ['goals', workspaceId] });
  };
}

export function useSetLevel(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: { userId: string; skill: string; level: number | null }) =>
      unwrap(api.PUT('/api/v1/w/{workspaceId}/skills/levels', { params: { path: { workspaceId } }, body })),
    onSuccess: refresh,
  });
}

export function useSetTarget(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: { roleTitle: string; skill: string; level: number | null }) =>
      unwrap(api.PUT('/api/v1/w/{workspaceId}/skills/targets', { params: { path: { workspaceId } }, body })),
    onSuccess: refresh,
  });
}

export function usePlanGapTraining(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: GapTrainingInput) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/skills/gap-training', { params: { path: { workspaceId } }, body }),
      ),
    onSuccess: refresh,
  });
}

export function useRecordAttendance(workspaceId: string, sessionId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (items: AttendanceInput[]) =>
      unwrap(
        api.PUT('/api/v1/w/{workspaceId}/training/sessions/{sessionId}/attendance', {
          params: { path: { workspaceId, sessionId } },
          body: { items },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useCreateDevelopmentGoal(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: DevelopmentGoalInput) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/skills/development-goals', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}
