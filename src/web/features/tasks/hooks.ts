import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  usePrefetchInfiniteQuery,
  useQueries,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../api/client.ts';
import { PREFETCHED_FRESH_MS } from '../../api/prefetch.ts';
import type { components, paths } from '../../api/schema.ts';
import { importWbs, type WbsImportOptions } from '../../api/upload.ts';
import { currentLocale } from '../../i18n/index.ts';
import { withTaskStatus } from './moveStatus.ts';

export type Task = components['schemas']['Task'];
/** A row of the task list: the task with its WBS code and subtask count. */
export type TaskListItem = components['schemas']['TaskListItem'];
/** A board card: a projection of the list row (`GET …/tasks/cards`); roles are the R and A only. */
export type TaskCard = components['schemas']['TaskCard'];
export type TaskStatus = Task['status'];
export type TaskPriority = Task['priority'];
export type RaciRole = Task['roles'][number]['role'];
export type RoleAssignment = { userId: string; role: RaciRole };
export type TaskDetail =
  paths['/api/v1/w/{workspaceId}/tasks/{taskId}']['get']['responses'][200]['content']['application/json'];
export type TaskInput =
  paths['/api/v1/w/{workspaceId}/tasks']['post']['requestBody']['content']['application/json'];
export type TaskChanges =
  paths['/api/v1/w/{workspaceId}/tasks/{taskId}']['patch']['requestBody']['content']['application/json'];
export type TaskPage =
  paths['/api/v1/w/{workspaceId}/tasks']['get']['responses'][200]['content']['application/json'];
export type Schedule =
  paths['/api/v1/w/{workspaceId}/schedule']['get']['responses'][200]['content']['application/json'];
export type ScheduledTask = Schedule['tasks'][number];
export type RaciMatrix =
  paths['/api/v1/w/{workspaceId}/raci']['get']['responses'][200]['content']['application/json'];
export type Suggestion =
  paths['/api/v1/w/{workspaceId}/tasks/{taskId}/suggestions']['get']['responses'][200]['content']['application/json']['items'][number];

export const TASK_STATUSES: TaskStatus[] = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'];
export const PRIORITIES: TaskPriority[] = ['urgent', 'high', 'medium', 'low'];
export const RACI_ROLES: RaciRole[] = ['R', 'A', 'C', 'I'];

/** The list filters, as the list, board and calendar send them. */
export type TaskQuery = {
  statuses?: TaskStatus[] | undefined;
  assigneeId?: string | undefined;
  goalId?: string | undefined;
  label?: string | undefined;
  search?: string | undefined;
  dueAfter?: string | undefined;
  dueBefore?: string | undefined;
  milestone?: boolean | undefined;
  /** One level of the WBS tree (with `sort: 'wbs'`): the top-level tasks, or one task's subtasks. */
  root?: boolean | undefined;
  parentId?: string | undefined;
  sort?: 'due' | 'created' | 'priority' | 'wbs' | undefined;
};

/** Every task query of a workspace sits under this key, so one write reloads lists, board, timeline and RACI. */
export const tasksKey = (workspaceId: string) => ['tasks', workspaceId] as const;
export const taskListKey = (workspaceId: string, query: TaskQuery, limit: number) =>
  [...tasksKey(workspaceId), 'list', query, limit] as const;
const taskCardsKey = (workspaceId: string, query: TaskQuery, limit: number) =>
  [...tasksKey(workspaceId), 'cards', query, limit] as const;
const taskKey = (workspaceId: string, taskId: string) =>
  [...tasksKey(workspaceId), 'detail', taskId] as const;
export const workloadKey = (workspaceId: string) => ['workload', workspaceId] as const;

