import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.ts';

export type Dashboard =
  paths['/api/v1/w/{workspaceId}/dashboard']['get']['responses'][200]['content']['application/json'];
export type RedKpi = Dashboard['redKpis'][number];

export const dashboardKey = (workspaceId: string) => ['dashboard', workspaceId] as const;

export function useDashboard(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: dashboardKey(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/dashboard', { params: { path: { workspaceId } } })),
    enabled,
  });
}
