import { Button, Col, Divider, Flex, Form, Input, Radio, Row, Typography } from 'antd';
import { ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AuthLayout } from '../../features/account/AuthLayout.tsx';
import { useMe } from '../../features/account/hooks.ts';
import { usePlanTemplateCatalog } from '../../features/plan/hooks.ts';
import { useCreateDemoWorkspace, useCreateWorkspace } from '../../features/workspaces/hooks.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';

const EMPTY = 'empty';

/**
 * A new workspace: empty, from one of the five operations plan templates (the template wizard opens next, with
 * the template chosen, for the numbers, start date and people), or the demo.
 */
export function OnboardingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ name: string; start: string }>();
  const templates = usePlanTemplateCatalog();
  const { data: me } = useMe();
  const createWorkspace = useCreateWorkspace();
  const createDemo = useCreateDemoWorkspace();
  const hasWorkspaces = (me?.workspaces.length ?? 0) > 0;

  return (
    <AuthLayout width={640}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {hasWorkspaces ? t('onboarding.titleAnother') : t('onboarding.title', { name: me?.user.name ?? '' })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('onboarding.intro')}</Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} md={13}>
          <Typography.Text strong>
            <PlusOutlined /> {t('onboarding.createTitle')}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
            {t('onboarding.createHint')}
          </Typography.Paragraph>
          <FormErrorAlert error={createWorkspace.error} />
          <Form
            name="createWorkspace"
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ start: EMPTY }}
            onFinish={({ name, start }) =>
              createWorkspace.mutate(
                { name },
                {
                  onSuccess: (result) =>
                    void navigate(
                      start === EMPTY
                        ? `/w/${result.workspace.id}`
                        : `/w/${result.workspace.id}/plan/new?template=${encodeURIComponent(start)}`,
                    ),
                  onError: (error) => applyFieldErrors(form, error),
                },
              )
            }
          >
            <Form.Item
              name="name"
              label={t('fields.workspaceName')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input placeholder={t('onboarding.namePlaceholder')} maxLength={100} autoFocus />
            </Form.Item>
            <Form.Item name="start" label={t('onboarding.startWith')} extra={<StartHint />}>
              <Radio.Group style={{ width: '100%' }} data-testid="onboarding-start">
                <Flex vertical gap={6}>
                  <Radio value={EMPTY}>
                    <StartOption title={t('onboarding.startEmpty')} hint={t('onboarding.startEmptyHint')} />
                  </Radio>
                  {(templates.data ?? []).map((template) => (
                    <Radio
                      key={template.key}
                      value={template.key}
                      data-testid={`onboarding-template-${template.key}`}
                    >
                      <StartOption title={template.name} hint={template.description} />
                    </Radio>
                  ))}
                </Flex>
              </Radio.Group>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={createWorkspace.isPending} block>
              {t('onboarding.create')}
            </Button>
          </Form>
        </Col>
        <Col xs={24} md={11}>
          <div
            style={{
              padding: 16,
              borderRadius: 8,
              background: '#f6f8ff',
              border: '1px dashed #adc6ff',
            }}
          >
            <Typography.Text strong>
              <ExperimentOutlined /> {t('onboarding.demoTitle')}
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
              {t('onboarding.demoHint')}
            </Typography.Paragraph>
            <FormErrorAlert error={createDemo.error} />
            <Button
              block
              loading={createDemo.isPending}
              onClick={() =>
                createDemo.mutate(undefined, {
                  onSuccess: (result) => void navigate(`/w/${result.workspace.id}`),
                })
              }
            >
              {t('onboarding.loadDemo')}
            </Button>
          </div>
        </Col>
      </Row>
      {hasWorkspaces ? (
        <>
          <Divider />
          <Link to="/">{t('onboarding.back')}</Link>
        </>
      ) : null}
    </AuthLayout>
  );
}

function StartOption({ title, hint }: { title: string; hint: string }) {
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      <Typography.Text>{title}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
    </span>
  );
}

/** Under the choice: what happens next when a template is chosen. */
function StartHint() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const start = Form.useWatch<string | undefined>('start', form);
  return start && start !== EMPTY ? t('onboarding.startTemplateHint') : null;
}