function listQuery(query: TaskQuery, limit: number, cursor: string | null) {
  return {
    limit,
    sort: query.sort ?? 'due',
    ...(query.statuses && query.statuses.length > 0 ? { status: query.statuses.join(',') } : {}),
    ...(query.assigneeId ? { assigneeId: query.assigneeId } : {}),
    ...(query.goalId ? { goalId: query.goalId } : {}),
    ...(query.label ? { label: query.label } : {}),
    ...(query.search ? { q: query.search } : {}),
    ...(query.dueAfter ? { dueAfter: query.dueAfter } : {}),
    ...(query.dueBefore ? { dueBefore: query.dueBefore } : {}),
    ...(query.milestone === undefined
      ? {}
      : { milestone: query.milestone ? ('true' as const) : ('false' as const) }),
    ...(query.root ? { root: 'true' as const } : {}),
    ...(query.parentId ? { parentId: query.parentId } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** Every page of a paged read, from the first, up to `max` items. */
async function readPages<T>(
  max: number,
  readPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await readPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** Every page of a task list query, 200 a request, up to `max` tasks. */
function readTaskPages(workspaceId: string, query: TaskQuery, max: number): Promise<TaskListItem[]> {
  return readPages(max, (cursor) =>
    unwrap(
      api.GET('/api/v1/w/{workspaceId}/tasks', {
        params: { path: { workspaceId }, query: listQuery(query, 200, cursor) },
      }),
    ),
  );
}

/** The most subtasks the tree reads under one task. */
const MAX_CHILDREN = 2000;

/** The subtasks of each expanded task of the WBS tree, in sibling order, read when it is expanded (cached per task). */
export function useTaskChildren(workspaceId: string, parentIds: readonly string[]) {
  return useQueries({
    queries: parentIds.map((parentId) => ({
      queryKey: [...tasksKey(workspaceId), 'children', parentId],
      queryFn: async () => ({
        parentId,
        items: await readTaskPages(workspaceId, { parentId, sort: 'wbs' }, MAX_CHILDREN),
      }),
    })),
    // The lists read so far (undefined while one loads): the same array until a read lands.
    combine: (results) => results.map((result) => result.data),
  });
}

/** The most milestones the board reads for its milestone lanes. */
const MAX_MILESTONES = 2000;

/** The plan's milestones with their WBS codes, for the board's milestone lanes (read only when shown). */
export function useMilestones(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...tasksKey(workspaceId), 'milestones'],
    // As cards: a lane needs a milestone's id, title and code, not the whole task.
    queryFn: async () =>
      (
        await readPages(MAX_MILESTONES, (cursor) =>
          unwrap(
            api.GET('/api/v1/w/{workspaceId}/tasks/cards', {
              params: {
                path: { workspaceId },
                query: listQuery({ milestone: true, sort: 'created' }, 200, cursor),
              },
            }),
          ),
        )
      ).map((task) => ({ id: task.id, title: task.title, wbs: task.wbs })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The workspace's distinct task labels (the label filter's and editor's choices). */
export function useTaskLabels(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: [...tasksKey(workspaceId), 'labels'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/tasks/labels', { params: { path: { workspaceId } } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Tasks matching the filters, a page at a time ("load more"). */
export function useTaskList(workspaceId: string, query: TaskQuery, limit = 50, enabled = true) {
  return useTaskPages(
    taskListKey(workspaceId, query, limit),
    (cursor) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/tasks', {
          params: { path: { workspaceId }, query: listQuery(query, limit, cursor) },
        }),
      ),
    enabled,
  );
}

/** The board's cards matching the filters, a page at a time ("load more"); the drawer reads a task by id. */
export function useTaskCards(workspaceId: string, query: TaskQuery, limit: number) {
  const queryKey = taskCardsKey(workspaceId, query, limit);
  const readPage = (cursor: string | null) =>
    unwrap(
      api.GET('/api/v1/w/{workspaceId}/tasks/cards', {
        params: { path: { workspaceId }, query: listQuery(query, limit, cursor) },
      }),
    );
  const options = {
    queryKey,
    queryFn: ({ pageParam }: { pageParam: string | null }) => readPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor,
  };
  // Asked while the board renders: the cards are the page's content (api/prefetch.ts).
  usePrefetchInfiniteQuery(options);
  return useInfiniteQuery({
    ...options,
    placeholderData: keepPreviousData,
    staleTime: PREFETCHED_FRESH_MS,
  });
}

/** Pages read by cursor, the last ones kept on screen while new filters load. */
function useTaskPages<Page extends { nextCursor: string | null }>(
  queryKey: readonly unknown[],
  readPage: (cursor: string | null) => Promise<Page>,
  enabled = true,
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => readPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTask(workspaceId: string, taskId: string | null) {
  return useQuery({
    queryKey: taskKey(workspaceId, taskId ?? ''),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/tasks/{taskId}', {
          params: { path: { workspaceId, taskId: taskId ?? '' } },
        }),
      ),
    enabled: taskId !== null,
  });
}

/** Critical-path dates of every task (or one goal's), with WBS codes and dependencies. */
/** `enabled: false` holds the request back (the whole plan: a page that can show its content first waits). */
export function useSchedule(
  workspaceId: string,
  goalId?: string | null,
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: [...tasksKey(workspaceId), 'schedule', goalId ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/schedule', {
          params: { path: { workspaceId }, query: goalId ? { goalId } : {} },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The plan's task count, and above how many the timeline asks for a goal first. */
export function useScheduleSize(workspaceId: string) {
  return useQuery({
    queryKey: [...tasksKey(workspaceId), 'schedule-size'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/w/{workspaceId}/schedule/size', { params: { path: { workspaceId } } })),
  });
}

export type RaciFilter = {
  goalId?: string | null;
  personId?: string | null;
  search?: string;
  onlyGaps?: boolean;
  people?: readonly string[];
  maxAccountable?: number;
  offset?: number;
  limit?: number;
};

/** One page of the RACI matrix (the server pages and sums it; see getRaciMatrix). */
export function useRaci(workspaceId: string, filter: RaciFilter) {
  return useQuery({
    queryKey: [...tasksKey(workspaceId), 'raci', filter, currentLocale()],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/raci', {
          params: {
            path: { workspaceId },
            query: {
              ...(filter.goalId ? { goalId: filter.goalId } : {}),
              ...(filter.personId ? { personId: filter.personId } : {}),
              ...(filter.search?.trim() ? { q: filter.search.trim() } : {}),
              ...(filter.onlyGaps ? { gaps: 'true' as const } : {}),
              ...(filter.people?.length ? { people: filter.people.join(',') } : {}),
              ...(filter.maxAccountable ? { maxAccountable: filter.maxAccountable } : {}),
              ...(filter.offset ? { offset: filter.offset } : {}),
              ...(filter.limit ? { limit: filter.limit } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSuggestions(workspaceId: string, taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...taskKey(workspaceId, taskId), 'suggestions', currentLocale()],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/tasks/{taskId}/suggestions', {
          params: { path: { workspaceId, taskId } },
        }),
      ),
    select: (data) => data.items,
    enabled,
  });
}

/** After a task write: the answered detail goes into the cache, every other task view and the workload reload. */
async function taskChanged(queryClient: QueryClient, workspaceId: string, detail?: TaskDetail) {
  if (detail) queryClient.setQueryData(taskKey(workspaceId, detail.task.id), detail);
  await Promise.all([
    queryClient.invalidateQueries({
      queryKey: tasksKey(workspaceId),
      predicate: (query) => !detail || query.queryKey[3] !== detail.task.id,
    }),
    queryClient.invalidateQueries({ queryKey: workloadKey(workspaceId) }),
  ]);
}

export function useCreateTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TaskInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/tasks', { params: { path: { workspaceId } }, body })),
    onSuccess: (detail) => taskChanged(queryClient, workspaceId, detail),
  });
}

export function useUpdateTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, changes }: { taskId: string; changes: TaskChanges }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/tasks/{taskId}', {
          params: { path: { workspaceId, taskId } },
          body: changes,
        }),
      ),
    onSuccess: (detail) => taskChanged(queryClient, workspaceId, detail),
  });
}

