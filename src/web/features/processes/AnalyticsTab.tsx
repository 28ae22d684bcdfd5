import { useMemo } from 'react';
import { Alert, Card, Col, Empty, Flex, Row, Spin, Statistic, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/charts/EChart.tsx';
import { CHART_COLORS, CHART_GRID } from '../../components/charts/axes.ts';
import type { ChartOption } from '../../components/charts/echarts.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { msToHours, useProcessAnalytics, type ProcessAnalytics } from './hooks.ts';

type StepRow = ProcessAnalytics['steps'][number];
const BUCKET_KEYS = ['under_4h', '4h_to_8h', '8h_to_1d', '1d_to_2d', '2d_to_5d', 'over_5d'] as const;

function isBucketKey(key: string): key is (typeof BUCKET_KEYS)[number] {
  return (BUCKET_KEYS as readonly string[]).includes(key);
}

/** Where a process loses time: the bottleneck, per-step waiting and working times, throughput, lead times. */
export function AnalyticsTab({ workspaceId, processId }: { workspaceId: string; processId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const analytics = useProcessAnalytics(workspaceId, processId);
  const data = analytics.data;

  const hours = (ms: number | null) => {
    const value = msToHours(ms);
    if (value === null || ms === null) return '—';
    return value === 0 && ms > 0 ? `<${format.number(0.1, 1)}` : format.number(value, 1);
  };

  const throughputOption = useMemo<ChartOption | null>(
    () =>
      data
        ? {
            animation: false,
            grid: { ...CHART_GRID, top: 16 },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: data.throughput.map((week) => format.shortDay(week.weekStart)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                type: 'bar',
                name: t('analytics.throughput'),
                data: data.throughput.map((week) => week.count),
                itemStyle: { color: CHART_COLORS.actual },
                barMaxWidth: 32,
              },
            ],
          }
        : null,
    [data, format, t],
  );

  const leadTimeOption = useMemo<ChartOption | null>(
    () =>
      data
        ? {
            animation: false,
            grid: { ...CHART_GRID, top: 16 },
            tooltip: { trigger: 'axis' },
            xAxis: {
              type: 'category',
              data: data.leadTime.buckets.map((bucket) =>
                isBucketKey(bucket.key) ? t(`analytics.buckets.${bucket.key}`) : bucket.key,
              ),
              axisLabel: { interval: 0, fontSize: 11 },
            },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                type: 'bar',
                name: t('analytics.cases'),
                data: data.leadTime.buckets.map((bucket) => bucket.count),
                itemStyle: { color: CHART_COLORS.target },
                barMaxWidth: 40,
              },
            ],
          }
        : null,
    [data, t],
  );

  if (analytics.error) return <QueryError error={analytics.error} onRetry={() => void analytics.refetch()} />;
  if (!data || !throughputOption || !leadTimeOption) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }

  const stepName = (key: string) => data.stepNames[key] ?? key;
  const columns: TableColumnsType<StepRow> = [
    { title: t('analytics.step'), key: 'step', fixed: 'left', render: (_, row) => stepName(row.stepKey) },
    { title: t('analytics.count'), key: 'count', align: 'right', render: (_, row) => row.count },
    {
      title: t('analytics.waitingMedian'),
      key: 'waitingMedian',
      align: 'right',
      render: (_, row) => hours(row.waiting.medianMs),
    },
    {
      title: t('analytics.waitingP90'),
      key: 'waitingP90',
      align: 'right',
      render: (_, row) => hours(row.waiting.p90Ms),
    },
    {
      title: t('analytics.workingMedian'),
      key: 'workingMedian',
      align: 'right',
      render: (_, row) => hours(row.working.medianMs),
    },
    {
      title: t('analytics.workingP90'),
      key: 'workingP90',
      align: 'right',
      render: (_, row) => hours(row.working.p90Ms),
    },
    {
      title: t('analytics.breachRate'),
      key: 'breachRate',
      align: 'right',
      render: (_, row) => (row.breachRate === null ? '—' : format.percent(row.breachRate)),
    },
    { title: t('analytics.wip'), key: 'wip', align: 'right', render: (_, row) => row.workInProgress },
    { title: t('analytics.queued'), key: 'queued', align: 'right', render: (_, row) => row.queued },
    {
      title: t('analytics.leadShare'),
      key: 'leadShare',
      align: 'right',
      render: (_, row) => (row.leadTimeShare === null ? '—' : format.percent(row.leadTimeShare)),
    },
  ];

  const leadTime = (ms: number | null) => (ms === null ? '—' : t('analytics.hours', { hours: hours(ms) }));

  return (
    <Flex vertical gap={16} data-testid="process-analytics">
      {data.bottleneckMessage ? (
        <Alert
          type="warning"
          showIcon
          title={t('analytics.bottleneck')}
          description={data.bottleneckMessage}
          data-testid="bottleneck"
        />
      ) : data.runs.total > 0 ? (
        <Alert type="success" showIcon title={t('analytics.noBottleneck')} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('analytics.total')} value={data.runs.total} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('analytics.completed')} value={data.runs.completed} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('analytics.medianLead')} value={leadTime(data.leadTime.medianMs)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('analytics.p90Lead')} value={leadTime(data.leadTime.p90Ms)} />
          </Card>
        </Col>
      </Row>
      <Card title={t('analytics.steps')} styles={{ body: { padding: 0 } }}>
        {data.steps.length === 0 ? (
          <Empty description={t('analytics.noData')} style={{ padding: 24 }} />
        ) : (
          <Table<StepRow>
            rowKey="stepKey"
            columns={columns}
            dataSource={data.steps}
            pagination={false}
            size="small"
            scroll={{ x: 960 }}
            data-testid="analytics-steps"
            rowClassName={(row) => (row.stepKey === data.bottleneck?.stepKey ? 'ant-table-row-selected' : '')}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('analytics.throughput')} size="small">
            {data.throughput.length === 0 ? (
              <Empty description={t('analytics.noCompleted')} style={{ height: 196, paddingTop: 40 }} />
            ) : (
              <EChart
                option={throughputOption}
                height={220}
                testId="throughput-chart"
                ariaLabel={t('analytics.throughput')}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('analytics.leadTime')} size="small">
            {data.leadTime.count === 0 ? (
              <Empty description={t('analytics.noCompleted')} style={{ height: 196, paddingTop: 40 }} />
            ) : (
              <EChart
                option={leadTimeOption}
                height={220}
                testId="lead-time-chart"
                ariaLabel={t('analytics.leadTime')}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
