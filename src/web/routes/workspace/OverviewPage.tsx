import { useState } from 'react';
import { Avatar, Button, Card, Col, Empty, Flex, List, Row, Skeleton, Statistic, Typography } from 'antd';
import { TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { ActivitySentence, usePeopleNames } from '../../features/audit/ActivitySentence.tsx';
import { useRecentActivity } from '../../features/audit/hooks.ts';
import { MyDayOverview } from '../../features/myday/OverviewCards.tsx';
import { GoalsDashboard } from '../../features/dashboard/GoalsDashboard.tsx';
import { useInvitations, useMembers } from '../../features/members/hooks.ts';
import { PlanHealthCard } from '../../features/plan/PlanHealthCard.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/**
 * The team card lists this many people, enough for a whole ops team; a bigger team ends with a link to the
 * rest rather than leaving anyone out unseen.
 */
const TEAM_SHOWN = 12;

export function OverviewPage() {
  const { t } = useTranslation();
  const { workspace, role, can } = useWorkspaceScope();
  const format = useFormatters();
  const members = useMembers(workspace.id);
  const canSeeInvitations = can('invitations.read');
  const invitations = useInvitations(workspace.id, canSeeInvitations);
  const pendingInvitations = invitations.data?.filter((item) => item.status === 'pending').length ?? 0;
  const base = `/w/${workspace.id}`;
  const statSpan = canSeeInvitations ? 8 : 12;

  return (
    <>
      <PageHeader
        title={<span data-testid="workspace-title">{workspace.name}</span>}
        description={t('overview.createdOn', { date: format.date(workspace.createdAt) })}
        extra={
          can('invitations.create') ? (
            <Link to={`${base}/members?invite=1`}>
              <Button type="primary" icon={<UserAddOutlined />}>
                {t('members.invite')}
              </Button>
            </Link>
          ) : null
        }
      />
      <MyDayOverview workspaceId={workspace.id} />
      {can('goals.read') ? (
        <GoalsDashboard workspaceId={workspace.id} mayCreateGoal={can('goals.write')} />
      ) : null}
      {can('goals.read') ? (
        <PlanHealthCard
          workspaceId={workspace.id}
          mayUseTemplate={can('kpis.write') && can('processes.write')}
        />
      ) : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={statSpan}>
          <Card>
            <Statistic
              title={t('overview.yourRole')}
              valueRender={() => (
                <span data-testid="your-role">
                  <RoleTag role={role} />
                </span>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} sm={statSpan}>
          <Card>
            <Statistic
              title={t('overview.memberCount')}
              value={members.data?.length ?? '—'}
              prefix={<TeamOutlined />}
              loading={members.isPending}
            />
          </Card>
        </Col>
        {canSeeInvitations ? (
          <Col xs={24} sm={statSpan}>
            <Card>
              <Statistic
                title={t('overview.pendingInvitations')}
                value={pendingInvitations}
                prefix={<UserAddOutlined />}
                loading={invitations.isPending}
              />
            </Card>
          </Col>
        ) : null}
      </Row>
      <Row gutter={[16, 16]}>
        {can('audit.read') ? (
          <Col xs={24} lg={14}>
            <RecentActivityCard workspaceId={workspace.id} />
          </Col>
        ) : null}
        <Col xs={24} lg={can('audit.read') ? 10 : 24}>
          <Card
            title={t('overview.team')}
            extra={<Link to={`${base}/members`}>{t('overview.allMembers')}</Link>}
          >
            {members.error ? (
              <QueryError error={members.error} onRetry={() => void members.refetch()} />
            ) : (
              <List
                loading={members.isPending}
                dataSource={(members.data ?? []).slice(0, TEAM_SHOWN)}
                locale={{ emptyText: <Empty description={t('members.empty')} /> }}
                renderItem={(member) => (
                  <List.Item extra={<RoleTag role={member.role} />}>
                    <List.Item.Meta
                      avatar={<Avatar style={{ background: '#597ef7' }}>{member.name.slice(0, 1)}</Avatar>}
                      title={member.name}
                      description={member.title ?? member.email}
                    />
                  </List.Item>
                )}
              />
            )}
            {(members.data?.length ?? 0) > TEAM_SHOWN ? (
              <Link to={`${base}/members`} data-testid="team-more">
                {t('overview.moreMembers', { count: (members.data?.length ?? 0) - TEAM_SHOWN })}
              </Link>
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function RecentActivityCard({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const people = usePeopleNames(workspaceId);
  const activity = useRecentActivity(workspaceId, true);
  const [now] = useState(() => Date.now());

  return (
    <Card
      title={t('overview.recentActivity')}
      data-testid="recent-activity"
      extra={<Link to={`/w/${workspaceId}/audit`}>{t('overview.viewAuditLog')}</Link>}
    >
      {activity.isPending ? (
        <Skeleton active />
      ) : activity.error ? (
        <QueryError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : activity.data.length === 0 ? (
        <Empty description={t('overview.noActivity')} />
      ) : (
        <List
          dataSource={activity.data}
          renderItem={(entry) => (
            <List.Item>
              <Flex justify="space-between" gap={12} style={{ width: '100%' }}>
                <ActivitySentence workspaceId={workspaceId} entry={entry} people={people} />
                <Typography.Text
                  type="secondary"
                  title={format.dateTime(entry.createdAt)}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {format.relative(entry.createdAt, now)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
