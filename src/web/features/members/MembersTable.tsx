import { useState } from 'react';
import { App, Avatar, Button, Empty, Flex, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { EditOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canAssignRole, isRole, ROLES, type Role } from '../../../core/permissions/index.ts';
import { errorMessage } from '../../api/client.ts';
import { RoleTag } from '../../components/RoleTag.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { FROM_TABLET, useIsCompact } from '../../components/responsive.ts';
import { useWorkspaceScope } from '../workspaces/WorkspaceContext.ts';
import { EditMemberModal, type EditableMember } from './EditMemberModal.tsx';
import { useRemoveMember, useUpdateMember } from './hooks.ts';

export type MemberRow = {
  userId: string;
  email: string;
  name: string;
  role: string;
  title: string | null;
  weeklyCapacityHours: number;
  joinedAt: number;
};

export function MembersTable({
  members,
  loading,
  currentUserId,
}: {
  members: MemberRow[];
  loading: boolean;
  currentUserId: string | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  // A phone keeps who, their role and the actions.
  const isCompact = useIsCompact();
  const { workspace, role: actorRole, can } = useWorkspaceScope();
  const update = useUpdateMember(workspace.id);
  const remove = useRemoveMember(workspace.id);
  const [editing, setEditing] = useState<EditableMember | null>(null);

  const mayUpdate = can('members.update');
  const mayRemove = can('members.remove');

  const assignableRoles = (current: Role) =>
    ROLES.filter((next) => next === current || canAssignRole(actorRole, current, next));

  const changeRole = (member: MemberRow, nextRole: Role) =>
    update.mutate(
      { userId: member.userId, changes: { role: nextRole } },
      {
        onSuccess: () => void message.success(t('members.roleChanged', { name: member.name })),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );

  return (
    <>
      <Table<MemberRow>
        rowKey="userId"
        loading={loading}
        dataSource={members}
        pagination={members.length > 20 ? { pageSize: 20 } : false}
        scroll={isCompact ? undefined : { x: 1000 }}
        locale={{ emptyText: <Empty description={t('members.empty')} /> }}
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            width: isCompact ? undefined : 260,
            render: (_, member) => (
              <Flex align="center" gap={10}>
                <Avatar style={{ background: '#597ef7', flex: 'none' }}>{member.name.slice(0, 1)}</Avatar>
                <Flex vertical>
                  <Typography.Text strong>
                    {member.name}
                    {member.userId === currentUserId ? (
                      <Typography.Text type="secondary"> ({t('members.you')})</Typography.Text>
                    ) : null}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 200 }} ellipsis>
                    {member.email}
                  </Typography.Text>
                </Flex>
              </Flex>
            ),
          },
          {
            title: t('fields.title'),
            dataIndex: 'title',
            width: 150,
            responsive: FROM_TABLET,
            render: (title: string | null) => title ?? <Typography.Text type="secondary">—</Typography.Text>,
          },
          {
            title: t('fields.role'),
            dataIndex: 'role',
            width: 150,
            render: (_, member) => {
              const current = member.role;
              if (!isRole(current) || !mayUpdate || member.userId === currentUserId) {
                return <RoleTag role={current} />;
              }
              const options = assignableRoles(current);
              if (options.length <= 1) return <RoleTag role={current} />;
              return (
                <Select<Role>
                  size="small"
                  value={current}
                  // On a phone the column is narrow: the select fits it and its list is as wide as its words.
                  style={{ width: '100%', maxWidth: 120, minWidth: 84 }}
                  popupMatchSelectWidth={false}
                  aria-label={t('members.changeRoleOf', { name: member.name })}
                  options={options.map((value) => ({ value, label: t(`roles.${value}`) }))}
                  onChange={(next) => changeRole(member, next)}
                />
              );
            },
          },
          {
            title: t('fields.weeklyCapacityHours'),
            dataIndex: 'weeklyCapacityHours',
            width: 150,
            responsive: FROM_TABLET,
            align: 'right',
            render: (hours: number) => t('members.hours', { hours }),
          },
          {
            title: t('fields.joinedAt'),
            dataIndex: 'joinedAt',
            width: 150,
            responsive: FROM_TABLET,
            render: (joinedAt: number) => format.date(joinedAt),
          },
          ...(mayUpdate || mayRemove
            ? [
                {
                  title: t('fields.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, member: MemberRow) => {
                    const isSelf = member.userId === currentUserId;
                    const mayTouch =
                      isRole(member.role) && canAssignRole(actorRole, member.role, member.role);
                    return (
                      <Space size={4}>
                        {mayUpdate && (mayTouch || isSelf) ? (
                          <Button
                            type="link"
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditing(member)}
                          >
                            {t('actions.edit')}
                          </Button>
                        ) : null}
                        {mayRemove && mayTouch && !isSelf ? (
                          <Popconfirm
                            title={t('members.removeConfirm', { name: member.name })}
                            okText={t('actions.remove')}
                            cancelText={t('actions.cancel')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() =>
                              remove.mutateAsync(member.userId).then(
                                () => void message.success(t('members.removed', { name: member.name })),
                                (error: unknown) => void message.error(errorMessage(error)),
                              )
                            }
                          >
                            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                              {t('actions.remove')}
                            </Button>
                          </Popconfirm>
                        ) : null}
                      </Space>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      <EditMemberModal workspaceId={workspace.id} member={editing} onClose={() => setEditing(null)} />
    </>
  );
}
