import { useState } from 'react';
import { Button, Checkbox, Flex, Input, Progress, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useUpdateTask, type TaskDetail } from './hooks.ts';

/** The task's checklist, saved as soon as an item is ticked, added or removed. */
export function ChecklistEditor({
  workspaceId,
  detail,
  mayWrite,
}: {
  workspaceId: string;
  detail: TaskDetail;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const update = useUpdateTask(workspaceId);
  const [text, setText] = useState('');
  const items = detail.task.checklist;
  const doneCount = items.filter((item) => item.done).length;
  const save = (checklist: TaskDetail['task']['checklist']) =>
    update.mutate({ taskId: detail.task.id, changes: { checklist } });

  return (
    <Flex vertical gap={8} data-testid="checklist">
      {items.length > 0 ? (
        <Flex align="center" gap={8}>
          <Progress
            percent={Math.round((doneCount / items.length) * 100)}
            size="small"
            showInfo={false}
            style={{ flex: 1, margin: 0 }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {doneCount}/{items.length}
          </Typography.Text>
        </Flex>
      ) : null}
      {items.map((item, index) => (
        <Flex key={`${index}-${item.text}`} align="center" gap={8} className="checklist-item">
          <Checkbox
            checked={item.done}
            disabled={!mayWrite}
            onChange={(event) =>
              save(
                items.map((other, at) => (at === index ? { ...other, done: event.target.checked } : other)),
              )
            }
          >
            <span style={item.done ? { textDecoration: 'line-through', color: '#8c8c8c' } : undefined}>
              {item.text}
            </span>
          </Checkbox>
          {mayWrite ? (
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined />}
              aria-label={t('actions.remove')}
              onClick={() => save(items.filter((_, at) => at !== index))}
              style={{ marginInlineStart: 'auto' }}
            />
          ) : null}
        </Flex>
      ))}
      {mayWrite ? (
        <Flex gap={8}>
          <Input
            value={text}
            onChange={(event) => setText(event.target.value)}
            maxLength={500}
            placeholder={t('tasks.checklistPlaceholder')}
            onPressEnter={() => {
              if (text.trim() === '') return;
              save([...items, { text: text.trim(), done: false }]);
              setText('');
            }}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={text.trim() === ''}
            loading={update.isPending}
            onClick={() => {
              save([...items, { text: text.trim(), done: false }]);
              setText('');
            }}
          >
            {t('tasks.checklistAdd')}
          </Button>
        </Flex>
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{t('tasks.checklistEmpty')}</Typography.Text>
      ) : null}
    </Flex>
  );
}
