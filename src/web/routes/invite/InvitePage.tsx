import { Alert, Button, Descriptions, Flex, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { RoleTag } from '../../components/RoleTag.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { AuthLayout } from '../../features/account/AuthLayout.tsx';
import { useMe } from '../../features/account/hooks.ts';
import { withNext } from '../../features/account/next.ts';
import { useAcceptInvitation, useInvitationByToken } from '../../features/invitations/hooks.ts';

export function InvitePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const format = useFormatters();
  const { data: me, isPending: isMePending } = useMe();
  const invitation = useInvitationByToken(token);
  const accept = useAcceptInvitation(token);
  const here = location.pathname;

  if (invitation.isPending || isMePending) {
    return (
      <AuthLayout width={480}>
        <Skeleton active />
      </AuthLayout>
    );
  }

  if (invitation.error) {
    const isMissing = invitation.error instanceof ApiError && invitation.error.status === 404;
    return (
      <AuthLayout width={480}>
        <Result
          status={isMissing ? '404' : 'warning'}
          title={isMissing ? t('invite.notFoundTitle') : t('errors.loadFailed')}
          subTitle={isMissing ? t('invite.notFoundHint') : errorMessage(invitation.error)}
          extra={<Link to="/">{t('actions.backHome')}</Link>}
        />
      </AuthLayout>
    );
  }

  const details = invitation.data;
  if (details.status !== 'pending') {
    return (
      <AuthLayout width={480}>
        <Result
          status="warning"
          data-testid="invite-unavailable"
          title={t(`invite.unavailable.${details.status}`)}
          subTitle={t('invite.unavailableHint', { inviter: details.inviterName })}
          extra={<Link to="/">{t('actions.backHome')}</Link>}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout width={480}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('invite.title', { inviter: details.inviterName, workspace: details.workspaceName })}
      </Typography.Title>
      <Descriptions
        column={1}
        size="small"
        bordered
        style={{ marginBottom: 24 }}
        items={[
          {
            key: 'workspace',
            label: t('invite.workspace'),
            children: <span data-testid="invite-workspace">{details.workspaceName}</span>,
          },
          { key: 'role', label: t('fields.role'), children: <RoleTag role={details.role} /> },
          { key: 'inviter', label: t('invite.inviter'), children: details.inviterName },
          { key: 'expires', label: t('fields.expiresAt'), children: format.dateTime(details.expiresAt) },
        ]}
      />
      {me ? (
        <>
          {accept.error ? (
            <Alert type="error" showIcon title={errorMessage(accept.error)} style={{ marginBottom: 16 }} />
          ) : null}
          <Typography.Paragraph type="secondary">
            {t('invite.signedInAs', { name: me.user.name, email: me.user.email })}
          </Typography.Paragraph>
          <Button
            type="primary"
            block
            size="large"
            loading={accept.isPending}
            onClick={() =>
              accept.mutate(undefined, {
                onSuccess: (result) => void navigate(`/w/${result.workspace.id}`, { replace: true }),
              })
            }
          >
            {t('invite.accept')}
          </Button>
        </>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('invite.signInFirst')}
          </Typography.Paragraph>
          <Link to={withNext('/signup', here)}>
            <Button type="primary" block size="large">
              {t('invite.signupToJoin')}
            </Button>
          </Link>
          <Link to={withNext('/login', here)}>
            <Button block size="large">
              {t('invite.loginToJoin')}
            </Button>
          </Link>
        </Flex>
      )}
    </AuthLayout>
  );
}
