import { useState } from 'react';
import { AutoComplete, Flex, Segmented, Select, Typography } from 'antd';
import { InfoCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { matchingCandidates, type DraftStep, type OwnerCandidate } from './model.ts';

type OwnerType = 'person' | 'role' | 'skill' | 'none';

const MAX_NAMES = 5;

/**
 * Who does a step: one member, anyone whose title matches a role, or anyone with a skill. A start step may
 * also be left to whoever starts the case. The chosen type is kept while its picker is still empty.
 */
export function OwnerEditor({
  step,
  candidates,
  roles,
  skills,
  onChange,
}: {
  step: DraftStep;
  candidates: readonly OwnerCandidate[];
  roles: readonly string[];
  skills: readonly string[];
  onChange: (owner: DraftStep['owner']) => void;
}) {
  const { t } = useTranslation();
  const mayBeNobody = step.kind === 'start';
  const [chosenType, setChosenType] = useState<OwnerType>(mayBeNobody ? 'none' : 'role');
  const type: OwnerType = step.owner?.type ?? (chosenType === 'none' && !mayBeNobody ? 'role' : chosenType);
  const matches = matchingCandidates(step.owner, candidates);

  const choose = (next: OwnerType) => {
    setChosenType(next);
    onChange(null);
  };
  const text = (value: string, kind: 'role' | 'skill') => {
    if (value === '') onChange(null);
    else onChange(kind === 'role' ? { type: 'role', role: value } : { type: 'skill', skill: value });
  };
  const suggestions = (values: readonly string[], typed: string) =>
    values
      .filter((value) => value.toLowerCase().includes(typed.trim().toLowerCase()))
      .map((value) => ({ value }));

  return (
    <Flex vertical gap={10} data-testid="owner-editor">
      <Segmented<OwnerType>
        value={type}
        onChange={choose}
        options={[
          { value: 'person', label: t('designer.ownerTypes.person') },
          { value: 'role', label: t('designer.ownerTypes.role') },
          { value: 'skill', label: t('designer.ownerTypes.skill') },
          ...(mayBeNobody ? [{ value: 'none' as const, label: t('designer.ownerTypes.none') }] : []),
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {type === 'person' ? (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          value={step.owner?.type === 'person' ? step.owner.userId : undefined}
          placeholder={t('designer.ownerPersonPlaceholder')}
          onChange={(userId?: string) => onChange(userId ? { type: 'person', userId } : null)}
          options={candidates.map((candidate) => ({
            value: candidate.userId,
            label: candidate.title ? `${candidate.name} · ${candidate.title}` : candidate.name,
          }))}
          style={{ maxWidth: 360 }}
          data-testid="owner-person"
        />
      ) : null}
      {type === 'role' ? (
        <AutoComplete
          value={step.owner?.type === 'role' ? step.owner.role : ''}
          options={suggestions(roles, step.owner?.type === 'role' ? step.owner.role : '')}
          onChange={(value: string) => text(value, 'role')}
          placeholder={t('designer.ownerRolePlaceholder')}
          maxLength={50}
          allowClear
          style={{ maxWidth: 360 }}
          data-testid="owner-role"
        />
      ) : null}
      {type === 'skill' ? (
        <AutoComplete
          value={step.owner?.type === 'skill' ? step.owner.skill : ''}
          options={suggestions(skills, step.owner?.type === 'skill' ? step.owner.skill : '')}
          onChange={(value: string) => text(value, 'skill')}
          placeholder={t('designer.ownerSkillPlaceholder')}
          maxLength={50}
          allowClear
          style={{ maxWidth: 360 }}
          data-testid="owner-skill"
        />
      ) : null}
      {type === 'none' ? (
        <Typography.Text type="secondary">{t('designer.ownerNoneHint')}</Typography.Text>
      ) : null}
      {(type === 'role' || type === 'skill') && step.owner !== null ? (
        matches.length > 0 ? (
          <Typography.Text type="secondary" data-testid="owner-matches">
            {t('designer.ownerMatches', {
              count: matches.length,
              names:
                matches
                  .slice(0, MAX_NAMES)
                  .map((candidate) => candidate.name)
                  .join('、') + (matches.length > MAX_NAMES ? '…' : ''),
            })}
          </Typography.Text>
        ) : (
          <Typography.Text type="warning" data-testid="owner-matches">
            <WarningOutlined /> {t('designer.ownerNoMatch')}
          </Typography.Text>
        )
      ) : null}
      {type === 'role' || type === 'skill' ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <InfoCircleOutlined /> {t('designer.ownerRoundRobin')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
