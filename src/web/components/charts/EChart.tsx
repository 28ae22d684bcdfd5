import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts.ts';

/** One ECharts instance bound to a div: created on mount, resized with its box, disposed on unmount. */
export function EChart({
  option,
  height = 320,
  minWidth,
  testId,
  ariaLabel,
  onReady,
}: {
  option: ChartOption;
  height?: number;
  /** Past this the chart scrolls sideways in its box instead of squeezing. */
  minWidth?: number;
  testId?: string;
  ariaLabel?: string;
  /** Called once with the instance, to listen for its events; what it returns runs before disposal. */
  onReady?: (chart: echarts.ECharts) => (() => void) | void;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const onReadyRef = useRef(onReady);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    const release = onReadyRef.current?.(chart);
    return () => {
      release?.();
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={containerRef}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', minWidth, height }}
    />
  );
}
