import { useMemo } from 'react';
import type { WorkCalendar } from '../../../core/schedule/calendar.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import type { Zoom } from './gantt.ts';
import { daysOff } from './scale.ts';
import type { GanttColors } from './theme.ts';
import type { GanttGeometry } from './useGanttGeometry.ts';

/**
 * Behind the bars: the days the workspace does not work, shaded from its calendar (week pattern with 大小周,
 * holidays, make-up days), except at month zoom where a day is a few pixels.
 */
export function GanttDaysOff({
  geometry,
  zoom,
  calendar,
  colors,
}: {
  geometry: GanttGeometry;
  zoom: Zoom;
  calendar: WorkCalendar;
  colors: GanttColors;
}) {
  const { range, dayWidth } = geometry;
  const runs = useMemo(
    () => (zoom === 'month' ? [] : daysOff(range.start, range.days, calendar)),
    [zoom, range.start, range.days, calendar],
  );
  return runs.map((run) => (
    <div
      key={run.first}
      data-testid="gantt-day-off"
      style={{
        position: 'absolute',
        top: 0,
        bottom: 0,
        left: run.first * dayWidth,
        width: run.length * dayWidth,
        background: colors.dayOff,
        pointerEvents: 'none',
      }}
    />
  ));
}

/** Today's dashed line down the chart. */
export function GanttTodayLine({
  today,
  geometry,
  colors,
}: {
  today: string;
  geometry: GanttGeometry;
  colors: GanttColors;
}) {
  const format = useFormatters();
  return (
    <div
      data-testid="gantt-today"
      title={format.day(today)}
      style={{
        position: 'absolute',
        top: 0,
        bottom: 0,
        left: geometry.todayX - 1,
        width: 0,
        borderInlineStart: `2px dashed ${colors.today}`,
        opacity: 0.7,
        pointerEvents: 'none',
        zIndex: 1,
      }}
    />
  );
}
