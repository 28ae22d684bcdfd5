import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/useFormatters.ts';
import type { DateChange } from './gantt.ts';
import type { GanttColors } from './theme.ts';
import { ROW_HEIGHT, type GanttGeometry } from './useGanttGeometry.ts';

/** Under the dragged row: the dates the drag proposes and how many other tasks move with it. */
export function GanttDragTooltip({
  change,
  rowIndex,
  movedCount,
  geometry,
  colors,
}: {
  change: DateChange;
  rowIndex: number;
  movedCount: number;
  geometry: GanttGeometry;
  colors: GanttColors;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div
      data-testid="gantt-drag-preview"
      style={{
        position: 'absolute',
        top: (rowIndex + 1) * ROW_HEIGHT + 4,
        left: Math.max(0, geometry.xOf(change.startDate)),
        zIndex: 5,
        background: colors.tooltip,
        color: colors.tooltipText,
        borderRadius: 6,
        padding: '4px 8px',
        fontSize: 12,
        whiteSpace: 'nowrap',
        pointerEvents: 'none',
      }}
    >
      {format.day(change.startDate)} – {format.day(change.dueDate)}
      {' · '}
      {movedCount > 0 ? t('timeline.movesWith', { count: movedCount }) : t('timeline.movesNothing')}
    </div>
  );
}
