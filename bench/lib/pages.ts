/**
 * The pages of the web app (src/web/router.tsx) that a bench or the large e2e opens, each with the selector that
 * shows its content. A content selector matches data (a table row, a heading filled from the API) or, on a page
 * the generated workspace leaves empty (processes, feedback, surveys…), the page's own empty state; either way
 * the page counts as shown only once no spinner or skeleton is left in the content area.
 */
export type AppPage = {
  name: string;
  /** Path below /w/{ws}. */
  path: string;
  content: string;
};

/** The app shell is up: the navigation menu (the sider from 992 px on) has its entries. */
export const SHELL_SELECTOR = '.ant-layout-sider .ant-menu-item';

/** Loading left in the content area: while any of these is visible the page is not shown yet. */
export const LOADING_SELECTOR =
  '.ant-layout-content .ant-spin-spinning, .ant-layout-content .ant-skeleton-active, .ant-layout-content .ant-skeleton';

/** Ids of the workspace's objects that have a page of their own; null when the workspace has none. */
export type PageIds = { goalId: string | null; kpiKey: string | null; processId: string | null };

export function appPages(ids: PageIds): AppPage[] {
  const pages: Array<AppPage | null> = [
    { name: 'overview', path: '', content: '[data-testid="workspace-title"]' },
    { name: 'activity', path: '/activity', content: '[data-testid="activity-feed"]' },
    { name: 'goal tree', path: '/goals', content: '[data-testid="goals-table"] .ant-table-row' },
    ids.goalId
      ? { name: 'goal', path: `/goals/${ids.goalId}`, content: '[data-testid="goal-title-heading"]' }
      : null,
    { name: 'KPI list', path: '/kpis', content: '[data-testid="kpis-table"] .ant-table-row' },
    ids.kpiKey
      ? { name: 'KPI', path: `/kpis/${ids.kpiKey}`, content: '[data-testid="kpi-last-value"]' }
      : null,
    { name: 'tasks', path: '/tasks', content: '[data-testid="tasks-table"] .ant-table-row' },
    {
      name: 'tasks by due day',
      path: '/tasks?sort=due',
      content: '[data-testid="tasks-table"] .ant-table-row',
    },
    { name: 'board', path: '/tasks/board', content: '[data-testid^="board-card-"]' },
    {
      name: 'timeline',
      path: '/tasks/timeline',
      // Above 2,000 tasks the timeline asks for a goal first.
      content: '[data-testid="timeline-summary"], [data-testid="timeline-too-large"]',
    },
    ...(ids.goalId
      ? [
          {
            name: 'timeline of a goal',
            path: `/tasks/timeline?goal=${ids.goalId}`,
            content: '[data-testid="timeline-summary"]',
          },
        ]
      : []),
    { name: 'calendar', path: '/tasks/calendar', content: '.ant-picker-calendar' },
    { name: 'RACI', path: '/raci', content: '[data-testid="raci-matrix"]' },
    { name: 'workload', path: '/workload', content: '[data-testid="workload-heatmap"]' },
    { name: 'routines', path: '/routines', content: '[data-testid="routines-table"]' },
    {
      name: 'processes',
      path: '/processes',
      content: '[data-testid="processes-table"], .ant-layout-content .ant-empty',
    },
    ids.processId
      ? { name: 'process', path: `/processes/${ids.processId}`, content: '.ant-layout-content h4' }
      : null,
    {
      name: 'queue',
      path: '/queue',
      // "Mine" (the default) is the person's day; "team" is the table.
      content: '[data-testid="myday-item"], [data-testid="myday-empty"], [data-testid="queue-table"]',
    },
    { name: 'plan document', path: '/plan', content: '[data-testid="plan-health-link"]' },
    { name: 'plan health', path: '/plan/health', content: '[data-testid="plan-health-score"]' },
    {
      name: 'feedback',
      path: '/feedback',
      content: '.ant-layout-content .ant-table, .ant-layout-content .ant-empty',
    },
    {
      name: 'feedback clusters',
      path: '/feedback/clusters',
      content: '.ant-layout-content .ant-empty, [data-testid="cluster-card"]',
    },
    {
      name: 'surveys',
      path: '/surveys',
      content: '.ant-layout-content .ant-table, .ant-layout-content .ant-empty',
    },
    {
      name: 'competitors',
      path: '/competitors',
      content: '.ant-layout-content .ant-empty, [data-testid="competitor-card"]',
    },
    {
      name: 'reviews',
      path: '/reviews',
      content: '[data-testid="cycle-row"], .ant-layout-content .ant-empty',
    },
    {
      name: 'meetings',
      path: '/meetings',
      content: '[data-testid="meeting-series"], .ant-layout-content .ant-empty',
    },
    { name: 'retros', path: '/retros', content: '[data-testid="retro-row"], .ant-layout-content .ant-empty' },
    {
      name: 'skills',
      path: '/skills',
      content: '[data-testid="skills-matrix"], .ant-layout-content .ant-empty',
    },
    { name: 'members', path: '/members', content: '.ant-layout-content .ant-table-row' },
    {
      name: 'audit',
      path: '/audit',
      content: '[data-testid="audit-list"], .ant-layout-content .ant-table-row',
    },
    { name: 'settings', path: '/settings', content: '.ant-layout-content form input' },
  ];
  return pages.filter((page): page is AppPage => page !== null);
}

/** Finds a goal with a parent, a KPI and a process over the API, as the web app would. */
export async function findPageIds(baseUrl: string, cookie: string, workspaceId: string): Promise<PageIds> {
  const get = async <T>(url: string): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1/w/${workspaceId}${url}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    return (await response.json()) as T;
  };
  const roots = await get<{ items: Array<{ id: string }> }>('/goals?parentId=root&limit=1');
  const root = roots.items[0];
  const children = root
    ? await get<{ items: Array<{ id: string }> }>(`/goals?parentId=${root.id}&limit=1`)
    : null;
  const kpis = await get<{ items: Array<{ key: string }> }>('/kpis?limit=1');
  const processes = await get<{ items: Array<{ id: string }> }>('/processes');
  return {
    goalId: children?.items[0]?.id ?? root?.id ?? null,
    kpiKey: kpis.items[0]?.key ?? null,
    processId: processes.items[0]?.id ?? null,
  };
}
