import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RunStatus } from './hooks.ts';

const COLORS: Record<RunStatus, string> = {
  active: 'processing',
  on_hold: 'warning',
  completed: 'success',
  cancelled: 'default',
};

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`runs.statuses.${status}`)}
    </Tag>
  );
}
