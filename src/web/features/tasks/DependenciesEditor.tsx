import { useState } from 'react';
import { Alert, Button, Empty, Flex, InputNumber, List, Popconfirm, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useAddDependency, useRemoveDependency, type TaskDetail } from './hooks.ts';
import { TaskSearchSelect } from './TaskSearchSelect.tsx';

type Link = TaskDetail['predecessors'][number];

/** Finish-to-start links: what this task waits for (with lag days) and what waits for it. */
export function DependenciesEditor({
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
  const add = useAddDependency(workspaceId);
  const remove = useRemoveDependency(workspaceId);
  const [fromTaskId, setFromTaskId] = useState<string | null>(null);
  const [lagDays, setLagDays] = useState(0);
  const taskId = detail.task.id;
  const linked = new Set([taskId, ...detail.predecessors.map((link) => link.taskId)]);

  const renderLink = (link: Link, kind: 'predecessor' | 'successor') => (
    <List.Item
      key={link.taskId}
      actions={
        mayWrite && kind === 'predecessor'
          ? [
              <Popconfirm
                key="remove"
                title={t('dependencies.removeConfirm')}
                onConfirm={() => remove.mutate({ taskId, fromTaskId: link.taskId })}
              >
                <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('actions.remove')} />
              </Popconfirm>,
            ]
          : []
      }
    >
      <Flex gap={8} align="center" style={{ minWidth: 0 }}>
        {kind === 'predecessor' ? (
          <ArrowLeftOutlined style={{ color: '#8c8c8c' }} />
        ) : (
          <ArrowRightOutlined style={{ color: '#8c8c8c' }} />
        )}
        <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {link.wbs}
        </Typography.Text>
        <Typography.Link onClick={() => onOpenTask(link.taskId)} ellipsis>
          {link.title}
        </Typography.Link>
        {link.lagDays !== 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('dependencies.lag', { count: link.lagDays })}
          </Typography.Text>
        ) : null}
      </Flex>
    </List.Item>
  );

  return (
    <Flex vertical gap={12} data-testid="dependencies">
      <div>
        <Typography.Text strong>{t('dependencies.predecessors')}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {t('dependencies.predecessorsHint')}
        </Typography.Text>
        {detail.predecessors.length > 0 ? (
          <List
            size="small"
            dataSource={detail.predecessors}
            renderItem={(link) => renderLink(link, 'predecessor')}
          />
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('dependencies.none')}
            style={{ margin: 8 }}
          />
        )}
      </div>
      {mayWrite ? (
        <Flex gap={8} wrap>
          <TaskSearchSelect
            workspaceId={workspaceId}
            value={fromTaskId}
            onChange={setFromTaskId}
            isHidden={(task) => linked.has(task.id)}
            placeholder={t('dependencies.pick')}
            style={{ flex: 1, minWidth: 220 }}
            testId="dependency-pick"
          />
          <InputNumber
            value={lagDays}
            onChange={(value) => setLagDays(value ?? 0)}
            min={-365}
            max={365}
            precision={0}
            suffix={t('dependencies.days')}
            style={{ width: 110 }}
            aria-label={t('dependencies.lagLabel')}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!fromTaskId}
            loading={add.isPending}
            onClick={() => {
              if (!fromTaskId) return;
              add.mutate(
                { taskId, fromTaskId, lagDays },
                {
                  onSuccess: () => {
                    setFromTaskId(null);
                    setLagDays(0);
                  },
                },
              );
            }}
          >
            {t('dependencies.add')}
          </Button>
        </Flex>
      ) : null}
      {add.error || remove.error ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(add.error ?? remove.error)}
          closable={{ onClose: () => (add.reset(), remove.reset()) }}
          data-testid="dependency-error"
        />
      ) : null}
      <div>
        <Typography.Text strong>{t('dependencies.successors')}</Typography.Text>
        {detail.successors.length > 0 ? (
          <List
            size="small"
            dataSource={detail.successors}
            renderItem={(link) => renderLink(link, 'successor')}
          />
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('dependencies.none')}
            style={{ margin: 8 }}
          />
        )}
      </div>
    </Flex>
  );
}
