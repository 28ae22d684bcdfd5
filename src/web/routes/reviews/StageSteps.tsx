import { Progress, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/useFormatters.ts';
import { useIsCompact } from '../../components/responsive.ts';
import { STAGE_KEYS, type CycleStage, type StageKey } from '../../features/reviews/hooks.ts';

/**
 * The five stages of a cycle as steps: done, current, to come, each with its deadline and — when known — how many
 * of its reviews, final ratings or sign-offs are in. Vertical on a phone.
 */
export function StageSteps({
  stage,
  stages,
  progress,
  size = 'default',
}: {
  stage: CycleStage;
  stages: Array<{ stage: StageKey; dueDate: string }>;
  progress?: (stage: StageKey) => { done: number; total: number };
  size?: 'small' | 'default';
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const isCompact = useIsCompact();
  const current = stage === 'closed' ? STAGE_KEYS.length : STAGE_KEYS.indexOf(stage);
  return (
    <Steps
      size={size}
      current={current}
      orientation={isCompact ? 'vertical' : 'horizontal'}
      responsive={false}
      data-testid="stage-steps"
      items={STAGE_KEYS.map((key, index) => {
        const due = stages.find((s) => s.stage === key)?.dueDate;
        const counts = progress?.(key);
        return {
          title: t(`reviews.stages.${key}`),
          status: index < current ? 'finish' : index === current ? 'process' : 'wait',
          description: (
            <div style={{ minWidth: 0 }}>
              {due ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reviews.stageDue', { date: format.shortDay(due) })}
                </Typography.Text>
              ) : null}
              {counts && counts.total > 0 ? (
                <div style={{ maxWidth: 140 }}>
                  <Progress
                    percent={Math.round((100 * counts.done) / counts.total)}
                    size="small"
                    showInfo={false}
                    style={{ margin: 0 }}
                  />
                  <Typography.Text style={{ fontSize: 12 }} data-testid={`stage-progress-${key}`}>
                    {t('reviews.progress', counts)}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
