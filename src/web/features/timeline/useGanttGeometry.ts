import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { daysBetween } from '../../../core/days/index.ts';
import type { Schedule } from '../tasks/hooks.ts';
import { chartRange, DAY_WIDTH, type GanttRow, type Zoom } from './gantt.ts';

export const ROW_HEIGHT = 32;
export const HEADER_HEIGHT = 52;
export const BAR_HEIGHT = 16;
/** Rows drawn above and below the ones in view, so a scroll shows drawn rows before the next render. */
const OVERSCAN = 10;

export type GanttGeometry = {
  range: { start: string; end: string; days: number };
  dayWidth: number;
  chartWidth: number;
  /** The left edge of a day's column. */
  xOf: (day: string) => number;
  todayX: number;
  rowIndex: ReadonlyMap<string, number>;
};

/** Where days and rows sit on the chart at a zoom. */
export function useGanttGeometry(schedule: Schedule, rows: readonly GanttRow[], zoom: Zoom): GanttGeometry {
  const dayWidth = DAY_WIDTH[zoom];
  const range = useMemo(() => chartRange(schedule, zoom), [schedule, zoom]);
  const xOf = useCallback((day: string) => daysBetween(range.start, day) * dayWidth, [range.start, dayWidth]);
  const rowIndex = useMemo(() => new Map(rows.map((row) => [row.id, row.index])), [rows]);
  return {
    range,
    dayWidth,
    chartWidth: Math.ceil(range.days * dayWidth),
    xOf,
    todayX: xOf(schedule.today) + dayWidth / 2,
    rowIndex,
  };
}

/**
 * The rows in view (plus a margin): recomputed on scroll and resize, re-rendering only when the window moves.
 * Call `measure` from the scroller's onScroll.
 */
export function useVisibleRows(scroller: RefObject<HTMLDivElement | null>, rowCount: number) {
  const [window_, setWindow] = useState({ first: 0, count: 40 });
  const measure = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const first = Math.max(0, Math.floor(element.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.ceil(element.clientHeight / ROW_HEIGHT) + OVERSCAN * 2;
    setWindow((previous) =>
      previous.first === first && previous.count === count ? previous : { first, count },
    );
  }, [scroller]);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure, scroller]);
  return { first: window_.first, last: Math.min(rowCount - 1, window_.first + window_.count), measure };
}

/**
 * Today in view when the chart opens and whenever the zoom or the frozen columns' width changes (a phone's
 * narrower columns arrive after the first render); not after every save.
 */
export function useScrollToToday(
  scroller: RefObject<HTMLDivElement | null>,
  zoom: Zoom,
  todayX: number,
  labelWidth: number,
) {
  const scrolledFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    const element = scroller.current;
    const key = `${zoom}:${labelWidth}`;
    if (!element || scrolledFor.current === key) return;
    scrolledFor.current = key;
    element.scrollLeft = Math.max(0, todayX - (element.clientWidth - labelWidth) / 3);
  }, [scroller, zoom, todayX, labelWidth]);
}
