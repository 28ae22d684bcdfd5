import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/CopyField.tsx';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useCreateApiToken } from './hooks.ts';

type Values = { name: string; workspaceId: string; expiresInDays: number | null };

export function CreateTokenModal({
  open,
  workspaces,
  onClose,
}: {
  open: boolean;
  workspaces: { id: string; name: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiToken();
  const [secret, setSecret] = useState<string | null>(null);

  const close = () => {
    setSecret(null);
    create.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('tokens.createTitle')}
      onCancel={close}
      maskClosable={secret === null}
      destroyOnHidden
      footer={
        secret
          ? [
              <Button key="done" type="primary" onClick={close}>
                {t('tokens.savedIt')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('actions.cancel')}
              </Button>,
              <Button key="create" type="primary" loading={create.isPending} onClick={() => form.submit()}>
                {t('tokens.create')}
              </Button>,
            ]
      }
    >
      {secret ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('tokens.secretOnce')}
            description={t('tokens.secretOnceHint')}
            style={{ marginBottom: 16 }}
          />
          <CopyField value={secret} testId="token-secret" />
        </>
      ) : (
        <>
          <FormErrorAlert error={create.error} />
          <Form<Values>
            name="createToken"
            form={form}
            layout="vertical"
            initialValues={{ name: '', workspaceId: workspaces[0]?.id, expiresInDays: null }}
            onFinish={(values) =>
              create.mutate(
                {
                  name: values.name.trim(),
                  workspaceId: values.workspaceId,
                  ...(values.expiresInDays ? { expiresInDays: values.expiresInDays } : {}),
                },
                {
                  onSuccess: (result) => setSecret(result.secret),
                  onError: (error) => applyFieldErrors(form, error),
                },
              )
            }
          >
            <Form.Item
              name="name"
              label={t('tokens.name')}
              extra={t('tokens.nameHint')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="workspaceId"
              label={t('tokens.workspace')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                options={workspaces.map((workspace) => ({ value: workspace.id, label: workspace.name }))}
              />
            </Form.Item>
            <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHint')}>
              <InputNumber
                min={1}
                max={365}
                precision={0}
                style={{ width: 160 }}
                suffix={t('invitations.days')}
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
