import { Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/useFormatters.ts';
import type { PlanHealth } from './hooks.ts';

/**
 * How old a stale plan health is ("Updated 3 minutes ago, refreshing…"); nothing when it is current. The hook
 * asks again while the server recomputes, so the new answer replaces it by itself.
 */
export function HealthAge({ health }: { health: Pick<PlanHealth, 'computedAt' | 'stale' | 'refreshing'> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!health.stale) return null;
  // At least a second old: "now" would read as if it were current.
  const now = Date.now();
  const age = format.relative(Math.min(health.computedAt, now - 1000), now);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="plan-health-age">
      {health.refreshing ? <SyncOutlined spin style={{ marginInlineEnd: 6 }} /> : null}
      {t(health.refreshing ? 'planHealth.refreshing' : 'planHealth.updated', { age })}
    </Typography.Text>
  );
}
