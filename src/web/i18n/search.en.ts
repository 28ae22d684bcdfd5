import type { searchZhCN } from './search.zh-CN.ts';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** Global search (#15) UI text. */
export const searchEn: Strings<typeof searchZhCN> = {
  search: {
    button: 'Search',
    open: 'Search the whole workspace',
    placeholder: 'Search goals, KPIs, tasks, processes, cases, people',
    hint: 'Type words separated by spaces; every word must appear',
    empty: 'Nothing contains “{{query}}”',
    failed: 'Search failed; please try again',
    keys: '↑↓ to choose · Enter to open · Esc to close',
    kind: {
      goal: 'Goal',
      kpi: 'KPI',
      task: 'Task',
      process: 'Process',
      case: 'Case',
      person: 'Person',
    },
  },
};
