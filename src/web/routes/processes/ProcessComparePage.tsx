import { useMemo } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { ArrowRightOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMembers } from '../../features/members/hooks.ts';
import { CompareChart } from '../../features/processes/compare/CompareChart.tsx';
import { compareRows } from '../../features/processes/compare/compareRows.ts';
import { CompareStepsTable } from '../../features/processes/compare/CompareStepsTable.tsx';
import {
  msToHours,
  useHours,
  useProcess,
  useProcessComparison,
  type ProcessComparison,
} from '../../features/processes/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type Side = ProcessComparison['comparison']['before'];

/** Two versions of a process side by side: what changed in the steps and what it did to the times. */
export function ProcessComparePage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const hours = useHours();
  const navigate = useNavigate();
  const { processId = '' } = useParams();
  const { workspace, can } = useWorkspaceScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const process = useProcess(workspace.id, processId);
  const members = useMembers(workspace.id);
  const base = `/w/${workspace.id}`;

  const versions = useMemo(
    () => [...(process.data?.versions ?? [])].sort((a, b) => a.number - b.number),
    [process.data?.versions],
  );
  const byId = (id: string | null) => versions.find((version) => version.id === id) ?? null;
  // Defaults: the current version against the one before it.
  const to =
    byId(searchParams.get('to')) ?? byId(process.data?.version?.id ?? null) ?? versions.at(-1) ?? null;
  const from =
    byId(searchParams.get('from')) ??
    (to ? versions.filter((version) => version.number < to.number).at(-1) : undefined) ??
    null;
  const isSame = from !== null && to !== null && from.id === to.id;
  const comparison = useProcessComparison(
    workspace.id,
    processId,
    isSame ? null : (from?.id ?? null),
    isSame ? null : (to?.id ?? null),
  );
  const rows = useMemo(() => {
    if (!comparison.data) return null;
    const names = new Map((members.data ?? []).map((member) => [member.userId, member.name]));
    return compareRows(comparison.data, comparison.data.afterSteps, {
      t,
      memberName: (userId) => names.get(userId) ?? userId,
      number: (value) => format.number(value),
    });
  }, [comparison.data, members.data, t, format]);

  if (process.error) return <QueryError error={process.error} onRetry={() => void process.refetch()} />;
  if (!process.data) return <FullPageSpin />;
  const data = process.data;
  const processUrl = `${base}/processes/${data.id}`;

  const choose = (side: 'from' | 'to', versionId: string) => {
    const next = new URLSearchParams(searchParams);
    if (from) next.set('from', from.id);
    if (to) next.set('to', to.id);
    next.set(side, versionId);
    setSearchParams(next, { replace: true });
  };
  const versionOptions = (disabledId: string | undefined) =>
    [...versions].reverse().map((version) => ({
      value: version.id,
      label: t('processes.versionItem', {
        number: version.number,
        date: format.date(version.createdAt),
        count: version.runCount,
      }),
      disabled: version.id === disabledId,
    }));

  const header = (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={`${base}/processes`}>{t('processes.title')}</Link> },
          { title: <Link to={processUrl}>{data.name}</Link> },
          { title: t('compare.title') },
        ]}
      />
      <PageHeader title={t('compare.title')} description={data.name} />
    </>
  );

  if (versions.length < 2) {
    const mayEdit = can('processes.write');
    return (
      <>
        {header}
        <Card>
          <Result
            status="info"
            title={t('compare.oneVersion')}
            subTitle={mayEdit ? t('compare.oneVersionHint') : t('compare.oneVersionReadOnly')}
            data-testid="compare-one-version"
            extra={
              <Flex gap={8} justify="center">
                <Button onClick={() => void navigate(processUrl)}>{t('compare.backToProcess')}</Button>
                {mayEdit ? (
                  <Button
                    type="primary"
                    icon={<EditOutlined />}
                    onClick={() => void navigate(`${processUrl}/edit`)}
                  >
                    {t('compare.edit')}
                  </Button>
                ) : null}
              </Flex>
            }
          />
        </Card>
      </>
    );
  }

  const error = comparison.error;
  const result = comparison.data;
  const leadTime = (side: Side) =>
    side.leadTime.medianMs === null ? (
      <Typography.Text type="secondary">{t('compare.notEnough')}</Typography.Text>
    ) : (
      t('analytics.hours', { hours: hours(side.leadTime.medianMs) })
    );
  const leadChange = () => {
    const change = result?.comparison.leadTime;
    if (!change || change.medianChangeMs === null) return null;
    const changeHours = msToHours(change.medianChangeMs) ?? 0;
    const ratio = change.medianChangeRatio === null ? '—' : format.percent(change.medianChangeRatio);
    if (changeHours === 0) return <Tag>{t('compare.same')}</Tag>;
    const words = { hours: format.number(Math.abs(changeHours), 1), ratio };
    return changeHours < 0 ? (
      <Tag color="green" data-testid="lead-change">
        {t('compare.faster', words)}
      </Tag>
    ) : (
      <Tag color="red" data-testid="lead-change">
        {t('compare.slower', words)}
      </Tag>
    );
  };
  const emptySide = result
    ? [
        result.comparison.before.runs.total === 0 ? from : null,
        result.comparison.after.runs.total === 0 ? to : null,
      ]
    : [];
  const emptyVersions = emptySide.filter((version) => version !== null);

  return (
    <>
      {header}
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex align="center" gap={12} wrap>
            <Typography.Text type="secondary">{t('compare.before')}</Typography.Text>
            <Select<string>
              value={from?.id}
              onChange={(value) => choose('from', value)}
              options={versionOptions(to?.id)}
              style={{ minWidth: 260 }}
              data-testid="compare-from"
            />
            <ArrowRightOutlined style={{ color: '#8c8c8c' }} />
            <Typography.Text type="secondary">{t('compare.after')}</Typography.Text>
            <Select<string>
              value={to?.id}
              onChange={(value) => choose('to', value)}
              options={versionOptions(from?.id)}
              style={{ minWidth: 260 }}
              data-testid="compare-to"
            />
            {comparison.isFetching ? <Spin size="small" /> : null}
          </Flex>
        </Card>
        {isSame ? <Alert type="warning" showIcon title={t('compare.sameVersion')} /> : null}
        {error ? <QueryError error={error} onRetry={() => void comparison.refetch()} /> : null}
        {!isSame && !error && (!result || !rows || !from || !to) ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : null}
        {result && rows && from && to && !isSame && !error ? (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={10}>
                <Card size="small" title={t('compare.medianLead')} style={{ height: '100%' }}>
                  <Flex vertical gap={8} data-testid="compare-lead-time">
                    <Flex align="baseline" gap={12} wrap style={{ fontSize: 20 }}>
                      <span data-testid="lead-before">
                        <Typography.Text type="secondary" style={{ fontSize: 13, marginInlineEnd: 6 }}>
                          {t('processes.versionTag', { number: from.number })}
                        </Typography.Text>
                        {leadTime(result.comparison.before)}
                      </span>
                      <ArrowRightOutlined style={{ fontSize: 14, color: '#8c8c8c' }} />
                      <span data-testid="lead-after">
                        <Typography.Text type="secondary" style={{ fontSize: 13, marginInlineEnd: 6 }}>
                          {t('processes.versionTag', { number: to.number })}
                        </Typography.Text>
                        {leadTime(result.comparison.after)}
                      </span>
                    </Flex>
                    <div>{leadChange()}</div>
                  </Flex>
                </Card>
              </Col>
              <Col xs={12} lg={7}>
                <Card size="small" title={t('compare.cases')} style={{ height: '100%' }}>
                  <Flex vertical gap={4} data-testid="compare-cases">
                    {(
                      [
                        [from, result.comparison.before],
                        [to, result.comparison.after],
                      ] as const
                    ).map(([version, side]) => (
                      <Typography.Text key={version.id}>
                        <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                          {t('processes.versionTag', { number: version.number })}
                        </Typography.Text>
                        {t('compare.casesValue', { completed: side.runs.completed, total: side.runs.total })}
                      </Typography.Text>
                    ))}
                  </Flex>
                </Card>
              </Col>
              <Col xs={12} lg={7}>
                <Card size="small" title={t('compare.stepChanges')} style={{ height: '100%' }}>
                  <Typography.Text>
                    {t('compare.stepChangesValue', {
                      changed: result.diff.changed.length,
                      added: result.diff.added.length,
                      removed: result.diff.removed.length,
                    })}
                  </Typography.Text>
                </Card>
              </Col>
            </Row>
            {emptyVersions.length === 2 ? (
              <Alert type="info" showIcon title={t('compare.noCasesEither')} data-testid="compare-no-cases" />
            ) : emptyVersions[0] ? (
              <Alert
                type="info"
                showIcon
                title={t('compare.noCasesOne', { number: emptyVersions[0].number })}
                data-testid="compare-no-cases"
              />
            ) : null}
            <Card title={t('compare.steps')} styles={{ body: { padding: 0 } }}>
              <CompareStepsTable rows={rows} beforeNumber={from.number} afterNumber={to.number} />
            </Card>
            <Card title={t('compare.chart')} size="small">
              {emptyVersions.length === 2 ? (
                <Empty description={t('compare.noCasesEither')} />
              ) : (
                <CompareChart rows={rows} beforeNumber={from.number} afterNumber={to.number} />
              )}
            </Card>
          </>
        ) : null}
      </Flex>
    </>
  );
}
