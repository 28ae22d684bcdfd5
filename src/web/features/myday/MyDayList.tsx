import { Flex, List, Tag, Typography } from 'antd';
import { FlagFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../components/useFormatters.ts';
import { myDayLink, type MyDayItem } from './hooks.ts';

const KIND_COLORS: Record<MyDayItem['kind'], string> = {
  task: 'blue',
  step: 'purple',
  check_in: 'green',
  kpi_value: 'orange',
};

/** The line under an item's title: what it belongs to and what the person is asked for. */
function useDetail() {
  const { t } = useTranslation();
  const format = useFormatters();
  return (item: MyDayItem): string => {
    switch (item.kind) {
      case 'task':
        return [
          item.roles.map((role) => t(`myDay.roles.${role === 'A' ? 'A' : 'R'}`)).join(' · '),
          item.context,
        ]
          .filter(Boolean)
          .join(' · ');
      case 'step':
        return [item.context, item.stepName].filter(Boolean).join(' · ');
      case 'check_in':
        return t('myDay.checkInDetail');
      case 'kpi_value':
        return t('myDay.kpiDetail', { period: item.period ? format.day(item.period) : '' });
    }
  };
}

/** When an item is due: a step's deadline to the minute, everything else by day. */
function DueText({ item, isOverdue }: { item: MyDayItem; isOverdue: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const text =
    item.dueAt !== null
      ? format.dateTime(item.dueAt)
      : item.dueDay !== null
        ? format.day(item.dueDay)
        : t('myDay.noDate');
  return (
    <Typography.Text
      type={isOverdue ? 'danger' : 'secondary'}
      strong={isOverdue}
      style={{ whiteSpace: 'nowrap', fontSize: 13 }}
      data-testid="myday-due"
    >
      {text}
    </Typography.Text>
  );
}

/** One group of the person's queue, each item linked to where it is done. */
export function MyDayList({
  base,
  items,
  isOverdue = false,
}: {
  base: string;
  items: MyDayItem[];
  isOverdue?: boolean;
}) {
  const { t } = useTranslation();
  const detail = useDetail();
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(item) => (
        <List.Item data-testid="myday-item" style={{ paddingInline: 0 }}>
          <Flex justify="space-between" align="flex-start" gap={12} style={{ width: '100%' }} wrap>
            <Flex vertical gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Flex align="center" gap={6} wrap>
                <Tag color={KIND_COLORS[item.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`myDay.kinds.${item.kind}`)}
                </Tag>
                {item.isMilestone ? (
                  <FlagFilled style={{ color: '#fa8c16' }} aria-label={t('myDay.milestone')} />
                ) : null}
                <Link to={myDayLink(base, item)} style={{ fontWeight: 500, wordBreak: 'break-word' }}>
                  {item.title}
                </Link>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {detail(item)}
              </Typography.Text>
            </Flex>
            <DueText item={item} isOverdue={isOverdue} />
          </Flex>
        </List.Item>
      )}
    />
  );
}
