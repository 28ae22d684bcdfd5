import { Badge, Button, Card, Empty, Flex, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  CopyOutlined,
  DeleteOutlined,
  FormOutlined,
  NodeIndexOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_STEPS, type DesignerAction, type DraftStep, type OwnerCandidate } from './model.ts';

const KIND_COLORS: Record<DraftStep['kind'], string> = {
  start: 'green',
  task: 'blue',
  decision: 'orange',
  end: 'default',
};

const ACCENTS: Record<DraftStep['kind'], string> = {
  start: '#52c41a',
  task: '#2f54eb',
  decision: '#fa8c16',
  end: '#bfbfbf',
};

/** The steps in order, as cards to select, reorder, duplicate and delete. */
export function StepList({
  steps,
  selectedKey,
  issueCounts,
  candidates,
  dispatch,
}: {
  steps: readonly DraftStep[];
  selectedKey: string | null;
  issueCounts: ReadonlyMap<string, number>;
  candidates: readonly OwnerCandidate[];
  dispatch: (action: DesignerAction) => void;
}) {
  const { t } = useTranslation();
  const names = new Map(candidates.map((candidate) => [candidate.userId, candidate.name]));

  const ownerText = (step: DraftStep) => {
    const { owner } = step;
    if (owner === null) return step.kind === 'start' ? t('processes.ownerNone') : null;
    if (owner.type === 'person') return names.get(owner.userId) ?? t('processes.ownerPerson');
    if (owner.type === 'role') return t('processes.ownerRole', { role: owner.role });
    return t('processes.ownerSkill', { skill: owner.skill });
  };

  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  return (
    <Flex vertical gap={8} data-testid="designer-steps">
      {steps.map((step, index) => {
        const isSelected = step.key === selectedKey;
        const issues = issueCounts.get(step.key) ?? 0;
        const owner = ownerText(step);
        return (
          <Card
            key={step.key}
            size="small"
            hoverable
            onClick={() => dispatch({ type: 'select', key: step.key })}
            data-testid={`designer-step-${step.key}`}
            aria-current={isSelected ? 'step' : undefined}
            style={{
              borderInlineStart: `4px solid ${ACCENTS[step.kind]}`,
              borderColor: isSelected ? '#2f54eb' : undefined,
              background: isSelected ? '#f0f5ff' : undefined,
              cursor: 'pointer',
            }}
            styles={{ body: { padding: '8px 10px' } }}
          >
            <Flex vertical gap={4}>
              <Flex align="center" gap={6}>
                <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 16 }}>
                  {index + 1}
                </Typography.Text>
                <Tag color={KIND_COLORS[step.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`processes.kinds.${step.kind}`)}
                </Tag>
                <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
                  {step.name.trim() || <Typography.Text type="secondary">{step.key}</Typography.Text>}
                </Typography.Text>
                {issues > 0 ? (
                  <Tooltip title={t('designer.issueBadge', { count: issues })}>
                    <Badge count={issues} size="small" data-testid="step-issue-badge" />
                  </Tooltip>
                ) : null}
              </Flex>
              {step.kind !== 'end' ? (
                <Flex wrap style={{ columnGap: 12, rowGap: 2, fontSize: 12, color: '#595959' }}>
                  <span>
                    <UserOutlined />{' '}
                    {owner ?? <Typography.Text type="danger">{t('designer.noOwner')}</Typography.Text>}
                  </span>
                  <span>
                    <ClockCircleOutlined />{' '}
                    {step.slaHours === null
                      ? t('processes.noSla')
                      : t('processes.slaHours', { hours: step.slaHours })}
                  </span>
                  <Tooltip title={t('designer.sections.checklist')}>
                    <span>
                      <CheckSquareOutlined /> {step.checklist.length}
                    </span>
                  </Tooltip>
                  <Tooltip title={t('designer.fieldsCount', { count: step.fields.length })}>
                    <span>
                      <FormOutlined /> {step.fields.length}
                    </span>
                  </Tooltip>
                  <Tooltip title={t('designer.outcomesCount', { count: step.outcomes.length })}>
                    <span>
                      <NodeIndexOutlined /> {step.outcomes.length}
                    </span>
                  </Tooltip>
                </Flex>
              ) : null}
              {isSelected ? (
                <Flex gap={2} justify="flex-end" onClick={(event) => event.stopPropagation()}>
                  <Tooltip title={t('designer.moveUp')}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('designer.moveUp')}
                      disabled={index === 0}
                      onClick={() => dispatch({ type: 'moveStep', key: step.key, delta: -1 })}
                    />
                  </Tooltip>
                  <Tooltip title={t('designer.moveDown')}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('designer.moveDown')}
                      disabled={index === steps.length - 1}
                      onClick={() => dispatch({ type: 'moveStep', key: step.key, delta: 1 })}
                    />
                  </Tooltip>
                  <Tooltip title={t('designer.duplicate')}>
                    <Button
                      size="small"
                      type="text"
                      icon={<CopyOutlined />}
                      aria-label={t('designer.duplicate')}
                      disabled={steps.length >= MAX_STEPS}
                      onClick={() =>
                        dispatch({
                          type: 'duplicateStep',
                          key: step.key,
                          name: t('designer.copyName', { name: step.name.trim() }).slice(0, 200),
                        })
                      }
                    />
                  </Tooltip>
                  <Popconfirm
                    title={t('designer.removeConfirm', { name: step.name.trim() || step.key })}
                    description={step.outcomes.length === 1 ? t('designer.removeHint') : undefined}
                    okText={t('designer.remove')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('actions.cancel')}
                    onConfirm={() => dispatch({ type: 'removeStep', key: step.key })}
                  >
                    <Tooltip title={t('designer.remove')}>
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('designer.remove')}
                      />
                    </Tooltip>
                  </Popconfirm>
                </Flex>
              ) : null}
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}
