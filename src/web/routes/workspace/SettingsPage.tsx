import { useEffect } from 'react';
import { App, Button, Card, Form, Input, Result, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useRenameWorkspace } from '../../features/workspaces/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { WorkTimeCard } from '../../features/workspaces/WorkTimeCard.tsx';
import { HolidaysCard } from '../../features/people/HolidaysCard.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace, can } = useWorkspaceScope();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useRenameWorkspace(workspace.id);

  useEffect(() => {
    form.setFieldsValue({ name: workspace.name });
  }, [form, workspace.name]);

  if (!can('workspace.update')) {
    return <Result status="403" title={t('settings.title')} subTitle={t('errors.noPermission')} />;
  }

  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Card title={t('settings.general')} style={{ maxWidth: 640 }}>
        <FormErrorAlert error={rename.error} />
        <Form
          name="workspaceSettings"
          form={form}
          layout="vertical"
          initialValues={{ name: workspace.name }}
          onFinish={(values) =>
            rename.mutate(values, {
              onSuccess: () => void message.success(t('settings.renamed')),
              onError: (error) => applyFieldErrors(form, error),
            })
          }
        >
          <Form.Item
            name="name"
            label={t('fields.workspaceName')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={rename.isPending}>
            {t('actions.save')}
          </Button>
        </Form>
      </Card>
      <WorkTimeCard workspaceId={workspace.id} mayWrite={can('workspace.update')} />
      <div style={{ maxWidth: 640, marginTop: 16 }}>
        <HolidaysCard workspaceId={workspace.id} mayWrite={can('calendar.write')} />
      </div>
      {can('chat.manage') ? (
        <Card title={t('chatTargets.title')} style={{ maxWidth: 640, marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t('chatTargets.description')}</Typography.Paragraph>
          <Link to={`/w/${workspace.id}/settings/chat`}>{t('chatTargets.open')}</Link>
        </Card>
      ) : null}
    </>
  );
}
