import { Segmented } from 'antd';
import { BarsOutlined, CalendarOutlined, ProjectOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

export type TasksView = 'list' | 'board' | 'timeline' | 'calendar';

const PATHS: Record<TasksView, string> = {
  list: 'tasks',
  board: 'tasks/board',
  timeline: 'tasks/timeline',
  calendar: 'tasks/calendar',
};

/** Switches between the views of the same tasks; the filters in the address go along. */
export function TasksNav({ workspaceId, current }: { workspaceId: string; current: TasksView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <Segmented<TasksView>
      value={current}
      data-testid="tasks-nav"
      onChange={(view) => void navigate(`/w/${workspaceId}/${PATHS[view]}${location.search}`)}
      options={[
        { value: 'list', label: t('tasks.views.list'), icon: <BarsOutlined /> },
        { value: 'board', label: t('tasks.views.board'), icon: <ProjectOutlined /> },
        { value: 'timeline', label: t('tasks.views.timeline'), icon: <ScheduleOutlined /> },
        { value: 'calendar', label: t('tasks.views.calendar'), icon: <CalendarOutlined /> },
      ]}
    />
  );
}
