import { Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/useFormatters.ts';
import type { PlanHealth } from './hooks.ts';

/** Whole percent of a computation's progress, short of 100 until the answer is there; null when not known yet. */
export function progressPercent(progress: PlanHealth['progress']): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.min(99, Math.floor((progress.done / progress.total) * 100));
}

/**
 * A large plan's first health while the server computes it: a progress bar with how far it has come. The hook
 * asks again every two seconds, so the bar moves and the answer replaces it by itself.
 */
export function HealthComputing({ progress }: { progress: PlanHealth['progress'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const percent = progressPercent(progress);
  return (
    <Flex vertical gap={4} data-testid="plan-health-computing" style={{ width: '100%' }}>
      <Typography.Text>{t('planHealth.computing')}</Typography.Text>
      <Progress
        percent={percent ?? 0}
        status="active"
        format={() => (percent === null ? '…' : format.percent(percent / 100))}
        aria-label={t('planHealth.computing')}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('planHealth.computingHint')}
      </Typography.Text>
    </Flex>
  );
}
