import type { PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/useFormatters.ts';
import type { GanttRow, Zoom } from './gantt.ts';
import type { GanttColors } from './theme.ts';
import { shownDates, type GanttDrag } from './useGanttDrag.ts';
import { BAR_HEIGHT, type GanttGeometry } from './useGanttGeometry.ts';

/** Each visible row's bar or milestone, its slack, where a drag would move it, and who is responsible. */
export function GanttBars({
  visible,
  geometry,
  zoom,
  mayWrite,
  drag,
  centerY,
  colors,
}: {
  visible: readonly GanttRow[];
  geometry: GanttGeometry;
  zoom: Zoom;
  mayWrite: boolean;
  drag: GanttDrag;
  centerY: (index: number) => number;
  colors: GanttColors;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { xOf, dayWidth } = geometry;
  const { shownChange, moved, startDrag, moveDrag, endDrag } = drag;
  return visible.map((row) => {
    const y = centerY(row.index);
    const dates = shownDates(row, shownChange);
    const x0 = xOf(dates.start);
    const x1 = xOf(dates.finish) + dayWidth;
    const isDragged = shownChange?.taskId === row.id;
    const shifted = moved?.get(row.id);
    const color = row.isCritical ? colors.critical : row.isFinished ? colors.done : colors.bar;
    const slackEnd = xOf(row.lateFinish) + dayWidth;
    const responsible =
      row.roles.find((role) => role.role === 'R') ?? row.roles.find((role) => role.role === 'A');
    const tooltip = [
      `${row.wbs} ${row.title}`,
      `${format.day(row.earlyStart)} – ${format.day(row.earlyFinish)}`,
      row.isFinished
        ? t('timeline.finished')
        : row.isCritical
          ? t('timeline.critical')
          : t('timeline.slack', { count: row.totalSlack }),
      row.isFinished || row.totalSlack >= 0 ? '' : t('timeline.late', { count: -row.totalSlack }),
    ]
      .filter(Boolean)
      .join('\n');
    const common = {
      'data-testid': `gantt-bar-${row.id}`,
      'data-critical': row.isCritical ? 'true' : 'false',
      'data-finished': row.isFinished ? 'true' : 'false',
      style: { cursor: mayWrite ? 'grab' : 'pointer', touchAction: 'none' as const },
      onPointerDown: (event: ReactPointerEvent<SVGGElement>) => startDrag(event, row, 'move'),
      onPointerMove: moveDrag,
      onPointerUp: endDrag,
      onPointerCancel: endDrag,
    };
    return (
      <g key={row.id}>
        {!row.isMilestone && row.totalSlack > 0 && slackEnd > x1 && !isDragged ? (
          <rect
            x={x1}
            y={y - 3}
            width={slackEnd - x1}
            height={6}
            rx={3}
            fill={colors.slack}
            opacity={0.55}
            data-testid="gantt-slack"
          >
            <title>{t('timeline.slack', { count: row.totalSlack })}</title>
          </rect>
        ) : null}
        {shifted && !isDragged ? (
          <GhostBar
            x0={xOf(shifted.earlyStart)}
            x1={xOf(shifted.earlyFinish) + dayWidth}
            y={y}
            isMilestone={row.isMilestone}
            dayWidth={dayWidth}
            color={colors.preview}
          />
        ) : null}
        {row.isMilestone ? (
          <g {...common} opacity={isDragged ? 0.85 : 1}>
            <title>{tooltip}</title>
            <rect
              x={x0 + dayWidth / 2 - 7}
              y={y - 7}
              width={14}
              height={14}
              transform={`rotate(45 ${x0 + dayWidth / 2} ${y})`}
              fill={row.isCritical ? colors.critical : colors.milestone}
              stroke={colors.surface}
              strokeWidth={1.5}
            />
          </g>
        ) : (
          <g {...common} opacity={isDragged ? 0.85 : shifted ? 0.35 : 1}>
            <title>{tooltip}</title>
            <rect
              x={x0}
              y={y - BAR_HEIGHT / 2}
              width={Math.max(x1 - x0, 3)}
              height={BAR_HEIGHT}
              rx={4}
              fill={color}
              stroke={isDragged ? colors.preview : 'none'}
              strokeWidth={2}
            />
            {mayWrite ? (
              <>
                <rect
                  x={x0 - 3}
                  y={y - BAR_HEIGHT / 2}
                  width={8}
                  height={BAR_HEIGHT}
                  fill="transparent"
                  style={{ cursor: 'ew-resize' }}
                  onPointerDown={(event) => startDrag(event, row, 'start')}
                />
                <rect
                  x={x1 - 5}
                  y={y - BAR_HEIGHT / 2}
                  width={8}
                  height={BAR_HEIGHT}
                  fill="transparent"
                  style={{ cursor: 'ew-resize' }}
                  data-testid={`gantt-bar-end-${row.id}`}
                  onPointerDown={(event) => startDrag(event, row, 'end')}
                />
              </>
            ) : null}
          </g>
        )}
        {responsible && zoom !== 'month' ? (
          <text
            x={Math.max(x1, row.isMilestone ? x0 + dayWidth / 2 + 10 : x1) + 6}
            y={y + 4}
            fontSize={11}
            fill={colors.textMuted}
            pointerEvents="none"
          >
            {responsible.name}
          </text>
        ) : null}
      </g>
    );
  });
}

/** Where a bar or milestone would go: a dashed outline while another task is dragged. */
function GhostBar({
  x0,
  x1,
  y,
  isMilestone,
  dayWidth,
  color,
}: {
  x0: number;
  x1: number;
  y: number;
  isMilestone: boolean;
  dayWidth: number;
  color: string;
}) {
  if (isMilestone) {
    const cx = x0 + dayWidth / 2;
    return (
      <rect
        x={cx - 7}
        y={y - 7}
        width={14}
        height={14}
        transform={`rotate(45 ${cx} ${y})`}
        fill="none"
        stroke={color}
        strokeWidth={2}
        strokeDasharray="3 2"
        pointerEvents="none"
      />
    );
  }
  return (
    <rect
      x={x0}
      y={y - BAR_HEIGHT / 2}
      width={Math.max(x1 - x0, 3)}
      height={BAR_HEIGHT}
      rx={4}
      fill={color}
      fillOpacity={0.15}
      stroke={color}
      strokeWidth={1.5}
      strokeDasharray="4 2"
      pointerEvents="none"
    />
  );
}
