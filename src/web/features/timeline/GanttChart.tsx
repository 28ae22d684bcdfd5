import { useRef } from 'react';
import type { WorkCalendar } from '../../../core/schedule/calendar.ts';
import { useIsCompact } from '../../components/responsive.ts';
import type { Schedule } from '../tasks/hooks.ts';
import type { DateChange, GanttRow, Zoom } from './gantt.ts';
import { GanttArrowMarkers, GanttArrows } from './GanttArrows.tsx';
import { GanttBars } from './GanttBars.tsx';
import { GanttDragTooltip } from './GanttDragTooltip.tsx';
import { GanttHeader } from './GanttHeader.tsx';
import { GanttLabels } from './GanttLabels.tsx';
import { GanttDaysOff, GanttTodayLine } from './GanttMarkers.tsx';
import { useGanttColors } from './theme.ts';
import { useGanttDrag } from './useGanttDrag.ts';
import { ROW_HEIGHT, useGanttGeometry, useScrollToToday, useVisibleRows } from './useGanttGeometry.ts';

const LABEL_WIDTH = 340;
/** On a phone the frozen WBS/title column leaves most of the card to the bars, which scroll inside it. */
const COMPACT_LABEL_WIDTH = 150;

/**
 * A Gantt chart that stays fast with thousands of tasks: only the rows in view (plus a margin) are drawn,
 * scrolling re-renders when the first visible row changes, and a drag re-renders the visible rows only.
 * Its parts: the header (time scale, today), the frozen columns, and the chart area (days off, today's line,
 * dependency arrows, bars, the drag's tooltip).
 */
export function GanttChart({
  schedule,
  rows,
  zoom,
  calendar,
  mayWrite,
  flashed,
  onChange,
  onOpenTask,
  height,
}: {
  schedule: Schedule;
  rows: GanttRow[];
  zoom: Zoom;
  calendar: WorkCalendar;
  mayWrite: boolean;
  flashed: ReadonlySet<string>;
  onChange: (change: DateChange) => Promise<void>;
  onOpenTask: (taskId: string) => void;
  height: number | string;
}) {
  const colors = useGanttColors();
  const isCompact = useIsCompact();
  const labelWidth = isCompact ? COMPACT_LABEL_WIDTH : LABEL_WIDTH;
  const scroller = useRef<HTMLDivElement>(null);
  const geometry = useGanttGeometry(schedule, rows, zoom);
  const { first, last, measure } = useVisibleRows(scroller, rows.length);
  useScrollToToday(scroller, zoom, geometry.todayX, labelWidth);
  const drag = useGanttDrag({
    schedule,
    calendar,
    rows,
    rowIndex: geometry.rowIndex,
    dayWidth: geometry.dayWidth,
    mayWrite,
    onChange,
    onOpenTask,
  });

  const visible = rows.slice(first, last + 1);
  const centerY = (index: number) => (index - first) * ROW_HEIGHT + ROW_HEIGHT / 2;
  const width = labelWidth + geometry.chartWidth;

  return (
    <div
      ref={scroller}
      onScroll={measure}
      data-testid="gantt"
      style={{ height, overflow: 'auto', position: 'relative', background: colors.surface, borderRadius: 8 }}
    >
      <GanttHeader
        geometry={geometry}
        zoom={zoom}
        calendar={calendar}
        labelWidth={labelWidth}
        colors={colors}
      />
      <div style={{ display: 'flex', width, height: rows.length * ROW_HEIGHT }}>
        <GanttLabels
          visible={visible}
          labelWidth={labelWidth}
          isCompact={isCompact}
          drag={drag}
          flashed={flashed}
          onOpenTask={onOpenTask}
          colors={colors}
        />
        {/* Bars, slack, arrows and today: their own stacking context under the pinned names, clipped to the chart. */}
        <div
          data-testid="gantt-chart-area"
          style={{
            position: 'relative',
            zIndex: 0,
            isolation: 'isolate',
            overflow: 'hidden',
            width: geometry.chartWidth,
            flex: 'none',
            backgroundImage: `repeating-linear-gradient(to bottom, transparent 0 ${ROW_HEIGHT - 1}px, ${colors.rowLine} ${ROW_HEIGHT - 1}px ${ROW_HEIGHT}px)`,
          }}
        >
          <GanttDaysOff geometry={geometry} zoom={zoom} calendar={calendar} colors={colors} />
          <GanttTodayLine today={schedule.today} geometry={geometry} colors={colors} />
          <svg
            width={geometry.chartWidth}
            height={visible.length * ROW_HEIGHT}
            style={{ position: 'absolute', top: first * ROW_HEIGHT, left: 0, overflow: 'visible', zIndex: 2 }}
          >
            <GanttArrowMarkers colors={colors} />
            <GanttArrows
              dependencies={schedule.dependencies}
              rows={rows}
              first={first}
              last={last}
              geometry={geometry}
              shownChange={drag.shownChange}
              centerY={centerY}
              colors={colors}
            />
            <GanttBars
              visible={visible}
              geometry={geometry}
              zoom={zoom}
              mayWrite={mayWrite}
              drag={drag}
              centerY={centerY}
              colors={colors}
            />
          </svg>
          {drag.draggedTaskId && drag.dragChange ? (
            <GanttDragTooltip
              change={drag.dragChange}
              rowIndex={geometry.rowIndex.get(drag.draggedTaskId) ?? 0}
              movedCount={drag.movedCount}
              geometry={geometry}
              colors={colors}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
