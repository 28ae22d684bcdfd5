import { Avatar, Button, Dropdown, Flex, theme } from 'antd';
import { BellOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useAppFeedback } from '../../components/feedback/AppFeedback.tsx';
import { useLogout } from '../account/hooks.ts';

export function UserMenu({ name, email }: { name: string; email: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = useAppFeedback();
  const { token } = theme.useToken();

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <Flex vertical>
                {/* Plain text, not Typography: that would bring its editor (Input, TextArea) to the first screen. */}
                <span style={{ fontWeight: 600, color: token.colorText }}>{name}</span>
                <span style={{ color: token.colorTextSecondary }}>{email}</span>
              </Flex>
            ),
          },
          { type: 'divider' },
          { key: 'profile', icon: <UserOutlined />, label: t('shell.profile') },
          { key: 'notifications', icon: <BellOutlined />, label: t('notificationSettings.open') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') void navigate('/profile');
          if (key === 'notifications') void navigate('/profile/notifications');
          if (key === 'logout')
            void logout.mutateAsync().then(
              () => void navigate('/login', { replace: true }),
              (error: unknown) => void message.error(errorMessage(error)),
            );
        },
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
        <Avatar size="small" style={{ background: '#2f54eb' }}>
          {name.slice(0, 1).toUpperCase()}
        </Avatar>
        <span className="user-menu-name">{name}</span>
      </Button>
    </Dropdown>
  );
}
