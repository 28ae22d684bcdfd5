import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { ServerSearchSelect } from '../../components/ServerSearchSelect.tsx';
import { tasksKey, type TaskListItem } from './hooks.ts';

/** How many tasks a picker offers for a search text (a full page says "type to narrow"). */
export const TASK_PICKER_PAGE = 20;

type TaskPick = Pick<TaskListItem, 'id' | 'title' | 'wbs'>;

/**
 * A task picker that asks the server as the user types (title contains), so a plan of 100,000 tasks is never
 * loaded to fill it; options read "1.2.3 Title". `isHidden` leaves out tasks that may not be chosen.
 */
export function TaskSearchSelect({
  id,
  workspaceId,
  value,
  onChange,
  isHidden,
  placeholder,
  allowClear,
  style,
  testId,
  'aria-label': ariaLabel,
}: {
  /** Set by Form.Item (labels and field errors point at it). */
  id?: string | undefined;
  workspaceId: string;
  value?: string | null | undefined;
  onChange?: (value: string | null) => void;
  isHidden?: ((task: TaskPick) => boolean) | undefined;
  placeholder?: string | undefined;
  allowClear?: boolean | undefined;
  style?: CSSProperties | undefined;
  testId?: string | undefined;
  'aria-label'?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <ServerSearchSelect<TaskPick>
      id={id}
      value={value}
      onChange={(next) => onChange?.(typeof next === 'string' ? next : null)}
      search={(text) => ({
        queryKey: [...tasksKey(workspaceId), 'picker', text],
        queryFn: async () =>
          (
            await unwrap(
              api.GET('/api/v1/w/{workspaceId}/tasks', {
                params: {
                  path: { workspaceId },
                  query: text.trim()
                    ? { q: text.trim(), sort: 'due', limit: TASK_PICKER_PAGE }
                    : { root: 'true', sort: 'wbs', limit: TASK_PICKER_PAGE },
                },
              }),
            )
          ).items,
      })}
      lookup={(values) => ({
        queryKey: [...tasksKey(workspaceId), 'picked', values],
        queryFn: () =>
          Promise.all(
            values.map(
              async (taskId) =>
                (
                  await unwrap(
                    api.GET('/api/v1/w/{workspaceId}/tasks/{taskId}', {
                      params: { path: { workspaceId, taskId } },
                    }),
                  )
                ).task,
            ),
          ),
      })}
      valueOf={(task) => task.id}
      labelOf={(task) => (task.wbs ? `${task.wbs} ${task.title}` : task.title)}
      isHidden={isHidden}
      pageSize={TASK_PICKER_PAGE}
      placeholder={placeholder ?? t('tasks.searchTask')}
      allowClear={allowClear}
      style={style}
      testId={testId}
      aria-label={ariaLabel}
    />
  );
}
