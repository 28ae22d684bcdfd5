import { useState } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  List,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Statistic,
  Tooltip,
  Typography,
} from 'antd';
import { AimOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { AddKeyResultModal } from '../../features/goals/AddKeyResultModal.tsx';
import { CommentsPanel } from '../../features/comments/CommentsPanel.tsx';
import { CheckInsCard } from '../../features/goals/CheckInsCard.tsx';
import { GoalStatusTag, HealthTag } from '../../features/goals/GoalBadges.tsx';
import { GoalFormDrawer, type GoalFormMode } from '../../features/goals/GoalFormDrawer.tsx';
import { GoalProgress } from '../../features/goals/GoalProgress.tsx';
import { useDeleteGoal, useGoal, type Goal } from '../../features/goals/hooks.ts';
import { KeyResultCard } from '../../features/goals/KeyResultCard.tsx';
import { SmartPanel } from '../../features/goals/SmartPanel.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const HEALTH_ALERT = {
  on_track: 'success',
  at_risk: 'warning',
  off_track: 'error',
  no_data: 'info',
} as const;

export function GoalPage() {
  const { goalId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const detail = useGoal(workspace.id, goalId);
  const remove = useDeleteGoal(workspace.id);
  const [formMode, setFormMode] = useState<GoalFormMode | null>(null);
  const [isAddingKeyResult, setAddingKeyResult] = useState(false);
  const mayWrite = can('goals.write');
  const mayDelete = can('goals.delete');
  const base = `/w/${workspace.id}`;

  if (detail.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('goals.notFound')}
        subTitle={t('goals.notFoundHint')}
        extra={
          <Link to={`${base}/goals`}>
            <Button type="primary">{t('goals.breadcrumbRoot')}</Button>
          </Link>
        }
      />
    );
  }
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;

  const { goal, ancestors, keyResults, children, checkIns, descriptionHtml, smart } = detail.data;
  const isActive = goal.status === 'active';

  const deleteGoal = () =>
    remove.mutateAsync(goal.id).then(
      () => {
        void message.success(t('goals.deleted'));
        void navigate(`${base}/goals`, { replace: true });
      },
      (error: unknown) =>
        void message.error(
          error instanceof ApiError && error.code === 'goal_has_children'
            ? t('goals.deleteHasChildren')
            : errorMessage(error),
        ),
    );

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'root', title: <Link to={`${base}/goals`}>{t('goals.breadcrumbRoot')}</Link> },
          ...ancestors.map((ancestor) => ({
            key: ancestor.id,
            title: <Link to={`${base}/goals/${ancestor.id}`}>{ancestor.title}</Link>,
          })),
          { key: goal.id, title: goal.title },
        ]}
      />
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 20 }}>
        <Flex vertical gap={8} style={{ minWidth: 0, flex: 1 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="goal-title-heading">
            {goal.title}
          </Typography.Title>
          <Flex gap={8} align="center" wrap>
            <GoalStatusTag status={goal.status} />
            <HealthTag health={goal.health} />
            <Typography.Text type="secondary">
              {goal.owner?.name ?? t('goals.noOwner')}
              {' · '}
              {t('goals.period', { start: format.day(goal.startDate), due: format.day(goal.dueDate) })}
            </Typography.Text>
          </Flex>
        </Flex>
        <Flex gap={8}>
          {mayWrite ? (
            <Button icon={<EditOutlined />} onClick={() => setFormMode({ kind: 'edit', goal })}>
              {t('actions.edit')}
            </Button>
          ) : null}
          {mayDelete ? (
            <Popconfirm
              title={t('goals.deleteConfirm')}
              okText={t('actions.remove')}
              cancelText={t('actions.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={deleteGoal}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('actions.remove')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      </Flex>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card title={t('goals.progressCard')} data-testid="goal-progress-card">
              <Row gutter={16}>
                <Col span={8}>
                  <Statistic
                    title={t('goals.currentProgress')}
                    valueRender={() => (
                      <span data-testid="goal-progress-value">{format.percent(goal.progress)}</span>
                    )}
                  />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('goals.expectedProgress')}
                    value={isActive ? format.percent(goal.expectedProgress) : '—'}
                  />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={
                      <Tooltip title={t('goals.projectedProgressHint')}>
                        <span>{t('goals.projectedProgress')}</span>
                      </Tooltip>
                    }
                    value={
                      goal.projectedProgress === null
                        ? t('goals.noForecast')
                        : format.percent(goal.projectedProgress)
                    }
                    styles={{ content: { fontSize: goal.projectedProgress === null ? 16 : undefined } }}
                  />
                </Col>
              </Row>
              <div style={{ margin: '16px 0' }}>
                <GoalProgress
                  progress={goal.progress}
                  expected={isActive ? goal.expectedProgress : null}
                  health={goal.health}
                />
              </div>
              {smart.interpretation ? (
                <Typography.Paragraph
                  type="secondary"
                  style={{ marginBottom: 12 }}
                  data-testid="target-reading"
                >
                  <AimOutlined style={{ marginInlineEnd: 6 }} />
                  {smart.interpretation.sentence}
                </Typography.Paragraph>
              ) : null}
              {goal.healthReason ? (
                <Alert
                  type={HEALTH_ALERT[goal.health]}
                  showIcon
                  title={goal.healthReason.message}
                  data-testid="health-reason"
                />
              ) : null}
            </Card>

            <Card
              title={t('keyResults.title')}
              extra={
                mayWrite ? (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingKeyResult(true)}>
                    {t('keyResults.add')}
                  </Button>
                ) : null
              }
            >
              {keyResults.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keyResults.empty')} />
              ) : (
                <Flex vertical gap={12}>
                  {keyResults.map((keyResult) => (
                    <KeyResultCard
                      key={keyResult.id}
                      workspaceId={workspace.id}
                      goal={goal}
                      keyResult={keyResult}
                      mayWrite={mayWrite}
                    />
                  ))}
                </Flex>
              )}
            </Card>

            <SubGoalsCard
              base={base}
              goals={children}
              onAdd={mayWrite ? () => setFormMode({ kind: 'create', parent: goal }) : null}
            />
            <CommentsPanel targetType="goal" targetId={goal.id} />
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <Card title={t('goals.details')}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'owner', label: t('goals.owner'), children: goal.owner?.name ?? t('goals.noOwner') },
                  { key: 'start', label: t('goals.startDate'), children: format.day(goal.startDate) },
                  { key: 'due', label: t('goals.dueDate'), children: format.day(goal.dueDate) },
                  {
                    key: 'status',
                    label: t('goals.status'),
                    children: <GoalStatusTag status={goal.status} />,
                  },
                ]}
              />
              {descriptionHtml ? (
                <div
                  className="markdown-body"
                  style={{ marginTop: 12, borderTop: '1px solid #f0f0f0', paddingTop: 12 }}
                  // Sanitised by the server when it renders the Markdown.
                  dangerouslySetInnerHTML={{ __html: descriptionHtml }}
                />
              ) : null}
            </Card>
            <Card title={t('smart.title')}>
              <SmartPanel analysis={smart} />
            </Card>
            <CheckInsCard
              workspaceId={workspace.id}
              goalId={goal.id}
              checkIns={checkIns}
              mayWrite={mayWrite}
            />
          </Flex>
        </Col>
      </Row>

      {mayWrite ? (
        <>
          <GoalFormDrawer
            workspaceId={workspace.id}
            mode={formMode}
            onClose={() => setFormMode(null)}
            onSaved={(saved) => {
              if (saved.goal.id !== goal.id) void navigate(`${base}/goals/${saved.goal.id}`);
            }}
          />
          <AddKeyResultModal
            workspaceId={workspace.id}
            goalId={goal.id}
            open={isAddingKeyResult}
            onClose={() => setAddingKeyResult(false)}
          />
        </>
      ) : null}
    </>
  );
}

function SubGoalsCard({
  base,
  goals,
  onAdd,
}: {
  base: string;
  goals: readonly Goal[];
  onAdd: (() => void) | null;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card
      title={t('goals.subGoals')}
      extra={
        onAdd ? (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>
            {t('goals.createSub')}
          </Button>
        ) : null
      }
    >
      <List
        dataSource={[...goals]}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('goals.subGoalsEmpty')} />,
        }}
        renderItem={(child) => (
          <List.Item>
            <Flex align="center" gap={16} style={{ width: '100%' }} wrap>
              <Flex vertical style={{ flex: 1, minWidth: 200 }}>
                <Link to={`${base}/goals/${child.id}`}>{child.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {child.owner?.name ?? t('goals.noOwner')} · {format.day(child.dueDate)}
                </Typography.Text>
              </Flex>
              <div style={{ width: 200 }}>
                <GoalProgress
                  progress={child.progress}
                  expected={child.status === 'active' ? child.expectedProgress : null}
                  health={child.health}
                  size="small"
                />
              </div>
              <HealthTag health={child.health} reason={child.healthReason?.message} />
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
