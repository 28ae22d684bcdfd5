import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useMe } from './hooks.ts';
import { safeNext, withNext } from './next.ts';

/** Pages for signed-in users; others go to the log-in page and come back afterwards. */
export function RequireAuth() {
  const { data: me, error, isPending, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!me) return <Navigate to={withNext('/login', location.pathname + location.search)} replace />;
  return <Outlet />;
}

/** Log-in and sign-up: once signed in, continue to `?next=` or home. */
export function PublicOnly() {
  const { data: me, isPending } = useMe();
  const [searchParams] = useSearchParams();
  if (isPending) return <FullPageSpin />;
  if (me) return <Navigate to={safeNext(searchParams) ?? '/'} replace />;
  return <Outlet />;
}
