import { useEffect, useRef } from 'react';
import type { ChartOption, echarts } from './echarts.ts';

/**
 * One ECharts instance bound to a div: created on mount, resized with its box, disposed on unmount. ECharts
 * itself (≈200 KB gzip) is imported when the first chart mounts, so a page that may show a chart (a tab, an
 * expanded row) does not load it until one is on screen.
 */
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
  const optionRef = useRef(option);
  const onReadyRef = useRef(onReady);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let isUnmounted = false;
    let dispose: (() => void) | null = null;
    void import('./echarts.ts').then(({ echarts: library }) => {
      if (isUnmounted) return;
      const chart = library.init(container, undefined, { renderer: 'canvas' });
      chartRef.current = chart;
      chart.setOption(optionRef.current, { notMerge: true });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(container);
      const release = onReadyRef.current?.(chart);
      dispose = () => {
        release?.();
        observer.disconnect();
        chart.dispose();
        chartRef.current = null;
      };
    });
    return () => {
      isUnmounted = true;
      dispose?.();
    };
  }, []);

  useEffect(() => {
    optionRef.current = option;
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
