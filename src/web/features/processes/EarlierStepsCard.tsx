import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/useFormatters.ts';
import type { Run } from './hooks.ts';

type Visit = Run['steps'][number];

function RecordedValue({ entry }: { entry: Visit['record'][number] }) {
  if (entry.type === 'link' && /^https?:\/\//i.test(entry.value)) {
    return (
      <Typography.Link href={entry.value} target="_blank" rel="noreferrer noopener">
        {entry.value}
      </Typography.Link>
    );
  }
  // Text keeps its line breaks: a solution is often a few lines.
  return <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{entry.value}</span>;
}

/**
 * What the completed steps of a case recorded, oldest first: each step's fields, outcome, who completed it and
 * when. The person on a later step reads the summary and the solution here before doing their part.
 */
export function EarlierStepsCard({ run }: { run: Run }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const completed = run.steps.filter((visit) => visit.completedAt !== null);

  return (
    <Card
      title={t('runs.earlierSteps')}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="earlier-steps"
    >
      {completed.length === 0 ? (
        <Typography.Text type="secondary">{t('runs.earlierStepsEmpty')}</Typography.Text>
      ) : (
        <Flex vertical gap={14}>
          {completed.map((visit, index) => (
            <div key={`${visit.stepKey}-${visit.enteredAt}-${index}`} data-testid="earlier-step">
              <Flex align="center" gap={8} wrap style={{ marginBottom: 4 }}>
                <CheckCircleFilled style={{ color: '#52c41a' }} />
                <Typography.Text strong>{visit.name}</Typography.Text>
                {visit.outcomeLabel ? (
                  <Tag style={{ marginInlineEnd: 0 }}>
                    {t('runs.outcomeTag', { outcome: visit.outcomeLabel })}
                  </Tag>
                ) : null}
                {visit.isBreached ? (
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    {t('runs.breached')}
                  </Tag>
                ) : null}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 6 }}>
                {t('runs.completedBy', {
                  name: visit.completedBy?.name ?? visit.assignee?.name ?? t('runs.system'),
                  time: format.dateTime(visit.completedAt ?? visit.enteredAt),
                })}
              </Typography.Text>
              {visit.record.length > 0 ? (
                <Descriptions
                  size="small"
                  bordered
                  column={1}
                  styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
                  items={visit.record.map((entry) => ({
                    key: entry.key,
                    label: entry.label,
                    children: <RecordedValue entry={entry} />,
                  }))}
                />
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('runs.nothingRecorded')}
                </Typography.Text>
              )}
              {visit.checkedItems.length > 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                  {t('runs.checkedItems', { items: visit.checkedItems.join(t('runs.itemSeparator')) })}
                </Typography.Text>
              ) : null}
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}
