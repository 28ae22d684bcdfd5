import { useState } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Checkbox,
  Col,
  Flex,
  Result,
  Row,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ImportIssuesTable } from '../../components/import/ImportPieces.tsx';
import { ImportWizard } from '../../components/import/ImportWizard.tsx';
import { useImportFlow } from '../../components/import/useImportFlow.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useImportEventLog, useProcess, type EventLogImportReport } from '../../features/processes/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/**
 * Bring another system's history into a process: choose a CSV or XLSX event log, check it (rows with problems,
 * steps the process lacks, assignees who are not members), then import every case or none.
 */
export function ImportEventLogPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { processId = '' } = useParams();
  const { workspace, can } = useWorkspaceScope();
  const process = useProcess(workspace.id, processId);
  const upload = useImportEventLog(workspace.id, processId);
  const [file, setFile] = useState<File | null>(null);
  // Steps the log names that the process lacks are created with the import unless the user says no.
  const [createSteps, setCreateSteps] = useState(true);
  const flow = useImportFlow<EventLogImportReport>({
    send: (transfer) => upload.mutateAsync({ ...transfer, createSteps, file: file as File }),
    reset: upload.reset,
  });
  const base = `/w/${workspace.id}`;
  const processUrl = `${base}/processes/${processId}`;

  if (!can('processes.write')) return <Result status="403" title={t('eventLogImport.noPermission')} />;

  const restart = () => {
    setFile(null);
    flow.restart();
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'root', title: <Link to={`${base}/processes`}>{t('processes.title')}</Link> },
          { key: 'process', title: <Link to={processUrl}>{process.data?.name ?? '…'}</Link> },
          { key: 'import', title: t('eventLogImport.title') },
        ]}
      />
      <PageHeader title={t('eventLogImport.title')} description={t('eventLogImport.description')} />
      <ImportWizard<EventLogImportReport>
        flow={flow}
        error={upload.error}
        file={file}
        onFile={(chosen) => {
          setFile(chosen);
          upload.reset();
        }}
        dropHint={t('eventLogImport.dropHint')}
        renderReport={(report) => (
          <EventLogReportView
            report={report}
            editUrl={`${processUrl}/edit`}
            createSteps={createSteps}
            onCreateSteps={setCreateSteps}
            stepNames={new Map((process.data?.version?.steps ?? []).map((step) => [step.key, step.name]))}
          />
        )}
        renderActions={(report) => (
          <ReportActions
            report={report}
            createSteps={createSteps}
            onCommit={() => flow.commit(report)}
            onRestart={restart}
          />
        )}
        renderDone={(report) => (
          <Result
            status="success"
            title={
              <span data-testid="import-result">
                {t('eventLogImport.resultTitle', {
                  count: report.cases.total,
                  cases: format.number(report.cases.total, 0),
                })}
              </span>
            }
            subTitle={t('eventLogImport.resultHint')}
            extra={
              <Flex gap={8} wrap justify="center">
                <Button onClick={restart}>{t('eventLogImport.again')}</Button>
                <Link to={`${processUrl}?tab=analytics`} data-testid="import-open-analytics">
                  <Button type="primary" icon={<BarChartOutlined />}>
                    {t('eventLogImport.openAnalytics')}
                  </Button>
                </Link>
              </Flex>
            }
          />
        )}
      />
    </>
  );
}

function ReportActions({
  report,
  createSteps,
  onCommit,
  onRestart,
}: {
  report: EventLogImportReport;
  createSteps: boolean;
  onCommit: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const stepsMissing = report.missingSteps.length > 0 && !(createSteps && report.canCreateSteps);
  const isBlocked = report.issueCount > 0 || stepsMissing || report.cases.total === 0;
  const commit = (
    <Button type="primary" disabled={isBlocked} onClick={onCommit} data-testid="import-commit">
      {t('eventLogImport.commit', { count: report.cases.total, cases: format.number(report.cases.total, 0) })}
    </Button>
  );
  return (
    <Flex justify="flex-end" gap={8} wrap>
      <Button onClick={onRestart} type={isBlocked ? 'primary' : 'default'} data-testid="import-fix">
        {t('import.fixFile')}
      </Button>
      {isBlocked ? <Tooltip title={t('eventLogImport.commitBlocked')}>{commit}</Tooltip> : commit}
    </Flex>
  );
}

function EventLogReportView({
  report,
  editUrl,
  createSteps,
  onCreateSteps,
  stepNames,
}: {
  report: EventLogImportReport;
  editUrl: string;
  createSteps: boolean;
  onCreateSteps: (value: boolean) => void;
  stepNames: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const number = (value: number) => format.number(value, 0);
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('import.totalRows')} value={number(report.rows)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('eventLogImport.cases')} value={number(report.cases.total)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('eventLogImport.completed')} value={number(report.cases.completed)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('eventLogImport.activeCancelled')}
            value={`${number(report.cases.active)} / ${number(report.cases.cancelled)}`}
          />
        </Col>
      </Row>
      {report.missingSteps.length > 0 ? (
        <Alert
          type={report.canCreateSteps && createSteps ? 'info' : 'error'}
          showIcon
          title={t('eventLogImport.missingSteps', { steps: report.missingSteps.join('、') })}
          description={
            <Flex vertical gap={4}>
              {report.canCreateSteps ? (
                <Checkbox
                  checked={createSteps}
                  onChange={(event) => onCreateSteps(event.target.checked)}
                  data-testid="import-create-steps"
                >
                  {t('eventLogImport.createSteps', { count: report.missingSteps.length })}
                </Checkbox>
              ) : null}
              <Link to={editUrl} data-testid="import-edit-flow">
                {t('eventLogImport.addSteps')}
              </Link>
            </Flex>
          }
          data-testid="import-missing-steps"
        />
      ) : null}
      {report.warnings.map((warning) => (
        <Alert key={warning} type="warning" showIcon title={warning} />
      ))}
      {report.assignees.unmatched.length > 0 ? (
        <Alert
          type="info"
          showIcon
          title={t('eventLogImport.unmatched', {
            count: report.assignees.unmatched.length,
            names: report.assignees.unmatched.slice(0, 10).join('、'),
          })}
        />
      ) : null}
      <ImportIssuesTable
        issues={report.issues.map((issue) => ({ ...issue, column: issue.column ?? '' }))}
        issueCount={report.issueCount}
        columnLabel={(column) => column}
      />
      <div>
        <Typography.Title level={5}>{t('eventLogImport.steps')}</Typography.Title>
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={report.steps}
          data-testid="import-steps"
          columns={[
            { title: t('eventLogImport.logStep'), key: 'name', render: (_, step) => step.name },
            {
              title: t('eventLogImport.processStep'),
              key: 'stepKey',
              render: (_, step) =>
                step.stepKey !== null ? (
                  (stepNames.get(step.stepKey) ?? step.stepKey)
                ) : report.canCreateSteps && createSteps ? (
                  <Typography.Text type="success">{t('eventLogImport.willCreate')}</Typography.Text>
                ) : (
                  <Typography.Text type="danger">{t('eventLogImport.noStep')}</Typography.Text>
                ),
            },
          ]}
        />
      </div>
    </>
  );
}
