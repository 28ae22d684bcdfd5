import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, CheckOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ratingInWords } from '../../../core/reviews/templates.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMe } from '../../features/account/hooks.ts';
import { useMembers } from '../../features/members/hooks.ts';
import {
  useAcknowledge,
  useAddPeer,
  useParticipant,
  useReviewExport,
  useSignOff,
  type MetricKey,
  type ReviewParticipant,
} from '../../features/reviews/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { ReviewComments } from './ReviewComments.tsx';
import { ReviewLoadError, ScorecardCard, scaleOf, statusTag } from './shared.tsx';

/** One person's review: scorecard with evidence, the reviews the caller may see, the result and its sign-off. */
export function ParticipantPage() {
  const { t } = useTranslation();
  const { participantId = '' } = useParams();
  const { workspace } = useWorkspaceScope();
  const participant = useParticipant(workspace.id, participantId);
  const download = useReviewExport(workspace.id);
  const { message } = App.useApp();
  const format = useFormatters();
  if (participant.isError)
    return <ReviewLoadError error={participant.error} onRetry={() => void participant.refetch()} />;
  const data = participant.data;
  if (!data) return <Card loading />;
  const scale = scaleOf(data.definition);

  return (
    <>
      <Link to={`/w/${workspace.id}/reviews/${data.cycle.id}`}>
        <ArrowLeftOutlined /> {t('reviews.backToCycle', { name: data.cycle.name })}
      </Link>
      <PageHeader
        title={t('reviews.person.title', { name: data.reviewee.name })}
        extra={
          <Button
            icon={<FilePdfOutlined />}
            loading={download.isPending}
            data-testid="export-pdf"
            onClick={() =>
              download.mutate(
                {
                  participantId: data.id,
                  fileName: `${t('reviews.person.title', { name: data.reviewee.name })}.pdf`,
                },
                { onError: (error) => void message.error(error.message) },
              )
            }
          >
            {t('reviews.exportPdf')}
          </Button>
        }
        description={
          <Flex gap={8} wrap align="center">
            <Tag color={data.cycle.stage === 'closed' ? 'default' : 'blue'}>
              {t(`reviews.stages.${data.cycle.stage}`)}
            </Tag>
            <Typography.Text type="secondary">
              {t('reviews.period', {
                start: format.day(data.cycle.periodStart),
                end: format.day(data.cycle.periodEnd),
              })}
            </Typography.Text>
            {data.manager ? (
              <Typography.Text type="secondary">
                {t('reviews.person.manager', { name: data.manager.name })}
              </Typography.Text>
            ) : null}
          </Flex>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <ResultCard participant={data} scale={scale} />
            <ReviewsList participant={data} />
            <AddPeer participant={data} />
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            {data.scorecard ? (
              <div id="scorecard">
                <ScorecardCard
                  scorecard={data.scorecard}
                  overrides={data.overrides}
                  scale={scale}
                  computedAt={data.scorecardAt}
                />
              </div>
            ) : null}
            <ReviewComments participantId={data.id} isVisible={data.scorecard !== null || data.canManage} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}

function ResultCard({ participant, scale }: { participant: ReviewParticipant; scale: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace } = useWorkspaceScope();
  const { data: me } = useMe();
  const signOff = useSignOff(workspace.id, participant.id);
  const acknowledge = useAcknowledge(workspace.id, participant.id);
  const [note, setNote] = useState('');
  const isReviewee = me?.user.id === participant.reviewee.id;
  const mayAcknowledge =
    isReviewee && participant.signedOffAt !== null && participant.acknowledgedAt === null;
  const maySignOff =
    participant.canManage &&
    participant.signedOffAt === null &&
    participant.cycle.stage === 'sign_off' &&
    participant.finalRating !== null;
  return (
    <Card size="small" title={t('reviews.person.final')} data-testid="result-card">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'rating',
            label: t('reviews.person.finalRating'),
            children:
              participant.finalRating === null ? (
                <Typography.Text type="secondary">{t('reviews.person.notFinal')}</Typography.Text>
              ) : (
                <Typography.Text strong data-testid="final-rating">
                  {t('reviews.ratingOf', { value: participant.finalRating, scale })}
                </Typography.Text>
              ),
          },
          ...(participant.dataRating !== null
            ? [
                {
                  key: 'data',
                  label: t('reviews.columns.data'),
                  children: t('reviews.ratingOf', { value: participant.dataRating, scale }),
                },
              ]
            : []),
          ...(participant.finalComment
            ? [
                {
                  key: 'comment',
                  label: t('reviews.person.finalComment'),
                  children: (
                    <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {participant.finalComment}
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        {participant.signedOffAt !== null ? (
          <Tag color="blue" icon={<CheckOutlined />} style={{ width: 'fit-content' }}>
            {t('reviews.person.signedOffAt', { time: format.dateTime(participant.signedOffAt) })}
          </Tag>
        ) : null}
        {participant.acknowledgedAt !== null ? (
          <Tag
            color="green"
            icon={<CheckOutlined />}
            style={{ width: 'fit-content' }}
            data-testid="acknowledged"
          >
            {t('reviews.person.acknowledgedAt', { time: format.dateTime(participant.acknowledgedAt) })}
          </Tag>
        ) : null}
        {participant.acknowledgement ? (
          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
            {t('reviews.person.acknowledgement', { note: participant.acknowledgement })}
          </Typography.Text>
        ) : null}
        {maySignOff ? (
          <Popconfirm
            title={t('reviews.person.signOffConfirm')}
            okButtonProps={{ id: 'confirm-sign-off' }}
            onConfirm={() => signOff.mutate(undefined, { onError: (e) => void message.error(e.message) })}
          >
            <Button
              type="primary"
              loading={signOff.isPending}
              data-testid="sign-off"
              style={{ width: 'fit-content' }}
            >
              {t('reviews.person.signOff')}
            </Button>
          </Popconfirm>
        ) : null}
        {mayAcknowledge ? (
          <Flex vertical gap={8}>
            <Input.TextArea
              rows={2}
              maxLength={2000}
              value={note}
              placeholder={t('reviews.person.acknowledgeNote')}
              aria-label={t('reviews.person.acknowledgeNote')}
              onChange={(event) => setNote(event.target.value)}
            />
            <Button
              type="primary"
              loading={acknowledge.isPending}
              onClick={() => acknowledge.mutate(note, { onError: (e) => void message.error(e.message) })}
              data-testid="acknowledge"
              style={{ width: 'fit-content' }}
            >
              {t('reviews.person.acknowledge')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

function ReviewsList({ participant }: { participant: ReviewParticipant }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const { data: me } = useMe();
  const isReviewee = me?.user.id === participant.reviewee.id;
  const questions = participant.definition.sections.flatMap((s) => s.questions);
  return (
    <Card size="small" title={t('reviews.person.reviewsTitle')}>
      {isReviewee && participant.signedOffAt === null && participant.cycle.stage !== 'closed' ? (
        <Alert
          type="info"
          showIcon
          message={t('reviews.person.hiddenUntilSignOff')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {participant.reviewDetails.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      <Flex vertical gap={12}>
        {participant.reviewDetails.map((review) => {
          const mine = review.reviewer?.id === me?.user.id;
          return (
            <Card
              key={review.id}
              size="small"
              type="inner"
              data-testid={`review-${review.kind}`}
              title={
                <Flex gap={8} wrap align="center">
                  <Tag>{t(`reviews.reviewKinds.${review.kind}`)}</Tag>
                  <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                    {review.reviewer ? review.reviewer.name : t('reviews.form.anonymous')}
                  </Typography.Text>
                  {statusTag(t, review.status)}
                </Flex>
              }
              extra={
                mine ? (
                  <Link to={`/w/${workspace.id}/reviews/r/${review.id}`}>
                    {review.status === 'submitted' ? t('reviews.read') : t('reviews.write')}
                  </Link>
                ) : null
              }
            >
              {review.score !== null ? (
                <Typography.Text strong>
                  {t('reviews.form.weighted', { score: review.score })}
                </Typography.Text>
              ) : null}
              {review.status === 'pending' ? (
                <Typography.Text type="secondary">{t('reviews.person.notSubmitted')}</Typography.Text>
              ) : (
                <Flex vertical gap={6} style={{ marginTop: 6 }}>
                  {questions.map((question) => {
                    const answer = review.answers[question.id];
                    const value =
                      question.type === 'rating'
                        ? answer?.rating
                          ? ratingInWords(answer.rating, question.anchors)
                          : null
                        : question.type === 'text'
                          ? answer?.text?.trim() || null
                          : answer?.choices?.length
                            ? answer.choices.join('、')
                            : null;
                    return (
                      <div key={question.id}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {question.text}
                        </Typography.Text>
                        <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                          {value ?? (
                            <Typography.Text type="secondary">
                              {t('reviews.form.notAnswered')}
                            </Typography.Text>
                          )}
                        </div>
                      </div>
                    );
                  })}
                  {Object.entries(review.overrides).map(([key, override]) =>
                    override ? (
                      <Typography.Text
                        key={key}
                        type="warning"
                        style={{ fontSize: 12, overflowWrap: 'anywhere' }}
                      >
                        {t(`reviews.metrics.${key as MetricKey}`)} ·{' '}
                        {t('reviews.scorecard.overridden', { score: override.score })} ·{' '}
                        {t('reviews.scorecard.overrideReason', { reason: override.reason })}
                      </Typography.Text>
                    ) : null,
                  )}
                </Flex>
              )}
            </Card>
          );
        })}
      </Flex>
    </Card>
  );
}

/** The reviewee chooses peers, their manager assigns them, while the self and peer stages run. */
function AddPeer({ participant }: { participant: ReviewParticipant }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const { data: me } = useMe();
  const members = useMembers(workspace.id);
  const add = useAddPeer(workspace.id, participant.id);
  const [reviewerId, setReviewerId] = useState<string | undefined>();
  const isReviewee = me?.user.id === participant.reviewee.id;
  const isOpen =
    (isReviewee || participant.canManage) &&
    participant.signedOffAt === null &&
    (participant.cycle.stage === 'self' || participant.cycle.stage === 'peer');
  if (!isOpen) return null;
  const taken = new Set([
    participant.reviewee.id,
    participant.manager?.id ?? '',
    ...participant.reviewDetails.flatMap((r) => (r.kind === 'peer' && r.reviewer ? [r.reviewer.id] : [])),
  ]);
  return (
    <Card size="small" title={t('reviews.person.addPeer')}>
      <Flex gap={8} wrap>
        <Select
          style={{ flex: '1 1 200px', minWidth: 0 }}
          value={reviewerId}
          showSearch
          optionFilterProp="label"
          aria-label={t('reviews.person.addPeer')}
          options={(members.data ?? [])
            .filter((m) => m.role !== 'viewer' && !taken.has(m.userId))
            .map((m) => ({ value: m.userId, label: m.name }))}
          onChange={setReviewerId}
        />
        <Button
          disabled={!reviewerId}
          loading={add.isPending}
          onClick={() =>
            reviewerId &&
            add.mutate(reviewerId, {
              onSuccess: () => {
                setReviewerId(undefined);
                void message.success(t('reviews.person.peerAdded'));
              },
              onError: (e) => void message.error(e.message),
            })
          }
        >
          {t('reviews.person.addPeer')}
        </Button>
      </Flex>
    </Card>
  );
}
