import { mondayOf } from '../../../core/days/index.ts';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useWorkTime } from '../workspaces/hooks.ts';
import { checkOutlier } from '../../../core/kpis/outliers.ts';
import {
  useDeleteMeasurement,
  useMeasurementContext,
  useMeasurements,
  useSaveMeasurements,
  type Kpi,
  type Measurement,
} from './hooks.ts';

type EntryValues = { period: Dayjs | null; value: number | null };

const SOURCE_COLORS = { manual: 'blue', import: 'purple', api: 'cyan' } as const;

/** The period after `period`: the measurement list pages down from just before it. */
function periodAfter(period: string, frequency: Kpi['frequency']): string {
  const unit = frequency === 'month' ? 'month' : frequency === 'week' ? 'week' : 'day';
  return dayjs(period).add(1, unit).format('YYYY-MM-DD');
}

/** The period a picked day stands for: the day, the Monday of its week, or the first of its month. */
function periodOf(day: Dayjs, frequency: Kpi['frequency']): string {
  if (frequency === 'month') return day.startOf('month').format('YYYY-MM-DD');
  if (frequency === 'week') return mondayOf(day.format('YYYY-MM-DD'));
  return day.format('YYYY-MM-DD');
}

/** A measured KPI's values, newest first, paged by cursor, with form entry and delete by permission. */
export function MeasurementsCard({
  workspaceId,
  kpi,
  mayWrite,
}: {
  workspaceId: string;
  kpi: Kpi;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const format = useFormatters();
  const [form] = Form.useForm<EntryValues>();
  const readContext = useMeasurementContext(workspaceId, kpi.key);
  const measurements = useMeasurements(workspaceId, kpi.key);
  const saveMeasurements = useSaveMeasurements(workspaceId, kpi.key);
  const remove = useDeleteMeasurement(workspaceId, kpi.key);
  const rows = measurements.data?.pages.flatMap((page) => page.items) ?? [];
  // "Today" is the workspace's day (its time zone), not the browser's: a Beijing team entering yesterday's figure
  // from a laptop still on UTC must not land a day off.
  const workToday = useWorkTime(workspaceId).data?.today;
  const today = workToday ? dayjs(workToday) : dayjs();
  useEffect(() => {
    if (workToday && !form.isFieldTouched('period')) form.setFieldsValue({ period: dayjs(workToday) });
  }, [form, workToday]);
  const periodLabel =
    kpi.frequency === 'week'
      ? t('measurements.entryPeriodWeek')
      : kpi.frequency === 'month'
        ? t('measurements.entryPeriodMonth')
        : t('measurements.entryPeriodDay');

  const save = (period: string, value: number) =>
    saveMeasurements.mutate([{ period, value }], {
      onSuccess: () => {
        void message.success(t('measurements.saved', { period: format.period(period, kpi.frequency) }));
        form.setFieldsValue({ value: null });
      },
      // The API names the fields of the first (only) point `points.0.period` / `points.0.value`.
      onError: (error) => applyFieldErrors(form, error, (path) => path.replace(/^points\.\d+\./, '')),
    });

  // A value that replaces another, or stands far outside the usual ones (core/kpis/outliers), is confirmed first.
  const submit = async (values: EntryValues) => {
    if (!values.period || values.value === null) return;
    const period = periodOf(values.period, kpi.frequency);
    const value = values.value;
    let context: Awaited<ReturnType<typeof readContext>>;
    try {
      context = await readContext(period, periodAfter(period, kpi.frequency));
    } catch (error) {
      void message.error(errorMessage(error));
      return;
    }
    const outlier = checkOutlier(value, context.recent);
    const warnings = [
      context.existing && context.existing.value !== value
        ? t('measurements.replaceWarning', {
            period: format.period(period, kpi.frequency),
            old: format.measure(context.existing.value, kpi.unit),
            value: format.measure(value, kpi.unit),
          })
        : null,
      outlier?.isOutlier
        ? t('measurements.outlierWarning', {
            value: format.measure(value, kpi.unit),
            typical: format.measure(outlier.typical, kpi.unit),
            low: format.measure(Math.round(outlier.low * 100) / 100, kpi.unit),
            high: format.measure(Math.round(outlier.high * 100) / 100, kpi.unit),
          })
        : null,
    ].filter((warning): warning is string => warning !== null);
    if (warnings.length === 0) {
      save(period, value);
      return;
    }
    modal.confirm({
      title: context.existing ? t('measurements.replaceTitle') : t('measurements.outlierTitle'),
      content: (
        <Flex vertical gap={8} data-testid="measurement-confirm">
          {warnings.map((warning) => (
            <Typography.Text key={warning}>{warning}</Typography.Text>
          ))}
        </Flex>
      ),
      okText: context.existing ? t('measurements.replaceOk') : t('measurements.outlierOk'),
      cancelText: t('actions.cancel'),
      onOk: () => save(period, value),
    });
  };

  return (
    <Card title={t('measurements.title')} data-testid="measurements">
      {mayWrite ? (
        <>
          <FormErrorAlert error={saveMeasurements.error} />
          <Form
            name="measurement"
            form={form}
            layout="inline"
            initialValues={{ period: today, value: null }}
            onFinish={(values) => void submit(values)}
            style={{ rowGap: 8, marginBottom: 4 }}
          >
            <Form.Item
              name="period"
              label={periodLabel}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker
                picker={kpi.frequency === 'day' ? 'date' : kpi.frequency}
                allowClear={false}
                disabledDate={(day) => day.isAfter(today, 'day')}
                format={
                  kpi.frequency === 'week'
                    ? (value) => format.period(periodOf(value, 'week'), 'week')
                    : kpi.frequency === 'month'
                      ? (value) => format.period(periodOf(value, 'month'), 'month')
                      : undefined
                }
                style={{ width: kpi.frequency === 'week' ? 210 : 160 }}
              />
            </Form.Item>
            <Form.Item
              name="value"
              label={t('measurements.entryValue')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber
                style={{ width: 160 }}
                suffix={kpi.unit ?? undefined}
                data-testid="measurement-value"
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={saveMeasurements.isPending}>
                {t('measurements.entrySave')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 16 }}>
            {t('measurements.entryHint')}
          </Typography.Paragraph>
        </>
      ) : null}
      {measurements.error ? (
        <QueryError error={measurements.error} onRetry={() => void measurements.refetch()} />
      ) : (
        <>
          <Table<Measurement>
            rowKey="period"
            size="small"
            loading={measurements.isPending}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('measurements.empty') }}
            columns={[
              {
                title: t('measurements.period'),
                key: 'period',
                render: (_, row) => format.period(row.period, kpi.frequency),
              },
              {
                title: t('measurements.value'),
                key: 'value',
                align: 'right',
                render: (_, row) => (
                  <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {format.measure(row.value, kpi.unit)}
                  </span>
                ),
              },
              {
                title: t('measurements.source'),
                key: 'source',
                render: (_, row) => (
                  <Tag color={SOURCE_COLORS[row.source]} style={{ marginInlineEnd: 0 }}>
                    {t(`measurements.sources.${row.source}`)}
                  </Tag>
                ),
              },
              {
                title: t('measurements.author'),
                key: 'author',
                render: (_, row) => row.author ?? '—',
              },
              {
                title: t('measurements.updatedAt'),
                key: 'updatedAt',
                render: (_, row) => format.dateTime(row.updatedAt),
              },
              ...(mayWrite
                ? [
                    {
                      title: '',
                      key: 'actions',
                      width: 48,
                      render: (_: unknown, row: Measurement) => (
                        <Popconfirm
                          title={t('measurements.deleteConfirm', {
                            period: format.period(row.period, kpi.frequency),
                          })}
                          okText={t('actions.remove')}
                          cancelText={t('actions.cancel')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() =>
                            remove.mutateAsync(row.period).then(
                              () => void message.success(t('measurements.deleted')),
                              (error: unknown) => void message.error(errorMessage(error)),
                            )
                          }
                        >
                          <Button
                            type="text"
                            size="small"
                            icon={<DeleteOutlined />}
                            aria-label={t('actions.remove')}
                          />
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {measurements.hasNextPage ? (
            <Flex justify="center" style={{ marginTop: 12 }}>
              <Button
                onClick={() => void measurements.fetchNextPage()}
                loading={measurements.isFetchingNextPage}
              >
                {t('measurements.loadMore')}
              </Button>
            </Flex>
          ) : null}
        </>
      )}
    </Card>
  );
}
