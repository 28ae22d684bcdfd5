import { addDays, daysBetween } from '../../../core/days/index.ts';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkCalendar } from '../../../core/schedule/calendar.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import type { Schedule } from '../tasks/hooks.ts';
import { MilestoneIcon } from '../tasks/TaskBadges.tsx';
import {
  chartRange,
  DAY_WIDTH,
  proposedDates,
  reschedule,
  type DateChange,
  type DragMode,
  type GanttRow,
  type ShiftedDates,
  type Zoom,
} from './gantt.ts';
import { useIsCompact } from '../../components/responsive.ts';

const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 52;
const LABEL_WIDTH = 340;
/** On a phone the frozen WBS/title column leaves most of the card to the bars, which scroll inside it. */
const COMPACT_LABEL_WIDTH = 150;
const OVERSCAN = 10;
const BAR_HEIGHT = 16;
const COLORS = {
  bar: '#597ef7',
  critical: '#f5222d',
  done: '#95de64',
  slack: '#d9d9d9',
  preview: '#fa8c16',
  today: '#fa8c16',
  arrow: '#8c8c8c',
};

type Drag = { taskId: string; mode: DragMode; originX: number; delta: number; hasMoved: boolean };

/**
 * A Gantt chart that stays fast with thousands of tasks: only the rows in view (plus a margin) are drawn,
 * scrolling re-renders when the first visible row changes, and a drag re-renders the visible rows only.
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
  const { t } = useTranslation();
  const format = useFormatters();
  const labelWidth = useIsCompact() ? COMPACT_LABEL_WIDTH : LABEL_WIDTH;
  const scroller = useRef<HTMLDivElement>(null);
  const [window_, setWindow] = useState({ first: 0, count: 40 });
  const dragRef = useRef<Drag | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [pending, setPending] = useState<{ change: DateChange; moved: Map<string, ShiftedDates> } | null>(
    null,
  );

  const dayWidth = DAY_WIDTH[zoom];
  const range = useMemo(() => chartRange(schedule, zoom), [schedule, zoom]);
  const chartWidth = Math.ceil(range.days * dayWidth);
  const xOf = useCallback((day: string) => daysBetween(range.start, day) * dayWidth, [range.start, dayWidth]);
  const rowIndex = useMemo(() => new Map(rows.map((row) => [row.id, row.index])), [rows]);
  const todayX = xOf(schedule.today) + dayWidth / 2;

  // Which rows are in view: recomputed on scroll and resize, re-rendering only when the window moves.
  const measure = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const first = Math.max(0, Math.floor(element.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.ceil(element.clientHeight / ROW_HEIGHT) + OVERSCAN * 2;
    setWindow((previous) =>
      previous.first === first && previous.count === count ? previous : { first, count },
    );
  }, []);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);

  // Today in view when the chart opens and whenever the zoom changes; not after every save.
  const scrolledFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || scrolledFor.current === zoom) return;
    scrolledFor.current = zoom;
    element.scrollLeft = Math.max(0, todayX - (element.clientWidth - labelWidth) / 3);
  }, [zoom, todayX, labelWidth]);

  const draggedRow = drag ? rows[rowIndex.get(drag.taskId) ?? -1] : undefined;
  const dragChange = useMemo(
    () => (drag && draggedRow && drag.delta !== 0 ? proposedDates(draggedRow, drag.mode, drag.delta) : null),
    [drag, draggedRow],
  );
  const preview = useMemo(
    () => (dragChange ? reschedule(schedule, calendar, dragChange) : null),
    [dragChange, schedule, calendar],
  );
  const shownChange = dragChange ?? pending?.change ?? null;
  const moved = preview ?? pending?.moved ?? null;
  const movedCount = moved ? [...moved.keys()].filter((id) => id !== shownChange?.taskId).length : 0;

  const startDrag = (event: ReactPointerEvent<SVGElement>, row: GanttRow, mode: DragMode) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    const next = { taskId: row.id, mode, originX: event.clientX, delta: 0, hasMoved: false };
    dragRef.current = next;
    setDrag(next);
  };
  const moveDrag = (event: ReactPointerEvent<SVGGElement>) => {
    const current = dragRef.current;
    if (!current) return;
    const offset = event.clientX - current.originX;
    const delta = mayWrite ? Math.round(offset / dayWidth) : 0;
    const hasMoved = current.hasMoved || Math.abs(offset) > 3;
    if (delta === current.delta && hasMoved === current.hasMoved) return;
    const next = { ...current, delta, hasMoved };
    dragRef.current = next;
    setDrag(next);
  };
  const endDrag = () => {
    const current = dragRef.current;
    dragRef.current = null;
    setDrag(null);
    if (!current) return;
    if (!current.hasMoved) return onOpenTask(current.taskId);
    if (!dragChange || current.delta === 0) return;
    setPending({ change: dragChange, moved: preview ?? new Map() });
    void onChange(dragChange).finally(() => setPending(null));
  };

  const first = window_.first;
  const last = Math.min(rows.length - 1, first + window_.count);
  const visible = rows.slice(first, last + 1);
  const sliceTop = first * ROW_HEIGHT;
  const centerY = (index: number) => (index - first) * ROW_HEIGHT + ROW_HEIGHT / 2;

  const datesOf = (row: GanttRow) => {
    if (shownChange && shownChange.taskId === row.id) {
      return {
        start: shownChange.startDate,
        finish: row.isMilestone ? shownChange.startDate : shownChange.dueDate,
      };
    }
    return { start: row.earlyStart, finish: row.earlyFinish };
  };

  const arrows = schedule.dependencies.flatMap((dependency) => {
    const from = rowIndex.get(dependency.fromTaskId);
    const to = rowIndex.get(dependency.toTaskId);
    if (from === undefined || to === undefined) return [];
    if (Math.max(from, to) < first || Math.min(from, to) > last) return [];
    const fromRow = rows[from];
    const toRow = rows[to];
    if (!fromRow || !toRow) return [];
    const fromDates = datesOf(fromRow);
    const toDates = datesOf(toRow);
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
    return [
      <path
        key={`${dependency.fromTaskId}-${dependency.toTaskId}`}
        d={path}
        fill="none"
        stroke={isCritical ? COLORS.critical : COLORS.arrow}
        strokeOpacity={isCritical ? 0.8 : 0.6}
        strokeWidth={1.2}
        markerEnd={isCritical ? 'url(#gantt-arrow-critical)' : 'url(#gantt-arrow)'}
      />,
    ];
  });

  const header = useMemo(
    () => headerTicks(range.start, range.days, zoom, dayWidth, format.locale),
    [range.start, range.days, zoom, dayWidth, format.locale],
  );

  const weekend =
    zoom === 'month'
      ? ''
      : `, repeating-linear-gradient(to right, transparent 0 ${5 * dayWidth}px, rgba(0, 0, 0, 0.028) ${5 * dayWidth}px ${7 * dayWidth}px)`;

  return (
    <div
      ref={scroller}
      onScroll={measure}
      data-testid="gantt"
      style={{ height, overflow: 'auto', position: 'relative', background: '#fff', borderRadius: 8 }}
    >
      {/* Header: corner and time scale, pinned to the top. */}
      <div style={{ position: 'sticky', top: 0, zIndex: 3, display: 'flex', width: labelWidth + chartWidth }}>
        <div
          style={{
            position: 'sticky',
            left: 0,
            zIndex: 4,
            width: labelWidth,
            flex: 'none',
            height: HEADER_HEIGHT,
            background: '#fafafa',
            borderBottom: '1px solid #f0f0f0',
            borderInlineEnd: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'flex-end',
            padding: '0 12px 8px',
            gap: 12,
            fontSize: 12,
            color: '#8c8c8c',
          }}
        >
          <span style={{ width: 44 }}>{t('tasks.wbs')}</span>
          <span>{t('tasks.titleLabel')}</span>
        </div>
        <svg
          width={chartWidth}
          height={HEADER_HEIGHT}
          style={{ flex: 'none', background: '#fafafa', display: 'block' }}
        >
          {header.top.map((tick) => (
            <g key={`t${tick.x}`}>
              <line x1={tick.x} x2={tick.x} y1={0} y2={HEADER_HEIGHT} stroke="#e8e8e8" />
              <text x={tick.x + 6} y={18} fontSize={12} fill="#595959">
                {tick.label}
              </text>
            </g>
          ))}
          {header.bottom.map((tick) => (
            <text
              key={`b${tick.x}`}
              x={tick.x + tick.width / 2}
              y={42}
              fontSize={11}
              textAnchor="middle"
              fill={tick.isMuted ? '#bfbfbf' : '#8c8c8c'}
            >
              {tick.label}
            </text>
          ))}
          <line x1={0} x2={chartWidth} y1={HEADER_HEIGHT - 0.5} y2={HEADER_HEIGHT - 0.5} stroke="#f0f0f0" />
          <g transform={`translate(${todayX},0)`}>
            <rect x={-18} y={24} width={36} height={16} rx={8} fill={COLORS.today} />
            <text x={0} y={36} fontSize={10} textAnchor="middle" fill="#fff">
              {t('timeline.today')}
            </text>
          </g>
        </svg>
      </div>

      <div style={{ display: 'flex', width: labelWidth + chartWidth, height: rows.length * ROW_HEIGHT }}>
        {/* Task names, pinned to the left. */}
        <div
          style={{
            position: 'sticky',
            left: 0,
            zIndex: 2,
            width: labelWidth,
            flex: 'none',
            background: '#fff',
            borderInlineEnd: '1px solid #f0f0f0',
          }}
        >
          {visible.map((row) => {
            const isMoved = moved?.has(row.id) === true && row.id !== shownChange?.taskId;
            const isFlashed = flashed.has(row.id);
            return (
              <div
                key={row.id}
                onClick={() => onOpenTask(row.id)}
                data-testid={`gantt-row-${row.id}`}
                data-moved={isMoved || isFlashed ? 'true' : undefined}
                style={{
                  position: 'absolute',
                  top: row.index * ROW_HEIGHT,
                  height: ROW_HEIGHT,
                  left: 0,
                  right: 0,
                  display: 'flex',
                  alignItems: 'center',
                  gap: 6,
                  padding: '0 12px',
                  borderBottom: '1px solid #f5f5f5',
                  cursor: 'pointer',
                  background: isMoved ? '#fff7e6' : isFlashed ? '#fffbe6' : undefined,
                  transition: 'background 0.6s',
                }}
              >
                <span
                  style={{
                    width: 44,
                    flex: 'none',
                    color: '#8c8c8c',
                    fontSize: 12,
                    fontVariantNumeric: 'tabular-nums',
                  }}
                >
                  {row.wbs}
                </span>
                <span style={{ width: row.depth * 14, flex: 'none' }} />
                {row.isMilestone ? <MilestoneIcon /> : null}
                <Typography.Text
                  ellipsis
                  style={{
                    flex: 1,
                    fontWeight: row.depth === 0 ? 500 : 400,
                    color: row.status === 'done' || row.status === 'cancelled' ? '#8c8c8c' : undefined,
                  }}
                >
                  {row.title}
                </Typography.Text>
                {!row.isFinished && row.totalSlack < 0 ? (
                  <span
                    title={t('timeline.late', { count: -row.totalSlack })}
                    data-testid={`gantt-late-${row.id}`}
                    style={{ flex: 'none', fontSize: 11, color: '#d46b08', whiteSpace: 'nowrap' }}
                  >
                    {t('timeline.lateShort', { count: -row.totalSlack })}
                  </span>
                ) : null}
                {row.isCritical ? (
                  <span
                    title={t('timeline.critical')}
                    style={{
                      width: 6,
                      height: 6,
                      borderRadius: 3,
                      background: COLORS.critical,
                      flex: 'none',
                    }}
                  />
                ) : null}
              </div>
            );
          })}
        </div>

        {/* Bars, slack, arrows and today: their own stacking context under the pinned names, clipped to the chart. */}
        <div
          data-testid="gantt-chart-area"
          style={{
            position: 'relative',
            zIndex: 0,
            isolation: 'isolate',
            overflow: 'hidden',
            width: chartWidth,
            flex: 'none',
            backgroundImage: `repeating-linear-gradient(to bottom, transparent 0 ${ROW_HEIGHT - 1}px, #f5f5f5 ${ROW_HEIGHT - 1}px ${ROW_HEIGHT}px)${weekend}`,
          }}
        >
          <div
            data-testid="gantt-today"
            title={format.day(schedule.today)}
            style={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: todayX - 1,
              width: 0,
              borderInlineStart: `2px dashed ${COLORS.today}`,
              opacity: 0.7,
              pointerEvents: 'none',
              zIndex: 1,
            }}
          />
          <svg
            width={chartWidth}
            height={visible.length * ROW_HEIGHT}
            style={{ position: 'absolute', top: sliceTop, left: 0, overflow: 'visible', zIndex: 2 }}
          >
            <defs>
              <marker
                id="gantt-arrow"
                viewBox="0 0 6 6"
                refX={5}
                refY={3}
                markerWidth={6}
                markerHeight={6}
                orient="auto"
              >
                <path d="M0,0 L6,3 L0,6 z" fill={COLORS.arrow} />
              </marker>
              <marker
                id="gantt-arrow-critical"
                viewBox="0 0 6 6"
                refX={5}
                refY={3}
                markerWidth={6}
                markerHeight={6}
                orient="auto"
              >
                <path d="M0,0 L6,3 L0,6 z" fill={COLORS.critical} />
              </marker>
            </defs>
            {arrows}
            {visible.map((row) => {
              const y = centerY(row.index);
              const dates = datesOf(row);
              const x0 = xOf(dates.start);
              const x1 = xOf(dates.finish) + dayWidth;
              const isDragged = shownChange?.taskId === row.id;
              const shifted = moved?.get(row.id);
              const color = row.isCritical ? COLORS.critical : row.isFinished ? COLORS.done : COLORS.bar;
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
                      fill={COLORS.slack}
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
                        fill={row.isCritical ? COLORS.critical : '#722ed1'}
                        stroke="#fff"
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
                        stroke={isDragged ? COLORS.preview : 'none'}
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
                      fill="#8c8c8c"
                      pointerEvents="none"
                    >
                      {responsible.name}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
          {drag && dragChange ? (
            <div
              data-testid="gantt-drag-preview"
              style={{
                position: 'absolute',
                top: ((rowIndex.get(drag.taskId) ?? 0) + 1) * ROW_HEIGHT + 4,
                left: Math.max(0, xOf(dragChange.startDate)),
                zIndex: 5,
                background: 'rgba(0, 0, 0, 0.78)',
                color: '#fff',
                borderRadius: 6,
                padding: '4px 8px',
                fontSize: 12,
                whiteSpace: 'nowrap',
                pointerEvents: 'none',
              }}
            >
              {format.day(dragChange.startDate)} – {format.day(dragChange.dueDate)}
              {' · '}
              {movedCount > 0 ? t('timeline.movesWith', { count: movedCount }) : t('timeline.movesNothing')}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function GhostBar({
  x0,
  x1,
  y,
  isMilestone,
  dayWidth,
}: {
  x0: number;
  x1: number;
  y: number;
  isMilestone: boolean;
  dayWidth: number;
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
        stroke={COLORS.preview}
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
      fill="rgba(250, 140, 22, 0.15)"
      stroke={COLORS.preview}
      strokeWidth={1.5}
      strokeDasharray="4 2"
      pointerEvents="none"
    />
  );
}

type Tick = { x: number; width: number; label: string; isMuted?: boolean };

/** The two rows of the time scale: months over days or weeks, or years over months. */
function headerTicks(start: string, days: number, zoom: Zoom, dayWidth: number, locale: string) {
  const monthLabel = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const yearLabel = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  const shortMonth = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const dayMonth = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const top: Tick[] = [];
  const bottom: Tick[] = [];
  for (let index = 0; index < days; index += 1) {
    const day = addDays(start, index);
    const date = new Date(`${day}T00:00:00Z`);
    const x = index * dayWidth;
    const isMonthStart = date.getUTCDate() === 1;
    if (zoom === 'month') {
      if (index === 0 || (isMonthStart && date.getUTCMonth() === 0))
        top.push({ x, width: 0, label: yearLabel.format(date) });
      if (isMonthStart) {
        const length = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
        bottom.push({ x, width: length * dayWidth, label: shortMonth.format(date) });
      }
      continue;
    }
    if (index === 0 || isMonthStart) top.push({ x, width: 0, label: monthLabel.format(date) });
    const weekday = date.getUTCDay();
    if (zoom === 'day') {
      bottom.push({
        x,
        width: dayWidth,
        label: String(date.getUTCDate()),
        isMuted: weekday === 0 || weekday === 6,
      });
    } else if (weekday === 1) {
      bottom.push({ x, width: dayWidth * 7, label: dayMonth.format(date) });
    }
  }
  return { top, bottom };
}
