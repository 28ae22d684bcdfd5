import { useState } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Row,
  Segmented,
  Skeleton,
  Statistic,
  Typography,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { addDays } from '../../../core/days/index.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  exportUrl,
  useDeleteKpi,
  useKpi,
  useKpiSeries,
  type Bucket,
  type Kpi,
} from '../../features/kpis/hooks.ts';
import { KpiChart } from '../../features/kpis/KpiChart.tsx';
import { KpiFormModal } from '../../features/kpis/KpiFormModal.tsx';
import { KpiStatus, MONO } from '../../features/kpis/KpiStatus.tsx';
import { CommentsPanel } from '../../features/comments/CommentsPanel.tsx';
import { MeasurementsCard } from '../../features/kpis/MeasurementsCard.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const BUCKETS: Bucket[] = ['day', 'week', 'month', 'quarter'];
const BUCKET_RANK: Record<Bucket, number> = { day: 0, week: 1, month: 2, quarter: 3 };
/** How far back each bucket looks from the latest value: enough points to read a trend, not a wall. */
const LOOKBACK_DAYS: Record<Bucket, number | null> = { day: 89, week: 364, month: 729, quarter: null };

export function KpiPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const kpi = useKpi(workspace.id, key);
  const remove = useDeleteKpi(workspace.id);
  const [isEditing, setEditing] = useState(false);
  const base = `/w/${workspace.id}`;

  if (kpi.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (kpi.error instanceof ApiError && kpi.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('kpis.notFound')}
        subTitle={t('kpis.notFoundHint')}
        extra={
          <Link to={`${base}/kpis`}>
            <Button type="primary">{t('kpis.title')}</Button>
          </Link>
        }
      />
    );
  }
  if (kpi.error) return <QueryError error={kpi.error} onRetry={() => void kpi.refetch()} />;
  const current = kpi.data;
  const isComputed = current.formula !== null;

  const deleteKpi = () =>
    remove.mutateAsync(current.key).then(
      () => {
        void message.success(t('kpis.deleted'));
        void navigate(`${base}/kpis`, { replace: true });
      },
      (error: unknown) => void message.error(errorMessage(error)),
    );

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'root', title: <Link to={`${base}/kpis`}>{t('kpis.title')}</Link> },
          { key: current.key, title: current.name },
        ]}
      />
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 20 }}>
        <Flex vertical gap={6} style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="kpi-title">
            {current.name}
          </Typography.Title>
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary" style={MONO}>
              {current.key}
            </Typography.Text>
            {isComputed ? (
              <Typography.Text code style={MONO}>
                = {current.formula}
              </Typography.Text>
            ) : null}
          </Flex>
          {current.description ? (
            <Typography.Text type="secondary">{current.description}</Typography.Text>
          ) : null}
        </Flex>
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} href={exportUrl(workspace.id, current.key, 'csv')} download>
            {t('kpis.exportCsv')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportUrl(workspace.id, current.key, 'xlsx')} download>
            {t('kpis.exportXlsx')}
          </Button>
          {!isComputed && can('measurements.write') ? (
            <Link to={`${base}/kpis/import?kpi=${encodeURIComponent(current.key)}`}>
              <Button icon={<UploadOutlined />}>{t('kpis.import')}</Button>
            </Link>
          ) : null}
          {can('kpis.write') ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('actions.edit')}
              </Button>
              <Popconfirm
                title={t('kpis.deleteConfirm')}
                okText={t('actions.remove')}
                cancelText={t('actions.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={deleteKpi}
              >
                <Button danger icon={<DeleteOutlined />} aria-label={t('actions.remove')} />
              </Popconfirm>
            </>
          ) : null}
        </Flex>
      </Flex>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card style={{ height: '100%' }}>
            <Statistic
              title={
                current.lastPeriod
                  ? t('kpis.last', { period: format.period(current.lastPeriod, current.frequency) })
                  : t('kpis.lastValue')
              }
              value={format.measure(current.lastValue, current.unit)}
              data-testid="kpi-last-value"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card style={{ height: '100%' }}>
            <Statistic title={t('kpis.status')} valueRender={() => <KpiStatus status={current.status} />} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card style={{ height: '100%' }}>
            <Statistic
              title={t('kpis.thresholds')}
              valueRender={() =>
                current.thresholds ? (
                  <Flex vertical style={{ fontSize: 14 }}>
                    <span>
                      {t('dashboard.thresholdGreen', {
                        value: format.measure(current.thresholds.green, current.unit),
                      })}
                    </span>
                    <span>
                      {t('dashboard.thresholdAmber', {
                        value: format.measure(current.thresholds.amber, current.unit),
                      })}
                    </span>
                  </Flex>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                    {t('kpis.statusLabels.none')}
                  </Typography.Text>
                )
              }
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card style={{ height: '100%' }}>
            <Statistic
              title={t('kpis.frequency')}
              valueRender={() => (
                <Flex vertical style={{ fontSize: 14 }}>
                  <span>
                    {t(`kpis.frequencies.${current.frequency}`)} ·{' '}
                    {t(`kpis.aggregations.${current.aggregation}`)}
                  </span>
                  <Typography.Text type="secondary">
                    {t(`kpis.directions.${current.direction}`)}
                  </Typography.Text>
                </Flex>
              )}
            />
          </Card>
        </Col>
      </Row>

      <Flex vertical gap={16}>
        <KpiTrendCard workspaceId={workspace.id} kpi={current} />
        {isComputed ? (
          <Alert type="info" showIcon title={t('kpis.computedHint')} />
        ) : (
          <MeasurementsCard workspaceId={workspace.id} kpi={current} mayWrite={can('measurements.write')} />
        )}
        <CommentsPanel targetType="kpi" targetId={current.id} />
      </Flex>

      {can('kpis.write') ? (
        <KpiFormModal
          workspaceId={workspace.id}
          open={isEditing}
          kpi={current}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </>
  );
}

function KpiTrendCard({ workspaceId, kpi }: { workspaceId: string; kpi: Kpi }) {
  const { t } = useTranslation();
  const buckets = BUCKETS.filter((bucket) => BUCKET_RANK[bucket] >= BUCKET_RANK[kpi.frequency]);
  const [bucket, setBucket] = useState<Bucket>(kpi.frequency);
  const lookback = LOOKBACK_DAYS[bucket];
  const from = kpi.lastPeriod && lookback !== null ? addDays(kpi.lastPeriod, -lookback) : undefined;
  const series = useKpiSeries(workspaceId, kpi.key, { bucket, from, to: kpi.lastPeriod ?? undefined });

  return (
    <Card
      title={t('kpis.chart')}
      extra={
        <Segmented<Bucket>
          size="small"
          value={bucket}
          onChange={setBucket}
          options={buckets.map((value) => ({ value, label: t(`kpis.buckets.${value}`) }))}
          aria-label={t('kpis.bucket')}
        />
      }
    >
      {series.error ? (
        <QueryError error={series.error} onRetry={() => void series.refetch()} />
      ) : !series.data ? (
        <Skeleton.Node active style={{ width: '100%', height: 320 }} />
      ) : series.data.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('kpis.noSeries')}
          style={{ padding: 48 }}
        />
      ) : (
        <KpiChart kpi={kpi} bucket={bucket} points={series.data} />
      )}
    </Card>
  );
}
