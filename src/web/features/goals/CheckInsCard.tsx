import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, Slider, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useCreateCheckIn, type CheckIn } from './hooks.ts';

type Values = { note: string; confidence: number; blockers: string };

function confidenceColor(confidence: number): string {
  if (confidence >= 7) return 'green';
  if (confidence >= 4) return 'gold';
  return 'red';
}

/** The goal's check-ins, newest first, with the form to post one. */
export function CheckInsCard({
  workspaceId,
  goalId,
  checkIns,
  mayWrite,
}: {
  workspaceId: string;
  goalId: string;
  checkIns: readonly CheckIn[];
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const [form] = Form.useForm<Values>();
  const create = useCreateCheckIn(workspaceId, goalId);
  const [now] = useState(() => Date.now());
  const sorted = [...checkIns].sort((a, b) => b.createdAt - a.createdAt);
  // A check-in posted after this card mounted is "just now", not "in 1 second".
  const reference = Math.max(now, ...checkIns.map((checkIn) => checkIn.createdAt));

  return (
    <Card title={t('checkIns.title')} data-testid="check-ins">
      {mayWrite ? (
        <>
          <FormErrorAlert error={create.error} />
          <Form
            name="checkIn"
            form={form}
            layout="vertical"
            initialValues={{ note: '', confidence: 7, blockers: '' }}
            onFinish={(values) =>
              create.mutate(
                {
                  note: values.note.trim(),
                  confidence: values.confidence,
                  blockers: values.blockers.trim() === '' ? null : values.blockers.trim(),
                },
                {
                  onSuccess: () => {
                    void message.success(t('checkIns.saved'));
                    form.resetFields();
                  },
                  onError: (error) => applyFieldErrors(form, error),
                },
              )
            }
          >
            <Form.Item
              name="note"
              label={t('checkIns.note')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={5000}
                placeholder={t('checkIns.notePlaceholder')}
              />
            </Form.Item>
            <Form.Item
              name="confidence"
              label={t('checkIns.confidence')}
              extra={t('checkIns.confidenceHint')}
            >
              <Slider min={1} max={10} marks={{ 1: '1', 5: '5', 10: '10' }} />
            </Form.Item>
            {/* Two rows: autoSize measures the value, so one row clipped the placeholder once it wrapped. */}
            <Form.Item name="blockers" label={t('checkIns.blockers')}>
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 4 }}
                maxLength={2000}
                placeholder={t('checkIns.blockersPlaceholder')}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} block>
              {t('checkIns.submit')}
            </Button>
          </Form>
        </>
      ) : null}
      {sorted.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('checkIns.empty')}
          style={{ marginTop: mayWrite ? 24 : 0 }}
        />
      ) : (
        <Timeline
          data-testid="check-in-list"
          style={{ marginTop: mayWrite ? 28 : 4 }}
          items={sorted.map((checkIn) => ({
            key: checkIn.id,
            color: confidenceColor(checkIn.confidence),
            content: (
              <Flex vertical gap={4}>
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong>{checkIn.author?.name ?? t('audit.system')}</Typography.Text>
                  <Typography.Text type="secondary" title={format.dateTime(checkIn.createdAt)}>
                    {format.relative(checkIn.createdAt, reference)}
                  </Typography.Text>
                </Flex>
                <Flex gap={6} wrap>
                  <Tag color={confidenceColor(checkIn.confidence)} style={{ marginInlineEnd: 0 }}>
                    {t('checkIns.confidenceValue', { value: checkIn.confidence })}
                  </Tag>
                  <Tag style={{ marginInlineEnd: 0 }}>
                    {t('checkIns.progressAt', { progress: format.percent(checkIn.progress) })}
                  </Tag>
                </Flex>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {checkIn.note}
                </Typography.Paragraph>
                {checkIn.blockers ? (
                  <Typography.Text type="warning" style={{ whiteSpace: 'pre-wrap' }}>
                    {t('checkIns.blockersLabel')}
                    {checkIn.blockers}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}
