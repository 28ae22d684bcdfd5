import { App, Button, Card, Empty, Flex, List, Popconfirm, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { nextStage } from '../../../core/reviews/cycles.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FROM_TABLET } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  stageProgress,
  useAdvanceCycle,
  useRefreshScorecards,
  useReviewCycle,
  useReviewExport,
  type ReviewCycle,
  type ReviewParticipantSummary,
} from '../../features/reviews/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { CalibrationView } from './CalibrationView.tsx';
import { StageSteps } from './StageSteps.tsx';
import { ReviewLoadError, scaleOf, statusTag } from './shared.tsx';

/** One cycle: its stages as steps with progress, the reviews the caller writes, the people and calibration. */
export function ReviewCyclePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { cycleId = '' } = useParams();
  const { workspace } = useWorkspaceScope();
  const [params, setParams] = useSearchParams();
  const cycle = useReviewCycle(workspace.id, cycleId);
  const advance = useAdvanceCycle(workspace.id, cycleId);
  const refresh = useRefreshScorecards(workspace.id, cycleId);
  const download = useReviewExport(workspace.id);
  const format = useFormatters();

  if (cycle.isError) return <ReviewLoadError error={cycle.error} onRetry={() => void cycle.refetch()} />;
  if (!cycle.data) return <Card loading />;
  const data = cycle.data;
  const manages = data.canManage || data.participants.some((p) => p.canManage);
  const next = nextStage(data.stage);
  const tab = params.get('tab') === 'calibration' && manages ? 'calibration' : 'people';

  return (
    <>
      <Link to={`/w/${workspace.id}/reviews`}>
        <ArrowLeftOutlined /> {t('reviews.backToList')}
      </Link>
      <PageHeader
        title={data.name}
        description={
          <>
            <Tag>{t(`reviews.kinds.${data.kind}`)}</Tag>
            {t('reviews.period', { start: format.day(data.periodStart), end: format.day(data.periodEnd) })}
          </>
        }
        extra={
          <>
            {data.canManage && data.stage !== 'closed' ? (
              <Popconfirm
                title={t('reviews.advanceConfirm')}
                onConfirm={() => advance.mutate()}
                okButtonProps={{ id: 'confirm-advance' }}
              >
                <Button
                  type="primary"
                  icon={<RightOutlined />}
                  loading={advance.isPending}
                  data-testid="advance"
                >
                  {next === 'closed'
                    ? t('reviews.close')
                    : t('reviews.advance', { stage: t(`reviews.stages.${next}`) })}
                </Button>
              </Popconfirm>
            ) : null}
            <Button
              icon={<FileExcelOutlined />}
              loading={download.isPending}
              data-testid="export-xlsx"
              onClick={() =>
                download.mutate(
                  { cycleId: data.id, fileName: `${data.name}.xlsx` },
                  { onError: (error) => void message.error(error.message) },
                )
              }
            >
              {t('reviews.exportXlsx')}
            </Button>
            {data.canManage && data.stage !== 'closed' ? (
              <Button
                icon={<ReloadOutlined />}
                loading={refresh.isPending}
                onClick={() =>
                  refresh.mutate(undefined, {
                    onSuccess: (result) =>
                      void message.success(t('reviews.refreshed', { count: result.refreshed })),
                  })
                }
              >
                {t('reviews.refreshScorecards')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card title={t('reviews.steps')} style={{ marginBottom: 16 }}>
        <StageSteps stage={data.stage} stages={data.stages} progress={(key) => stageProgress(data, key)} />
      </Card>
      <MyReviews cycle={data} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'calibration' ? { tab: key } : {}, { replace: true })}
        items={[
          { key: 'people', label: t('reviews.tabs.people'), children: <PeopleTable cycle={data} /> },
          ...(manages
            ? [
                {
                  key: 'calibration',
                  label: t('reviews.tabs.calibration'),
                  children: <CalibrationView cycle={data} />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function MyReviews({ cycle }: { cycle: ReviewCycle }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  return (
    <Card title={t('reviews.myReviews')} style={{ marginBottom: 16 }} size="small">
      <List
        size="small"
        dataSource={cycle.myReviews}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews.noMyReviews')} />,
        }}
        renderItem={(review) => (
          <List.Item
            data-testid="my-review"
            actions={[
              <Link key="open" to={`/w/${workspace.id}/reviews/r/${review.id}`}>
                {review.status === 'submitted' ? t('reviews.read') : t('reviews.write')}
              </Link>,
            ]}
          >
            <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {review.revieweeName}
              </Typography.Text>
              <Tag>{t(`reviews.reviewKinds.${review.kind}`)}</Tag>
              {statusTag(t, review.status)}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

function PeopleTable({ cycle }: { cycle: ReviewCycle }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const scale = scaleOf(cycle.definition);
  return (
    <Table<ReviewParticipantSummary>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={cycle.participants}
      onRow={() => ({ 'data-testid': 'participant-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'person',
          title: t('reviews.columns.person'),
          render: (_, p) => (
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Link to={`/w/${workspace.id}/reviews/people/${p.id}`} style={{ overflowWrap: 'anywhere' }}>
                {p.reviewee.name}
              </Link>
              {p.manager ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reviews.person.manager', { name: p.manager.name })}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
        },
        {
          key: 'reviews',
          title: t('reviews.columns.reviews'),
          responsive: FROM_TABLET,
          render: (_, p) => (
            <Flex gap={4} wrap>
              {p.reviews.map((r) => (
                <Tag
                  key={r.id}
                  color={r.status === 'submitted' ? 'green' : r.status === 'draft' ? 'gold' : 'default'}
                >
                  {t(`reviews.reviewKinds.${r.kind}`)}
                  {r.reviewer ? ` · ${r.reviewer.name}` : ''}
                </Tag>
              ))}
            </Flex>
          ),
        },
        {
          key: 'data',
          title: t('reviews.columns.data'),
          align: 'right',
          render: (_, p) =>
            p.dataRating === null
              ? t('reviews.noRating')
              : t('reviews.ratingOf', { value: p.dataRating, scale }),
        },
        {
          key: 'final',
          title: t('reviews.columns.final'),
          align: 'right',
          render: (_, p) =>
            p.finalRating === null
              ? t('reviews.noRating')
              : t('reviews.ratingOf', { value: p.finalRating, scale }),
        },
        {
          key: 'status',
          title: t('reviews.columns.status'),
          responsive: FROM_TABLET,
          render: (_, p) =>
            p.acknowledgedAt !== null ? (
              <Tag color="green">{t('reviews.participantStatus.acknowledged')}</Tag>
            ) : p.signedOffAt !== null ? (
              <Tag color="blue">{t('reviews.participantStatus.signed')}</Tag>
            ) : (
              <Tag>{t('reviews.participantStatus.open')}</Tag>
            ),
        },
      ]}
    />
  );
}
