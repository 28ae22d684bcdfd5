import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../account/hooks.ts';
import { TASK_STATUSES, type TaskQuery, type TaskStatus } from './hooks.ts';

export type TaskFilters = {
  statuses: TaskStatus[];
  assigneeId: string | null;
  goalId: string | null;
  label: string | null;
  search: string;
  dueAfter: string | null;
  dueBefore: string | null;
  sort: 'due' | 'created' | 'priority';
  isMine: boolean;
};

const SORTS = ['due', 'created', 'priority'] as const;

function isStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as string[]).includes(value);
}

/** Reads the filters from the address, so list, board and timeline share them and a link keeps them. */
export function parseTaskFilters(params: URLSearchParams): TaskFilters {
  const sort = params.get('sort');
  return {
    statuses: (params.get('status') ?? '').split(',').filter(isStatus),
    assigneeId: params.get('assignee'),
    goalId: params.get('goal'),
    label: params.get('label'),
    search: params.get('q') ?? '',
    dueAfter: params.get('from'),
    dueBefore: params.get('to'),
    sort: SORTS.find((value) => value === sort) ?? 'due',
    isMine: params.get('mine') === '1',
  };
}

const PARAM_OF: Record<keyof TaskFilters, string> = {
  statuses: 'status',
  assigneeId: 'assignee',
  goalId: 'goal',
  label: 'label',
  search: 'q',
  dueAfter: 'from',
  dueBefore: 'to',
  sort: 'sort',
  isMine: 'mine',
};

/** The filters of the task pages, kept in the URL, and the API query they make. */
export function useTaskFilters() {
  const [params, setParams] = useSearchParams();
  const myId = useMe().data?.user.id ?? null;
  const filters = useMemo(() => parseTaskFilters(params), [params]);

  const setFilters = useCallback(
    (changes: Partial<TaskFilters>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes) as [keyof TaskFilters, unknown][]) {
            const name = PARAM_OF[key];
            const text = Array.isArray(value)
              ? value.join(',')
              : typeof value === 'boolean'
                ? value
                  ? '1'
                  : ''
                : value === null || value === undefined
                  ? ''
                  : String(value);
            if (text === '' || (key === 'sort' && text === 'due')) next.delete(name);
            else next.set(name, text);
          }
          return next;
        },
        { replace: true },
      ),
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
      sort: filters.sort,
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
