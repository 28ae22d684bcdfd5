import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../account/hooks.ts';
import type { TaskQuery } from './hooks.ts';
import { parseTaskFilters, writeTaskFilters, type TaskFilters } from './taskFilters.ts';

export type { TaskFilters } from './taskFilters.ts';

/** The filters of the task pages, kept in the URL, and the API query they make. */
export function useTaskFilters() {
  const [params, setParams] = useSearchParams();
  const myId = useMe().data?.user.id ?? null;
  const filters = useMemo(() => parseTaskFilters(params), [params]);

  const setFilters = useCallback(
    (changes: Partial<TaskFilters>) =>
      setParams((previous) => writeTaskFilters(previous, changes), { replace: true }),
    [setParams],
  );

  const query = useMemo<TaskQuery>(
    () => ({
      statuses: filters.statuses,
      assigneeId: (filters.isMine ? myId : filters.assigneeId) ?? undefined,
      goalId: filters.goalId ?? undefined,
      label: filters.label ?? undefined,
      search: filters.search.trim() || undefined,
      dueAfter: filters.dueAfter ?? undefined,
      dueBefore: filters.dueBefore ?? undefined,
      sort: filters.sort === 'wbs' ? undefined : filters.sort,
    }),
    [filters, myId],
  );

  const isFiltered =
    filters.statuses.length > 0 ||
    filters.assigneeId !== null ||
    filters.goalId !== null ||
    filters.label !== null ||
    filters.search.trim() !== '' ||
    filters.dueAfter !== null ||
    filters.dueBefore !== null ||
    filters.isMine;

  const clear = useCallback(
    () =>
      setFilters({
        statuses: [],
        assigneeId: null,
        goalId: null,
        label: null,
        search: '',
        dueAfter: null,
        dueBefore: null,
        isMine: false,
      }),
    [setFilters],
  );

  return { filters, setFilters, query, isFiltered, clear, search: params.toString() };
}
