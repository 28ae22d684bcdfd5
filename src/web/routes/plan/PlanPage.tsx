import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Progress,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  AppstoreAddOutlined,
  CodeOutlined,
  DownloadOutlined,
  FileTextOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { GoalSearchSelect } from '../../features/goals/GoalSearchSelect.tsx';
import {
  DOCUMENT_FORMATS,
  documentFileUrl,
  previewUrl,
  useDocuments,
  useRequestDocument,
  type DocumentFormat,
  type PlanDocument,
} from '../../features/plan/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type Locale = 'zh-CN' | 'en';

const STATUS_COLOR: Record<PlanDocument['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

function DocumentProgress({ workspaceId, document }: { workspaceId: string; document: PlanDocument }) {
  const { t } = useTranslation();
  if (document.status === 'failed') return <Typography.Text type="danger">{document.error}</Typography.Text>;
  if (document.status === 'done') {
    return (
      <Button
        type="link"
        size="small"
        icon={<DownloadOutlined />}
        href={documentFileUrl(workspaceId, document.id)}
        download={document.fileName ?? undefined}
      >
        {t('plan.download')}
      </Button>
    );
  }
  return <Progress percent={document.progress} size="small" status="active" style={{ minWidth: 120 }} />;
}

export function PlanPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const documents = useDocuments(workspace.id);
  const request = useRequestDocument(workspace.id);
  const [locale, setLocale] = useState<Locale>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [goalId, setGoalId] = useState<string | null>(null);
  const [documentFormat, setDocumentFormat] = useState<DocumentFormat>('docx');
  const [previewKey, setPreviewKey] = useState(0);
  const [lastId, setLastId] = useState<string | null>(null);
  const latest = (documents.data ?? []).find((document) => document.id === lastId) ?? null;
  const base = `/w/${workspace.id}`;

  const generate = () =>
    request.mutate(
      { format: documentFormat, locale, ...(goalId ? { goalId } : {}) },
      {
        onSuccess: ({ document }) => setLastId(document.id),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );

  const columns: TableColumnsType<PlanDocument> = [
    {
      title: t('plan.created'),
      key: 'created',
      render: (_, document) => format.dateTime(document.createdAt),
    },
    {
      title: t('plan.format'),
      key: 'format',
      render: (_, document) => <Tag>{t(`plan.formats.${document.format}`)}</Tag>,
    },
    { title: t('plan.language'), key: 'locale', render: (_, document) => t(`language.${document.locale}`) },
    {
      title: t('plan.scope'),
      key: 'scope',
      render: (_, document) => document.scope.title ?? t('plan.wholeWorkspace'),
    },
    {
      title: t('plan.status'),
      key: 'status',
      render: (_, document) => (
        <Tag color={STATUS_COLOR[document.status]}>{t(`plan.statuses.${document.status}`)}</Tag>
      ),
    },
    {
      title: '',
      key: 'file',
      render: (_, document) => <DocumentProgress workspaceId={workspace.id} document={document} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('plan.title')}
        description={t('plan.description')}
        extra={
          <Flex gap={8} wrap>
            {can('kpis.write') && can('processes.write') ? (
              <Link to={`${base}/plan/new`} data-testid="plan-from-template">
                <Button type="primary" icon={<AppstoreAddOutlined />}>
                  {t('planTemplate.start')}
                </Button>
              </Link>
            ) : null}
            <Link to={`${base}/plan/yaml`} data-testid="plan-yaml-link">
              <Button icon={<CodeOutlined />}>{t('planYaml.title')}</Button>
            </Link>
            <Link to={`${base}/plan/health`} data-testid="plan-health-link">
              <Button icon={<SafetyCertificateOutlined />}>{t('planHealth.title')}</Button>
            </Link>
          </Flex>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="flex-end">
          <Flex vertical gap={4} style={{ minWidth: 200, flex: '1 1 200px' }}>
            <Typography.Text type="secondary">{t('plan.scope')}</Typography.Text>
            {/* No goal chosen: the whole workspace (the placeholder says so; clearing returns to it). */}
            <GoalSearchSelect
              workspaceId={workspace.id}
              aria-label={t('plan.scope')}
              allowClear
              value={goalId}
              onChange={(value) => setGoalId(typeof value === 'string' ? value : null)}
              placeholder={t('plan.wholeWorkspace')}
            />
          </Flex>
          <Flex vertical gap={4} style={{ minWidth: 120 }}>
            <Typography.Text type="secondary">{t('plan.language')}</Typography.Text>
            <Select
              aria-label={t('plan.language')}
              value={locale}
              onChange={setLocale}
              options={(['zh-CN', 'en'] as const).map((value) => ({ value, label: t(`language.${value}`) }))}
            />
          </Flex>
          {can('documents.create') ? (
            <>
              <Flex vertical gap={4} style={{ minWidth: 140 }}>
                <Typography.Text type="secondary">{t('plan.format')}</Typography.Text>
                <Select
                  aria-label={t('plan.format')}
                  value={documentFormat}
                  onChange={setDocumentFormat}
                  options={DOCUMENT_FORMATS.map((value) => ({ value, label: t(`plan.formats.${value}`) }))}
                />
              </Flex>
              <Button
                type="primary"
                icon={<FileTextOutlined />}
                loading={request.isPending}
                onClick={generate}
              >
                {t('plan.generate')}
              </Button>
            </>
          ) : null}
        </Flex>
        {latest ? (
          <Flex
            gap={12}
            align="center"
            wrap
            style={{ marginTop: 16 }}
            data-testid="plan-latest"
            data-format={latest.format}
            data-status={latest.status}
          >
            <Typography.Text>{t(`plan.statuses.${latest.status}`)}</Typography.Text>
            {latest.status === 'queued' || latest.status === 'running' ? (
              <Progress percent={latest.progress} status="active" style={{ flex: '1 1 200px', margin: 0 }} />
            ) : (
              <DocumentProgress workspaceId={workspace.id} document={latest} />
            )}
          </Flex>
        ) : null}
      </Card>

      <Card
        title={t('plan.preview')}
        style={{ marginBottom: 16 }}
        styles={{ body: { padding: 0 } }}
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => setPreviewKey((key) => key + 1)}>
            {t('plan.refresh')}
          </Button>
        }
      >
        <iframe
          key={previewKey}
          title={t('plan.preview')}
          src={previewUrl(workspace.id, locale, goalId)}
          style={{ width: '100%', height: '75vh', border: 0, display: 'block' }}
        />
      </Card>

      <Card title={t('plan.recent')}>
        {documents.isError ? (
          <QueryError error={documents.error} onRetry={() => void documents.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            loading={documents.isLoading}
            columns={columns}
            dataSource={documents.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('plan.noDocuments')} /> }}
          />
        )}
      </Card>
    </>
  );
}
