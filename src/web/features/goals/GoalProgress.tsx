import { Flex, Progress, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/useFormatters.ts';
import { HEALTH_COLORS } from './GoalBadges.tsx';
import type { GoalHealthStatus } from './hooks.ts';

/**
 * A progress bar in the goal's health colour with a thin marker where the calendar says progress should be
 * by now, so "62% done" reads against "75% expected" at a glance.
 */
export function GoalProgress({
  progress,
  expected,
  health,
  size = 'default',
}: {
  progress: number;
  expected: number | null;
  health: GoalHealthStatus;
  size?: 'small' | 'default';
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  // No marker before any time has passed: a tick at 0% only reads as a glitch.
  const clampedExpected = expected === null || expected <= 0 ? null : Math.min(1, expected);
  const label =
    clampedExpected === null
      ? format.percent(progress)
      : t('goals.progressTooltip', {
          progress: format.percent(progress),
          expected: format.percent(clampedExpected),
        });
  return (
    <Tooltip title={label}>
      <Flex align="center" gap={8} style={{ minWidth: 140 }} data-testid="goal-progress" aria-label={label}>
        <div style={{ position: 'relative', flex: 1 }}>
          <Progress
            percent={Math.round(Math.min(1, Math.max(0, progress)) * 100)}
            strokeColor={health === 'no_data' ? '#8c8c8c' : HEALTH_COLORS[health]}
            size={size === 'small' ? 'small' : 'default'}
            showInfo={false}
            style={{ margin: 0, display: 'block' }}
          />
          {clampedExpected !== null ? (
            <span
              aria-hidden="true"
              style={{
                position: 'absolute',
                top: '50%',
                left: `${clampedExpected * 100}%`,
                width: 2,
                height: size === 'small' ? 12 : 16,
                transform: 'translate(-1px, -50%)',
                background: '#262626',
                borderRadius: 1,
                opacity: 0.7,
              }}
            />
          ) : null}
        </div>
        <Typography.Text style={{ width: 40, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
          {format.percent(progress)}
        </Typography.Text>
      </Flex>
    </Tooltip>
  );
}
