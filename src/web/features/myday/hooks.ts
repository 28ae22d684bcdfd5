import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';

export type MyDayData = components['schemas']['MyDay'];
export type MyDayItem = components['schemas']['MyDayItem'];
export type MyDayGroup = keyof MyDayData['groups'];
export const MY_DAY_GROUPS: MyDayGroup[] = ['overdue', 'today', 'week', 'later'];

export const myDayKey = (workspaceId: string) => ['my-day', workspaceId] as const;

/** The signed-in person's queue in this workspace, grouped by when each item is due. */
export function useMyDay(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: myDayKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/my-day', { params: { path: { workspaceId } } })),
    enabled,
  });
}

/** Where an item is worked on: the task's drawer, the case, the goal (to check in), the KPI (to enter). */
export function myDayLink(base: string, item: Pick<MyDayItem, 'kind' | 'id'>): string {
  switch (item.kind) {
    case 'task':
      return `${base}/tasks?task=${encodeURIComponent(item.id)}`;
    case 'step':
      return `${base}/runs/${item.id}`;
    case 'check_in':
      return `${base}/goals/${item.id}`;
    case 'kpi_value':
      return `${base}/kpis/${encodeURIComponent(item.id)}`;
  }
}
