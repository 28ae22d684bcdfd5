import { Button, Card, Col, Empty, Flex, List, Row, Skeleton, Typography } from 'antd';
import { AimOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { HealthTag } from '../goals/GoalBadges.tsx';
import { GoalProgress } from '../goals/GoalProgress.tsx';
import { useDashboard } from './hooks.ts';
import { HealthDonut, HealthLegend } from './HealthDonut.tsx';

/** The top of the overview: goals by health, the goals that need attention and the KPIs in the red. */
export function GoalsDashboard({
  workspaceId,
  mayCreateGoal,
}: {
  workspaceId: string;
  mayCreateGoal: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const dashboard = useDashboard(workspaceId);
  const base = `/w/${workspaceId}`;

  if (dashboard.isPending) return <Skeleton active paragraph={{ rows: 6 }} style={{ marginBottom: 16 }} />;
  if (dashboard.error) return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const { counts, attention, redKpis } = dashboard.data;

  if (counts.total === 0) {
    return (
      <Card style={{ marginBottom: 16 }} data-testid="dashboard-empty">
        <Empty
          image={<AimOutlined style={{ fontSize: 48, color: '#adc6ff' }} />}
          styles={{ image: { height: 56 } }}
          description={
            <Flex vertical gap={4} align="center">
              <Typography.Text strong>{t('dashboard.noGoalsTitle')}</Typography.Text>
              <Typography.Text type="secondary" style={{ maxWidth: 520 }}>
                {t('dashboard.noGoalsHint')}
              </Typography.Text>
            </Flex>
          }
        >
          {mayCreateGoal ? (
            <Link to={`${base}/goals?new=1`}>
              <Button type="primary" icon={<PlusOutlined />}>
                {t('dashboard.createFirstGoal')}
              </Button>
            </Link>
          ) : null}
        </Empty>
      </Card>
    );
  }

  const healthCounts = {
    on_track: counts.onTrack,
    at_risk: counts.atRisk,
    off_track: counts.offTrack,
    no_data: counts.noData,
  };

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="dashboard">
      <Col xs={24} lg={8}>
        <Card
          title={t('dashboard.goalHealth')}
          extra={<Link to={`${base}/goals`}>{t('dashboard.viewAllGoals')}</Link>}
          style={{ height: '100%' }}
        >
          <Flex align="center" justify="space-around" gap={16} wrap>
            <HealthDonut counts={healthCounts} total={counts.total} />
            <HealthLegend counts={healthCounts} />
          </Flex>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card
          title={t('dashboard.attention')}
          extra={<Typography.Text type="secondary">{t('dashboard.attentionHint')}</Typography.Text>}
          style={{ height: '100%' }}
        >
          <List
            dataSource={attention.slice(0, 6)}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.attentionEmpty')} />
              ),
            }}
            renderItem={(goal) => (
              <List.Item>
                <Flex vertical gap={6} style={{ width: '100%' }}>
                  <Flex justify="space-between" align="center" gap={12}>
                    <Link to={`${base}/goals/${goal.id}`} style={{ fontWeight: 500 }}>
                      {goal.title}
                    </Link>
                    <HealthTag health={goal.health} />
                  </Flex>
                  <Flex align="center" gap={16} wrap>
                    <div style={{ width: 220 }}>
                      <GoalProgress
                        progress={goal.progress}
                        expected={goal.expectedProgress}
                        health={goal.health}
                        size="small"
                      />
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 13, flex: 1, minWidth: 200 }}>
                      {goal.healthReason?.message ??
                        t('dashboard.progressVsExpected', {
                          progress: format.percent(goal.progress),
                          expected: format.percent(goal.expectedProgress),
                        })}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      {redKpis.length > 0 ? (
        <Col xs={24}>
          <Card
            title={t('dashboard.redKpis')}
            extra={<Link to={`${base}/kpis?status=red`}>{t('dashboard.allRedKpis')}</Link>}
          >
            <div
              style={{
                display: 'grid',
                gap: 16,
                gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 260px), 1fr))',
              }}
            >
              {redKpis.map((kpi) => (
                <Card key={kpi.key} size="small" style={{ borderColor: '#ffccc7', background: '#fff2f0' }}>
                  <Flex vertical gap={2}>
                    <Link to={`${base}/kpis/${kpi.key}`} style={{ fontWeight: 500 }}>
                      {kpi.name}
                    </Link>
                    <Typography.Text style={{ fontSize: 22, fontWeight: 600, color: '#cf1322' }}>
                      {format.measure(kpi.lastValue, kpi.unit)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {kpi.thresholds
                        ? `${t('dashboard.thresholdAmber', { value: format.measure(kpi.thresholds.amber, kpi.unit) })} · ${t('dashboard.thresholdGreen', { value: format.measure(kpi.thresholds.green, kpi.unit) })}`
                        : null}
                      {kpi.lastPeriod
                        ? ` · ${t('dashboard.asOf', { period: format.day(kpi.lastPeriod) })}`
                        : null}
                    </Typography.Text>
                  </Flex>
                </Card>
              ))}
            </div>
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
