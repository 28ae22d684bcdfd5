import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AuthLayout } from '../../features/account/AuthLayout.tsx';
import { useLogin, type LoginInput } from '../../features/account/hooks.ts';
import { safeNext, withNext } from '../../features/account/next.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginInput>();
  const [searchParams] = useSearchParams();
  const login = useLogin();
  const next = safeNext(searchParams);

  return (
    <AuthLayout>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('auth.loginTitle')}
      </Typography.Title>
      <FormErrorAlert error={login.error} />
      <Form
        name="login"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => login.mutate(values, { onError: (error) => applyFieldErrors(form, error) })}
      >
        <Form.Item
          name="email"
          label={t('fields.email')}
          rules={[{ required: true, type: 'email', message: t('validation.email') }]}
        >
          <Input autoComplete="email" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('fields.password')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.login')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        {t('auth.noAccount')} <Link to={withNext('/signup', next)}>{t('auth.signup')}</Link>
      </Typography.Paragraph>
    </AuthLayout>
  );
}
