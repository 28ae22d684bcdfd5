import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { heatmapCells, type HeatmapCell } from '../../../core/workload/heatmap.ts';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.ts';
import { currentLocale } from '../../i18n/index.ts';
import { tasksKey, workloadKey } from '../tasks/hooks.ts';

export type Person = components['schemas']['Person'];
type WorkloadAnswer =
  paths['/api/v1/w/{workspaceId}/workload']['get']['responses'][200]['content']['application/json'];
/** One cell of the heatmap: what the compact answer says of a person's week, read back by heatmapCells. */
export type WorkloadWeek = HeatmapCell;
export type Workload = {
  weekStarts: string[];
  people: Array<{ userId: string; name: string; weeks: WorkloadWeek[] }>;
};

/** The compact answer (weeks and people once, numbers in arrays) as rows of cells; stable, so select memoises. */
function readHeatmap(answer: WorkloadAnswer): Workload {
  return {
    weekStarts: answer.weekStarts,
    people: answer.people.map(({ userId, name, ...row }) => ({
      userId,
      name,
      weeks: heatmapCells(answer, row),
    })),
  };
}
export type CalendarDay =
  paths['/api/v1/w/{workspaceId}/calendar']['get']['responses'][200]['content']['application/json']['items'][number];
export type PersonChanges =
  paths['/api/v1/w/{workspaceId}/people/{userId}']['put']['requestBody']['content']['application/json'];

export const peopleKey = (workspaceId: string) => ['people', workspaceId] as const;
export const calendarKey = (workspaceId: string) => ['calendar', workspaceId] as const;

export function usePeople(workspaceId: string) {
  return useQuery({
    queryKey: peopleKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/people', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
  });
}

export function useUpdatePerson(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, changes }: { userId: string; changes: PersonChanges }) =>
      unwrap(
        api.PUT('/api/v1/w/{workspaceId}/people/{userId}', {
          params: { path: { workspaceId, userId } },
          body: changes,
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(peopleKey(workspaceId), data);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: workloadKey(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: [...tasksKey(workspaceId), 'detail'] }),
      ]);
    },
  });
}

export function useWorkload(workspaceId: string, query: { from: string; weeks: number }) {
  return useQuery({
    queryKey: [...workloadKey(workspaceId), query, currentLocale()],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/workload', { params: { path: { workspaceId }, query } })),
    select: readHeatmap,
    placeholderData: keepPreviousData,
  });
}

/** The tasks behind one heatmap cell, read when the cell is opened. */
export function useWorkloadCell(workspaceId: string, cell: { userId: string; week: string }) {
  return useQuery({
    queryKey: [...workloadKey(workspaceId), 'cell', cell, currentLocale()],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/workload/cell', {
          params: { path: { workspaceId }, query: cell },
        }),
      ),
    select: (data) => [...data.tasks].sort((a, b) => b.hours - a.hours),
  });
}

export function useWorkCalendar(workspaceId: string) {
  return useQuery({
    queryKey: calendarKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/calendar', { params: { path: { workspaceId } } })),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function useSaveWorkCalendar(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: Array<{ day: string; kind: CalendarDay['kind']; name: string | null }>) =>
      unwrap(
        api.PUT('/api/v1/w/{workspaceId}/calendar', { params: { path: { workspaceId } }, body: { items } }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(calendarKey(workspaceId), data);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: tasksKey(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: workloadKey(workspaceId) }),
      ]);
    },
  });
}

/** A new secret iCalendar address of my due tasks; the previous one stops working. */
export function useCreateCalendarFeed(workspaceId: string) {
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/calendar-feed', { params: { path: { workspaceId } } })),
  });
}
