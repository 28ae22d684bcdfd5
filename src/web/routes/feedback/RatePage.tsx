import { useEffect, useRef } from 'react';
import { Alert, Button, Card, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useRate } from '../../features/feedback/hooks.ts';
import { LanguageSwitch } from '../../features/account/LanguageSwitch.tsx';

/**
 * The page behind a rating link: it sends the score in the link once it is open in a browser, so a mail
 * scanner that only fetches the address rates nothing.
 */
export function RatePage() {
  const { portalId = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const rate = useRate();
  const token = params.get('token') ?? '';
  const score = Number(params.get('score'));
  const isValid = token.length >= 10 && Number.isInteger(score) && score >= 1 && score <= 5;
  const sent = useRef(false);
  useEffect(() => {
    if (!isValid || sent.current) return;
    sent.current = true;
    rate.mutate({ token, score });
  }, [isValid, rate, token, score]);

  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: '48px 16px' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('feedback.rate.title')}
        </Typography.Title>
        <LanguageSwitch size="small" />
      </Flex>
      <Card>
        {!isValid && token.length >= 10 ? (
          <Flex vertical gap={8}>
            <Typography.Text>{t('feedback.rate.pick')}</Typography.Text>
            <Flex gap={8} wrap>
              {[1, 2, 3, 4, 5].map((value) => (
                <Link
                  key={value}
                  to={`/portal/${portalId}/rate?token=${encodeURIComponent(token)}&score=${value}`}
                >
                  <Button>{value}</Button>
                </Link>
              ))}
            </Flex>
          </Flex>
        ) : null}
        {token.length < 10 ? <Alert type="warning" message={t('feedback.rate.invalid')} /> : null}
        {rate.isPending ? (
          <Spin tip={t('feedback.rate.sending')}>
            <div style={{ height: 48 }} />
          </Spin>
        ) : null}
        {rate.error ? <Alert type="error" message={errorMessage(rate.error)} /> : null}
        {rate.data ? (
          <Flex vertical gap={8} data-testid="rating-result">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {rate.data.alreadyRated
                ? t('feedback.rate.already', { score: rate.data.rating })
                : t('feedback.rate.thanks', { score: rate.data.rating })}
            </Typography.Title>
            <Typography.Text type="secondary">{rate.data.itemTitle}</Typography.Text>
            {rate.data.reopened ? <Alert type="info" message={t('feedback.rate.reopened')} /> : null}
          </Flex>
        ) : null}
      </Card>
    </div>
  );
}
