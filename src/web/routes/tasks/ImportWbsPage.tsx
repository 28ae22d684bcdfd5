import { useState } from 'react';
import { Alert, Breadcrumb, Button, Flex, Form, Result, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined, ExclamationCircleOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { WbsImportReport } from '../../api/upload.ts';
import { dateToDay } from '../../components/format.ts';
import { ImportCounts, ImportIssuesTable } from '../../components/import/ImportPieces.tsx';
import { ImportWizard } from '../../components/import/ImportWizard.tsx';
import { useImportFlow } from '../../components/import/useImportFlow.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMe } from '../../features/account/hooks.ts';
import { GoalSearchSelect } from '../../features/goals/GoalSearchSelect.tsx';
import { useGoalsById } from '../../features/goals/hooks.ts';
import { useImportWbs } from '../../features/tasks/hooks.ts';
import { wbsDepth } from '../../features/tasks/taskUtils.ts';
import { downloadText, wbsTemplateCsv } from '../../features/tasks/wbsImport.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const WBS_COLUMNS = ['wbs', 'title', 'owner', 'estimate', 'start', 'due', 'predecessors'] as const;
type WbsColumn = (typeof WBS_COLUMNS)[number];

function isWbsColumn(column: string): column is WbsColumn {
  return (WBS_COLUMNS as readonly string[]).includes(column);
}

/**
 * Import a work breakdown from a file: choose it (and a goal), check it with a dry run, then commit it. A WBS
 * goes in whole: the commit stays locked while the check reports problems.
 */
export function ImportWbsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const [searchParams] = useSearchParams();
  const me = useMe();
  const upload = useImportWbs(workspace.id);
  const [file, setFile] = useState<File | null>(null);
  const [goalId, setGoalId] = useState<string | null>(searchParams.get('goal'));
  // The chosen goal's title for the result (the picker's own lookup, cached once).
  const chosenGoals = useGoalsById(workspace.id, goalId ? [goalId] : []);
  const flow = useImportFlow<WbsImportReport>({
    send: (transfer) => upload.mutateAsync({ ...transfer, file: file as File, goalId: goalId ?? undefined }),
    reset: upload.reset,
  });
  const base = `/w/${workspace.id}`;

  if (!can('tasks.write')) {
    return <Result status="403" title={t('wbsImport.noPermission')} />;
  }

  const goal = (chosenGoals.data ?? []).find((entry) => entry.id === goalId) ?? null;
  const timelineUrl = `${base}/tasks/timeline${goalId ? `?goal=${encodeURIComponent(goalId)}` : ''}`;
  const columnLabel = (column: string) => (isWbsColumn(column) ? t(`wbsImport.columns.${column}`) : column);

  const restart = () => {
    setFile(null);
    flow.restart();
  };

  const downloadTemplate = () =>
    downloadText(
      t('wbsImport.templateFile'),
      wbsTemplateCsv(me.data?.user.email ?? 'name@example.com', dateToDay(new Date())),
    );

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'root', title: <Link to={`${base}/tasks`}>{t('tasks.title')}</Link> },
          { key: 'import', title: t('wbsImport.title') },
        ]}
      />
      <PageHeader title={t('wbsImport.title')} description={t('wbsImport.description')} />
      <ImportWizard<WbsImportReport>
        flow={flow}
        error={upload.error}
        file={file}
        onFile={(chosen) => {
          setFile(chosen);
          upload.reset();
        }}
        dropHint={t('wbsImport.dropHint')}
        fileOptions={
          <>
            <Flex gap={8} align="baseline" wrap>
              <Button
                type="link"
                icon={<DownloadOutlined />}
                onClick={downloadTemplate}
                style={{ paddingInline: 0 }}
                data-testid="wbs-template"
              >
                {t('wbsImport.template')}
              </Button>
              <Typography.Text type="secondary">{t('wbsImport.templateHint')}</Typography.Text>
            </Flex>
            <Form layout="vertical">
              <Form.Item
                label={t('wbsImport.goal')}
                extra={t('wbsImport.goalHint')}
                style={{ marginBottom: 0 }}
              >
                <GoalSearchSelect
                  workspaceId={workspace.id}
                  allowClear
                  value={goalId}
                  onChange={(value) => setGoalId(typeof value === 'string' ? value : null)}
                  placeholder={t('wbsImport.goalPlaceholder')}
                  disabled={flow.phase.step === 'checking'}
                  style={{ maxWidth: 360, width: '100%' }}
                  testId="wbs-goal"
                />
              </Form.Item>
            </Form>
          </>
        }
        renderReport={(report) => <WbsReportView report={report} columnLabel={columnLabel} />}
        renderActions={(report) => (
          <WbsReportActions report={report} onCommit={() => flow.commit(report)} onRestart={restart} />
        )}
        renderDone={(report) => (
          <Result
            status="success"
            title={
              <span data-testid="import-result">
                {t('wbsImport.resultTitle', { saved: format.number(report.saved, 0) })}
              </span>
            }
            subTitle={
              <>
                {t('wbsImport.resultHint')}
                {goal ? ` ${t('wbsImport.resultGoal', { goal: goal.title })}` : null}
              </>
            }
            extra={
              <Flex gap={8} wrap justify="center">
                <Button onClick={restart}>{t('wbsImport.again')}</Button>
                <Link to={`${base}/tasks`}>
                  <Button>{t('wbsImport.backToTasks')}</Button>
                </Link>
                <Link to={timelineUrl} data-testid="import-open-timeline">
                  <Button type="primary" icon={<ScheduleOutlined />}>
                    {t('wbsImport.openTimeline')}
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

function WbsReportActions({
  report,
  onCommit,
  onRestart,
}: {
  report: WbsImportReport;
  onCommit: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const isBlocked = report.issueCount > 0 || report.validRows < report.totalRows;
  const commit = (
    <Button type="primary" disabled={isBlocked} onClick={onCommit} data-testid="import-commit">
      {t('wbsImport.commit', { rows: format.number(report.totalRows, 0) })}
    </Button>
  );
  return (
    <Flex justify="flex-end" gap={8} wrap>
      <Button onClick={onRestart} type={isBlocked ? 'primary' : 'default'} data-testid="import-fix">
        {t('import.fixFile')}
      </Button>
      {isBlocked ? <Tooltip title={t('wbsImport.commitBlocked')}>{commit}</Tooltip> : commit}
    </Flex>
  );
}

function WbsReportView({
  report,
  columnLabel,
}: {
  report: WbsImportReport;
  columnLabel: (column: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const badRows = report.totalRows - report.validRows;
  const faultyRows = new Set(report.issues.map((issue) => issue.row));
  const day = (value: string | null) =>
    value ? format.day(value) : <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      <ImportCounts
        totalRows={report.totalRows}
        validRows={report.validRows}
        problemAlert={
          <Alert
            type="error"
            showIcon
            title={t('wbsImport.mustFix', { bad: format.number(badRows, 0) })}
            description={t('wbsImport.mustFixHint')}
            data-testid="import-verdict"
          />
        }
      />
      <ImportIssuesTable issues={report.issues} issueCount={report.issueCount} columnLabel={columnLabel} />
      {report.sample.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('wbsImport.preview')}</Typography.Title>
          {report.totalRows > report.sample.length ? (
            <Typography.Paragraph type="secondary">
              {t('wbsImport.previewMore', {
                total: format.number(report.totalRows, 0),
                shown: format.number(report.sample.length, 0),
              })}
            </Typography.Paragraph>
          ) : null}
          <Table
            size="small"
            rowKey="row"
            pagination={false}
            dataSource={report.sample}
            scroll={{ y: 360 }}
            data-testid="wbs-preview"
            columns={[
              { title: t('import.row'), key: 'row', width: 72, render: (_, row) => row.row },
              {
                title: t('wbsImport.columns.title'),
                key: 'title',
                render: (_, row) => {
                  const depth = wbsDepth(row.wbs);
                  const isFaulty = faultyRows.has(row.row);
                  return (
                    <Flex
                      gap={8}
                      align="baseline"
                      style={{ paddingInlineStart: depth * 24 }}
                      data-testid={`wbs-preview-${row.wbs}`}
                      data-depth={depth}
                      data-faulty={isFaulty ? 'true' : undefined}
                    >
                      <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {row.wbs}
                      </Typography.Text>
                      <Typography.Text strong={depth === 0} type={isFaulty ? 'danger' : undefined}>
                        {row.title}
                      </Typography.Text>
                      {isFaulty ? (
                        <Tooltip title={t('wbsImport.rowHasProblems')}>
                          <ExclamationCircleOutlined style={{ color: '#cf1322' }} />
                        </Tooltip>
                      ) : null}
                    </Flex>
                  );
                },
              },
              {
                title: t('wbsImport.columns.start'),
                key: 'start',
                width: 150,
                render: (_, row) => day(row.start),
              },
              { title: t('wbsImport.columns.due'), key: 'due', width: 150, render: (_, row) => day(row.due) },
            ]}
          />
        </div>
      ) : null}
    </>
  );
}