/**
 * The cached pages of a task list or a board, seen as cards (a list row has every field of a card): the optimistic
 * move reads no field a card lacks, and its spread keeps a list row's other fields.
 */
type ListPages = InfiniteData<{ items: TaskCard[]; nextCursor: string | null }, string | null>;

/**
 * A status change from the board: the card moves at once in every cached list and board, and moves back if the
 * server refuses.
 */
export function useMoveTaskStatus(workspaceId: string) {
  const queryClient = useQueryClient();
  const lists = {
    queryKey: tasksKey(workspaceId),
    predicate: (query: { queryKey: readonly unknown[] }) =>
      query.queryKey[2] === 'list' || query.queryKey[2] === 'cards',
  };
  return useMutation({
    mutationFn: ({ taskId, status }: { taskId: string; status: TaskStatus }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/tasks/{taskId}', {
          params: { path: { workspaceId, taskId } },
          body: { status },
        }),
      ),
    onMutate: async ({ taskId, status }) => {
      await queryClient.cancelQueries(lists);
      const previous = queryClient.getQueriesData<ListPages>(lists);
      queryClient.setQueriesData<ListPages>(lists, (data) =>
        data ? { ...data, pages: withTaskStatus(data.pages, taskId, status) } : data,
      );
      return { previous };
    },
    onError: (_error, _variables, context) => {
      for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: (detail) => taskChanged(queryClient, workspaceId, detail),
  });
}

