import { Button, Dropdown, type MenuProps } from 'antd';
import { CheckOutlined, DownOutlined, PlusOutlined, AppstoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MyWorkspace } from '../account/hooks.ts';

export function WorkspaceSwitcher({
  current,
  workspaces,
}: {
  current: MyWorkspace | null;
  workspaces: MyWorkspace[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const items: MenuProps['items'] = [
    ...(workspaces.length > 0
      ? [
          {
            type: 'group' as const,
            label: t('shell.yourWorkspaces'),
            children: workspaces.map((workspace) => ({
              key: workspace.id,
              label: workspace.name,
              icon: workspace.id === current?.id ? <CheckOutlined /> : <span style={{ width: 14 }} />,
            })),
          },
          { type: 'divider' as const },
        ]
      : []),
    { key: 'new', icon: <PlusOutlined />, label: t('shell.newWorkspace') },
  ];

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => void navigate(key === 'new' ? '/onboarding' : `/w/${key}`),
      }}
    >
      <Button
        data-testid="workspace-switcher"
        icon={<AppstoreOutlined />}
        title={current?.name}
        style={{ minWidth: 0, maxWidth: '100%' }}
      >
        <span className="workspace-switcher-name">{current?.name ?? t('shell.chooseWorkspace')}</span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
