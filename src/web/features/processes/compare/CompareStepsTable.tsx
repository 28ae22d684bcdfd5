import { Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../components/useFormatters.ts';
import { msToHours, useHours, type StepMetrics } from '../hooks.ts';
import type { CompareRow, StepStatus } from './compareRows.ts';

const STATUS_COLORS: Record<StepStatus, string> = {
  added: 'green',
  removed: 'red',
  changed: 'blue',
  unchanged: 'default',
};

/** A change in hours with its sign: green when the step got faster, red when slower. */
function HoursChange({ ms }: { ms: number | null }) {
  const format = useFormatters();
  const hours = msToHours(ms);
  if (hours === null || ms === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (hours === 0) return <Typography.Text type="secondary">±0</Typography.Text>;
  return (
    <Typography.Text type={hours < 0 ? 'success' : 'danger'} strong>
      {hours > 0 ? '+' : '−'}
      {format.number(Math.abs(hours), 1)}
    </Typography.Text>
  );
}

/** Each step side by side: whether it changed and how, and its median waiting and working times. */
export function CompareStepsTable({
  rows,
  beforeNumber,
  afterNumber,
}: {
  rows: CompareRow[];
  beforeNumber: number;
  afterNumber: number;
}) {
  const { t } = useTranslation();
  const hours = useHours();
  const time = (metrics: StepMetrics | null, pick: (step: StepMetrics) => number | null) =>
    metrics === null ? '—' : hours(pick(metrics));
  const beforeTitle = t('processes.versionTag', { number: beforeNumber });
  const afterTitle = t('processes.versionTag', { number: afterNumber });

  const columns: TableColumnsType<CompareRow> = [
    {
      title: t('compare.step'),
      key: 'step',
      fixed: 'left',
      width: 140,
      render: (_, row) => (
        <Typography.Text strong delete={row.status === 'removed'}>
          {row.name}
        </Typography.Text>
      ),
    },
    {
      title: t('compare.status'),
      key: 'status',
      width: 108,
      render: (_, row) => (
        <Tag color={STATUS_COLORS[row.status]} data-testid={`compare-status-${row.key}`}>
          {t(`compare.statuses.${row.status}`)}
        </Tag>
      ),
    },
    {
      title: t('compare.whatChanged'),
      key: 'changes',
      render: (_, row) =>
        row.changes.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex vertical gap={2} data-testid={`compare-changes-${row.key}`}>
            {row.changes.map((line) => (
              <span key={line}>{line}</span>
            ))}
          </Flex>
        ),
    },
    {
      title: t('compare.waiting'),
      key: 'waiting',
      children: [
        {
          title: beforeTitle,
          key: 'waitingBefore',
          align: 'right',
          width: 72,
          render: (_, row) => time(row.before, (step) => step.waiting.medianMs),
        },
        {
          title: afterTitle,
          key: 'waitingAfter',
          align: 'right',
          width: 72,
          render: (_, row) => time(row.after, (step) => step.waiting.medianMs),
        },
        {
          title: t('compare.delta'),
          key: 'waitingDelta',
          align: 'right',
          width: 72,
          render: (_, row) => <HoursChange ms={row.waitingChangeMs} />,
        },
      ],
    },
    {
      title: t('compare.working'),
      key: 'working',
      children: [
        {
          title: beforeTitle,
          key: 'workingBefore',
          align: 'right',
          width: 72,
          render: (_, row) => time(row.before, (step) => step.working.medianMs),
        },
        {
          title: afterTitle,
          key: 'workingAfter',
          align: 'right',
          width: 72,
          render: (_, row) => time(row.after, (step) => step.working.medianMs),
        },
        {
          title: t('compare.delta'),
          key: 'workingDelta',
          align: 'right',
          width: 72,
          render: (_, row) => <HoursChange ms={row.workingChangeMs} />,
        },
      ],
    },
  ];

  return (
    <Table<CompareRow>
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      size="small"
      bordered
      scroll={{ x: 900 }}
      data-testid="compare-steps"
    />
  );
}
