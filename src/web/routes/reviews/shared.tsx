import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Card, Collapse, Flex, List, Progress, Result, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { combinedScore, ratingFromScore } from '../../../core/reviews/scorecard.ts';
import { ApiError } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import type {
  Overrides,
  Scorecard,
  ScorecardMetric,
  TemplateDefinition,
} from '../../features/reviews/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/** The template's rating scale: the longest list of anchors, 5 when there is no rating question. */
export function scaleOf(definition: TemplateDefinition): number {
  const scales = definition.sections.flatMap((s) =>
    s.questions.flatMap((q) => (q.type === 'rating' ? [q.anchors.length] : [])),
  );
  return scales.length ? Math.max(...scales) : 5;
}

/**
 * A review that failed to load. The server answers 404 both for what does not exist and for a review the caller has
 * no part in, so both read "not found" with the way back, never a retry.
 */
export function ReviewLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result
        status="404"
        title={t('reviews.notFound')}
        subTitle={error.message}
        extra={<Link to={`/w/${workspace.id}/reviews`}>{t('reviews.backToList')}</Link>}
        data-testid="review-not-found"
      />
    );
  }
  return <QueryError error={error} onRetry={onRetry} />;
}

export function statusTag(t: TFunction, status: 'pending' | 'draft' | 'submitted') {
  const color = status === 'submitted' ? 'green' : status === 'draft' ? 'gold' : 'default';
  return <Tag color={color}>{t(`reviews.reviewStatuses.${status}`)}</Tag>;
}

const EVIDENCE_SHOWN = 30;

/** The objects one figure was counted from, each a link to where it lives in the app. */
export function EvidenceList({ metric }: { metric: ScorecardMetric }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const format = useFormatters();
  const shown = metric.evidence.slice(0, EVIDENCE_SHOWN);
  return (
    <List
      size="small"
      dataSource={shown}
      data-testid={`evidence-${metric.key}`}
      footer={
        metric.evidence.length > EVIDENCE_SHOWN ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reviews.scorecard.more', { count: metric.evidence.length - EVIDENCE_SHOWN })}
          </Typography.Text>
        ) : null
      }
      renderItem={(item) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Flex gap={6} align="flex-start" style={{ minWidth: 0, width: '100%' }}>
            {item.ok ? (
              <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('reviews.scorecard.ok')} />
            ) : (
              <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label={t('reviews.scorecard.miss')} />
            )}
            <Flex vertical style={{ minWidth: 0, flex: 1 }}>
              <Link
                to={`/w/${workspace.id}${item.path}`}
                style={{ overflowWrap: 'anywhere' }}
                data-testid="evidence-link"
              >
                {item.title}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`reviews.evidenceKinds.${item.kind}`)}
                {item.date ? ` · ${format.shortDay(item.date)}` : ''}
                {item.value !== null ? ` · ${format.percent(item.value)}` : ''}
              </Typography.Text>
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** One figure's headline: score (or "no data"), counts, weight, and the manager's override with its reason. */
export function MetricHeader({
  metric,
  override,
  scale,
}: {
  metric: ScorecardMetric;
  override: Overrides[keyof Overrides] | undefined;
  scale: number;
}) {
  const { t } = useTranslation();
  const score = override?.score ?? metric.score;
  const suggested = ratingFromScore(score, scale);
  return (
    <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text strong>{t(`reviews.metrics.${metric.key}`)}</Typography.Text>
        <Typography.Text strong data-testid={`metric-score-${metric.key}`}>
          {score === null ? t('reviews.scorecard.noData') : `${score}`}
        </Typography.Text>
      </Flex>
      {score !== null ? (
        <Progress
          percent={score}
          showInfo={false}
          size="small"
          strokeColor={score >= 80 ? '#52c41a' : score >= 60 ? '#faad14' : '#ff4d4f'}
          style={{ margin: 0 }}
        />
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {metric.key === 'kr_achievement'
          ? t('reviews.scorecard.weight', { weight: metric.weight })
          : `${t('reviews.scorecard.counted', metric)} · ${t('reviews.scorecard.weight', { weight: metric.weight })}`}
        {suggested !== null ? ` · ${t('reviews.scorecard.suggested', { rating: suggested })}` : ''}
      </Typography.Text>
      {override ? (
        <Typography.Text
          type="warning"
          style={{ fontSize: 12, overflowWrap: 'anywhere' }}
          data-testid="override-note"
        >
          {t('reviews.scorecard.overridden', { score: override.score })} (
          {t('reviews.scorecard.computed', { score: metric.score ?? '—' })}) ·{' '}
          {t('reviews.scorecard.overrideReason', { reason: override.reason })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The whole scorecard: the data score and each figure with its evidence list folded under it. */
export function ScorecardCard({
  scorecard,
  overrides,
  scale,
  computedAt,
  renderOverride,
}: {
  scorecard: Scorecard;
  overrides: Overrides;
  scale: number;
  computedAt?: number | null;
  /** The manager's override control for a figure, when they are writing their review. */
  renderOverride?: (metric: ScorecardMetric) => ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const score = combinedScore(scorecard.metrics, overrides);
  return (
    <Card
      size="small"
      data-testid="scorecard"
      title={t('reviews.scorecard.title')}
      extra={
        <Typography.Text strong data-testid="data-score">
          {t('reviews.scorecard.score')} {score === null ? t('reviews.scorecard.noData') : score}
        </Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('reviews.scorecard.hint', {
          start: format.day(scorecard.period.start),
          end: format.day(scorecard.period.end),
        })}
        {computedAt ? ` ${t('reviews.scorecard.computedAt', { time: format.dateTime(computedAt) })}` : ''}
      </Typography.Paragraph>
      <Collapse
        size="small"
        items={scorecard.metrics.map((metric) => ({
          key: metric.key,
          label: <MetricHeader metric={metric} override={overrides[metric.key]} scale={scale} />,
          children: (
            <>
              {renderOverride?.(metric)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('reviews.scorecard.evidence', { count: metric.evidence.length })}
              </Typography.Text>
              <EvidenceList metric={metric} />
            </>
          ),
        }))}
      />
    </Card>
  );
}
