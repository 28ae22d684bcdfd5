import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRole, type Role } from '../../core/permissions/index.ts';

const ROLE_COLORS: Record<Role, string> = {
  owner: 'gold',
  admin: 'volcano',
  manager: 'blue',
  member: 'green',
  viewer: 'default',
};

export function RoleTag({ role }: { role: string }) {
  const { t } = useTranslation();
  if (!isRole(role)) return <Tag>{role}</Tag>;
  return (
    <Tag color={ROLE_COLORS[role]} style={{ marginInlineEnd: 0 }}>
      {t(`roles.${role}`)}
    </Tag>
  );
}
