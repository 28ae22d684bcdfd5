import type { ReactNode } from 'react';
import { Flex, Progress, Spin, Tag, Tooltip, Typography } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  QuestionCircleFilled,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SmartAnalysis } from './hooks.ts';

type Criterion = keyof SmartAnalysis['criteria'];
type Status = SmartAnalysis['criteria'][Criterion]['status'];

const CRITERIA: Criterion[] = ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'];

const STATUS_ICON: Record<Status, { icon: ReactNode; color: string }> = {
  pass: { icon: <CheckCircleFilled />, color: '#52c41a' },
  warn: { icon: <ExclamationCircleFilled />, color: '#faad14' },
  fail: { icon: <CloseCircleFilled />, color: '#f5222d' },
  unknown: { icon: <QuestionCircleFilled />, color: '#bfbfbf' },
};

function scoreColor(score: number): string {
  if (score >= 4) return '#52c41a';
  if (score >= 2.5) return '#faad14';
  return '#f5222d';
}

/** The five SMART criteria of a goal statement, each with the server's reason and suggestion. */
export function SmartPanel({
  analysis,
  isChecking = false,
  compact = false,
}: {
  analysis: SmartAnalysis | null | undefined;
  isChecking?: boolean;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (!analysis) {
    return (
      <Typography.Text type="secondary" data-testid="smart-panel">
        {isChecking ? <Spin size="small" /> : null} {isChecking ? t('smart.checking') : t('smart.empty')}
      </Typography.Text>
    );
  }
  return (
    <Flex vertical gap={compact ? 8 : 12} data-testid="smart-panel">
      <Flex align="center" gap={12}>
        <Progress
          steps={5}
          percent={(analysis.score / 5) * 100}
          showInfo={false}
          strokeColor={scoreColor(analysis.score)}
          size={[18, 8]}
        />
        <Typography.Text strong data-testid="smart-score">
          {t('smart.score', { score: analysis.score })}
        </Typography.Text>
        {isChecking ? <Spin size="small" /> : null}
      </Flex>
      {CRITERIA.map((criterion) => {
        const result = analysis.criteria[criterion];
        const status = STATUS_ICON[result.status];
        return (
          <Flex key={criterion} gap={8} align="flex-start">
            <Tooltip title={t(`smart.statuses.${result.status}`)}>
              <span style={{ color: status.color, fontSize: 16, lineHeight: '22px' }}>{status.icon}</span>
            </Tooltip>
            <Flex vertical gap={0} style={{ minWidth: 0 }}>
              <Flex gap={6} align="center" wrap>
                <Typography.Text strong>{t(`smart.criteria.${criterion}`)}</Typography.Text>
                {result.status !== 'pass' ? (
                  <Tag
                    color={
                      result.status === 'fail' ? 'error' : result.status === 'warn' ? 'warning' : 'default'
                    }
                  >
                    {t(`smart.statuses.${result.status}`)}
                  </Tag>
                ) : null}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {result.reason}
              </Typography.Text>
              {result.suggestion ? (
                <Typography.Text style={{ fontSize: 13, color: '#2f54eb' }}>
                  {result.suggestion}
                </Typography.Text>
              ) : null}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}
