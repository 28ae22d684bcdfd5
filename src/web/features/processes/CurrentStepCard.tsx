import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Typography,
} from 'antd';
import { CheckOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useCompleteStep, useStartStep, type Run } from './hooks.ts';

type CurrentStep = NonNullable<Run['currentStep']>;
type StepForm = { checkedItems: string[]; values: Record<string, unknown> };

/** A field's value as the API wants it: days as 'YYYY-MM-DD', blanks left out. */
function toValue(value: unknown): unknown {
  if (value && typeof value === 'object' && 'format' in value) return (value as Dayjs).format('YYYY-MM-DD');
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return value ?? undefined;
}

/** The step a case waits on: who has it, by when, what to tick and fill, and where it goes next. */
export function CurrentStepCard({
  workspaceId,
  run,
  step,
  mayWork,
}: {
  workspaceId: string;
  run: Run;
  step: CurrentStep;
  mayWork: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepForm>();
  const startStep = useStartStep(workspaceId, run.id);
  const completeStep = useCompleteStep(workspaceId, run.id);
  const [outcomeKey, setOutcomeKey] = useState<string | null>(null);
  const isActive = run.status === 'active';
  const canAct = mayWork && isActive;

  const complete = (key: string) => {
    setOutcomeKey(key);
    const { checkedItems, values } = form.getFieldsValue(true) as StepForm;
    const cleaned = Object.fromEntries(
      Object.entries(values ?? {})
        .map(([field, value]) => [field, toValue(value)] as const)
        .filter(([, value]) => value !== undefined),
    );
    // Clear the previous attempt's messages; the server says what is still missing.
    form.setFields([
      { name: 'checkedItems', errors: [] },
      ...step.fields.map((field) => ({ name: ['values', field.key], errors: [] })),
    ]);
    completeStep.mutate(
      { stepKey: step.key, outcomeKey: key, checkedItems: checkedItems ?? [], values: cleaned },
      {
        onSuccess: () => {
          void message.success(t('runs.stepCompleted'));
          form.resetFields();
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );
  };

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {t('runs.currentStep')}
          </Typography.Text>
          <span data-testid="current-step-name">{step.name}</span>
        </Flex>
      }
      data-testid="current-step"
      extra={
        canAct && step.startedAt === null ? (
          <Button
            icon={<PlayCircleOutlined />}
            loading={startStep.isPending}
            onClick={() => startStep.mutate(step.key)}
            data-testid="start-step"
          >
            {t('runs.startWorking')}
          </Button>
        ) : null
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'assignee',
            label: t('runs.assignee'),
            children: step.assignee?.name ?? (
              <Typography.Text type="secondary">{t('runs.unassigned')}</Typography.Text>
            ),
          },
          {
            key: 'due',
            label: t('runs.dueAt'),
            children:
              step.dueAt === null ? (
                '—'
              ) : (
                <Typography.Text type={step.isOverdue ? 'danger' : undefined} data-testid="step-due">
                  {format.dateTime(step.dueAt)}
                  {step.isOverdue ? ` · ${t('runs.overdue')}` : ''}
                </Typography.Text>
              ),
          },
          {
            key: 'progress',
            label: t('runs.status'),
            children:
              step.startedAt === null
                ? t('runs.notStarted')
                : t('runs.workingSince', { time: format.dateTime(step.startedAt) }),
          },
        ]}
      />
      <FormErrorAlert error={startStep.error ?? completeStep.error} />
      <Form<StepForm>
        key={step.key}
        form={form}
        layout="vertical"
        name="step"
        initialValues={{ checkedItems: [], values: {} }}
        disabled={!canAct}
      >
        {step.checklist.length > 0 ? (
          <Form.Item name="checkedItems" label={t('runs.checklist')}>
            <Checkbox.Group>
              <Flex vertical gap={6}>
                {step.checklist.map((item) => (
                  <Checkbox key={item} value={item}>
                    {item}
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          </Form.Item>
        ) : null}
        {step.fields.map((field) => (
          <Form.Item
            key={field.key}
            name={['values', field.key]}
            label={field.label}
            required={field.required}
            style={{ maxWidth: 520 }}
          >
            {field.type === 'choice' ? (
              <Select
                allowClear
                placeholder={t('runs.choose')}
                options={(field.options ?? []).map((option) => ({ value: option, label: option }))}
              />
            ) : field.type === 'number' ? (
              <InputNumber style={{ width: '100%' }} />
            ) : field.type === 'date' ? (
              <DatePicker style={{ width: '100%' }} />
            ) : field.type === 'link' ? (
              <Input type="url" placeholder="https://" />
            ) : (
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
            )}
          </Form.Item>
        ))}
        {step.outcomes.length > 0 && canAct ? (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">{t('runs.outcomeHint')}</Typography.Text>
            <Flex gap={8} wrap>
              {step.outcomes.map((outcome, index) => (
                <Button
                  key={outcome.key}
                  type={index === 0 ? 'primary' : 'default'}
                  icon={<CheckOutlined />}
                  loading={completeStep.isPending && outcomeKey === outcome.key}
                  disabled={completeStep.isPending}
                  onClick={() => complete(outcome.key)}
                  data-testid={`outcome-${outcome.key}`}
                >
                  {outcome.label}
                </Button>
              ))}
            </Flex>
          </Flex>
        ) : null}
      </Form>
    </Card>
  );
}
