import { useEffect } from 'react';
import { App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useAddKeyResult } from './hooks.ts';
import { KeyResultFields, keyResultBody, NEW_KEY_RESULT, type KeyResultValues } from './KeyResultFields.tsx';

export function AddKeyResultModal({
  workspaceId,
  goalId,
  open,
  onClose,
}: {
  workspaceId: string;
  goalId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<KeyResultValues>();
  const add = useAddKeyResult(workspaceId, goalId);
  const { reset } = add;

  useEffect(() => {
    if (!open) return;
    reset();
    form.resetFields();
    form.setFieldsValue({ ...NEW_KEY_RESULT });
  }, [open, form, reset]);

  return (
    <Modal
      open={open}
      title={t('keyResults.addTitle')}
      okText={t('actions.save')}
      cancelText={t('actions.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={680}
      destroyOnHidden
      forceRender
    >
      <FormErrorAlert error={add.error} />
      <Form
        name="keyResult"
        form={form}
        layout="vertical"

        onFinish={(values) =>
          add.mutate(keyResultBody(values), {
            onSuccess: () => {
              void message.success(t('keyResults.added'));
              onClose();
            },
            onError: (error) => applyFieldErrors(form, error),
          })
        }
      >
        <KeyResultFields form={form} path={[]} workspaceId={workspaceId} />
      </Form>
    </Modal>
  );
}
