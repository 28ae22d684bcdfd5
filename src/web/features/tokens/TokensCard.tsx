import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, isRole } from '../../../core/permissions/index.ts';
import { errorMessage } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import type { MyWorkspace } from '../account/hooks.ts';
import { CreateTokenModal } from './CreateTokenModal.tsx';
import { useApiTokens, useRevokeApiToken } from './hooks.ts';

type TokenRow = {
  id: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  prefix: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
};

export function TokensCard({ workspaces }: { workspaces: MyWorkspace[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [isCreating, setCreating] = useState(false);
  const tokenWorkspaces = workspaces.filter(
    (workspace) => isRole(workspace.role) && can(workspace.role, 'tokens.create'),
  );
  const never = <Typography.Text type="secondary">{t('tokens.never')}</Typography.Text>;

  return (
    <Card
      title={t('tokens.title')}
      extra={
        tokenWorkspaces.length > 0 ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.description')}</Typography.Paragraph>
      {tokens.error ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<TokenRow>
          rowKey="id"
          size="middle"
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tokens.empty')} />,
          }}
          columns={[
            { title: t('tokens.name'), dataIndex: 'name' },
            { title: t('tokens.workspace'), dataIndex: 'workspaceName' },
            {
              title: t('tokens.prefix'),
              dataIndex: 'prefix',
              render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
            },
            {
              title: t('fields.createdAt'),
              dataIndex: 'createdAt',
              render: (createdAt: number) => format.date(createdAt),
            },
            {
              title: t('fields.expiresAt'),
              dataIndex: 'expiresAt',
              render: (expiresAt: number | null) => (expiresAt === null ? never : format.date(expiresAt)),
            },
            {
              title: t('tokens.lastUsed'),
              dataIndex: 'lastUsedAt',
              render: (lastUsedAt: number | null) =>
                lastUsedAt === null ? never : format.dateTime(lastUsedAt),
            },
            {
              title: t('fields.actions'),
              key: 'actions',
              render: (_: unknown, token: TokenRow) => (
                <Popconfirm
                  title={t('tokens.revokeConfirm', { name: token.name })}
                  okText={t('tokens.revoke')}
                  cancelText={t('actions.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    revoke.mutateAsync(token.id).then(
                      () => void message.success(t('tokens.revoked')),
                      (error: unknown) => void message.error(errorMessage(error)),
                    )
                  }
                >
                  <Button type="link" size="small" danger>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
      <CreateTokenModal open={isCreating} workspaces={tokenWorkspaces} onClose={() => setCreating(false)} />
    </Card>
  );
}
