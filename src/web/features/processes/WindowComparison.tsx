import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { dayToDate } from '../../components/format.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useHours, type ProcessAnalytics } from './hooks.ts';
import type { WindowDays } from './analyticsWindow.ts';

type Row = {
  key: string;
  label: string;
  before: number | null;
  after: number | null;
  /** Durations are shown in hours and shorter is better; counts are shown as they are and more is better. */
  kind: 'duration' | 'count';
};

/** The chosen window against the period before it: cases, lead times and each step's median times. */
export function WindowComparison(props: {
  current: ProcessAnalytics;
  previous: ProcessAnalytics;
  previousDays: WindowDays;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const hours = useHours();
  const { current, previous } = props;
  const stepName = (key: string) => current.stepNames[key] ?? key;
  const before = new Map(previous.steps.map((step) => [step.stepKey, step]));
  const rows: Row[] = [
    {
      key: 'completed',
      label: t('analytics.completed'),
      before: previous.runs.completed,
      after: current.runs.completed,
      kind: 'count',
    },
    {
      key: 'medianLead',
      label: t('analytics.medianLead'),
      before: previous.leadTime.medianMs,
      after: current.leadTime.medianMs,
      kind: 'duration',
    },
    {
      key: 'p90Lead',
      label: t('analytics.p90Lead'),
      before: previous.leadTime.p90Ms,
      after: current.leadTime.p90Ms,
      kind: 'duration',
    },
    ...current.steps.flatMap((step): Row[] => [
      {
        key: `${step.stepKey}:waiting`,
        label: t('analytics.stepWaiting', { step: stepName(step.stepKey) }),
        before: before.get(step.stepKey)?.waiting.medianMs ?? null,
        after: step.waiting.medianMs,
        kind: 'duration',
      },
      {
        key: `${step.stepKey}:working`,
        label: t('analytics.stepWorking', { step: stepName(step.stepKey) }),
        before: before.get(step.stepKey)?.working.medianMs ?? null,
        after: step.working.medianMs,
        kind: 'duration',
      },
    ]),
  ];
  const show = (row: Row, value: number | null) =>
    value === null
      ? '—'
      : row.kind === 'count'
        ? format.number(value)
        : t('analytics.hours', { hours: hours(value) });
  const columns: TableColumnsType<Row> = [
    { title: t('analytics.metric'), key: 'label', render: (_, row) => row.label },
    {
      title: t('analytics.previousPeriod'),
      key: 'before',
      align: 'right',
      render: (_, row) => show(row, row.before),
    },
    {
      title: t('analytics.thisPeriod'),
      key: 'after',
      align: 'right',
      render: (_, row) => show(row, row.after),
    },
    {
      title: t('analytics.change'),
      key: 'change',
      align: 'right',
      render: (_, row) => {
        if (row.before === null || row.after === null || row.before === 0) return '—';
        const ratio = (row.after - row.before) / row.before;
        // Under one percent reads as "0%": no sign and no colour for a change the figure cannot show.
        if (Math.abs(ratio) < 0.01)
          return <Typography.Text type="secondary">{format.percent(0)}</Typography.Text>;
        const better = row.kind === 'duration' ? ratio < 0 : ratio > 0;
        return (
          <Typography.Text type={better ? 'success' : 'danger'}>
            {`${ratio > 0 ? '+' : '−'}${format.percent(Math.abs(ratio))}`}
          </Typography.Text>
        );
      },
    },
  ];
  const day = (value: string) => format.date(dayToDate(value).getTime());
  return (
    <Card
      title={t('analytics.windowComparison', {
        from: day(props.previousDays.from),
        to: day(props.previousDays.to),
      })}
      styles={{ body: { padding: 0 } }}
      data-testid="window-comparison"
    >
      <Table<Row>
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        size="small"
        scroll={{ x: 520 }}
      />
    </Card>
  );
}
