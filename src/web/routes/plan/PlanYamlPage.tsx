import { useState } from 'react';
import { Breadcrumb, Button, Card, Flex, Result, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ImportWizard } from '../../components/import/ImportWizard.tsx';
import { useImportFlow } from '../../components/import/useImportFlow.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { planYamlUrl, useImportPlanYaml, type PlanImportReport } from '../../features/plan/hooks.ts';
import { PlanImportReportView } from '../../features/plan/PlanImportReportView.tsx';
import { PlanProblemsAlert } from '../../features/plan/PlanProblems.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const YAML_ACCEPT = '.yaml,.yml,application/yaml,application/x-yaml,text/yaml';

/**
 * The plan as code: download the workspace as plan.yaml; upload one, read the dry run (what would be created,
 * or every problem with its line:column and field), then load it all or nothing.
 */
export function PlanYamlPage() {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const upload = useImportPlanYaml(workspace.id);
  const [file, setFile] = useState<File | null>(null);
  const flow = useImportFlow<PlanImportReport>({
    send: (transfer) => upload.mutateAsync({ ...transfer, file: file as File }),
    reset: upload.reset,
  });
  const base = `/w/${workspace.id}`;
  const mayImport = can('kpis.write') && can('processes.write');

  const restart = () => {
    setFile(null);
    flow.restart();
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { key: 'plan', title: <Link to={`${base}/plan`}>{t('plan.title')}</Link> },
          { key: 'yaml', title: t('planYaml.title') },
        ]}
      />
      <PageHeader title={t('planYaml.title')} description={t('planYaml.description')} />
      <Card title={t('planYaml.exportTitle')} style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Typography.Text type="secondary" style={{ flex: '1 1 280px' }}>
            {t('planYaml.exportHint')}{' '}
            <Typography.Link href="/api/plan.schema.json" target="_blank">
              plan.schema.json
            </Typography.Link>
          </Typography.Text>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            href={planYamlUrl(workspace.id)}
            download="plan.yaml"
            data-testid="plan-yaml-export"
          >
            {t('planYaml.export')}
          </Button>
        </Flex>
      </Card>
      {mayImport ? (
        <>
          <Typography.Title level={5}>{t('planYaml.importTitle')}</Typography.Title>
          <ImportWizard<PlanImportReport>
            flow={flow}
            error={upload.error}
            renderError={(error) => <PlanProblemsAlert error={error} title={t('planYaml.invalid')} />}
            file={file}
            onFile={(chosen) => {
              setFile(chosen);
              upload.reset();
            }}
            accept={YAML_ACCEPT}
            dropHint={t('planYaml.dropHint')}
            renderReport={(report) => (
              <>
                <Typography.Paragraph style={{ margin: 0 }} data-testid="plan-yaml-dry-run">
                  {t('planYaml.dryRun')}
                </Typography.Paragraph>
                <PlanImportReportView report={report} />
              </>
            )}
            renderActions={(report) => (
              <Flex justify="flex-end" gap={8} wrap>
                <Button onClick={restart} data-testid="import-fix">
                  {t('planYaml.another')}
                </Button>
                <Button type="primary" onClick={() => flow.commit(report)} data-testid="import-commit">
                  {t('planYaml.commit')}
                </Button>
              </Flex>
            )}
            renderDone={(report) => (
              <Result
                status="success"
                title={
                  <span data-testid="import-result">
                    {t('planYaml.resultTitle', { goals: report.created.goals, tasks: report.created.tasks })}
                  </span>
                }
                extra={
                  <Flex gap={8} wrap justify="center">
                    <Button onClick={restart}>{t('planYaml.another')}</Button>
                    <Link to={`${base}/goals`}>
                      <Button type="primary">{t('planTemplate.openGoals')}</Button>
                    </Link>
                    <Link to={`${base}/plan/health`}>
                      <Button>{t('planHealth.title')}</Button>
                    </Link>
                  </Flex>
                }
              />
            )}
          />
        </>
      ) : null}
    </>
  );
}
