import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import {
  MIN_PASSWORD_LENGTH,
  useChangePassword,
  useMe,
  useUpdateProfile,
  type Me,
  type PasswordInput,
} from '../../features/account/hooks.ts';
import { TokensCard } from '../../features/tokens/TokensCard.tsx';
import { applyLocale, currentLocale, UI_LOCALES, type UiLocale } from '../../i18n/index.ts';

export function ProfilePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return <FullPageSpin />;
  return (
    <>
      <PageHeader title={t('profile.title')} description={me.user.email} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ProfileCard me={me} />
        </Col>
        <Col xs={24} lg={12}>
          <PasswordCard />
        </Col>
        <Col span={24}>
          <TokensCard workspaces={me.workspaces} />
        </Col>
      </Row>
    </>
  );
}

type ProfileValues = { name: string; locale: UiLocale };

function ProfileCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateProfile();

  useEffect(() => {
    form.setFieldsValue({ name: me.user.name });
  }, [form, me.user.name]);

  return (
    <Card title={t('profile.basics')} style={{ height: '100%' }}>
      <FormErrorAlert error={update.error} />
      <Form<ProfileValues>
        name="profile"
        form={form}
        layout="vertical"
        initialValues={{ name: me.user.name, locale: currentLocale() }}
        onFinish={(values) =>
          update.mutate(
            { name: values.name.trim(), locale: values.locale },
            {
              onSuccess: () => {
                void applyLocale(values.locale);
                void message.success(t('profile.saved'));
              },
              onError: (error) => applyFieldErrors(form, error),
            },
          )
        }
      >
        <Form.Item label={t('fields.email')}>
          <Input value={me.user.email} disabled />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="locale" label={t('fields.language')}>
          <Select<UiLocale> options={UI_LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('actions.save')}
        </Button>
      </Form>
    </Card>
  );
}

type PasswordValues = PasswordInput & { confirmPassword: string };

function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();

  return (
    <Card title={t('profile.password')} style={{ height: '100%' }}>
      <FormErrorAlert error={change.error} />
      <Form<PasswordValues>
        name="password"
        form={form}
        layout="vertical"
        onFinish={({ currentPassword, newPassword, revokeApiTokens }) =>
          change.mutate(
            { currentPassword, newPassword, revokeApiTokens: revokeApiTokens ?? false },
            {
              onSuccess: () => {
                form.resetFields();
                void message.success(t('profile.passwordChanged'));
              },
              onError: (error) => applyFieldErrors(form, error),
            },
          )
        }
      >
        <Form.Item
          name="currentPassword"
          label={t('profile.currentPassword')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
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
        <Form.Item
          name="confirmPassword"
          label={t('profile.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="revokeApiTokens" valuePropName="checked" extra={t('profile.revokeApiTokensHint')}>
          <Checkbox>{t('profile.revokeApiTokens')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('profile.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
