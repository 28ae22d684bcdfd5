import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MilestoneIcon } from '../tasks/TaskBadges.tsx';
import type { GanttRow } from './gantt.ts';
import type { GanttColors } from './theme.ts';
import type { GanttDrag } from './useGanttDrag.ts';
import { ROW_HEIGHT } from './useGanttGeometry.ts';

/** The frozen columns pinned to the left: WBS number and title of each visible row, late and critical marks. */
export function GanttLabels({
  visible,
  labelWidth,
  isCompact,
  drag,
  flashed,
  onOpenTask,
  colors,
}: {
  visible: readonly GanttRow[];
  labelWidth: number;
  /** On a phone a late task gets a dot with the days in its tooltip, leaving the room to the title. */
  isCompact: boolean;
  drag: Pick<GanttDrag, 'moved' | 'shownChange'>;
  flashed: ReadonlySet<string>;
  onOpenTask: (taskId: string) => void;
  colors: GanttColors;
}) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        position: 'sticky',
        left: 0,
        zIndex: 2,
        width: labelWidth,
        flex: 'none',
        background: colors.surface,
        borderInlineEnd: `1px solid ${colors.border}`,
      }}
    >
      {visible.map((row) => {
        const isMoved = drag.moved?.has(row.id) === true && row.id !== drag.shownChange?.taskId;
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
              borderBottom: `1px solid ${colors.rowLine}`,
              cursor: 'pointer',
              background: isMoved ? colors.movedRow : isFlashed ? colors.flashedRow : undefined,
              transition: 'background 0.6s',
            }}
          >
            <span
              style={{
                width: 44,
                flex: 'none',
                color: colors.textMuted,
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
                color: row.status === 'done' || row.status === 'cancelled' ? colors.textMuted : undefined,
              }}
            >
              {row.title}
            </Typography.Text>
            {!row.isFinished && row.totalSlack < 0 ? (
              <span
                title={t('timeline.late', { count: -row.totalSlack })}
                data-testid={`gantt-late-${row.id}`}
                style={
                  isCompact
                    ? { width: 6, height: 6, borderRadius: 3, background: colors.late, flex: 'none' }
                    : { flex: 'none', fontSize: 11, color: colors.late, whiteSpace: 'nowrap' }
                }
              >
                {isCompact ? null : t('timeline.lateShort', { count: -row.totalSlack })}
              </span>
            ) : null}
            {row.isCritical ? (
              <span
                title={t('timeline.critical')}
                style={{ width: 6, height: 6, borderRadius: 3, background: colors.critical, flex: 'none' }}
              />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
