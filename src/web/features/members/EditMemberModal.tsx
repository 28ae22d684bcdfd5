import { useEffect } from 'react';
import { Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useUpdateMember } from './hooks.ts';

export type EditableMember = {
  userId: string;
  name: string;
  title: string | null;
  weeklyCapacityHours: number;
};

type Values = { title: string; weeklyCapacityHours: number };

export function EditMemberModal({
  workspaceId,
  member,
  onClose,
}: {
  workspaceId: string;
  member: EditableMember | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateMember(workspaceId);
  const { reset } = update;

  useEffect(() => {
    if (member) {
      form.setFieldsValue({ title: member.title ?? '', weeklyCapacityHours: member.weeklyCapacityHours });
      reset();
    }
  }, [member, form, reset]);

  return (
    <Modal
      open={member !== null}
      title={t('members.editTitle', { name: member?.name ?? '' })}
      okText={t('actions.save')}
      cancelText={t('actions.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <FormErrorAlert error={update.error} />
      <Form
        name="editMember"
        form={form}
        layout="vertical"
        onFinish={(values) => {
          if (!member) return;
          const title = values.title.trim();
          update.mutate(
            {
              userId: member.userId,
              changes: {
                title: title === '' ? null : title,
                weeklyCapacityHours: values.weeklyCapacityHours,
              },
            },
            { onSuccess: onClose, onError: (error) => applyFieldErrors(form, error) },
          );
        }}
      >
        <Form.Item name="title" label={t('fields.title')} extra={t('members.titleHint')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="weeklyCapacityHours"
          label={t('fields.weeklyCapacityHours')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={0} max={168} step={1} style={{ width: 160 }} suffix={t('members.hoursUnit')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
