import { useEffect } from 'react';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useMe } from '../account/hooks.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { GoalSearchSelect } from '../goals/GoalSearchSelect.tsx';
import { useMembers } from '../members/hooks.ts';
import type { RoleAssignment } from '../tasks/hooks.ts';
import { useCreateRoutine, useUpdateRoutine, type Routine } from './hooks.ts';
import { RulePicker } from './RulePicker.tsx';
import { ROUTINE_DAYS } from '../../../core/tasks/routineDays.ts';

export type RoutineFormMode = { kind: 'create' } | { kind: 'edit'; routine: Routine };

type Values = {
  title: string;
  description: string;
  estimateHours: number | null;
  goalId: string | null;
  accountableId: string | null;
  responsibleIds: string[];
  rule: string;
  startsOn: Dayjs;
};

function rolesOf(values: Values): RoleAssignment[] {
  const roles: RoleAssignment[] = [];
  if (values.accountableId) roles.push({ userId: values.accountableId, role: 'A' });
  for (const userId of values.responsibleIds ?? []) roles.push({ userId, role: 'R' });
  return roles;
}

/** Start or change a routine: what each occurrence's task looks like, who does it, and when it repeats. */
export function RoutineFormModal({
  workspaceId,
  mode,
  onClose,
}: {
  workspaceId: string;
  mode: RoutineFormMode | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const [form] = Form.useForm<Values>();
  const myId = useMe().data?.user.id ?? null;
  const members = useMembers(workspaceId);
  const create = useCreateRoutine(workspaceId);
  const update = useUpdateRoutine(workspaceId);
  const editing = mode?.kind === 'edit' ? mode.routine : null;
  const mutation = editing ? update : create;
  const { reset: resetCreate } = create;
  const { reset: resetUpdate } = update;

  useEffect(() => {
    if (!mode) return;
    resetCreate();
    resetUpdate();
    form.resetFields();
    if (mode.kind === 'edit') {
      const { routine } = mode;
      form.setFieldsValue({
        title: routine.template.title,
        description: routine.template.description ?? '',
        estimateHours: routine.template.estimateHours ?? null,
        goalId: routine.template.goalId ?? null,
        accountableId: routine.template.roles.find((role) => role.role === 'A')?.userId ?? null,
        responsibleIds: routine.template.roles.filter((role) => role.role === 'R').map((role) => role.userId),
        rule: routine.rule,
        startsOn: dayjs(routine.startsOn),
      });
    } else {
      form.setFieldsValue({
        title: '',
        description: '',
        estimateHours: null,
        goalId: null,
        accountableId: myId,
        responsibleIds: myId ? [myId] : [],
        rule: 'FREQ=WEEKLY;BYDAY=MO',
        startsOn: dayjs().startOf('day'),
      });
    }
  }, [mode, form, myId, resetCreate, resetUpdate]);

  const submit = (values: Values) => {
    const template = {
      title: values.title.trim(),
      description: values.description.trim() === '' ? null : values.description,
      estimateHours: values.estimateHours ?? null,
      goalId: values.goalId ?? null,
      roles: rolesOf(values),
    };
    const onSuccess = () => {
      void message.success(editing ? t('routines.saved') : t('routines.created'));
      onClose();
    };
    // A past start catches up on the last week only: say how many older occurrences were left out.
    const onCreated = ({ backfill }: { backfill: { omitted: number; omittedBefore: string | null } }) => {
      if (backfill.omitted === 0) return onSuccess();
      void message.info(
        t('routines.createdOmitted', {
          count: backfill.omitted,
          day: format.day(backfill.omittedBefore ?? ''),
        }),
      );
      onClose();
    };
    const onError = (error: unknown) =>
      applyFieldErrors(form, error, (path) => path.replace(/^template\./, ''));
    if (editing)
      update.mutate(
        { routineId: editing.id, changes: { rule: values.rule, template } },
        { onSuccess, onError },
      );
    else
      create.mutate(
        { rule: values.rule, startsOn: values.startsOn.format('YYYY-MM-DD'), template },
        { onSuccess: onCreated, onError },
      );
  };

  const people = (members.data ?? []).map((member) => ({ value: member.userId, label: member.name }));

  return (
    <Modal
      open={mode !== null}
      title={editing ? t('routines.editTitle') : t('routines.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('actions.save')}
      okButtonProps={{ 'data-testid': 'routine-submit' } as Record<string, string>}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      forceRender
      width={640}
    >
      <FormErrorAlert error={mutation.error} />
      <Form form={form} layout="vertical" onFinish={submit} name="routine">
        <Form.Item
          name="title"
          label={t('routines.titleLabel')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={300} placeholder={t('routines.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="rule" label={t('routines.repeat')}>
          <RulePicker />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item
              name="startsOn"
              label={t('routines.startsOn')}
              extra={editing ? t('routines.startsOnFixed') : null}
            >
              <DatePicker
                style={{ width: '100%' }}
                allowClear={false}
                disabled={editing !== null}
                minDate={dayjs(ROUTINE_DAYS.first)}
                maxDate={dayjs(ROUTINE_DAYS.last)}
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="estimateHours" label={t('tasks.estimate')}>
              <InputNumber min={0} max={10_000} style={{ width: '100%' }} suffix={t('tasks.hoursUnit')} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="accountableId" label={t('routines.accountable')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={people} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="responsibleIds" label={t('routines.responsible')}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={people} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="goalId" label={t('tasks.goal')}>
          <GoalSearchSelect workspaceId={workspaceId} allowClear placeholder={t('tasks.noGoal')} />
        </Form.Item>
        <Form.Item name="description" label={t('tasks.descriptionLabel')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={20_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
