import type { Schedule } from '../tasks/hooks.ts';
import type { DateChange, GanttRow } from './gantt.ts';
import type { GanttColors } from './theme.ts';
import { shownDates } from './useGanttDrag.ts';
import { ROW_HEIGHT, type GanttGeometry } from './useGanttGeometry.ts';

/** The arrowheads the dependency paths end in; once per chart, inside its SVG. */
export function GanttArrowMarkers({ colors }: { colors: GanttColors }) {
  return (
    <defs>
      {[
        ['gantt-arrow', colors.arrow],
        ['gantt-arrow-critical', colors.critical],
      ].map(([id, color]) => (
        <marker
          key={id}
          id={id}
          viewBox="0 0 6 6"
          refX={5}
          refY={3}
          markerWidth={6}
          markerHeight={6}
          orient="auto"
        >
          <path d="M0,0 L6,3 L0,6 z" fill={color} />
        </marker>
      ))}
    </defs>
  );
}

/**
 * Finish-to-start arrows between the visible rows (either end in view), following a dragged bar. `centerY` is a
 * row's middle in the slice drawn.
 */
export function GanttArrows({
  dependencies,
  rows,
  first,
  last,
  geometry,
  shownChange,
  centerY,
  colors,
}: {
  dependencies: Schedule['dependencies'];
  rows: readonly GanttRow[];
  first: number;
  last: number;
  geometry: GanttGeometry;
  shownChange: DateChange | null;
  centerY: (index: number) => number;
  colors: GanttColors;
}) {
  const { rowIndex, xOf, dayWidth } = geometry;
  return dependencies.map((dependency) => {
    const from = rowIndex.get(dependency.fromTaskId);
    const to = rowIndex.get(dependency.toTaskId);
    if (from === undefined || to === undefined) return null;
    if (Math.max(from, to) < first || Math.min(from, to) > last) return null;
    const fromRow = rows[from];
    const toRow = rows[to];
    if (!fromRow || !toRow) return null;
    const fromDates = shownDates(fromRow, shownChange);
    const toDates = shownDates(toRow, shownChange);
    const x1 = fromRow.isMilestone
      ? xOf(fromDates.finish) + dayWidth / 2 + 6
      : xOf(fromDates.finish) + dayWidth;
    const x2 = toRow.isMilestone ? xOf(toDates.start) + dayWidth / 2 - 7 : xOf(toDates.start);
    const y1 = centerY(from);
    const y2 = centerY(to);
    const turn = x1 + 8;
    const path =
      x2 - 6 >= turn
        ? `M${x1},${y1} H${turn} V${y2} H${x2 - 1}`
        : `M${x1},${y1} H${turn} V${y2 + (y2 > y1 ? -1 : 1) * (ROW_HEIGHT / 2)} H${x2 - 10} V${y2} H${x2 - 1}`;
    const isCritical = fromRow.isCritical && toRow.isCritical;
    return (
      <path
        key={`${dependency.fromTaskId}-${dependency.toTaskId}`}
        d={path}
        fill="none"
        stroke={isCritical ? colors.critical : colors.arrow}
        strokeOpacity={isCritical ? 0.8 : 0.6}
        strokeWidth={1.2}
        markerEnd={isCritical ? 'url(#gantt-arrow-critical)' : 'url(#gantt-arrow)'}
      />
    );
  });
}
