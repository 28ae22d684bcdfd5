import { useState } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Row,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { PauseCircleOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMembers } from '../../features/members/hooks.ts';
import { CommentsPanel } from '../../features/comments/CommentsPanel.tsx';
import { CurrentStepCard } from '../../features/processes/CurrentStepCard.tsx';
import { EarlierStepsCard } from '../../features/processes/EarlierStepsCard.tsx';
import { useChangeRunState, useRun, type Run } from '../../features/processes/hooks.ts';
import { RunStatusTag } from '../../features/processes/RunStatusTag.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const EVENT_TYPES = [
  'started',
  'step_started',
  'step_completed',
  'completed',
  'reassigned',
  'held',
  'resumed',
  'cancelled',
] as const;

function isEventType(type: string): type is (typeof EVENT_TYPES)[number] {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

export function RunPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { message } = App.useApp();
  const { runId = '' } = useParams();
  const { workspace, can } = useWorkspaceScope();
  const run = useRun(workspace.id, runId);
  const members = useMembers(workspace.id);
  const changeState = useChangeRunState(workspace.id, runId);
  const [isHolding, setHolding] = useState(false);
  const [holdForm] = Form.useForm<{ reason: string }>();
  const base = `/w/${workspace.id}`;
  const mayWork = can('runs.write');

  if (run.error) return <QueryError error={run.error} onRetry={() => void run.refetch()} />;
  if (!run.data) return <FullPageSpin />;
  const data: Run = run.data;
  const stepNames = new Map(data.steps.map((step) => [step.stepKey, step.name]));
  const isOpen = data.status === 'active' || data.status === 'on_hold';
  const memberNames = new Map((members.data ?? []).map((member) => [member.userId, member.name]));
  /** "陈静 → 李娜" for a reassignment; someone who has left shows as unassigned. */
  const reassignment = (eventData: Record<string, unknown> | null) => {
    if (!eventData || typeof eventData.to !== 'string') return null;
    const name = (id: unknown) =>
      typeof id === 'string' ? (memberNames.get(id) ?? t('runs.unassigned')) : t('runs.unassigned');
    return t('runs.reassignedFromTo', { from: name(eventData.from), to: name(eventData.to) });
  };

  const hold = ({ reason }: { reason: string }) =>
    changeState.mutate(
      { action: 'hold', reason: reason.trim() },
      {
        onSuccess: () => {
          setHolding(false);
          holdForm.resetFields();
        },
      },
    );

  const actions =
    mayWork && isOpen ? (
      <>
        {data.status === 'active' ? (
          <Button icon={<PauseCircleOutlined />} onClick={() => setHolding(true)} data-testid="hold-run">
            {t('runs.hold')}
          </Button>
        ) : (
          <Button
            icon={<PlayCircleOutlined />}
            loading={changeState.isPending}
            onClick={() => changeState.mutate({ action: 'resume' })}
            data-testid="resume-run"
          >
            {t('runs.resume')}
          </Button>
        )}
        <Popconfirm
          title={t('runs.cancelConfirm')}
          onConfirm={() =>
            changeState.mutate(
              { action: 'cancel' },
              { onSuccess: () => void message.info(t('runs.statuses.cancelled')) },
            )
          }
        >
          <Button danger icon={<StopOutlined />} data-testid="cancel-run">
            {t('runs.cancel')}
          </Button>
        </Popconfirm>
      </>
    ) : null;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={`${base}/processes`}>{t('processes.title')}</Link> },
          { title: <Link to={`${base}/processes/${data.processId}?tab=runs`}>{data.processName}</Link> },
          { title: data.subject },
        ]}
      />
      <PageHeader
        title={
          <Flex align="center" gap={10} wrap>
            <span data-testid="run-subject">{data.subject}</span>
            <RunStatusTag status={data.status} />
          </Flex>
        }
        description={
          <>
            {t('runs.version', { number: data.version.number })} · {t('runs.startedAt')}{' '}
            {format.dateTime(data.startedAt)}
          </>
        }
        extra={actions}
      />
      {!isHolding ? <FormErrorAlert error={changeState.error} /> : null}
      {data.status === 'on_hold' ? (
        <Alert
          type="warning"
          showIcon
          title={t('runs.onHold', { reason: data.holdReason ?? '' })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <EarlierStepsCard run={data} />
          {data.currentStep ? (
            <CurrentStepCard
              workspaceId={workspace.id}
              run={data}
              step={data.currentStep}
              mayWork={mayWork}
            />
          ) : (
            <Card>
              <Result
                status={data.status === 'completed' ? 'success' : 'info'}
                title={data.status === 'completed' ? t('runs.finished') : t('runs.statuses.cancelled')}
                subTitle={
                  data.finishedAt === null
                    ? null
                    : t('runs.finishedAt2', { time: format.dateTime(data.finishedAt) })
                }
              />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('runs.steps')} size="small" style={{ marginBottom: 16 }}>
            <Steps
              orientation="vertical"
              size="small"
              data-testid="run-steps"
              current={data.steps.length - 1}
              items={data.steps.map((step) => ({
                status:
                  step.completedAt !== null ? 'finish' : data.status === 'cancelled' ? 'error' : 'process',
                title: step.name,
                content: (
                  <Flex vertical gap={2} style={{ fontSize: 12 }}>
                    <span>
                      {step.assignee?.name ?? t('runs.unassigned')} · {t('runs.enteredAt')}{' '}
                      {format.dateTime(step.enteredAt)}
                    </span>
                    {step.completedAt !== null ? (
                      <span>
                        {t('runs.finishedAt')} {format.dateTime(step.completedAt)}
                        {step.isBreached ? (
                          <Tag color="red" style={{ marginInlineStart: 6 }}>
                            {t('runs.breached')}
                          </Tag>
                        ) : null}
                      </span>
                    ) : null}
                  </Flex>
                ),
              }))}
            />
          </Card>
          <Card title={t('runs.history')} size="small">
            <Timeline
              data-testid="run-history"
              items={[...data.history].reverse().map((event, index) => ({
                key: `${event.createdAt}-${index}`,
                content: (
                  <Flex vertical gap={0}>
                    <span>
                      <Typography.Text strong>{event.actor?.name ?? t('runs.system')}</Typography.Text>{' '}
                      {isEventType(event.type) ? t(`runs.events.${event.type}`) : event.type}
                      {event.stepKey && event.type !== 'started' ? (
                        <Typography.Text type="secondary">
                          {' '}
                          · {stepNames.get(event.stepKey) ?? event.stepKey}
                        </Typography.Text>
                      ) : null}
                    </span>
                    {event.type === 'reassigned' && reassignment(event.data) ? (
                      <Typography.Text type="secondary" data-testid="reassigned-detail">
                        {reassignment(event.data)}
                      </Typography.Text>
                    ) : null}
                    {typeof event.data?.reason === 'string' ? (
                      <Typography.Text type="secondary">{event.data.reason}</Typography.Text>
                    ) : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {format.dateTime(event.createdAt)}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col span={24}>
          <CommentsPanel targetType="run" targetId={data.id} />
        </Col>
      </Row>
      <Modal
        open={isHolding}
        title={t('runs.holdTitle')}
        onCancel={() => setHolding(false)}
        onOk={() => holdForm.submit()}
        okText={t('runs.hold')}
        confirmLoading={changeState.isPending}
        destroyOnHidden
      >
        <FormErrorAlert error={changeState.error} />
        <Form form={holdForm} layout="vertical" name="hold" onFinish={hold} preserve={false}>
          <Form.Item
            name="reason"
            label={t('runs.holdReason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input placeholder={t('runs.holdReasonPlaceholder')} maxLength={500} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
