import { useMemo } from 'react';
import { Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { keyResultTrajectory } from '../../../core/goals/trajectory.ts';
import { CHART_COLORS, CHART_GRID, compactNumber, timeTooltip } from '../../components/charts/axes.ts';
import { EChart } from '../../components/charts/EChart.tsx';
import type { ChartOption } from '../../components/charts/echarts.ts';
import { dateToDay, dayToDate, formatMeasure, formatShortDay } from '../../components/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useKpiSeries } from '../kpis/hooks.ts';
import type { Goal, KeyResult } from './hooks.ts';

type KpiOfKeyResult = NonNullable<KeyResult['kpi']>;

/**
 * A KPI key result over the goal's window: the actual trajectory (cumulative from the start for a sum KPI),
 * the target, the line the calendar expects from baseline to target, and the forecast to the due date.
 */
export function KeyResultChart({
  workspaceId,
  goal,
  keyResult,
  kpi,
}: {
  workspaceId: string;
  goal: Goal;
  keyResult: KeyResult;
  kpi: KpiOfKeyResult;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const series = useKpiSeries(workspaceId, kpi.key, {
    bucket: kpi.frequency,
    from: goal.startDate,
    to: goal.dueDate,
  });

  const option = useMemo<ChartOption | null>(() => {
    if (!series.data) return null;
    const locale = format.locale;
    const time = (day: string) => dayToDate(day).getTime();
    const trajectory = keyResultTrajectory(
      series.data.map((point) => ({ date: point.period, value: point.value })),
      kpi.aggregation,
      { start: goal.startDate, end: goal.dueDate },
    );
    const start = time(goal.startDate);
    const due = time(goal.dueDate);
    const last = trajectory.at(-1);
    const { baseline, target, projectedValue, reachDate } = keyResult;
    // The target's and the forecast's end labels meet at the due date: the higher one goes above its line.
    const forecastIsHigher = projectedValue !== null && target !== null && projectedValue > target;
    const labelOffset = (isHigher: boolean): [number, number] => (isHigher ? [0, -9] : [0, 9]);
    const lines: NonNullable<ChartOption['series']> = [
      {
        name: t('chart.actual'),
        type: 'line',
        data: trajectory.map((point) => [time(point.date), point.value]),
        color: CHART_COLORS.actual,
        showSymbol: trajectory.length <= 1,
        symbolSize: 6,
        lineStyle: { width: 2.5 },
        areaStyle: { opacity: 0.08 },
        z: 3,
      },
    ];
    if (baseline !== null && target !== null) {
      lines.push({
        name: t('chart.expected'),
        type: 'line',
        data: [
          [start, baseline],
          [due, target],
        ],
        color: CHART_COLORS.expected,
        showSymbol: false,
        lineStyle: { type: 'dashed', width: 1.5 },
        tooltip: { show: false },
      });
    }
    if (target !== null) {
      const reachInWindow = reachDate !== null && time(reachDate) >= start && time(reachDate) <= due;
      lines.push({
        name: t('chart.target'),
        type: 'line',
        data: [
          [start, target],
          [due, target],
        ],
        color: CHART_COLORS.target,
        showSymbol: false,
        lineStyle: { width: 1.5 },
        tooltip: { show: false },
        endLabel: {
          show: true,
          formatter: () => formatMeasure(target, kpi.unit, locale),
          color: CHART_COLORS.target,
          fontWeight: 'bold',
          offset: labelOffset(!forecastIsHigher),
        },
        ...(reachInWindow && reachDate
          ? {
              markPoint: {
                symbol: 'circle',
                symbolSize: 10,
                itemStyle: { color: CHART_COLORS.forecast, borderColor: '#fff', borderWidth: 2 },
                label: {
                  show: true,
                  position: 'top',
                  color: CHART_COLORS.forecast,
                  formatter: `${t('chart.reach')} ${formatShortDay(reachDate, locale)}`,
                },
                data: [{ name: t('chart.reach'), coord: [time(reachDate), target] }],
              },
            }
          : {}),
      });
    }
    if (last && projectedValue !== null && time(last.date) < due) {
      lines.push({
        name: t('chart.forecast'),
        type: 'line',
        data: [
          [time(last.date), last.value],
          [due, projectedValue],
        ],
        color: CHART_COLORS.forecast,
        showSymbol: false,
        symbol: 'circle',
        lineStyle: { type: 'dashed', width: 2 },
        endLabel: {
          show: true,
          formatter: () => formatMeasure(projectedValue, kpi.unit, locale),
          color: CHART_COLORS.forecast,
          offset: labelOffset(forecastIsHigher),
        },
      });
    }
    return {
      animation: false,
      grid: { ...CHART_GRID, right: 72 },
      legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 14, itemHeight: 4 },
      tooltip: { trigger: 'axis', formatter: timeTooltip(locale, kpi.unit) },
      xAxis: {
        type: 'time',
        min: start,
        max: due,
        axisLabel: {
          hideOverlap: true,
          formatter: (value: number) => formatShortDay(dateToDay(new Date(value)), locale),
        },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { formatter: (value: number) => compactNumber(value, locale) },
        splitLine: { lineStyle: { color: '#f0f0f0' } },
      },
      series: lines,
    };
  }, [series.data, format.locale, kpi, goal.startDate, goal.dueDate, keyResult, t]);

  if (series.error) return <QueryError error={series.error} onRetry={() => void series.refetch()} />;
  if (!option) return <Skeleton.Node active style={{ width: '100%', height: 280 }} />;
  if ((series.data?.length ?? 0) === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keyResults.noMeasurements')} />;
  }
  return (
    <EChart
      option={option}
      height={280}
      testId={`kr-chart-${keyResult.id}`}
      ariaLabel={`${keyResult.title}: ${format.measure(keyResult.current, kpi.unit)}`}
    />
  );
}
