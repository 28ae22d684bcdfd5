import { useState } from 'react';
import { Alert, Button, Flex, Input, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useCreateTask, type TaskDetail } from './hooks.ts';
import { MilestoneIcon, TaskPeople, TaskStatusTag } from './TaskBadges.tsx';

/** The task's children, and a line to add one; a click opens the subtask. */
export function SubtasksCard({
  workspaceId,
  detail,
  mayWrite,
  onOpenTask,
}: {
  workspaceId: string;
  detail: TaskDetail;
  mayWrite: boolean;
  onOpenTask: (taskId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const create = useCreateTask(workspaceId);
  const [title, setTitle] = useState('');
  const submit = () => {
    if (title.trim() === '') return;
    create.mutate(
      { title: title.trim(), parentId: detail.task.id, goalId: detail.task.goalId },
      { onSuccess: () => setTitle('') },
    );
  };

  return (
    <Flex vertical gap={8} data-testid="subtasks">
      {detail.children.length > 0 ? (
        <List
          size="small"
          dataSource={detail.children}
          renderItem={(child) => (
            <List.Item key={child.id} style={{ cursor: 'pointer' }} onClick={() => onOpenTask(child.id)}>
              <Flex gap={8} align="center" style={{ width: '100%', minWidth: 0 }}>
                <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {child.wbs}
                </Typography.Text>
                {child.isMilestone ? <MilestoneIcon /> : null}
                <Typography.Link ellipsis style={{ flex: 1 }}>
                  {child.title}
                </Typography.Link>
                {child.dueDate ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {format.shortDay(child.dueDate)}
                  </Typography.Text>
                ) : null}
                <TaskPeople roles={child.roles} size={20} />
                <TaskStatusTag status={child.status} />
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('tasks.noSubtasks')}</Typography.Text>
      )}
      {mayWrite ? (
        <Flex gap={8}>
          <Input
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            onPressEnter={submit}
            maxLength={300}
            placeholder={t('tasks.subtaskPlaceholder')}
          />
          <Button
            icon={<PlusOutlined />}
            loading={create.isPending}
            disabled={title.trim() === ''}
            onClick={submit}
          >
            {t('tasks.addSubtask')}
          </Button>
        </Flex>
      ) : null}
      {create.error ? <Alert type="error" showIcon title={errorMessage(create.error)} /> : null}
    </Flex>
  );
}
