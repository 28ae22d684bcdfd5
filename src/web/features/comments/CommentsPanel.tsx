import { useMemo, useState } from 'react';
import {
  App,
  Avatar,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Mentions,
  Popconfirm,
  Popover,
  Space,
  Spin,
  Typography,
} from 'antd';
import { HistoryOutlined, SmileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_COMMENT_LENGTH, REACTIONS, type CommentTarget } from '../../../core/comments/index.ts';
import { errorMessage } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useActionLabel } from '../audit/useActionLabel.ts';
import { useMembers } from '../members/hooks.ts';
import { useWorkspaceScope } from '../workspaces/WorkspaceContext.ts';
import {
  useCreateComment,
  useDeleteComment,
  useObjectTimeline,
  useToggleReaction,
  useUpdateComment,
  type Comment,
  type TimelineItem,
} from './hooks.ts';

type Props = {
  targetType: CommentTarget;
  targetId: string;
  /** Without a card around it, for drawers that already frame it. */
  isBare?: boolean;
};

/**
 * Comments and changes of one goal, key result, KPI, task or case: write in Markdown, @mention members
 * (the token `@[name](user:ID)` is what the server reads), edit or delete your own, react.
 */
export function CommentsPanel({ targetType, targetId, isBare = false }: Props) {
  const { t } = useTranslation();
  const { workspace, can } = useWorkspaceScope();
  const timeline = useObjectTimeline(workspace.id, targetType, targetId);
  const mayWrite = can('comments.write');

  const body = (
    <Flex vertical gap={16} data-testid="comments-panel">
      {mayWrite ? <Composer targetType={targetType} targetId={targetId} /> : null}
      {timeline.isError ? (
        <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.isLoading ? (
        <Flex justify="center">
          <Spin />
        </Flex>
      ) : (
        <List
          dataSource={timeline.data ?? []}
          locale={{ emptyText: <Empty description={t('comments.empty')} /> }}
          renderItem={(item) => <Entry item={item} targetType={targetType} targetId={targetId} />}
        />
      )}
    </Flex>
  );
  if (isBare) return body;
  return <Card title={t('comments.title')}>{body}</Card>;
}

/** The Markdown box with @ autocomplete over the workspace's members. */
function MentionBox({
  value,
  onChange,
  autoFocus = false,
}: {
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceScope();
  const members = useMembers(workspace.id);
  const options = useMemo(
    () =>
      (members.data ?? []).map((member) => ({
        // What is inserted after "@": the token the server resolves by id, whatever the name.
        value: `[${member.name.replace(/[[\]]/g, '')}](user:${member.userId})`,
        label: `${member.name} · ${member.email}`,
        key: member.userId,
        search: `${member.name} ${member.email}`.toLowerCase(),
      })),
    [members.data],
  );
  return (
    <Mentions
      value={value}
      onChange={onChange}
      autoFocus={autoFocus}
      autoSize={{ minRows: 2, maxRows: 10 }}
      placeholder={t('comments.placeholder')}
      aria-label={t('comments.placeholder')}
      data-testid="comment-input"
      options={options.map(({ value: token, label, key }) => ({ value: token, label, key }))}
      filterOption={(input, option) =>
        options.find((entry) => entry.value === option.value)?.search.includes(input.toLowerCase()) ?? false
      }
    />
  );
}

function Composer({ targetType, targetId }: { targetType: CommentTarget; targetId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const [text, setText] = useState('');
  const create = useCreateComment(workspace.id, targetType, targetId);
  const isTooLong = text.length > MAX_COMMENT_LENGTH;

  const submit = () =>
    create.mutate(text, {
      onSuccess: () => setText(''),
      onError: (error) => void message.error(errorMessage(error)),
    });

  return (
    <Flex vertical gap={8}>
      <MentionBox value={text} onChange={setText} />
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type={isTooLong ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {isTooLong ? t('comments.tooLong', { limit: MAX_COMMENT_LENGTH }) : t('comments.hint')}
        </Typography.Text>
        <Button
          type="primary"
          onClick={submit}
          loading={create.isPending}
          disabled={text.trim() === '' || isTooLong}
          data-testid="comment-submit"
        >
          {t('comments.submit')}
        </Button>
      </Flex>
    </Flex>
  );
}

function Entry({
  item,
  targetType,
  targetId,
}: {
  item: TimelineItem;
  targetType: CommentTarget;
  targetId: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const actionLabel = useActionLabel();
  if (item.comment) {
    return <CommentEntry comment={item.comment} targetType={targetType} targetId={targetId} />;
  }
  const change = item.change;
  if (!change) return null;
  return (
    <List.Item data-testid="timeline-change">
      <Flex gap={8} align="baseline" wrap style={{ fontSize: 13 }}>
        <HistoryOutlined style={{ color: '#8c8c8c' }} />
        <Typography.Text type="secondary">
          {t('comments.changed', {
            name: change.actor?.name ?? t('comments.system'),
            action: actionLabel(change.action),
          })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {format.relative(change.createdAt, Date.now())}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

function CommentEntry({
  comment,
  targetType,
  targetId,
}: {
  comment: Comment;
  targetType: CommentTarget;
  targetId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const [draft, setDraft] = useState<string | null>(null);
  const update = useUpdateComment(workspace.id, targetType, targetId);
  const remove = useDeleteComment(workspace.id, targetType, targetId);
  const react = useToggleReaction(workspace.id, targetType, targetId);
  const mayWrite = can('comments.write');
  const mayDelete = mayWrite && (comment.isMine || can('comments.moderate'));
  const name = comment.author?.name ?? t('comments.formerMember');

  const onError = (error: unknown) => void message.error(errorMessage(error));

  return (
    <List.Item data-testid="comment">
      <Flex gap={12} style={{ width: '100%', minWidth: 0 }}>
        <Avatar style={{ background: '#2f54eb', flex: 'none' }}>{name.slice(0, 1).toUpperCase()}</Avatar>
        <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Flex gap={8} align="baseline" wrap>
            <Typography.Text strong>{name}</Typography.Text>
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12 }}
              title={format.dateTime(comment.createdAt)}
            >
              {format.relative(comment.createdAt, Date.now())}
              {comment.editedAt ? ` · ${t('comments.edited')}` : ''}
            </Typography.Text>
          </Flex>
          {draft !== null ? (
            <Flex vertical gap={8}>
              <MentionBox value={draft} onChange={setDraft} autoFocus />
              <Space>
                <Button
                  type="primary"
                  size="small"
                  loading={update.isPending}
                  disabled={draft.trim() === '' || draft.length > MAX_COMMENT_LENGTH}
                  onClick={() =>
                    update.mutate(
                      { commentId: comment.id, body: draft },
                      { onSuccess: () => setDraft(null), onError },
                    )
                  }
                >
                  {t('actions.save')}
                </Button>
                <Button size="small" onClick={() => setDraft(null)}>
                  {t('actions.cancel')}
                </Button>
              </Space>
            </Flex>
          ) : (
            <Typography>
              {/* Rendered on the server from Markdown with raw HTML off and unsafe links refused. */}
              <div
                className="markdown-body comment-body"
                data-testid="comment-body"
                style={{ overflowWrap: 'anywhere' }}
                dangerouslySetInnerHTML={{ __html: comment.html }}
              />
            </Typography>
          )}
          <Flex gap={4} align="center" wrap>
            {comment.reactions.map((reaction) => (
              <Button
                key={reaction.emoji}
                size="small"
                type={reaction.isMine ? 'primary' : 'default'}
                ghost={reaction.isMine}
                disabled={!mayWrite}
                aria-pressed={reaction.isMine}
                onClick={() => {
                  const emoji = REACTIONS.find((known) => known === reaction.emoji);
                  if (emoji) react.mutate({ commentId: comment.id, emoji }, { onError });
                }}
              >
                {reaction.emoji} {reaction.count}
              </Button>
            ))}
            {mayWrite ? (
              <Popover
                trigger="click"
                content={
                  <Space>
                    {REACTIONS.map((emoji) => (
                      <Button
                        key={emoji}
                        type="text"
                        aria-label={emoji}
                        onClick={() => react.mutate({ commentId: comment.id, emoji }, { onError })}
                      >
                        {emoji}
                      </Button>
                    ))}
                  </Space>
                }
              >
                <Button size="small" type="text" icon={<SmileOutlined />} aria-label={t('comments.react')} />
              </Popover>
            ) : null}
            {comment.isMine && mayWrite && draft === null ? (
              <Button size="small" type="link" onClick={() => setDraft(comment.body)}>
                {t('actions.edit')}
              </Button>
            ) : null}
            {mayDelete ? (
              <Popconfirm
                title={t('comments.deleteConfirm')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutate(comment.id, { onError })}
              >
                <Button size="small" type="link" danger loading={remove.isPending}>
                  {t('actions.remove')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Flex>
      </Flex>
    </List.Item>
  );
}
