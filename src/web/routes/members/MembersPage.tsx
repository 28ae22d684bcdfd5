import { Button, Card, Flex } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useMe } from '../../features/account/hooks.ts';
import { CreateInvitationModal } from '../../features/members/CreateInvitationModal.tsx';
import { InvitationsCard } from '../../features/members/InvitationsCard.tsx';
import { MembersTable } from '../../features/members/MembersTable.tsx';
import { useMembers } from '../../features/members/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

export function MembersPage() {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const { data: me } = useMe();
  const members = useMembers(workspace.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const mayInvite = can('invitations.create');
  const isInviting = mayInvite && searchParams.get('invite') === '1';
  const setInviting = (open: boolean) =>
    setSearchParams(open ? { invite: '1' } : {}, { replace: true, preventScrollReset: true });

  return (
    <>
      <PageHeader
        title={t('members.title')}
        description={t('members.description', { count: members.data?.length ?? 0 })}
        extra={
          mayInvite ? (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setInviting(true)}
              data-testid="invite-button"
            >
              {t('members.invite')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Card styles={{ body: { padding: 0 } }}>
          {members.error ? (
            <QueryError error={members.error} onRetry={() => void members.refetch()} />
          ) : (
            <MembersTable
              members={members.data ?? []}
              loading={members.isPending}
              currentUserId={me?.user.id ?? null}
            />
          )}
        </Card>
        {can('invitations.read') ? <InvitationsCard onInvite={() => setInviting(true)} /> : null}
      </Flex>
      {mayInvite ? <CreateInvitationModal open={isInviting} onClose={() => setInviting(false)} /> : null}
    </>
  );
}
