import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, PushpinFilled, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { EChart } from '../../components/charts/EChart.tsx';
import type { ChartOption } from '../../components/charts/echarts.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  useClusters,
  useCsat,
  useRecompute,
  useRenameCluster,
  useResolveCluster,
  type FeedbackCluster,
} from '../../features/feedback/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

function trendOption(clusters: readonly FeedbackCluster[], weekLabel: string): ChartOption {
  const top = clusters.slice(0, 5);
  const weeks = top[0]?.weekly.length ?? 8;
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 32, right: 16, top: 16, bottom: 48 },
    xAxis: {
      type: 'category',
      data: Array.from({ length: weeks }, (_, index) => `${weekLabel} ${index - weeks + 1}`),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: top.map((cluster) => ({ type: 'line', name: cluster.label, data: cluster.weekly, smooth: true })),
  };
}

/** Asks what was done, then resolves every open item of the cluster; each submitter is told once. */
function ResolveClusterModal({
  workspaceId,
  cluster,
  onClose,
}: {
  workspaceId: string;
  cluster: FeedbackCluster;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const resolve = useResolveCluster(workspaceId);
  const submit = (values: { note: string }) =>
    resolve.mutate(
      { clusterId: cluster.id, note: values.note.trim() },
      {
        onSuccess: (result) => {
          void message.success(
            t('feedback.clusters.resolved', { count: result.resolved, notified: result.notified }),
          );
          onClose();
        },
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  return (
    <Modal
      open
      title={t('feedback.clusters.resolveTitle', { label: cluster.label })}
      okText={t('feedback.clusters.resolveOk')}
      cancelText={t('actions.cancel')}
      confirmLoading={resolve.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('feedback.clusters.resolveIntro', { count: cluster.open })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label={t('feedback.clusters.resolveNote')}
          rules={[{ required: true, whitespace: true, message: t('feedback.clusters.resolveNoteRequired') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            placeholder={t('feedback.clusters.resolvePlaceholder')}
            data-testid="cluster-resolution"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function FeedbackClustersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const mayWrite = can('feedback.write');
  const recompute = useRecompute(workspace.id);
  const rename = useRenameCluster(workspace.id);
  const first = useClusters(workspace.id, false);
  const isBusy = first.data?.state.status === 'queued' || first.data?.state.status === 'running';
  const clusters = useClusters(workspace.id, isBusy);
  const csat = useCsat(workspace.id);
  const data = clusters.data ?? first.data;
  const onError = (error: unknown) => void message.error(errorMessage(error));
  const [resolving, setResolving] = useState<FeedbackCluster | null>(null);

  return (
    <>
      <PageHeader
        title={t('feedback.clusters.title')}
        description={t('feedback.clusters.description')}
        extra={
          mayWrite ? (
            <Button
              icon={<ReloadOutlined />}
              loading={recompute.isPending || isBusy}
              onClick={() => recompute.mutate(undefined, { onError })}
            >
              {t('feedback.clusters.recompute')}
            </Button>
          ) : null
        }
      />
      {clusters.error ? <QueryError error={clusters.error} onRetry={() => void clusters.refetch()} /> : null}
      {data ? (
        <Flex vertical gap={16}>
          <Space wrap>
            {isBusy ? (
              <Progress
                percent={data.state.progress}
                size="small"
                style={{ width: 200 }}
                format={() => t('feedback.clusters.running', { progress: data.state.progress })}
              />
            ) : (
              <Typography.Text type="secondary">
                {data.state.clusteredAt
                  ? t('feedback.clusters.lastRun', { time: format.dateTime(data.state.clusteredAt) })
                  : t('feedback.clusters.never')}
              </Typography.Text>
            )}
            {data.state.status === 'failed' ? (
              <Typography.Text type="danger">{t('feedback.clusters.failed')}</Typography.Text>
            ) : null}
            <Typography.Text type="secondary">
              {t('feedback.clusters.unclustered', { count: data.unclustered })}
            </Typography.Text>
          </Space>
          {data.clusters.length === 0 ? (
            <Card>
              <Empty description={t('feedback.clusters.empty')} />
            </Card>
          ) : (
            <>
              <Card title={t('feedback.clusters.trend')}>
                <EChart
                  option={trendOption(data.clusters, t('feedback.clusters.week'))}
                  height={280}
                  testId="cluster-trend"
                />
              </Card>
              <Row gutter={[16, 16]}>
                {data.clusters.map((cluster, index) => (
                  <Col xs={24} md={12} xl={8} key={cluster.id}>
                    <Card size="small" data-testid="cluster-card">
                      <Flex vertical gap={6}>
                        <Typography.Text type="secondary">#{index + 1}</Typography.Text>
                        <Typography.Title
                          level={5}
                          style={{ margin: 0 }}
                          editable={
                            mayWrite
                              ? {
                                  tooltip: t('feedback.clusters.rename'),
                                  onChange: (label) => {
                                    if (label.trim() && label !== cluster.label) {
                                      rename.mutate(
                                        { clusterId: cluster.id, label: label.trim() },
                                        { onError },
                                      );
                                    }
                                  },
                                }
                              : false
                          }
                        >
                          {cluster.label}
                        </Typography.Title>
                        {cluster.labelPinned ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            <PushpinFilled /> {t('feedback.clusters.pinned')}
                          </Typography.Text>
                        ) : null}
                        <Space size={4} wrap>
                          {cluster.terms.map((term) => (
                            <Tag key={term}>{term}</Tag>
                          ))}
                        </Space>
                        <Typography.Text>
                          {t('feedback.clusters.size', { count: cluster.size })} ·{' '}
                          {t('feedback.clusters.votes', { count: cluster.votes })}
                          {cluster.csat.average !== null
                            ? ` · ${t('feedback.clusters.csat', { average: cluster.csat.average })}`
                            : ''}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('feedback.clusters.growth', {
                            recent: cluster.recent,
                            previous: cluster.previous,
                          })}
                        </Typography.Text>
                        <Flex justify="space-between" align="center" gap={8} wrap>
                          <Link to={`/w/${workspace.id}/feedback?cluster=${cluster.id}`}>
                            {t('feedback.clusters.items')} ·{' '}
                            {t('feedback.clusters.open', { count: cluster.open })}
                          </Link>
                          {mayWrite && cluster.open > 0 ? (
                            <Button
                              size="small"
                              icon={<CheckOutlined />}
                              onClick={() => setResolving(cluster)}
                              data-testid="cluster-resolve"
                            >
                              {t('feedback.clusters.resolve')}
                            </Button>
                          ) : null}
                        </Flex>
                      </Flex>
                    </Card>
                  </Col>
                ))}
              </Row>
            </>
          )}
          <Card title={t('feedback.clusters.csatTitle')}>
            {csat.data && csat.data.overall.count > 0 ? (
              <Flex vertical gap={8}>
                <Typography.Text>
                  {t('feedback.clusters.csatOverall', {
                    average: csat.data.overall.average,
                    count: csat.data.overall.count,
                    satisfied: format.percent(csat.data.overall.satisfied),
                  })}
                </Typography.Text>
                <Space wrap>
                  {csat.data.byCategory.map((entry) => (
                    <Tag key={entry.key}>
                      {entry.key}: {entry.average}
                    </Tag>
                  ))}
                </Space>
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('feedback.clusters.csatNone')}</Typography.Text>
            )}
          </Card>
        </Flex>
      ) : null}
      {resolving ? (
        <ResolveClusterModal
          workspaceId={workspace.id}
          cluster={resolving}
          onClose={() => setResolving(null)}
        />
      ) : null}
    </>
  );
}
