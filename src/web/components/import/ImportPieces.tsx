import type { ReactNode } from 'react';
import { Alert, Button, Col, Flex, Progress, Row, Statistic, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useFormatters } from '../useFormatters.ts';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file size for people: "12 KB", "3.4 MB". */
export function fileSize(bytes: number, number: (value: number, digits?: number) => string): string {
  if (bytes >= 1024 * 1024) return `${number(bytes / 1024 / 1024, 1)} MB`;
  return `${number(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
}

/** Drop zone for one file (CSV or XLSX unless `accept` says otherwise), and the name and size of the chosen one. */
export function ImportDropzone({
  file,
  onFile,
  hint,
  disabled = false,
  accept = ACCEPT,
}: {
  file: File | null;
  onFile: (file: File) => void;
  hint: ReactNode;
  disabled?: boolean;
  accept?: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      <Upload.Dragger
        accept={accept}
        multiple={false}
        maxCount={1}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(chosen) => {
          onFile(chosen);
          return false;
        }}
        data-testid="import-dropzone"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.dropTitle')}</p>
        <p className="ant-upload-hint" style={{ padding: '0 24px' }}>
          {hint}
        </p>
      </Upload.Dragger>
      {file ? (
        <Typography.Text data-testid="import-file">
          {t('import.chosenFile', { name: file.name, size: fileSize(file.size, format.number) })}
        </Typography.Text>
      ) : null}
    </>
  );
}

/** The upload's progress bar; once the file is sent, `doneLabel` says what the server is doing. */
export function UploadProgress({ progress, doneLabel }: { progress: number; doneLabel: string }) {
  const { t } = useTranslation();
  const isUploaded = progress >= 1;
  return (
    <Flex vertical gap={4} data-testid="import-progress">
      <Typography.Text type="secondary">{isUploaded ? doneLabel : t('import.uploading')}</Typography.Text>
      <Progress percent={Math.round(progress * 100)} status="active" />
    </Flex>
  );
}

/** The dry-run button, or the upload's progress while the file is being checked. */
export function CheckButton({
  isChecking,
  progress,
  disabled,
  onCheck,
}: {
  isChecking: boolean;
  progress: number;
  disabled: boolean;
  onCheck: () => void;
}) {
  const { t } = useTranslation();
  if (isChecking) return <UploadProgress progress={progress} doneLabel={t('import.checking')} />;
  return (
    <Flex justify="flex-end">
      <Button type="primary" disabled={disabled} onClick={onCheck} data-testid="import-check">
        {t('import.check')}
      </Button>
    </Flex>
  );
}

/** Under a report: its actions, or the upload's progress while the commit runs. */
export function CommitFooter({
  isCommitting,
  progress,
  actions,
}: {
  isCommitting: boolean;
  progress: number;
  actions: ReactNode;
}) {
  const { t } = useTranslation();
  return isCommitting ? <UploadProgress progress={progress} doneLabel={t('import.committing')} /> : actions;
}

/** The last upload's error, in the UI language. */
export function ImportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('import.failed')}
      description={errorMessage(error)}
      style={{ marginBottom: 16 }}
      data-testid="import-error"
    />
  );
}

/**
 * Rows in the file, rows that passed, rows with problems, and a verdict below them. `problemAlert`
 * replaces the default verdict when some rows have problems.
 */
export function ImportCounts({
  totalRows,
  validRows,
  problemAlert,
}: {
  totalRows: number;
  validRows: number;
  problemAlert?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const badRows = totalRows - validRows;
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t('import.totalRows')} value={format.number(totalRows, 0)} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('import.validRows')}
            value={format.number(validRows, 0)}
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
      {badRows === 0 ? (
        <Alert
          type="success"
          showIcon
          title={t('import.allValid', { rows: format.number(validRows, 0) })}
          data-testid="import-verdict"
        />
      ) : (
        (problemAlert ??
        (validRows === 0 ? (
          <Alert type="error" showIcon title={t('import.noneValid')} data-testid="import-verdict" />
        ) : (
          <Alert
            type="warning"
            showIcon
            title={t('import.someInvalid', {
              bad: format.number(badRows, 0),
              good: format.number(validRows, 0),
            })}
            data-testid="import-verdict"
          />
        )))
      )}
    </>
  );
}

export type ImportIssue = { row: number; column: string; message: string };

/** The problems the check found, a row each: file row number, column, and the server's message. */
export function ImportIssuesTable({
  issues,
  issueCount,
  columnLabel,
}: {
  issues: readonly ImportIssue[];
  issueCount: number;
  columnLabel: (column: string) => string;
}) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <div>
      <Typography.Title level={5}>{t('import.issues')}</Typography.Title>
      {issueCount > issues.length ? (
        <Typography.Paragraph type="secondary">
          {t('import.issuesMore', { shown: issues.length, total: issueCount })}
        </Typography.Paragraph>
      ) : null}
      <Table<ImportIssue>
        size="small"
        rowKey={(issue) => `${issue.row}-${issue.column}-${issue.message}`}
        dataSource={[...issues]}
        pagination={issues.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        data-testid="import-issues"
        columns={[
          { title: t('import.row'), key: 'row', width: 80, render: (_, issue) => issue.row },
          {
            title: t('import.column'),
            key: 'column',
            width: 120,
            render: (_, issue) => columnLabel(issue.column),
          },
          { title: t('import.message'), key: 'message', render: (_, issue) => issue.message },
        ]}
      />
    </div>
  );
}
