import { useMemo } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Select,
  Spin,
  Statistic,
  Switch,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { EChart } from '../../components/charts/EChart.tsx';
import { CHART_COLORS, CHART_GRID } from '../../components/charts/axes.ts';
import type { ChartOption } from '../../components/charts/echarts.ts';
import { dateToDay, dayToDate } from '../../components/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { msToHours, useHours, useProcess, useProcessAnalytics, type ProcessAnalytics } from './hooks.ts';
import { ProcessFlowChart } from './ProcessFlowChart.tsx';
import { StepAssignees } from './StepAssignees.tsx';
import { useWorkspaceScope } from '../workspaces/WorkspaceContext.ts';
import { WindowComparison } from './WindowComparison.tsx';
import {
  isWindowChoice,
  previousWindow,
  windowDays,
  WINDOW_CHOICES,
  type WindowChoice,
  type WindowDays,
} from './analyticsWindow.ts';

type StepRow = ProcessAnalytics['steps'][number];
type VariantRow = ProcessAnalytics['variants']['top'][number];
type ReworkRow = ProcessAnalytics['rework']['steps'][number];
type VersionSummary = { id: string; number: number; createdAt: number; runCount: number };
const BUCKET_KEYS = ['under_4h', '4h_to_8h', '8h_to_1d', '1d_to_2d', '2d_to_5d', 'over_5d'] as const;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

function isBucketKey(key: string): key is (typeof BUCKET_KEYS)[number] {
  return (BUCKET_KEYS as readonly string[]).includes(key);
}

