import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useHours, useStepAssignees } from './hooks.ts';

type Row = {
  assigneeId: string | null;
  name: string | null;
  visits: number;
  completed: number;
  medianWorkingMs: number | null;
  breached: number;
  breachRate: number | null;
};

/** Under a step of the analytics table: who did it, how long their work took and how often it was late. */
export function StepAssignees(props: {
  workspaceId: string;
  processId: string;
  stepKey: string;
  versionId: string | null;
  window: { from: string; to: string } | null;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const hours = useHours();
  const query = useStepAssignees(
    props.workspaceId,
    props.processId,
    props.stepKey,
    props.versionId,
    props.window,
  );
  if (query.error) return <QueryError error={query.error} />;
  const columns: TableColumnsType<Row> = [
    {
      title: t('analytics.person'),
      key: 'person',
      render: (_, row) => row.name || (row.assigneeId === null ? t('analytics.nobody') : '—'),
    },
    { title: t('analytics.count'), key: 'visits', align: 'right', render: (_, row) => row.visits },
    {
      title: t('analytics.workingMedian'),
      key: 'working',
      align: 'right',
      render: (_, row) => hours(row.medianWorkingMs),
    },
    {
      title: t('analytics.breaches'),
      key: 'breached',
      align: 'right',
      render: (_, row) =>
        row.breachRate === null ? '—' : `${row.breached} (${format.percent(row.breachRate)})`,
    },
  ];
  return (
    <Table<Row>
      rowKey={(row) => row.assigneeId ?? `name:${row.name ?? ''}`}
      columns={columns}
      dataSource={query.data?.assignees ?? []}
      loading={query.isLoading}
      pagination={false}
      size="small"
      data-testid={`step-assignees-${props.stepKey}`}
      locale={{ emptyText: t('analytics.noPeople') }}
    />
  );
}
