import { useState } from 'react';
import { Button, Card, Empty, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FundOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { FROM_TABLET, useIsCompact } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useKpis, type Kpi } from '../../features/kpis/hooks.ts';
import { KpiFormModal } from '../../features/kpis/KpiFormModal.tsx';
import { KpiStatus, MONO } from '../../features/kpis/KpiStatus.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

export function KpisPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { workspace, can } = useWorkspaceScope();
  const kpis = useKpis(workspace.id);
  const [isCreating, setCreating] = useState(false);
  const base = `/w/${workspace.id}`;
  const mayDefine = can('kpis.write');
  const mayImport = can('measurements.write');
  // A phone keeps the name, the latest value and its status.
  const isCompact = useIsCompact();

  const columns: TableColumnsType<Kpi> = [
    {
      title: t('kpis.name'),
      key: 'name',
      width: isCompact ? undefined : 240,
      render: (_, kpi) => (
        <Flex vertical gap={2}>
          <Link to={`${base}/kpis/${kpi.key}`} style={{ fontWeight: 500 }}>
            {kpi.name}
          </Link>
          <Typography.Text type="secondary" style={{ ...MONO, whiteSpace: 'nowrap' }}>
            {kpi.key}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('kpis.lastValue'),
      key: 'lastValue',
      align: 'right',
      width: 170,
      render: (_, kpi) =>
        kpi.lastValue === null ? (
          <Typography.Text type="secondary">{t('kpis.noValue')}</Typography.Text>
        ) : (
          <Flex vertical align="flex-end" gap={0}>
            <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
              {format.measure(kpi.lastValue, kpi.unit)}
            </Typography.Text>
            {kpi.lastPeriod ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {format.period(kpi.lastPeriod, kpi.frequency)}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
    },
    {
      title: t('kpis.status'),
      key: 'status',
      width: 120,
      render: (_, kpi) => <KpiStatus status={kpi.status} />,
    },
    {
      title: t('kpis.frequency'),
      key: 'frequency',
      width: 110,
      responsive: FROM_TABLET,
      render: (_, kpi) => (
        <Flex vertical gap={0}>
          <span>{t(`kpis.frequencies.${kpi.frequency}`)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`kpis.aggregations.${kpi.aggregation}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('kpis.unit'),
      key: 'unit',
      width: 80,
      responsive: FROM_TABLET,
      render: (_, kpi) => kpi.unit ?? '—',
    },
    {
      title: t('kpis.formula'),
      key: 'formula',
      responsive: FROM_TABLET,
      render: (_, kpi) =>
        kpi.formula ? (
          <Tooltip title={t('kpis.computed')}>
            <span
              style={{
                ...MONO,
                display: 'inline-block',
                background: '#f5f5f5',
                border: '1px solid #f0f0f0',
                borderRadius: 4,
                padding: '1px 6px',
                wordBreak: 'break-word',
              }}
            >
              {kpi.formula}
            </span>
          </Tooltip>
        ) : (
          <Tag style={{ marginInlineEnd: 0 }}>{t('kpis.measured')}</Tag>
        ),
    },
    {
      title: t('kpis.owner'),
      key: 'owner',
      width: 110,
      responsive: FROM_TABLET,
      render: (_, kpi) => kpi.owner?.name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];

  const isEmpty = !kpis.isPending && (kpis.data?.length ?? 0) === 0;

  return (
    <>
      <PageHeader
        title={t('kpis.title')}
        description={t('kpis.description')}
        extra={
          <>
            {mayImport && !isEmpty ? (
              <Link to={`${base}/kpis/import`}>
                <Button icon={<UploadOutlined />} data-testid="import-button">
                  {t('kpis.import')}
                </Button>
              </Link>
            ) : null}
            {mayDefine ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="new-kpi"
              >
                {t('kpis.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {kpis.error ? (
        <QueryError error={kpis.error} onRetry={() => void kpis.refetch()} />
      ) : isEmpty ? (
        <Card>
          <Empty
            image={<FundOutlined style={{ fontSize: 48, color: '#adc6ff' }} />}
            styles={{ image: { height: 56 } }}
            description={
              <Flex vertical gap={4} align="center">
                <Typography.Text strong>{t('kpis.empty')}</Typography.Text>
                <Typography.Text type="secondary" style={{ maxWidth: 460 }}>
                  {t('kpis.emptyHint')}
                </Typography.Text>
              </Flex>
            }
          >
            {mayDefine ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('kpis.create')}
              </Button>
            ) : null}
          </Empty>
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Kpi>
            rowKey="id"
            columns={columns}
            dataSource={kpis.data ?? []}
            loading={kpis.isPending}
            pagination={false}
            scroll={isCompact ? undefined : { x: 900 }}
            data-testid="kpis-table"
            onRow={(kpi) => ({ onDoubleClick: () => void navigate(`${base}/kpis/${kpi.key}`) })}
          />
        </Card>
      )}
      {mayDefine ? (
        <KpiFormModal workspaceId={workspace.id} open={isCreating} onClose={() => setCreating(false)} />
      ) : null}
    </>
  );
}
