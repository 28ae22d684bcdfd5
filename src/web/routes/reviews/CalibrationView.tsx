import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Table,
  Tag,
  Typography,
} from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EChart } from '../../components/charts/EChart.tsx';
import { CHART_COLORS, CHART_GRID } from '../../components/charts/axes.ts';
import type { ChartOption } from '../../components/charts/echarts.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { FROM_TABLET } from '../../components/responsive.ts';
import {
  useCalibration,
  useUpdateFinal,
  type Calibration,
  type ReviewCycle,
} from '../../features/reviews/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type Entry = Calibration['entries'][number];

/**
 * The manager's calibration: the team's ratings against what their data suggests, people a point or more away
 * from their data flagged, and the final rating changed with a written reason (kept in the audit log).
 */
export function CalibrationView({ cycle }: { cycle: ReviewCycle }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const calibration = useCalibration(workspace.id, cycle.id, true);
  const [editing, setEditing] = useState<Entry | null>(null);
  const option = useMemo<ChartOption | null>(() => {
    const data = calibration.data;
    if (!data) return null;
    const ratings = Array.from({ length: data.scale }, (_, i) => String(i + 1));
    return {
      animation: false,
      // The legend sits right, clear of the y axis's name; the x axis's name needs room below the ratings.
      grid: { ...CHART_GRID, top: 40, bottom: 36 },
      legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: ratings,
        name: t('reviews.calibration.rating'),
        nameLocation: 'middle',
        nameGap: 26,
      },
      yAxis: { type: 'value', minInterval: 1, name: t('reviews.calibration.people') },
      series: [
        {
          type: 'bar',
          name: t('reviews.calibration.rating'),
          barMaxWidth: 28,
          itemStyle: { color: CHART_COLORS.actual },
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value?: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''),
          },
          data: data.distribution,
        },
        {
          type: 'bar',
          name: t('reviews.calibration.dataRating'),
          barMaxWidth: 28,
          itemStyle: { color: '#bfbfbf' },
          data: data.dataDistribution,
        },
      ],
    };
  }, [calibration.data, t]);

  if (calibration.isError)
    return <QueryError error={calibration.error} onRetry={() => void calibration.refetch()} />;
  const data = calibration.data;
  if (!data) return <Card loading />;
  if (data.entries.length === 0) return <Empty description={t('reviews.calibration.empty')} />;
  const signedOffOrClosed = (entry: Entry) => entry.signedOffAt !== null || cycle.stage === 'closed';

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('reviews.calibration.title')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('reviews.calibration.hint')}
        </Typography.Paragraph>
        {option ? (
          <EChart
            option={option}
            height={240}
            testId="calibration-chart"
            ariaLabel={t('reviews.calibration.title')}
          />
        ) : null}
      </Card>
      <Table<Entry>
        rowKey="participantId"
        size="small"
        pagination={false}
        dataSource={data.entries}
        onRow={() => ({ 'data-testid': 'calibration-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'person',
            title: t('reviews.columns.person'),
            render: (_, entry) => (
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Link
                  to={`/w/${workspace.id}/reviews/people/${entry.participantId}`}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {entry.reviewee.name}
                </Link>
                {entry.outlier ? (
                  <Tag
                    color={entry.outlier.direction === 'above' ? 'orange' : 'red'}
                    icon={<WarningOutlined />}
                    style={{ width: 'fit-content' }}
                    data-testid="outlier"
                  >
                    {entry.outlier.direction === 'above'
                      ? t('reviews.calibration.outlierAbove', {
                          difference: Math.abs(entry.outlier.difference),
                        })
                      : t('reviews.calibration.outlierBelow', {
                          difference: Math.abs(entry.outlier.difference),
                        })}
                  </Tag>
                ) : null}
              </Flex>
            ),
          },
          {
            key: 'manager',
            title: t('reviews.calibration.managerRating'),
            align: 'right',
            responsive: FROM_TABLET,
            render: (_, entry) => entry.managerRating ?? t('reviews.noRating'),
          },
          {
            key: 'data',
            title: t('reviews.calibration.dataRating'),
            align: 'right',
            render: (_, entry) =>
              entry.dataRating === null ? (
                t('reviews.noRating')
              ) : (
                <Link to={`/w/${workspace.id}/reviews/people/${entry.participantId}#scorecard`}>
                  {entry.dataRating}
                </Link>
              ),
          },
          {
            key: 'final',
            title: t('reviews.calibration.finalRating'),
            align: 'right',
            render: (_, entry) => (
              <Flex vertical align="flex-end" gap={2}>
                <Typography.Text strong>{entry.rating ?? t('reviews.noRating')}</Typography.Text>
                {!signedOffOrClosed(entry) ? (
                  <Button
                    size="small"
                    type="link"
                    style={{ padding: 0 }}
                    onClick={() => setEditing(entry)}
                    data-testid="change-final"
                  >
                    {t('reviews.calibration.change')}
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      {editing ? <FinalModal entry={editing} scale={data.scale} onClose={() => setEditing(null)} /> : null}
    </Flex>
  );
}

type FinalValues = { finalRating: number; reason?: string; finalComment?: string };

function FinalModal({ entry, scale, onClose }: { entry: Entry; scale: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const update = useUpdateFinal(workspace.id);
  const [form] = Form.useForm<FinalValues>();
  const rating = Form.useWatch('finalRating', form);
  const needsReason =
    rating !== undefined &&
    rating !== null &&
    entry.managerRating !== null &&
    Math.abs(rating - entry.managerRating) >= 0.005;
  return (
    <Modal
      open
      title={t('reviews.calibration.changeTitle', { name: entry.reviewee.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: update.isPending, id: 'save-final' }}
      destroyOnHidden
    >
      <Form<FinalValues>
        form={form}
        layout="vertical"
        name="finalRating"
        initialValues={{ finalRating: entry.rating ?? entry.dataRating ?? undefined }}
        onFinish={(values) =>
          update.mutate(
            {
              participantId: entry.participantId,
              body: {
                finalRating: values.finalRating,
                ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
                ...(values.finalComment?.trim() ? { finalComment: values.finalComment.trim() } : {}),
              },
            },
            {
              onSuccess: () => {
                void message.success(t('reviews.form.saved'));
                onClose();
              },
              onError: (error) => applyFieldErrors(form, error),
            },
          )
        }
      >
        <FormErrorAlert error={update.error} />
        <Flex gap={16} wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">
            {t('reviews.calibration.managerRating')}: {entry.managerRating ?? t('reviews.noRating')}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('reviews.calibration.dataRating')}: {entry.dataRating ?? t('reviews.noRating')}
          </Typography.Text>
        </Flex>
        <Form.Item
          name="finalRating"
          label={t('reviews.calibration.finalRating')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber
            min={1}
            max={scale}
            step={0.5}
            style={{ width: 140 }}
            aria-label={t('reviews.calibration.finalRating')}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('reviews.calibration.reason')}
          extra={t('reviews.calibration.reasonHint')}
          rules={[
            {
              required: needsReason,
              whitespace: true,
              min: 4,
              message: t('reviews.form.overrideRequired'),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('reviews.calibration.reasonPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="finalComment" label={t('reviews.calibration.comment')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
