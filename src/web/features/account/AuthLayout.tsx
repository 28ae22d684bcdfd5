import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from '../../components/Logo.tsx';

/** Centered card with the product name: sign-up, log-in, onboarding and invitation pages. */
export function AuthLayout({ children, width = 420 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: '48px 16px',
        background: 'linear-gradient(160deg, #eef3ff 0%, #f7f9fc 45%, #f0f5f2 100%)',
      }}
    >
      <div style={{ position: 'fixed', top: 16, right: 16 }}>
        <LanguageSwitch size="small" />
      </div>
      <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
        <Logo size={40} />
        <Typography.Title level={2} style={{ margin: '8px 0 0' }}>
          OpsPlan
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Flex>
      <Card style={{ width: '100%', maxWidth: width, boxShadow: '0 8px 24px rgba(31, 56, 88, 0.08)' }}>
        {children}
      </Card>
    </Flex>
  );
}
