import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/charts/EChart.tsx';
import { CHART_COLORS, CHART_GRID } from '../../components/charts/axes.ts';
import type { ChartOption, echarts } from '../../components/charts/echarts.ts';
import { assigneeKey, type OpenStepsByPerson } from './hooks.ts';

const BAR_HEIGHT = 34;
/** Pale versions of the bar colours for the people not picked. */
const FADED = { overdue: '#ffccc7', onTime: '#d6e4ff' } as const;

/**
 * Each person's open steps as one horizontal bar, on-time and overdue stacked, most overdue on top.
 * Clicking a bar picks that person, or the steps nobody has (the unassigned bar).
 */
export function QueueChart({
  people,
  selectedId,
  onSelect,
}: {
  people: OpenStepsByPerson[];
  selectedId: string | null;
  onSelect: (assigneeId: string) => void;
}) {
  const { t } = useTranslation();
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const peopleRef = useRef(people);
  peopleRef.current = people;

  const option = useMemo<ChartOption>(() => {
    const names: string[] = people.map((person) => person.assignee?.name ?? t('runs.unassigned'));
    // Others fade while one person is picked, so the chart shows whose steps the table lists.
    const isFaded = (person: OpenStepsByPerson) => selectedId !== null && assigneeKey(person) !== selectedId;
    const bar = (person: OpenStepsByPerson, value: number, fadedColor: string) => ({
      value,
      ...(isFaded(person) ? { itemStyle: { color: fadedColor }, label: { color: '#595959' } } : {}),
    });
    const label = {
      show: true,
      color: '#fff',
      fontWeight: 600 as const,
      formatter: (params: { value?: unknown }) => (Number(params.value) > 0 ? String(params.value) : ''),
    };
    return {
      animation: false,
      grid: { ...CHART_GRID, top: 32, right: 32 },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: names,
        axisTick: { show: false },
        axisLabel: { fontSize: 13, color: '#262626', width: 120, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('runs.overdue'),
          stack: 'open',
          barMaxWidth: 22,
          cursor: 'pointer',
          label,
          itemStyle: { color: CHART_COLORS.red },
          data: people.map((person) => bar(person, person.overdue, FADED.overdue)),
        },
        {
          type: 'bar',
          name: t('queue.onTime'),
          stack: 'open',
          barMaxWidth: 22,
          cursor: 'pointer',
          label,
          itemStyle: { color: CHART_COLORS.actual },
          data: people.map((person) => bar(person, person.open - person.overdue, FADED.onTime)),
        },
      ],
    };
  }, [people, selectedId, t]);

  // Clicks on a bar or on a name pick that person; the handlers read the latest props through refs.
  const listen = (chart: echarts.ECharts) => {
    const pick = (index: number) => {
      const person = peopleRef.current[index];
      if (person) onSelectRef.current(assigneeKey(person));
    };
    const onBarClick = (params: { dataIndex?: number }) => pick(params.dataIndex ?? -1);
    chart.on('click', onBarClick);
    // Clicks beside a short bar land on the empty grid: map the pixel to its row.
    const zr = chart.getZr();
    const onGridClick = (event: { offsetX: number; offsetY: number; target?: unknown }) => {
      if (event.target) return;
      const point = [event.offsetX, event.offsetY];
      if (!chart.containPixel('grid', point)) return;
      const [, index] = chart.convertFromPixel({ gridIndex: 0 }, point) as number[];
      if (index !== undefined && Number.isInteger(index)) pick(index);
    };
    zr.on('click', onGridClick);
    return () => {
      chart.off('click', onBarClick);
      zr.off('click', onGridClick);
    };
  };

  return (
    <EChart
      option={option}
      height={Math.max(140, 56 + people.length * BAR_HEIGHT)}
      testId="queue-chart"
      ariaLabel={t('queue.chart')}
      onReady={listen}
    />
  );
}