export function useDeleteTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/tasks/{taskId}', { params: { path: { workspaceId, taskId } } }),
      ),
    onSuccess: (_, taskId) => {
      queryClient.removeQueries({ queryKey: taskKey(workspaceId, taskId) });
      return taskChanged(queryClient, workspaceId);
    },
  });
}

export function useSetRoles(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, roles }: { taskId: string; roles: RoleAssignment[] }) =>
      unwrap(
        api.PUT('/api/v1/w/{workspaceId}/tasks/{taskId}/roles', {
          params: { path: { workspaceId, taskId } },
          body: { roles },
        }),
      ),
    onSuccess: (detail) => taskChanged(queryClient, workspaceId, detail),
  });
}

export function useAddDependency(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, fromTaskId, lagDays }: { taskId: string; fromTaskId: string; lagDays: number }) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/tasks/{taskId}/dependencies', {
          params: { path: { workspaceId, taskId } },
          body: { fromTaskId, lagDays },
        }),
      ),
    onSuccess: (detail) => taskChanged(queryClient, workspaceId, detail),
  });
}

export function useRemoveDependency(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, fromTaskId }: { taskId: string; fromTaskId: string }) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/tasks/{taskId}/dependencies/{fromTaskId}', {
          params: { path: { workspaceId, taskId, fromTaskId } },
        }),
      ),
    onSuccess: () => taskChanged(queryClient, workspaceId),
  });
}

/** Where the browser downloads the task tree (CSV or XLSX, the columns the import reads); the session cookie goes along. */
export function taskExportUrl(workspaceId: string, format: 'csv' | 'xlsx', goalId?: string | null): string {
  const query = new URLSearchParams({ format });
  if (goalId) query.set('goalId', goalId);
  return `/api/v1/w/${encodeURIComponent(workspaceId)}/tasks/export?${query.toString()}`;
}

/** Uploads a WBS file: a dry run reports what would happen, a commit saves every row or none. */
export function useImportWbs(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: Omit<WbsImportOptions, 'workspaceId'>) => importWbs({ ...options, workspaceId }),
    onSuccess: (report) => (report.dryRun ? undefined : taskChanged(queryClient, workspaceId)),
  });
}
