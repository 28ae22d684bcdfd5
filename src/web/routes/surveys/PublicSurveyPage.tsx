import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Input, Radio, Rate, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { visibleQuestions, type Answers } from '../../../core/surveys/index.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { LanguageSwitch } from '../../features/account/LanguageSwitch.tsx';
import { useEmbed } from '../../features/embed/useEmbed.ts';
import {
  usePublicSurvey,
  useSubmitResponse,
  type PublicSurvey,
  type SurveyQuestion,
} from '../../features/surveys/hooks.ts';

function Frame({
  title,
  isEmbedded = false,
  children,
}: {
  title: string;
  isEmbedded?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: isEmbedded ? 12 : '24px 16px' }}>
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={isEmbedded ? 4 : 3} style={{ margin: 0, wordBreak: 'break-word' }}>
          {title}
        </Typography.Title>
        {isEmbedded ? null : <LanguageSwitch size="small" />}
      </Flex>
      {children}
    </div>
  );
}

function NpsScale({ value, onChange }: { value: number | undefined; onChange: (value: number) => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4}>
      <Radio.Group
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
        optionType="button"
        buttonStyle="solid"
        style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
        options={Array.from({ length: 11 }, (_, score) => ({ value: score, label: String(score) }))}
      />
      <Flex justify="space-between">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          0 · {t('publicSurvey.npsLow')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('publicSurvey.npsHigh')} · 10
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

function AnswerInput({
  question,
  value,
  onChange,
}: {
  question: SurveyQuestion;
  value: Answers[string] | undefined;
  onChange: (value: Answers[string]) => void;
}) {
  const options = (question.options ?? []).map((option) => ({ value: option.id, label: option.label }));
  switch (question.type) {
    case 'single':
      return (
        <Radio.Group
          value={value}
          options={options}
          onChange={(event) => onChange(String(event.target.value))}
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        />
      );
    case 'multiple':
      return (
        <Checkbox.Group
          value={Array.isArray(value) ? value : []}
          options={options}
          onChange={(values) => onChange(values.map(String))}
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        />
      );
    case 'rating':
      return <Rate value={typeof value === 'number' ? value : 0} onChange={(score) => onChange(score)} />;
    case 'nps':
      return <NpsScale value={typeof value === 'number' ? value : undefined} onChange={onChange} />;
    case 'text':
      return (
        <Input.TextArea
          rows={3}
          maxLength={5000}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'matrix': {
      const answer = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
      return (
        <Flex vertical gap={10}>
          {(question.rows ?? []).map((row) => (
            <Flex key={row.id} vertical gap={4}>
              <Typography.Text>{row.label}</Typography.Text>
              <Radio.Group
                value={answer[row.id]}
                options={options}
                optionType="button"
                style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
                onChange={(event) => onChange({ ...answer, [row.id]: String(event.target.value) })}
              />
            </Flex>
          ))}
        </Flex>
      );
    }
  }
}

function SurveyForm({ survey, token }: { survey: PublicSurvey; token: string | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmitResponse(survey.id);
  const [answers, setAnswers] = useState<Answers>({});
  const [email, setEmail] = useState('');
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const visible = useMemo(() => visibleQuestions(survey.questions, answers), [survey.questions, answers]);

  if (submit.isSuccess) return <Result status="success" title={t('publicSurvey.thanks')} />;

  const send = () => {
    const missing = Object.fromEntries(
      visible
        .filter((question) => question.required && answers[question.id] === undefined)
        .map((question) => [`answers.${question.id}`, t('publicSurvey.required')]),
    );
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    const shown = Object.fromEntries(
      visible
        .filter((question) => answers[question.id] !== undefined)
        .map((question) => [question.id, answers[question.id]]),
    ) as Answers;
    submit.mutate(
      {
        answers: shown,
        ...(email && !survey.contactEmail ? { email } : {}),
        ...(website ? { website } : {}),
        ...(token ? { token } : {}),
      },
      {
        onError: (error) => {
          if (error instanceof ApiError && error.fields.length > 0) {
            setErrors(Object.fromEntries(error.fields.map((field) => [field.path, field.message])));
          }
          void message.error(errorMessage(error));
        },
      },
    );
  };

  let section: string | undefined;
  return (
    <Flex vertical gap={12}>
      {survey.description ? (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {survey.description}
        </Typography.Paragraph>
      ) : null}
      {visible.map((question, index) => {
        const heading = question.section && question.section !== section ? question.section : null;
        section = question.section || section;
        const error = errors[`answers.${question.id}`];
        return (
          <Flex vertical gap={8} key={question.id}>
            {heading ? (
              <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
                {heading}
              </Typography.Title>
            ) : null}
            <Card size="small" data-testid="public-question">
              <Flex vertical gap={8}>
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                  {index + 1}. {question.title}
                  {question.required ? <span style={{ color: '#ff4d4f' }}> *</span> : null}
                </Typography.Text>
                <AnswerInput
                  question={question}
                  value={answers[question.id]}
                  onChange={(value) => setAnswers((current) => ({ ...current, [question.id]: value }))}
                />
                {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
              </Flex>
            </Card>
          </Flex>
        );
      })}
      {survey.contactEmail ? (
        <Typography.Text type="secondary" data-testid="survey-answering-as">
          {t('feedback.links.answeringAs', { email: survey.contactEmail })}
        </Typography.Text>
      ) : survey.viaLink ? null : (
        <Card size="small">
          <Flex vertical gap={6}>
            <Typography.Text>
              {survey.onePerContact ? t('publicSurvey.email') : t('publicSurvey.emailOptional')}
            </Typography.Text>
            <Input
              type="email"
              autoComplete="email"
              value={email}
              status={errors.email ? 'error' : undefined}
              aria-label={t('publicSurvey.email')}
              onChange={(event) => setEmail(event.target.value)}
            />
            {errors.email ? <Typography.Text type="danger">{errors.email}</Typography.Text> : null}
          </Flex>
        </Card>
      )}
      {/* The honeypot: hidden from people (and from screen readers), filled by robots. */}
      <div
        aria-hidden="true"
        style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}
      >
        <label>
          {t('publicSurvey.honeypot')}
          <input
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(event) => setWebsite(event.target.value)}
          />
        </label>
      </div>
      <Button type="primary" size="large" loading={submit.isPending} onClick={send}>
        {t('publicSurvey.submit')}
      </Button>
    </Flex>
  );
}

/** A survey's public link: no login, the questions with their skip rules applied as the respondent answers. */
export function PublicSurveyPage({ isEmbedded = false }: { isEmbedded?: boolean }) {
  const { surveyId = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('t') ?? undefined;
  const { t } = useTranslation();
  const survey = usePublicSurvey(surveyId, token);
  if (survey.isLoading) return <FullPageSpin />;
  if (!survey.data) {
    return (
      <Frame title="OpsPlan" isEmbedded={isEmbedded}>
        <Alert
          type="warning"
          message={survey.error ? errorMessage(survey.error) : t('publicSurvey.notFound')}
        />
      </Frame>
    );
  }
  return (
    <Frame title={survey.data.title} isEmbedded={isEmbedded}>
      <Typography.Paragraph type="secondary">
        {t('publicSurvey.by', { name: survey.data.workspaceName })}
      </Typography.Paragraph>
      <SurveyForm survey={survey.data} token={token} />
    </Frame>
  );
}

/** A survey for other sites to frame (`/embed/survey/:surveyId`, loaded by /embed.js or an iframe). */
export function EmbedSurveyPage() {
  useEmbed();
  return <PublicSurveyPage isEmbedded />;
}
