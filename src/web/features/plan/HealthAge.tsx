import { Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/useFormatters.ts';
import { progressPercent } from './HealthComputing.tsx';
import type { PlanHealth } from './hooks.ts';

/**
 * How old a stale plan health is ("Updated 3 minutes ago, refreshing…"); nothing when it is current. The hook
 * asks again while the server recomputes, so the new answer replaces it by itself.
 */
export function HealthAge({
  health,
}: {
  health: Pick<PlanHealth, 'computedAt' | 'stale' | 'refreshing' | 'progress'>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!health.stale || health.computedAt === null) return null;
  // At least a second old: "now" would read as if it were current.
  const now = Date.now();
  const age = format.relative(Math.min(health.computedAt, now - 1000), now);
  const percent = health.refreshing ? progressPercent(health.progress) : null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="plan-health-age">
      {health.refreshing ? <SyncOutlined spin style={{ marginInlineEnd: 6 }} /> : null}
      {percent !== null
        ? t('planHealth.refreshingProgress', { age, percent: format.percent(percent / 100) })
        : t(health.refreshing ? 'planHealth.refreshing' : 'planHealth.updated', { age })}
    </Typography.Text>
  );
}
