import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AuthLayout } from '../../features/account/AuthLayout.tsx';
import { MIN_PASSWORD_LENGTH, useSignup, type SignupInput } from '../../features/account/hooks.ts';
import { safeNext, withNext } from '../../features/account/next.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';

export function SignupPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SignupInput>();
  const [searchParams] = useSearchParams();
  const signup = useSignup();
  const next = safeNext(searchParams);

  return (
    <AuthLayout>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('auth.signupTitle')}
      </Typography.Title>
      <FormErrorAlert error={signup.error} />
      <Form
        name="signup"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => signup.mutate(values, { onError: (error) => applyFieldErrors(form, error) })}
      >
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input autoComplete="name" autoFocus maxLength={100} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('fields.email')}
          rules={[{ required: true, type: 'email', message: t('validation.email') }]}
        >
          <Input autoComplete="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('fields.password')}
          extra={t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          rules={[
            {
              required: true,
              min: MIN_PASSWORD_LENGTH,
              message: t('validation.passwordLength', { min: MIN_PASSWORD_LENGTH }),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signup.isPending}>
          {t('auth.signup')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        {t('auth.haveAccount')} <Link to={withNext('/login', next)}>{t('auth.login')}</Link>
      </Typography.Paragraph>
    </AuthLayout>
  );
}
