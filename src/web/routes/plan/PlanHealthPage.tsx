import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Progress,
  Row,
  Skeleton,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { HealthAge } from '../../features/plan/HealthAge.tsx';
import { HealthComputing } from '../../features/plan/HealthComputing.tsx';
import { findingLink, scoreColor } from '../../features/plan/healthLinks.ts';
import {
  planHealthKey,
  usePlanHealth,
  usePlanHealthFindings,
  type PlanHealth,
} from '../../features/plan/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { HEALTH_PAGE_SIZE } from '../../../core/plan/health.ts';

const SEVERITY_COLOR = { error: 'red', warning: 'orange', info: 'blue' } as const;

/**
 * Plan health: the linter's rules on the live workspace, a score, and the findings by chapter of the written
 * plan, each linked to the page that fixes it.
 */
export function PlanHealthPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace } = useWorkspaceScope();
  const health = usePlanHealth(workspace.id);
  const queryClient = useQueryClient();
  const base = `/w/${workspace.id}`;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'plan', title: <Link to={`${base}/plan`}>{t('plan.title')}</Link> },
          { key: 'health', title: t('planHealth.title') },
        ]}
      />
      <PageHeader
        title={t('planHealth.title')}
        description={t('planHealth.description')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            loading={health.isFetching}
            onClick={() => void queryClient.invalidateQueries({ queryKey: planHealthKey(workspace.id) })}
          >
            {t('planHealth.recheck')}
          </Button>
        }
      />
      {health.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : health.error ? (
        <QueryError error={health.error} onRetry={() => void health.refetch()} />
      ) : health.data.computing ? (
        <Card>
          <HealthComputing progress={health.data.progress} />
        </Card>
      ) : (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Row gutter={[24, 16]} align="middle">
              <Col xs={24} sm={8} style={{ textAlign: 'center' }}>
                <Progress
                  type="dashboard"
                  percent={health.data.score}
                  strokeColor={scoreColor(health.data.score)}
                  format={(percent) => (
                    <span data-testid="plan-health-score">{format.number(percent ?? 0, 0)}</span>
                  )}
                />
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {t('planHealth.scoreLabel')}
                </Typography.Paragraph>
                {/* The score is the chapters' scores as shown below, averaged and rounded down (core scoreHealth). */}
                <Typography.Paragraph
                  type="secondary"
                  style={{ margin: 0, fontSize: 12 }}
                  data-testid="plan-health-breakdown"
                >
                  {t('planHealth.scoreBreakdown', {
                    count: health.data.chapters.length,
                    parts: health.data.chapters.map((chapter) => chapter.score).join(' + '),
                  })}
                </Typography.Paragraph>
                <HealthAge health={health.data} />
              </Col>
              <Col xs={8} sm={5}>
                <Statistic
                  title={t('planHealth.severity.error')}
                  value={health.data.counts.error}
                  styles={{ content: { color: health.data.counts.error > 0 ? '#cf1322' : undefined } }}
                />
              </Col>
              <Col xs={8} sm={5}>
                <Statistic title={t('planHealth.severity.warning')} value={health.data.counts.warning} />
              </Col>
              <Col xs={8} sm={6}>
                <Statistic title={t('planHealth.severity.info')} value={health.data.counts.info} />
              </Col>
            </Row>
          </Card>
          <Row gutter={[16, 16]}>
            {health.data.chapters.map((chapter) => (
              <Col key={chapter.chapter} xs={24} lg={12}>
                <ChapterCard
                  chapter={chapter}
                  ids={health.data.ids}
                  base={base}
                  computedAt={health.data.computedAt ?? 0}
                />
              </Col>
            ))}
            {health.data.smart.length > 0 ? (
              <Col xs={24}>
                <Card
                  title={t('planHealth.smart')}
                  size="small"
                  extra={
                    health.data.smartTotal > health.data.smart.length ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('planHealth.smartShown', {
                          shown: format.number(health.data.smart.length, 0),
                          total: format.number(health.data.smartTotal, 0),
                        })}
                      </Typography.Text>
                    ) : null
                  }
                >
                  <List
                    size="small"
                    dataSource={health.data.smart}
                    pagination={health.data.smart.length > 10 ? { pageSize: 10, size: 'small' } : false}
                    renderItem={(goal) => (
                      <List.Item>
                        <Flex justify="space-between" gap={12} style={{ width: '100%' }} wrap>
                          <Link
                            to={
                              health.data.ids.goals[goal.goal]
                                ? `${base}/goals/${health.data.ids.goals[goal.goal]}`
                                : `${base}/goals`
                            }
                          >
                            {goal.title}
                          </Link>
                          {/* SMART scores five criteria, a point each (half for a warning). */}
                          <Progress
                            percent={goal.score * 20}
                            size="small"
                            strokeColor={scoreColor(goal.score * 20)}
                            format={() => `${format.number(goal.score, 1)} / 5`}
                            style={{ width: 180, margin: 0 }}
                          />
                        </Flex>
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
            ) : null}
          </Row>
        </>
      )}
    </>
  );
}

function ChapterCard({
  chapter,
  ids,
  base,
  computedAt,
}: {
  chapter: PlanHealth['chapters'][number];
  ids: PlanHealth['ids'];
  base: string;
  computedAt: number;
}) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  // The first page came with the health answer; the others are read when asked for.
  const [page, setPage] = useState(1);
  const later = usePlanHealthFindings(workspace.id, chapter.chapter, page, computedAt);
  const shown = page > 1 && later.data ? later.data : { findings: chapter.findings, ids };
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      data-testid={`plan-health-${chapter.chapter}`}
      title={
        <Flex justify="space-between" align="center" gap={8}>
          <span>{t(`planHealth.chapters.${chapter.chapter}`)}</span>
          <Tag color={scoreColor(chapter.score)} style={{ marginInlineEnd: 0 }}>
            {chapter.items === 0 ? t('planHealth.nothingPlannedScore') : chapter.score}
          </Tag>
        </Flex>
      }
    >
      {chapter.total === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={chapter.items === 0 ? t('planHealth.emptyChapter') : t('planHealth.clean')}
        />
      ) : later.error ? (
        <QueryError error={later.error} onRetry={() => void later.refetch()} />
      ) : (
        <List
          size="small"
          loading={later.isFetching}
          dataSource={shown.findings}
          pagination={
            chapter.total > HEALTH_PAGE_SIZE
              ? {
                  current: page,
                  pageSize: HEALTH_PAGE_SIZE,
                  total: chapter.total,
                  size: 'small',
                  showSizeChanger: false,
                  onChange: setPage,
                }
              : false
          }
          renderItem={(finding) => (
            <List.Item>
              <Link
                to={findingLink(base, finding, shown.ids)}
                style={{ display: 'flex', gap: 8, width: '100%', alignItems: 'baseline', color: 'inherit' }}
                data-testid="plan-health-finding"
              >
                <Tag color={SEVERITY_COLOR[finding.severity]}>
                  {t(`planHealth.severityOne.${finding.severity}`)}
                </Tag>
                <Typography.Text style={{ flex: 1 }}>{finding.message}</Typography.Text>
                <RightOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
