import { useMemo } from 'react';
import { Breadcrumb, Button, Card, Flex, Popover, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, HistoryOutlined, ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { AnalyticsTab } from '../../features/processes/AnalyticsTab.tsx';
import { FlowView } from '../../features/processes/FlowView.tsx';
import { useProcess } from '../../features/processes/hooks.ts';
import { RunsTab } from '../../features/processes/RunsTab.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const TABS = ['flow', 'runs', 'analytics'] as const;
type TabKey = (typeof TABS)[number];

export function ProcessPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { processId = '' } = useParams();
  const { workspace, can } = useWorkspaceScope();
  const process = useProcess(workspace.id, processId);
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: TabKey = TABS.find((key) => key === requested) ?? 'flow';
  const base = `/w/${workspace.id}`;
  const steps = process.data?.version?.steps;
  const stepNames = useMemo(() => new Map((steps ?? []).map((step) => [step.key, step.name])), [steps]);

  if (process.error) return <QueryError error={process.error} onRetry={() => void process.refetch()} />;
  if (!process.data) return <FullPageSpin />;
  const data = process.data;

  const currentVersionId = data.version?.id ?? null;
  const versions = (
    <Flex vertical gap={6} data-testid="process-versions">
      {[...data.versions]
        .sort((a, b) => b.number - a.number)
        .map((version) => (
          <Flex key={version.id} justify="space-between" align="center" gap={16}>
            <Typography.Text>
              {t('processes.versionItem', {
                number: version.number,
                date: format.date(version.createdAt),
                count: version.runCount,
              })}
            </Typography.Text>
            {version.id === currentVersionId ? (
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t('designer.currentVersion')}
              </Tag>
            ) : null}
            {data.versions.length >= 2 && currentVersionId !== null && version.id !== currentVersionId ? (
              <Link
                to={`${base}/processes/${data.id}/compare?from=${version.id}&to=${currentVersionId}`}
                data-testid={`compare-version-${version.number}`}
              >
                {t('designer.compareWithCurrent')}
              </Link>
            ) : null}
          </Flex>
        ))}
    </Flex>
  );

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={`${base}/processes`}>{t('processes.title')}</Link> },
          { title: data.name },
        ]}
      />
      <PageHeader
        title={
          <Flex align="center" gap={10}>
            <span>{data.name}</span>
            {data.version ? (
              <Tag color="blue" data-testid="process-version">
                {t('processes.versionTag', { number: data.version.number })}
              </Tag>
            ) : null}
          </Flex>
        }
        description={data.description ?? undefined}
        extra={
          <Flex align="center" gap={16} wrap>
            <Popover title={t('processes.versions')} content={versions} placement="bottomRight">
              <Typography.Link data-testid="process-versions-link">
                <HistoryOutlined /> {t('processes.versions')} ({data.versions.length})
              </Typography.Link>
            </Popover>
            {can('processes.write') ? (
              <Button
                icon={<ImportOutlined />}
                onClick={() => void navigate(`${base}/processes/${data.id}/import`)}
                data-testid="import-event-log"
              >
                {t('eventLogImport.open')}
              </Button>
            ) : null}
            {can('processes.write') ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => void navigate(`${base}/processes/${data.id}/edit`)}
                data-testid="edit-flow"
              >
                {t('designer.editFlow')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearchParams(key === 'flow' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            {
              key: 'flow',
              label: t('processes.tabs.flow'),
              children: <FlowView steps={steps ?? []} />,
            },
            {
              key: 'runs',
              label: t('processes.tabs.runs'),
              children: (
                <RunsTab
                  workspaceId={workspace.id}
                  processId={data.id}
                  stepNames={stepNames}
                  mayStart={can('runs.write') && data.version !== null}
                />
              ),
            },
            {
              key: 'analytics',
              label: t('processes.tabs.analytics'),
              children: <AnalyticsTab workspaceId={workspace.id} processId={data.id} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
