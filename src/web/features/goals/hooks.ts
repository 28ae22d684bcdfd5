import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, itemsByIds, unwrap, unwrapEmpty } from '../../api/client.ts';
import { PREFETCHED_FRESH_MS } from '../../api/prefetch.ts';
import type { components, paths } from '../../api/schema.ts';
import { currentLocale } from '../../i18n/index.ts';
import { dashboardKey } from '../dashboard/hooks.ts';

export type Goal = components['schemas']['Goal'];
/** A goal as the tree and pickers list it (no description, health reason or SMART text). */
export type GoalNode = components['schemas']['GoalNode'];
export type GoalListFilter = { q?: string; status?: GoalNode['status']; health?: GoalNode['health'] };
export type KeyResult = components['schemas']['KeyResult'];
export type GoalDetail =
  paths['/api/v1/w/{workspaceId}/goals/{goalId}']['get']['responses'][200]['content']['application/json'];
export type CheckIn = GoalDetail['checkIns'][number];
export type SmartAnalysis = components['schemas']['SmartAnalysis'];
export type SmartInput =
  paths['/api/v1/w/{workspaceId}/smart']['post']['requestBody']['content']['application/json'];
export type GoalStatus = Goal['status'];
export type GoalHealthStatus = Goal['health'];

export type GoalInput =
  paths['/api/v1/w/{workspaceId}/goals']['post']['requestBody']['content']['application/json'];
export type GoalChanges =
  paths['/api/v1/w/{workspaceId}/goals/{goalId}']['patch']['requestBody']['content']['application/json'];
export type KeyResultInput = NonNullable<GoalInput['keyResults']>[number];
export type KeyResultChanges =
  paths['/api/v1/w/{workspaceId}/key-results/{keyResultId}']['patch']['requestBody']['content']['application/json'];
export type CheckInInput =
  paths['/api/v1/w/{workspaceId}/goals/{goalId}/check-ins']['post']['requestBody']['content']['application/json'];

export const goalsKey = (workspaceId: string) => ['goals', workspaceId] as const;
export const goalKey = (workspaceId: string, goalId: string) =>
  ['goals', workspaceId, 'detail', goalId] as const;

/** How many goals a picker offers for a search: typing narrows them. */
export const GOAL_PICKER_PAGE = 20;
/** The most ids one request may ask for (the server's bound). */

/** The first goals whose title contains `text` (the first by due date when it is empty): a picker's options. */
export function goalPickerQuery(workspaceId: string, text: string) {
  return {
    queryKey: [...goalsKey(workspaceId), 'pick', text] as const,
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/w/{workspaceId}/goals', {
            params: {
              path: { workspaceId },
              query: { ...(text ? { q: text } : {}), limit: GOAL_PICKER_PAGE },
            },
          }),
        )
      ).items,
  };
}

/** The goals of these ids, 100 a request: a picker's chosen values, a board's lanes. */
export function goalsByIdQuery(workspaceId: string, ids: readonly string[]) {
  return {
    queryKey: [...goalsKey(workspaceId), 'ids', ids] as const,
    queryFn: () =>
      itemsByIds(ids, (joined) =>
        unwrap(
          api.GET('/api/v1/w/{workspaceId}/goals', {
            params: { path: { workspaceId }, query: { ids: joined } },
          }),
        ),
      ),
  };
}

/** The goals of these ids (those of another workspace or deleted are not among them). */
export function useGoalsById(workspaceId: string, ids: readonly string[]) {
  const sorted = [...new Set(ids)].sort();
  return useQuery({ ...goalsByIdQuery(workspaceId, sorted), enabled: sorted.length > 0 });
}

const GOAL_PAGE = 100;
/** Sub-goals read when a goal is expanded; more than this under one goal is offered a page at a time. */
export const CHILD_PAGE = 100;

