import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Dropdown,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { CopyField } from '../../components/CopyField.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import {
  useDeleteSurvey,
  useStartWave,
  useSurvey,
  useSurveyResults,
  useUpdateSurvey,
  type Survey,
} from '../../features/surveys/hooks.ts';
import { SurveyBuilder } from '../../features/surveys/SurveyBuilder.tsx';
import { SurveyResultsView, waveName } from '../../features/surveys/SurveyResultsView.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { STATUS_COLORS } from './SurveysPage.tsx';
import { SurveyShare } from './SurveyShare.tsx';

function exportUrl(workspaceId: string, surveyId: string, format: 'csv' | 'xlsx') {
  return `/api/v1/w/${encodeURIComponent(workspaceId)}/surveys/${encodeURIComponent(surveyId)}/responses/export?format=${format}`;
}

function SettingsForm({
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
  const update = useUpdateSurvey(workspaceId, survey.id);
  type Values = {
    title: string;
    description: string;
    closesAt: Dayjs | null;
    onePerContact: boolean;
    feedFeedback: boolean;
  };
  return (
    <Form<Values>
      layout="vertical"
      disabled={!mayWrite}
      style={{ maxWidth: 640 }}
      initialValues={{
        title: survey.title,
        description: survey.description,
        closesAt: survey.closesAt ? dayjs(survey.closesAt) : null,
        onePerContact: survey.onePerContact,
        feedFeedback: survey.feedFeedback,
      }}
      onFinish={(values) =>
        update.mutate(
          {
            title: values.title,
            description: values.description ?? '',
            closesAt: values.closesAt ? values.closesAt.valueOf() : null,
            onePerContact: values.onePerContact,
            feedFeedback: values.feedFeedback,
          },
          {
            onSuccess: () => void message.success(t('surveys.saved')),
            onError: (error) => void message.error(errorMessage(error)),
          },
        )
      }
    >
      <Form.Item name="title" label={t('surveys.fieldTitle')} rules={[{ required: true, max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('surveys.settings.descriptionLabel')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="closesAt" label={t('surveys.settings.closesAt')}>
        <DatePicker showTime style={{ width: '100%', maxWidth: 280 }} />
      </Form.Item>
      <Form.Item name="onePerContact" valuePropName="checked">
        <Checkbox>{t('surveys.settings.onePerContact')}</Checkbox>
      </Form.Item>
      <Form.Item name="feedFeedback" valuePropName="checked">
        <Checkbox>{t('surveys.settings.feedFeedback')}</Checkbox>
      </Form.Item>
      {mayWrite ? (
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('actions.save')}
        </Button>
      ) : null}
    </Form>
  );
}

export function SurveyPage() {
  const { surveyId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { workspace, can } = useWorkspaceScope();
  const mayWrite = can('feedback.write');
  const survey = useSurvey(workspace.id, surveyId);
  const [waveId, setWaveId] = useState<string | undefined>(undefined);
  const results = useSurveyResults(workspace.id, surveyId, waveId);
  const update = useUpdateSurvey(workspace.id, surveyId);
  const startWave = useStartWave(workspace.id, surveyId);
  const remove = useDeleteSurvey(workspace.id, surveyId);
  const [isWaveOpen, setWaveOpen] = useState(false);
  const [waveLabel, setWaveLabel] = useState('');
  const [tab, setTab] = useState<string | undefined>(undefined);
  const onError = (error: unknown) => void message.error(errorMessage(error));

  if (survey.isLoading) return <FullPageSpin />;
  if (!survey.data)
    return survey.error ? <QueryError error={survey.error} onRetry={() => void survey.refetch()} /> : null;
  const data = survey.data;
  const link = `${window.location.origin}/survey/${data.id}`;
  const activeTab = tab ?? (data.questions.length === 0 ? 'questions' : 'results');
  const setStatus = (status: Survey['status']) => update.mutate({ status }, { onError });

  return (
    <>
      <PageHeader
        title={
          <>
            {data.title} <Tag color={STATUS_COLORS[data.status]}>{t(`surveys.status.${data.status}`)}</Tag>
          </>
        }
        extra={
          <>
            {mayWrite && data.status === 'draft' ? (
              <Button type="primary" loading={update.isPending} onClick={() => setStatus('open')}>
                {t('surveys.open')}
              </Button>
            ) : null}
            {mayWrite && data.status === 'open' ? (
              <Button loading={update.isPending} onClick={() => setStatus('closed')}>
                {t('surveys.close')}
              </Button>
            ) : null}
            {mayWrite && data.status === 'closed' ? (
              <Button loading={update.isPending} onClick={() => setStatus('open')}>
                {t('surveys.reopen')}
              </Button>
            ) : null}
            {mayWrite && data.status !== 'draft' ? (
              <Button icon={<PlusOutlined />} onClick={() => setWaveOpen(true)}>
                {t('surveys.newWave')}
              </Button>
            ) : null}
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'csv',
                    label: <a href={exportUrl(workspace.id, data.id, 'csv')}>{t('surveys.exportCsv')}</a>,
                  },
                  {
                    key: 'xlsx',
                    label: <a href={exportUrl(workspace.id, data.id, 'xlsx')}>{t('surveys.exportXlsx')}</a>,
                  },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('surveys.export')}</Button>
            </Dropdown>
            {mayWrite ? (
              <Popconfirm
                title={t('surveys.deleteConfirm')}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => void navigate(`/w/${workspace.id}/surveys`),
                    onError,
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />} aria-label={t('surveys.delete')} />
              </Popconfirm>
            ) : null}
          </>
        }
      />
      {data.status !== 'draft' ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex vertical gap={6}>
            <Typography.Text type="secondary">{t('surveys.publicLink')}</Typography.Text>
            <CopyField value={link} testId="survey-link" />
          </Flex>
        </Card>
      ) : (
        <Alert type="info" showIcon message={t('surveys.results.draft')} style={{ marginBottom: 16 }} />
      )}
      <Tabs
        activeKey={activeTab}
        onChange={setTab}
        items={[
          {
            key: 'results',
            label: t('surveys.tabs.results'),
            children: (
              <Flex vertical gap={12}>
                {data.waves.length > 1 ? (
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text type="secondary">{t('surveys.results.wave')}</Typography.Text>
                    <Segmented
                      value={waveId ?? data.waves.at(-1)?.id ?? ''}
                      onChange={(value) => setWaveId(String(value))}
                      options={data.waves.map((wave, index) => ({
                        value: wave.id,
                        label: waveName(t, wave, index),
                      }))}
                    />
                  </Flex>
                ) : null}
                {results.error ? (
                  <QueryError error={results.error} onRetry={() => void results.refetch()} />
                ) : null}
                {results.data ? <SurveyResultsView survey={data} results={results.data} /> : null}
              </Flex>
            ),
          },
          {
            key: 'questions',
            label: t('surveys.tabs.questions'),
            children: (
              <SurveyBuilder
                key={data.updatedAt}
                workspaceId={workspace.id}
                survey={data}
                mayWrite={mayWrite}
              />
            ),
          },
          {
            key: 'share',
            label: t('feedback.links.tab'),
            children: <SurveyShare workspaceId={workspace.id} survey={data} mayWrite={mayWrite} />,
          },
          {
            key: 'settings',
            label: t('surveys.tabs.settings'),
            children: (
              <SettingsForm
                key={data.updatedAt}
                workspaceId={workspace.id}
                survey={data}
                mayWrite={mayWrite}
              />
            ),
          },
        ]}
      />
      <Modal
        title={t('surveys.newWaveTitle')}
        open={isWaveOpen}
        onCancel={() => setWaveOpen(false)}
        confirmLoading={startWave.isPending}
        onOk={() =>
          startWave.mutate(waveLabel.trim(), {
            onSuccess: () => {
              setWaveOpen(false);
              setWaveLabel('');
              setWaveId(undefined);
            },
            onError,
          })
        }
      >
        <Typography.Paragraph type="secondary">{t('surveys.newWaveHelp')}</Typography.Paragraph>
        <Input
          value={waveLabel}
          maxLength={80}
          placeholder={t('surveys.waveLabel')}
          aria-label={t('surveys.waveLabel')}
          onChange={(event) => setWaveLabel(event.target.value)}
        />
      </Modal>
    </>
  );
}
