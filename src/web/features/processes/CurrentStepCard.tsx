import { useState } from 'react';
import {
  Alert,
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
  Modal,
  Select,
  Typography,
} from 'antd';
import { CheckOutlined, PlayCircleOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMembers } from '../members/hooks.ts';
import { useCompleteStep, useReassignRun, useStartStep, type Run } from './hooks.ts';

type CurrentStep = NonNullable<Run['currentStep']>;
type StepForm = { checkedItems: string[]; values: Record<string, unknown> };

/** A field's value as the API wants it: days as 'YYYY-MM-DD', blanks left out. */
function toValue(value: unknown): string | number | boolean | undefined {
  if (value && typeof value === 'object' && 'format' in value) return (value as Dayjs).format('YYYY-MM-DD');
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  // The API takes only scalar field values.
  return typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** Gives the current step to another member of the workspace; the history records who moved it. */
function ReassignButton({ workspaceId, run, step }: { workspaceId: string; run: Run; step: CurrentStep }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [isOpen, setOpen] = useState(false);
  const [form] = Form.useForm<{ userId: string }>();
  const members = useMembers(workspaceId);
  const reassign = useReassignRun(workspaceId, run.id);

  const close = () => {
    setOpen(false);
    reassign.reset();
  };
  const submit = ({ userId }: { userId: string }) =>
    reassign.mutate(userId, {
      onSuccess: (changed) => {
        const name = changed.currentStep?.assignee?.name ?? '';
        void message.success(t('runs.reassignDone', { name }));
        close();
      },
    });

  return (
    <>
      <Button icon={<UserSwitchOutlined />} onClick={() => setOpen(true)} data-testid="reassign-step">
        {t('runs.reassign')}
      </Button>
      <Modal
        open={isOpen}
        title={t('runs.reassignTitle', { step: step.name })}
        onCancel={close}
        onOk={() => form.submit()}
        okText={t('runs.reassign')}
        confirmLoading={reassign.isPending}
        destroyOnHidden
      >
        <FormErrorAlert error={reassign.error ?? members.error} />
        <Form form={form} layout="vertical" name="reassign" onFinish={submit} preserve={false}>
          <Form.Item
            name="userId"
            label={t('runs.reassignTo')}
            extra={
              step.assignee ? t('runs.reassignCurrent', { name: step.assignee.name }) : t('runs.unassigned')
            }
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={members.isPending}
              placeholder={t('runs.reassignPlaceholder')}
              data-testid="reassign-member"
              options={(members.data ?? []).map((member) => ({
                value: member.userId,
                label: [member.name, member.title, t(`roles.${member.role}`)].filter(Boolean).join(' · '),
                // Someone who may only read cannot work the step; the one who has it already needs no move.
                disabled: member.role === 'viewer' || member.userId === step.assignee?.id,
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
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
        .filter((entry): entry is readonly [string, string | number | boolean] => entry[1] !== undefined),
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
        mayWork && (isActive || run.status === 'on_hold') ? (
          <Flex gap={8}>
            <ReassignButton workspaceId={workspaceId} run={run} step={step} />
            {canAct && step.startedAt === null ? (
              <Button
                icon={<PlayCircleOutlined />}
                loading={startStep.isPending}
                onClick={() => startStep.mutate(step.key)}
                data-testid="start-step"
              >
                {t('runs.startWorking')}
              </Button>
            ) : null}
          </Flex>
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
      {step.description ? (
        <Alert
          type="info"
          showIcon
          title={t('runs.instructions')}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{step.description}</span>}
          style={{ marginBottom: 16 }}
          data-testid="step-instructions"
        />
      ) : null}
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
