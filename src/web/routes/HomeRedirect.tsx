import { Navigate } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { useMe } from '../features/account/hooks.ts';
import { lastWorkspaceId } from '../features/workspaces/lastWorkspace.ts';

/** `/`: the last workspace opened here, else the first one, else onboarding. */
export function HomeRedirect() {
  const { data: me, isPending } = useMe();
  if (isPending) return <FullPageSpin />;
  if (!me) return <Navigate to="/login" replace />;
  const remembered = lastWorkspaceId();
  const workspace = me.workspaces.find((item) => item.id === remembered) ?? me.workspaces[0];
  return <Navigate to={workspace ? `/w/${workspace.id}` : '/onboarding'} replace />;
}
