import { useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Input, Tooltip } from 'antd';
import { FlagOutlined, FlagFilled, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useCreateTask, type TaskDetail, type TaskStatus } from './hooks.ts';

/** One line to add a task (or milestone) with an optional due day; Enter saves. */
export function QuickCreateTask({
  workspaceId,
  goalId,
  status,
  onCreated,
  autoFocus = false,
}: {
  workspaceId: string;
  goalId?: string | null;
  status?: TaskStatus;
  onCreated?: (detail: TaskDetail) => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateTask(workspaceId);
  const [title, setTitle] = useState('');
  const [isMilestone, setMilestone] = useState(false);
  const [dueDate, setDueDate] = useState<Dayjs | null>(null);

  const submit = () => {
    if (title.trim() === '' || create.isPending) return;
    const day = dueDate ? dueDate.format('YYYY-MM-DD') : null;
    create.mutate(
      {
        title: title.trim(),
        isMilestone,
        goalId: goalId ?? null,
        ...(status ? { status } : {}),
        ...(day ? { dueDate: day, ...(isMilestone ? { startDate: day } : {}) } : {}),
      },
      {
        onSuccess: (detail) => {
          setTitle('');
          void message.success(isMilestone ? t('tasks.milestoneCreated') : t('tasks.created'));
          onCreated?.(detail);
        },
      },
    );
  };

  return (
    <Flex vertical gap={8}>
      {/* On a phone the date and the button wrap below, so the title keeps a usable width. */}
      <Flex gap={8} wrap data-testid="quick-create">
        <Tooltip title={t('tasks.milestoneToggle')}>
          <Button
            aria-pressed={isMilestone}
            aria-label={t('tasks.milestoneToggle')}
            icon={isMilestone ? <FlagFilled style={{ color: '#722ed1' }} /> : <FlagOutlined />}
            onClick={() => setMilestone(!isMilestone)}
          />
        </Tooltip>
        <Input
          autoFocus={autoFocus}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          onPressEnter={submit}
          maxLength={300}
          style={{ flex: '1 1 220px', minWidth: 0 }}
          placeholder={isMilestone ? t('tasks.quickMilestonePlaceholder') : t('tasks.quickPlaceholder')}
          data-testid="quick-create-title"
        />
        <DatePicker
          value={dueDate}
          onChange={setDueDate}
          placeholder={t('tasks.dueDate')}
          style={{ width: 150, flex: 'none' }}
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={submit}
          loading={create.isPending}
          disabled={title.trim() === ''}
        >
          {t('tasks.add')}
        </Button>
      </Flex>
      {create.error ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(create.error)}
          closable={{ onClose: create.reset }}
        />
      ) : null}
    </Flex>
  );
}
