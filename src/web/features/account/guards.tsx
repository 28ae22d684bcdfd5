import { lazy, Suspense } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { useMe } from './hooks.ts';
import { safeNext, withNext } from './next.ts';

// antd's Result (with its illustrations) only when the user could not be read: not on the first screen.
const QueryError = lazy(() =>
  import('../../components/QueryError.tsx').then((module) => ({ default: module.QueryError })),
);

/** Pages for signed-in users; others go to the log-in page and come back afterwards. */
export function RequireAuth() {
  const { data: me, error, isPending, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error) {
    return (
      <Suspense fallback={<FullPageSpin />}>
        <QueryError error={error} onRetry={() => void refetch()} />
      </Suspense>
    );
  }
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
