import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Input, InputNumber, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { toCsv } from '../../../core/csv/index.ts';
import { EmbedSnippets } from '../../features/embed/EmbedSnippets.tsx';
import {
  useCreateSurveyLinks,
  useSurveyLinks,
  useUpdateSurvey,
  type Survey,
} from '../../features/surveys/hooks.ts';

/**
 * Where a survey goes out: its embed code, and links that take one response each per wave — anonymous
 * one-use links or one per contact — with whether each has answered; the survey may accept only its links.
 */
export function SurveyShare({
  workspaceId,
  survey,
  mayWrite,
}: {
  workspaceId: string;
  survey: Survey;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const links = useSurveyLinks(workspaceId, survey.id);
  const create = useCreateSurveyLinks(workspaceId, survey.id);
  const update = useUpdateSurvey(workspaceId, survey.id);
  const [count, setCount] = useState<number>(10);
  const [emails, setEmails] = useState('');
  const origin = window.location.origin;
  const onError = (error: unknown) => void message.error(errorMessage(error));
  const rows = links.data ?? [];
  const csv = toCsv([
    ['link', 'email', 'answered'],
    ...rows.map((link) => [`${origin}${link.path}`, link.email ?? '', link.answered ? 'yes' : 'no']),
  ]);
  const addresses = emails
    .split(/[\s,;，；]+/u)
    .map((email) => email.trim())
    .filter(Boolean);

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('feedback.embed.title')}>
        <EmbedSnippets kind="survey" id={survey.id} />
      </Card>
      <Card size="small" title={t('feedback.links.title')}>
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('feedback.links.hint')}</Typography.Text>
          <Checkbox
            checked={survey.linkOnly}
            disabled={!mayWrite || update.isPending}
            onChange={(event) => update.mutate({ linkOnly: event.target.checked }, { onError })}
            data-testid="survey-link-only"
          >
            {t('feedback.links.linkOnly')}
          </Checkbox>
          {mayWrite ? (
            <>
              <Flex gap={8} wrap align="center">
                <InputNumber
                  min={1}
                  max={500}
                  value={count}
                  onChange={(value) => setCount(value ?? 1)}
                  aria-label={t('feedback.links.count')}
                  style={{ width: 100 }}
                />
                <Button
                  loading={create.isPending}
                  onClick={() => create.mutate({ count }, { onError })}
                  data-testid="survey-make-links"
                >
                  {t('feedback.links.makeOneUse')}
                </Button>
              </Flex>
              <Flex gap={8} wrap align="start">
                <Input.TextArea
                  rows={2}
                  value={emails}
                  onChange={(event) => setEmails(event.target.value)}
                  placeholder={t('feedback.links.emailsPlaceholder')}
                  aria-label={t('feedback.links.emailsPlaceholder')}
                  style={{ flex: '1 1 240px' }}
                />
                <Button
                  disabled={addresses.length === 0}
                  loading={create.isPending}
                  onClick={() =>
                    create.mutate({ emails: addresses }, { onError, onSuccess: () => setEmails('') })
                  }
                >
                  {t('feedback.links.makePerContact')}
                </Button>
              </Flex>
            </>
          ) : null}
          {rows.length > 0 ? (
            <>
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Typography.Text>
                  {t('feedback.links.summary', {
                    count: rows.length,
                    answered: rows.filter((link) => link.answered).length,
                  })}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
                  download="survey-links.csv"
                >
                  {t('feedback.links.download')}
                </Button>
              </Flex>
              <Table
                size="small"
                rowKey="id"
                dataSource={rows}
                pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                data-testid="survey-links"
                columns={[
                  {
                    title: t('feedback.links.link'),
                    key: 'link',
                    render: (_, link) => (
                      <Typography.Text
                        copyable={{ text: `${origin}${link.path}` }}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {link.path}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('feedback.links.contact'),
                    key: 'email',
                    responsive: ['md'],
                    render: (_, link) => link.email ?? t('feedback.links.anonymous'),
                  },
                  {
                    title: t('feedback.links.state'),
                    key: 'answered',
                    width: 100,
                    render: (_, link) =>
                      link.answered ? (
                        <Tag color="green">{t('feedback.links.answered')}</Tag>
                      ) : (
                        <Tag>{t('feedback.links.waiting')}</Tag>
                      ),
                  },
                ]}
              />
            </>
          ) : null}
        </Flex>
      </Card>
    </Flex>
  );
}
