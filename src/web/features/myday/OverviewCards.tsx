import { Card, Col, Empty, Flex, List, Row, Skeleton, Tag, Typography } from 'antd';
import { FlagFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { daysBetween } from '../../../core/days/index.ts';
import { MyDayList } from './MyDayList.tsx';
import { useMyDay } from './hooks.ts';

/** The overview shows this many of the person's overdue items; the queue has the rest. */
const OVERDUE_SHOWN = 5;

const daysFrom = daysBetween;

/** The overview's top row: what the person is late on, and the team's milestones of the next 30 days. */
export function MyDayOverview({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const myDay = useMyDay(workspaceId);
  const base = `/w/${workspaceId}`;

  if (myDay.error)
    return (
      <div style={{ marginBottom: 16 }}>
        <QueryError error={myDay.error} onRetry={() => void myDay.refetch()} />
      </div>
    );
  const data = myDay.data;
  const overdue = data?.groups.overdue ?? [];

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={14}>
        <Card
          title={t('myDay.overdueTitle')}
          extra={<Link to={`${base}/queue`}>{t('myDay.openQueue')}</Link>}
          data-testid="overview-overdue"
          style={{ height: '100%' }}
        >
          {!data ? (
            <Skeleton active />
          ) : overdue.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myDay.overdueEmpty')} />
          ) : (
            <>
              <MyDayList base={base} items={overdue.slice(0, OVERDUE_SHOWN)} isOverdue />
              {overdue.length > OVERDUE_SHOWN ? (
                <Link to={`${base}/queue`} data-testid="overview-overdue-more">
                  {t('myDay.overdueMore', { count: overdue.length - OVERDUE_SHOWN })}
                </Link>
              ) : null}
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('myDay.milestonesTitle')} data-testid="overview-milestones" style={{ height: '100%' }}>
          {!data ? (
            <Skeleton active />
          ) : data.milestones.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myDay.milestonesEmpty')} />
          ) : (
            <List
              size="small"
              dataSource={data.milestones}
              renderItem={(milestone) => {
                const days = daysFrom(data.today, milestone.dueDay);
                return (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Flex justify="space-between" gap={12} style={{ width: '100%' }} wrap>
                      <Flex vertical gap={2} style={{ minWidth: 0, flex: '1 1 180px' }}>
                        <Flex align="center" gap={6}>
                          <FlagFilled style={{ color: '#fa8c16' }} />
                          <Link
                            to={`${base}/tasks?task=${encodeURIComponent(milestone.id)}`}
                            style={{ fontWeight: 500, wordBreak: 'break-word' }}
                          >
                            {milestone.title}
                          </Link>
                        </Flex>
                        {milestone.goal ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {milestone.goal}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                      <Flex vertical align="flex-end" gap={2}>
                        <Typography.Text style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
                          {format.day(milestone.dueDay)}
                        </Typography.Text>
                        <Tag color={days <= 3 ? 'orange' : undefined} style={{ marginInlineEnd: 0 }}>
                          {days === 0 ? t('myDay.dueToday') : t('myDay.daysLeft', { count: days })}
                        </Tag>
                      </Flex>
                    </Flex>
                  </List.Item>
                );
              }}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
