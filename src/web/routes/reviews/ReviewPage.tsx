import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ratingFromScore } from '../../../core/reviews/scorecard.ts';
import { ratingInWords } from '../../../core/reviews/templates.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiError } from '../../api/client.ts';
import {
  useReview,
  useSaveReview,
  type Answers,
  type MetricKey,
  type Overrides,
  type Review,
  type ScorecardMetric,
  type TemplateDefinition,
} from '../../features/reviews/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { ReviewLoadError, ScorecardCard, statusTag } from './shared.tsx';

type Question = TemplateDefinition['sections'][number]['questions'][number];

/**
 * Writing (or reading) one review: the template's questions section by section, and — for the reviewee and the
 * manager — the scorecard beside them, each figure with its evidence. The manager may replace a computed figure,
 * only with a written reason.
 */
export function ReviewPage() {
  const { reviewId = '' } = useParams();
  const { workspace } = useWorkspaceScope();
  const review = useReview(workspace.id, reviewId);
  if (review.isError) return <ReviewLoadError error={review.error} onRetry={() => void review.refetch()} />;
  if (!review.data) return <Card loading />;
  return <ReviewForm key={review.data.id + review.data.status} review={review.data} />;
}

function ReviewForm({ review }: { review: Review }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const save = useSaveReview(workspace.id, review.id);
  const [answers, setAnswers] = useState<Answers>(review.answers);
  const [overrides, setOverrides] = useState<Overrides>(review.kind === 'manager' ? review.overrides : {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const isManager = review.kind === 'manager';
  const canEdit = review.canEdit;
  const scorecard = review.scorecard;
  const shownOverrides = isManager ? overrides : review.managerOverrides;
  const scale = Math.max(
    5,
    ...review.definition.sections.flatMap((s) =>
      s.questions.map((q) => (q.type === 'rating' ? q.anchors.length : 0)),
    ),
  );

  useEffect(() => {
    setErrors({});
  }, [answers, overrides]);

  const setAnswer = (id: string, change: Answers[string]) =>
    setAnswers((current) => ({ ...current, [id]: { ...current[id], ...change } }));

  const submit = (isSubmitting: boolean) => {
    // An override without a reason never leaves the page: the server would refuse it anyway.
    const missing = Object.entries(overrides).filter(([, o]) => !o || o.reason.trim().length < 4);
    if (missing.length) {
      setErrors(
        Object.fromEntries(
          missing.map(([key]) => [`overrides.${key}.reason`, t('reviews.form.overrideRequired')]),
        ),
      );
      return;
    }
    save.mutate(
      { answers, ...(isManager ? { overrides } : {}), submit: isSubmitting },
      {
        onSuccess: () =>
          void message.success(isSubmitting ? t('reviews.form.submitted') : t('reviews.form.saved')),
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fields : [];
          setErrors(Object.fromEntries(fields.map((f) => [f.path, f.message])));
        },
      },
    );
  };

  const metricOf = (key: MetricKey | null | undefined): ScorecardMetric | undefined =>
    key ? scorecard?.metrics.find((m) => m.key === key) : undefined;

  const overrideControl = (metric: ScorecardMetric) => {
    if (!isManager || !canEdit) return null;
    const current = overrides[metric.key];
    const error = errors[`overrides.${metric.key}.reason`] ?? errors[`overrides.${metric.key}.score`];
    return (
      <Card
        size="small"
        style={{ marginBottom: 8, background: '#fafafa' }}
        data-testid={`override-${metric.key}`}
      >
        <Flex gap={8} align="center" wrap>
          <Switch
            size="small"
            checked={current !== undefined}
            aria-label={t('reviews.form.override')}
            onChange={(on) =>
              setOverrides((all) => {
                const next = { ...all };
                if (on) next[metric.key] = { score: metric.score ?? 0, reason: '' };
                else delete next[metric.key];
                return next;
              })
            }
          />
          <Typography.Text>{t('reviews.form.override')}</Typography.Text>
        </Flex>
        {current ? (
          <Flex vertical gap={6} style={{ marginTop: 8 }}>
            <InputNumber
              min={0}
              max={100}
              value={current.score}
              aria-label={t('reviews.form.overrideScore')}
              addonBefore={t('reviews.form.overrideScore')}
              style={{ maxWidth: 280 }}
              onChange={(value) =>
                setOverrides((all) => ({ ...all, [metric.key]: { ...current, score: Number(value ?? 0) } }))
              }
            />
            <Input.TextArea
              rows={2}
              maxLength={2000}
              value={current.reason}
              status={error ? 'error' : undefined}
              aria-label={t('reviews.form.overrideReason')}
              placeholder={t('reviews.form.overrideReasonPlaceholder')}
              onChange={(event) =>
                setOverrides((all) => ({ ...all, [metric.key]: { ...current, reason: event.target.value } }))
              }
            />
            {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
          </Flex>
        ) : null}
      </Card>
    );
  };

  return (
    <>
      <Link to={`/w/${workspace.id}/reviews/${review.cycle.id}`}>
        <ArrowLeftOutlined /> {t('reviews.backToCycle', { name: review.cycle.name })}
      </Link>
      <PageHeader
        title={
          <>
            {review.reviewee.name} · {t(`reviews.reviewKinds.${review.kind}`)}
          </>
        }
        description={
          <Flex gap={8} wrap align="center">
            {statusTag(t, review.status)}
            <Typography.Text type="secondary">{review.cycle.name}</Typography.Text>
          </Flex>
        }
      />
      {!canEdit ? (
        <Alert type="info" showIcon message={t('reviews.form.readOnly')} style={{ marginBottom: 16 }} />
      ) : null}
      <FormErrorAlert error={save.error} />
      <Row gutter={[16, 16]}>
        {scorecard ? (
          <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
            <div style={{ position: 'sticky', top: 16 }} id="scorecard">
              <ScorecardCard
                scorecard={scorecard}
                overrides={shownOverrides}
                scale={scale}
                renderOverride={overrideControl}
              />
            </div>
          </Col>
        ) : null}
        <Col xs={{ span: 24, order: 2 }} lg={{ span: scorecard ? 14 : 24, order: 1 }}>
          <Flex vertical gap={16}>
            {review.definition.sections.map((section) => (
              <Card
                key={section.id}
                title={section.title}
                size="small"
                extra={section.weight ? <Tag>{section.weight}%</Tag> : null}
              >
                <Flex vertical gap={20}>
                  {section.questions.map((question) => (
                    <QuestionField
                      key={question.id}
                      question={question}
                      answer={answers[question.id]}
                      error={errors[`answers.${question.id}`]}
                      disabled={!canEdit}
                      metric={question.type === 'rating' ? metricOf(question.metric) : undefined}
                      override={
                        question.type === 'rating' && question.metric
                          ? shownOverrides[question.metric]
                          : undefined
                      }
                      onChange={(change) => setAnswer(question.id, change)}
                    />
                  ))}
                </Flex>
              </Card>
            ))}
            {canEdit ? (
              <Flex gap={8} wrap justify="flex-end">
                <Button onClick={() => submit(false)} loading={save.isPending} data-testid="save-draft">
                  {t('reviews.form.saveDraft')}
                </Button>
                <Popconfirm
                  title={t('reviews.form.submitConfirm')}
                  onConfirm={() => submit(true)}
                  okButtonProps={{ id: 'confirm-submit' }}
                >
                  <Button type="primary" loading={save.isPending} data-testid="submit-review">
                    {t('reviews.form.submit')}
                  </Button>
                </Popconfirm>
              </Flex>
            ) : null}
          </Flex>
        </Col>
      </Row>
    </>
  );
}

function QuestionField({
  question,
  answer,
  error,
  disabled,
  metric,
  override,
  onChange,
}: {
  question: Question;
  answer: Answers[string] | undefined;
  error: string | undefined;
  disabled: boolean;
  metric: ScorecardMetric | undefined;
  override: Overrides[MetricKey] | undefined;
  onChange: (change: Answers[string]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      layout="vertical"
      label={
        <Typography.Text strong style={{ whiteSpace: 'normal' }}>
          {question.text}
        </Typography.Text>
      }
      validateStatus={error ? 'error' : undefined}
      help={error}
      style={{ marginBottom: 0 }}
      data-testid={`question-${question.id}`}
    >
      {question.type === 'rating' ? (
        <Flex vertical gap={6}>
          {metric ? (
            <a href="#scorecard" style={{ fontSize: 12 }} data-testid="metric-beside">
              {t('reviews.form.dataBeside', {
                metric: t(`reviews.metrics.${metric.key}`),
                score:
                  (override?.score ?? metric.score) === null
                    ? t('reviews.scorecard.noData')
                    : `${override?.score ?? metric.score} · ${t('reviews.scorecard.suggested', {
                        rating: ratingFromScore(override?.score ?? metric.score, question.anchors.length),
                      })}`,
              })}
            </a>
          ) : null}
          <Radio.Group
            optionType="button"
            disabled={disabled}
            value={answer?.rating}
            onChange={(event) => onChange({ rating: Number(event.target.value) })}
            options={question.anchors.map((anchor, index) => ({
              value: index + 1,
              label: String(index + 1),
              title: anchor,
            }))}
            aria-label={question.text}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {answer?.rating ? ratingInWords(answer.rating, question.anchors) : t('reviews.form.anchorHint')}
          </Typography.Text>
        </Flex>
      ) : question.type === 'text' ? (
        <Input.TextArea
          rows={3}
          maxLength={10_000}
          disabled={disabled}
          value={answer?.text ?? ''}
          aria-label={question.text}
          onChange={(event) => onChange({ text: event.target.value })}
        />
      ) : question.multiple ? (
        <Checkbox.Group
          disabled={disabled}
          value={answer?.choices ?? []}
          options={question.options}
          onChange={(values) => onChange({ choices: values.map(String) })}
        />
      ) : (
        <Radio.Group
          disabled={disabled}
          value={answer?.choices?.[0]}
          options={question.options}
          onChange={(event) => onChange({ choices: [String(event.target.value)] })}
        />
      )}
    </Form.Item>
  );
}
