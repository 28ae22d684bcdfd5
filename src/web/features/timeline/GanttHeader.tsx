import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkCalendar } from '../../../core/schedule/calendar.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import type { Zoom } from './gantt.ts';
import { headerTicks } from './scale.ts';
import { headerBackground, type GanttColors } from './theme.ts';
import { HEADER_HEIGHT, type GanttGeometry } from './useGanttGeometry.ts';

/** The header pinned to the top: the frozen columns' titles in the corner, then the time scale with today. */
export function GanttHeader({
  geometry,
  zoom,
  calendar,
  labelWidth,
  colors,
}: {
  geometry: GanttGeometry;
  zoom: Zoom;
  calendar: WorkCalendar;
  labelWidth: number;
  colors: GanttColors;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { range, dayWidth, chartWidth, todayX } = geometry;
  const ticks = useMemo(
    () => headerTicks(range.start, range.days, zoom, dayWidth, format.locale, calendar),
    [range.start, range.days, zoom, dayWidth, format.locale, calendar],
  );
  const background = headerBackground(colors);
  return (
    <div style={{ position: 'sticky', top: 0, zIndex: 3, display: 'flex', width: labelWidth + chartWidth }}>
      <div
        style={{
          position: 'sticky',
          left: 0,
          zIndex: 4,
          width: labelWidth,
          flex: 'none',
          height: HEADER_HEIGHT,
          background,
          borderBottom: `1px solid ${colors.border}`,
          borderInlineEnd: `1px solid ${colors.border}`,
          display: 'flex',
          alignItems: 'flex-end',
          padding: '0 12px 8px',
          gap: 12,
          fontSize: 12,
          color: colors.textMuted,
        }}
      >
        <span style={{ width: 44 }}>{t('tasks.wbs')}</span>
        <span>{t('tasks.titleLabel')}</span>
      </div>
      <svg
        width={chartWidth}
        height={HEADER_HEIGHT}
        data-testid="gantt-scale"
        style={{ flex: 'none', background, display: 'block' }}
      >
        {ticks.top.map((tick) => (
          <g key={`t${tick.x}`}>
            <line x1={tick.x} x2={tick.x} y1={0} y2={HEADER_HEIGHT} stroke={colors.border} />
            <text x={tick.x + 6} y={18} fontSize={12} fill={colors.text}>
              {tick.label}
            </text>
          </g>
        ))}
        {ticks.bottom.map((tick) => (
          <text
            key={`b${tick.x}`}
            x={tick.x + tick.width / 2}
            y={42}
            fontSize={11}
            textAnchor="middle"
            fill={tick.isMuted ? colors.textFaint : colors.textMuted}
            data-off={tick.isMuted ? 'true' : undefined}
          >
            {tick.label}
          </text>
        ))}
        <line
          x1={0}
          x2={chartWidth}
          y1={HEADER_HEIGHT - 0.5}
          y2={HEADER_HEIGHT - 0.5}
          stroke={colors.border}
        />
        <g transform={`translate(${todayX},0)`}>
          <rect x={-18} y={24} width={36} height={16} rx={8} fill={colors.today} />
          <text x={0} y={36} fontSize={10} textAnchor="middle" fill={colors.tooltipText}>
            {t('timeline.today')}
          </text>
        </g>
      </svg>
    </div>
  );
}
