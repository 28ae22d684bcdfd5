import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Shown instead of the designer to a member who may read processes but not change them. */
export function NoEditPermission({ backTo }: { backTo: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('designer.noPermission')}
      extra={
        <Button type="primary" onClick={() => void navigate(backTo)}>
          {t('designer.back')}
        </Button>
      }
    />
  );
}
