import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Progress,
  Result,
  Row,
  Select,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import type { ImportReport } from '../../api/upload.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useImportMeasurements, useKpis, type Kpi } from '../../features/kpis/hooks.ts';
import { MONO } from '../../features/kpis/KpiStatus.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type Phase =
  | { step: 'file' }
  | { step: 'checking' }
  | { step: 'report'; report: ImportReport }
  | { step: 'committing'; report: ImportReport }
  | { step: 'done'; report: ImportReport };

function fileSize(bytes: number, number: (value: number, digits?: number) => string): string {
  if (bytes >= 1024 * 1024) return `${number(bytes / 1024 / 1024, 1)} MB`;
  return `${number(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
}

/** Import measurements from a file: choose, check with a dry run, then commit, all with upload progress. */
export function ImportPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const [searchParams] = useSearchParams();
  const kpis = useKpis(workspace.id);
  const upload = useImportMeasurements(workspace.id);
  const [file, setFile] = useState<File | null>(null);
  const [kpiKey, setKpiKey] = useState<string | null>(searchParams.get('kpi'));
  const [phase, setPhase] = useState<Phase>({ step: 'file' });
  const [progress, setProgress] = useState(0);
  const abortRef = useRef<AbortController | null>(null);
  const base = `/w/${workspace.id}`;

  useEffect(() => () => abortRef.current?.abort(), []);

  if (!can('measurements.write')) {
    return <Result status="403" title={t('import.noPermission')} />;
  }

  const kpisByKey = new Map((kpis.data ?? []).map((kpi) => [kpi.key, kpi]));
  const measuredKpis = (kpis.data ?? []).filter((kpi) => kpi.formula === null);

  const send = (dryRun: boolean, previous?: ImportReport) => {
    if (!file) return;
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress(0);
    setPhase(previous ? { step: 'committing', report: previous } : { step: 'checking' });
    upload.mutate(
      {
        file,
        dryRun,
        skipBadRows: !dryRun,
        kpiKey: kpiKey ?? undefined,
        onProgress: setProgress,
        signal: controller.signal,
      },
      {
        onSuccess: (report) => setPhase(dryRun ? { step: 'report', report } : { step: 'done', report }),
        onError: () => setPhase(previous ? { step: 'report', report: previous } : { step: 'file' }),
      },
    );
  };

  const restart = () => {
    upload.reset();
    setFile(null);
    setPhase({ step: 'file' });
  };

  const current = phase.step === 'file' || phase.step === 'checking' ? 0 : phase.step === 'done' ? 2 : 1;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'root', title: <Link to={`${base}/kpis`}>{t('kpis.title')}</Link> },
          { key: 'import', title: t('import.title') },
        ]}
      />
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <Card>
        <Steps
          current={current}
          style={{ marginBottom: 32 }}
          items={[
            { title: t('import.steps.file') },
            { title: t('import.steps.check') },
            { title: t('import.steps.done') },
          ]}
        />
        {upload.error ? (
          <Alert
            type="error"
            showIcon
            title={t('import.failed')}
            description={errorMessage(upload.error)}
            style={{ marginBottom: 16 }}
            data-testid="import-error"
          />
        ) : null}

        {phase.step === 'file' || phase.step === 'checking' ? (
          <Flex vertical gap={16} style={{ maxWidth: 720, margin: '0 auto' }}>
            <Upload.Dragger
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              maxCount={1}
              showUploadList={false}
              disabled={phase.step === 'checking'}
              beforeUpload={(chosen) => {
                setFile(chosen);
                upload.reset();
                return false;
              }}
              data-testid="import-dropzone"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.dropTitle')}</p>
              <p className="ant-upload-hint" style={{ padding: '0 24px' }}>
                {t('import.dropHint')}
              </p>
            </Upload.Dragger>
            {file ? (
              <Typography.Text data-testid="import-file">
                {t('import.chosenFile', { name: file.name, size: fileSize(file.size, format.number) })}
              </Typography.Text>
            ) : null}
            <Form layout="vertical">
              <Form.Item
                label={t('import.targetKpi')}
                extra={t('import.targetKpiHint')}
                style={{ marginBottom: 0 }}
              >
                <Select
                  allowClear
                  value={kpiKey}
                  onChange={(value) => setKpiKey(value ?? null)}
                  placeholder={t('import.targetKpiPlaceholder')}
                  loading={kpis.isPending}
                  options={measuredKpis.map((kpi) => ({ value: kpi.key, label: `${kpi.name} · ${kpi.key}` }))}
                  style={{ maxWidth: 360 }}
                />
              </Form.Item>
            </Form>
            {phase.step === 'checking' ? (
              <UploadProgress progress={progress} doneLabel={t('import.checking')} />
            ) : (
              <Flex justify="flex-end">
                <Button type="primary" disabled={!file} onClick={() => send(true)} data-testid="import-check">
                  {t('import.check')}
                </Button>
              </Flex>
            )}
          </Flex>
        ) : null}

        {phase.step === 'report' || phase.step === 'committing' ? (
          <ImportReportView
            report={phase.report}
            kpisByKey={kpisByKey}
            footer={
              phase.step === 'committing' ? (
                <UploadProgress progress={progress} doneLabel={t('import.committing')} />
              ) : (
                <ReportActions
                  report={phase.report}
                  onCommit={() => send(false, phase.report)}
                  onRestart={restart}
                />
              )
            }
          />
        ) : null}

        {phase.step === 'done' ? (
          <Result
            status="success"
            title={
              <span data-testid="import-result">
                {t('import.resultTitle', { saved: format.number(phase.report.saved, 0) })}
              </span>
            }
            subTitle={
              <>
                {phase.report.skipped > 0
                  ? t('import.resultSkipped', { skipped: format.number(phase.report.skipped, 0) }) + ' '
                  : null}
                {t('import.resultHint')}
              </>
            }
            extra={
              <Flex vertical gap={16} align="center">
                <Flex gap={8} wrap justify="center">
                  {phase.report.byKpi.map((entry) => (
                    <Link key={entry.key} to={`${base}/kpis/${entry.key}`}>
                      <Button>
                        {t('import.openKpi', { name: kpisByKey.get(entry.key)?.name ?? entry.key })}
                      </Button>
                    </Link>
                  ))}
                </Flex>
                <Flex gap={8}>
                  <Button onClick={restart}>{t('import.again')}</Button>
                  <Link to={`${base}/kpis`}>
                    <Button type="primary">{t('import.backToKpis')}</Button>
                  </Link>
                </Flex>
              </Flex>
            }
          />
        ) : null}
      </Card>
    </>
  );
}

function UploadProgress({ progress, doneLabel }: { progress: number; doneLabel: string }) {
  const { t } = useTranslation();
  const isUploaded = progress >= 1;
  return (
    <Flex vertical gap={4} data-testid="import-progress">
      <Typography.Text type="secondary">{isUploaded ? doneLabel : t('import.uploading')}</Typography.Text>
      <Progress percent={Math.round(progress * 100)} status="active" />
    </Flex>
  );
}

function ReportActions({
  report,
  onCommit,
  onRestart,
}: {
  report: ImportReport;
  onCommit: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const bad = format.number(report.totalRows - report.validRows, 0);
  const good = format.number(report.validRows, 0);
  return (
    <Flex justify="flex-end" gap={8} wrap>
      <Button onClick={onRestart} data-testid="import-fix">
        {t('import.fixFile')}
      </Button>
      {report.validRows > 0 ? (
        <Button type="primary" onClick={onCommit} data-testid="import-commit">
          {report.issueCount > 0
            ? t('import.skipAndCommit', { bad, good })
            : t('import.commit', { rows: good })}
        </Button>
      ) : null}
    </Flex>
  );
}

function ImportReportView({
  report,
  kpisByKey,
  footer,
}: {
  report: ImportReport;
  kpisByKey: ReadonlyMap<string, Kpi>;
  footer: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const badRows = report.totalRows - report.validRows;
  return (
    <Flex vertical gap={20} data-testid="import-report">
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t('import.totalRows')} value={format.number(report.totalRows, 0)} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('import.validRows')}
            value={format.number(report.validRows, 0)}
            styles={{ content: { color: '#389e0d' } }}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('import.issueRows')}
            value={format.number(badRows, 0)}
            styles={{ content: { color: badRows > 0 ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      {report.validRows === 0 ? (
        <Alert type="error" showIcon title={t('import.noneValid')} />
      ) : badRows > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('import.someInvalid', {
            bad: format.number(badRows, 0),
            good: format.number(report.validRows, 0),
          })}
        />
      ) : (
        <Alert
          type="success"
          showIcon
          title={t('import.allValid', { rows: format.number(report.validRows, 0) })}
        />
      )}

      {report.byKpi.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('import.byKpi')}</Typography.Title>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={report.byKpi}
            columns={[
              {
                title: t('kpis.name'),
                key: 'kpi',
                render: (_, entry) => {
                  const kpi = kpisByKey.get(entry.key);
                  return (
                    <Flex gap={8} align="baseline">
                      <span>{kpi?.name ?? t('import.unknownKpi')}</span>
                      <Typography.Text type="secondary" style={MONO}>
                        {entry.key}
                      </Typography.Text>
                    </Flex>
                  );
                },
              },
              {
                title: t('import.rows'),
                key: 'rows',
                align: 'right',
                render: (_, entry) => format.number(entry.rows, 0),
              },
              {
                title: t('import.range'),
                key: 'range',
                render: (_, entry) => `${format.day(entry.from)} – ${format.day(entry.to)}`,
              },
            ]}
          />
        </div>
      ) : null}

      {report.issues.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('import.issues')}</Typography.Title>
          {report.issueCount > report.issues.length ? (
            <Typography.Paragraph type="secondary">
              {t('import.issuesMore', { shown: report.issues.length, total: report.issueCount })}
            </Typography.Paragraph>
          ) : null}
          <Table
            size="small"
            rowKey={(issue) => `${issue.row}-${issue.column}`}
            dataSource={report.issues}
            pagination={report.issues.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            data-testid="import-issues"
            columns={[
              { title: t('import.row'), key: 'row', width: 80, render: (_, issue) => issue.row },
              {
                title: t('import.column'),
                key: 'column',
                width: 100,
                render: (_, issue) => t(`import.columns.${issue.column}`),
              },
              { title: t('import.message'), key: 'message', render: (_, issue) => issue.message },
            ]}
          />
        </div>
      ) : null}

      {report.sample.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('import.sample', { count: report.sample.length })}</Typography.Title>
          <Table
            size="small"
            rowKey="row"
            pagination={false}
            dataSource={report.sample}
            scroll={{ y: 280 }}
            columns={[
              { title: t('import.row'), key: 'row', width: 80, render: (_, row) => row.row },
              {
                title: t('import.columns.kpi'),
                key: 'kpi',
                render: (_, row) => kpisByKey.get(row.kpi)?.name ?? row.kpi,
              },
              {
                title: t('import.columns.period'),
                key: 'period',
                render: (_, row) => format.day(row.period),
              },
              {
                title: t('import.columns.value'),
                key: 'value',
                align: 'right',
                render: (_, row) => format.measure(row.value, kpisByKey.get(row.kpi)?.unit ?? null),
              },
            ]}
          />
        </div>
      ) : null}
      {footer}
    </Flex>
  );
}
