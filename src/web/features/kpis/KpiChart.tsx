import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS, CHART_GRID, compactNumber } from '../../components/charts/axes.ts';
import { EChart } from '../../components/charts/EChart.tsx';
import type { ChartOption } from '../../components/charts/echarts.ts';
import { formatMeasure, formatPeriod, formatShortDay } from '../../components/format.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import type { Bucket, Kpi, SeriesPoint } from './hooks.ts';

/**
 * A KPI per bucket: bars for counts that add up, a line for levels and rates; the green and amber thresholds
 * as labelled lines, with the red side of the amber line shaded.
 */
export function KpiChart({
  kpi,
  bucket,
  points,
}: {
  kpi: Kpi;
  bucket: Bucket;
  points: readonly SeriesPoint[];
}) {
  const { t } = useTranslation();
  const format = useFormatters();

  const option = useMemo<ChartOption>(() => {
    const locale = format.locale;
    const isBar = kpi.aggregation === 'sum';
    const label = (period: string) =>
      bucket === 'day' || bucket === 'week'
        ? formatShortDay(period, locale)
        : formatPeriod(period, bucket, locale);
    const values = points.map((point) => point.value);
    const thresholds = kpi.thresholds;
    const bounds = thresholds ? [...values, thresholds.green, thresholds.amber] : values;
    const low = Math.min(...bounds);
    const high = Math.max(...bounds);
    const pad = (high - low) * 0.08 || Math.abs(high) * 0.1 || 1;
    const axisMin = isBar ? Math.min(0, low) : Math.floor(low - pad);
    const axisMax = Math.ceil(high + pad);
    // Shaded zones: red beyond the amber line, amber between amber and green, on the side `direction` says.
    const zones = thresholds
      ? kpi.direction === 'higher'
        ? { red: [axisMin, thresholds.amber], amber: [thresholds.amber, thresholds.green] }
        : { red: [thresholds.amber, axisMax], amber: [thresholds.green, thresholds.amber] }
      : null;
    return {
      animation: false,
      grid: { ...CHART_GRID, top: 24, right: 24 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value) =>
          formatMeasure(typeof value === 'number' ? value : Number(value), kpi.unit, locale),
      },
      xAxis: {
        type: 'category',
        data: points.map((point) => label(point.period)),
        boundaryGap: isBar,
        axisLabel: { hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        scale: !isBar,
        ...(isBar ? {} : { min: axisMin, max: axisMax }),
        axisLabel: { formatter: (value: number) => compactNumber(value, locale) },
        splitLine: { lineStyle: { color: '#f0f0f0' } },
      },
      series: [
        {
          name: kpi.name,
          type: isBar ? 'bar' : 'line',
          data: values,
          color: CHART_COLORS.actual,
          barMaxWidth: 28,
          showSymbol: points.length <= 40,
          lineStyle: { width: 2 },
          ...(thresholds
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  data: [
                    {
                      name: t('chart.green'),
                      yAxis: thresholds.green,
                      lineStyle: { color: CHART_COLORS.green, type: 'dashed' },
                      label: {
                        formatter: `${t('chart.green')} ${formatMeasure(thresholds.green, kpi.unit, locale)}`,
                        color: CHART_COLORS.green,
                        // Above the line inside the plot (at the line's end a long value ran off the chart),
                        // on a light ground so the series line under it does not cross the text.
                        position: 'insideEndTop',
                        backgroundColor: 'rgba(255, 255, 255, 0.85)',
                        padding: [1, 4],
                        borderRadius: 2,
                      },
                    },
                    {
                      name: t('chart.amber'),
                      yAxis: thresholds.amber,
                      lineStyle: { color: CHART_COLORS.amber, type: 'dashed' },
                      label: {
                        formatter: `${t('chart.amber')} ${formatMeasure(thresholds.amber, kpi.unit, locale)}`,
                        color: CHART_COLORS.amber,
                        position: 'insideEndTop',
                        backgroundColor: 'rgba(255, 255, 255, 0.85)',
                        padding: [1, 4],
                        borderRadius: 2,
                      },
                    },
                  ],
                },
                markArea: {
                  silent: true,
                  data: zones
                    ? [
                        [
                          { yAxis: zones.red[0], itemStyle: { color: 'rgba(245, 34, 45, 0.06)' } },
                          { yAxis: zones.red[1] },
                        ],
                        [
                          { yAxis: zones.amber[0], itemStyle: { color: 'rgba(250, 173, 20, 0.07)' } },
                          { yAxis: zones.amber[1] },
                        ],
                      ]
                    : [],
                },
              }
            : {}),
        },
      ],
    };
  }, [kpi, bucket, points, format.locale, t]);

  return <EChart option={option} height={320} testId="kpi-chart" ariaLabel={kpi.name} />;
}
