import { useState } from 'react';
import { Button, Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useProcesses, type ProcessSummary } from '../../features/processes/hooks.ts';
import { TemplatesModal } from '../../features/processes/TemplatesModal.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

export function ProcessesPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { workspace, can } = useWorkspaceScope();
  const processes = useProcesses(workspace.id);
  const [isChoosing, setChoosing] = useState(false);
  const base = `/w/${workspace.id}`;
  const mayCreate = can('processes.write');

  const columns: TableColumnsType<ProcessSummary> = [
    {
      title: t('processes.name'),
      key: 'name',
      render: (_, process) => (
        <Flex vertical gap={2}>
          <Link to={`${base}/processes/${process.id}`} style={{ fontWeight: 500 }}>
            {process.name}
          </Link>
          {process.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {process.description}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('processes.version'),
      key: 'version',
      width: 90,
      render: (_, process) => <Tag>{t('processes.versionTag', { number: process.versionNumber })}</Tag>,
    },
    {
      title: t('processes.openRuns'),
      key: 'openRuns',
      width: 100,
      align: 'right',
      render: (_, process) => format.number(process.openRuns),
    },
    {
      title: t('processes.completedRuns'),
      key: 'completedRuns',
      width: 100,
      align: 'right',
      render: (_, process) => format.number(process.completedRuns),
    },
    {
      title: t('processes.updatedAt'),
      key: 'updatedAt',
      width: 180,
      render: (_, process) => format.dateTime(process.updatedAt),
    },
  ];

  const isEmpty = !processes.isPending && (processes.data?.length ?? 0) === 0;
  const createButton = (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setChoosing(true)}
      data-testid="new-process"
    >
      {t('processes.create')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('processes.title')}
        description={t('processes.description')}
        extra={mayCreate && !isEmpty ? createButton : null}
      />
      {processes.error ? (
        <QueryError error={processes.error} onRetry={() => void processes.refetch()} />
      ) : isEmpty ? (
        <Card>
          <Empty
            image={<ApartmentOutlined style={{ fontSize: 48, color: '#adc6ff' }} />}
            styles={{ image: { height: 56 } }}
            description={
              <Flex vertical gap={4} align="center">
                <Typography.Text strong>{t('processes.empty')}</Typography.Text>
                <Typography.Text type="secondary" style={{ maxWidth: 460 }}>
                  {t('processes.emptyHint')}
                </Typography.Text>
              </Flex>
            }
          >
            {mayCreate ? createButton : null}
          </Empty>
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<ProcessSummary>
            rowKey="id"
            columns={columns}
            dataSource={processes.data ?? []}
            loading={processes.isPending}
            pagination={false}
            scroll={{ x: 800 }}
            data-testid="processes-table"
            onRow={(process) => ({
              onDoubleClick: () => void navigate(`${base}/processes/${process.id}`),
            })}
          />
        </Card>
      )}
      {mayCreate ? (
        <TemplatesModal workspaceId={workspace.id} open={isChoosing} onClose={() => setChoosing(false)} />
      ) : null}
    </>
  );
}
