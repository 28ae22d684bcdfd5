import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { RUN_STATUSES, useRuns, useStartRun, type RunStatus, type RunSummary } from './hooks.ts';
import { RunStatusTag } from './RunStatusTag.tsx';

/** A process's cases, newest first, a page at a time, with a status filter and a way to start one. */
export function RunsTab({
  workspaceId,
  processId,
  stepNames,
  mayStart,
}: {
  workspaceId: string;
  processId: string;
  stepNames: Map<string, string>;
  mayStart: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [status, setStatus] = useState<RunStatus[]>([]);
  const runs = useRuns(workspaceId, processId, status);
  const startRun = useStartRun(workspaceId, processId);
  const [isStarting, setStarting] = useState(false);
  const [form] = Form.useForm<{ subject: string }>();
  const base = `/w/${workspaceId}`;

  const columns: TableColumnsType<RunSummary> = [
    {
      title: t('runs.subject'),
      key: 'subject',
      render: (_, run) => (
        <Link to={`${base}/runs/${run.id}`} style={{ fontWeight: 500 }}>
          {run.subject}
        </Link>
      ),
    },
    {
      title: t('runs.status'),
      key: 'status',
      width: 110,
      render: (_, run) => <RunStatusTag status={run.status} />,
    },
    {
      title: t('runs.currentStep'),
      key: 'currentStep',
      width: 180,
      render: (_, run) =>
        run.currentStepKey ? (stepNames.get(run.currentStepKey) ?? run.currentStepKey) : '—',
    },
    {
      title: t('runs.startedAt'),
      key: 'startedAt',
      width: 180,
      render: (_, run) => format.dateTime(run.startedAt),
    },
    {
      title: t('runs.finishedAt'),
      key: 'finishedAt',
      width: 180,
      render: (_, run) => (run.finishedAt === null ? '—' : format.dateTime(run.finishedAt)),
    },
  ];

  const submit = ({ subject }: { subject: string }) =>
    startRun.mutate(subject.trim(), {
      onSuccess: (run) => {
        void message.success(t('runs.started'));
        setStarting(false);
        form.resetFields();
        void navigate(`${base}/runs/${run.id}`);
      },
      onError: (error) => applyFieldErrors(form, error),
    });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" gap={12} wrap>
        <Select<RunStatus[]>
          mode="multiple"
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t('runs.allStatuses')}
          style={{ minWidth: 260 }}
          options={RUN_STATUSES.map((value) => ({ value, label: t(`runs.statuses.${value}`) }))}
          data-testid="runs-status-filter"
        />
        {mayStart ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setStarting(true)}
            data-testid="start-run"
          >
            {t('runs.start')}
          </Button>
        ) : null}
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<RunSummary>
          rowKey="id"
          columns={columns}
          dataSource={runs.data ?? []}
          loading={runs.isPending}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: t('runs.empty') }}
          data-testid="runs-table"
        />
      </Card>
      {runs.data && runs.data.length > 0 ? (
        <Flex justify="center" align="center" gap={12} data-testid="runs-paging">
          <Typography.Text type="secondary" data-testid="runs-shown">
            {runs.hasNextPage
              ? t('runs.shown', { count: runs.data.length })
              : t('runs.shownAll', { count: runs.data.length })}
          </Typography.Text>
          {runs.hasNextPage ? (
            <Button
              loading={runs.isFetchingNextPage}
              onClick={() => void runs.fetchNextPage()}
              data-testid="runs-load-more"
            >
              {t('runs.loadMore')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {runs.error ? <FormErrorAlert error={runs.error} /> : null}
      <Modal
        open={isStarting}
        title={t('runs.startTitle')}
        onCancel={() => setStarting(false)}
        onOk={() => form.submit()}
        okText={t('runs.start')}
        confirmLoading={startRun.isPending}
        destroyOnHidden
      >
        <FormErrorAlert error={startRun.error} />
        <Form form={form} layout="vertical" name="run" onFinish={submit} preserve={false}>
          <Form.Item
            name="subject"
            label={t('runs.subject')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input placeholder={t('runs.subjectPlaceholder')} maxLength={200} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
