import { useEffect, useMemo } from 'react';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams } from 'react-router';
import { can, isRole, type Permission } from '../../../core/permissions/index.ts';
import { ApiError } from '../../api/client.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useWorkspace } from './hooks.ts';
import { rememberWorkspace } from './lastWorkspace.ts';
import { WorkspaceContext, type WorkspaceScope } from './WorkspaceContext.ts';

/** Loads `/w/:workspaceId` and gives its pages the workspace and the member's role. */
export function WorkspaceScopeRoute() {
  const { workspaceId = '' } = useParams();
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = useWorkspace(workspaceId);

  useEffect(() => {
    if (data) rememberWorkspace(data.workspace.id);
  }, [data]);

  const scope = useMemo<WorkspaceScope | null>(() => {
    if (!data || !isRole(data.role)) return null;
    const role = data.role;
    return { workspace: data.workspace, role, can: (permission: Permission) => can(role, permission) };
  }, [data]);

  if (isPending) return <FullPageSpin />;
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return (
      <Result
        status="404"
        title={t('workspace.notFoundTitle')}
        subTitle={t('workspace.notFoundHint')}
        extra={
          <Link to="/">
            <Button type="primary">{t('actions.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  if (error || !scope) return <QueryError error={error} onRetry={() => void refetch()} />;
  return (
    <WorkspaceContext.Provider value={scope}>
      <Outlet />
    </WorkspaceContext.Provider>
  );
}
