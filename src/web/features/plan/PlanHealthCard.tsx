import { Button, Card, Flex, Progress, Skeleton, Typography } from 'antd';
import { AppstoreAddOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { HealthAge } from './HealthAge.tsx';
import { HealthComputing } from './HealthComputing.tsx';
import { scoreColor } from './healthLinks.ts';
import { usePlanHealth } from './hooks.ts';

/**
 * The overview's plan health: the score and counts, linking to the health page. A workspace with nothing
 * planned is offered the templates instead (when the caller may create a plan).
 */
export function PlanHealthCard({
  workspaceId,
  mayUseTemplate,
}: {
  workspaceId: string;
  mayUseTemplate: boolean;
}) {
  const { t } = useTranslation();
  const health = usePlanHealth(workspaceId);
  const base = `/w/${workspaceId}`;

  const body = () => {
    if (health.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
    if (health.error) return <QueryError error={health.error} onRetry={() => void health.refetch()} />;
    if (health.data.computing) return <HealthComputing progress={health.data.progress} />;
    // Nothing planned: no goals, tasks, KPIs or processes (the cadence chapter counts the plan itself).
    const isEmpty = health.data.chapters.every(
      (chapter) => chapter.chapter === 'cadence' || chapter.items === 0,
    );
    if (isEmpty) {
      return (
        <Flex justify="space-between" align="center" gap={12} wrap data-testid="plan-start">
          <Typography.Text type="secondary" style={{ flex: '1 1 240px' }}>
            {t('planHealth.startHint')}
          </Typography.Text>
          {mayUseTemplate ? (
            <Link to={`${base}/plan/new`}>
              <Button type="primary" icon={<AppstoreAddOutlined />}>
                {t('planTemplate.start')}
              </Button>
            </Link>
          ) : null}
        </Flex>
      );
    }
    const { score, counts } = health.data;
    return (
      <Flex align="center" gap={16} wrap>
        <Progress
          type="circle"
          size={64}
          percent={score}
          strokeColor={scoreColor(score)}
          format={(percent) => <span data-testid="overview-plan-score">{percent}</span>}
        />
        <Flex vertical gap={2} style={{ flex: '1 1 200px' }}>
          <Typography.Text>
            {t('planHealth.summary', { errors: counts.error, warnings: counts.warning })}
          </Typography.Text>
          <Link to={`${base}/plan/health`} data-testid="overview-plan-health">
            {t('planHealth.open')}
          </Link>
          <HealthAge health={health.data} />
        </Flex>
      </Flex>
    );
  };

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <SafetyCertificateOutlined />
          {t('planHealth.title')}
        </Flex>
      }
      style={{ marginBottom: 16 }}
      data-testid="overview-plan-card"
    >
      {body()}
    </Card>
  );
}