/** The top level of the goal tree, a page at a time. */
export function useTopGoals(workspaceId: string, enabled = true) {
  const options = {
    queryKey: [...goalsKey(workspaceId), 'level', 'root'],
    queryFn: ({ pageParam }: { pageParam: string | null }) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/goals', {
          params: {
            path: { workspaceId },
            query: { parentId: 'root', limit: GOAL_PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor,
  };
  // Asked while the tree renders: the goals are the page's content (api/prefetch.ts). usePrefetchInfiniteQuery
  // cannot be turned off while a filter shows other goals.
  const client = useQueryClient();
  if (enabled && !client.getQueryState(options.queryKey)) void client.prefetchInfiniteQuery(options);
  return useInfiniteQuery({ ...options, enabled, staleTime: PREFETCHED_FRESH_MS });
}

/** The sub-goals of each expanded goal (one request per goal, cached while the tree is open). */
export function useChildGoals(
  workspaceId: string,
  parentIds: readonly string[],
  pages: ReadonlyMap<string, number>,
) {
  return useQueries({
    queries: parentIds.map((parentId) => {
      const limit = CHILD_PAGE * (pages.get(parentId) ?? 1);
      return {
        queryKey: [...goalsKey(workspaceId), 'level', parentId, limit],
        queryFn: () =>
          unwrap(
            api.GET('/api/v1/w/{workspaceId}/goals', {
              params: { path: { workspaceId }, query: { parentId, limit } },
            }),
          ),
        placeholderData: keepPreviousData,
      };
    }),
  });
}

/** Goals at any level matching a search or filter, found by the server, a page at a time. */
export function useGoalSearch(workspaceId: string, filter: GoalListFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...goalsKey(workspaceId), 'search', filter],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/goals', {
          params: {
            path: { workspaceId },
            query: { ...filter, limit: GOAL_PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useGoal(workspaceId: string, goalId: string) {
  return useQuery({
    queryKey: goalKey(workspaceId, goalId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/w/{workspaceId}/goals/{goalId}', { params: { path: { workspaceId, goalId } } }),
      ),
  });
}

/** After any goal write: the answered detail goes straight into the cache, lists and dashboard reload. */
async function goalChanged(queryClient: QueryClient, workspaceId: string, detail?: GoalDetail) {
  if (detail) queryClient.setQueryData(goalKey(workspaceId, detail.goal.id), detail);
  await Promise.all([
    queryClient.invalidateQueries({
      queryKey: goalsKey(workspaceId),
      predicate: (query) => !detail || query.queryKey[3] !== detail.goal.id,
    }),
    queryClient.invalidateQueries({ queryKey: dashboardKey(workspaceId) }),
  ]);
}

export function useCreateGoal(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GoalInput) =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/goals', { params: { path: { workspaceId } }, body })),
    onSuccess: (detail) => goalChanged(queryClient, workspaceId, detail),
  });
}

export function useUpdateGoal(workspaceId: string, goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GoalChanges) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/goals/{goalId}', {
          params: { path: { workspaceId, goalId } },
          body,
        }),
      ),
    onSuccess: (detail) => goalChanged(queryClient, workspaceId, detail),
  });
}

export function useDeleteGoal(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (goalId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/goals/{goalId}', { params: { path: { workspaceId, goalId } } }),
      ),
    onSuccess: (_, goalId) => {
      queryClient.removeQueries({ queryKey: goalKey(workspaceId, goalId) });
      return goalChanged(queryClient, workspaceId);
    },
  });
}

export function useAddKeyResult(workspaceId: string, goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: KeyResultInput) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/goals/{goalId}/key-results', {
          params: { path: { workspaceId, goalId } },
          body,
        }),
      ),
    onSuccess: (detail) => goalChanged(queryClient, workspaceId, detail),
  });
}

export function useUpdateKeyResult(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ keyResultId, changes }: { keyResultId: string; changes: KeyResultChanges }) =>
      unwrap(
        api.PATCH('/api/v1/w/{workspaceId}/key-results/{keyResultId}', {
          params: { path: { workspaceId, keyResultId } },
          body: changes,
        }),
      ),
    onSuccess: (detail) => goalChanged(queryClient, workspaceId, detail),
  });
}

export function useDeleteKeyResult(workspaceId: string, goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyResultId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/w/{workspaceId}/key-results/{keyResultId}', {
          params: { path: { workspaceId, keyResultId } },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: goalKey(workspaceId, goalId) });
      await goalChanged(queryClient, workspaceId);
    },
  });
}

export function useCreateCheckIn(workspaceId: string, goalId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CheckInInput) =>
      unwrap(
        api.POST('/api/v1/w/{workspaceId}/goals/{goalId}/check-ins', {
          params: { path: { workspaceId, goalId } },
          body,
        }),
      ),
    // The answer is the check-in and the goal's summary: both go into the cached goal page, nothing reloads.
    onSuccess: ({ checkIn, goal }) =>
      queryClient.setQueryData<GoalDetail>(goalKey(workspaceId, goalId), (detail) =>
        detail ? { ...detail, goal, checkIns: [checkIn, ...detail.checkIns] } : detail,
      ),
  });
}

/**
 * SMART analysis of a goal statement as it is being typed. A pure read on the server, so it is a query:
 * the same input is answered from the cache, and the last answer stays on screen while the next loads.
 */
export function useSmartAnalysis(workspaceId: string, input: SmartInput, enabled: boolean) {
  return useQuery({
    queryKey: ['smart', workspaceId, currentLocale(), input],
    queryFn: () =>
      unwrap(api.POST('/api/v1/w/{workspaceId}/smart', { params: { path: { workspaceId } }, body: input })),
    enabled: enabled && input.statement.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
