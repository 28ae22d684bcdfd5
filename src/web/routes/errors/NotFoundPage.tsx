import { Button, Flex, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '80vh' }}>
      <Result
        status="404"
        title={t('notFound.title')}
        subTitle={t('notFound.hint')}
        extra={
          <Link to="/">
            <Button type="primary">{t('actions.backHome')}</Button>
          </Link>
        }
      />
    </Flex>
  );
}
