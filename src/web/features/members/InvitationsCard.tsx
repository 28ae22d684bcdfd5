import { App, Button, Card, Empty, Popconfirm, Table, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useWorkspaceScope } from '../workspaces/WorkspaceContext.ts';
import { useInvitations, useRevokeInvitation } from './hooks.ts';

const STATUS_COLORS = {
  pending: 'processing',
  accepted: 'success',
  expired: 'default',
  revoked: 'error',
} as const;

type InvitationRow = {
  id: string;
  role: string;
  email: string | null;
  createdAt: number;
  expiresAt: number;
  createdBy: { id: string; name: string };
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
};

export function InvitationsCard({ onInvite }: { onInvite: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const invitations = useInvitations(workspace.id, true);
  const revoke = useRevokeInvitation(workspace.id);
  const mayCreate = can('invitations.create');
  const mayRevoke = can('invitations.revoke');

  return (
    <Card
      title={t('invitations.title')}
      extra={
        mayCreate ? (
          <Button icon={<UserAddOutlined />} onClick={onInvite}>
            {t('invitations.createLink')}
          </Button>
        ) : null
      }
    >
      {invitations.error ? (
        <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : (
        <Table<InvitationRow>
          rowKey="id"
          size="middle"
          loading={invitations.isPending}
          dataSource={invitations.data ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={mayCreate ? t('invitations.emptyCanInvite') : t('invitations.empty')}
              />
            ),
          }}
          columns={[
            { title: t('fields.role'), dataIndex: 'role', render: (role: string) => <RoleTag role={role} /> },
            {
              title: t('fields.email'),
              dataIndex: 'email',
              render: (email: string | null) =>
                email ?? <Typography.Text type="secondary">{t('invitations.anyone')}</Typography.Text>,
            },
            {
              title: t('invitations.createdBy'),
              dataIndex: ['createdBy', 'name'],
            },
            {
              title: t('fields.createdAt'),
              dataIndex: 'createdAt',
              render: (createdAt: number) => format.dateTime(createdAt),
            },
            {
              title: t('fields.expiresAt'),
              dataIndex: 'expiresAt',
              render: (expiresAt: number) => format.dateTime(expiresAt),
            },
            {
              title: t('fields.status'),
              dataIndex: 'status',
              render: (status: InvitationRow['status']) => (
                <Tag color={STATUS_COLORS[status]}>{t(`invitations.status.${status}`)}</Tag>
              ),
            },
            ...(mayRevoke
              ? [
                  {
                    title: t('fields.actions'),
                    key: 'actions',
                    render: (_: unknown, invitation: InvitationRow) =>
                      invitation.status === 'pending' ? (
                        <Popconfirm
                          title={t('invitations.revokeConfirm')}
                          okText={t('invitations.revoke')}
                          cancelText={t('actions.cancel')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() =>
                            revoke.mutateAsync(invitation.id).then(
                              () => void message.success(t('invitations.revoked')),
                              (error: unknown) => void message.error(errorMessage(error)),
                            )
                          }
                        >
                          <Button type="link" size="small" danger>
                            {t('invitations.revoke')}
                          </Button>
                        </Popconfirm>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
