import { useState } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Col,
  Flex,
  List,
  Result,
  Row,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ImportIssuesTable } from '../../components/import/ImportPieces.tsx';
import { ImportWizard } from '../../components/import/ImportWizard.tsx';
import { useImportFlow } from '../../components/import/useImportFlow.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useImportFeedback, type FeedbackImportReport } from '../../features/feedback/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/** Example exports to start from: the header rows the import recognises, one line each. */
const TEMPLATES = {
  appStore:
    'Review ID,Title,Content,Rating,Date,Version,Reviewer\r\nR-1001,Crashes on login,The app crashes every time I log in,1,2026-03-01 09:30,3.2.1,Ann\r\n',
  support:
    '工单号,问题描述,渠道,问题类型,时间,客户,邮箱\r\nT-2001,快递三天还没到，物流信息不更新,电话,物流,2026-03-01 10:00,李雷,li@example.com\r\n',
} as const;

function templateHref(csv: string): string {
  // A BOM so Excel opens the Chinese headers as UTF-8.
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
}

/**
 * Bring app-store reviews or customer-service tickets into the inbox: choose a CSV or XLSX export, check it
 * (recognised columns, rows with problems, rows already imported, the common issues the items would join),
 * then import every new row or none.
 */
export function FeedbackImportPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const upload = useImportFeedback(workspace.id);
  const [file, setFile] = useState<File | null>(null);
  const flow = useImportFlow<FeedbackImportReport>({
    send: (transfer) => upload.mutateAsync({ ...transfer, file: file as File }),
    reset: upload.reset,
  });
  const base = `/w/${workspace.id}`;

  if (!can('feedback.write')) return <Result status="403" title={t('feedback.importer.noPermission')} />;

  const restart = () => {
    setFile(null);
    flow.restart();
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'inbox', title: <Link to={`${base}/feedback`}>{t('feedback.inbox.title')}</Link> },
          { key: 'import', title: t('feedback.importer.title') },
        ]}
      />
      <PageHeader title={t('feedback.importer.title')} description={t('feedback.importer.description')} />
      <ImportWizard<FeedbackImportReport>
        flow={flow}
        error={upload.error}
        file={file}
        onFile={(chosen) => {
          setFile(chosen);
          upload.reset();
        }}
        dropHint={t('feedback.importer.dropHint')}
        fileOptions={
          <Flex gap={8} wrap align="center">
            <Typography.Text type="secondary">{t('feedback.importer.templates')}</Typography.Text>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={templateHref(TEMPLATES.appStore)}
              download="app-store-reviews.csv"
            >
              {t('feedback.importer.appStoreTemplate')}
            </Button>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={templateHref(TEMPLATES.support)}
              download="support-tickets.csv"
            >
              {t('feedback.importer.supportTemplate')}
            </Button>
          </Flex>
        }
        renderReport={(report) => <ReportView report={report} />}
        renderActions={(report) => {
          const isBlocked = report.issueCount > 0 || report.newItems === 0;
          const commit = (
            <Button
              type="primary"
              disabled={isBlocked}
              onClick={() => flow.commit(report)}
              data-testid="import-commit"
            >
              {t('feedback.importer.commit', { items: format.number(report.newItems, 0) })}
            </Button>
          );
          return (
            <Flex justify="flex-end" gap={8} wrap>
              <Button onClick={restart} type={isBlocked ? 'primary' : 'default'} data-testid="import-fix">
                {t('import.fixFile')}
              </Button>
              {isBlocked ? (
                <Tooltip
                  title={
                    report.issueCount > 0
                      ? t('feedback.importer.commitBlocked')
                      : t('feedback.importer.nothingNew')
                  }
                >
                  {commit}
                </Tooltip>
              ) : (
                commit
              )}
            </Flex>
          );
        }}
        renderDone={(report) => (
          <Result
            status="success"
            title={
              <span data-testid="import-result">
                {t('feedback.importer.resultTitle', { items: format.number(report.newItems, 0) })}
              </span>
            }
            subTitle={t('feedback.importer.resultHint')}
            extra={
              <Flex gap={8} wrap justify="center">
                <Button onClick={restart}>{t('feedback.importer.again')}</Button>
                <Link to={`${base}/feedback`}>
                  <Button type="primary" icon={<InboxOutlined />}>
                    {t('feedback.importer.openInbox')}
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

function ReportView({ report }: { report: FeedbackImportReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const number = (value: number) => format.number(value, 0);
  const columnName = (column: string | null) =>
    column ? t(`feedback.importer.column.${column}` as 'feedback.importer.column.body') : '—';
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('feedback.importer.kindLabel')}
            value={t(`feedback.importer.kind.${report.kind}`)}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('import.totalRows')} value={number(report.rows)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('feedback.importer.newItems')}
            value={number(report.newItems)}
            styles={{ content: { color: '#389e0d' } }}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('feedback.importer.alreadyImported')} value={number(report.alreadyImported)} />
        </Col>
      </Row>
      {report.from !== null && report.to !== null ? (
        <Typography.Text type="secondary">
          {t('feedback.importer.range')}: {format.date(report.from)} – {format.date(report.to)}
        </Typography.Text>
      ) : null}
      {report.decodedAsGbk ? (
        <Alert type="warning" showIcon title={t('feedback.importer.gbk')} data-testid="import-gbk" />
      ) : null}
      <ImportIssuesTable
        issues={report.issues.map((issue) => ({ ...issue, column: issue.column ?? '' }))}
        issueCount={report.issueCount}
        columnLabel={(column) => columnName(column || null)}
      />
      <div>
        <Typography.Title level={5}>{t('feedback.importer.columns')}</Typography.Title>
        <Flex gap={6} wrap data-testid="import-columns">
          {report.columns.map((column, index) => (
            <Tag key={`${index}-${column.header}`} color={column.column ? 'blue' : 'default'}>
              {column.header || '—'} →{' '}
              {column.column ? columnName(column.column) : t('feedback.importer.ignored')}
            </Tag>
          ))}
        </Flex>
      </div>
      {report.sample.length > 0 ? (
        <div>
          <Typography.Title level={5}>
            {t('feedback.importer.sample', { count: report.sample.length })}
          </Typography.Title>
          <Table
            size="small"
            rowKey="row"
            pagination={false}
            dataSource={report.sample}
            scroll={{ x: true }}
            columns={[
              { title: t('import.row'), key: 'row', width: 64, render: (_, item) => item.row },
              {
                title: t('feedback.importer.column.title'),
                key: 'title',
                render: (_, item) => <Typography.Text>{item.title}</Typography.Text>,
              },
              {
                title: t('feedback.importer.column.rating'),
                key: 'rating',
                width: 90,
                render: (_, item) => (item.rating === null ? '—' : '★'.repeat(item.rating)),
              },
              {
                title: t('feedback.importer.column.date'),
                key: 'date',
                width: 120,
                render: (_, item) => (item.createdAt === null ? '—' : format.date(item.createdAt)),
              },
            ]}
          />
        </div>
      ) : null}
      <div>
        <Typography.Title level={5}>{t('feedback.importer.joins')}</Typography.Title>
        {report.clusters.length === 0 && report.unclustered === report.newItems ? (
          <Typography.Text type="secondary">{t('feedback.importer.noClusters')}</Typography.Text>
        ) : (
          <List
            size="small"
            data-testid="import-clusters"
            dataSource={report.clusters.slice(0, 8)}
            renderItem={(cluster) => (
              <List.Item extra={<Tag>{number(cluster.count)}</Tag>}>{cluster.label}</List.Item>
            )}
            footer={
              report.unclustered > 0 ? (
                <Typography.Text type="secondary">
                  {t('feedback.importer.unclustered', { count: report.unclustered })}
                </Typography.Text>
              ) : null
            }
          />
        )}
      </div>
    </>
  );
}
