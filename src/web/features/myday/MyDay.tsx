import type { ReactNode } from 'react';
import { Badge, Card, Empty, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { MyDayList } from './MyDayList.tsx';
import { MY_DAY_GROUPS, useMyDay } from './hooks.ts';

const GROUP_COLORS = { overdue: '#ff4d4f', today: '#1677ff', week: '#8c8c8c', later: '#d9d9d9' } as const;

/**
 * 我的待办: everything waiting on the signed-in person — tasks they are R or A for, process steps, check-ins
 * and KPI values due — in the order it falls due: overdue, today, this week, later.
 */
export function MyDay({ workspaceId, extra }: { workspaceId: string; extra: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const myDay = useMyDay(workspaceId);
  const base = `/w/${workspaceId}`;
  const groups = myDay.data?.groups;
  const total = groups ? MY_DAY_GROUPS.reduce((sum, group) => sum + groups[group].length, 0) : 0;

  return (
    <>
      <PageHeader
        title={t('queue.title')}
        description={
          myDay.data
            ? t('myDay.description', { day: format.day(myDay.data.today) })
            : t('myDay.descriptionShort')
        }
        extra={extra}
      />
      {myDay.error ? (
        <QueryError error={myDay.error} onRetry={() => void myDay.refetch()} />
      ) : !groups ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : total === 0 ? (
        <Card>
          <Empty description={t('myDay.empty')} data-testid="myday-empty" />
        </Card>
      ) : (
        <Flex vertical gap={16} data-testid="myday">
          {MY_DAY_GROUPS.filter((group) => groups[group].length > 0).map((group) => (
            <Card
              key={group}
              size="small"
              data-testid={`myday-group-${group}`}
              title={
                <Flex align="center" gap={8}>
                  <Badge color={GROUP_COLORS[group]} />
                  <span>{t(`myDay.groups.${group}`)}</span>
                  <Badge
                    count={groups[group].length}
                    color={group === 'overdue' ? GROUP_COLORS.overdue : '#bfbfbf'}
                    showZero={false}
                  />
                </Flex>
              }
            >
              <MyDayList base={base} items={groups[group]} isOverdue={group === 'overdue'} />
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}
