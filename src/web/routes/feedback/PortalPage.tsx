import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Segmented,
  Select,
  Tag,
  Typography,
} from 'antd';
import { LikeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  usePortal,
  usePortalItem,
  usePortalItems,
  useSubmitFeedback,
  useVote,
  type PortalItem,
  type PortalSubmission,
} from '../../features/feedback/hooks.ts';
import { LanguageSwitch } from '../../features/account/LanguageSwitch.tsx';
import { useEmbed } from '../../features/embed/useEmbed.ts';

function PortalFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: '24px 16px' }}>
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }}>
          {title}
        </Typography.Title>
        <LanguageSwitch size="small" />
      </Flex>
      {children}
    </div>
  );
}

function VoteButton({ portalId, item }: { portalId: string; item: PortalItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const vote = useVote(portalId);
  return (
    <Button
      icon={<LikeOutlined />}
      loading={vote.isPending}
      disabled={vote.isSuccess}
      aria-label={`${t('feedback.portal.vote')} ${item.title}`}
      onClick={() => vote.mutate(item.id, { onError: (error) => void message.error(errorMessage(error)) })}
    >
      {vote.isSuccess ? t('feedback.portal.voted') : t('feedback.portal.vote')} · {item.votes}
    </Button>
  );
}

/** The submission form of a portal: on the portal page and, alone, in the embeddable form. */
function PortalSubmitForm({ portalId, categories }: { portalId: string; categories: readonly string[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmitFeedback(portalId);
  const [form] = Form.useForm<PortalSubmission>();
  return (
    <>
      {submit.isSuccess ? (
        <Alert type="success" message={t('feedback.portal.submitted')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          submit.mutate(values, {
            onSuccess: () => form.resetFields(),
            onError: (error) => {
              if (!applyFieldErrors(form, error)) void message.error(errorMessage(error));
            },
          })
        }
      >
        <Form.Item
          name="title"
          label={t('feedback.portal.fieldTitle')}
          rules={[{ required: true, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('feedback.portal.fieldBody')}>
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        {categories.length > 0 ? (
          <Form.Item name="category" label={t('feedback.portal.fieldCategory')}>
            <Select allowClear options={categories.map((value) => ({ value, label: value }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="email" label={t('feedback.portal.fieldEmail')} rules={[{ type: 'email' }]}>
          <Input type="email" autoComplete="email" />
        </Form.Item>
        <Form.Item name="name" label={t('feedback.portal.fieldName')}>
          <Input maxLength={120} />
        </Form.Item>
        {/* The honeypot: hidden from people (and from screen readers), filled by robots. */}
        <div
          aria-hidden="true"
          style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}
        >
          <Form.Item name="website" label={t('feedback.portal.honeypot')}>
            <Input tabIndex={-1} autoComplete="off" />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={submit.isPending}>
          {t('feedback.portal.submit')}
        </Button>
      </Form>
    </>
  );
}

/**
 * The feedback form alone, for other sites to frame (`/embed/feedback/:portalId`, loaded by /embed.js or an
 * iframe): submit, with a link to the full portal.
 */
export function EmbedFeedbackPage() {
  const { portalId = '' } = useParams();
  const { t } = useTranslation();
  const portal = usePortal(portalId);
  useEmbed();
  if (portal.isLoading) return <FullPageSpin />;
  return (
    <div style={{ padding: 12 }}>
      {portal.data ? (
        <Card
          title={t('feedback.portal.submitTitle')}
          extra={
            <a href={`/portal/${portalId}`} target="_blank" rel="noreferrer">
              {t('feedback.embed.openPortal')}
            </a>
          }
        >
          <PortalSubmitForm portalId={portalId} categories={portal.data.categories} />
        </Card>
      ) : (
        <Alert type="warning" message={t('feedback.portal.notFound')} />
      )}
    </div>
  );
}

export function PortalPage() {
  const { portalId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormatters();
  const portal = usePortal(portalId);
  const [sort, setSort] = useState<'votes' | 'new'>('votes');
  const items = usePortalItems(portalId, sort);

  if (portal.isLoading) return <FullPageSpin />;
  if (!portal.data) {
    return (
      <PortalFrame title="OpsPlan">
        <Alert type="warning" message={t('feedback.portal.notFound')} />
      </PortalFrame>
    );
  }
  const { name, categories } = portal.data;

  return (
    <PortalFrame title={t('feedback.portal.title', { name })}>
      <Typography.Paragraph type="secondary">{t('feedback.portal.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10}>
          <Card title={t('feedback.portal.submitTitle')}>
            <PortalSubmitForm portalId={portalId} categories={categories} />
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Segmented
            value={sort}
            onChange={(value) => setSort(value as 'votes' | 'new')}
            options={[
              { value: 'votes', label: t('feedback.portal.popular') },
              { value: 'new', label: t('feedback.portal.newest') },
            ]}
            style={{ marginBottom: 12 }}
          />
          {(items.data ?? []).length === 0 ? (
            <Card>
              <Empty description={t('feedback.portal.empty')} />
            </Card>
          ) : (
            <Flex vertical gap={12}>
              {(items.data ?? []).map((item) => (
                <Card key={item.id} size="small">
                  <Flex justify="space-between" gap={12} wrap>
                    <div style={{ minWidth: 0, flex: 1 }}>
                      <Link to={`/portal/${portalId}/items/${item.id}`}>
                        <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                          {item.title}
                        </Typography.Text>
                      </Link>
                      <div>
                        <Tag>{t(`feedback.status.${item.status}`)}</Tag>
                        {item.category ? <Tag>{item.category}</Tag> : null}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {format.date(item.createdAt)}
                        </Typography.Text>
                      </div>
                    </div>
                    <VoteButton portalId={portalId} item={item} />
                  </Flex>
                </Card>
              ))}
            </Flex>
          )}
        </Col>
      </Row>
    </PortalFrame>
  );
}

export function PortalItemPage() {
  const { portalId = '', itemId = '' } = useParams();
  const { t } = useTranslation();
  const portal = usePortal(portalId);
  const item = usePortalItem(portalId, itemId);
  if (item.isLoading || portal.isLoading) return <FullPageSpin />;
  return (
    <PortalFrame title={portal.data ? t('feedback.portal.title', { name: portal.data.name }) : 'OpsPlan'}>
      <Link to={`/portal/${portalId}`}>{t('feedback.portal.back')}</Link>
      {item.data ? (
        <Card style={{ marginTop: 12 }}>
          <Typography.Title level={4} style={{ marginTop: 0, wordBreak: 'break-word' }}>
            {item.data.title}
          </Typography.Title>
          <Tag>{t(`feedback.status.${item.data.status}`)}</Tag>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginTop: 12 }}>
            {item.data.body}
          </Typography.Paragraph>
          {item.data.resolution ? (
            <Alert
              type="success"
              message={t('feedback.portal.resolution')}
              description={item.data.resolution}
            />
          ) : null}
          <div style={{ marginTop: 12 }}>
            <VoteButton portalId={portalId} item={item.data} />
          </div>
        </Card>
      ) : (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          message={item.error ? errorMessage(item.error) : ''}
        />
      )}
    </PortalFrame>
  );
}
