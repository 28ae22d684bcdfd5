import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';

/** A workspace that is not there (or not the user's), or failed to load: with antd's Result, off the first screen. */
export function WorkspaceProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
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
  return <QueryError error={error} onRetry={onRetry} />;
}
