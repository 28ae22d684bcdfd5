import { Card, Flex, Tag, Typography } from 'antd';
import {
  ArrowDownOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  FormOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ProcessStep } from './hooks.ts';

const KIND_COLORS: Record<ProcessStep['kind'], string> = {
  start: 'green',
  task: 'blue',
  decision: 'orange',
  end: 'default',
};

/** Who a step goes to, in words. */
export function useOwnerLabel() {
  const { t } = useTranslation();
  return (owner: ProcessStep['owner']): string => {
    if (!owner) return t('processes.ownerNone');
    if (owner.type === 'role') return t('processes.ownerRole', { role: owner.role });
    if (owner.type === 'skill') return t('processes.ownerSkill', { skill: owner.skill });
    return t('processes.ownerPerson');
  };
}

/**
 * The steps top to bottom, each with its owner rule, deadline, checklist and where it leads; with
 * `showDescriptions`, also how to do each step (the designer's preview).
 */
export function FlowView({
  steps,
  showDescriptions = false,
}: {
  steps: readonly ProcessStep[];
  showDescriptions?: boolean;
}) {
  const { t } = useTranslation();
  const ownerLabel = useOwnerLabel();
  const names = new Map(steps.map((step) => [step.key, step.name]));

  return (
    <Flex vertical align="center" data-testid="process-flow" style={{ paddingBlock: 8 }}>
      {steps.map((step, index) => (
        <Flex key={step.key} vertical align="center" style={{ width: '100%', maxWidth: 640 }}>
          {index > 0 ? (
            <ArrowDownOutlined style={{ color: '#bfbfbf', fontSize: 18, margin: '6px 0' }} />
          ) : null}
          <Card
            size="small"
            style={{
              width: '100%',
              borderInlineStart: `4px solid ${step.kind === 'decision' ? '#fa8c16' : step.kind === 'task' ? '#2f54eb' : '#52c41a'}`,
            }}
            data-testid={`flow-step-${step.key}`}
          >
            <Flex vertical gap={8}>
              <Flex align="center" gap={8} wrap>
                <Tag color={KIND_COLORS[step.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`processes.kinds.${step.kind}`)}
                </Tag>
                <Typography.Text strong style={{ fontSize: 15 }}>
                  {step.name}
                </Typography.Text>
              </Flex>
              {showDescriptions && step.description ? (
                <Typography.Text type="secondary" style={{ whiteSpace: 'pre-line' }}>
                  {step.description}
                </Typography.Text>
              ) : null}
              {step.kind !== 'end' ? (
                <Flex wrap style={{ color: '#595959', columnGap: 20, rowGap: 4 }}>
                  <span>
                    <UserOutlined /> {t('processes.owner')}: {ownerLabel(step.owner)}
                  </span>
                  <span>
                    <ClockCircleOutlined /> {t('processes.sla')}:{' '}
                    {step.slaHours === null
                      ? t('processes.noSla')
                      : t('processes.slaHours', { hours: step.slaHours })}
                  </span>
                  <span>
                    <CheckSquareOutlined /> {t('processes.checklist')}:{' '}
                    {t('processes.checklistCount', { count: step.checklist.length })}
                  </span>
                  {step.fields.length > 0 ? (
                    <span>
                      <FormOutlined /> {t('processes.fields')}:{' '}
                      {step.fields
                        .map((field) => (field.required ? `${field.label}*` : field.label))
                        .join('、')}
                    </span>
                  ) : null}
                </Flex>
              ) : null}
              {step.outcomes.length > 0 ? (
                <Flex gap={6} wrap align="center">
                  <Typography.Text type="secondary">{t('processes.outcomes')}:</Typography.Text>
                  {step.outcomes.map((outcome) => (
                    <Tag key={outcome.key} style={{ marginInlineEnd: 0 }}>
                      {outcome.label} → {names.get(outcome.next) ?? outcome.next}
                    </Tag>
                  ))}
                </Flex>
              ) : null}
            </Flex>
          </Card>
        </Flex>
      ))}
    </Flex>
  );
}
