import { App, Button, Card, Checkbox, Flex, Popconfirm, Progress, Tag, Typography } from 'antd';
import { CheckCircleFilled, DeleteOutlined, LineChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useDeleteKeyResult, useUpdateKeyResult, type Goal, type KeyResult } from './hooks.ts';
import { KeyResultChart } from './KeyResultChart.tsx';
import { CommentsButton } from '../comments/CommentsButton.tsx';

/** One key result: its progress, the KPI chart or the deliverable's tick, and what the trend says. */
export function KeyResultCard({
  workspaceId,
  goal,
  keyResult,
  mayWrite,
}: {
  workspaceId: string;
  goal: Goal;
  keyResult: KeyResult;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const update = useUpdateKeyResult(workspaceId);
  const remove = useDeleteKeyResult(workspaceId, goal.id);
  const kpi = keyResult.kpi;

  const toggleDone = (isDone: boolean) =>
    update.mutate(
      { keyResultId: keyResult.id, changes: { isDone } },
      {
        onSuccess: () =>
          void message.success(isDone ? t('keyResults.markedDone') : t('keyResults.markedOpen')),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );

  const forecastNote = () => {
    if (!kpi) return null;
    if (keyResult.progress >= 1) {
      return (
        <Typography.Text type="success">
          <CheckCircleFilled /> {t('keyResults.reached')}
        </Typography.Text>
      );
    }
    if (keyResult.reachDate && keyResult.reachDate <= goal.dueDate) {
      return (
        <Typography.Text>
          {t('keyResults.reachDate', { date: format.day(keyResult.reachDate) })}
        </Typography.Text>
      );
    }
    if (keyResult.projectedValue !== null) {
      return (
        <Typography.Text type="warning">
          {t('keyResults.reachAfterDue', {
            value: format.measure(keyResult.projectedValue, kpi.unit),
            // The same unit as the goal's forecast: share of the way from baseline to target.
            percent: format.percent(keyResult.projectedProgress ?? keyResult.progress),
          })}
        </Typography.Text>
      );
    }
    return <Typography.Text type="secondary">{t('keyResults.noTrend')}</Typography.Text>;
  };

  return (
    <Card
      size="small"
      data-testid="key-result"
      title={
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {kpi ? (
            <LineChartOutlined style={{ color: '#2f54eb' }} />
          ) : (
            <Checkbox
              checked={keyResult.isDone}
              disabled={!mayWrite || update.isPending}
              onChange={(event) => toggleDone(event.target.checked)}
              aria-label={t('keyResults.markDone')}
            />
          )}
          <Typography.Text strong ellipsis={{ tooltip: keyResult.title }} delete={!kpi && keyResult.isDone}>
            {keyResult.title}
          </Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>
            {kpi ? t('keyResults.kindKpi') : t('keyResults.kindDeliverable')}
          </Tag>
        </Flex>
      }
      extra={
        <Flex gap={4}>
          <CommentsButton
            targetType="key_result"
            targetId={keyResult.id}
            title={t('comments.keyResultTitle', { title: keyResult.title })}
          />
          {mayWrite ? (
            <Popconfirm
              title={t('keyResults.deleteConfirm')}
              okText={t('actions.remove')}
              cancelText={t('actions.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutateAsync(keyResult.id).then(
                  () => void message.success(t('keyResults.deleted')),
                  (error: unknown) => void message.error(errorMessage(error)),
                )
              }
            >
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('keyResults.remove')}
              />
            </Popconfirm>
          ) : null}
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        <Flex align="center" gap={16} wrap>
          <Progress
            percent={Math.round(keyResult.progress * 100)}
            format={() => format.percent(keyResult.progress)}
            style={{ flex: 1, minWidth: 160, margin: 0 }}
            status={keyResult.progress >= 1 ? 'success' : 'normal'}
          />
          {kpi ? (
            <Typography.Text type="secondary">
              {t('keyResults.current', { value: format.measure(keyResult.current, kpi.unit) })}
              {' · '}
              {t('keyResults.fromTo', {
                baseline: format.measure(keyResult.baseline, kpi.unit),
                target: format.measure(keyResult.target, kpi.unit),
              })}
              {' · '}
              <Link to={`/w/${workspaceId}/kpis/${kpi.key}`}>{kpi.name}</Link>
            </Typography.Text>
          ) : (
            <Typography.Text type={keyResult.isDone ? 'success' : 'secondary'}>
              {keyResult.isDone ? t('keyResults.deliverableDone') : t('keyResults.deliverableOpen')}
            </Typography.Text>
          )}
        </Flex>
        {kpi ? (
          <>
            <KeyResultChart workspaceId={workspaceId} goal={goal} keyResult={keyResult} kpi={kpi} />
            <div data-testid="kr-forecast">{forecastNote()}</div>
          </>
        ) : null}
      </Flex>
    </Card>
  );
}
