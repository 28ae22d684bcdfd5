import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  List,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CommentsPanel } from '../../features/comments/CommentsPanel.tsx';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  useClusters,
  useFeedbackItem,
  useInbox,
  useMergeItems,
  useMoveItem,
  useStartProcess,
  useUpdateItem,
  type FeedbackDetail,
} from '../../features/feedback/hooks.ts';
import { useMembers } from '../../features/members/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import { STATUS_COLORS } from './FeedbackInboxPage.tsx';

const STATUSES = ['new', 'triaged', 'planned', 'in_progress', 'done', 'declined'] as const;
type Status = (typeof STATUSES)[number];

export function FeedbackItemPage() {
  const { itemId = '' } = useParams();
  const { workspace } = useWorkspaceScope();
  const item = useFeedbackItem(workspace.id, itemId);
  if (item.error) return <QueryError error={item.error} onRetry={() => void item.refetch()} />;
  if (!item.data) return <FullPageSpin />;
  return <ItemView item={item.data} />;
}

function ItemView({ item }: { item: FeedbackDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const mayWrite = can('feedback.write');
  const members = useMembers(workspace.id);
  const clusters = useClusters(workspace.id, false);
  const update = useUpdateItem(workspace.id, item.id);
  const start = useStartProcess(workspace.id, item.id);
  const move = useMoveItem(workspace.id, item.id);
  const merge = useMergeItems(workspace.id, item.id);
  const [status, setStatus] = useState<Status>(item.status);
  const [note, setNote] = useState('');
  const [duplicates, setDuplicates] = useState<string[]>([]);
  const [duplicateSearch, setDuplicateSearch] = useState('');
  const candidates = useInbox(workspace.id, { q: duplicateSearch || undefined, limit: 20 });
  const onError = (error: unknown) => void message.error(errorMessage(error));

  return (
    <>
      <Link to={`/w/${workspace.id}/feedback`}>
        <ArrowLeftOutlined /> {t('feedback.item.back')}
      </Link>
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ margin: '12px 0 24px' }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }}>
            {item.title}
          </Typography.Title>
          <Space wrap style={{ marginTop: 8 }}>
            <Tag color={STATUS_COLORS[item.status]}>{t(`feedback.status.${item.status}`)}</Tag>
            <Tag>{t(`feedback.channel.${item.channel}`)}</Tag>
            {item.category ? <Tag>{item.category}</Tag> : null}
            {item.sentiment ? <Tag>{t(`feedback.sentiment.${item.sentiment}`)}</Tag> : null}
            <Typography.Text type="secondary">
              {t('feedback.item.votes', { count: item.votes })}
            </Typography.Text>
          </Space>
        </div>
        {mayWrite ? (
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={start.isPending}
            onClick={() =>
              start.mutate(undefined, {
                onSuccess: () => void message.success(t('feedback.item.processStarted')),
                onError,
              })
            }
          >
            {t('feedback.item.startProcess')}
          </Button>
        ) : null}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {item.body}
            </Typography.Paragraph>
            {item.resolution ? (
              <Descriptions
                size="small"
                column={1}
                items={[{ key: 'r', label: t('feedback.item.resolution'), children: item.resolution }]}
              />
            ) : null}
          </Card>
          {mayWrite ? (
            <Card title={t('feedback.item.changeStatus')} style={{ marginTop: 16 }}>
              <Flex vertical gap={8}>
                <Select
                  allowClear
                  placeholder={t('feedback.item.assignee')}
                  aria-label={t('feedback.item.assignee')}
                  value={item.assignee?.id}
                  onChange={(assigneeId?: string) =>
                    update.mutate({ assigneeId: assigneeId ?? null }, { onError })
                  }
                  options={(members.data ?? []).map((member) => ({
                    value: member.userId,
                    label: member.name,
                  }))}
                  style={{ maxWidth: 240 }}
                />
                <Select
                  value={status}
                  onChange={setStatus}
                  options={STATUSES.map((value) => ({ value, label: t(`feedback.status.${value}`) }))}
                  aria-label={t('feedback.item.changeStatus')}
                  style={{ maxWidth: 240 }}
                />
                <Input.TextArea
                  rows={3}
                  value={note}
                  onChange={(event) => setNote(event.target.value)}
                  placeholder={t('feedback.item.note')}
                  aria-label={t('feedback.item.note')}
                />
                <Button
                  type="primary"
                  style={{ alignSelf: 'flex-start' }}
                  loading={update.isPending}
                  disabled={status === item.status && !note.trim()}
                  onClick={() =>
                    update.mutate(
                      { status, ...(note.trim() && { note: note.trim() }) },
                      {
                        onSuccess: () => {
                          setNote('');
                          void message.success(t('feedback.item.saved'));
                        },
                        onError,
                      },
                    )
                  }
                >
                  {t('feedback.item.save')}
                </Button>
              </Flex>
            </Card>
          ) : null}
          <Card title={t('feedback.item.history')} style={{ marginTop: 16 }}>
            <Timeline
              items={item.history.map((entry) => ({
                key: entry.id,
                children: (
                  <>
                    <Typography.Text strong>{t(`feedback.status.${entry.toStatus}`)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {entry.actor?.name ?? ''} · {format.dateTime(entry.createdAt)}
                    </Typography.Text>
                    {entry.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{entry.note}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
          <div style={{ marginTop: 16 }}>
            <CommentsPanel targetType="feedback" targetId={item.id} />
          </div>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('feedback.item.submitters')}>
            {item.submitters.length === 0 ? (
              <Typography.Text type="secondary">{t('feedback.item.noSubmitters')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={item.submitters}
                renderItem={(contact) => (
                  <List.Item>
                    {contact.name ?? ''}{' '}
                    {contact.email ? (
                      <Typography.Text type="secondary">{contact.email}</Typography.Text>
                    ) : null}
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card title={t('feedback.item.cluster')} style={{ marginTop: 16 }}>
            <Select
              style={{ width: '100%' }}
              disabled={!mayWrite}
              aria-label={t('feedback.item.moveTo')}
              value={item.cluster?.id ?? ''}
              onChange={(value: string) => move.mutate(value || null, { onError })}
              options={[
                { value: '', label: t('feedback.item.noCluster') },
                ...(clusters.data?.clusters ?? []).map((cluster) => ({
                  value: cluster.id,
                  label: cluster.label,
                })),
              ]}
            />
          </Card>
          <Card title={t('feedback.item.links')} style={{ marginTop: 16 }}>
            {item.links.length === 0 ? (
              <Typography.Text type="secondary">{t('feedback.item.noLinks')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={item.links}
                renderItem={(link) => (
                  <List.Item>
                    <Link
                      to={
                        link.targetType === 'run'
                          ? `/w/${workspace.id}/runs/${link.targetId}`
                          : `/w/${workspace.id}/tasks?task=${link.targetId}`
                      }
                    >
                      {link.title}
                    </Link>
                    <Tag>{link.status}</Tag>
                  </List.Item>
                )}
              />
            )}
          </Card>
          {mayWrite ? (
            <Card title={t('feedback.item.merge')} style={{ marginTop: 16 }}>
              <Typography.Paragraph type="secondary">{t('feedback.item.mergeHint')}</Typography.Paragraph>
              <Select
                mode="multiple"
                style={{ width: '100%' }}
                showSearch
                filterOption={false}
                onSearch={setDuplicateSearch}
                value={duplicates}
                onChange={setDuplicates}
                aria-label={t('feedback.item.merge')}
                options={(candidates.data?.items ?? [])
                  .filter((candidate) => candidate.id !== item.id)
                  .map((candidate) => ({ value: candidate.id, label: candidate.title }))}
              />
              <Button
                style={{ marginTop: 8 }}
                disabled={duplicates.length === 0}
                loading={merge.isPending}
                onClick={() =>
                  merge.mutate(duplicates, {
                    onSuccess: () => {
                      void message.success(t('feedback.item.merged', { count: duplicates.length }));
                      setDuplicates([]);
                    },
                    onError,
                  })
                }
              >
                {t('feedback.item.merge')}
              </Button>
              {item.duplicates.length > 0 ? (
                <List
                  size="small"
                  header={t('feedback.item.duplicates')}
                  dataSource={item.duplicates}
                  renderItem={(duplicate) => <List.Item>{duplicate.title}</List.Item>}
                />
              ) : null}
            </Card>
          ) : null}
          <Card title={t('feedback.item.ratings')} style={{ marginTop: 16 }}>
            {item.ratings.length === 0 ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={item.ratings}
                renderItem={(rating) => (
                  <List.Item>
                    {rating.rating
                      ? t('feedback.item.rated', { score: rating.rating })
                      : t('feedback.item.waiting')}
                    <Typography.Text type="secondary">
                      {format.dateTime(rating.ratedAt ?? rating.sentAt)}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
