import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';

export type Agenda = components['schemas']['Agenda'];
export type AgendaItem = components['schemas']['AgendaItem'];
export type AgendaGroup = keyof Agenda['groups'];
export const AGENDA_GROUPS: AgendaGroup[] = ['overdue', 'today', 'week', 'later'];

export const agendaKey = (workspaceId: string) => ['agenda', workspaceId] as const;

/** The signed-in person's queue in this workspace, grouped by when each item is due. */
export function useAgenda(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: agendaKey(workspaceId),
    queryFn: () => unwrap(api.GET('/api/v1/w/{workspaceId}/agenda', { params: { path: { workspaceId } } })),
    enabled,
  });
}

/** Where an item is worked on: the task's drawer, the case, the goal (to check in), the KPI (to enter). */
export function agendaLink(base: string, item: Pick<AgendaItem, 'kind' | 'id'>): string {
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
