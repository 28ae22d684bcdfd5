import { useState } from 'react';
import { Breadcrumb, Button, Flex, Form, Result, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ImportReport } from '../../api/upload.ts';
import { ImportCounts, ImportIssuesTable } from '../../components/import/ImportPieces.tsx';
import { ImportWizard } from '../../components/import/ImportWizard.tsx';
import { useImportFlow } from '../../components/import/useImportFlow.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useImportMeasurements, type KpiListItem } from '../../features/kpis/hooks.ts';
import { KpiSearchSelect } from '../../features/kpis/KpiSearchSelect.tsx';
import { MONO } from '../../features/kpis/KpiStatus.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/** Import measurements from a file: choose, check with a dry run, then commit, all with upload progress. */
export function ImportPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const [searchParams] = useSearchParams();
  const upload = useImportMeasurements(workspace.id);
  const [file, setFile] = useState<File | null>(null);
  const [kpiKey, setKpiKey] = useState<string | null>(searchParams.get('kpi'));
  const [chosenKpi, setChosenKpi] = useState<KpiListItem | null>(null);
  const flow = useImportFlow<ImportReport>({
    send: (transfer) =>
      upload.mutateAsync({
        ...transfer,
        file: file as File,
        skipBadRows: !transfer.dryRun,
        kpiKey: kpiKey ?? undefined,
      }),
    reset: upload.reset,
  });
  const base = `/w/${workspace.id}`;

  if (!can('measurements.write')) {
    return <Result status="403" title={t('import.noPermission')} />;
  }

  // Names of the KPIs the report lists, as far as the picker has seen them; the key stands in otherwise.
  const kpisByKey = new Map<string, KpiListItem>(chosenKpi ? [[chosenKpi.key, chosenKpi]] : []);

  const restart = () => {
    setFile(null);
    flow.restart();
  };

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
      <ImportWizard<ImportReport>
        flow={flow}
        error={upload.error}
        file={file}
        onFile={(chosen) => {
          setFile(chosen);
          upload.reset();
        }}
        dropHint={t('import.dropHint')}
        fileOptions={
          <Form layout="vertical">
            <Form.Item
              label={t('import.targetKpi')}
              extra={t('import.targetKpiHint')}
              style={{ marginBottom: 0 }}
            >
              <KpiSearchSelect
                workspaceId={workspace.id}
                allowClear
                kind="measured"
                value={kpiKey}
                onChange={(key, chosen) => {
                  setKpiKey(typeof key === 'string' ? key : null);
                  setChosenKpi(chosen[0] ?? null);
                }}
                placeholder={t('import.targetKpiPlaceholder')}
                describe={(kpi) => `${kpi.name} · ${kpi.key}`}
                style={{ maxWidth: 360, width: '100%' }}
              />
            </Form.Item>
          </Form>
        }
        renderReport={(report) => <ImportReportView report={report} kpisByKey={kpisByKey} />}
        renderActions={(report) => (
          <ReportActions report={report} onCommit={() => flow.commit(report)} onRestart={restart} />
        )}
        renderDone={(report) => (
          <Result
            status="success"
            title={
              <span data-testid="import-result">
                {t('import.resultTitle', { saved: format.number(report.saved, 0) })}
              </span>
            }
            subTitle={
              <>
                {report.skipped > 0
                  ? t('import.resultSkipped', { skipped: format.number(report.skipped, 0) }) + ' '
                  : null}
                {t('import.resultHint')}
              </>
            }
            extra={
              <Flex vertical gap={16} align="center">
                <Flex gap={8} wrap justify="center">
                  {report.byKpi.map((entry) => (
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
        )}
      />
    </>
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
}: {
  report: ImportReport;
  kpisByKey: ReadonlyMap<string, KpiListItem>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      <ImportCounts totalRows={report.totalRows} validRows={report.validRows} />

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

      <ImportIssuesTable
        issues={report.issues}
        issueCount={report.issueCount}
        columnLabel={(column) => t(`import.columns.${column as 'kpi' | 'period' | 'value'}`)}
      />

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
    </>
  );
}
