import { useState, type ReactNode } from 'react';
import { Alert, Button, Flex, Input, InputNumber, Select, Switch, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { OwnerEditor } from './OwnerEditor.tsx';
import {
  MAX_LIST,
  MAX_OUTCOMES,
  type DesignerAction,
  type DraftField,
  type DraftStep,
  type OwnerCandidate,
} from './model.ts';

const KINDS: DraftStep['kind'][] = ['start', 'task', 'decision', 'end'];
const FIELD_TYPES: DraftField['type'][] = ['text', 'number', 'date', 'choice', 'link'];

function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section style={{ borderTop: '1px solid #f0f0f0', paddingTop: 16 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 10 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </section>
  );
}

function Label({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block', marginBottom: 4 }}>
      {children}
    </Typography.Text>
  );
}

/** Editor of the selected step: basics, owner, deadline, checklist, fields and outcomes. */
export function StepEditor({
  step,
  steps,
  issues,
  candidates,
  roles,
  skills,
  dispatch,
  onKindChange,
}: {
  step: DraftStep;
  steps: readonly DraftStep[];
  /** This step's issues, already in words. */
  issues: readonly string[];
  candidates: readonly OwnerCandidate[];
  roles: readonly string[];
  skills: readonly string[];
  dispatch: (action: DesignerAction) => void;
  onKindChange: (kind: DraftStep['kind']) => void;
}) {
  const { t } = useTranslation();
  const [newItem, setNewItem] = useState('');
  const key = step.key;
  const update = (changes: Extract<DesignerAction, { type: 'updateStep' }>['changes']) =>
    dispatch({ type: 'updateStep', key, changes });
  const isEnd = step.kind === 'end';

  const addItem = () => {
    const item = newItem.trim();
    if (item === '' || step.checklist.length >= MAX_LIST) return;
    update({ checklist: [...step.checklist, item] });
    setNewItem('');
  };

  const stepOptions = steps
    .filter((candidate) => candidate.key !== key)
    .map((candidate) => ({
      value: candidate.key,
      label: `${candidate.name || candidate.key} · ${t(`processes.kinds.${candidate.kind}`)}`,
    }));
  const optionsFor = (next: string) =>
    next === '' || stepOptions.some((option) => option.value === next)
      ? stepOptions
      : [...stepOptions, { value: next, label: t('designer.missingStep', { key: next }) }];

  return (
    <Flex vertical gap={16} data-testid="step-editor">
      {issues.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="step-issues"
          title={
            issues.length === 1 ? (
              issues[0]
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {issues.map((issue, index) => (
                  <li key={`${index}-${issue}`}>{issue}</li>
                ))}
              </ul>
            )
          }
        />
      ) : null}

      <Flex vertical gap={12}>
        <Flex gap={12} wrap align="flex-end">
          <div style={{ flex: '1 1 260px' }}>
            <Label>{t('designer.stepName')}</Label>
            <Input
              value={step.name}
              maxLength={200}
              status={step.name.trim() === '' ? 'error' : undefined}
              onChange={(event) => update({ name: event.target.value })}
              data-testid="step-name"
            />
          </div>
          <div style={{ width: 150 }}>
            <Label>{t('designer.kind')}</Label>
            <Select
              value={step.kind}
              onChange={onKindChange}
              options={KINDS.map((kind) => ({ value: kind, label: t(`processes.kinds.${kind}`) }))}
              style={{ width: '100%' }}
              data-testid="step-kind"
            />
          </div>
          <div style={{ width: 150 }}>
            <Label>{t('designer.stepKey')}</Label>
            <Tooltip title={t('designer.stepKeyHint')}>
              <Typography.Text code data-testid="step-key" style={{ lineHeight: '32px' }}>
                {key}
              </Typography.Text>
            </Tooltip>
          </div>
        </Flex>
        <div>
          <Label>{t('designer.stepDescription')}</Label>
          <Input.TextArea
            value={step.description ?? ''}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('designer.stepDescriptionPlaceholder')}
            onChange={(event) => update({ description: event.target.value })}
            data-testid="step-description"
          />
        </div>
      </Flex>

      {isEnd ? (
        <Alert type="info" showIcon title={t('designer.endHint')} />
      ) : (
        <>
          <Section title={t('designer.sections.owner')}>
            <OwnerEditor
              key={key}
              step={step}
              candidates={candidates}
              roles={roles}
              skills={skills}
              onChange={(owner) => update({ owner })}
            />
          </Section>

          <Section title={t('designer.sections.sla')}>
            <Flex vertical gap={6}>
              <InputNumber<number>
                value={step.slaHours}
                min={0}
                max={10_000}
                placeholder={t('designer.slaPlaceholder')}
                suffix={t('designer.slaUnit')}
                status={step.slaHours !== null && step.slaHours <= 0 ? 'error' : undefined}
                onChange={(value) => update({ slaHours: typeof value === 'number' ? value : null })}
                style={{ width: 220 }}
                data-testid="step-sla"
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('designer.slaHint')}
              </Typography.Text>
            </Flex>
          </Section>

          <Section title={t('designer.sections.checklist')}>
            <Flex vertical gap={8} data-testid="step-checklist">
              {step.checklist.length === 0 ? (
                <Typography.Text type="secondary">{t('designer.checklistEmpty')}</Typography.Text>
              ) : null}
              {step.checklist.map((item, index) => (
                <Flex key={index} gap={8} align="center">
                  <Typography.Text type="secondary" style={{ width: 20, textAlign: 'right' }}>
                    {index + 1}.
                  </Typography.Text>
                  <Input
                    value={item}
                    maxLength={200}
                    status={item.trim() === '' ? 'error' : undefined}
                    onChange={(event) =>
                      update({
                        checklist: step.checklist.map((old, position) =>
                          position === index ? event.target.value : old,
                        ),
                      })
                    }
                  />
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('designer.remove')}
                    onClick={() =>
                      update({ checklist: step.checklist.filter((_, position) => position !== index) })
                    }
                  />
                </Flex>
              ))}
              <Flex gap={8} style={{ paddingInlineStart: step.checklist.length > 0 ? 28 : 0 }}>
                <Input
                  value={newItem}
                  maxLength={200}
                  placeholder={t('designer.checklistPlaceholder')}
                  onChange={(event) => setNewItem(event.target.value)}
                  onPressEnter={addItem}
                  disabled={step.checklist.length >= MAX_LIST}
                  data-testid="checklist-new"
                />
                <Button
                  icon={<PlusOutlined />}
                  onClick={addItem}
                  disabled={newItem.trim() === '' || step.checklist.length >= MAX_LIST}
                  data-testid="checklist-add"
                >
                  {t('designer.add')}
                </Button>
              </Flex>
            </Flex>
          </Section>

          <Section
            title={t('designer.sections.fields')}
            extra={
              <Tooltip
                title={
                  step.fields.length >= MAX_LIST ? t('designer.limitReached', { count: MAX_LIST }) : undefined
                }
              >
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={step.fields.length >= MAX_LIST}
                  onClick={() => dispatch({ type: 'addField', key })}
                  data-testid="add-field"
                >
                  {t('designer.addField')}
                </Button>
              </Tooltip>
            }
          >
            <Flex vertical gap={8} data-testid="step-fields">
              {step.fields.length === 0 ? (
                <Typography.Text type="secondary">{t('designer.fieldsEmpty')}</Typography.Text>
              ) : null}
              {step.fields.map((field, index) => (
                <Flex
                  key={index}
                  vertical
                  gap={6}
                  style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 8, padding: 10 }}
                  data-testid={`field-row-${index}`}
                >
                  <Flex gap={8} align="center" wrap>
                    <Input
                      value={field.label}
                      maxLength={200}
                      placeholder={t('designer.fieldLabel')}
                      aria-label={t('designer.fieldLabel')}
                      status={field.label.trim() === '' ? 'error' : undefined}
                      onChange={(event) =>
                        dispatch({ type: 'updateField', key, index, changes: { label: event.target.value } })
                      }
                      style={{ flex: '1 1 180px' }}
                      data-testid="field-label"
                    />
                    <Select
                      value={field.type}
                      aria-label={t('designer.fieldType')}
                      onChange={(type) => dispatch({ type: 'updateField', key, index, changes: { type } })}
                      options={FIELD_TYPES.map((type) => ({
                        value: type,
                        label: t(`designer.fieldTypes.${type}`),
                      }))}
                      style={{ width: 100 }}
                      data-testid="field-type"
                    />
                    <Flex gap={6} align="center">
                      <Switch
                        size="small"
                        checked={field.required}
                        onChange={(required) =>
                          dispatch({ type: 'updateField', key, index, changes: { required } })
                        }
                        aria-label={t('designer.fieldRequired')}
                        data-testid="field-required"
                      />
                      <Typography.Text>{t('designer.fieldRequired')}</Typography.Text>
                    </Flex>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('designer.remove')}
                      onClick={() => dispatch({ type: 'removeField', key, index })}
                    />
                  </Flex>
                  {field.type === 'choice' ? (
                    <Select
                      mode="tags"
                      open={false}
                      value={[...(field.options ?? [])]}
                      tokenSeparators={[',', '，', '、']}
                      placeholder={t('designer.fieldOptionsPlaceholder')}
                      status={(field.options ?? []).length === 0 ? 'error' : undefined}
                      onChange={(options: string[]) =>
                        dispatch({
                          type: 'updateField',
                          key,
                          index,
                          changes: {
                            options: options.map((option) => option.trim().slice(0, 100)).filter(Boolean),
                          },
                        })
                      }
                      data-testid="field-options"
                    />
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('designer.fieldKey')}: <Typography.Text code>{field.key}</Typography.Text>
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          </Section>

          <Section
            title={t('designer.sections.outcomes')}
            extra={
              <Tooltip
                title={
                  step.outcomes.length >= MAX_OUTCOMES
                    ? t('designer.limitReached', { count: MAX_OUTCOMES })
                    : undefined
                }
              >
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={step.outcomes.length >= MAX_OUTCOMES}
                  onClick={() => dispatch({ type: 'addOutcome', key, label: '' })}
                  data-testid="add-outcome"
                >
                  {t('designer.addOutcome')}
                </Button>
              </Tooltip>
            }
          >
            <Flex vertical gap={8} data-testid="step-outcomes">
              {step.kind === 'decision' ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('designer.decisionHint')}
                </Typography.Text>
              ) : null}
              {step.outcomes.length === 0 ? (
                <Typography.Text type="warning">{t('designer.outcomesEmpty')}</Typography.Text>
              ) : null}
              {step.outcomes.map((outcome, index) => (
                <Flex key={index} gap={8} align="center" data-testid={`outcome-row-${index}`}>
                  <Input
                    value={outcome.label}
                    maxLength={200}
                    placeholder={t('designer.outcomeLabelPlaceholder')}
                    aria-label={t('designer.outcomeLabel')}
                    status={outcome.label.trim() === '' ? 'error' : undefined}
                    onChange={(event) =>
                      dispatch({ type: 'updateOutcome', key, index, changes: { label: event.target.value } })
                    }
                    style={{ flex: '1 1 40%' }}
                    data-testid="outcome-label"
                  />
                  <ArrowRightOutlined style={{ color: '#8c8c8c' }} aria-label={t('designer.leadsTo')} />
                  <Select
                    value={outcome.next === '' ? undefined : outcome.next}
                    placeholder={t('designer.leadsTo')}
                    aria-label={t('designer.leadsTo')}
                    status={steps.some((candidate) => candidate.key === outcome.next) ? undefined : 'error'}
                    onChange={(next: string) =>
                      dispatch({ type: 'updateOutcome', key, index, changes: { next } })
                    }
                    options={optionsFor(outcome.next)}
                    style={{ flex: '1 1 45%', minWidth: 0 }}
                    data-testid="outcome-next"
                  />
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('designer.remove')}
                    onClick={() => dispatch({ type: 'removeOutcome', key, index })}
                    data-testid="outcome-remove"
                  />
                </Flex>
              ))}
            </Flex>
          </Section>
        </>
      )}
    </Flex>
  );
}
