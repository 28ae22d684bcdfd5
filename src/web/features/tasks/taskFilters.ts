/** The task pages' filters as the address holds them, and as saved views keep them; pure, unit-tested. */
import type { TaskStatus } from './hooks.ts';

export type TaskFilters = {
  statuses: TaskStatus[];
  assigneeId: string | null;
  goalId: string | null;
  label: string | null;
  search: string;
  dueAfter: string | null;
  dueBefore: string | null;
  /** 'wbs' (the default) shows the whole plan as its WBS tree; the others are the server's list orders. */
  sort: 'wbs' | 'due' | 'created' | 'priority';
  isMine: boolean;
};

const SORTS = ['wbs', 'due', 'created', 'priority'] as const;

/** Every status, checked complete by the compiler (this module stays free of the API client). */
const STATUS_NAMES: Record<TaskStatus, true> = {
  todo: true,
  in_progress: true,
  blocked: true,
  done: true,
  cancelled: true,
};

function isStatus(value: string): value is TaskStatus {
  return Object.hasOwn(STATUS_NAMES, value);
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
    sort: SORTS.find((value) => value === sort) ?? 'wbs',
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

/** The address parameters with these filters changed; a filter at its default leaves the address. */
export function writeTaskFilters(params: URLSearchParams, changes: Partial<TaskFilters>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes) as [keyof TaskFilters, unknown][]) {
    const name = PARAM_OF[key];
    if (!name) continue;
    const text = Array.isArray(value)
      ? value.join(',')
      : typeof value === 'boolean'
        ? value
          ? '1'
          : ''
        : value === null || value === undefined
          ? ''
          : String(value);
    if (text === '' || (key === 'sort' && text === 'wbs')) next.delete(name);
    else next.set(name, text);
  }
  return next;
}

/**
 * Filters read back from a saved view's query (the filter object the address held when it was saved).
 * Goes through the same parsing as the address, so a malformed or outdated query falls back to "no filter".
 */
export function filtersFromView(query: Record<string, unknown>): TaskFilters {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const changes: TaskFilters = {
    statuses: Array.isArray(query.statuses)
      ? query.statuses.filter((value): value is TaskStatus => typeof value === 'string' && isStatus(value))
      : [],
    assigneeId: text(query.assigneeId),
    goalId: text(query.goalId),
    label: text(query.label),
    search: text(query.search) ?? '',
    dueAfter: text(query.dueAfter),
    dueBefore: text(query.dueBefore),
    sort: (text(query.sort) ?? 'wbs') as TaskFilters['sort'],
    isMine: query.isMine === true,
  };
  return parseTaskFilters(writeTaskFilters(new URLSearchParams(), changes));
}

/** Whether two filter objects select the same tasks in the same order. */
export function sameTaskFilters(a: TaskFilters, b: TaskFilters): boolean {
  const key = (filters: TaskFilters) =>
    writeTaskFilters(new URLSearchParams(), {
      ...filters,
      statuses: [...filters.statuses].sort(),
    }).toString();
  return key(a) === key(b);
}
