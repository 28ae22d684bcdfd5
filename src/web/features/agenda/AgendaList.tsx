import { Flex, List, Tag, Typography } from 'antd';
import { FlagFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../components/useFormatters.ts';
import { agendaLink, type AgendaItem } from './hooks.ts';

const KIND_COLORS: Record<AgendaItem['kind'], string> = {
  task: 'blue',
  step: 'purple',
  check_in: 'green',
  kpi_value: 'orange',
};

/** The line under an item's title: what it belongs to and what the person is asked for. */
function useDetail() {
  const { t } = useTranslation();
  const format = useFormatters();
  return (item: AgendaItem): string => {
    switch (item.kind) {
      case 'task':
        return [
          item.roles.map((role) => t(`agenda.roles.${role === 'A' ? 'A' : 'R'}`)).join(' · '),
          item.context,
        ]
          .filter(Boolean)
          .join(' · ');
      case 'step':
        return [item.context, item.stepName].filter(Boolean).join(' · ');
      case 'check_in':
        return t('agenda.checkInDetail');
      case 'kpi_value':
        return t('agenda.kpiDetail', { period: item.period ? format.day(item.period) : '' });
    }
  };
}

/** When an item is due: a step's deadline to the minute, everything else by day. */
function DueText({ item, isOverdue }: { item: AgendaItem; isOverdue: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const text =
    item.dueAt !== null
      ? format.dateTime(item.dueAt)
      : item.dueDay !== null
        ? format.day(item.dueDay)
        : t('agenda.noDate');
  return (
    <Typography.Text
      type={isOverdue ? 'danger' : 'secondary'}
      strong={isOverdue}
      style={{ whiteSpace: 'nowrap', fontSize: 13 }}
      data-testid="agenda-due"
    >
      {text}
    </Typography.Text>
  );
}

/** One group of the person's queue, each item linked to where it is done. */
export function AgendaList({
  base,
  items,
  isOverdue = false,
}: {
  base: string;
  items: AgendaItem[];
  isOverdue?: boolean;
}) {
  const { t } = useTranslation();
  const detail = useDetail();
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(item) => (
        <List.Item data-testid="agenda-item" style={{ paddingInline: 0 }}>
          <Flex justify="space-between" align="flex-start" gap={12} style={{ width: '100%' }} wrap>
            <Flex vertical gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Flex align="center" gap={6} wrap>
                <Tag color={KIND_COLORS[item.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`agenda.kinds.${item.kind}`)}
                </Tag>
                {item.isMilestone ? (
                  <FlagFilled style={{ color: '#fa8c16' }} aria-label={t('agenda.milestone')} />
                ) : null}
                <Link to={agendaLink(base, item)} style={{ fontWeight: 500, wordBreak: 'break-word' }}>
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
