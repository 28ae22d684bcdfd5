import { useState } from 'react';
import {
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { FundOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { FROM_TABLET, useIsCompact } from '../../components/responsive.ts';
import { useDebouncedValue } from '../../components/useDebouncedValue.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useKpiPages, type KpiListFilter, type KpiListItem } from '../../features/kpis/hooks.ts';
import { KpiFormModal } from '../../features/kpis/KpiFormModal.tsx';
import { KpiStatus, MONO } from '../../features/kpis/KpiStatus.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

const STATUSES = ['green', 'amber', 'red', 'none'] as const;

export function KpisPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { workspace, can } = useWorkspaceScope();
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 300);
  const [searchParams] = useSearchParams();
  // `?status=red` from the overview's KPIs in the red opens the list filtered.
  const [status, setStatus] = useState<KpiListFilter['status'] | null>(
    () => STATUSES.find((value) => value === searchParams.get('status')) ?? null,
  );
  const [frequency, setFrequency] = useState<KpiListFilter['frequency'] | null>(null);
  const [kind, setKind] = useState<KpiListFilter['kind'] | null>(null);
  const isFiltered = query !== '' || status !== null || frequency !== null || kind !== null;
  // A page of 50 at a time, searched and filtered by the server; "load more" reads the next.
  const kpis = useKpiPages(workspace.id, {
    ...(query ? { q: query } : {}),
    ...(status ? { status } : {}),
    ...(frequency ? { frequency } : {}),
    ...(kind ? { kind } : {}),
  });
  const rows = (kpis.data?.pages ?? []).flatMap((page) => page.items);
  const [isCreating, setCreating] = useState(false);
  const base = `/w/${workspace.id}`;
  const mayDefine = can('kpis.write');
  const mayImport = can('measurements.write');
  // A phone keeps the name, the latest value and its status.
  const isCompact = useIsCompact();

  const columns: TableColumnsType<KpiListItem> = [
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

  const isEmpty = !kpis.isPending && !isFiltered && rows.length === 0;

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
          <Flex gap={8} wrap style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
            <Input.Search
              allowClear
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('kpis.searchPlaceholder')}
              aria-label={t('kpis.searchPlaceholder')}
              style={{ width: isCompact ? '100%' : 260 }}
              data-testid="kpi-search"
            />
            <Select
              allowClear
              value={status}
              onChange={(value) => setStatus(value ?? null)}
              placeholder={t('kpis.allStatuses')}
              aria-label={t('kpis.filterStatus')}
              style={{ width: 140 }}
              options={[
                ...(['green', 'amber', 'red'] as const).map((value) => ({
                  value,
                  label: t(`kpis.statusLabels.${value}`),
                })),
                { value: 'none' as const, label: t('kpis.statusNone') },
              ]}
            />
            <Select
              allowClear
              value={frequency}
              onChange={(value) => setFrequency(value ?? null)}
              placeholder={t('kpis.allFrequencies')}
              aria-label={t('kpis.filterFrequency')}
              style={{ width: 140 }}
              options={(['day', 'week', 'month'] as const).map((value) => ({
                value,
                label: t(`kpis.frequencies.${value}`),
              }))}
            />
            <Select
              allowClear
              value={kind}
              onChange={(value) => setKind(value ?? null)}
              placeholder={t('kpis.allKinds')}
              aria-label={t('kpis.filterKind')}
              style={{ width: 170 }}
              options={[
                { value: 'measured' as const, label: t('kpis.measured') },
                { value: 'formula' as const, label: t('kpis.computed') },
              ]}
            />
          </Flex>
          <Table<KpiListItem>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={
              kpis.isPending || (kpis.isFetching && !kpis.isFetchingNextPage && kpis.isPlaceholderData)
            }
            pagination={false}
            // Many loaded pages render only the rows in view.
            virtual={!isCompact && rows.length > 200}
            scroll={isCompact ? undefined : rows.length > 200 ? { x: 900, y: 640 } : { x: 900 }}
            data-testid="kpis-table"
            onRow={(kpi) => ({ onDoubleClick: () => void navigate(`${base}/kpis/${kpi.key}`) })}
            locale={{ emptyText: <Empty description={t('kpis.emptyFiltered')} /> }}
          />
          <Flex justify="center" align="center" gap={12} style={{ padding: 12 }}>
            <Typography.Text type="secondary">{t('kpis.shown', { count: rows.length })}</Typography.Text>
            {kpis.hasNextPage ? (
              <Button
                onClick={() => void kpis.fetchNextPage()}
                loading={kpis.isFetchingNextPage}
                data-testid="kpis-load-more"
              >
                {t('kpis.loadMore')}
              </Button>
            ) : null}
          </Flex>
        </Card>
      )}
      {mayDefine ? (
        <KpiFormModal workspaceId={workspace.id} open={isCreating} onClose={() => setCreating(false)} />
      ) : null}
    </>
  );
}
