import { Alert, Col, Collapse, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/useFormatters.ts';
import type { PlanImportReport } from './hooks.ts';

const COUNTS = ['goals', 'keyResults', 'kpis', 'tasks', 'dependencies', 'processes', 'routines'] as const;
const KINDS = ['goal', 'kpi', 'task', 'process', 'routine'] as const;
const SEVERITY_COLOR = { error: 'red', warning: 'orange', info: 'blue' } as const;

/** What a plan import created (or, on a dry run, would create): counts, the items by kind, and advice. */
export function PlanImportReportView({ report }: { report: PlanImportReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const itemsOf = (kind: (typeof KINDS)[number]) => report.items.filter((item) => item.kind === kind);
  return (
    <Flex vertical gap={16} data-testid="plan-report">
      <Row gutter={[16, 16]}>
        {COUNTS.map((count) => (
          <Col key={count} xs={12} sm={8} md={6} xl={3}>
            <Statistic
              title={t(`planReport.counts.${count}`)}
              value={format.number(report.created[count], 0)}
              data-testid={`plan-count-${count}`}
            />
          </Col>
        ))}
      </Row>
      <Collapse
        size="small"
        defaultActiveKey={['goal', 'task']}
        items={KINDS.filter((kind) => itemsOf(kind).length > 0).map((kind) => ({
          key: kind,
          label: `${t(`planReport.kinds.${kind}`)} · ${format.number(itemsOf(kind).length, 0)}`,
          children: (
            <List
              size="small"
              dataSource={itemsOf(kind)}
              renderItem={(item) => (
                <List.Item>
                  <Flex gap={8} align="baseline" wrap>
                    <Typography.Text type="secondary" code>
                      {item.key}
                    </Typography.Text>
                    <Typography.Text>{item.title}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          ),
        }))}
      />
      {report.people.length > 0 ? (
        <Typography.Text type="secondary">
          {t('planReport.people', { names: report.people.map((person) => person.name).join('、') })}
        </Typography.Text>
      ) : null}
      {report.findings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('planReport.findings', { count: report.findings.length })}
          description={
            <List
              size="small"
              dataSource={report.findings}
              renderItem={(finding) => (
                <List.Item>
                  <Flex gap={8} align="baseline" wrap>
                    <Tag color={SEVERITY_COLOR[finding.severity]}>
                      {t(`planHealth.severity.${finding.severity}`)}
                    </Tag>
                    {finding.line ? (
                      <Typography.Text code>{`${finding.line}:${finding.column ?? 1}`}</Typography.Text>
                    ) : null}
                    <Typography.Text>{finding.message}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          }
        />
      ) : null}
    </Flex>
  );
}
