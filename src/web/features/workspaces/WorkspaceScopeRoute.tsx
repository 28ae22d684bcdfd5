import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Outlet, useParams } from 'react-router';
import { can, isRole, type Permission } from '../../../core/permissions/index.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { useWorkspace } from './hooks.ts';
import { rememberWorkspace } from './lastWorkspace.ts';
import { WorkspaceContext, type WorkspaceScope } from './WorkspaceContext.ts';

// antd's Result (with its large illustrations) only when something is wrong: not on the first screen.
const WorkspaceProblem = lazy(() =>
  import('./WorkspaceProblem.tsx').then((module) => ({ default: module.WorkspaceProblem })),
);

/** Loads `/w/:workspaceId` and gives its pages the workspace and the member's role. */
export function WorkspaceScopeRoute() {
  const { workspaceId = '' } = useParams();
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
  if (error || !scope) {
    return (
      <Suspense fallback={<FullPageSpin />}>
        <WorkspaceProblem error={error} onRetry={() => void refetch()} />
      </Suspense>
    );
  }
  return (
    <WorkspaceContext.Provider value={scope}>
      <Outlet />
    </WorkspaceContext.Provider>
  );
}
