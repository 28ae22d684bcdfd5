import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/charts/EChart.tsx';
import { CHART_GRID } from '../../../components/charts/axes.ts';
import type { ChartOption } from '../../../components/charts/echarts.ts';
import { useFormatters } from '../../../components/useFormatters.ts';
import { msToHours } from '../hooks.ts';
import type { CompareRow } from './compareRows.ts';

const COLORS = {
  beforeWaiting: '#85a5ff',
  beforeWorking: '#1d39c4',
  afterWaiting: '#95de64',
  afterWorking: '#389e0d',
} as const;

/** Median waiting and working per step, stacked, the earlier version's bar beside the later one's. */
export function CompareChart({
  rows,
  beforeNumber,
  afterNumber,
}: {
  rows: CompareRow[];
  beforeNumber: number;
  afterNumber: number;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const option = useMemo<ChartOption>(() => {
    const measured = rows.filter((row) => row.before !== null || row.after !== null);
    const series = (side: 'before' | 'after', part: 'waiting' | 'working', name: string, color: string) => ({
      type: 'bar' as const,
      name,
      stack: side,
      barMaxWidth: 28,
      itemStyle: { color },
      data: measured.map((row) => msToHours(row[side]?.[part].medianMs ?? null)),
    });
    return {
      animation: false,
      grid: { ...CHART_GRID, top: 40 },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value) =>
          typeof value === 'number' ? t('analytics.hours', { hours: format.number(value, 1) }) : '—',
      },
      xAxis: {
        type: 'category',
        data: measured.map((row) => row.name),
        axisLabel: { interval: 0, fontSize: 12, width: 96, overflow: 'truncate' },
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (value: number) => `${format.number(value, 1)} h` },
        splitLine: { lineStyle: { type: 'dashed' } },
      },
      series: [
        series(
          'before',
          'waiting',
          t('compare.seriesWaiting', { number: beforeNumber }),
          COLORS.beforeWaiting,
        ),
        series(
          'before',
          'working',
          t('compare.seriesWorking', { number: beforeNumber }),
          COLORS.beforeWorking,
        ),
        series('after', 'waiting', t('compare.seriesWaiting', { number: afterNumber }), COLORS.afterWaiting),
        series('after', 'working', t('compare.seriesWorking', { number: afterNumber }), COLORS.afterWorking),
      ],
    };
  }, [rows, beforeNumber, afterNumber, t, format]);

  return <EChart option={option} height={300} testId="compare-chart" ariaLabel={t('compare.chart')} />;
}
