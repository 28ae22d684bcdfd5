import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GoalHealthStatus, GoalStatus } from './hooks.ts';

/** Health colours used everywhere a goal's health shows: tags, donut, chart legends. */
export const HEALTH_COLORS: Record<GoalHealthStatus, string> = {
  on_track: '#52c41a',
  at_risk: '#faad14',
  off_track: '#f5222d',
  no_data: '#bfbfbf',
};

const HEALTH_TAG: Record<GoalHealthStatus, string> = {
  on_track: 'success',
  at_risk: 'warning',
  off_track: 'error',
  no_data: 'default',
};

export const HEALTH_ORDER: GoalHealthStatus[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

export function HealthTag({
  health,
  reason,
}: {
  health: GoalHealthStatus;
  reason?: string | null | undefined;
}) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={HEALTH_TAG[health]} style={{ marginInlineEnd: 0 }} data-testid="health-tag">
      {t(`health.${health}`)}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

const STATUS_TAG: Record<GoalStatus, string> = {
  draft: 'default',
  active: 'processing',
  done: 'success',
  cancelled: 'default',
};

export function GoalStatusTag({ status }: { status: GoalStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_TAG[status]} style={{ marginInlineEnd: 0 }}>
      {t(`goalStatus.${status}`)}
    </Tag>
  );
}