/** Which versions' cases to analyse: all of them (no parameter) or one version, kept in the address. */
function useVersionChoice(versions: readonly VersionSummary[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('version');
  const versionId = versions.some((version) => version.id === requested) ? requested : null;
  const choose = (next: string | null) =>
    setSearchParams(
      (previous) => {
        const params = new URLSearchParams(previous);
        if (next === null) params.delete('version');
        else params.set('version', next);
        return params;
      },
      { replace: true },
    );
  return [versionId, choose] as const;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Which cases by start day: a named window ending today, or custom days, kept in the address. */
function useWindowChoice() {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('window');
  const choice: WindowChoice = isWindowChoice(requested) ? requested : 'all';
  const from = searchParams.get('from') ?? '';
  const to = searchParams.get('to') ?? '';
  let days: WindowDays | null = null;
  if (choice === 'custom') {
    days = DAY_PATTERN.test(from) && DAY_PATTERN.test(to) && from <= to ? { from, to } : null;
  } else {
    days = windowDays(choice, dateToDay(new Date()));
  }
  const choose = (next: WindowChoice, custom?: WindowDays) =>
    setSearchParams(
      (previous) => {
        const params = new URLSearchParams(previous);
        if (next === 'all') params.delete('window');
        else params.set('window', next);
        params.delete('from');
        params.delete('to');
        const shown = custom ?? (next === 'custom' ? days : null);
        if (next === 'custom' && shown) {
          params.set('from', shown.from);
          params.set('to', shown.to);
        }
        return params;
      },
      { replace: true },
    );
  return [choice, days, choose] as const;
}

/**
 * Where a process loses time: the bottleneck, the flow drawn with its measured times, per-step waiting and
 * working times, the weekly trend around each new version, and the spread of lead times.
 */
export function AnalyticsTab({ workspaceId, processId }: { workspaceId: string; processId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const hours = useHours();
  const navigate = useNavigate();
  const process = useProcess(workspaceId, processId);
  const versions = useMemo(
    () => [...(process.data?.versions ?? [])].sort((a, b) => a.number - b.number),
    [process.data?.versions],
  );
  const [versionId, chooseVersion] = useVersionChoice(versions);
  const [windowChoice, timeWindow, chooseWindow] = useWindowChoice();
  const analytics = useProcessAnalytics(
    workspaceId,
    processId,
    versionId,
    process.data !== undefined,
    timeWindow,
  );
  // The window against the period before it, kept in the address as compare=previous.
  const [searchParams, setSearchParams] = useSearchParams();
  const comparing = timeWindow !== null && searchParams.get('compare') === 'previous';
  const previousDays = timeWindow ? previousWindow(timeWindow) : null;
  const previous = useProcessAnalytics(
    workspaceId,
    processId,
    versionId,
    process.data !== undefined && comparing,
    previousDays,
  );
  const setComparing = (on: boolean) =>
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (on) next.set('compare', 'previous');
        else next.delete('compare');
        return next;
      },
      { replace: true },
    );
  const data = analytics.data;
  const base = `/w/${workspaceId}`;
  // Per-person figures are for those who lead the team; the server refuses the others too.
  const canSeePeople = useWorkspaceScope().can('processes.people');

  const trendOption = useMemo<ChartOption | null>(() => {
    if (!data || data.throughput.length === 0) return null;
    const weeks = data.throughput.map((week) => ({ ...week, start: dayToDate(week.weekStart).getTime() }));
    const first = weeks[0]?.start ?? 0;
    const lastWeekEnd = (weeks[weeks.length - 1]?.start ?? 0) + WEEK_MS;
    // Later versions extend the axis, so a version made after the last finished case still shows.
    const shown = versions.filter((version) => version.createdAt >= first);
    const end = Math.max(lastWeekEnd, ...shown.map((version) => version.createdAt + DAY_MS));
    const middle = (start: number) => start + WEEK_MS / 2;
    const day = (ms: number) => format.shortDay(dateToDay(new Date(ms)));
    return {
      animation: false,
      grid: { ...CHART_GRID, top: 48, right: 16 },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const list = (Array.isArray(params) ? params : [params]) as Array<{
            seriesIndex?: number;
            marker?: unknown;
            value?: unknown;
          }>;
          const time = Array.isArray(list[0]?.value) ? Number(list[0].value[0]) : Number.NaN;
          const week = weeks.find((item) => middle(item.start) === time);
          if (!week) return '';
          const marker = (index: number) => {
            const found = list.find((item) => item.seriesIndex === index)?.marker;
            return typeof found === 'string' ? found : '';
          };
          return [
            t('analytics.trendWeek', { day: format.shortDay(week.weekStart) }),
            `${marker(0)}${t('analytics.throughput')}: <b>${week.count}</b>`,
            `${marker(1)}${t('analytics.trendMedian')}: <b>${
              week.medianLeadTimeMs === null
                ? '—'
                : t('analytics.hours', { hours: hours(week.medianLeadTimeMs) })
            }</b>`,
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'time',
        min: first,
        max: end,
        axisLabel: { formatter: (value: number) => day(value), hideOverlap: true, fontSize: 11 },
        splitLine: { show: false },
      },
      yAxis: [
        { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
        {
          type: 'value',
          min: 0,
          axisLabel: { formatter: (value: number) => `${format.number(value, 1)} h` },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          type: 'bar',
          name: t('analytics.throughput'),
          data: weeks.map((week) => [middle(week.start), week.count]),
          itemStyle: { color: CHART_COLORS.actual, opacity: 0.75 },
          barMaxWidth: 36,
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: CHART_COLORS.forecast, type: 'dashed', width: 1.5 },
            label: {
              formatter: '{b}',
              position: 'end',
              color: CHART_COLORS.forecast,
              fontSize: 11,
            },
            data: shown.map((version) => ({
              name: t('analytics.versionMark', { number: version.number }),
              xAxis: version.createdAt,
            })),
          },
        },
        {
          type: 'line',
          name: t('analytics.trendMedian'),
          yAxisIndex: 1,
          data: weeks.map((week) => [middle(week.start), msToHours(week.medianLeadTimeMs)]),
          itemStyle: { color: CHART_COLORS.red },
          lineStyle: { width: 2 },
          symbolSize: 6,
          connectNulls: true,
        },
      ],
    };
  }, [data, versions, format, hours, t]);

  const leadTimeOption = useMemo<ChartOption | null>(
    () =>
      data
        ? {
            animation: false,
            grid: { ...CHART_GRID, top: 16 },
            tooltip: { trigger: 'axis' },
            // Bars run sideways so the bucket names read whole in the narrow column.
            yAxis: {
              type: 'category',
              inverse: true,
              data: data.leadTime.buckets.map((bucket) =>
                isBucketKey(bucket.key) ? t(`analytics.buckets.${bucket.key}`) : bucket.key,
              ),
              axisLabel: { interval: 0, fontSize: 11 },
            },
            xAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                type: 'bar',
                name: t('analytics.cases'),
                data: data.leadTime.buckets.map((bucket) => bucket.count),
                itemStyle: { color: CHART_COLORS.target },
                barMaxWidth: 24,
              },
            ],
          }
        : null,
    [data, t],
  );

  const error = process.error ?? analytics.error;
  if (error)
    return (
      <QueryError
        error={error}
        onRetry={() => void (process.error ? process.refetch() : analytics.refetch())}
      />
    );
  if (!data || !leadTimeOption || !process.data) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }

  const chosen = versions.find((version) => version.id === versionId) ?? null;
  const current = process.data.version;
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
      render: (_, row) => (
        <span data-testid={`breach-rate-${row.stepKey}`}>
          {row.breachRate === null ? '—' : format.percent(row.breachRate)}
        </span>
      ),
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
  const variantColumns: TableColumnsType<VariantRow> = [
    {
      title: t('analytics.variantPath'),
      key: 'path',
      render: (_, row) => row.steps.map(stepName).join(' → '),
    },
    { title: t('analytics.cases'), key: 'count', align: 'right', render: (_, row) => row.count },
    {
      title: t('analytics.variantShare'),
      key: 'share',
      align: 'right',
      render: (_, row) => format.percent(row.share),
    },
    {
      title: t('analytics.medianLead'),
      key: 'medianLead',
      align: 'right',
      render: (_, row) => leadTime(row.medianLeadTimeMs),
    },
  ];
  const reworkColumns: TableColumnsType<ReworkRow> = [
    { title: t('analytics.step'), key: 'step', render: (_, row) => stepName(row.stepKey) },
    { title: t('analytics.reworkVisits'), key: 'visits', align: 'right', render: (_, row) => row.visits },
    { title: t('analytics.reworkCases'), key: 'cases', align: 'right', render: (_, row) => row.cases },
    {
      title: t('analytics.reworkHours'),
      key: 'hours',
      align: 'right',
      render: (_, row) => leadTime(row.reworkMs),
    },
  ];
  const compareTarget = chosen && chosen.number > 1 ? chosen : (versions[versions.length - 1] ?? null);
  const compareFrom = compareTarget
    ? versions.filter((version) => version.number < compareTarget.number).pop()
    : undefined;
  const flowCaption = chosen
    ? t('analytics.flowOfVersion', { number: chosen.number })
    : current
      ? t('analytics.flowOfCurrent', { number: current.number })
      : null;

  return (
    <Flex
      vertical
      gap={16}
      data-testid="process-analytics"
      style={{ opacity: analytics.isPlaceholderData ? 0.6 : 1, transition: 'opacity 0.2s' }}
    >
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('analytics.versionPicker')}</Typography.Text>
          <Select<string>
            value={versionId ?? 'all'}
            onChange={(value) => chooseVersion(value === 'all' ? null : value)}
            style={{ minWidth: 260 }}
            data-testid="analytics-version"
            options={[
              { value: 'all', label: t('analytics.allVersions') },
              ...[...versions].reverse().map((version) => ({
                value: version.id,
                label: t('processes.versionItem', {
                  number: version.number,
                  date: format.date(version.createdAt),
                  count: version.runCount,
                }),
              })),
            ]}
          />
          {analytics.isFetching ? <Spin size="small" /> : null}
        </Flex>
        <Flex align="center" gap={8} wrap>
          <Typography.Text type="secondary">{t('analytics.windowPicker')}</Typography.Text>
          <Select<WindowChoice>
            value={windowChoice}
            onChange={(value) => chooseWindow(value)}
            style={{ minWidth: 150 }}
            data-testid="analytics-window"
            options={WINDOW_CHOICES.map((choice) => ({
              value: choice,
              label: t(`analytics.window.${choice}`),
            }))}
          />
          {windowChoice === 'custom' ? (
            <DatePicker.RangePicker
              allowClear={false}
              value={timeWindow ? [dayjs(timeWindow.from), dayjs(timeWindow.to)] : null}
              onChange={(range) => {
                const [start, end] = range ?? [];
                if (start && end) {
                  chooseWindow('custom', { from: start.format('YYYY-MM-DD'), to: end.format('YYYY-MM-DD') });
                }
              }}
              placeholder={[t('analytics.windowFrom'), t('analytics.windowTo')]}
              style={{ width: 240 }}
              data-testid="analytics-window-range"
            />
          ) : timeWindow ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('analytics.windowDays', {
                from: format.date(dayToDate(timeWindow.from).getTime()),
                to: format.date(dayToDate(timeWindow.to).getTime()),
              })}
            </Typography.Text>
          ) : null}
          {timeWindow ? (
            <Flex align="center" gap={6}>
              <Switch
                size="small"
                checked={comparing}
                onChange={setComparing}
                data-testid="compare-previous"
                aria-label={t('analytics.comparePrevious')}
              />
              <Typography.Text>{t('analytics.comparePrevious')}</Typography.Text>
            </Flex>
          ) : null}
        </Flex>
        {compareTarget && compareFrom ? (
          <Button
            icon={<SwapOutlined />}
            onClick={() =>
              void navigate(
                `${base}/processes/${processId}/compare?from=${compareFrom.id}&to=${compareTarget.id}`,
              )
            }
            data-testid="compare-versions"
          >
            {t('analytics.compareVersions', { from: compareFrom.number, to: compareTarget.number })}
          </Button>
        ) : null}
      </Flex>
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
      {comparing && previous.data && previousDays ? (
        <WindowComparison current={data} previous={previous.data} previousDays={previousDays} />
      ) : null}
      <Card
        title={t('analytics.flow')}
        size="small"
        extra={
          flowCaption ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {flowCaption}
            </Typography.Text>
          ) : null
        }
      >
        {data.flow.length === 0 ? (
          <Empty description={t('analytics.noData')} />
        ) : (
          <ProcessFlowChart
            flow={data.flow}
            steps={data.steps}
            bottleneckKey={data.bottleneck?.stepKey ?? null}
          />
        )}
      </Card>
      <Card title={t('analytics.steps')} styles={{ body: { padding: 0 } }}>
        {data.steps.every((step) => step.count === 0) ? (
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
            expandable={
              canSeePeople
                ? {
                    rowExpandable: (row) => row.count > 0,
                    expandedRowRender: (row) => (
                      <StepAssignees
                        workspaceId={workspaceId}
                        processId={processId}
                        stepKey={row.stepKey}
                        versionId={versionId}
                        window={timeWindow}
                      />
                    ),
                  }
                : undefined
            }
            rowClassName={(row) => (row.stepKey === data.bottleneck?.stepKey ? 'ant-table-row-selected' : '')}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card
            title={t('analytics.variants')}
            styles={{ body: { padding: 0 } }}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('analytics.variantsSummary', {
                  distinct: data.variants.distinct,
                  count: data.variants.completedRuns,
                })}
              </Typography.Text>
            }
          >
            {data.variants.top.length === 0 ? (
              <Empty description={t('analytics.noCompleted')} style={{ padding: 24 }} />
            ) : (
              <Table<VariantRow>
                rowKey={(row) => row.steps.join('>')}
                columns={variantColumns}
                dataSource={data.variants.top}
                pagination={false}
                size="small"
                scroll={{ x: 560 }}
                data-testid="analytics-variants"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card
            title={t('analytics.rework')}
            styles={{ body: { padding: 0 } }}
            extra={
              data.rework.visits > 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('analytics.reworkSummary', {
                    count: data.rework.cases,
                    hours: leadTime(data.rework.reworkMs),
                  })}
                </Typography.Text>
              ) : null
            }
          >
            {data.rework.steps.length === 0 ? (
              <Empty description={t('analytics.noRework')} style={{ padding: 24 }} />
            ) : (
              <Table<ReworkRow>
                rowKey="stepKey"
                columns={reworkColumns}
                dataSource={data.rework.steps}
                pagination={false}
                size="small"
                data-testid="analytics-rework"
              />
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t('analytics.trend')} size="small">
            {trendOption === null ? (
              <Empty description={t('analytics.noCompleted')} style={{ height: 236, paddingTop: 56 }} />
            ) : (
              <EChart
                option={trendOption}
                height={260}
                testId="throughput-chart"
                ariaLabel={t('analytics.trend')}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('analytics.leadTime')} size="small">
            {data.leadTime.count === 0 ? (
              <Empty description={t('analytics.noCompleted')} style={{ height: 236, paddingTop: 56 }} />
            ) : (
              <EChart
                option={leadTimeOption}
                height={260}
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
