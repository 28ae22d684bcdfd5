import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { canAssignRole, ROLES, type Role } from '../../../core/permissions/index.ts';
import { CopyField } from '../../components/CopyField.tsx';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useWorkspaceScope } from '../workspaces/WorkspaceContext.ts';
import { useCreateInvitation } from './hooks.ts';

type Values = { role: Role; email: string; expiresInDays: number };

export function CreateInvitationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { workspace, role: actorRole } = useWorkspaceScope();
  const [form] = Form.useForm<Values>();
  const create = useCreateInvitation(workspace.id);
  const [link, setLink] = useState<string | null>(null);
  const roles = ROLES.filter((role) => canAssignRole(actorRole, null, role));
  const defaultRole: Role = roles.includes('member') ? 'member' : (roles[roles.length - 1] ?? 'viewer');

  const close = () => {
    setLink(null);
    create.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('invitations.createTitle')}
      onCancel={close}
      destroyOnHidden
      footer={
        link
          ? [
              <Button key="done" type="primary" onClick={close}>
                {t('actions.done')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('actions.cancel')}
              </Button>,
              <Button key="create" type="primary" loading={create.isPending} onClick={() => form.submit()}>
                {t('invitations.createLink')}
              </Button>,
            ]
      }
    >
      {link ? (
        <>
          <Alert type="success" showIcon title={t('invitations.linkReady')} style={{ marginBottom: 16 }} />
          <CopyField value={link} testId="invite-link" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('invitations.linkHint')}
          </Typography.Paragraph>
        </>
      ) : (
        <>
          <FormErrorAlert error={create.error} />
          <Form<Values>
            name="createInvitation"
            form={form}
            layout="vertical"
            initialValues={{ role: defaultRole, email: '', expiresInDays: 7 }}
            onFinish={(values) => {
              const email = values.email.trim();
              create.mutate(
                { role: values.role, expiresInDays: values.expiresInDays, ...(email ? { email } : {}) },
                {
                  onSuccess: (result) => setLink(new URL(result.url, window.location.origin).toString()),
                  onError: (error) => applyFieldErrors(form, error),
                },
              );
            }}
          >
            <Form.Item name="role" label={t('fields.role')} rules={[{ required: true }]}>
              <Select<Role> options={roles.map((value) => ({ value, label: t(`roles.${value}`) }))} />
            </Form.Item>
            <Form.Item
              name="email"
              label={t('invitations.emailOptional')}
              extra={t('invitations.emailHint')}
              rules={[{ type: 'email', message: t('validation.email') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="expiresInDays"
              label={t('invitations.expiresInDays')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber
                min={1}
                max={30}
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
